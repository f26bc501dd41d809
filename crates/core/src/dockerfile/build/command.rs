//! The `docker build` argument list for a Test build, from a checked request. Every value is
//! checked first (an error names the field); the secret is passed as a file path only.

use super::TestBuildRequest;
use crate::redact;
use crate::{Error, Result};
use std::path::Path;

/// The secret id the generated Dockerfile mounts (`--mount=type=secret,id=netrc,...`).
pub const NETRC_SECRET_ID: &str = "netrc";
/// Build args BuildKit predefines for proxies: no ARG line, kept out of the image history.
const PROXY_ARGS: [&str; 8] = [
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "NO_PROXY",
    "ALL_PROXY",
    "http_proxy",
    "https_proxy",
    "no_proxy",
    "all_proxy",
];
pub const DEFAULT_TIMEOUT_SECS: u64 = 30 * 60;
pub const MAX_TIMEOUT_SECS: u64 = 4 * 60 * 60;

pub struct BuildFiles<'a> {
    pub dockerfile: &'a Path,
    pub netrc: Option<&'a Path>,
}

/// `docker [buildx] build ...` after the program name.
pub fn arguments(
    request: &TestBuildRequest,
    context: &Path,
    files: &BuildFiles<'_>,
    buildx: bool,
) -> Vec<String> {
    let mut args: Vec<String> = if buildx {
        // --load: a buildx builder keeps results in its cache unless told to export them.
        vec!["buildx".into(), "build".into(), "--load".into()]
    } else {
        vec!["build".into()]
    };
    args.push("--progress=plain".into());
    args.extend(["-f".into(), files.dockerfile.display().to_string()]);
    if let Some(netrc) = files.netrc {
        args.extend([
            "--secret".into(),
            format!("id={NETRC_SECRET_ID},src={}", netrc.display()),
        ]);
    }
    if let Some(target) = &request.target {
        args.extend(["--target".into(), target.clone()]);
    }
    if let Some(tag) = &request.tag {
        args.extend(["-t".into(), tag.clone()]);
    }
    for arg in &request.build_args {
        args.extend(["--build-arg".into(), arg.clone()]);
    }
    if let Some(network) = &request.network {
        args.push(format!("--network={network}"));
    }
    for host in &request.add_hosts {
        args.extend(["--add-host".into(), host.clone()]);
    }
    if request.no_cache {
        args.push("--no-cache".into());
    }
    args.push(context.display().to_string());
    args
}

/// The command as a shell line for display (proxy credentials in build args hidden).
pub fn shell_line(program: &Path, args: &[String]) -> String {
    std::iter::once(program.display().to_string())
        .chain(args.iter().map(|a| redact::url_userinfo(a)))
        .map(|word| shell_quote(&word))
        .collect::<Vec<_>>()
        .join(" ")
}

