//! The go env store: plan a change (pure, reviewable), then apply it under the lock with an
//! atomic write and a history entry. No go binary is needed.

use crate::change::{
    Change, ChangeLine, ChangePreview, EnvAssignment, FileWrite, LineKind, Summary,
};
use crate::context::Context;
use crate::findings::shell_profiles::files_setting;
use crate::goenv::file::EnvFile;
use crate::goenv::location::{locate, GoenvLocation};
use crate::goenv::{keys, EnvOp};
use crate::goversion::GoVersion;
use crate::history::{Applied, History, StoreLock};
use crate::redact::url_userinfo;
use crate::sysenv::SysEnv;
use crate::{atomic_file, Error, ErrorCode, Result};
use serde::Serialize;
use std::path::PathBuf;
use ts_rs::TS;

/// A reviewable change to the GOENV file. Applying it writes exactly what `go env -w/-u` would.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Plan {
    /// The GOENV file that will be written.
    pub file: String,
    pub ops: Vec<EnvOp>,
    /// What the user reviews: one line per key whose stored value changes (none when the plan
    /// changes nothing) and the file written.
    pub preview: ChangePreview,
    /// Notes to show before applying, e.g. an OS variable that will still override the new value.
    pub warnings: Vec<PlanWarning>,
}

/// Stable codes for plan warnings; the UI translates by code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PlanWarningCode {
    /// An OS variable with another value keeps overriding the GOENV file after the change.
    EnvOverridesFile,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PlanWarning {
    pub code: PlanWarningCode,
    pub key: String,
    /// The overriding value, credentials hidden.
    pub env_value: String,
    /// The same in one English sentence (CLI output).
    pub message: String,
    /// Shell start-up files that set the variable (remove the line there); empty when unknown.
    pub set_in: Vec<String>,
}

/// The GOENV file of one environment, with the lock and journal that guard its changes.
pub struct Store {
    env: SysEnv,
    path: PathBuf,
    version: GoVersion,
    history: History,
}

/// What `ops` do to a file, computed without writing.
struct Computed {
    before: Option<Vec<u8>>,
    after: EnvFile,
    changes: Vec<ChangeLine>,
}

impl Store {
    /// Opens the store for the command's environment, with the rules of its active `go`.
    pub fn open(ctx: &Context) -> Result<Store> {
        Store::open_with_version(ctx.env(), ctx.rules_version())
    }

    /// Opens the store with explicit Go rules (tests, or when the caller already detected).
    pub fn open_with_version(env: &SysEnv, version: GoVersion) -> Result<Store> {
        let path = match locate(env) {
            GoenvLocation::File { path, .. } => path,
            GoenvLocation::Off => {
                return Err(Error::new(
                    ErrorCode::GoenvUnavailable,
                    "GOENV=off: Go reads no GOENV file (and `go env -w` would still write the default one); unset GOENV or set it to a file path",
                )
                .with_field("GOENV"))
            }
            GoenvLocation::Unavailable { reason } => {
                return Err(Error::new(
                    ErrorCode::GoenvUnavailable,
                    format!("cannot find the GOENV file: {}", reason.english()),
                )
                .with_field("GOENV"))
            }
        };
        Ok(Store {
            env: env.clone(),
            path,
            version,
            history: History::open(env)?,
        })
    }

    pub fn path(&self) -> &std::path::Path {
        &self.path
    }

    fn compute(&self, ops: &[EnvOp]) -> Result<Computed> {
        if ops.is_empty() {
            return Err(Error::invalid(
                "ops",
                "no change given: name at least one KEY=VALUE to set or KEY to unset",
            ));
        }
        let before = atomic_file::read_optional(&self.path)?;
        let file = EnvFile::parse(before.as_deref().unwrap_or_default());
        keys::validate_ops(ops, self.version, &file)?;
        let after = file.rewrite(ops);
        let mut changes = Vec::new();
        for op in ops {
            let (old, new) = (file.get(op.key()), after.get(op.key()));
            if old != new {
                changes.push(
                    ChangeLine::new(LineKind::GoEnv, op.key())
                        .old(old.map(|v| url_userinfo(&v)))
                        .new_value(new.map(|v| url_userinfo(&v))),
                );
            }
        }
        Ok(Computed {
            before,
            after,
            changes,
        })
    }

    /// What applying `ops` would change. Validates everything; writes nothing.
    pub fn plan(&self, ops: &[EnvOp]) -> Result<Plan> {
        let computed = self.compute(ops)?;
        let warnings = self.warnings(&computed.after, ops);
        Ok(Plan {
            file: self.path.display().to_string(),
            ops: ops.to_vec(),
            preview: self.planned(ops, computed).preview(),
            warnings,
        })
    }

    /// An OS variable keeps winning over the file (Go itself only prints a warning).
    fn warnings(&self, after: &EnvFile, ops: &[EnvOp]) -> Vec<PlanWarning> {
        ops.iter()
            .filter_map(|op| {
                let env_value = self.env.non_empty(op.key())?;
                let file_value = after.get(op.key());
                (file_value.as_deref() != Some(env_value)).then(|| {
                    let env_value = url_userinfo(env_value);
                    PlanWarning {
                        code: PlanWarningCode::EnvOverridesFile,
                        key: op.key().to_string(),
                        message: format!(
                            "{} is also set in the environment ({env_value}), which overrides the GOENV file; the change takes effect only once that variable is removed",
                            op.key()
                        ),
                        env_value,
                        set_in: files_setting(&self.env, op.key()),
                    }
                })
            })
            .collect()
    }

    /// Validates, then writes under the lock and records a history entry. When the file would
    /// not change, nothing is written or recorded ([`Applied::Unchanged`]).
    pub fn apply(&self, ops: &[EnvOp]) -> Result<Applied> {
        let lock = self.history.lock()?;
        let change = self.change(&lock, ops)?;
        self.history.apply(&lock, change)
    }

    /// The change `ops` make, planned under `lock` (to apply alone or as part of a larger one).
    pub fn change(&self, _lock: &StoreLock, ops: &[EnvOp]) -> Result<Change> {
        let computed = self.compute(ops)?;
        Ok(self.planned(ops, computed))
    }

    /// The change `ops` would make, for review only (no lock: apply plans again under it).
    pub fn preview_change(&self, ops: &[EnvOp]) -> Result<Change> {
        let computed = self.compute(ops)?;
        Ok(self.planned(ops, computed))
    }

    /// The Go rules this store validates with.
    pub fn version(&self) -> GoVersion {
        self.version
    }

    fn planned(&self, ops: &[EnvOp], computed: Computed) -> Change {
        let after = computed.after.as_bytes();
        // Like `go env -u` of a key that is not there: no file is created for nothing.
        let unchanged = after == computed.before.as_deref().unwrap_or_default();
        Change::new(summarize(ops))
            .with_lines(computed.changes)
            .with_write((!unchanged).then(|| FileWrite::config(self.path.clone(), after.to_vec())))
    }

    /// The journal this store records its changes in.
    pub fn history(&self) -> &History {
        &self.history
    }
}

/// `env set GOPROXY=https://goproxy.cn,direct; env unset GOSUMDB`, credentials hidden.
fn summarize(ops: &[EnvOp]) -> Summary {
    let mut set = Vec::new();
    let mut unset = Vec::new();
    for op in ops {
        match op {
            EnvOp::Set { key, value } => set.push(EnvAssignment {
                key: key.clone(),
                value: url_userinfo(value),
            }),
            EnvOp::Unset { key } => unset.push(key.clone()),
        }
    }
    Summary::EnvChange { set, unset }
}

#[cfg(test)]
mod tests;
