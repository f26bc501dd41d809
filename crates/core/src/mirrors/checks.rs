//! Correctness checks on a response (docs/mirror-benchmark.md, "Correctness checks"): a fast
//! wrong answer must lose.

use super::modules::{go_mod_h1, is_version, ModuleVersion};
use super::report::{BodyProblem, ErrorClass, ProbeError, RequestKind};
use crate::net::Fetched;

/// What a successful response told us.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Answer {
    /// `/sumdb/.../supported`: relays the checksum database or not.
    Relay(bool),
    /// `@v/list` versions.
    Versions(Vec<String>),
    /// `.mod`: its go.sum hash.
    ModHash(String),
    Fine,
}

fn body_error(problem: BodyProblem, message: String) -> ProbeError {
    ProbeError::new(ErrorClass::Body { problem }, message)
}

/// An HTML page where protocol data belongs (captive portals, web front ends).
pub(crate) fn looks_like_html(content_type: &str, body: &[u8]) -> bool {
    if content_type.to_ascii_lowercase().contains("text/html") {
        return true;
    }
    let start = String::from_utf8_lossy(&body[..body.len().min(64)]).to_ascii_lowercase();
    let start = start.trim_start();
    start.starts_with("<!doctype") || start.starts_with("<html")
}

/// The first line of a short text/plain error body, as the go command would show it.
fn server_says(f: &Fetched) -> String {
    if !f.content_type.starts_with("text/plain") {
        return String::new();
    }
    let text = String::from_utf8_lossy(&f.body);
    match text.lines().next().map(str::trim) {
        Some(line) if !line.is_empty() => {
            format!(": {}", line.chars().take(200).collect::<String>())
        }
        _ => String::new(),
    }
}

/// Checks `f`, the answer to a `kind` request for `module`.
pub(crate) fn check(
    kind: RequestKind,
    module: Option<&ModuleVersion>,
    f: &Fetched,
) -> Result<Answer, ProbeError> {
    let what = match module {
        Some(m) => format!("{kind:?} of {}", m.id()).to_lowercase(),
        None => "checksum database relay check".to_string(),
    };
    if kind == RequestKind::SumdbSupported && matches!(f.status, 404 | 410) {
        return Ok(Answer::Relay(false));
    }
    if f.status != 200 {
        return Err(ProbeError::new(
            ErrorClass::HttpStatus { code: f.status },
            format!("{what}: HTTP {}{}", f.status, server_says(f)),
        ));
    }
    if looks_like_html(&f.content_type, &f.body) {
        return Err(body_error(
            BodyProblem::Html,
            format!("{what}: an HTML page instead of module data (a captive portal or web page?)"),
        ));
    }
    let text = || String::from_utf8_lossy(&f.body).to_string();
    match (kind, module) {
        (RequestKind::SumdbSupported, _) => Ok(Answer::Relay(true)),
        (RequestKind::List, _) => {
            let mut versions = Vec::new();
            for line in text().lines() {
                let Some(first) = line.split_whitespace().next() else {
                    continue;
                };
                if !is_version(first) {
                    return Err(body_error(
                        BodyProblem::BadList,
                        format!("{what}: {first:?} is not a version"),
                    ));
                }
                versions.push(first.to_string());
            }
            Ok(Answer::Versions(versions))
        }
        (RequestKind::Info, Some(m)) => {
            let value: serde_json::Value = serde_json::from_slice(&f.body)
                .map_err(|e| body_error(BodyProblem::BadJson, format!("{what}: not JSON ({e})")))?;
            match value.get("Version").and_then(|v| v.as_str()) {
                Some(v) if v == m.version => Ok(Answer::Fine),
                Some(v) => Err(body_error(
                    BodyProblem::WrongVersion,
                    format!("{what}: says Version {v:?}, not {:?}", m.version),
                )),
                None => Err(body_error(
                    BodyProblem::BadJson,
                    format!("{what}: JSON without a Version"),
                )),
            }
        }
        (RequestKind::Mod, Some(m)) => {
            let has_module = text().lines().any(|l| l.trim_start().starts_with("module"));
            if !has_module {
                return Err(body_error(
                    BodyProblem::BadMod,
                    format!("{what}: not a go.mod file (no module line)"),
                ));
            }
            let h1 = go_mod_h1(&f.body);
            if let Some(expected) = &m.go_mod_h1 {
                if *expected != h1 {
                    return Err(body_error(
                        BodyProblem::BadMod,
                        format!("{what}: hash {h1} differs from go.sum ({expected})"),
                    ));
                }
            }
            Ok(Answer::ModHash(h1))
        }
        _ => Ok(Answer::Fine),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mirrors::report::RequestTimings;

    fn fetched(status: u16, content_type: &str, body: &[u8]) -> Fetched {
        Fetched {
            status,
            content_type: content_type.into(),
            body: body.to_vec(),
            timings: RequestTimings {
                connect: None,
                ttfb_ms: 1.0,
                total_ms: 1.0,
                bytes: body.len() as u64,
            },
        }
    }

    fn problem(r: Result<Answer, ProbeError>) -> ErrorClass {
        r.expect_err("fails").class
    }

    #[test]
    fn classifies_wrong_answers() {
        let m = ModuleVersion::new("golang.org/x/text", "v0.14.0");
        let info = |body: &[u8]| {
            check(
                RequestKind::Info,
                Some(&m),
                &fetched(200, "application/json", body),
            )
        };
        assert_eq!(info(br#"{"Version":"v0.14.0"}"#), Ok(Answer::Fine));
        assert_eq!(
            problem(info(br#"{"Version":"v0.13.0"}"#)),
            ErrorClass::Body {
                problem: BodyProblem::WrongVersion
            }
        );
        assert_eq!(
            problem(info(b"nope")),
            ErrorClass::Body {
                problem: BodyProblem::BadJson
            }
        );
        assert_eq!(
            problem(info(b"  <!DOCTYPE html><html>")),
            ErrorClass::Body {
                problem: BodyProblem::Html
            }
        );
        let err = check(
            RequestKind::Mod,
            Some(&m),
            &fetched(503, "text/plain", b"upstream busy\nmore"),
        )
        .expect_err("503");
        assert_eq!(err.class, ErrorClass::HttpStatus { code: 503 });
        assert!(
            err.message.ends_with("HTTP 503: upstream busy"),
            "{}",
            err.message
        );
        let relay = |status| check(RequestKind::SumdbSupported, None, &fetched(status, "", b""));
        assert_eq!(relay(200), Ok(Answer::Relay(true)));
        assert_eq!(relay(404), Ok(Answer::Relay(false)));
        assert_eq!(problem(relay(502)), ErrorClass::HttpStatus { code: 502 });
        let list = check(
            RequestKind::List,
            Some(&m),
            &fetched(200, "text/plain", b"v0.1.0\nv0.2.0 2024-01-01T00:00:00Z\n"),
        );
        assert_eq!(
            list,
            Ok(Answer::Versions(vec!["v0.1.0".into(), "v0.2.0".into()]))
        );
        let mut with_sum = m.clone();
        with_sum.go_mod_h1 = Some("h1:other".into());
        assert_eq!(
            problem(check(
                RequestKind::Mod,
                Some(&with_sum),
                &fetched(200, "text/plain", b"module x\n")
            )),
            ErrorClass::Body {
                problem: BodyProblem::BadMod
            }
        );
    }
}
