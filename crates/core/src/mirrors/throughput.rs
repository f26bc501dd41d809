//! `.zip` throughput: stream a pinned module zip until the speed settles (rate-mirrors' rule:
//! the spread of recent chunk speeds is small), a byte cap or a time cap. Nothing is kept.

use super::checks::looks_like_html;
use super::plan::ThroughputPlan;
use super::report::{BodyProblem, ErrorClass, ProbeError, Throughput};
use super::stats::{relative_spread, round2};
use crate::net::{next_chunk, Conn, Endpoint};
use std::time::Duration;
use tokio::time::Instant;

/// Speeds are compared over buckets this long...
const BUCKET: Duration = Duration::from_millis(75);
/// ...the last this many of them...
const STABLE_BUCKETS: usize = 4;
/// Shorter transfers are too fast to tell apart.
const MIN_WINDOW: Duration = Duration::from_millis(50);
/// ...and count as stable when their stddev/mean is at most this.
const STABLE_SPREAD: f64 = 0.0625;

/// Downloads `plan.module`'s zip from `target`, ending by `by`.
pub(crate) async fn measure(
    target: &Endpoint,
    plan: &ThroughputPlan,
    by: Instant,
) -> Result<Throughput, ProbeError> {
    let mut conn: Option<Conn> = None;
    let suffix = plan.module.request_suffix("zip");
    let mut started = target.start(&mut conn, &suffix, by, None).await?;
    let what = format!("zip of {}", plan.module.id());
    if started.status != 200 {
        return Err(ProbeError::new(
            ErrorClass::HttpStatus {
                code: started.status,
            },
            format!("{what}: HTTP {}", started.status),
        ));
    }
    let content_type = started.content_type();
    let stop_at = by.min(Instant::now() + plan.max_time);
    let mut bytes = 0u64;
    let mut first_byte: Option<Instant> = None;
    let mut buckets: Vec<u64> = Vec::new();
    let mut stable = false;
    while let Some(chunk) = next_chunk(&mut started.body, stop_at).await.or_else(|e| {
        // Running into our own time cap ends the measurement; anything else is a failure.
        if Instant::now() >= stop_at && bytes > 0 {
            Ok(None)
        } else {
            Err(ProbeError::from(e))
        }
    })? {
        let now = Instant::now();
        let t0 = *first_byte.get_or_insert(now);
        if bytes == 0 {
            let head = &chunk[..chunk.len().min(64)];
            if looks_like_html(&content_type, head) || !chunk.starts_with(b"PK") {
                let problem = if looks_like_html(&content_type, head) {
                    BodyProblem::Html
                } else {
                    BodyProblem::BadZip
                };
                return Err(ProbeError::new(
                    ErrorClass::Body { problem },
                    format!("{what}: not a zip archive"),
                ));
            }
        }
        bytes += chunk.len() as u64;
        let bucket = (now.duration_since(t0).as_secs_f64() / BUCKET.as_secs_f64()) as usize;
        if buckets.len() <= bucket {
            buckets.resize(bucket + 1, 0);
        }
        buckets[bucket] += chunk.len() as u64;
        // Only complete buckets count.
        if buckets.len() > STABLE_BUCKETS + 1 {
            let recent: Vec<f64> = buckets[buckets.len() - 1 - STABLE_BUCKETS..buckets.len() - 1]
                .iter()
                .map(|b| *b as f64)
                .collect();
            if relative_spread(&recent) <= STABLE_SPREAD {
                stable = true;
                break;
            }
        }
        if bytes >= plan.byte_cap || now >= stop_at {
            break;
        }
    }
    // From the first byte; a transfer shorter than the floor counts as taking the floor, so
    // tiny fast downloads all score alike instead of by noise.
    let end = Instant::now();
    let elapsed = first_byte
        .map(|t0| end.duration_since(t0))
        .unwrap_or_default();
    let secs = elapsed.max(MIN_WINDOW).as_secs_f64();
    Ok(Throughput {
        module: plan.module.id(),
        bytes,
        ms: round2(secs * 1000.0),
        bytes_per_sec: (bytes as f64 / secs).round(),
        stable,
    })
}
