//! Pulls the module, URL, host and HTTP status out of one go message (`go: <m>@<v>: <err>`,
//! `module <m>: <err>`, `<m>@<q> (<v>) requires <m2>@<v2>: <err>`, `verifying <m>@<v>: ...`).

/// The line that carries the error: the first one that is not a link of an import or requirement
/// chain (`X imports`, `a@v requires`), without `go: ` and indentation.
pub(super) fn error_line(text: &[String]) -> &str {
    let chain_link = |l: &str| {
        let l = l.trim_end();
        l.ends_with(" imports") || l.ends_with(" requires") || l.ends_with(" tested by")
    };
    let line = text
        .iter()
        .find(|l| !chain_link(l))
        .or(text.first())
        .map(String::as_str)
        .unwrap_or("");
    let line = line.trim_start();
    line.strip_prefix("go: ").unwrap_or(line)
}

/// `path@version` (or `path`) of the module the error is about.
pub(super) fn module(error_line: &str) -> Option<String> {
    let subject = match error_line.find(": ") {
        Some(i) => &error_line[..i],
        None => error_line,
    };
    let subject = match subject.rfind(" requires ") {
        Some(i) => &subject[i + " requires ".len()..],
        None => subject,
    };
    let subject = subject.strip_prefix("verifying ").unwrap_or(subject);
    let subject = subject.strip_prefix("module ").unwrap_or(subject);
    // `m@latest (v1.9.1)`: the query as typed.
    let subject = subject.split(' ').next().unwrap_or("");
    let subject = subject.strip_suffix("/go.mod").unwrap_or(subject);
    if looks_like_module(subject) {
        return Some(subject.to_string());
    }
    // `main.go:3:8: no required module provides package P`, `cannot find module providing package P`.
    if let Some(i) = error_line
        .find("provides package ")
        .or_else(|| error_line.find("providing package "))
    {
        let rest = &error_line[i..];
        let rest = &rest[rest.find("package ").map(|p| p + 8).unwrap_or(0)..];
        let pkg = rest.split([' ', ';', ':']).next().unwrap_or("");
        if looks_like_module(pkg) {
            return Some(pkg.to_string());
        }
    }
    None
}

fn looks_like_module(s: &str) -> bool {
    let path = s.split('@').next().unwrap_or("");
    !path.is_empty()
        && path.len() <= 500
        && (path.contains('.') || path.contains('/'))
        && !path.starts_with(['.', '/', '-'])
        && s.chars()
            .all(|c| c.is_alphanumeric() || "-._~/@+!".contains(c))
}

/// The first URL go printed in the message (not in a quoted server response or in advice).
pub(super) fn url(text: &[String]) -> Option<String> {
    text.iter()
        .filter(|l| {
            let t = l.trim_start();
            !t.starts_with("server response:") && !t.starts_with("If this is a private repository")
        })
        .find_map(|l| first_url(l))
}

fn first_url(line: &str) -> Option<String> {
    let start = ["https://", "http://", "file://"]
        .iter()
        .filter_map(|s| line.find(s))
        .min()?;
    let rest = &line[start..];
    let mut end = rest.len();
    for (i, c) in rest.char_indices() {
        let colon_end = c == ':' && rest[i + 1..].chars().next().is_none_or(char::is_whitespace);
        if c == '"' || c == '\'' || c.is_whitespace() || colon_end {
            end = i;
            break;
        }
    }
    let url = rest[..end].trim_end_matches([',', '.', ')', ':']);
    (url.len() > "http://".len()).then(|| url.to_string())
}

/// The `host[:port]` of `url` as printed, without redacted credentials (`user:xxxxx@`).
pub(super) fn host_of(url: &str) -> Option<String> {
    let (_, rest) = url.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = authority.rsplit('@').next().unwrap_or("");
    (!host.is_empty()).then(|| host.to_string())
}

/// The host of a failed dial or lookup when go printed no URL (`dial tcp 10.0.0.1:443: ...`,
/// `lookup goproxy.invalid on ...`).
pub(super) fn dialled_host(text: &str) -> Option<String> {
    for marker in ["dial tcp ", "lookup "] {
        if let Some(i) = text.find(marker) {
            let rest = &text[i + marker.len()..];
            let host = rest
                .split([' ', '\t'])
                .next()
                .unwrap_or("")
                .trim_end_matches(':');
            if !host.is_empty() && !host.starts_with("disabled") {
                return Some(host.to_string());
            }
        }
    }
    None
}

