//! Value rules for one `KEY=VALUE`: what `go env -w` checks (`checkEnvWrite`, `runEnvW`) and the
//! stricter checks we add for settings Go stores unchecked but that break the go command (or
//! silently do nothing) when wrong: GOPROXY, GOSUMDB, GOAUTH, GOTOOLCHAIN, GOFLAGS, GOVCS and the
//! module pattern lists.

use crate::goenv::keys;
use crate::goenv::remote;
use crate::goversion::GoVersion;
use crate::{Error, ErrorCode, Result};

/// Checks one value for `key` as Go `version` would store and later use it.
pub fn validate_value(key: &str, value: &str, version: GoVersion) -> Result<()> {
    let invalid = |msg: String| Error::invalid(key, msg);
    if value.contains('\0') {
        return Err(invalid(format!("invalid NUL in {key}=... value")));
    }
    if value.contains(['\n', '\r', '\u{b}']) {
        return Err(invalid(format!(
            "invalid newline in {key}=... value: the GOENV file holds one line per setting"
        )));
    }
    if let Some(c) = value.chars().find(|&c| c.is_control() && c != '\t') {
        return Err(invalid(format!(
            "{key} contains the control character U+{:04X}; remove it",
            c as u32
        )));
    }
    if value.is_empty() {
        return match empty_value_effect(key, version) {
            Some(effect) => Err(Error::new(
                ErrorCode::EmptyValueHidesDefault,
                format!("An empty {key} {effect}. To go back to Go's default, use `env unset {key}` (go env -u {key}) instead."),
            )
            .with_field(key)),
            None => Ok(()),
        };
    }
    check_value(key, value, version).map_err(invalid)
}

/// What an empty value does for keys whose default is not empty; `None` = empty is harmless.
fn empty_value_effect(key: &str, version: GoVersion) -> Option<&'static str> {
    let go_env = version.has_goroot_go_env();
    Some(match key {
        "GOPROXY" if go_env => "hides the default from $GOROOT/go.env and every download fails (`GOPROXY list is not the empty string, but contains no entries`)",
        "GOSUMDB" if go_env => "hides sum.golang.org and checksum verification fails (`missing GOSUMDB`)",
        "GOTOOLCHAIN" if go_env => "hides GOTOOLCHAIN=auto from $GOROOT/go.env, so Go never switches toolchains",
        "GONOPROXY" | "GONOSUMDB" => "falls back to GOPRIVATE; to match no module write `none`",
        "GOAUTH" => "falls back to netrc; to turn authentication off write `off`",
        "GOOS" | "GOARCH" => "is refused by Go (`unsupported GOOS/GOARCH pair`)",
        "GOPROXY" | "GOSUMDB" | "GOTOOLCHAIN" | "GOPATH" | "GOMODCACHE" | "GOCACHE" | "GOVCS" | "GOROOT"
        | "GOBIN" | "CGO_ENABLED" | "CC" | "CXX" | "AR" | "PKG_CONFIG" => "is ignored: Go uses its default anyway, so the line only adds confusion",
        _ => return None,
    })
}

fn check_value(key: &str, value: &str, version: GoVersion) -> Result<(), String> {
    match key {
        "GO111MODULE" if !matches!(value, "auto" | "on" | "off") => Err(format!(
            "invalid GO111MODULE value {value:?}: use on, off or auto"
        )),
        "GOPATH" => check_path_list(key, value),
        "GOMODCACHE" | "GOTMPDIR" | "GOCACHE" | "GOBIN" => check_abs(key, value),
        "CC" | "CXX" => check_compiler(key, value),
        "CGO_ENABLED" if value != "0" && value != "1" => {
            Err(format!("CGO_ENABLED must be 0 or 1, not {value:?}"))
        }
        "GOOS" if !keys::platform_part_known(value, false) => Err(format!(
            "unsupported GOOS/GOARCH pair: {value:?} is not an operating system Go supports"
        )),
        "GOARCH" if !keys::platform_part_known(value, true) => Err(format!(
            "unsupported GOOS/GOARCH pair: {value:?} is not an architecture Go supports"
        )),
        "GOEXPERIMENT" => keys::check_goexperiment(value, version),
        "GOPROXY" => remote::check_goproxy(value)
            .map_err(|e| format!("{e}; write e.g. https://proxy.golang.org,direct")),
        "GOSUMDB" => remote::check_gosumdb(value),
        "GOAUTH" => super::goauth::check_goauth(value),
        "GOTOOLCHAIN" => check_gotoolchain(value),
        "GOFLAGS" => keys::check_goflags(value, version),
        "GOPRIVATE" | "GONOPROXY" | "GONOSUMDB" | "GOINSECURE" => check_patterns(key, value),
        "GOVCS" => check_govcs(value),
        _ => Ok(()),
    }
}

