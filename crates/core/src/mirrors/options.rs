//! What the app (and anyone driving the core) asks to benchmark, turned into a [`BenchPlan`];
//! and the candidate list read from the user's environment.
//!
//! `GOPROXY_ASSISTANT_OFFLINE_CATALOGUE=1` (read from the [`SysEnv`]) leaves out the public
//! catalogue and the direct checksum-database checks: only the user's own mirrors and the
//! entries of their GOPROXY are listed and measured. For air-gapped company networks, where the
//! public proxies only produce timeouts, and for tests, which must not reach the internet.

use super::catalogue::{candidates, resolve, MirrorEntry, MirrorOrigin};
use super::config;
use super::modules::{sample_project, ModuleVersion};
use super::plan::{BenchPlan, BenchTarget};
use crate::context::Context;
use crate::sysenv::SysEnv;
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use std::time::Duration;
use ts_rs::TS;

/// The switch described in the module docs.
pub const OFFLINE_CATALOGUE_VAR: &str = "GOPROXY_ASSISTANT_OFFLINE_CATALOGUE";

/// Whether `env` turns the public catalogue off.
pub fn offline_catalogue(env: &SysEnv) -> bool {
    env.non_empty(OFFLINE_CATALOGUE_VAR)
        .is_some_and(|v| !matches!(v, "0" | "false" | "no"))
}

/// Every candidate for the command's environment: the catalogue (unless switched off), custom
/// mirrors from the app's config, and the entries of the effective GOPROXY (from its detection).
pub fn candidates_from_env(ctx: &Context) -> Result<Vec<MirrorEntry>> {
    let config = config::load(ctx.env())?;
    let mut list = candidates(&config, ctx.setting("GOPROXY"));
    if offline_catalogue(ctx.env()) {
        list.retain(|m| m.origin != MirrorOrigin::Catalogue || m.in_goproxy);
    }
    Ok(list)
}

/// Options of a benchmark run; everything has a default.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BenchOptions {
    /// Names or URLs to measure; empty = every candidate.
    #[serde(default)]
    pub mirrors: Vec<String>,
    /// `path@version` to probe instead of the pinned popular modules.
    #[serde(default)]
    pub modules: Vec<String>,
    /// Also probe modules sampled from this project folder's go.mod (a full path; `~` is home).
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project: Option<String>,
    /// The whole run ends after this many seconds (default 10).
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline_secs: Option<f64>,
    /// Rounds per mirror (default 3, at most 10).
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rounds: Option<u32>,
    /// Do not end the recommended GOPROXY with `,direct`.
    #[serde(default)]
    pub no_direct: bool,
}

fn target(m: MirrorEntry) -> BenchTarget {
    BenchTarget {
        name: m.name,
        url: m.url,
        ca_file: m.ca_file.map(PathBuf::from),
    }
}

/// The plan for `options` against `list` (from [`candidates_from_env`]).
pub fn plan_for(env: &SysEnv, list: &[MirrorEntry], options: &BenchOptions) -> Result<BenchPlan> {
    let deadline = options.deadline_secs.unwrap_or(10.0);
    if !(deadline > 0.0 && deadline <= 600.0) {
        return Err(Error::invalid(
            "deadline_secs",
            format!("the deadline ({deadline} s) must be between 0 and 600 seconds"),
        ));
    }
    let targets: Vec<BenchTarget> = if options.mirrors.is_empty() {
        list.iter().cloned().map(target).collect()
    } else {
        // One that does not check out still goes in: the engine reports it as that mirror's
        // error and measures the others.
        options
            .mirrors
            .iter()
            .map(|arg| match resolve(list, arg, "mirrors") {
                Ok(m) => target(m),
                Err(_) => BenchTarget::new(arg, arg),
            })
            .collect()
    };
    if targets.is_empty() {
        return Err(Error::invalid(
            "mirrors",
            "there is no mirror to measure: add one of your own, or set GOPROXY",
        ));
    }
    let mut plan = BenchPlan::new(targets);
    plan.deadline = Duration::from_secs_f64(deadline);
    plan.rounds = options.rounds.unwrap_or(3).clamp(1, 10);
    plan.include_direct = !options.no_direct;
    if offline_catalogue(env) {
        plan.sumdb_checks.clear();
    }
    if !options.modules.is_empty() {
        plan.modules = options
            .modules
            .iter()
            .map(|m| ModuleVersion::parse(m, "modules"))
            .collect::<Result<_>>()?;
    }
    if let Some(dir) = project_dir(env, options.project.as_deref())? {
        plan.modules.extend(sample_project(&dir, 4, "project")?);
    }
    Ok(plan)
}

