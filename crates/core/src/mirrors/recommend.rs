//! The recommendation (docs/mirror-benchmark.md, "Recommended GOPROXY" and "Checksum
//! database"): the best mirrors chained with `|` so any error fails over, then `,direct`; and
//! GOSUMDB so checksum lookups work from where the user sits. Never `GOSUMDB=off`.

use super::report::{MirrorResult, Recommendation, SumdbReach};

/// How many mirrors go into the failover chain.
const CHAIN: usize = 2;

/// `None` when no mirror is usable.
pub(crate) fn recommend(
    ranked: &[MirrorResult],
    sumdb: &[SumdbReach],
    include_direct: bool,
) -> Option<Recommendation> {
    let chain: Vec<&MirrorResult> = ranked
        .iter()
        .filter(|r| r.rank.is_some())
        .take(CHAIN)
        .collect();
    let best = chain.first()?;
    let mut goproxy = chain
        .iter()
        .map(|r| r.url.clone())
        .collect::<Vec<_>>()
        .join("|");
    if include_direct {
        goproxy.push_str(",direct");
    }
    let reason =
        match chain.get(1) {
            Some(second) => format!(
            "{} ranked first ({}); {} follows with | so any error from the first fails over to it.",
            best.name,
            best.score.as_ref().map(|s| s.explanation.as_str()).unwrap_or(""),
            second.name
        ),
            None => format!("{} is the only usable mirror.", best.name),
        };
    let reach = |name: &str| sumdb.iter().find(|s| s.name == name).map(|s| s.reachable);
    let org = reach("sum.golang.org");
    let cn = reach("sum.golang.google.cn");
    let chain_relays = chain.iter().all(|r| r.sumdb_relay == Some(true));
    let (gosumdb, gosumdb_reason) = match (org, best.sumdb_relay, cn) {
        (Some(true), _, _) => (
            None,
            "sum.golang.org is reachable, so Go's default checksum database works; keep it.".to_string(),
        ),
        (_, Some(true), _) if chain_relays => (
            None,
            format!("{} relays the checksum database, so the default GOSUMDB works through it.", best.name),
        ),
        (_, _, Some(true)) => (
            Some("sum.golang.google.cn".to_string()),
            format!(
                "{}; sum.golang.google.cn is the same database (same key) and is reachable.",
                if org == Some(false) {
                    "sum.golang.org is unreachable from here"
                } else {
                    "not every mirror in the chain relays the checksum database"
                }
            ),
        ),
        _ => (
            None,
            "No checksum database was reachable; keep GOSUMDB as it is (never turn it off) and check your network.".to_string(),
        ),
    };
    Some(Recommendation {
        goproxy,
        mirrors: chain.iter().map(|r| r.name.clone()).collect(),
        gosumdb,
        reason,
        gosumdb_reason,
    })
}
