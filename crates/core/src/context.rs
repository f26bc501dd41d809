//! One CLI command's or IPC call's view of the machine: the environment, the clock and the Go
//! detection, each worked out at most once and handed down, instead of every layer discovering
//! the Go installations (and running a wrapper `go`) again.

use crate::clock::Clock;
use crate::detect::{self, rules_version, Detection};
use crate::goversion::GoVersion;
use crate::install::{self, GoInstallation};
use crate::sysenv::SysEnv;
use std::sync::OnceLock;

/// What one command works with. Made once where the command starts and passed down by reference.
/// The installations and the detection are computed on first use and kept: they describe the
/// machine as the command found it, before any change the command itself makes.
#[derive(Debug)]
pub struct Context {
    env: SysEnv,
    clock: Clock,
    installations: OnceLock<Vec<GoInstallation>>,
    detection: OnceLock<Detection>,
}

impl Context {
    /// A context over `env` with the system clock.
    pub fn new(env: SysEnv) -> Context {
        Context {
            env,
            clock: Clock::system(),
            installations: OnceLock::new(),
            detection: OnceLock::new(),
        }
    }

    /// The real process environment, the system clock.
    pub fn current() -> Context {
        Context::new(SysEnv::current())
    }

    /// The same context with another clock (tests: [`Clock::fixed`]).
    pub fn with_clock(mut self, clock: Clock) -> Context {
        self.clock = clock;
        self
    }

    pub fn env(&self) -> &SysEnv {
        &self.env
    }

    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    /// Every Go installation visible from the environment, discovered once.
    pub fn installations(&self) -> &[GoInstallation] {
        self.installations
            .get_or_init(|| install::discover(&self.env))
    }

    /// The Go version whose rules apply (the active `go`'s, else the newest we know).
    pub fn rules_version(&self) -> GoVersion {
        rules_version(self.installations())
    }

    /// The whole read-only picture, detected once (with the installations above).
    pub fn detection(&self) -> &Detection {
        self.detection
            .get_or_init(|| detect::detect_with(&self.env, self.installations().to_vec()))
    }

    /// The effective value of a module-download setting (`GOPROXY`, `GOAUTH`...), if known.
    pub fn setting(&self, key: &str) -> Option<&str> {
        self.detection()
            .settings
            .iter()
            .find(|s| s.key == key)
            .map(|s| s.value.as_str())
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn detects_once_and_reuses_the_installations() {
        let t = tempfile::tempdir().expect("tempdir");
        let ctx = Context::new(SysEnv::from_vars([
            ("PATH", t.path().display().to_string()),
            ("HOME", t.path().display().to_string()),
        ]));
        let first: *const Detection = ctx.detection();
        let again: *const Detection = ctx.detection();
        assert_eq!(first, again, "one detection per context");
        assert_eq!(ctx.detection().installations, ctx.installations());
        assert_eq!(ctx.rules_version(), GoVersion::NEWEST_KNOWN);
        assert_eq!(
            ctx.setting("GOPROXY"),
            Some("https://proxy.golang.org,direct")
        );
    }
}
