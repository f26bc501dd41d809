//! What to benchmark and within which bounds.

use super::modules::{pinned_modules, ModuleVersion};
use std::path::PathBuf;
use std::time::Duration;

/// A mirror to measure. The URL is checked by the engine, so a bad one becomes that mirror's
/// error while the others are still measured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BenchTarget {
    pub name: String,
    pub url: String,
    /// An extra CA certificate (PEM) to trust for this mirror only.
    pub ca_file: Option<PathBuf>,
}

impl BenchTarget {
    pub fn new(name: &str, url: &str) -> BenchTarget {
        BenchTarget {
            name: name.to_string(),
            url: url.to_string(),
            ca_file: None,
        }
    }
}

/// The `.zip` download measured after the concurrent pass, one mirror at a time.
#[derive(Debug, Clone, PartialEq)]
pub struct ThroughputPlan {
    /// How many of the best mirrors to measure.
    pub top: usize,
    pub module: ModuleVersion,
    /// Stop after this many bytes.
    pub byte_cap: u64,
    /// Stop after this long per mirror, stable or not.
    pub max_time: Duration,
}

impl Default for ThroughputPlan {
    fn default() -> Self {
        ThroughputPlan {
            top: 3,
            module: pinned_modules()
                .into_iter()
                .next()
                .unwrap_or_else(|| ModuleVersion::new("golang.org/x/text", "v0.14.0")),
            byte_cap: 16 * 1024 * 1024,
            max_time: Duration::from_secs(2),
        }
    }
}

/// A checksum database host to try directly (not through a mirror).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SumdbCheck {
    /// The GOSUMDB value that selects it (`sum.golang.org`, `sum.golang.google.cn`).
    pub name: String,
    pub url: String,
}

/// Everything a run needs to know. `BenchPlan::new` gives the defaults of
/// docs/mirror-benchmark.md ("Requests").
#[derive(Debug, Clone, PartialEq)]
pub struct BenchPlan {
    pub mirrors: Vec<BenchTarget>,
    pub modules: Vec<ModuleVersion>,
    /// Each round asks every request once, in a random order.
    pub rounds: u32,
    /// The whole run ends by then, whatever hangs.
    pub deadline: Duration,
    /// Parallel keep-alive connections per mirror.
    pub connections_per_mirror: usize,
    pub connect_timeout: Duration,
    pub request_timeout: Duration,
    /// A mirror that timed out this many times is given up on (it stalls).
    pub max_timeouts: u32,
    /// Largest metadata answer accepted (`@v/list` of a big module is tens of KB).
    pub metadata_cap: u64,
    pub throughput: Option<ThroughputPlan>,
    pub sumdb_checks: Vec<SumdbCheck>,
    /// End the recommended GOPROXY with `,direct`.
    pub include_direct: bool,
    /// Seed for the request order; `None` = from the clock.
    pub seed: Option<u64>,
}

impl BenchPlan {
    pub fn new(mirrors: Vec<BenchTarget>) -> BenchPlan {
        BenchPlan {
            mirrors,
            modules: pinned_modules(),
            rounds: 3,
            deadline: Duration::from_secs(10),
            connections_per_mirror: 4,
            connect_timeout: Duration::from_secs(2),
            request_timeout: Duration::from_secs(3),
            max_timeouts: 3,
            metadata_cap: 4 * 1024 * 1024,
            throughput: Some(ThroughputPlan::default()),
            sumdb_checks: vec![
                SumdbCheck {
                    name: "sum.golang.org".into(),
                    url: "https://sum.golang.org".into(),
                },
                SumdbCheck {
                    name: "sum.golang.google.cn".into(),
                    url: "https://sum.golang.google.cn".into(),
                },
            ],
            include_direct: true,
            seed: None,
        }
    }

    /// Metadata requests per mirror in the concurrent pass.
    pub fn requests_per_mirror(&self) -> u32 {
        self.rounds * (1 + 3 * self.modules.len() as u32)
    }
}
