//! The modules a benchmark asks for: a pinned popular set (immutable versions, so results are
//! comparable), plus modules sampled from a project's go.mod with their go.sum hashes.

use crate::{Error, Result};
use base64::Engine as _;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::path::Path;
use ts_rs::TS;

/// A module at one version, with the `/go.mod h1:` hash from go.sum when known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ModuleVersion {
    pub path: String,
    pub version: String,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub go_mod_h1: Option<String>,
}

impl ModuleVersion {
    pub fn new(path: &str, version: &str) -> ModuleVersion {
        ModuleVersion {
            path: path.to_string(),
            version: version.to_string(),
            go_mod_h1: None,
        }
    }

    /// Parses `path@version` (as on the command line), checking both parts loosely.
    pub fn parse(arg: &str, field: &str) -> Result<ModuleVersion> {
        let bad = |why: &str| Error::invalid(field, format!("{field} {arg:?}: {why}"));
        let (path, version) = arg
            .split_once('@')
            .ok_or_else(|| bad("must be MODULE@VERSION, e.g. golang.org/x/text@v0.14.0"))?;
        let path_ok = !path.is_empty()
            && path.contains('.')
            && !path.starts_with(['/', '.', '-'])
            && !path.ends_with('/')
            && !path.contains("//")
            && path
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-._~/+".contains(c));
        if !path_ok {
            return Err(bad("is not a module path (like github.com/owner/repo)"));
        }
        if !is_version(version) {
            return Err(bad("the version must be a semantic version like v1.2.3"));
        }
        Ok(ModuleVersion::new(path, version))
    }

    /// `path@version`.
    pub fn id(&self) -> String {
        format!("{}@{}", self.path, self.version)
    }

    /// The request path under a proxy base for `file` (`list`, `info`, `mod`, `zip`).
    pub fn request_suffix(&self, file: &str) -> String {
        let module = escape_path(&case_encode(&self.path));
        if file == "list" {
            return format!("/{module}/@v/list");
        }
        let version = escape_path(&case_encode(&self.version));
        format!("/{module}/@v/{version}.{file}")
    }
}

/// Percent-escapes a case-encoded module path or version for a request path (`!` → `%21`).
pub fn escape_path(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/+".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `v` followed by a digit: enough to tell a version from junk.
pub(crate) fn is_version(v: &str) -> bool {
    v.strip_prefix('v')
        .and_then(|r| r.chars().next())
        .is_some_and(|c| c.is_ascii_digit())
        && v.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-.+".contains(c))
}

/// Go's case encoding: each upper-case letter becomes `!` + lower case.
pub fn case_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii_uppercase() {
            out.push('!');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// Popular modules pinned to exact versions (docs/mirror-benchmark.md, "Requests"). The first
/// one's zip is also the throughput sample. `github.com/BurntSushi/toml` exercises case encoding.
pub fn pinned_modules() -> Vec<ModuleVersion> {
    [
        ("golang.org/x/text", "v0.14.0"),
        ("golang.org/x/net", "v0.21.0"),
        ("github.com/stretchr/testify", "v1.9.0"),
        ("github.com/BurntSushi/toml", "v1.3.2"),
    ]
    .iter()
    .map(|(p, v)| ModuleVersion::new(p, v))
    .collect()
}

/// The go.sum `h1:` hash of a go.mod file (dirhash of one file named `go.mod`).
pub fn go_mod_h1(bytes: &[u8]) -> String {
    let file_hash: String = Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let summary = format!("{file_hash}  go.mod\n");
    format!(
        "h1:{}",
        base64::engine::general_purpose::STANDARD.encode(Sha256::digest(summary.as_bytes()))
    )
}

/// Up to `count` required modules of the project in `dir` (its go.mod), spread over the list,
/// each with its `/go.mod h1:` hash from go.sum when present. Shared by the CLI's
/// `bench --project` and the app's project folder; a folder that is missing, not a directory or
/// without a go.mod is an `invalid_input` error naming `field`.
pub fn sample_project(dir: &Path, count: usize, field: &str) -> Result<Vec<ModuleVersion>> {
    let shown = dir.display();
    match std::fs::metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::invalid(
                field,
                format!("the project folder {shown} does not exist"),
            ))
        }
        Err(e) => return Err(Error::io("read", dir, &e).with_field(field)),
        Ok(meta) if !meta.is_dir() => {
            return Err(Error::invalid(
                field,
                format!("{shown} is not a folder: give the folder that holds go.mod"),
            ))
        }
        Ok(_) => {}
    }
    let go_mod_path = dir.join("go.mod");
    let go_mod = match crate::atomic_file::read_optional(&go_mod_path) {
        Ok(Some(bytes)) => String::from_utf8_lossy(&bytes).into_owned(),
        Ok(None) => {
            return Err(Error::invalid(
                field,
                format!("{shown} has no go.mod: give the root folder of a Go module"),
            ))
        }
        Err(e) => return Err(e.with_field(field)),
    };
    let go_sum = crate::atomic_file::read_optional(&dir.join("go.sum"))
        .ok()
        .flatten()
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default();
    let requires = parse_requires(&go_mod);
    if requires.is_empty() {
        return Ok(Vec::new());
    }
    let step = (requires.len() as f64 / count.max(1) as f64).max(1.0);
    let mut picked = Vec::new();
    let mut i = 0.0;
    while (i as usize) < requires.len() && picked.len() < count {
        let (path, version) = &requires[i as usize];
        let mut m = ModuleVersion::new(path, version);
        let key = format!("{path} {version}/go.mod ");
        m.go_mod_h1 = go_sum
            .lines()
            .find_map(|l| l.strip_prefix(&key))
            .map(|h| h.trim().to_string());
        picked.push(m);
        i += step;
    }
    Ok(picked)
}

