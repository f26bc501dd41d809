//! The .netrc token model, with byte positions so edits can touch only the bytes they mean to.
//!
//! Reading follows Go's `auth/netrc.go` exactly: lines split on `\n`, fields split on
//! whitespace, `key value` pairs within one line only (an entry's pairs may span lines),
//! `macdef` skips the following lines up to an exactly empty one, and a line whose last odd
//! field is `default` stops Go's parsing.

use std::ops::Range;

/// One `key value` pair as Go pairs them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Pair {
    pub key: String,
    pub value: String,
    /// Byte range of the value in the file.
    pub value_span: Range<usize>,
    /// Index of the line the pair is on.
    pub line: usize,
}

/// One line: its byte range including the line ending, and whether it is macro content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Line {
    pub span: Range<usize>,
    /// End of the content (before `\r\n` / `\n`).
    pub content_end: usize,
    pub in_macro: bool,
    /// Fields on the line (outside macros), with their byte ranges.
    pub fields: Vec<Range<usize>>,
}

/// The parsed file.
#[derive(Debug, Clone, Default)]
pub(crate) struct Parsed {
    pub lines: Vec<Line>,
    pub pairs: Vec<Pair>,
    /// The line where Go stops reading (a trailing `default`), if any.
    pub default_line: Option<usize>,
    /// The file ends inside a `macdef` block (no empty line after it).
    pub ends_in_macro: bool,
}

pub(crate) fn parse(text: &str) -> Parsed {
    let mut parsed = Parsed::default();
    let mut in_macro = false;
    let mut start = 0;
    let bytes = text.as_bytes();
    while start < bytes.len() {
        let end = bytes[start..]
            .iter()
            .position(|b| *b == b'\n')
            .map_or(bytes.len(), |i| start + i + 1);
        let content_end = if bytes[..end].ends_with(b"\n") {
            end - 1
        } else {
            end
        };
        let index = parsed.lines.len();
        let content = &text[start..content_end];
        let mut line = Line {
            span: start..end,
            content_end,
            in_macro,
            fields: Vec::new(),
        };
        if in_macro {
            if content.is_empty() {
                in_macro = false;
            }
            parsed.lines.push(line);
            start = end;
            continue;
        }
        line.fields = fields(content, start);
        let words: Vec<&str> = line.fields.iter().map(|r| &text[r.clone()]).collect();
        let mut i = 0;
        while i + 1 < words.len() {
            if words[i] == "macdef" {
                in_macro = true;
            }
            parsed.pairs.push(Pair {
                key: words[i].to_string(),
                value: words[i + 1].to_string(),
                value_span: line.fields[i + 1].clone(),
                line: index,
            });
            i += 2;
        }
        if i < words.len() && words[i] == "default" && parsed.default_line.is_none() {
            parsed.default_line = Some(index);
        }
        parsed.lines.push(line);
        start = end;
    }
    parsed.ends_in_macro = in_macro;
    parsed
}

/// `strings.Fields` with byte ranges (offset by `base`).
fn fields(content: &str, base: usize) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in content.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                out.push(base + s..base + i);
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(base + s..base + content.len());
    }
    out
}

/// A complete entry as Go reads it: machine, login and password all non-empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct GoEntry {
    pub machine: String,
    pub login: String,
    pub password: String,
}

/// The entries the go command sees, in file order (first one wins for a machine).
pub(crate) fn go_entries(parsed: &Parsed) -> Vec<GoEntry> {
    let mut out = Vec::new();
    let (mut machine, mut login, mut password) = (String::new(), String::new(), String::new());
    for pair in &parsed.pairs {
        if parsed.default_line.is_some_and(|d| pair.line > d) {
            break;
        }
        match pair.key.as_str() {
            "machine" => {
                machine = pair.value.clone();
                login.clear();
                password.clear();
            }
            "login" => login = pair.value.clone(),
            "password" => password = pair.value.clone(),
            _ => {}
        }
        if !machine.is_empty() && !login.is_empty() && !password.is_empty() {
            out.push(GoEntry {
                machine: std::mem::take(&mut machine),
                login: std::mem::take(&mut login),
                password: std::mem::take(&mut password),
            });
        }
    }
    out
}

/// The login and password of the first entry for `machine` as Go pairs them (a later `login`
/// replaces an earlier one until both are set; either may be missing); `None` when no entry
/// names the machine.
pub(crate) fn entry_credential<'a>(
    parsed: &'a Parsed,
    machine: &str,
) -> Option<(Option<&'a str>, Option<&'a str>)> {
    let start = parsed
        .pairs
        .iter()
        .position(|p| p.key == "machine" && p.value == machine)?;
    let (mut login, mut password) = (None, None);
    for pair in &parsed.pairs[start + 1..] {
        match pair.key.as_str() {
            "machine" | "default" | "macdef" => break,
            "login" => login = Some(pair.value.as_str()),
            "password" => password = Some(pair.value.as_str()),
            _ => {}
        }
        if login.is_some() && password.is_some() {
            break;
        }
    }
    Some((login, password))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(text: &str) -> Vec<(String, String, String)> {
        go_entries(&parse(text))
            .into_iter()
            .map(|e| (e.machine, e.login, e.password))
            .collect()
    }

    fn e(m: &str, l: &str, p: &str) -> (String, String, String) {
        (m.into(), l.into(), p.into())
    }

    #[test]
    fn reads_like_go() {
        assert_eq!(
            entries("machine a login u password p\nmachine b\nlogin v password q\n"),
            vec![e("a", "u", "p"), e("b", "v", "q")]
        );
        // Login-only entries are ignored; quotes are kept; CRLF is fine.
        assert_eq!(
            entries("machine a login u\r\nmachine b login v password \"s\"\r\n"),
            vec![e("b", "v", "\"s\"")]
        );
        // macdef skips lines up to an empty one.
        assert_eq!(
            entries("macdef init\nmachine x login y password z\n\nmachine a login u password p\n"),
            vec![e("a", "u", "p")]
        );
        // A trailing `default` stops parsing.
        assert_eq!(
            entries("machine a login u password p\ndefault\nmachine b login v password q\n"),
            vec![e("a", "u", "p")]
        );
        assert_eq!(entries("default login a password b\n"), vec![]);
        assert!(parse("macdef m\nstuff").ends_in_macro);
    }
}
