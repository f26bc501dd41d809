//! Reading the user's module: go.mod (`module`, `go`, `toolchain`), the main packages (the root
//! and `cmd/*`), `vendor/`. Parsing follows `cmd/go/internal/modload` / `golang.org/x/mod/modfile`
//! for the lines we need; anything else in go.mod is skipped.

use super::ProjectInfo;
use crate::{Error, Result};
use std::path::{Component, Path, PathBuf};

/// go.mod files larger than this are refused (a real one is a few KiB).
const GO_MOD_LIMIT: u64 = 4 << 20;

pub fn inspect(dir: &Path) -> Result<ProjectInfo> {
    let meta = std::fs::metadata(dir).map_err(|e| {
        Error::invalid(
            "dir",
            format!("{}: cannot open the directory ({e})", dir.display()),
        )
    })?;
    if !meta.is_dir() {
        return Err(Error::invalid(
            "dir",
            format!("{} is not a directory", dir.display()),
        ));
    }
    let go_mod_path = dir.join("go.mod");
    let bytes = crate::atomic_file::read_capped(&go_mod_path, GO_MOD_LIMIT)
        .map_err(|e| Error::invalid("go.mod", e.message))?
        .ok_or_else(|| {
            Error::invalid(
                "dir",
                format!(
                    "{} has no go.mod: pick the root of a Go module (`go mod init` makes one)",
                    dir.display()
                ),
            )
        })?;
    let text = String::from_utf8(bytes)
        .map_err(|_| Error::invalid("go.mod", "go.mod is not UTF-8 text"))?;
    let parsed = parse_go_mod(&text)?;
    Ok(ProjectInfo {
        dir: dir.display().to_string(),
        module_path: parsed.module,
        go_line: parsed.go.unwrap_or_else(|| "1.16".to_string()),
        toolchain: parsed.toolchain,
        main_packages: main_packages(dir),
        has_vendor: dir.join("vendor").join("modules.txt").is_file(),
        has_go_sum: dir.join("go.sum").is_file(),
    })
}

#[derive(Debug, PartialEq, Eq)]
pub struct GoMod {
    pub module: String,
    pub go: Option<String>,
    pub toolchain: Option<String>,
}

/// The `module`, `go` and `toolchain` directives; errors name `go.mod` and the line.
pub fn parse_go_mod(text: &str) -> Result<GoMod> {
    let mut module = None;
    let mut go = None;
    let mut toolchain = None;
    let mut in_block = false;
    for (n, raw) in text.lines().enumerate() {
        let line = raw.split("//").next().unwrap_or("").trim();
        let bad = |what: &str| Error::invalid("go.mod", format!("go.mod line {}: {what}", n + 1));
        if line.is_empty() {
            continue;
        }
        if in_block {
            if line == ")" {
                in_block = false;
            }
            continue;
        }
        let mut words = line.split_whitespace();
        let verb = words.next().unwrap_or("");
        let args: Vec<&str> = words.collect();
        if args.last() == Some(&"(") {
            in_block = true;
            continue;
        }
        match verb {
            "module" => {
                let [path] = args[..] else {
                    return Err(bad("`module` takes one module path"));
                };
                let path = path.trim_matches('"');
                if !valid_module_path(path) {
                    return Err(bad(&format!("`{path}` is not a valid module path")));
                }
                module = Some(path.to_string());
            }
            "go" => {
                let [v] = args[..] else {
                    return Err(bad("`go` takes one version"));
                };
                if !valid_go_line(v) {
                    return Err(bad(&format!(
                        "`go {v}` is not a Go version (like 1.24 or 1.24.0)"
                    )));
                }
                go = Some(v.to_string());
            }
            "toolchain" => {
                let [v] = args[..] else {
                    return Err(bad("`toolchain` takes one name"));
                };
                let version = v.strip_prefix("go").filter(|rest| valid_go_line(rest));
                match version {
                    Some(rest) => toolchain = Some(rest.to_string()),
                    None if v == "default" => {}
                    None => {
                        return Err(bad(&format!(
                            "`toolchain {v}` is not a toolchain name (like go1.24.3)"
                        )))
                    }
                }
            }
            "require" | "exclude" | "replace" | "retract" | "godebug" | "tool" | "ignore" => {}
            ")" | "(" => return Err(bad("unbalanced parenthesis")),
            other => return Err(bad(&format!("unknown directive `{other}`"))),
        }
    }
    let module = module.ok_or_else(|| Error::invalid("go.mod", "go.mod has no `module` line"))?;
    Ok(GoMod {
        module,
        go,
        toolchain,
    })
}

/// `1.21`, `1.21.0`, `1.21rc1`, as `gover.IsValid` accepts them (`cmd/go/internal/gover`).
fn valid_go_line(v: &str) -> bool {
    let mut parts = v.splitn(3, '.');
    let major = parts.next().unwrap_or("");
    let minor = parts.next().unwrap_or("");
    let rest = parts.next();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let minor_ok = digits(minor)
        || minor
            .split_once(|c: char| c.is_ascii_alphabetic())
            .is_some_and(|(m, _)| digits(m));
    digits(major) && minor_ok && rest.is_none_or(digits)
}

/// Module paths we accept: printable, no spaces or quotes, no `..` element (the full rules are
/// in `golang.org/x/mod/module.CheckPath`; the go command has already checked the file).
fn valid_module_path(path: &str) -> bool {
    !path.is_empty()
        && path.len() <= 1024
        && path
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-._~/+".contains(c))
        && !path
            .split('/')
            .any(|e| e.is_empty() || e == "." || e == "..")
}

