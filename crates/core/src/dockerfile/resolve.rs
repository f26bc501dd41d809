//! From the user's options, the project and the current configuration to one checked set of
//! choices every generated file is written from. Every bad input is an error naming its field.

use super::go_image::{self, ImageVersion};
use super::project;
use super::{
    CommentLanguage, DockerfileOptions, FinalImage, GenerationWarning, ProjectInfo, WarningCode,
};
use crate::{Error, Result};
use std::collections::BTreeMap;
use std::path::Path;

/// The five settings in the order they are written, with their values.
pub const SETTING_KEYS: [&str; 5] = ["GOPROXY", "GOSUMDB", "GOPRIVATE", "GONOPROXY", "GONOSUMDB"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Platform {
    pub os: String,
    pub arch: String,
    pub variant: Option<String>,
}

impl Platform {
    pub fn text(&self) -> String {
        match &self.variant {
            Some(v) => format!("{}/{}/{v}", self.os, self.arch),
            None => format!("{}/{}", self.os, self.arch),
        }
    }
}

/// Everything the writers need, checked.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub image: ImageVersion,
    pub main: String,
    /// The binary's file name (`server` for ./cmd/server).
    pub binary: String,
    pub vendor: bool,
    pub has_go_sum: bool,
    pub cgo: bool,
    pub platforms: Vec<Platform>,
    pub final_image: FinalImage,
    pub port: Option<u16>,
    pub ssh: bool,
    pub ldflags: Option<String>,
    /// `(KEY, value)` for [`SETTING_KEYS`], credentials removed.
    pub settings: Vec<(&'static str, String)>,
    /// Hosts of private modules (from GOPRIVATE/GONOPROXY patterns without wildcards).
    pub private_hosts: Vec<String>,
    pub private: bool,
    pub language: CommentLanguage,
    pub warnings: Vec<GenerationWarning>,
}

impl Resolved {
    /// CGO cross builds use xx; everything else without CGO cross-compiles with GOOS/GOARCH.
    pub fn uses_xx(&self) -> bool {
        self.cgo && !self.platforms.is_empty()
    }

    /// The build stage runs on `$BUILDPLATFORM` (cross-compiling) rather than the target.
    pub fn cross(&self) -> bool {
        !self.cgo || self.uses_xx()
    }

    pub fn any_arm(&self) -> bool {
        self.platforms.iter().any(|p| p.arch == "arm")
    }

    pub fn setting(&self, key: &str) -> &str {
        self.settings
            .iter()
            .find(|(k, _)| *k == key)
            .map_or("", |(_, v)| v.as_str())
    }
}

fn warn(code: WarningCode, message: String, params: &[(&str, &str)]) -> GenerationWarning {
    GenerationWarning {
        code,
        message,
        params: params
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect::<BTreeMap<_, _>>(),
    }
}

/// `effective(KEY)` is the current configuration's value of a setting, if known.
pub fn resolve(
    dir: &Path,
    project: &ProjectInfo,
    options: &DockerfileOptions,
    effective: &dyn Fn(&str) -> Option<String>,
) -> Result<Resolved> {
    let mut warnings = Vec::new();
    let required = go_image::required(&project.go_line, project.toolchain.as_deref())?;
    let image = go_image::choose(options.go.as_deref(), required)?;

    let main = match options.main.as_deref() {
        Some(m) => project::resolve_main(dir, m)?,
        None => match project.main_packages.as_slice() {
            [] => return Err(Error::invalid(
                "main",
                "no main package in the module root or cmd/*: name one with main (--main ./path)",
            )),
            [only] => only.clone(),
            [first, rest @ ..] => {
                warnings.push(warn(
                    WarningCode::SeveralMainPackages,
                    format!(
                        "several main packages; building {first} (others: {}); choose another with --main",
                        rest.join(", ")
                    ),
                    &[("main", first), ("others", &rest.join(","))],
                ));
                first.clone()
            }
        },
    };
    let binary = binary_name(&main, &project.module_path);

    let vendor = options.vendor.unwrap_or(project.has_vendor);
    if vendor && !project.has_vendor {
        return Err(Error::invalid(
            "vendor",
            "vendor mode needs vendor/modules.txt in the module: run `go mod vendor` first",
        ));
    }
    if !vendor && !project.has_go_sum {
        warnings.push(warn(
            WarningCode::NoGoSum,
            "the module has no go.sum: the download step binds go.mod only; run `go mod tidy` and commit go.sum".into(),
            &[],
        ));
    }

    let platforms = parse_platforms(&options.platforms)?;
    if platforms.len() > 1 {
        let list: Vec<String> = platforms.iter().map(Platform::text).collect();
        warnings.push(warn(
            WarningCode::MultiPlatformBuilder,
            "several platforms: build with docker buildx and a builder that can export them all (docker-container driver or the containerd image store)".into(),
            &[("platforms", &list.join(","))],
        ));
    }
    if options.cgo && options.final_image != FinalImage::Distroless {
        let final_name = match options.final_image {
            FinalImage::Scratch => "scratch",
            _ => "alpine",
        };
        warnings.push(warn(
            WarningCode::CgoFinalImageLibc,
            format!("CGO links against the build stage's glibc, which {final_name} does not have: the binary may not start (distroless has it)"),
            &[("final", final_name)],
        ));
    }

    let port = match options.port {
        None => None,
        Some(p) => Some(u16::try_from(p).ok().filter(|p| *p >= 1).ok_or_else(|| {
            Error::invalid("port", format!("port {p} is out of range: use 1-65535"))
        })?),
    };

    let ldflags = match options.ldflags.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(flags) => {
            if let Some(c) = flags
                .chars()
                .find(|c| c.is_control() || "\"'`$\\".contains(*c))
            {
                return Err(Error::invalid(
                    "ldflags",
                    format!("ldflags may not contain {c:?}: it is written inside a double-quoted shell word"),
                ));
            }
            Some(flags.to_string())
        }
    };

    let mut settings = Vec::new();
    for key in SETTING_KEYS {
        let given = options.settings.get(key).map(str::to_string);
        let raw = given.or_else(|| effective(key)).unwrap_or_default();
        let value = checked_setting(key, raw.trim(), &mut warnings)?;
        settings.push((key, value));
    }
    // GONOPROXY and GONOSUMDB default to GOPRIVATE: an equal value says nothing more.
    let goprivate = settings[2].1.clone();
    for (key, value) in settings.iter_mut().skip(3) {
        if *value == goprivate {
            debug_assert!(*key == "GONOPROXY" || *key == "GONOSUMDB");
            value.clear();
        }
    }
    if settings[1].1 == "off" {
        warnings.push(warn(
            WarningCode::GosumdbOff,
            "GOSUMDB=off: downloaded modules are not checked against the checksum database".into(),
            &[("key", "GOSUMDB")],
        ));
    }
    let private_patterns: Vec<&str> = [settings[2].1.as_str(), settings[3].1.as_str()]
        .into_iter()
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let private = !private_patterns.is_empty();
    let mut private_hosts: Vec<String> = Vec::new();
    for pattern in &private_patterns {
        let host = pattern.split('/').next().unwrap_or("");
        let literal = host.contains('.')
            && host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-.:".contains(c));
        if literal && !private_hosts.iter().any(|h| h == host) {
            private_hosts.push(host.to_string());
        }
    }
    if private {
        warnings.push(warn(
            WarningCode::PrivateNeedsSecret,
            "private modules: the build needs your netrc as a secret (--secret id=netrc,src=$HOME/.netrc)".into(),
            &[("hosts", &private_hosts.join(","))],
        ));
    }

    Ok(Resolved {
        image,
        main,
        binary,
        vendor,
        has_go_sum: project.has_go_sum,
        cgo: options.cgo,
        platforms,
        final_image: options.final_image,
        port,
        ssh: options.ssh,
        ldflags,
        settings,
        private_hosts,
        private,
        language: options.language,
        warnings,
    })
}

