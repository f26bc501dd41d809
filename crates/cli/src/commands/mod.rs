//! One module per command group; each is a thin layer over `goproxy_core`.

pub mod bench;
pub mod bundle;
pub mod bundle_sign;
pub mod detect;
pub mod dockerfile;
pub mod doctor;
pub mod env;
pub mod history;
pub mod mirrors;
pub mod private;
pub mod token;
pub mod use_mirrors;
