//! One module per command group; each is a thin layer over `goproxy_core`.

pub mod detect;
pub mod env;
pub mod history;
