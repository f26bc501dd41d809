//! Lines of text from any bytes: `\n`, `\r\n` and lone `\r` end a line; ANSI colour and cursor
//! codes are dropped; invalid UTF-8 becomes U+FFFD; a line with a NUL byte is binary and yields
//! nothing; wrappers around go's output (`docker build` BuildKit `#12 3.456 `, the `0.345 ` of
//! BuildKit's error summary, CI timestamps) are cut off.

use std::borrow::Cow;

/// Text beyond this many bytes of one line is not read (no go message is that long), so a log
/// that is one 20 MB line costs no more than any other.
const MAX_LINE: usize = 8 * 1024;

/// One line of the log: its 1-based number and its text without wrappers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Line<'a> {
    pub number: u32,
    pub text: Cow<'a, str>,
}

/// The lines of `log`, in order. Binary lines come back with empty text (they keep their number).
pub(super) fn lines(log: &[u8]) -> impl Iterator<Item = Line<'_>> {
    let mut rest = log;
    let mut number: u32 = 0;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let end = rest
            .iter()
            .position(|&b| b == b'\n' || b == b'\r')
            .unwrap_or(rest.len());
        let raw = &rest[..end];
        let mut next = end;
        if next < rest.len() {
            next += if rest[next] == b'\r' && rest.get(next + 1) == Some(&b'\n') {
                2
            } else {
                1
            };
        }
        rest = &rest[next..];
        number = number.saturating_add(1);
        Some(Line {
            number,
            text: clean(raw),
        })
    })
}

fn clean(raw: &[u8]) -> Cow<'_, str> {
    if raw.contains(&0) {
        return Cow::Borrowed("");
    }
    let raw = &raw[..raw.len().min(MAX_LINE)];
    let text = if raw.contains(&0x1b) {
        Cow::Owned(String::from_utf8_lossy(&strip_ansi(raw)).into_owned())
    } else {
        String::from_utf8_lossy(raw)
    };
    match text {
        Cow::Borrowed(s) => Cow::Borrowed(strip_wrappers(s)),
        Cow::Owned(s) => Cow::Owned(strip_wrappers(&s).to_string()),
    }
}

/// Drops CSI (`ESC [ ... final`), OSC (`ESC ] ... BEL` or `ESC \`) and two-byte escapes.
fn strip_ansi(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        if raw[i] != 0x1b {
            out.push(raw[i]);
            i += 1;
            continue;
        }
        match raw.get(i + 1) {
            Some(b'[') => {
                i += 2;
                while i < raw.len() && !(0x40..=0x7e).contains(&raw[i]) {
                    i += 1;
                }
                i += 1;
            }
            Some(b']') => {
                i += 2;
                while i < raw.len() && raw[i] != 0x07 && raw[i] != 0x1b {
                    i += 1;
                }
                i += if raw.get(i) == Some(&0x1b) { 2 } else { 1 };
            }
            Some(_) => i += 2,
            None => i += 1,
        }
    }
    out
}

/// Cuts the prefixes docker and CI put before each line of go's output.
fn strip_wrappers(line: &str) -> &str {
    let mut s = line;
    // BuildKit plain progress: `#12 3.456 text`, `#12 text`.
    if let Some(rest) = s.strip_prefix('#') {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && rest[digits..].starts_with(' ') {
            s = &rest[digits + 1..];
            s = strip_seconds(s);
            return s;
        }
    }
    // CI timestamps: `2024-05-01T10:11:12.1234567Z text`.
    let b = s.as_bytes();
    if b.len() > 20
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b'T'
    {
        if let Some(space) = s.find(' ') {
            if s[..space].ends_with('Z') {
                s = &s[space + 1..];
            }
        }
    }
    // BuildKit's error summary repeats the output as `0.345 text`.
    strip_seconds(s)
}

/// `3.456 text` → `text` (BuildKit's seconds since the step started).
fn strip_seconds(s: &str) -> &str {
    let b = s.as_bytes();
    let int = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if int == 0 || b.get(int) != Some(&b'.') {
        return s;
    }
    let frac = b[int + 1..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    match b.get(int + 1 + frac) {
        // `#7 1.234` alone: an empty line of go's output.
        None if frac > 0 => "",
        Some(b' ') if frac > 0 => &s[int + 2 + frac..],
        _ => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(log: &[u8]) -> Vec<(u32, String)> {
        lines(log)
            .map(|l| (l.number, l.text.into_owned()))
            .collect()
    }

    #[test]
    fn crlf_and_lone_cr_end_lines() {
        assert_eq!(
            texts(b"a\r\nb\rc\nd"),
            vec![
                (1, "a".into()),
                (2, "b".into()),
                (3, "c".into()),
                (4, "d".into())
            ]
        );
        assert_eq!(
            texts(b"a\n\nb\n"),
            vec![(1, "a".into()), (2, "".into()), (3, "b".into())]
        );
    }

    #[test]
    fn ansi_codes_are_dropped() {
        assert_eq!(
            texts(b"\x1b[31mgo: \x1b[1;33mx\x1b[0m\x1b]0;title\x07!"),
            vec![(1, "go: x!".into())]
        );
    }

    #[test]
    fn binary_lines_are_empty_and_invalid_utf8_is_replaced() {
        assert_eq!(
            texts(b"a\0b\nok\xff"),
            vec![(1, "".into()), (2, "ok\u{fffd}".into())]
        );
    }

    #[test]
    fn docker_and_ci_prefixes_are_cut() {
        assert_eq!(
            texts(b"#12 3.456 go: x\n#12 [2/3] RUN go\n0.512 \tserver response: y\n2024-05-01T10:11:12.1234567Z go: z\n#12 3.457"),
            vec![
                (1, "go: x".into()),
                (2, "[2/3] RUN go".into()),
                (3, "\tserver response: y".into()),
                (4, "go: z".into()),
                (5, "".into())
            ]
        );
    }

    #[test]
    fn a_huge_line_is_read_only_in_part() {
        let log = vec![b'a'; 100_000];
        let got = texts(&log);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].1.len(), MAX_LINE);
    }
}
