//! The phrases go prints for each code, grouped by family in the order the classifier tries them.
//! Plain substrings: cheap, linear, and anchored on go's own wording rather than on module paths.
//! Sources: `cmd/go/internal/modfetch/{proxy,fetch,sumdb,codehost/git}.go`, `web/http.go`,
//! `modload/{import,query}.go`, `auth/auth.go`, `toolchain/select.go`, `base/goflags.go`,
//! `vcs/vcs.go`, `crypto/x509/verify.go`, `crypto/tls`, `net/http/transport.go`.

use super::scan::Scan;
use crate::doctor::DoctorCode;

/// A checksum mismatch or its SECURITY ERROR paragraph (`modfetch/fetch.go`).
pub(super) fn security(text: &Scan<'_>) -> Option<DoctorCode> {
    if text.contains("go.sum database server misbehavior")
        || text.contains("security error: misbehaving server")
    {
        return Some(DoctorCode::ChecksumSumdbMismatch);
    }
    let mismatch = text.contains("checksum mismatch");
    if !mismatch && !text.contains("SECURITY ERROR") {
        return None;
    }
    if text.contains("reported by the checksum server")
        || text.contains("verifying module: checksum mismatch")
        || text.contains("verifying go.mod: checksum mismatch")
    {
        return Some(DoctorCode::ChecksumSumdbMismatch);
    }
    if mismatch || text.contains("recorded in go.sum") {
        return Some(DoctorCode::ChecksumGosumMismatch);
    }
    None
}

/// Configuration go refused before any request.
pub(super) fn config(text: &Scan<'_>) -> Option<DoctorCode> {
    if text.any(&[
        "GOPROXY list is not the empty string, but contains no entries",
        "invalid proxy URL missing scheme",
        "invalid proxy URL scheme",
        "invalid file:// proxy URL",
    ]) {
        return Some(DoctorCode::ConfigGoproxy);
    }
    if text.any(&[
        "lookup disabled by GOPROXY=off",
        "disabled by GOPRIVATE/GONOPROXY",
        "lookup disabled by -mod=",
    ]) {
        return Some(DoctorCode::ConfigGoproxyOff);
    }
    if text.any(&[
        "invalid GOSUMDB",
        "missing GOSUMDB",
        "checksum database disabled by GOSUMDB=off",
        "invalid sumdb name",
    ]) {
        return Some(DoctorCode::ConfigGosumdb);
    }
    if text.any(&[
        "GOAUTH encountered an empty command",
        "cannot be combined with other authentication commands",
        "GOAUTH=git dir method requires",
        "GOAUTH=git encountered an error",
    ]) {
        return Some(DoctorCode::ConfigGoauth);
    }
    if text.any(&[
        "invalid GOTOOLCHAIN",
        "requires go >= ",
        ": toolchain not available",
        "GOTOOLCHAIN=path",
        // go1.19: `go.mod file indicates go 1.21, but maximum version supported by tidy is 1.19`.
        "but maximum version supported by",
    ]) {
        return Some(DoctorCode::ConfigGotoolchain);
    }
    if text.any(&["parsing $GOFLAGS:", "-insecure flag is no longer supported"]) {
        return Some(DoctorCode::ConfigGoflags);
    }
    if text.contains("cannot find go env config") {
        return Some(DoctorCode::ConfigGoenv);
    }
    if text.any(&["GOVCS disallows using", "invalid GOVCS"]) {
        return Some(DoctorCode::ConfigGovcs);
    }
    if text.contains("unrecognized import path") {
        // The vanity lookup failed. Where the cause is the HTTPS proxy or TLS, say that instead.
        return Some(
            transport(text)
                .filter(|c| {
                    matches!(
                        c,
                        DoctorCode::NetHttpProxy
                            | DoctorCode::TlsUnknownAuthority
                            | DoctorCode::TlsNameMismatch
                            | DoctorCode::TlsExpired
                            | DoctorCode::TlsNotTls
                    )
                })
                .unwrap_or(DoctorCode::ConfigGoImportMeta),
        );
    }
    if text.any(&["no go-import meta tag"]) {
        return Some(DoctorCode::ConfigGoImportMeta);
    }
    None
}

/// Credentials: git prompts, denied repositories, GOAUTH helpers, credentials over http.
/// `text` excludes `server response:` bodies (a proxy's 410 quoting git is the proxy's answer).
pub(super) fn auth(text: &Scan<'_>) -> Option<DoctorCode> {
    if text.contains("terminal prompts disabled") {
        return Some(DoctorCode::AuthGitPrompt);
    }
    if text.contains("refusing to pass credentials to insecure URL") {
        return Some(DoctorCode::AuthInsecureUrl);
    }
    if text.any(&[
        "GOAUTH encountered errors for",
        "cannot parse output of GOAUTH command",
    ]) {
        return Some(DoctorCode::AuthGoauthHelperFailed);
    }
    if git_denied(text) {
        return Some(DoctorCode::AuthRepoMissingOrDenied);
    }
    None
}