fn shell_quote(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_./:=,@%+-".contains(&b));
    if plain {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

/// Checks every field that reaches the command line.
pub fn check(request: &TestBuildRequest) -> Result<()> {
    if request.dockerfile.trim().is_empty() {
        return Err(Error::invalid(
            "dockerfile",
            "dockerfile is empty: generate the Dockerfile first",
        ));
    }
    if request.dockerfile.len() > 1024 * 1024 {
        return Err(Error::invalid(
            "dockerfile",
            "dockerfile is larger than 1 MiB",
        ));
    }
    if request.dockerfile.contains('\0')
        || request
            .dockerignore
            .as_deref()
            .is_some_and(|d| d.contains('\0'))
    {
        return Err(Error::invalid(
            "dockerfile",
            "dockerfile contains a NUL byte",
        ));
    }
    if let Some(target) = &request.target {
        let ok = target.len() <= 128
            && target.starts_with(|c: char| c.is_ascii_alphanumeric())
            && target
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c));
        if !ok {
            return Err(Error::invalid(
                "target",
                format!("target {target:?} is not a stage name (letters, digits, `_`, `.`, `-`, starting with a letter or digit)"),
            ));
        }
    }
    if let Some(tag) = &request.tag {
        let ok = !tag.is_empty()
            && tag.len() <= 255
            && tag.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
            && tag
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-/:@".contains(c));
        if !ok {
            return Err(Error::invalid(
                "tag",
                format!("tag {tag:?} is not an image name (lower-case letters, digits, `.`, `_`, `-`, `/`, `:`)"),
            ));
        }
    }
    for arg in &request.build_args {
        check_build_arg(arg)?;
    }
    if let Some(network) = &request.network {
        if !matches!(network.as_str(), "default" | "host" | "none") {
            return Err(Error::invalid(
                "network",
                format!("network {network:?} is not one of default, host, none"),
            ));
        }
    }
    for host in &request.add_hosts {
        let ok = host.split_once(':').is_some_and(|(name, ip)| {
            !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || ".-".contains(c))
                && ip.parse::<std::net::IpAddr>().is_ok()
        });
        if !ok {
            return Err(Error::invalid(
                "add_hosts",
                format!(
                    "add_hosts entry {host:?} is not NAME:IP (for example mirror.corp:10.0.0.5)"
                ),
            ));
        }
    }
    if let Some(secs) = request.timeout_secs {
        if secs == 0 || secs > MAX_TIMEOUT_SECS {
            return Err(Error::invalid(
                "timeout_secs",
                format!("timeout_secs must be between 1 and {MAX_TIMEOUT_SECS}, not {secs}"),
            ));
        }
    }
    Ok(())
}

/// `NAME=VALUE` or `NAME` (docker takes the value from its environment). A name that looks
/// like a credential is refused: build args are stored in the image history.
fn check_build_arg(arg: &str) -> Result<()> {
    let (name, value) = arg.split_once('=').unwrap_or((arg, ""));
    let valid_name = name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !valid_name {
        return Err(Error::invalid(
            "build_args",
            format!("build arg {name:?} is not a valid name (letters, digits and `_`, not starting with a digit)"),
        ));
    }
    if value.contains(['\n', '\r', '\0']) {
        return Err(Error::invalid(
            "build_args",
            format!("build arg {name} has a line break or NUL in its value"),
        ));
    }
    if !PROXY_ARGS.contains(&name) && looks_like_secret(name) {
        return Err(Error::invalid(
            "build_args",
            format!("build arg {name} looks like a credential: build args are stored in the image history; the build passes tokens as the netrc secret instead"),
        ));
    }
    Ok(())
}

