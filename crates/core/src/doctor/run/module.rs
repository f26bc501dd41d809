//! `go mod download -x -json MODULE@VERSION` outside any module, in a throwaway module cache:
//! how a team bundle's `verify.module` proves a new setup works with the real go.
//!
//! Outside a module, `go mod download` accepts `path@version` queries (`@latest` included) and
//! resolves them through GOPROXY / GOPRIVATE / GOAUTH like any build would
//! (`cmd/go/internal/modcmd/download.go`); `-json` prints the resolved `Version` or an `Error`.

use super::{go_program, go_vars, log, modcache, process, RunOutcome};
use crate::context::Context;
use crate::doctor::DoctorFinding;
use crate::{Error, ErrorCode, Result};
use serde::Serialize;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::time::Duration;
use ts_rs::TS;

/// What to download, and for how long at most.
#[derive(Debug, Clone)]
pub struct ModuleDownload {
    /// `path@version` (`@latest` allowed), as a bundle's `verify.module` names it.
    pub module: String,
    pub timeout: Duration,
    /// Set to stop the run early; go and its children are killed.
    pub cancel: Arc<AtomicBool>,
}

impl ModuleDownload {
    pub fn new(module: impl Into<String>) -> ModuleDownload {
        ModuleDownload {
            module: module.into(),
            timeout: Duration::from_secs(120),
            cancel: Arc::new(AtomicBool::new(false)),
        }
    }
}

/// How the download went: go's outcome, the version it resolved, and what a failure means.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ModuleDownloadReport {
    pub outcome: RunOutcome,
    /// The version go resolved (`v1.1.0` for `@latest`), when it printed one.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    pub cancelled: bool,
    /// go's raw output; the UI already saw it line by line, so it does not cross IPC again.
    #[serde(skip)]
    #[ts(skip)]
    pub output: Vec<u8>,
    pub findings: Vec<DoctorFinding>,
}

/// Downloads `request.module` with the effective settings into a throwaway module cache;
/// `progress` sees every line go prints. Errors only when go cannot run (no go, a query that is
/// not `path@version`); a failed download is a report with findings.
pub fn download_module(
    ctx: &Context,
    request: &ModuleDownload,
    progress: &(dyn Fn(&str) + Sync),
) -> Result<ModuleDownloadReport> {
    let module = checked_query(&request.module)?;
    let go = go_program(ctx)?;
    // The cache directory is also the working directory: no go.mod above it, so go runs
    // outside any module and reads no project's settings.
    let cache = modcache::ThrowawayCache::create()?;
    let mod_cache = cache.path().join("mod");
    let vars = go_vars(ctx, Some(&mod_cache));
    let ended = process::run(
        &process::Invocation {
            program: &go,
            args: &["mod", "download", "-x", "-json", "-modcacherw", module],
            dir: cache.path(),
            vars: &vars,
            timeout: request.timeout,
            cancel: &request.cancel,
        },
        &mut |line| progress(line),
    )
    .map_err(|e| {
        Error::new(
            ErrorCode::External,
            format!("cannot run {}: {e}", go.display()),
        )
        .with_field("go")
    })?;
    drop(cache);
    let ok = !ended.timed_out && !ended.cancelled && ended.exit_code == Some(0);
    let findings = if ok {
        Vec::new()
    } else {
        log::explain(&ended.output).findings
    };
    Ok(ModuleDownloadReport {
        outcome: RunOutcome {
            ok,
            exit_code: ended.exit_code,
            ms: ended.elapsed.as_millis() as u64,
            timed_out: ended.timed_out,
        },
        version: json_version(&ended.output),
        cancelled: ended.cancelled,
        output: ended.output,
        findings,
    })
}

/// `path@version`, without spaces or a leading `-` (go would take it for a flag).
fn checked_query(query: &str) -> Result<&str> {
    let bad = |rule: &str| {
        Err(Error::invalid(
            "module",
            format!("module {query:?}: {rule}; write it as path@version, for example example.com/lib@latest"),
        ))
    };
    let Some((path, version)) = query.split_once('@') else {
        return bad("has no @version");
    };
    if path.is_empty() || version.is_empty() {
        return bad("needs both a path and a version");
    }
    if query.starts_with('-') || query.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return bad("starts with '-' or contains spaces or control characters");
    }
    Ok(query)
}

/// The `"Version": "v1.2.3"` of go's `-json` output (its JSON is indented, one field a line).
fn json_version(output: &[u8]) -> Option<String> {
    String::from_utf8_lossy(output).lines().find_map(|line| {
        let rest = line.trim().strip_prefix("\"Version\":")?.trim();
        let value = rest
            .trim_end_matches(',')
            .trim()
            .strip_prefix('"')?
            .strip_suffix('"')?;
        (!value.is_empty()).then(|| value.to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_query_must_be_path_at_version() {
        for bad in [
            "",
            "example.com/lib",
            "@latest",
            "example.com/lib@",
            "-x@v1",
            "a b@v1",
        ] {
            let err = checked_query(bad).expect_err(bad);
            assert_eq!(err.field.as_deref(), Some("module"), "{bad}");
        }
        assert_eq!(
            checked_query("example.com/lib@latest").ok(),
            Some("example.com/lib@latest")
        );
    }

    #[test]
    fn the_version_comes_from_gos_json() {
        let out = b"# get https://proxy/example.com/lib/@v/list\n{\n\t\"Path\": \"example.com/lib\",\n\t\"Version\": \"v1.1.0\",\n\t\"Info\": \"/x\"\n}\n";
        assert_eq!(json_version(out).as_deref(), Some("v1.1.0"));
        assert_eq!(json_version(b"{\n\t\"Error\": \"not found\"\n}\n"), None);
    }
}
