//! One go message → one problem: its code, in go's own precedence (SECURITY ERROR, configuration,
//! credentials, the checksum-database wrapper, HTTP status, transport, versions, paths), and what
//! it concerns (module, URL, host, status, setting).

use super::extract;
use super::records::Record;
use super::scan::Scan;
use super::shapes;
use crate::doctor::DoctorCode;
use crate::findings::Severity;

/// What one message says went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Problem {
    pub code: DoctorCode,
    pub severity: Severity,
    pub host: Option<String>,
    pub module: Option<String>,
    /// The URL go printed, without credentials.
    pub url: Option<String>,
    pub status: Option<u16>,
    /// The go env setting concerned (configuration codes).
    pub key: Option<&'static str>,
    pub value: Option<String>,
    /// For the checksum database wrapper: what the inner error was.
    pub cause: Option<DoctorCode>,
    /// Extra detail for the UI (`required` go version).
    pub required: Option<String>,
    pub numbers: Vec<u32>,
}

pub(super) fn classify(record: Record) -> Option<Problem> {
    let full = record.text.join("\n");
    // The message without a quoted `server response:` body: a proxy's 404 body may quote git or
    // an unknown revision, and that is still the proxy's 404.
    let own_end = record
        .text
        .iter()
        .position(|l| l.trim_start().starts_with("server response:"))
        .unwrap_or(record.text.len());
    let own_lines = &record.text[..own_end];
    let own_text = own_lines.join("\n");
    let full = Scan::new(&full);
    if !full.any_phrase() {
        return None;
    }
    let own_scan;
    let own = if own_end == record.text.len() {
        &full
    } else {
        own_scan = Scan::new(&own_text);
        &own_scan
    };
    let status = extract::status(&own_text);
    let mut cause = None;

    let code = if let Some(code) = shapes::security(&full) {
        code
    } else if let Some(code) = shapes::config(own) {
        code
    } else if let Some(code) = shapes::auth(own) {
        code
    } else if own.contains("verifying go.mod: ") || own.contains("verifying module: ") {
        if own.contains("/lookup/") && matches!(status, Some(404 | 410)) {
            DoctorCode::ChecksumPrivateModuleLookup
        } else {
            cause = status
                .map(shapes::http_status)
                .or_else(|| shapes::transport(own));
            DoctorCode::ChecksumSumdbUnreachable
        }
    } else if let Some(status) = status {
        shapes::http_status(status)
    } else if shapes::bad_response(own) {
        DoctorCode::ProxyBadResponse
    } else if let Some(code) = shapes::transport(own) {
        code
    } else if let Some(code) = shapes::version(own) {
        code
    } else {
        shapes::path(own)?
    };

    let error_line = extract::error_line(own_lines);
    let module = extract::module(error_line).or_else(|| {
        // `verifying m@v: checksum mismatch` may follow a `go: downloading` line in the block.
        record
            .text
            .iter()
            .find_map(|l| extract::module(l.trim_start().strip_prefix("go: ").unwrap_or(l)))
    });
    let url = extract::url(own_lines);
    let host = if is_config(code) {
        None
    } else {
        url.as_deref()
            .and_then(extract::host_of)
            .or_else(|| extract::dialled_host(&own_text))
    };
    let (key, value) = setting(code, &own_text);
    let required = (code == DoctorCode::ConfigGotoolchain)
        .then(|| extract::after(&own_text, "requires go >= ", ' '))
        .flatten();
    Some(Problem {
        code,
        severity: severity(code),
        host,
        module,
        url: url.map(|u| crate::redact::url_userinfo(&u).replace("***@", "")),
        status,
        key,
        value,
        cause,
        required,
        numbers: record.numbers,
    })
}

fn is_config(code: DoctorCode) -> bool {
    code.as_str().starts_with("config.") && code != DoctorCode::ConfigGoImportMeta
}

/// The GOAUTH `-x` block is advice go prints before it tries without credentials; the request's
/// own failure (often a 401) is the error.
fn severity(code: DoctorCode) -> Severity {
    match code {
        DoctorCode::AuthGoauthHelperFailed => Severity::Warning,
        _ => Severity::Error,
    }
}

/// The go env key (and the value go quoted) a configuration problem is about.
fn setting(code: DoctorCode, text: &str) -> (Option<&'static str>, Option<String>) {
    match code {
        DoctorCode::ConfigGoproxy => (
            Some("GOPROXY"),
            extract::after(text, "missing scheme: ", '\n')
                .or_else(|| extract::after(text, "(must be https, http, file): ", '\n')),
        ),
        DoctorCode::ConfigGoproxyOff => {
            if text.contains("GOPROXY=off") {
                (Some("GOPROXY"), Some("off".into()))
            } else if text.contains("GOPRIVATE/GONOPROXY") {
                (Some("GONOPROXY"), None)
            } else {
                (Some("GOFLAGS"), extract::after(text, "disabled by ", '\n'))
            }
        }
        DoctorCode::ConfigGosumdb => (Some("GOSUMDB"), None),
        DoctorCode::ConfigGoauth => (Some("GOAUTH"), extract::after(text, "(GOAUTH=", ')')),
        DoctorCode::ConfigGotoolchain => (
            Some("GOTOOLCHAIN"),
            extract::after(text, "invalid GOTOOLCHAIN \"", '"')
                .or_else(|| extract::after(text, "GOTOOLCHAIN=", ')')),
        ),
        DoctorCode::ConfigGoflags => (
            Some("GOFLAGS"),
            extract::after(text, "non-flag \"", '"')
                .or_else(|| extract::after(text, "unknown flag ", '\n'))
                .or_else(|| text.contains("-insecure").then(|| "-insecure".to_string())),
        ),
        DoctorCode::ConfigGoenv => (
            Some(if text.contains("XDG_CONFIG_HOME is relative") {
                "XDG_CONFIG_HOME"
            } else {
                "GOENV"
            }),
            None,
        ),
        DoctorCode::ConfigGovcs => (Some("GOVCS"), None),
        _ => (None, None),
    }
}