/// BuildKit's `SecretsUsedInArgOrEnv` rule (`frontend/dockerfile/dockerfile2llb/validations.go`):
/// a `_`-separated word that names a secret, unless `public`, `file` or `version` is one too.
fn looks_like_secret(name: &str) -> bool {
    const SECRET: [&str; 10] = [
        "apikey",
        "auth",
        "credential",
        "credentials",
        "key",
        "password",
        "pword",
        "passwd",
        "secret",
        "token",
    ];
    let lower = name.to_ascii_lowercase();
    let words: Vec<&str> = lower.split('_').collect();
    words.iter().any(|w| SECRET.contains(w))
        && !words
            .iter()
            .any(|w| ["public", "file", "version"].contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request() -> TestBuildRequest {
        TestBuildRequest {
            dir: "/p".into(),
            dockerfile: "FROM scratch\n".into(),
            ..TestBuildRequest::default()
        }
    }

    fn field_of(r: &TestBuildRequest) -> Option<String> {
        check(r).err().and_then(|e| e.field)
    }

    #[test]
    fn arguments_in_order() {
        let mut r = request();
        r.target = Some("build".into());
        r.tag = Some("app:test".into());
        r.build_args = vec![
            "GOPROXY=https://a|https://b,direct".into(),
            "HTTPS_PROXY".into(),
        ];
        r.network = Some("host".into());
        r.add_hosts = vec!["mirror.test:127.0.0.1".into()];
        r.no_cache = true;
        let files = BuildFiles {
            dockerfile: Path::new("/tmp/b/Dockerfile"),
            netrc: Some(Path::new("/tmp/b/netrc")),
        };
        let args = arguments(&r, Path::new("/p"), &files, false);
        assert_eq!(
            args.join(" "),
            "build --progress=plain -f /tmp/b/Dockerfile --secret id=netrc,src=/tmp/b/netrc --target build -t app:test --build-arg GOPROXY=https://a|https://b,direct --build-arg HTTPS_PROXY --network=host --add-host mirror.test:127.0.0.1 --no-cache /p"
        );
        assert_eq!(
            shell_line(Path::new("/usr/bin/docker"), &args[..8]),
            "/usr/bin/docker build --progress=plain -f /tmp/b/Dockerfile --secret id=netrc,src=/tmp/b/netrc --target build"
        );
        assert_eq!(
            shell_line(
                Path::new("docker"),
                &["--build-arg".into(), "GOPROXY=https://a|direct".into()]
            ),
            "docker --build-arg 'GOPROXY=https://a|direct'"
        );
        let buildx = arguments(
            &request(),
            Path::new("/p"),
            &BuildFiles {
                dockerfile: Path::new("/d"),
                netrc: None,
            },
            true,
        );
        assert_eq!(
            buildx.join(" "),
            "buildx build --load --progress=plain -f /d /p"
        );
    }

    #[test]
    fn proxy_credentials_are_hidden_in_the_shown_command() {
        let line = shell_line(
            Path::new("docker"),
            &[
                "--build-arg".into(),
                "HTTPS_PROXY=http://bob:pw@proxy:3128".into(),
            ],
        );
        assert_eq!(
            line,
            "docker --build-arg 'HTTPS_PROXY=http://***@proxy:3128'"
        );
    }

    #[test]
    fn bad_fields_are_named() {
        assert_eq!(field_of(&request()), None);
        type Change = Box<dyn Fn(&mut TestBuildRequest)>;
        let cases: Vec<(&str, Change)> = vec![
            ("dockerfile", Box::new(|r| r.dockerfile = " \n".into())),
            ("dockerfile", Box::new(|r| r.dockerfile = "FROM x\0".into())),
            ("target", Box::new(|r| r.target = Some("-x".into()))),
            ("target", Box::new(|r| r.target = Some("a b".into()))),
            ("tag", Box::new(|r| r.tag = Some("App".into()))),
            ("tag", Box::new(|r| r.tag = Some("a;rm".into()))),
            (
                "build_args",
                Box::new(|r| r.build_args = vec!["1X=a".into()]),
            ),
            ("build_args", Box::new(|r| r.build_args = vec!["=a".into()])),
            (
                "build_args",
                Box::new(|r| r.build_args = vec!["A=x\ny".into()]),
            ),
            (
                "build_args",
                Box::new(|r| r.build_args = vec!["GITHUB_TOKEN=abc".into()]),
            ),
            (
                "build_args",
                Box::new(|r| r.build_args = vec!["NPM_AUTH".into()]),
            ),
            ("network", Box::new(|r| r.network = Some("bridge;x".into()))),
            ("add_hosts", Box::new(|r| r.add_hosts = vec!["a:b".into()])),
            (
                "add_hosts",
                Box::new(|r| r.add_hosts = vec!["a b:1.2.3.4".into()]),
            ),
            ("timeout_secs", Box::new(|r| r.timeout_secs = Some(0))),
            (
                "timeout_secs",
                Box::new(|r| r.timeout_secs = Some(MAX_TIMEOUT_SECS + 1)),
            ),
        ];
        for (field, change) in cases {
            let mut r = request();
            change(&mut r);
            assert_eq!(field_of(&r).as_deref(), Some(field), "{r:?}");
        }
        for ok in [
            "GOPRIVATE=corp.example.com/*",
            "GONOSUMDB=x",
            "HTTPS_PROXY=http://u:p@h:1",
            "PUBLIC_KEY_FILE=x",
            "GO_VERSION=1.27",
        ] {
            let mut r = request();
            r.build_args = vec![ok.into()];
            assert_eq!(field_of(&r), None, "{ok}");
        }
    }
}
