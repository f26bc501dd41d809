//! Writing the effective configuration as a bundle: never a token, a password in a URL, a local
//! path, a user name or the machine's name.

use serde::Serialize;
use ts_rs::TS;

/// An exported bundle: the file's text, and what was left out and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct BundleExport {
    pub bundle: super::Bundle,
    /// The TOML text of the file.
    pub toml: String,
    /// What was left out (a key pointing at a local path...), one English sentence each.
    pub omitted: Vec<String>,
}