/// `filepath.IsAbs` for the platform this program runs on (Go runs on the same machine).
pub fn is_abs_path(p: &str) -> bool {
    if cfg!(windows) {
        let b = p.as_bytes();
        let drive = b.len() >= 3
            && b[0].is_ascii_alphabetic()
            && b[1] == b':'
            && (b[2] == b'\\' || b[2] == b'/');
        drive || p.starts_with(r"\\") || p.starts_with("//")
    } else {
        p.starts_with('/')
    }
}

fn check_abs(key: &str, value: &str) -> Result<(), String> {
    if is_abs_path(value) {
        Ok(())
    } else {
        Err(format!(
            "{key} entry is relative; must be absolute path: {value:?}"
        ))
    }
}

/// Go checks only that the whole GOPATH looks absolute; every list element must be, and `~` is
/// never expanded.
fn check_path_list(key: &str, value: &str) -> Result<(), String> {
    let sep = if cfg!(windows) { ';' } else { ':' };
    for part in value.split(sep) {
        if part.starts_with('~') {
            return Err(format!("{key} entry cannot start with shell metacharacter '~': {part:?}; write the full path"));
        }
        check_abs(key, part)?;
    }
    Ok(())
}

/// `checkEnvWrite` for CC/CXX: a quoted command line whose program is absolute or a bare name.
fn check_compiler(key: &str, value: &str) -> Result<(), String> {
    let words = quoted_split(value).map_err(|e| format!("invalid {key}: {e}"))?;
    let Some(prog) = words.first() else {
        return Err(format!("{key} entry cannot contain only space"));
    };
    if !is_abs_path(prog) && prog.contains(['/', std::path::MAIN_SEPARATOR]) {
        return Err(format!(
            "{key} entry is relative; must be absolute path: {prog:?}"
        ));
    }
    Ok(())
}

/// `cmd/internal/quoted.Split`: fields split on ASCII space/tab/newline, `'…'` and `"…"` quote a
/// whole field, no escapes.
pub fn quoted_split(s: &str) -> Result<Vec<String>, String> {
    let is_space = |c: char| matches!(c, ' ' | '\t' | '\n' | '\r');
    let mut out = Vec::new();
    let mut rest = s;
    loop {
        rest = rest.trim_start_matches(is_space);
        let Some(first) = rest.chars().next() else {
            return Ok(out);
        };
        if first == '"' || first == '\'' {
            let body = &rest[1..];
            let end = body
                .find(first)
                .ok_or_else(|| format!("unterminated {first} string"))?;
            out.push(body[..end].to_string());
            rest = &body[end + 1..];
        } else {
            let end = rest.find(is_space).unwrap_or(rest.len());
            out.push(rest[..end].to_string());
            rest = &rest[end..];
        }
    }
}

/// GOTOOLCHAIN (`toolchain.Select`): `auto`, `path`, `local`, `<toolchain>`, `<min>+auto|+path`.
/// Stricter than Go: a bare language version (`go1.21`) is refused, Go fails on it at download.
fn check_gotoolchain(value: &str) -> Result<(), String> {
    if matches!(value, "auto" | "path" | "local") {
        return Ok(());
    }
    let (min, suffix) = match value.split_once('+') {
        Some((m, s)) => (m, Some(s)),
        None => (value, None),
    };
    if min != "local" {
        let Some(v) = toolchain_version(min) else {
            return Err(match suffix {
                Some(_) => format!("invalid GOTOOLCHAIN {value:?}: invalid minimum toolchain {min:?}"),
                None => format!("invalid GOTOOLCHAIN {value:?}: use auto, local, path or a toolchain like go1.22.3"),
            });
        };
        if !min.starts_with("go1") && !min.contains("-go1") {
            return Err(format!("invalid GOTOOLCHAIN {value:?}"));
        }
        if v.matches('.').count() == 1
            && v.split('.')
                .nth(1)
                .is_some_and(|m| m.bytes().all(|b| b.is_ascii_digit()))
        {
            let minor: u32 = v
                .split('.')
                .nth(1)
                .and_then(|m| m.parse().ok())
                .unwrap_or(0);
            if minor >= 21 {
                return Err(format!(
                    "invalid GOTOOLCHAIN {value:?}: {min} is a language version, not a toolchain; use {min}.0 or a patch release"
                ));
            }
        }
    }
    match suffix {
        None | Some("auto" | "path") => Ok(()),
        Some(_) => Err(format!(
            "invalid GOTOOLCHAIN {value:?}: only version suffixes are +auto and +path"
        )),
    }
}

/// `gover.FromToolchain`: `go<version>[-custom]` → `<version>` if valid.
fn toolchain_version(name: &str) -> Option<&str> {
    if name.contains(['/', '\\']) {
        return None;
    }
    let v = name.strip_prefix("go")?;
    let v = &v[..v.find([' ', '\t', '-']).unwrap_or(v.len())];
    gover_valid(v).then_some(v)
}

