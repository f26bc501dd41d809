//! Fewer events for a UI: a benchmark makes hundreds of probe events a second, more than a
//! webview should re-render. [`throttled`] forwards `started`, `mirror_done` and `finished`
//! always, at most one `probe` per mirror per interval (the first one at once), and in place of
//! the rest a `progress` count, sent first, at most once per interval, and last.

use super::events::{BenchEvent, EventSink};
use super::report::RequestKind;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

#[derive(Default)]
struct State {
    planned: u32,
    done: u32,
    last_progress: Option<Instant>,
    last_probe: HashMap<String, Instant>,
}

fn due(last: Option<Instant>, now: Instant, interval: Duration) -> bool {
    last.is_none_or(|t| now.duration_since(t) >= interval)
}

/// Wraps `sink` so that it receives a bounded number of events per `interval`.
pub fn throttled(sink: EventSink, interval: Duration) -> EventSink {
    let state = Mutex::new(State::default());
    Arc::new(move |event: BenchEvent| {
        // Sending under the lock keeps the events in order; the sink is cheap by contract.
        let mut st = state.lock().unwrap_or_else(|p| p.into_inner());
        let now = Instant::now();
        let progress = |st: &State| BenchEvent::Progress {
            done: st.done.min(st.planned),
            planned: st.planned,
        };
        match event {
            BenchEvent::Started {
                planned_requests, ..
            } => {
                *st = State {
                    planned: planned_requests,
                    last_progress: Some(now),
                    ..State::default()
                };
                sink(event);
                sink(progress(&st));
            }
            BenchEvent::Probe {
                ref mirror, kind, ..
            } => {
                if kind != RequestKind::Zip {
                    st.done += 1;
                }
                if due(st.last_probe.get(mirror).copied(), now, interval) {
                    st.last_probe.insert(mirror.clone(), now);
                    sink(event);
                }
                if due(st.last_progress, now, interval) {
                    st.last_progress = Some(now);
                    sink(progress(&st));
                }
            }
            BenchEvent::Progress { .. } => {}
            BenchEvent::MirrorDone { .. } | BenchEvent::Finished { .. } => {
                st.last_progress = Some(now);
                sink(progress(&st));
                sink(event);
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mirrors::events::MirrorRef;
    use crate::mirrors::report::{BenchReport, RequestTimings};

    fn probe(mirror: &str) -> BenchEvent {
        BenchEvent::Probe {
            mirror: mirror.into(),
            kind: RequestKind::Info,
            module: None,
            timings: Some(RequestTimings {
                connect: None,
                ttfb_ms: 1.0,
                total_ms: 2.0,
                bytes: 10,
            }),
            error: None,
        }
    }

    #[test]
    fn forwards_first_and_last_and_thins_out_probes() {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let sink: EventSink = {
            let seen = Arc::clone(&seen);
            Arc::new(move |e| seen.lock().expect("lock").push(e))
        };
        let events = throttled(sink, Duration::from_secs(3600));
        events(BenchEvent::Started {
            mirrors: vec![MirrorRef {
                name: "a".into(),
                url: "http://a".into(),
            }],
            planned_requests: 100,
            deadline_ms: 1000.0,
        });
        for _ in 0..50 {
            events(probe("a"));
            events(probe("b"));
        }
        events(BenchEvent::Finished {
            report: BenchReport {
                started_at_ms: 0,
                elapsed_ms: 1.0,
                cancelled: false,
                deadline_hit: false,
                mirrors: Vec::new(),
                sumdb: Vec::new(),
                recommendation: None,
                via_proxy: None,
            },
        });
        let seen = seen.lock().expect("lock");
        let probes = seen
            .iter()
            .filter(|e| matches!(e, BenchEvent::Probe { .. }))
            .count();
        assert_eq!(probes, 2, "one per mirror within the interval");
        assert!(matches!(seen.first(), Some(BenchEvent::Started { .. })));
        assert_eq!(
            seen[1],
            BenchEvent::Progress {
                done: 0,
                planned: 100
            }
        );
        assert_eq!(
            seen[seen.len() - 2],
            BenchEvent::Progress {
                done: 100,
                planned: 100
            }
        );
        assert!(matches!(seen.last(), Some(BenchEvent::Finished { .. })));
        assert!(seen.len() <= 6, "{} events", seen.len());
    }
}
