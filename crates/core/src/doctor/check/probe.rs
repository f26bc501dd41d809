//! One endpoint, step by step: DNS, TCP (through the HTTP(S)_PROXY's CONNECT when one is in the
//! route), TLS, then one GET whose status and time-to-first-byte make the `http` step. Each step
//! is reported as it ends, so the page can show it live.

use super::super::{DoctorCode, EndpointCheck, EndpointRole, StepKind, StepResult};
use super::classify::{failure_code, status_code, timeout_step};
use super::targets::Target;
use crate::mirrors::checks::looks_like_html;
use crate::net::{Dialer, Endpoint, NetError, PhaseDone, Scheme, USER_AGENT};
use crate::secrets::Secret;
use std::sync::{Arc, Mutex};
use tokio::sync::mpsc::UnboundedSender;
use tokio::time::Instant;

/// A snapshot of endpoint `index`, sent whenever it changes.
pub(crate) struct Update {
    pub index: usize,
    pub check: EndpointCheck,
}

/// The endpoint's state while it is checked, and where its changes go.
struct Live {
    index: usize,
    check: EndpointCheck,
    /// When the current step began (the previous one ended).
    step_began: Instant,
    tx: UnboundedSender<Update>,
}

impl Live {
    fn step_done(&mut self, step: StepKind, ms: f64) {
        self.check.steps.push(StepResult {
            step,
            ok: true,
            ms: ms.max(0.0).round() as u64,
            code: None,
            status: None,
        });
        self.step_began = Instant::now();
        self.send();
    }

    fn send(&self) {
        let _ = self.tx.send(Update {
            index: self.index,
            check: self.check.clone(),
        });
    }
}

/// The step after the last one reached (`tls` only for https).
pub(crate) fn next_step(check: &EndpointCheck, https: bool) -> StepKind {
    match check.steps.last().map(|s| s.step) {
        None => StepKind::Dns,
        Some(StepKind::Dns) => StepKind::Tcp,
        Some(StepKind::Tcp) if https => StepKind::Tls,
        Some(StepKind::Tcp | StepKind::Tls | StepKind::Http) => StepKind::Http,
    }
}

fn lock(live: &Mutex<Live>) -> std::sync::MutexGuard<'_, Live> {
    live.lock().unwrap_or_else(|e| e.into_inner())
}

/// Checks `target`, sending an [`Update`] after every step, all before `deadline`.
pub(crate) async fn probe(
    dialer: Arc<Dialer>,
    target: Target,
    index: usize,
    deadline: Instant,
    tx: UnboundedSender<Update>,
) {
    let https = target.base.scheme == Scheme::Https;
    let mut check = target.pending();
    let route = dialer.proxy_for(&target.base).ok().flatten();
    check.via = route.as_ref().map(|r| r.url.to_string());
    let live = Mutex::new(Live {
        index,
        check,
        step_began: Instant::now(),
        tx,
    });
    let outcome = run_steps(&dialer, &target, deadline, &live).await;
    let mut live = lock(&live);
    let via = live.check.via.is_some();
    match outcome {
        Ok(answer) => {
            // An HTML page where protocol answers belong: a captive portal or a web front end.
            let portal = answer.html
                && answer.status == 200
                && matches!(target.role, EndpointRole::Proxy | EndpointRole::Sumdb);
            let code = match portal {
                true => Some(DoctorCode::ProxyBadResponse),
                false => status_code(target.role, answer.status),
            };
            live.check.steps.push(StepResult {
                step: StepKind::Http,
                ok: code.is_none(),
                ms: answer.ttfb_ms,
                code,
                status: Some(answer.status),
            });
            if target.reports_relay && code.is_none() {
                live.check.sumdb_relay = Some(answer.status == 200);
            }
        }
        Err(error) => {
            let step = timeout_step(&error).unwrap_or_else(|| next_step(&live.check, https));
            let ms = live.step_began.elapsed().as_millis() as u64;
            live.check.steps.push(StepResult {
                step,
                ok: false,
                ms,
                code: Some(failure_code(&error, step, via && step != StepKind::Http)),
                status: None,
            });
        }
    }
    live.check.ok = live.check.steps.iter().all(|s| s.ok);
    live.check.running = false;
    live.send();
}

/// The answer to the `http` step's GET.
struct Answer {
    status: u16,
    ttfb_ms: u64,
    html: bool,
}

/// Connects and sends the GET (the body is not needed, so a dripping one cannot hold us).
async fn run_steps(
    dialer: &Arc<Dialer>,
    target: &Target,
    deadline: Instant,
    live: &Mutex<Live>,
) -> Result<Answer, NetError> {
    let tls = dialer.tls_for(target.ca_file.as_deref())?;
    let on_phase = |phase: PhaseDone| {
        let mut live = lock(live);
        match phase {
            PhaseDone::Dns(ms) => live.step_done(StepKind::Dns, ms.unwrap_or(0.0)),
            PhaseDone::Tcp(ms) => live.step_done(StepKind::Tcp, ms),
            PhaseDone::Tls(ms) => live.step_done(StepKind::Tls, ms),
        }
    };
    let origin = target.base.origin();
    let conn = dialer
        .open_observed(&origin, &tls, deadline, &on_phase)
        .await?;
    let remaining = deadline.saturating_duration_since(Instant::now());
    let endpoint = Endpoint {
        dialer: Arc::clone(dialer),
        tls,
        base: target.base.clone(),
        connect_timeout: remaining,
        request_timeout: remaining,
        redirects: target.redirects,
        user_agent: USER_AGENT,
    };
    let mut conn = Some(conn);
    let auth = target.authorization.as_ref().map(Secret::expose);
    let started = endpoint
        .start(&mut conn, &target.suffix, deadline, auth)
        .await?;
    Ok(Answer {
        status: started.status,
        ttfb_ms: started.ttfb_ms.max(0.0).round() as u64,
        html: looks_like_html(&started.content_type(), &[]),
    })
}
