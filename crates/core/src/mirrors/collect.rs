//! What one mirror's requests add up to: samples as they arrive (kept behind a lock so a
//! cancelled or timed-out run still has them), then per-kind statistics and error counts.

use super::report::{
    BodyProblem, ConnectTimings, Disqualification, DisqualifyReason, ErrorClass, ErrorCount,
    KindStats, MirrorResult, ProbeError, RequestKind,
};
use super::stats::{median, quantile, round2};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy)]
struct Sample {
    kind: RequestKind,
    ok: bool,
    total_ms: f64,
    ttfb_ms: f64,
}

/// The raw results of one mirror.
#[derive(Debug, Default)]
pub(crate) struct MirrorLog {
    samples: Vec<Sample>,
    pub connects: Vec<ConnectTimings>,
    pub errors: Vec<ProbeError>,
    pub relay: Option<bool>,
    /// Module path → versions its `@v/list` named.
    pub lists: BTreeMap<String, Vec<String>>,
    /// Module id → go.sum hash of its `.mod`.
    pub mod_hashes: BTreeMap<String, String>,
    /// The first wrong-content answer (disqualifies).
    pub wrong_content: Option<ProbeError>,
    /// Why nothing could be fetched at all.
    pub unreachable: Option<ProbeError>,
    pub successes: u32,
    pub timeouts: u32,
}

impl MirrorLog {
    pub fn ok(&mut self, kind: RequestKind, total_ms: f64, ttfb_ms: f64) {
        self.successes += 1;
        self.samples.push(Sample {
            kind,
            ok: true,
            total_ms,
            ttfb_ms,
        });
    }

    pub fn failed(&mut self, kind: RequestKind, error: ProbeError) {
        if matches!(error.class, ErrorClass::Timeout { .. }) {
            self.timeouts += 1;
        }
        if let ErrorClass::Body { problem } = error.class {
            if problem != BodyProblem::Oversize || kind != RequestKind::Zip {
                self.wrong_content.get_or_insert_with(|| error.clone());
            }
        }
        self.samples.push(Sample {
            kind,
            ok: false,
            total_ms: 0.0,
            ttfb_ms: 0.0,
        });
        self.errors.push(error);
    }

    /// Successful metadata request times (all kinds pooled).
    pub fn metadata_times(&self) -> Vec<f64> {
        self.samples
            .iter()
            .filter(|s| s.ok && s.kind != RequestKind::Zip)
            .map(|s| s.total_ms)
            .collect()
    }

    pub fn attempts(&self) -> u32 {
        self.samples
            .iter()
            .filter(|s| s.kind != RequestKind::Zip)
            .count() as u32
    }

    /// The statistics part of a result (no staleness, score or rank yet).
    pub fn summarize(&self, name: &str, url: &str) -> MirrorResult {
        let mut kinds = Vec::new();
        for kind in [
            RequestKind::SumdbSupported,
            RequestKind::List,
            RequestKind::Info,
            RequestKind::Mod,
        ] {
            let of_kind: Vec<&Sample> = self.samples.iter().filter(|s| s.kind == kind).collect();
            if of_kind.is_empty() {
                continue;
            }
            let times: Vec<f64> = of_kind
                .iter()
                .filter(|s| s.ok)
                .map(|s| s.total_ms)
                .collect();
            let ttfb: Vec<f64> = of_kind.iter().filter(|s| s.ok).map(|s| s.ttfb_ms).collect();
            kinds.push(KindStats {
                kind,
                attempts: of_kind.len() as u32,
                ok: times.len() as u32,
                p50_ms: median(&times).map(round2),
                p90_ms: quantile(&times, 0.9).map(round2),
                ttfb_p50_ms: median(&ttfb).map(round2),
            });
        }
        let attempts = self.attempts();
        let ok = self
            .samples
            .iter()
            .filter(|s| s.ok && s.kind != RequestKind::Zip)
            .count();
        let mut grouped: BTreeMap<String, ErrorCount> = BTreeMap::new();
        for e in &self.errors {
            let key = serde_json::to_string(&e.class).unwrap_or_default();
            grouped
                .entry(key)
                .and_modify(|c| c.count += 1)
                .or_insert_with(|| ErrorCount {
                    class: e.class,
                    count: 1,
                    example: e.message.clone(),
                });
        }
        let pick = |f: fn(&ConnectTimings) -> Option<f64>| {
            let v: Vec<f64> = self.connects.iter().filter_map(f).collect();
            median(&v).map(round2)
        };
        let connect = (!self.connects.is_empty()).then(|| ConnectTimings {
            dns_ms: pick(|c| c.dns_ms),
            connect_ms: pick(|c| Some(c.connect_ms)).unwrap_or_default(),
            tls_ms: pick(|c| c.tls_ms),
        });
        let disqualified = if let Some(e) = &self.unreachable {
            Some(Disqualification {
                reason: DisqualifyReason::Unreachable,
                message: e.message.clone(),
            })
        } else {
            self.wrong_content.as_ref().map(|e| Disqualification {
                reason: DisqualifyReason::WrongContent,
                message: e.message.clone(),
            })
        };
        MirrorResult {
            name: name.to_string(),
            url: crate::redact::url_userinfo(url),
            rank: None,
            connect,
            connections: self.connects.len() as u32,
            kinds,
            success_rate: if attempts == 0 {
                0.0
            } else {
                round2(ok as f64 / f64::from(attempts))
            },
            errors: grouped.into_values().collect(),
            sumdb_relay: self.relay,
            stale: Vec::new(),
            throughput: None,
            score: None,
            disqualified,
        }
    }
}
