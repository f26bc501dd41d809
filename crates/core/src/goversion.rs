//! Go release versions (`go1.27.3`, `go1.19`, `go1.21rc2`) and the feature gates that depend on them.

use serde::Serialize;
use std::fmt;
use ts_rs::TS;

/// A Go release as `go version` prints it, reduced to what feature gates need.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, TS)]
#[ts(export)]
pub struct GoVersion {
    pub major: u32,
    pub minor: u32,
    pub patch: u32,
}

impl GoVersion {
    pub const fn new(major: u32, minor: u32, patch: u32) -> Self {
        GoVersion {
            major,
            minor,
            patch,
        }
    }

    /// The newest release these rules were checked against; used when no `go` is installed.
    pub const NEWEST_KNOWN: GoVersion = GoVersion::new(1, 27, 3);

    /// Parses `go1.27.3`, `go1.21rc2`, `go1.19`, also with trailing text (`go1.22.0 X:foo`).
    pub fn parse(text: &str) -> Option<GoVersion> {
        let rest = text.trim().strip_prefix("go")?;
        let numeric: String = rest
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        let mut parts = numeric.split('.').filter(|p| !p.is_empty());
        let major = parts.next()?.parse().ok()?;
        let minor = parts.next().map_or(Some(0), |p| p.parse().ok())?;
        let patch = parts.next().map_or(Some(0), |p| p.parse().ok())?;
        Some(GoVersion {
            major,
            minor,
            patch,
        })
    }

    pub fn at_least(self, major: u32, minor: u32) -> bool {
        (self.major, self.minor) >= (major, minor)
    }

    /// `$GOROOT/go.env` and GOTOOLCHAIN exist from Go 1.21.
    pub fn has_goroot_go_env(self) -> bool {
        self.at_least(1, 21)
    }

    /// GOAUTH exists from Go 1.24.
    pub fn has_goauth(self) -> bool {
        self.at_least(1, 24)
    }
}

impl fmt::Display for GoVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "go{}.{}.{}", self.major, self.minor, self.patch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_release_shapes() {
        assert_eq!(GoVersion::parse("go1.27.3"), Some(GoVersion::new(1, 27, 3)));
        assert_eq!(GoVersion::parse("go1.19"), Some(GoVersion::new(1, 19, 0)));
        assert_eq!(
            GoVersion::parse("go1.21rc2"),
            Some(GoVersion::new(1, 21, 0))
        );
        assert_eq!(
            GoVersion::parse("go1.22.0 X:boringcrypto\n"),
            Some(GoVersion::new(1, 22, 0))
        );
        assert_eq!(GoVersion::parse("devel +abc"), None);
        assert_eq!(GoVersion::parse(""), None);
    }

    #[test]
    fn gates() {
        assert!(!GoVersion::new(1, 19, 8).has_goroot_go_env());
        assert!(GoVersion::new(1, 21, 0).has_goroot_go_env());
        assert!(!GoVersion::new(1, 23, 9).has_goauth());
        assert!(GoVersion::new(1, 24, 0).has_goauth());
    }
}
