//! Which mirrors are reachable right now, so a GOPROXY fix proposes only those, fastest first:
//! the catalogue and custom mirrors (`mirrors::options::candidates_from_env`, which also honours
//! the offline-catalogue switch), each asked for one pinned module's `@v/list` (a real protocol
//! answer, checked like the benchmark checks it) and for the checksum-database relay.

use super::super::fixes::ReachableMirror;
use crate::context::Context;
use crate::mirrors::checks::{check, Answer};
use crate::mirrors::modules::{case_encode, pinned_modules};
use crate::mirrors::options::candidates_from_env;
use crate::mirrors::report::RequestKind;
use crate::net::{Dialer, Endpoint, HttpUrl, Network, Redirects, USER_AGENT};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tokio::task::JoinSet;
use tokio::time::{timeout_at, Instant};

/// A mirror reached moments ago (the fixes' [`ReachableMirror`]).
pub type VerifiedMirror = ReachableMirror;

/// Largest `@v/list` answer read.
const LIST_CAP: u64 = 256 * 1024;

/// Probes the catalogue and custom mirrors within `budget`; returns those that answered like a
/// Go module proxy, fastest first. Mirrors still silent at the end of the budget are left out.
pub fn probe_mirrors(ctx: &Context, budget: Duration) -> Vec<VerifiedMirror> {
    probe_mirrors_on(ctx, budget, Network::from_env(ctx.env()))
}

/// [`probe_mirrors`] on a given network (tests map names to loopback).
pub fn probe_mirrors_on(ctx: &Context, budget: Duration, network: Network) -> Vec<VerifiedMirror> {
    let deadline = Instant::now() + budget;
    let candidates = candidates_from_env(ctx).unwrap_or_default();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build();
    let (Ok(runtime), Ok(dialer)) = (runtime, Dialer::new(network)) else {
        return Vec::new();
    };
    let dialer = Arc::new(dialer);
    let mut verified = runtime.block_on(async {
        let mut tasks = JoinSet::new();
        for m in candidates {
            let Ok(base) = HttpUrl::parse(&m.url, "url") else {
                continue;
            };
            let ca = m.ca_file.map(PathBuf::from);
            tasks.spawn(verify(Arc::clone(&dialer), base, ca, deadline));
        }
        let mut out = Vec::new();
        while let Ok(Some(done)) = timeout_at(deadline, tasks.join_next()).await {
            if let Ok(Some(mirror)) = done {
                out.push(mirror);
            }
        }
        out
    });
    runtime.shutdown_background();
    verified.sort_by(|a, b| a.ttfb_ms.cmp(&b.ttfb_ms).then(a.url.cmp(&b.url)));
    verified
}

/// Lists one pinned module and asks for the relay, on one connection.
async fn verify(
    dialer: Arc<Dialer>,
    base: HttpUrl,
    ca_file: Option<PathBuf>,
    deadline: Instant,
) -> Option<VerifiedMirror> {
    let module = pinned_modules().into_iter().next()?;
    let remaining = deadline.saturating_duration_since(Instant::now());
    let endpoint = Endpoint {
        tls: dialer.tls_for(ca_file.as_deref()).ok()?,
        dialer,
        base: base.clone(),
        connect_timeout: remaining,
        request_timeout: remaining,
        redirects: Redirects::Go,
        user_agent: USER_AGENT,
    };
    let mut conn = None;
    let list_path = format!("/{}/@v/list", case_encode(&module.path));
    let list = endpoint
        .fetch(&mut conn, &list_path, LIST_CAP, deadline)
        .await
        .ok()?;
    match check(RequestKind::List, Some(&module), &list) {
        Ok(Answer::Versions(v)) if !v.is_empty() => {}
        _ => return None,
    }
    let supported = endpoint
        .fetch(&mut conn, "/sumdb/sum.golang.org/supported", 1024, deadline)
        .await
        .ok()?;
    let Ok(Answer::Relay(relays_sumdb)) = check(RequestKind::SumdbSupported, None, &supported)
    else {
        return None;
    };
    Some(VerifiedMirror {
        url: base.to_string(),
        ttfb_ms: list.timings.ttfb_ms.max(0.0).round() as u64,
        relays_sumdb,
    })
}