/// A setting written as an ARG default and passed inline in double quotes: no quotes, `$`,
/// backslashes, backticks, control characters; spaces only in GOSUMDB (`name+key url`).
/// Credentials inside URLs are dropped (the netrc secret carries them).
fn checked_setting(
    key: &'static str,
    value: &str,
    warnings: &mut Vec<GenerationWarning>,
) -> Result<String> {
    if let Some(c) = value
        .chars()
        .find(|c| c.is_control() || "\"'`$\\".contains(*c) || (*c == ' ' && key != "GOSUMDB"))
    {
        return Err(Error::invalid(
            key,
            format!("{key} may not contain {c:?} in a Dockerfile build arg"),
        ));
    }
    let (clean, removed) = without_userinfo(value);
    if removed {
        warnings.push(warn(
            WarningCode::CredentialsRemoved,
            format!(
                "{key} had credentials in a URL; they are left out (the netrc secret carries them)"
            ),
            &[("key", key)],
        ));
    }
    Ok(clean)
}

/// `https://user:pass@host/x` → `https://host/x` for every URL in the list.
fn without_userinfo(text: &str) -> (String, bool) {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut removed = false;
    while let Some(pos) = rest.find("://") {
        let (head, tail) = rest.split_at(pos + 3);
        out.push_str(head);
        let end = tail.find(['/', ',', '|', ' ']).unwrap_or(tail.len());
        match tail[..end].rfind('@') {
            Some(at) => {
                removed = true;
                out.push_str(&tail[at + 1..end]);
            }
            None => out.push_str(&tail[..end]),
        }
        rest = &tail[end..];
    }
    out.push_str(rest);
    (out, removed)
}

