//! Which mirrors answer right now: the catalogue, custom mirrors and the GOPROXY entries, each
//! asked for one pinned `.mod` (what `go mod download` fetches most) and whether it relays the
//! checksum database, all in parallel within a short budget. A GOPROXY fix proposes only these.
//! (To be replaced by `check::probe_mirrors` once the connectivity check provides it.)

use super::fixes::ReachableMirror;
use crate::context::Context;
use crate::mirrors::modules::pinned_modules;
use crate::mirrors::options::candidates_from_env;
use crate::net::{Client, Network, RequestOptions};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Mirrors that served the pinned `.mod` within `budget`, fastest first.
pub fn reachable_mirrors(ctx: &Context, budget: Duration) -> Vec<ReachableMirror> {
    let Ok(list) = candidates_from_env(ctx) else {
        return Vec::new();
    };
    let Ok(client) = Client::new(Network::from_env(ctx.env())) else {
        return Vec::new();
    };
    let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    else {
        return Vec::new();
    };
    let probe = pinned_modules()
        .into_iter()
        .next()
        .map(|m| m.request_suffix("mod"))
        .unwrap_or_default();
    let mut found: Vec<ReachableMirror> = runtime.block_on(async {
        let mut tasks = tokio::task::JoinSet::new();
        for mirror in list {
            if !mirror.url.starts_with("https://") && !mirror.url.starts_with("http://") {
                continue;
            }
            let client = client.clone();
            let base = mirror.url.trim_end_matches('/').to_string();
            let ca_file = mirror.ca_file.map(PathBuf::from);
            let probe = probe.clone();
            tasks.spawn(async move {
                let mut options = RequestOptions::new(budget, 64 * 1024);
                options.ca_file = ca_file.as_deref();
                let start = Instant::now();
                let module = client.get(&format!("{base}{probe}"), &options).await.ok()?;
                if module.status != 200 {
                    return None;
                }
                let ttfb_ms = start.elapsed().as_millis() as u64;
                let relay = client
                    .get(&format!("{base}/sumdb/sum.golang.org/supported"), &options)
                    .await
                    .is_ok_and(|r| r.status == 200);
                Some(ReachableMirror {
                    url: base,
                    ttfb_ms,
                    relays_sumdb: relay,
                })
            });
        }
        let mut found = Vec::new();
        let deadline = tokio::time::Instant::now() + budget;
        while let Ok(Some(joined)) = tokio::time::timeout_at(deadline, tasks.join_next()).await {
            if let Ok(Some(m)) = joined {
                found.push(m);
            }
        }
        tasks.abort_all();
        found
    });
    found.sort_by_key(|m| m.ttfb_ms);
    found
}
