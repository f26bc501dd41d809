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
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// True when the GOENV environment variable chose the path (or disabled the file).
    pub from_env: bool,
    pub exists: bool,
    /// Why there is no usable path (`GOENV=off`, no HOME...), as a code the UI words.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unavailable_reason: Option<GoenvUnavailableReason>,
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

use crate::atomic_file::read_optional;
use crate::findings::{self, Facts};
use crate::goenv::file::EnvFile;
use crate::goenv::location::{self, GoenvLocation, GoenvUnavailableReason};
use crate::goversion::GoVersion;
use crate::install;
use crate::settings::{self, Layers};
use crate::sysenv::SysEnv;
use std::path::PathBuf;

/// The GOENV file as read for `env`, with its location and any read error.
pub struct GoenvState {
    pub location: GoenvLocation,
    pub file: Option<EnvFile>,
    pub error: Option<crate::Error>,
}

impl GoenvState {
    pub fn read(env: &SysEnv) -> GoenvState {
        let location = location::locate(env);
        let (file, error) = match location.path().map(read_optional) {
            Some(Ok(bytes)) => (bytes.map(|b| EnvFile::parse(&b)), None),
            Some(Err(e)) => (None, Some(e)),
            None => (None, None),
        };
        GoenvState {
            location,
            file,
            error,
        }
    }

    fn info(&self) -> GoenvFileInfo {
        let (from_env, unavailable_reason) = match &self.location {
            GoenvLocation::File { from_env, .. } => (*from_env, None),
            GoenvLocation::Off => (true, Some(GoenvUnavailableReason::Off)),
            GoenvLocation::Unavailable { reason } => (false, Some(reason.clone())),
        };
        GoenvFileInfo {
            path: self.location.path().map(|p| p.display().to_string()),
            from_env,
            exists: self.file.is_some(),
            unavailable_reason,
        }
    }
}

/// The Go version whose rules apply: the active installation's, else the newest we know.
pub fn rules_version(installations: &[GoInstallation]) -> GoVersion {
    installations
        .iter()
        .find(|i| i.active)
        .and_then(|i| i.parsed_version)
        .unwrap_or(GoVersion::NEWEST_KNOWN)
}

/// Detects everything about the Go environment described by `env`. Never fails: problems
/// become findings. Commands use [`crate::context::Context::detection`], which detects once.
pub fn detect(env: &SysEnv) -> Detection {
    detect_with(env, install::discover(env))
}

/// [`detect`] with the installations already discovered (see [`crate::context::Context`]).
pub(crate) fn detect_with(env: &SysEnv, installations: Vec<GoInstallation>) -> Detection {
    let version = rules_version(&installations);
    let goroot: Option<PathBuf> = installations
        .iter()
        .find(|i| i.active)
        .and_then(|i| i.goroot.as_ref())
        .map(PathBuf::from);
    // With no go there is no go.env to read: assume the one Go's releases ship.
    let goroot_env_assumed = !installations.iter().any(|i| i.active);
    let goroot_env = if goroot_env_assumed {
        Some(EnvFile::parse(settings::UPSTREAM_GO_ENV))
    } else {
        goroot
            .as_ref()
            .filter(|_| version.has_goroot_go_env())
            .and_then(|r| read_optional(&r.join("go.env")).ok().flatten())
            .map(|b| EnvFile::parse(&b))
    };
    let goenv = GoenvState::read(env);
    let layers = Layers {
        env,
        file: goenv.file.as_ref(),
        file_path: goenv.location.path(),
        goroot_env: goroot_env.as_ref(),
        goroot_env_assumed,
        goroot: goroot.as_deref(),
        version,
    };
    let settings = settings::compute(&layers);
    let findings = findings::evaluate(&Facts {
        env,
        installations: &installations,
        settings: &settings,
        version,
        file: goenv.file.as_ref(),
        file_path: goenv.location.path(),
        file_error: goenv.error.as_ref(),
    });
    Detection {
        installations,
        rules_version: version.to_string(),
        goenv: goenv.info(),
        settings,
        findings,
    }
}
