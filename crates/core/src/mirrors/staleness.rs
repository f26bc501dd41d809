//! Staleness across mirrors (docs/mirror-benchmark.md, "Staleness"): a mirror whose `@v/list`
//! lacks versions most of the others list lags behind; one whose `.mod` differs from the
//! majority serves wrong content.

use super::collect::MirrorLog;
use super::modules::ModuleVersion;
use super::report::{Disqualification, DisqualifyReason, MirrorResult, Staleness};
use std::collections::BTreeMap;
use std::ops::Deref;

/// Fills `stale` of each result (same order as `logs`) and disqualifies `.mod` outliers.
pub(crate) fn mark<L: Deref<Target = MirrorLog>>(
    results: &mut [MirrorResult],
    logs: &[L],
    modules: &[ModuleVersion],
) {
    for m in modules {
        let lists: Vec<Option<&Vec<String>>> = logs.iter().map(|l| l.lists.get(&m.path)).collect();
        let hashes: Vec<Option<&String>> = logs.iter().map(|l| l.mod_hashes.get(&m.id())).collect();
        let mut counts: BTreeMap<&String, usize> = BTreeMap::new();
        for h in hashes.iter().flatten() {
            *counts.entry(h).or_default() += 1;
        }
        let served = hashes.iter().flatten().count();
        let majority = counts
            .iter()
            .find(|(_, n)| **n * 2 > served)
            .map(|(h, _)| *h);
        for (i, result) in results.iter_mut().enumerate() {
            let mut missing = Vec::new();
            if let Some(mine) = lists[i] {
                let others: Vec<&Vec<String>> = lists
                    .iter()
                    .enumerate()
                    .filter(|(j, l)| *j != i && l.is_some())
                    .filter_map(|(_, l)| *l)
                    .collect();
                let mut seen: BTreeMap<&String, usize> = BTreeMap::new();
                for l in &others {
                    for v in l.iter() {
                        *seen.entry(v).or_default() += 1;
                    }
                }
                for (v, n) in seen {
                    if n * 2 > others.len() && !mine.contains(v) {
                        missing.push(v.clone());
                    }
                }
            }
            let mod_differs = matches!((hashes[i], majority), (Some(h), Some(maj)) if h != maj);
            if mod_differs {
                result.disqualified.get_or_insert(Disqualification {
                    reason: DisqualifyReason::WrongContent,
                    message: format!(
                        "its go.mod of {} differs from what the other mirrors serve",
                        m.id()
                    ),
                });
            }
            if !missing.is_empty() || mod_differs {
                result.stale.push(Staleness {
                    module: m.path.clone(),
                    missing_versions: missing,
                    mod_differs,
                });
            }
        }
    }
}
