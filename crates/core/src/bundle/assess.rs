//! Finding the items of a (valid) bundle that run code or weaken module verification, each under
//! the rule ([`RiskCode`]) the user accepts it by. Values are read the way Go reads them: GOFLAGS
//! split like a quoted command line with `-flag` and `--flag` alike, GOPROXY split on `,`/`|` with
//! schemes in any case.

use super::model::Bundle;
use super::risk::{RiskCode, RiskItem};
use super::validate::GOAUTH_KEYCHAIN;
use crate::goenv::goauth::{goauth_entries, GoauthMethod};
use crate::goenv::remote::{is_builtin_sumdb, url_parts};
use crate::goenv::values::quoted_split;
use crate::patterns::path_match;

/// GOFLAGS flags that run other programs or change what is built (`go help build`).
const RISKY_FLAGS: &[&str] = &[
    "toolexec", "exec", "overlay", "modfile", "pgo", "ldflags", "gcflags", "asmflags", "vettool",
];

/// Public hosting namespaces: a private-pattern setting matching one of these whole sends every
/// module under it around the proxy or the checksum database.
pub const PUBLIC_NAMESPACES: &[&str] = &[
    "github.com",
    "gitlab.com",
    "bitbucket.org",
    "golang.org",
    "golang.org/x",
    "google.golang.org",
    "gopkg.in",
    "go.googlesource.com",
];

/// Every risky item of `bundle`, none accepted yet, in the order of its `go_env` keys.
pub fn assess(bundle: &Bundle) -> Vec<RiskItem> {
    let mut items = Vec::new();
    for (key, value) in &bundle.go_env {
        let field = format!("go_env.{key}");
        let mut add = |code: RiskCode, item: &str| {
            items.push(RiskItem {
                code,
                field: field.clone(),
                item: item.to_string(),
                risk: code.risk().to_string(),
                accepted: false,
            })
        };
        match key.as_str() {
            "GOFLAGS" => risky_goflags(value)
                .iter()
                .for_each(|f| add(RiskCode::GoflagsRisky, f)),
            "GOAUTH" => goauth_commands(value)
                .iter()
                .for_each(|c| add(RiskCode::GoauthCommand, c)),
            "GOINSECURE" => value
                .split(',')
                .filter(|p| !p.is_empty())
                .for_each(|p| add(RiskCode::Goinsecure, p)),
            "GOSUMDB" if sumdb_weakened(value) => add(RiskCode::GosumdbWeakened, value),
            "GOVCS" => govcs_widened(value)
                .iter()
                .for_each(|e| add(RiskCode::GovcsWidened, e)),
            "GOPRIVATE" | "GONOPROXY" | "GONOSUMDB" => value
                .split(',')
                .filter(|p| matches_public_namespace(p))
                .for_each(|p| add(RiskCode::PublicNamespace, p)),
            "GOPROXY" => value
                .split([',', '|'])
                .map(str::trim)
                .filter(|e| http_not_loopback(e))
                .for_each(|e| add(RiskCode::GoproxyHttp, e)),
            "GOTOOLCHAIN" if value == "path" || value.ends_with("+path") => {
                add(RiskCode::GotoolchainPath, value)
            }
            _ => {}
        }
    }
    for (i, m) in bundle.mirrors.iter().enumerate() {
        if http_not_loopback(&m.url) {
            items.push(RiskItem {
                code: RiskCode::GoproxyHttp,
                field: format!("mirrors[{i}].url"),
                item: m.url.clone(),
                risk: RiskCode::GoproxyHttp.risk().to_string(),
                accepted: false,
            });
        }
    }
    items
}

/// The GOFLAGS fields naming a risky flag (`-toolexec=x`, `--ldflags=...`, `-mod=mod`).
pub fn risky_goflags(value: &str) -> Vec<String> {
    let fields = quoted_split(value).unwrap_or_default();
    fields
        .into_iter()
        .filter(|f| {
            let name = f
                .strip_prefix("--")
                .or_else(|| f.strip_prefix('-'))
                .unwrap_or(f);
            let (name, flag_value) = name.split_once('=').unwrap_or((name, ""));
            let name = name.strip_prefix("test.").unwrap_or(name);
            RISKY_FLAGS.contains(&name) || (name == "mod" && flag_value == "mod")
        })
        .collect()
}

/// GOAUTH entries Go would run as a command (not `netrc`, `off` or the symbolic `keychain`).
fn goauth_commands(value: &str) -> Vec<String> {
    goauth_entries(value)
        .into_iter()
        .filter(|e| e.method == GoauthMethod::Command && e.text != GOAUTH_KEYCHAIN)
        .map(|e| e.text.to_string())
        .collect()
}

