//! Which `golang:<version>-bookworm` image builds the module. The official images set
//! `GOTOOLCHAIN=local`, so the image's Go must be at least the go.mod's `go` line (and we take the
//! `toolchain` line as the version the project asks for); `cmd/go/internal/toolchain` refuses
//! otherwise: `go.mod requires go >= 1.25 (running go 1.24.5; GOTOOLCHAIN=local)`.

use crate::goversion::GoVersion;
use crate::{Error, Result};

/// The oldest release line with `GOTOOLCHAIN` and `-bookworm` images we write by default.
const OLDEST_DEFAULT: (u32, u32) = (1, 21);

/// A version as written in an image tag: `1.24` (the newest 1.24.x) or `1.24.3`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImageVersion {
    pub minor: u32,
    pub patch: Option<u32>,
}

impl ImageVersion {
    pub fn tag(self) -> String {
        match self.patch {
            Some(p) => format!("1.{}.{p}", self.minor),
            None => format!("1.{}", self.minor),
        }
    }
}

/// `1.24`, `1.24.3`, `1.24rc1` (go.mod's forms) as a comparable version; rc/beta count as `.0`.
fn parse_line(text: &str) -> Option<GoVersion> {
    GoVersion::parse(&format!("go{text}"))
}

/// The version the project requires: the larger of the `go` and `toolchain` lines.
pub fn required(go_line: &str, toolchain: Option<&str>) -> Result<GoVersion> {
    let go = parse_line(go_line)
        .ok_or_else(|| Error::invalid("go.mod", format!("`go {go_line}` is not a Go version")))?;
    let want = toolchain.and_then(parse_line).map_or(go, |t| t.max(go));
    let newest = GoVersion::NEWEST_KNOWN;
    if want.major != 1 || want > newest {
        return Err(Error::invalid(
            "go.mod",
            format!(
                "go.mod asks for go {}.{}.{}, newer than any Go release known here ({}.{}.{}); no golang image has it",
                want.major, want.minor, want.patch, newest.major, newest.minor, newest.patch
            ),
        ));
    }
    Ok(want)
}

/// The image version: the user's `--go` (checked) or the required minor line (at least 1.21).
pub fn choose(requested: Option<&str>, required: GoVersion) -> Result<ImageVersion> {
    let Some(text) = requested.map(str::trim) else {
        let minor = if (required.major, required.minor) < OLDEST_DEFAULT {
            OLDEST_DEFAULT.1
        } else {
            required.minor
        };
        return Ok(ImageVersion { minor, patch: None });
    };
    let chosen = parse_requested(text)?;
    let newest = GoVersion::NEWEST_KNOWN;
    let too_new = chosen.minor > newest.minor
        || (chosen.minor == newest.minor && chosen.patch.is_some_and(|p| p > newest.patch));
    if too_new {
        return Err(Error::invalid(
            "go",
            format!(
                "go {text} is not a Go release known here (the newest is {}.{}.{})",
                newest.major, newest.minor, newest.patch
            ),
        ));
    }
    // A tag without a patch is the newest patch of that line, which meets any patch requirement
    // of the same line we know of.
    let satisfies = match chosen.patch {
        Some(p) => (1, chosen.minor, p) >= (required.major, required.minor, required.patch),
        None => (1, chosen.minor) >= (required.major, required.minor),
    };
    if !satisfies {
        return Err(Error::invalid(
            "go",
            format!(
                "go {text} is older than the go.mod requires ({}.{}.{}): the golang image runs with GOTOOLCHAIN=local and would refuse to build",
                required.major, required.minor, required.patch
            ),
        ));
    }
    Ok(chosen)
}

/// `1.24`, `1.24.3`, also `go1.24.3`; nothing else (no rc, no `1`, no spaces).
fn parse_requested(text: &str) -> Result<ImageVersion> {
    let bare = text.strip_prefix("go").unwrap_or(text);
    let parts: Vec<&str> = bare.split('.').collect();
    let number = |s: &str| {
        (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let bad = || {
        Error::invalid(
            "go",
            format!("`{text}` is not a Go release: write it like 1.24 or 1.24.3"),
        )
    };
    match parts[..] {
        ["1", minor] => Ok(ImageVersion {
            minor: number(minor).ok_or_else(bad)?,
            patch: None,
        }),
        ["1", minor, patch] => Ok(ImageVersion {
            minor: number(minor).ok_or_else(bad)?,
            patch: Some(number(patch).ok_or_else(bad)?),
        }),
        _ => Err(bad()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(minor: u32, patch: u32) -> GoVersion {
        GoVersion::new(1, minor, patch)
    }

    #[test]
    fn default_follows_go_mod() {
        assert_eq!(required("1.24.0", Some("1.24.3")).expect("ok"), v(24, 3));
        assert_eq!(choose(None, v(24, 3)).expect("ok").tag(), "1.24");
        assert_eq!(choose(None, v(16, 0)).expect("ok").tag(), "1.21");
    }

    #[test]
    fn requested_must_satisfy_and_exist() {
        assert_eq!(choose(Some("1.26"), v(24, 3)).expect("ok").tag(), "1.26");
        assert_eq!(
            choose(Some("go1.24.3"), v(24, 3)).expect("ok").tag(),
            "1.24.3"
        );
        assert_eq!(choose(Some("1.24"), v(24, 3)).expect("ok").tag(), "1.24");
        let n = GoVersion::NEWEST_KNOWN;
        for bad in [
            "1.24.2".to_string(),
            "1.23".to_string(),
            format!("1.{}", n.minor + 1),
            format!("1.{}.{}", n.minor, n.patch + 1),
            "2.0".into(),
            "1".into(),
            "1.24rc1".into(),
            "latest".into(),
            "".into(),
        ] {
            let err = choose(Some(&bad), v(24, 3)).expect_err(&bad);
            assert_eq!(err.field.as_deref(), Some("go"), "{bad}");
        }
        let future = format!("1.{}", n.minor + 3);
        assert_eq!(
            required(&future, None)
                .expect_err("future")
                .field
                .as_deref(),
            Some("go.mod")
        );
    }
}
