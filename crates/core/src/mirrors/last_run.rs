//! The last benchmark, kept in the app's data directory (`last-benchmark.json`) so the Mirrors
//! page can show it, with its time, after the app restarts. Written atomically; a damaged or
//! outdated file is treated as absent (it is a cache, nothing the user wrote).

use super::report::BenchReport;
use crate::context::Context;
use crate::sysenv::SysEnv;
use crate::{app_dirs, atomic_file, Error, ErrorCode, Result};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use ts_rs::TS;

/// A saved benchmark report and when it was saved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LastBenchmark {
    /// Milliseconds since the Unix epoch.
    #[ts(type = "number")]
    pub saved_at_ms: u64,
    pub report: BenchReport,
}

/// `<data dir>/last-benchmark.json`.
pub fn last_benchmark_path(env: &SysEnv) -> Result<PathBuf> {
    Ok(app_dirs::data_dir(env)?.join("last-benchmark.json"))
}

/// Saves `report` as the last benchmark (atomic replace).
pub fn save(ctx: &Context, report: &BenchReport) -> Result<LastBenchmark> {
    let env = ctx.env();
    let saved = LastBenchmark {
        saved_at_ms: ctx.clock().now_ms(),
        report: report.clone(),
    };
    let bytes = serde_json::to_vec_pretty(&saved).map_err(|e| {
        Error::new(
            ErrorCode::Corrupt,
            format!("cannot encode the benchmark: {e}"),
        )
    })?;
    atomic_file::write_atomic(&last_benchmark_path(env)?, &bytes)?;
    Ok(saved)
}

/// The last saved benchmark; `None` when there is none or it cannot be read as one.
pub fn load(env: &SysEnv) -> Result<Option<LastBenchmark>> {
    let Some(bytes) = atomic_file::read_optional(&last_benchmark_path(env)?)? else {
        return Ok(None);
    };
    Ok(serde_json::from_slice(&bytes).ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::Clock;
    use crate::mirrors::report::*;

    fn report() -> BenchReport {
        let errors = vec![
            ErrorCount {
                class: ErrorClass::Timeout {
                    phase: TimeoutPhase::FirstByte,
                },
                count: 2,
                example: "slow".into(),
            },
            ErrorCount {
                class: ErrorClass::HttpStatus { code: 502 },
                count: 1,
                example: "bad gateway".into(),
            },
        ];
        BenchReport {
            started_at_ms: 1_700_000_000_000,
            elapsed_ms: 1234.5,
            cancelled: false,
            deadline_hit: true,
            mirrors: vec![MirrorResult {
                name: "a".into(),
                url: "https://a.example".into(),
                rank: Some(1),
                connect: Some(ConnectTimings {
                    dns_ms: Some(1.0),
                    connect_ms: 2.0,
                    tls_ms: None,
                }),
                connections: 4,
                kinds: vec![KindStats {
                    kind: RequestKind::Info,
                    attempts: 3,
                    ok: 3,
                    p50_ms: Some(10.0),
                    p90_ms: Some(20.0),
                    ttfb_p50_ms: None,
                }],
                success_rate: 1.0,
                errors,
                sumdb_relay: Some(true),
                stale: Vec::new(),
                throughput: None,
                score: Some(Score {
                    total_ms: 1.0,
                    metadata_ms: 1.0,
                    transfer_ms: 0.0,
                    penalty_ms: 0.0,
                    dominant: ScoreFactor::MetadataLatency,
                    explanation: "fast".into(),
                }),
                disqualified: Some(Disqualification {
                    reason: DisqualifyReason::WrongContent,
                    message: "html".into(),
                }),
            }],
            sumdb: vec![SumdbReach {
                name: "sum.golang.org".into(),
                url: "https://sum.golang.org".into(),
                reachable: false,
                ms: None,
                error: Some(ProbeError::new(
                    ErrorClass::Body {
                        problem: BodyProblem::Html,
                    },
                    "html",
                )),
            }],
            recommendation: Some(Recommendation {
                goproxy: "https://a.example,direct".into(),
                mirrors: vec!["a".into()],
                gosumdb: None,
                reason: "r".into(),
                gosumdb_reason: "g".into(),
            }),
            via_proxy: None,
        }
    }

    #[test]
    fn saves_and_loads_the_report_and_ignores_a_damaged_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let env = SysEnv::from_vars([("HOME", dir.path().display().to_string())]);
        assert_eq!(load(&env).expect("load"), None);
        let ctx = Context::new(env.clone()).with_clock(Clock::fixed(1_700_000_123_456));
        let saved = save(&ctx, &report()).expect("save");
        assert_eq!(saved.saved_at_ms, 1_700_000_123_456);
        assert_eq!(load(&env).expect("load"), Some(saved));
        std::fs::write(last_benchmark_path(&env).expect("path"), b"{not json").expect("damage");
        assert_eq!(load(&env).expect("load"), None);
    }
}