/// Architectures and variants the golang and distroless images are published for.
const ARCHES: [(&str, &[&str]); 8] = [
    ("amd64", &["v1", "v2", "v3", "v4"]),
    ("arm64", &["v8"]),
    ("arm", &["v6", "v7"]),
    ("386", &[]),
    ("ppc64le", &[]),
    ("s390x", &[]),
    ("riscv64", &[]),
    ("mips64le", &[]),
];

/// `linux/amd64`, `linux/arm/v7`, as a list or comma-separated. Errors name `platform`.
pub fn parse_platforms(given: &[String]) -> Result<Vec<Platform>> {
    let mut out: Vec<Platform> = Vec::new();
    for text in given.iter().flat_map(|g| g.split(',')).map(str::trim) {
        if text.is_empty() {
            continue;
        }
        let bad = |why: &str| Error::invalid("platform", format!("`{text}`: {why}"));
        let parts: Vec<&str> = text.split('/').collect();
        let (os, arch, variant) = match parts[..] {
            [os, arch] => (os, arch, None),
            [os, arch, variant] => (os, arch, Some(variant)),
            _ => {
                return Err(bad(
                    "write a platform as os/arch or os/arch/variant, like linux/amd64",
                ))
            }
        };
        if os != "linux" {
            return Err(bad("only linux platforms: the images are Linux images"));
        }
        let Some((_, variants)) = ARCHES.iter().find(|(a, _)| *a == arch) else {
            let known: Vec<&str> = ARCHES.iter().map(|(a, _)| *a).collect();
            return Err(bad(&format!(
                "unknown architecture (known: {})",
                known.join(", ")
            )));
        };
        if let Some(v) = variant {
            if !variants.contains(&v) {
                return Err(bad(&format!("unknown variant for {arch}")));
            }
        }
        let p = Platform {
            os: os.to_string(),
            arch: arch.to_string(),
            variant: variant.map(str::to_string),
        };
        if !out.contains(&p) {
            out.push(p);
        }
    }
    Ok(out)
}

/// `server` for ./cmd/server; for `.`, the module path's last element (without a `/vN` suffix).
fn binary_name(main: &str, module_path: &str) -> String {
    let from_main = main
        .rsplit('/')
        .next()
        .filter(|n| *n != "." && !n.is_empty());
    let name = from_main.map(str::to_string).unwrap_or_else(|| {
        let mut elems = module_path.rsplit('/');
        let last = elems.next().unwrap_or("");
        let is_major = last.len() > 1
            && last.starts_with('v')
            && last[1..].bytes().all(|b| b.is_ascii_digit());
        if is_major {
            elems.next().unwrap_or(last).to_string()
        } else {
            last.to_string()
        }
    });
    if project::safe_element(&name) {
        name
    } else {
        "app".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn platforms_are_checked() {
        let ok = parse_platforms(&["linux/amd64,linux/arm64".into(), "linux/arm/v7".into()])
            .expect("ok");
        assert_eq!(ok.len(), 3);
        for bad in [
            "linux/amd64/../x",
            "linux",
            "windows/amd64",
            "linux/sparc",
            "linux/arm/v9",
            "linux/amd64/v2/x",
        ] {
            let err = parse_platforms(&[bad.into()]).expect_err(bad);
            assert_eq!(err.field.as_deref(), Some("platform"), "{bad}");
        }
    }

    #[test]
    fn userinfo_is_dropped() {
        assert_eq!(
            without_userinfo("https://u:tok@a.example/p|https://b.example,direct"),
            ("https://a.example/p|https://b.example,direct".into(), true)
        );
        assert_eq!(without_userinfo("off"), ("off".into(), false));
    }

    #[test]
    fn binary_names() {
        assert_eq!(binary_name("./cmd/api", "x.example/m"), "api");
        assert_eq!(binary_name(".", "x.example/tool/v2"), "tool");
        assert_eq!(binary_name(".", "x.example/tool"), "tool");
    }
}
