//! The score (docs/mirror-benchmark.md, "Score"): the time a typical `go mod download` would
//! spend on a mirror, metadata latency first, downloads second, plus penalties for what breaks
//! builds. A mirror that failed a correctness check is disqualified, whatever its speed.

use super::plan::BenchPlan;
use super::report::{
    Disqualification, DisqualifyReason, ErrorCount, MirrorResult, ProbeError, Score, ScoreFactor,
};
use super::stats::{median, quantile, round2};

/// Metadata requests (`.info`, `.mod`, `@v/list`) of a typical cold `go mod download`.
pub const TYPICAL_METADATA_REQUESTS: f64 = 30.0;
/// Bytes of zips of a typical cold `go mod download`.
pub const TYPICAL_DOWNLOAD_BYTES: f64 = 20.0 * 1024.0 * 1024.0;
/// What one failed request costs (a retry, or a failover with `|`).
const FAILURE_COST_MS: f64 = 1000.0;
/// What one stall costs: the go command has no overall timeout.
const STALL_COST_MS: f64 = 5000.0;
const STALE_MODULE_COST_MS: f64 = 2000.0;
const NO_RELAY_COST_MS: f64 = 3000.0;
/// Below this success rate a mirror is unreliable, not just slow.
const MIN_SUCCESS_RATE: f64 = 0.5;

/// The typical metadata request time: midway between p50 and p90, so the tail counts but one
/// outlier does not decide.
pub fn typical_request_ms(times: &[f64]) -> Option<f64> {
    Some((median(times)? + quantile(times, 0.9)?) / 2.0)
}

/// Mirror indices by metadata speed, usable ones only (for choosing whose throughput to measure).
pub(crate) fn provisional_order(results: &[MirrorResult], metadata: &[Vec<f64>]) -> Vec<usize> {
    let mut order: Vec<(usize, f64)> = results
        .iter()
        .enumerate()
        .filter(|(_, r)| r.disqualified.is_none())
        .filter_map(|(i, _)| Some((i, typical_request_ms(&metadata[i])?)))
        .collect();
    order.sort_by(|a, b| a.1.total_cmp(&b.1));
    order.into_iter().map(|(i, _)| i).collect()
}

/// Records a failure found after the statistics were summarised (throughput phase).
pub(crate) fn add_error(result: &mut MirrorResult, e: ProbeError) {
    match result.errors.iter_mut().find(|c| c.class == e.class) {
        Some(c) => c.count += 1,
        None => result.errors.push(ErrorCount {
            class: e.class,
            count: 1,
            example: e.message,
        }),
    }
}

fn seconds(ms: f64) -> String {
    if ms >= 1000.0 {
        format!("{:.1} s", ms / 1000.0)
    } else {
        format!("{ms:.0} ms")
    }
}

