//! The files beside the Dockerfile: `.dockerignore`, the build command, the compose snippet.
//! The secret always travels as a build secret (`--secret`, compose `build.secrets`), never as
//! a build arg (docs/dockerfile.md, "Passing the secret").

use super::resolve::Resolved;
use super::words::words;
use std::fmt::Write as _;

/// The image name: the binary's name in lower case (repository names are lower case).
pub fn image_name(r: &Resolved) -> String {
    r.binary.to_ascii_lowercase()
}

fn platform_list(r: &Resolved) -> String {
    r.platforms
        .iter()
        .map(|p| p.text())
        .collect::<Vec<_>>()
        .join(",")
}

pub fn dockerignore(r: &Resolved) -> String {
    let w = words(r.language);
    let mut out = format!("# {}\n", w.dockerignore);
    for line in [
        ".git",
        ".github",
        ".gitlab-ci.yml",
        ".idea",
        ".vscode",
        "**/.netrc",
        "**/.env",
        "**/*.pem",
        "**/*.key",
        "Dockerfile",
        ".dockerignore",
        "compose.yaml",
        "bin/",
        "dist/",
        "tmp/",
    ] {
        out.push_str(line);
        out.push('\n');
    }
    if !r.vendor {
        let _ = writeln!(out, "# {}\nvendor/", w.dockerignore_vendor);
    }
    out
}

/// The build command; `netrc_src` is where the netrc comes from (`$HOME/.netrc`).
pub fn build_command(r: &Resolved, netrc_src: &str, tag: &str) -> String {
    let mut parts = vec!["docker".to_string()];
    if r.platforms.len() > 1 {
        parts.extend(["buildx".into(), "build".into()]);
    } else {
        parts.push("build".into());
    }
    if !r.platforms.is_empty() {
        parts.push(format!("--platform {}", platform_list(r)));
    }
    if r.private {
        parts.push(format!("--secret id=netrc,src={netrc_src}"));
    }
    if r.ssh {
        parts.push("--ssh default".into());
    }
    parts.push(format!("-t {tag}"));
    parts.push(".".into());
    parts.join(" ")
}

pub fn compose(r: &Resolved) -> String {
    let w = words(r.language);
    let name = image_name(r);
    let mut out = format!(
        "# {}\nservices:\n  {name}:\n    build:\n      context: .\n",
        w.compose
    );
    if r.private {
        out.push_str("      secrets:\n        - netrc\n");
    }
    if r.ssh {
        out.push_str("      ssh:\n        - default\n");
    }
    if !r.platforms.is_empty() {
        out.push_str("      platforms:\n");
        for p in &r.platforms {
            let _ = writeln!(out, "        - {}", p.text());
        }
    }
    let _ = writeln!(out, "    image: {name}");
    if let Some(port) = r.port {
        let _ = writeln!(out, "    ports:\n      - \"{port}:{port}\"");
    }
    if r.private {
        let _ = writeln!(
            out,
            "secrets:\n  netrc:\n    # {}\n    file: ~/.netrc",
            w.compose_secret
        );
    }
    out
}