fn git_denied(text: &Scan<'_>) -> bool {
    if text.contains("The requested URL returned error: 40")
        || text.contains("Authentication failed for '")
    {
        return true;
    }
    text.text.lines().any(|l| {
        let l = l.trim_start();
        (l.starts_with("fatal: repository '") && l.ends_with("not found"))
            || (l.starts_with("remote: ") && l.contains("not found"))
            || (l.starts_with("ERROR: Repository not found"))
    })
}

/// The code for an HTTP status go read from a proxy or the checksum database.
pub(super) fn http_status(status: u16) -> DoctorCode {
    match status {
        404 | 410 => DoctorCode::ProxyNotFound,
        401 => DoctorCode::ProxyUnauthorized,
        403 => DoctorCode::ProxyForbidden,
        407 => DoctorCode::NetHttpProxy,
        418 => DoctorCode::ProxyTeapot,
        500..=599 => DoctorCode::ProxyServerError,
        _ => DoctorCode::ProxyBadResponse,
    }
}

/// A proxy that answered 200 with something that is not what the protocol promises.
pub(super) fn bad_response(text: &Scan<'_>) -> bool {
    text.any(&[
        "invalid response from proxy",
        "proxy returned info for version",
        "downloaded zip file too large",
        "zip: not a valid zip file",
        "invalid character '<' looking for beginning of value",
        "stopped after 10 redirects",
    ])
}

/// Connection failures: the HTTPS proxy, TLS, DNS, refused, timeouts, resets.
pub(super) fn transport(text: &Scan<'_>) -> Option<DoctorCode> {
    if text.contains("proxyconnect tcp:")
        || text.contains("Proxy Authentication Required")
        || text
            .text
            .lines()
            .any(|l| l.trim_end().ends_with("\": Forbidden"))
    {
        return Some(DoctorCode::NetHttpProxy);
    }
    if text.contains("certificate signed by unknown authority")
        || text.contains("certificate is not trusted")
    {
        return Some(DoctorCode::TlsUnknownAuthority);
    }
    if text.any(&[
        "x509: certificate is valid for ",
        "doesn't contain any IP SANs",
        "certificate is not valid for any names",
        "certificate relies on legacy Common Name field",
    ]) {
        return Some(DoctorCode::TlsNameMismatch);
    }
    if text.contains("certificate has expired or is not yet valid") {
        return Some(DoctorCode::TlsExpired);
    }
    if text.contains("first record does not look like a TLS handshake")
        || text.contains("server gave HTTP response to HTTPS client")
    {
        return Some(DoctorCode::TlsNotTls);
    }
    if text.any(&[
        ": no such host",
        "Temporary failure in name resolution",
        ": server misbehaving",
    ]) {
        return Some(DoctorCode::NetDns);
    }
    if text.any(&[
        "connect: connection refused",
        "actively refused it",
        ": connection refused",
    ]) {
        return Some(DoctorCode::NetRefused);
    }
    if text.any(&[
        "i/o timeout",
        "TLS handshake timeout",
        "Client.Timeout exceeded",
        "context deadline exceeded",
        "connection timed out",
        "timeout awaiting response headers",
    ]) {
        return Some(DoctorCode::NetTimeout);
    }
    if text.any(&[
        "connection reset by peer",
        "forcibly closed by the remote host",
        // An https server answering a plain-http request with a TLS alert.
        "malformed HTTP response \"\\x15\\x03",
    ]) {
        return Some(DoctorCode::NetReset);
    }
    None
}

/// Versions and packages that do not exist.
pub(super) fn version(text: &Scan<'_>) -> Option<DoctorCode> {
    if text.contains("invalid version: unknown revision") || text.contains("unknown revision ") {
        return Some(DoctorCode::VersionUnknownRevision);
    }
    if text.contains("reading file://") && text.contains("no such file or directory") {
        return Some(DoctorCode::VersionNotFoundOnProxy);
    }
    if text.contains("no matching versions for query") {
        return Some(DoctorCode::VersionNoMatch);
    }
    if text.any(&[
        "but does not contain package",
        "cannot find module providing package",
        "no required module provides package",
    ]) {
        return Some(DoctorCode::PackageNotInModule);
    }
    None
}

/// Paths go refuses to use (`golang.org/x/mod/module.CheckPath`).
pub(super) fn path(text: &Scan<'_>) -> Option<DoctorCode> {
    text.any(&[
        "malformed module path \"",
        "malformed import path \"",
        "malformed file path \"",
    ])
    .then_some(DoctorCode::PathMalformed)
}
