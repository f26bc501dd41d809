//! The English advice per code (the CLI prints it; the UI words its own text by code and params).
//! docs/doctor.md keeps the same table for maintainers and translators.

use crate::doctor::DoctorCode;
use std::collections::BTreeMap;

/// One English sentence: the code's title and what it concerns.
pub(super) fn message(code: DoctorCode, params: &BTreeMap<String, String>) -> String {
    let mut detail = Vec::new();
    if let Some(host) = params.get("host") {
        detail.push(format!("host {host}"));
    }
    if let Some(status) = params.get("status") {
        detail.push(format!("HTTP {status}"));
    }
    if let Some(key) = params.get("key") {
        match params.get("value") {
            Some(value) => detail.push(format!("{key}={value}")),
            None => detail.push(key.clone()),
        }
    }
    if let Some(module) = params.get("module") {
        match params
            .get("module_count")
            .and_then(|n| n.parse::<usize>().ok())
        {
            Some(n) if n > 1 => detail.push(format!("{module} and {} more modules", n - 1)),
            _ => detail.push(format!("module {module}")),
        }
    }
    if detail.is_empty() {
        format!("{}.", code.title())
    } else {
        format!("{} ({}).", code.title(), detail.join(", "))
    }
}

/// What to do about `code`. Never advice that weakens verification.
pub(super) fn hint(code: DoctorCode) -> &'static str {
    use DoctorCode::*;
    match code {
        NetDns => "Check the host name's spelling and your DNS or VPN; if the host is blocked on this network, switch GOPROXY to a reachable mirror.",
        NetRefused => "Nothing listens at that address: the proxy is down or the port is wrong. Fix the URL or add a fallback entry after `|`.",
        NetTimeout => "The host cannot be reached from this network (typical for proxy.golang.org and sum.golang.org in mainland China): use a reachable mirror and GOSUMDB=sum.golang.google.cn.",
        NetReset => "The connection was cut: plain http:// sent to an HTTPS port, or a middlebox resetting it. Use https:// or check the company proxy.",
        NetHttpProxy => "The HTTP(S) proxy refused or failed the connection: check HTTPS_PROXY and NO_PROXY (add internal hosts to NO_PROXY) or the proxy's allow list.",
        TlsUnknownAuthority => "The certificate is signed by a CA this machine does not trust (a company TLS proxy or a self-signed mirror): install that CA in the OS trust store or point SSL_CERT_FILE at it. Never skip verification.",
        TlsNameMismatch => "The certificate was issued for another name: use the host name the certificate names (not a raw IP address).",
        TlsExpired => "Check this computer's clock; if it is right, the server's certificate has lapsed: tell its operator.",
        TlsNotTls => "The endpoint speaks plain HTTP: use http:// for it (credentials are never sent over http), or fix the port.",
        ProxyNotFound => "Check the module path and version. For a private module add its pattern to GOPRIVATE (or GONOPROXY) so it is fetched directly; for a version tagged moments ago retry once with GOPROXY=direct.",
        ProxyUnauthorized => "Give go credentials for that host: `machine host` and `machine host:port` lines in .netrc, or a GOAUTH helper (Go 1.24+). Credentials only travel over https.",
        ProxyForbidden => "The credentials lack access or the proxy blocks the module: check the token's scope. After `,` a 403 stops the list; use `|` if the next proxy should be tried.",
        ProxyTeapot => "This mirror endpoint is retired (Huawei Cloud moved to /repository/goproxy/): switch to another mirror.",
        ProxyServerError => "The mirror is failing: a 5xx does not fall through `,`, so use `A|B,direct` or switch to the next-fastest mirror.",
        ProxyBadResponse => "The proxy (or a captive portal answering with HTML) sent something that is not a module: switch mirror and report it.",
        AuthGitPrompt => "git needs credentials and cannot prompt: add `machine host login <user> password <token>` to $HOME/.netrc (git ignores NETRC), a git credential helper, or an insteadOf rule.",
        AuthRepoMissingOrDenied => "Hosts often answer \"not found\" for \"no access\": check the repository path and the token's repository scope.",
        AuthInsecureUrl => "Use an https:// proxy URL and move the credentials out of the URL into .netrc or a GOAUTH helper.",
        AuthGoauthHelperFailed => "Repair the GOAUTH helper (its path, its permissions, its output: URL lines, a blank line, headers, a blank line).",
        ChecksumGosumMismatch => "Security finding: do not bypass it. Find out whether the module was re-tagged or a mirror served altered files: compare go.sum with a second proxy and GOPROXY=direct; only then `go clean -modcache` and fix go.sum.",
        ChecksumSumdbMismatch => "Security finding: the proxy served different files than the public checksum log. Stop using that mirror and report it; do not bypass the check.",
        ChecksumSumdbUnreachable => "Use a proxy that relays the checksum database (its /sumdb/sum.golang.org/supported answers 200) or GOSUMDB=sum.golang.google.cn. Never GOSUMDB=off.",
        ChecksumPrivateModuleLookup => "A private module was looked up in the public checksum database: add that module's own pattern to GOPRIVATE (or GONOSUMDB when a private proxy serves it).",
        VersionUnknownRevision => "That tag, branch or commit does not exist (or is not pushed): check `git ls-remote`; a tag made moments ago may not be on the mirror yet, so retry once with GOPROXY=direct.",
        VersionNotFoundOnProxy => "The version is missing from this proxy: add a fallback entry or fetch it from upstream.",
        VersionNoMatch => "The module has no usable tagged version or the path is wrong: ask for an explicit version or commit, or check the path.",
        PackageNotInModule => "Check the import path and the major version suffix (/v2), then `go get` the module that provides the package.",
        PathMalformed => "Correct the path: the first element is a lower-case host name with a dot; upper case is allowed only after it.",
        ConfigGoproxy => "An empty GOPROXY usually comes from `go env -w GOPROXY=`: run `go env -u GOPROXY`; otherwise write full https:// URLs.",
        ConfigGoproxyOff => "Downloads are disabled on purpose (GOPROXY=off or -mod=readonly/vendor): enable a proxy, or run `go mod download` first.",
        ConfigGosumdb => "Use sum.golang.org, sum.golang.google.cn, or `<name>+<hash>+<key> [url]`; `go env -u GOSUMDB` resets it.",
        ConfigGoauth => "Fix GOAUTH: no empty entries (trailing `;`), `off` alone, and `git` with an existing absolute directory.",
        ConfigGotoolchain => "Set GOTOOLCHAIN to auto or local (`go env -u GOTOOLCHAIN`); for \"requires go >=\" install a newer Go or allow auto.",
        ConfigGoflags => "Every GOFLAGS field must be -flag or -flag=value; `go env -u GOFLAGS` recovers (go env keeps working).",
        ConfigGoenv => "Make XDG_CONFIG_HOME an absolute path or set HOME, or point GOENV at a file.",
        ConfigGovcs => "Allow that version control system for the module's pattern in GOVCS (e.g. corp.example.com:git), or serve the module through a proxy.",
        ConfigGoImportMeta => "The host does not answer ?go-get=1 with go-import meta tags: use a proxy that has the module, or GOPRIVATE plus a .git suffix in the path, or fix the vanity server.",
    }
}