/// `require` directives of a go.mod (single lines and blocks); comments dropped.
fn parse_requires(go_mod: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut in_block = false;
    for line in go_mod.lines() {
        let line = line.split("//").next().unwrap_or_default().trim();
        let fields: Vec<&str> = line.split_whitespace().collect();
        match fields.as_slice() {
            ["require", "("] => in_block = true,
            [")"] => in_block = false,
            ["require", path, version, ..] => out.push((unquote(path), unquote(version))),
            [path, version, ..] if in_block => out.push((unquote(path), unquote(version))),
            _ => {}
        }
    }
    out.retain(|(p, v)| !p.is_empty() && is_version(v));
    out
}

fn unquote(s: &str) -> String {
    s.trim_matches('"').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_case_encoded_paths() {
        assert_eq!(
            escape_path("github.com/!burnt!sushi/toml"),
            "github.com/%21burnt%21sushi/toml"
        );
    }

    #[test]
    fn parses_module_arguments() {
        let m = ModuleVersion::parse("github.com/BurntSushi/toml@v1.3.2", "--module").expect("ok");
        assert_eq!(
            m.request_suffix("info"),
            "/github.com/%21burnt%21sushi/toml/@v/v1.3.2.info"
        );
        assert_eq!(
            m.request_suffix("list"),
            "/github.com/%21burnt%21sushi/toml/@v/list"
        );
        for bad in [
            "nover",
            "x@v1",
            "golang.org/x/text@latest",
            "/abs@v1.0.0",
            "a b.c@v1.0.0",
        ] {
            let err = ModuleVersion::parse(bad, "--module").expect_err(bad);
            assert_eq!(err.field.as_deref(), Some("--module"));
        }
    }

    #[test]
    fn go_mod_hash_has_go_sum_shape() {
        // Cross-checked against the real go command's GoModSum in mirror-sim's fidelity test.
        let h = go_mod_h1(b"module example.com/m\n");
        assert!(h.starts_with("h1:") && h.len() == 47, "{h}");
        assert_ne!(h, go_mod_h1(b"module example.com/n\n"));
    }

    #[test]
    fn samples_project_requirements_with_hashes() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(
            dir.path().join("go.mod"),
            "module example.com/app\n\ngo 1.22\n\nrequire github.com/a/b v1.0.0\n\nrequire (\n\tgithub.com/c/d v0.2.0 // indirect\n\t\"github.com/e/f\" v1.1.0\n)\n",
        )
        .expect("go.mod");
        std::fs::write(
            dir.path().join("go.sum"),
            "github.com/c/d v0.2.0 h1:zip=\ngithub.com/c/d v0.2.0/go.mod h1:mod=\n",
        )
        .expect("go.sum");
        let picked = sample_project(dir.path(), 10, "project").expect("sample");
        assert_eq!(picked.len(), 3);
        assert_eq!(picked[1].go_mod_h1.as_deref(), Some("h1:mod="));
        assert_eq!(picked[2].path, "github.com/e/f");
        assert_eq!(
            sample_project(dir.path(), 2, "project").expect("two").len(),
            2
        );
    }

    #[test]
    fn a_bad_project_folder_names_the_field() {
        let dir = tempfile::tempdir().expect("tempdir");
        let empty = dir.path().join("empty");
        std::fs::create_dir(&empty).expect("mkdir");
        let file = dir.path().join("go.mod");
        std::fs::write(&file, "module example.com/m\n").expect("go.mod");
        for (path, says) in [
            (dir.path().join("missing"), "does not exist"),
            (file, "is not a folder"),
            (empty, "has no go.mod"),
        ] {
            for field in ["project", "--project"] {
                let err = sample_project(&path, 4, field).expect_err(says);
                assert_eq!(err.code, crate::ErrorCode::InvalidInput, "{path:?}");
                assert_eq!(err.field.as_deref(), Some(field));
                assert!(err.message.contains(says), "{}", err.message);
            }
        }
    }
}
