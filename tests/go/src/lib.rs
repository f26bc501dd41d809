//! Shared support for tests that run the real `go`: scratch homes and the toolchains under test.
//!
//! Every [`Sandbox`] has its own HOME, XDG dirs, GOENV, NETRC, GOPATH, GOMODCACHE and working
//! directory, so no test can read or change the developer's real configuration.

use goproxy_core::sysenv::SysEnv;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A Go toolchain under test.
#[derive(Debug, Clone)]
pub struct Toolchain {
    pub name: &'static str,
    /// The real `go` binary (not a wrapper script), so GOROOT is found from its location.
    pub go: PathBuf,
}

/// Toolchains named by `GOPROXY_ASSISTANT_GO127` and `GOPROXY_ASSISTANT_GO119` (set by `make test`).
/// When `GOPROXY_ASSISTANT_REQUIRE_GO=1`, a missing toolchain fails the test instead of skipping.
pub fn toolchains() -> Vec<Toolchain> {
    let mut found = Vec::new();
    for (name, var) in [
        ("go1.27", "GOPROXY_ASSISTANT_GO127"),
        ("go1.19", "GOPROXY_ASSISTANT_GO119"),
    ] {
        match std::env::var_os(var).map(PathBuf::from) {
            Some(go) if go.is_file() => found.push(Toolchain { name, go }),
            other => {
                let msg = format!(
                    "{name} not available ({var}={other:?}); run the tests with `make test`"
                );
                if std::env::var("GOPROXY_ASSISTANT_REQUIRE_GO").as_deref() == Ok("1") {
                    panic!("{msg}");
                }
                eprintln!("skipping {name}: {msg}");
            }
        }
    }
    found
}

/// A scratch home for one test.
pub struct Sandbox {
    pub dir: tempfile::TempDir,
    pub home: PathBuf,
    pub goenv: PathBuf,
    pub work: PathBuf,
    /// Extra variables for this sandbox (e.g. GOPROXY in the "OS environment").
    pub extra: Vec<(String, String)>,
}

impl Sandbox {
    pub fn new() -> Sandbox {
        let dir = tempfile::tempdir().expect("tempdir");
        let home = dir.path().join("home");
        let work = dir.path().join("work");
        for d in [&home, &work, &home.join(".config/go"), &home.join("go")] {
            std::fs::create_dir_all(d).expect("mkdir");
        }
        let goenv = home.join(".config/go/env");
        Sandbox {
            dir,
            home,
            goenv,
            work,
            extra: Vec::new(),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// The variables every process in this sandbox gets (nothing is inherited but PATH).
    pub fn vars(&self) -> Vec<(String, String)> {
        let h = |p: &str| self.home.join(p).display().to_string();
        let mut vars = vec![
            ("HOME".to_string(), self.home.display().to_string()),
            ("XDG_CONFIG_HOME".into(), h(".config")),
            ("XDG_DATA_HOME".into(), h(".local/share")),
            ("XDG_CACHE_HOME".into(), h(".cache")),
            ("XDG_STATE_HOME".into(), h(".local/state")),
            ("GOENV".into(), self.goenv.display().to_string()),
            ("NETRC".into(), h(".netrc")),
            ("GOPATH".into(), h("go")),
            ("GOMODCACHE".into(), h("go/pkg/mod")),
            ("GOCACHE".into(), h(".cache/go-build")),
            ("GOTELEMETRY".into(), "off".into()),
            ("GOFLAGS".into(), String::new()),
            ("PATH".into(), std::env::var("PATH").unwrap_or_default()),
        ];
        for (k, v) in &self.extra {
            vars.retain(|(key, _)| key != k);
            vars.push((k.clone(), v.clone()));
        }
        vars
    }

    /// Removes a variable from the sandbox environment (e.g. to test the default GOENV location).
    pub fn without(&mut self, key: &str) {
        self.extra.retain(|(k, _)| k != key);
        self.extra.push((key.to_string(), "\u{0}unset".to_string()));
    }

    pub fn set(&mut self, key: &str, value: &str) {
        self.extra.retain(|(k, _)| k != key);
        self.extra.push((key.to_string(), value.to_string()));
    }

    fn effective_vars(&self) -> Vec<(String, String)> {
        self.vars()
            .into_iter()
            .filter(|(_, v)| v != "\u{0}unset")
            .collect()
    }

    /// The sandbox as a core [`SysEnv`].
    pub fn sysenv(&self) -> SysEnv {
        SysEnv::from_vars(self.effective_vars()).with_cwd(&self.work)
    }

    /// A `go` command (or any program) that sees only the sandbox environment.
    pub fn command(&self, program: &Path) -> Command {
        let mut cmd = Command::new(program);
        cmd.env_clear()
            .envs(self.effective_vars())
            .current_dir(&self.work);
        cmd
    }

    /// Runs `go args...` and returns its output; panics with stderr if it cannot start.
    pub fn go(&self, tc: &Toolchain, args: &[&str]) -> Output {
        self.command(&tc.go).args(args).output().expect("run go")
    }
}

impl Default for Sandbox {
    fn default() -> Self {
        Sandbox::new()
    }
}
