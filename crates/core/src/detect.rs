//! Detection: the whole read-only picture of the Go environment in one value.

use crate::findings::Finding;
use crate::install::GoInstallation;
use crate::settings::Setting;
use serde::Serialize;
use ts_rs::TS;

/// Where the GOENV file is and whether it is usable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct GoenvFileInfo {
    /// The path in use; absent when GOENV=off or no location can be determined.
    #[ts(optional)]
    pub path: Option<String>,
    /// True when the GOENV environment variable chose the path (or disabled the file).
    pub from_env: bool,
    pub exists: bool,
    /// Why there is no usable path (`GOENV=off`, no HOME...).
    #[ts(optional)]
    pub unavailable_reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Detection {
    pub installations: Vec<GoInstallation>,
    /// The Go version the settings were computed for (the active installation's, else the newest rules).
    pub rules_version: String,
    pub goenv: GoenvFileInfo,
    pub settings: Vec<Setting>,
    pub findings: Vec<Finding>,
}

use crate::sysenv::SysEnv;

/// Detects everything about the Go environment described by `env`. Never fails: problems
/// become findings.
pub fn detect(env: &SysEnv) -> Detection {
    let _ = env;
    Detection {
        installations: Vec::new(),
        rules_version: crate::goversion::GoVersion::NEWEST_KNOWN.to_string(),
        goenv: GoenvFileInfo { path: None, from_env: false, exists: false, unavailable_reason: None },
        settings: Vec::new(),
        findings: Vec::new(),
    }
}