/// The status of `reading <url>: NNN ...` (go's `web.HTTPError`), or of git's
/// `The requested URL returned error: NNN`.
pub(super) fn status(text: &str) -> Option<u16> {
    let mut rest = text;
    while let Some(i) = rest.find("reading ") {
        rest = &rest[i + "reading ".len()..];
        let Some(url) = first_url(rest) else { continue };
        if !rest.starts_with(&url) {
            continue;
        }
        let after = rest[url.len()..].trim_start_matches(':').trim_start();
        if let Some(code) = three_digits(after) {
            return Some(code);
        }
    }
    text.find("returned error: ")
        .and_then(|i| three_digits(&text[i + "returned error: ".len()..]))
}

fn three_digits(s: &str) -> Option<u16> {
    let b = s.as_bytes();
    if b.len() >= 3
        && b[..3].iter().all(u8::is_ascii_digit)
        && b.get(3).is_none_or(|c| !c.is_ascii_digit())
    {
        s[..3].parse().ok()
    } else {
        None
    }
}

/// The text between `open` and `close` after `marker` (`invalid GOTOOLCHAIN "x"` → `x`).
pub(super) fn after(text: &str, marker: &str, close: char) -> Option<String> {
    let i = text.find(marker)?;
    let rest = &text[i + marker.len()..];
    let end = rest.find(close).unwrap_or(rest.len());
    Some(rest[..end].trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(s: &str) -> Vec<String> {
        s.lines().map(str::to_string).collect()
    }

    #[test]
    fn module_from_the_usual_shapes() {
        let cases = [
            ("example.com/hello@v1.0.0: reading x", Some("example.com/hello@v1.0.0")),
            ("module example.com/nothere: reading x", Some("example.com/nothere")),
            ("github.com/spf13/cobra@latest (v1.9.1) requires github.com/cpuguy83/go-md2man/v2@v2.0.6: verifying go.mod: x", Some("github.com/cpuguy83/go-md2man/v2@v2.0.6")),
            ("verifying example.com/hello@v1.0.0: checksum mismatch", Some("example.com/hello@v1.0.0")),
            ("verifying example.com/hello@v1.0.0/go.mod: checksum mismatch", Some("example.com/hello@v1.0.0")),
            ("example.com/hello: module example.com/hello: reading", Some("example.com/hello")),
            ("main.go:3:8: no required module provides package example.com/x/y; to add it:", Some("example.com/x/y")),
            ("parsing $GOFLAGS: non-flag \"bogus\"", None),
            ("invalid GOTOOLCHAIN \"bogus\"", None),
        ];
        for (line, want) in cases {
            assert_eq!(module(line).as_deref(), want, "{line}");
        }
    }

    #[test]
    fn url_host_and_status() {
        let t = lines("go: m@v: reading https://alice:xxxxx@goproxy.example.com:8443/m/@v/list: 404 Not Found\n\tserver response: see https://other.example");
        let u = url(&t).expect("url");
        assert_eq!(u, "https://alice:xxxxx@goproxy.example.com:8443/m/@v/list");
        assert_eq!(host_of(&u).as_deref(), Some("goproxy.example.com:8443"));
        assert_eq!(status(&t.join("\n")), Some(404));
        let t = lines("go: m@v: Get \"https://127.0.0.1:8080/x.info\": tls: first record");
        assert_eq!(url(&t).as_deref(), Some("https://127.0.0.1:8080/x.info"));
        let t = lines("GOAUTH encountered errors for https://h.example/x.info:");
        assert_eq!(url(&t).as_deref(), Some("https://h.example/x.info"));
        assert_eq!(status("reading https://h/x: 418 "), Some(418));
        assert_eq!(
            status("fatal: unable to access 'https://h/r/': The requested URL returned error: 403"),
            Some(403)
        );
        assert_eq!(
            dialled_host("dial tcp 142.250.196.209:443: i/o timeout").as_deref(),
            Some("142.250.196.209:443")
        );
    }
}