/// `off`, or a database verified with a key other than Go's built-in one.
fn sumdb_weakened(value: &str) -> bool {
    let name = value.split_whitespace().next().unwrap_or_default();
    value == "off" || !is_builtin_sumdb(name)
}

/// GOVCS entries that allow more than Go's default for public paths (`public:git|hg`): any
/// entry whose pattern is not `private` and whose list names a tool beyond git and hg.
fn govcs_widened(value: &str) -> Vec<String> {
    value
        .split(',')
        .map(str::trim)
        .filter(|item| {
            let Some((pattern, list)) = item.split_once(':') else {
                return false;
            };
            pattern.trim() != "private"
                && list
                    .split('|')
                    .map(str::trim)
                    .any(|v| !matches!(v, "git" | "hg" | "off"))
        })
        .map(str::to_string)
        .collect()
}

/// A pattern that covers a whole public namespace: it matches the namespace's root (or a
/// prefix of it), possibly followed only by `*` elements (`github.com/*`).
pub fn matches_public_namespace(pattern: &str) -> bool {
    let pattern = pattern.trim_end_matches('/');
    if pattern.is_empty() {
        return false;
    }
    let mut elems: Vec<&str> = pattern.split('/').collect();
    while elems.len() > 1 && elems.last() == Some(&"*") {
        elems.pop();
    }
    PUBLIC_NAMESPACES.iter().any(|ns| {
        let root: Vec<&str> = ns.split('/').collect();
        elems.len() <= root.len()
            && elems
                .iter()
                .zip(&root)
                .all(|(p, r)| path_match(p, r).unwrap_or(false))
    })
}

/// An `http://` URL (any case) to a host that is not loopback (127.0.0.0/8, ::1, localhost).
fn http_not_loopback(url: &str) -> bool {
    let Ok(parts) = url_parts(url) else {
        return false;
    };
    parts.scheme == "http" && !is_loopback_host(&parts.host)
}

fn is_loopback_host(host_port: &str) -> bool {
    let host = match host_port.strip_prefix('[') {
        Some(rest) => rest.split(']').next().unwrap_or_default(),
        None => host_port.split(':').next().unwrap_or_default(),
    };
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_namespaces() {
        for p in [
            "*",
            "*.com",
            "github.com",
            "github.com/",
            "github.com/*",
            "golang.org/x",
            "golang.org",
            "gopkg.in",
            "*.org",
            "git*.com",
            "go.googlesource.com",
            "google.golang.org/*",
        ] {
            assert!(matches_public_namespace(p), "{p}");
        }
        for p in [
            "github.com/acme-corp",
            "golang.org/x/tools",
            "git.acme.example",
            "*.acme.example",
            "gitlab.com/acme/*",
        ] {
            assert!(!matches_public_namespace(p), "{p}");
        }
    }

    #[test]
    fn goflags_as_go_splits_them() {
        assert_eq!(
            risky_goflags("-mod=mod '-toolexec=/x y' --ldflags=-s -mod=readonly -trimpath"),
            ["-mod=mod", "-toolexec=/x y", "--ldflags=-s"]
        );
        assert!(risky_goflags("-mod=vendor -trimpath -buildvcs=false").is_empty());
    }

    #[test]
    fn loopback_and_sumdb_and_govcs() {
        assert!(!http_not_loopback("http://127.0.0.2:3000"));
        assert!(!http_not_loopback("HTTP://[::1]:8080/x"));
        assert!(!http_not_loopback("http://LOCALHOST"));
        assert!(http_not_loopback("HTTP://proxy.example"));
        assert!(http_not_loopback("http://127.example"));
        assert!(!http_not_loopback("https://proxy.example"));
        assert!(sumdb_weakened("off"));
        assert!(sumdb_weakened(
            "sum.example+12345678+AAAA https://sum.example"
        ));
        assert!(!sumdb_weakened("sum.golang.google.cn"));
        assert!(!sumdb_weakened(
            "sum.golang.org https://goproxy.cn/sumdb/sum.golang.org"
        ));
        assert_eq!(
            govcs_widened("private:all,public:git|hg"),
            Vec::<String>::new()
        );
        assert_eq!(govcs_widened("public:all"), ["public:all"]);
        assert_eq!(govcs_widened("github.com:git|svn"), ["github.com:git|svn"]);
    }
}