/// Scores every usable mirror, disqualifies unreliable ones, and sets ranks (best = 1);
/// `results` ends sorted: ranked first, then the disqualified in their original order.
pub(crate) fn score_and_rank(
    results: &mut Vec<MirrorResult>,
    metadata: &[Vec<f64>],
    timeouts: &[u32],
    sum_golang_org_reachable: Option<bool>,
    plan: &BenchPlan,
) {
    let slowest_rate = results
        .iter()
        .filter_map(|r| r.throughput.as_ref().map(|t| t.bytes_per_sec))
        .filter(|r| *r > 0.0)
        .min_by(f64::total_cmp);
    for (i, r) in results.iter_mut().enumerate() {
        if r.disqualified.is_some() {
            continue;
        }
        if r.success_rate < MIN_SUCCESS_RATE && !r.errors.is_empty() {
            let top = r.errors.iter().max_by_key(|e| e.count);
            r.disqualified = Some(Disqualification {
                reason: DisqualifyReason::Unreliable,
                message: format!(
                    "only {:.0}% of requests succeeded{}",
                    r.success_rate * 100.0,
                    top.map(|e| format!(" (e.g. {})", e.example))
                        .unwrap_or_default()
                ),
            });
            continue;
        }
        let Some(typical) = typical_request_ms(&metadata[i]) else {
            r.disqualified = Some(Disqualification {
                reason: DisqualifyReason::NotMeasured,
                message: "no request finished before the benchmark ended".into(),
            });
            continue;
        };
        let metadata_ms = TYPICAL_METADATA_REQUESTS * typical;
        let rate = r
            .throughput
            .as_ref()
            .map(|t| t.bytes_per_sec)
            .or(slowest_rate);
        let transfer_ms = rate
            .filter(|r| *r > 0.0)
            .map(|rate| TYPICAL_DOWNLOAD_BYTES / rate * 1000.0)
            .unwrap_or(0.0);
        let failures = (1.0 - r.success_rate) * TYPICAL_METADATA_REQUESTS * FAILURE_COST_MS;
        let stalls = f64::from(timeouts[i]) * STALL_COST_MS;
        let stale = r.stale.len() as f64 * STALE_MODULE_COST_MS;
        let no_relay = if r.sumdb_relay == Some(false) && sum_golang_org_reachable == Some(false) {
            NO_RELAY_COST_MS
        } else {
            0.0
        };
        let parts = [
            (ScoreFactor::MetadataLatency, metadata_ms),
            (ScoreFactor::Transfer, transfer_ms),
            (ScoreFactor::Failures, failures),
            (ScoreFactor::Stalls, stalls),
            (ScoreFactor::Staleness, stale),
            (ScoreFactor::NoChecksumRelay, no_relay),
        ];
        let (dominant, _) = parts
            .iter()
            .copied()
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .unwrap_or((ScoreFactor::MetadataLatency, 0.0));
        let total = parts.iter().map(|(_, v)| v).sum::<f64>();
        let p50 = median(&metadata[i]).unwrap_or(0.0);
        let p90 = quantile(&metadata[i], 0.9).unwrap_or(0.0);
        let explanation = match dominant {
            ScoreFactor::MetadataLatency => format!(
                "Metadata latency dominates: {} typical requests at {typical:.0} ms (p50 {p50:.0} ms, p90 {p90:.0} ms) take about {}{}.",
                TYPICAL_METADATA_REQUESTS as u32,
                seconds(metadata_ms),
                if transfer_ms > 0.0 { format!("; downloading 20 MB adds {}", seconds(transfer_ms)) } else { String::new() }
            ),
            ScoreFactor::Transfer => format!(
                "Download speed dominates: 20 MB at {:.1} MB/s take {}; metadata adds {}.",
                rate.unwrap_or(0.0) / 1_048_576.0,
                seconds(transfer_ms),
                seconds(metadata_ms)
            ),
            ScoreFactor::Failures => format!(
                "Failures dominate: {:.0}% of requests failed ({}); each costs a retry.",
                (1.0 - r.success_rate) * 100.0,
                r.errors.iter().max_by_key(|e| e.count).map(|e| e.example.as_str()).unwrap_or("")
            ),
            ScoreFactor::Stalls => format!(
                "Stalls dominate: {} requests got no answer within {} s, and the go command would wait on them forever.",
                timeouts[i],
                plan.request_timeout.as_secs_f64()
            ),
            ScoreFactor::Staleness => format!(
                "Staleness dominates: it lags behind the other mirrors for {}.",
                r.stale.iter().map(|s| s.module.as_str()).collect::<Vec<_>>().join(", ")
            ),
            ScoreFactor::NoChecksumRelay => "It does not relay the checksum database and sum.golang.org is unreachable, so checksum lookups would fail.".to_string(),
        };
        r.score = Some(Score {
            total_ms: round2(total),
            metadata_ms: round2(metadata_ms),
            transfer_ms: round2(transfer_ms),
            penalty_ms: round2(failures + stalls + stale + no_relay),
            dominant,
            explanation,
        });
    }
    let mut ranked: Vec<MirrorResult> = results
        .iter()
        .filter(|r| r.disqualified.is_none())
        .cloned()
        .collect();
    ranked.sort_by(|a, b| {
        let score = |r: &MirrorResult| r.score.as_ref().map(|s| s.total_ms).unwrap_or(f64::MAX);
        score(a).total_cmp(&score(b))
    });
    for (i, r) in ranked.iter_mut().enumerate() {
        r.rank = Some(i as u32 + 1);
    }
    ranked.extend(results.iter().filter(|r| r.disqualified.is_some()).cloned());
    *results = ranked;
}
