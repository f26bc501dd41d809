//! Mirrors: the catalogue of Go module proxies, the user's own list (app config), and the
//! benchmark that measures them the way `go mod download` uses them, with an explainable score
//! and a recommended GOPROXY/GOSUMDB. Requests go through [`crate::net`].
//!
//! The engine is async (tokio) and reports progress as [`events::BenchEvent`]s through a
//! callback, cancellable with an [`events::CancelToken`]; [`engine::run_blocking`] runs it on a
//! runtime of its own.

pub mod catalogue;
pub(crate) mod checks;
mod collect;
pub mod config;
pub mod engine;
pub mod events;
pub mod last_run;
pub mod modules;
pub mod options;
pub mod plan;
mod recommend;
pub mod report;
pub mod score;
mod staleness;
pub mod stats;
pub mod switch;
pub mod throttle;
mod throughput;
mod workers;

pub use crate::net::Network;
pub use engine::{run, run_blocking};
pub use events::{no_events, BenchEvent, CancelToken, EventSink};
pub use plan::{BenchPlan, BenchTarget, SumdbCheck, ThroughputPlan};
pub use throttle::throttled;