/// `gover.IsValid`: `1`, `1.21`, `1.21.3`, `1.21rc1`; no leading zeros.
fn gover_valid(x: &str) -> bool {
    fn cut_int(x: &str) -> Option<&str> {
        let n = x.bytes().take_while(u8::is_ascii_digit).count();
        (n > 0 && !(x.starts_with('0') && n > 1)).then(|| &x[n..])
    }
    let Some(rest) = cut_int(x) else { return false };
    let Some(rest) = rest.strip_prefix('.') else {
        return rest.is_empty();
    };
    let Some(rest) = cut_int(rest) else {
        return false;
    };
    if rest.is_empty() {
        return true;
    }
    if let Some(patch) = rest.strip_prefix('.') {
        return cut_int(patch) == Some("");
    }
    let kind = rest.bytes().take_while(u8::is_ascii_lowercase).count();
    kind > 0 && (rest.len() == kind || cut_int(&rest[kind..]) == Some(""))
}

/// GOPRIVATE-style lists (`module.MatchPrefixPatterns`). Go skips empty elements, trims nothing
/// and silently never matches a malformed glob, so each of those is refused here.
fn check_patterns(key: &str, value: &str) -> Result<(), String> {
    if value.contains(char::is_whitespace) {
        return Err(format!(
            "{key} contains whitespace: Go does not trim it, so a pattern like \" b.com\" never matches; write a.com,b.com"
        ));
    }
    let patterns: Vec<&str> = value.split(',').filter(|p| !p.is_empty()).collect();
    if patterns.is_empty() {
        return Err(format!("{key} contains no patterns, only commas"));
    }
    for p in patterns {
        if p.contains("://") {
            let host = p.split_once("://").map_or(p, |x| x.1);
            return Err(format!(
                "{key} patterns are module path prefixes, not URLs: write {host:?}, not {p:?}"
            ));
        }
        let glob = p.strip_suffix('/').unwrap_or(p);
        if glob.is_empty() || glob.split('/').any(str::is_empty) {
            return Err(format!(
                "{key} pattern {p:?} has an empty path element, so it never matches"
            ));
        }
        if !glob_is_valid(glob) {
            return Err(format!(
                "{key} pattern {p:?} is malformed (unclosed '[' or a dangling '\\'), so Go never matches it"
            ));
        }
    }
    Ok(())
}

/// Whether Go's `path.Match` accepts `pattern` (it returns ErrBadPattern otherwise).
fn glob_is_valid(pattern: &str) -> bool {
    fn esc(s: &mut std::str::Chars<'_>) -> Option<char> {
        let c = s.next()?;
        let c = match c {
            '-' | ']' => return None,
            '\\' => s.next()?,
            c => c,
        };
        Some(c)
    }
    let mut s = pattern.chars();
    while let Some(c) = s.next() {
        match c {
            '\\' if s.next().is_none() => return false,
            '[' => {
                if s.clone().next() == Some('^') {
                    s.next();
                }
                let mut n = 0;
                loop {
                    if s.clone().next() == Some(']') && n > 0 {
                        s.next();
                        break;
                    }
                    if esc(&mut s).is_none() || s.clone().next().is_none() {
                        return false;
                    }
                    if s.clone().next() == Some('-') {
                        s.next();
                        if esc(&mut s).is_none() || s.clone().next().is_none() {
                            return false;
                        }
                    }
                    n += 1;
                }
            }
            _ => {}
        }
    }
    true
}

/// GOVCS (`vcs.parseGOVCS`) with Go's errors; stricter: VCS names must be known.
fn check_govcs(value: &str) -> Result<(), String> {
    let mut seen = std::collections::HashMap::new();
    for item in value.trim().split(',').map(str::trim) {
        if item.is_empty() {
            return Err("empty entry in GOVCS".into());
        }
        let Some((pattern, list)) = item.split_once(':') else {
            return Err(format!(
                "malformed entry in GOVCS (missing colon): {item:?}"
            ));
        };
        let (pattern, list) = (pattern.trim(), list.trim());
        if pattern.is_empty() {
            return Err(format!("empty pattern in GOVCS: {item:?}"));
        }
        if list.is_empty() {
            return Err(format!("empty VCS list in GOVCS: {item:?}"));
        }
        if pattern == "."
            || pattern == ".."
            || pattern.starts_with("./")
            || pattern.starts_with("../")
        {
            return Err(format!(
                "relative pattern not allowed in GOVCS: {pattern:?}"
            ));
        }
        if let Some(old) = seen.insert(pattern, item) {
            return Err(format!(
                "unreachable pattern in GOVCS: {item:?} after {old:?}"
            ));
        }
        for vcs in list.split('|').map(str::trim) {
            if vcs.is_empty() {
                return Err(format!("empty VCS name in GOVCS: {item:?}"));
            }
            if !matches!(vcs, "all" | "off" | "git" | "hg" | "svn" | "bzr" | "fossil") {
                return Err(format!(
                    "unknown VCS {vcs:?} in GOVCS: use git, hg, svn, bzr, fossil, all or off"
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