/// The project folder of the options: blank means none, a leading `~` is the home folder, and
/// the path must be absolute (the app has no working directory a user could mean).
fn project_dir(env: &SysEnv, project: Option<&str>) -> Result<Option<PathBuf>> {
    let Some(text) = project.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    let home_rest = text
        .strip_prefix("~/")
        .or_else(|| text.strip_prefix("~\\"))
        .or_else(|| (text == "~").then_some(""));
    let dir = match (home_rest, env.home()) {
        (Some(rest), Some(home)) => home.join(rest),
        _ => PathBuf::from(text),
    };
    if !dir.is_absolute() {
        return Err(Error::invalid(
            "project",
            format!("the project folder {text:?} must be a full path, like /home/you/src/app"),
        ));
    }
    Ok(Some(dir))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mirrors::config::{AppConfig, CustomMirror};

    #[test]
    fn offline_switch_drops_the_catalogue_and_sumdb_checks() {
        let config = AppConfig {
            mirrors: vec![CustomMirror {
                name: "corp".into(),
                url: "http://127.0.0.1:9".into(),
                ca_file: None,
            }],
            ..AppConfig::default()
        };
        let list = candidates(&config, Some("https://goproxy.cn,direct"));
        let env = SysEnv::from_vars([(OFFLINE_CATALOGUE_VAR, "1")]);
        assert!(offline_catalogue(&env));
        assert!(!offline_catalogue(&SysEnv::from_vars([(
            OFFLINE_CATALOGUE_VAR,
            "0"
        )])));
        let plan = plan_for(&env, &list, &BenchOptions::default()).expect("plan");
        assert!(plan.sumdb_checks.is_empty());
        let online = plan_for(&SysEnv::default(), &list, &BenchOptions::default()).expect("plan");
        assert_eq!(online.sumdb_checks.len(), 2);
        assert_eq!(online.mirrors.len(), list.len());
    }

    #[test]
    fn options_are_checked() {
        let list = candidates(&AppConfig::default(), None);
        let env = SysEnv::default();
        let bad = BenchOptions {
            deadline_secs: Some(0.0),
            ..BenchOptions::default()
        };
        assert_eq!(
            plan_for(&env, &list, &bad).expect_err("deadline").field,
            Some("deadline_secs".into())
        );
        let only = BenchOptions {
            mirrors: vec!["goproxy.cn".into(), "ftp://x".into()],
            rounds: Some(99),
            no_direct: true,
            ..BenchOptions::default()
        };
        let plan = plan_for(&env, &list, &only).expect("plan");
        assert_eq!(plan.mirrors[0].url, "https://goproxy.cn");
        assert_eq!(
            plan.mirrors[1].url, "ftp://x",
            "kept, reported by the engine"
        );
        assert_eq!(plan.rounds, 10);
        assert!(!plan.include_direct);
        assert!(plan_for(&env, &[], &BenchOptions::default()).is_err());
    }

    #[test]
    fn project_folder_adds_sampled_modules_or_names_the_field() {
        let dir = tempfile::tempdir().expect("tempdir");
        let app = dir.path().join("src/app");
        std::fs::create_dir_all(&app).expect("mkdir");
        std::fs::write(
            app.join("go.mod"),
            "module example.com/app\n\nrequire github.com/a/b v1.0.0\n",
        )
        .expect("go.mod");
        let env = SysEnv::from_vars([("HOME", dir.path().display().to_string())]);
        let list = candidates(&AppConfig::default(), None);
        let with = |project: &str| BenchOptions {
            project: Some(project.into()),
            ..BenchOptions::default()
        };
        let pinned = plan_for(&env, &list, &BenchOptions::default())
            .expect("plan")
            .modules
            .len();
        for project in [app.display().to_string(), "~/src/app".into()] {
            let plan = plan_for(&env, &list, &with(&project)).expect("plan");
            assert_eq!(plan.modules.len(), pinned + 1, "{project}");
            assert_eq!(plan.modules[pinned].id(), "github.com/a/b@v1.0.0");
        }
        let blank = plan_for(&env, &list, &with("  ")).expect("blank is none");
        assert_eq!(blank.modules.len(), pinned);
        for bad in [
            "src/app".to_string(),
            dir.path().join("nope").display().to_string(),
            dir.path().join("src").display().to_string(),
            app.join("go.mod").display().to_string(),
        ] {
            let err = plan_for(&env, &list, &with(&bad)).expect_err(&bad);
            assert_eq!(err.field.as_deref(), Some("project"), "{bad}");
        }
    }
}
