//! Progress as a stream of typed events, and cancellation. The desktop shell forwards events to
//! the UI (a Tauri `Channel`); the CLI prints them on stderr.

use super::report::{BenchReport, MirrorResult, ProbeError, RequestKind, RequestTimings};
use serde::Serialize;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use ts_rs::TS;

/// A mirror as announced at the start.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct MirrorRef {
    pub name: String,
    pub url: String,
}

/// One step of a benchmark, in the order they happen.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "event", rename_all = "snake_case")]
#[ts(export)]
pub enum BenchEvent {
    /// The run began; `planned_requests` counts the metadata requests of the concurrent pass.
    Started {
        mirrors: Vec<MirrorRef>,
        planned_requests: u32,
        deadline_ms: f64,
    },
    /// One request finished (or failed).
    Probe {
        mirror: String,
        kind: RequestKind,
        /// `path@version`, absent for the checksum-database request.
        #[ts(optional)]
        #[serde(skip_serializing_if = "Option::is_none")]
        module: Option<String>,
        #[ts(optional)]
        #[serde(skip_serializing_if = "Option::is_none")]
        timings: Option<RequestTimings>,
        #[ts(optional)]
        #[serde(skip_serializing_if = "Option::is_none")]
        error: Option<ProbeError>,
    },
    /// How many metadata requests have finished, of those planned. Not sent by the engine:
    /// [`super::throttle::throttled`] sends it in place of the probe events it holds back.
    Progress { done: u32, planned: u32 },
    /// A mirror's concurrent pass is over (statistics without score yet).
    MirrorDone { result: MirrorResult },
    /// The ranking and recommendation.
    Finished { report: BenchReport },
}

/// Receives events; called from the engine's tasks, so it must be cheap and thread-safe.
pub type EventSink = Arc<dyn Fn(BenchEvent) + Send + Sync>;

/// An event sink that drops everything.
pub fn no_events() -> EventSink {
    Arc::new(|_| {})
}

/// Cancels a running benchmark from anywhere (a UI button, Ctrl-C). Cloning shares the token.
#[derive(Clone, Default)]
pub struct CancelToken {
    inner: Arc<CancelInner>,
}

#[derive(Default)]
struct CancelInner {
    cancelled: AtomicBool,
    notify: tokio::sync::Notify,
}

impl CancelToken {
    pub fn new() -> CancelToken {
        CancelToken::default()
    }

    pub fn cancel(&self) {
        self.inner.cancelled.store(true, Ordering::SeqCst);
        self.inner.notify.notify_waiters();
    }

    pub fn is_cancelled(&self) -> bool {
        self.inner.cancelled.load(Ordering::SeqCst)
    }

    /// Resolves once [`cancel`](Self::cancel) has been called.
    pub async fn cancelled(&self) {
        loop {
            let notified = self.inner.notify.notified();
            if self.is_cancelled() {
                return;
            }
            notified.await;
        }
    }
}