/// `.` when the root is a main package, then `./cmd/<name>` for each main package under cmd/.
fn main_packages(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    if is_main_package(dir) {
        found.push(".".to_string());
    }
    if let Ok(entries) = std::fs::read_dir(dir.join("cmd")) {
        let mut names: Vec<String> = entries
            .flatten()
            .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|n| safe_element(n))
            .collect();
        names.sort();
        for name in names {
            if is_main_package(&dir.join("cmd").join(&name)) {
                found.push(format!("./cmd/{name}"));
            }
        }
    }
    found
}

/// A directory element we can write into a Dockerfile without quoting.
pub fn safe_element(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
}

/// Some non-test `.go` file in `dir` says `package main` and is not `//go:build ignore`.
pub fn is_main_package(dir: &Path) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    entries.flatten().any(|e| {
        let name = e.file_name();
        let name = name.to_string_lossy();
        name.ends_with(".go")
            && !name.ends_with("_test.go")
            && e.file_type().is_ok_and(|t| t.is_file())
            && crate::atomic_file::read_capped(&e.path(), 1 << 20)
                .ok()
                .flatten()
                .is_some_and(|b| declares_main(&String::from_utf8_lossy(&b)))
    })
}

/// The package clause is `package main`, and no `//go:build ignore` precedes it.
fn declares_main(source: &str) -> bool {
    let mut in_comment = false;
    for line in source.lines() {
        let line = line.trim();
        if in_comment {
            if line.contains("*/") {
                in_comment = false;
            }
            continue;
        }
        if line.starts_with("//go:build") && line.contains("ignore") {
            return false;
        }
        if line.is_empty() || line.starts_with("//") {
            continue;
        }
        if line.starts_with("/*") {
            in_comment = !line.contains("*/");
            continue;
        }
        return line
            .strip_prefix("package")
            .is_some_and(|rest| rest.split("//").next().unwrap_or("").trim() == "main");
    }
    false
}

/// `--main`: a main package inside the module, as `./rel/path`. Errors name `main`.
pub fn resolve_main(dir: &Path, main: &str) -> Result<String> {
    let trimmed = main.trim();
    let rel = trimmed.strip_prefix("./").unwrap_or(trimmed);
    let rel = rel.trim_end_matches('/');
    let rel_path = Path::new(rel);
    let outside = rel_path.is_absolute()
        || rel.contains('\\')
        || rel_path
            .components()
            .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir));
    if trimmed.is_empty() || outside {
        return Err(Error::invalid(
            "main",
            format!("`{main}` is outside the module: give a path relative to the module root, like ./cmd/server"),
        ));
    }
    let elements: Vec<&str> = rel
        .split('/')
        .filter(|e| !e.is_empty() && *e != ".")
        .collect();
    if let Some(bad) = elements.iter().find(|e| !safe_element(e)) {
        return Err(Error::invalid(
            "main",
            format!("`{bad}` in `{main}`: package directories here use letters, digits, `-`, `_` and `.` only"),
        ));
    }
    let full: PathBuf = elements.iter().fold(dir.to_path_buf(), |p, e| p.join(e));
    // A symlinked directory may lead out of the module: compare real paths.
    let inside = match (full.canonicalize(), dir.canonicalize()) {
        (Ok(f), Ok(d)) => f.starts_with(d),
        _ => false,
    };
    if !inside || !is_main_package(&full) {
        return Err(Error::invalid(
            "main",
            format!("`{main}` is not a main package in the module (a directory with a .go file saying `package main`)"),
        ));
    }
    Ok(if elements.is_empty() {
        ".".to_string()
    } else {
        format!("./{}", elements.join("/"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_module_go_and_toolchain() {
        let m = parse_go_mod(
            "// comment\nmodule example.com/app // trailing\n\ngo 1.24.0\ntoolchain go1.24.3\nrequire (\n\tgolang.org/x/mod v0.20.0\n)\nrequire rsc.io/quote v1.5.2\n",
        )
        .expect("parses");
        assert_eq!(
            m,
            GoMod {
                module: "example.com/app".into(),
                go: Some("1.24.0".into()),
                toolchain: Some("1.24.3".into()),
            }
        );
    }

    #[test]
    fn bad_go_mod_names_the_file_and_line() {
        for text in [
            "go 1.24\n",
            "module\n",
            "module a b\n",
            "module example.com/x\ngo banana\n",
            "module example.com/x\ntoolchain 1.24\n",
            "module example.com/x\nfrobnicate\n",
            "module ../x\n",
        ] {
            let err = parse_go_mod(text).expect_err(text);
            assert_eq!(err.field.as_deref(), Some("go.mod"), "{text}");
        }
    }

    #[test]
    fn main_package_must_be_inside() {
        let t = tempfile::tempdir().expect("tempdir");
        let d = t.path();
        std::fs::create_dir_all(d.join("cmd/api")).expect("mkdir");
        std::fs::write(d.join("cmd/api/main.go"), "// x\npackage main\n").expect("write");
        std::fs::write(d.join("lib.go"), "package lib\n").expect("write");
        assert_eq!(resolve_main(d, "cmd/api").expect("ok"), "./cmd/api");
        assert_eq!(resolve_main(d, "./cmd/api/").expect("ok"), "./cmd/api");
        for bad in ["../x", "/etc", "cmd/../..", ".", "cmd/none", "", "cmd/a b"] {
            let err = resolve_main(d, bad).expect_err(bad);
            assert_eq!(err.field.as_deref(), Some("main"), "{bad}");
        }
        assert_eq!(main_packages(d), vec!["./cmd/api".to_string()]);
    }

    #[test]
    fn ignored_generators_are_not_main_packages() {
        assert!(!declares_main("//go:build ignore\n\npackage main\n"));
        assert!(declares_main("/* doc\n*/\npackage main // the app\n"));
        assert!(!declares_main("package mainly\n"));
    }
}
