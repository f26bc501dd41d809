//! Keeps secrets out of the journal. Before a file's previous bytes are recorded, every secret in
//! them (a `.netrc` password, the password inside a URL such as `https://u:pw@host`) is replaced
//! by a placeholder. Undo puts back what the file holds *then* for the same machine and login
//! (or URL): credentials the change did not touch come back byte for byte, and a token the
//! change replaced or deleted is kept nowhere — the same rule as for keychain items.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::ops::Range;

/// Stands where a secret was. Control characters: no real .netrc or URL holds them, and neither
/// Go's nor curl's .netrc reader splits a field on them.
const PLACEHOLDER: &[u8] = b"\x01secret\x01";

/// How a file's secrets are found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(super) enum Mask {
    /// Passwords inside URLs (`scheme://user:password@host`).
    UrlPasswords,
    /// `.netrc`: every `password` value, and passwords inside URLs.
    Netrc,
}

/// One secret in a text: where it is, and what identifies it (machine and login, or the URL
/// without its password) together with its rank among secrets with the same identity.
struct Slot {
    span: Range<usize>,
    /// What goes when the secret cannot be put back: `password <value>` in a .netrc, or
    /// `:<password>` in a URL.
    pair: Range<usize>,
    key: (Vec<u8>, usize),
}

/// `bytes` with every secret replaced by the placeholder (all other bytes kept, UTF-8 or not).
pub(super) fn mask(mask: Mask, bytes: &[u8]) -> Vec<u8> {
    splice(bytes, &slots(mask, bytes), |_, _| Some(PLACEHOLDER))
}

/// `bytes` with every secret left out together with its keyword: what two versions of a file
/// are compared by, so a secret kept nowhere (and so left out by [`unmask`]) is no difference.
pub(super) fn fingerprint(mask: Mask, bytes: &[u8]) -> Vec<u8> {
    splice(bytes, &slots(mask, bytes), |_, _| None)
}

/// `masked` with each placeholder filled from `current` (the file as it is now): the secret with
/// the same identity. A secret that `current` no longer has is left out with its keyword, so the
/// result never holds a placeholder.
pub(super) fn unmask(mask: Mask, masked: &[u8], current: Option<&[u8]>) -> Vec<u8> {
    let current = current.unwrap_or_default();
    let mut known: HashMap<(Vec<u8>, usize), &[u8]> = HashMap::new();
    for slot in slots(mask, current) {
        known.insert(slot.key, &current[slot.span]);
    }
    let out = splice(masked, &slots(mask, masked), |slot, value| {
        if value == PLACEHOLDER {
            known.get(&slot.key).copied()
        } else {
            Some(value)
        }
    });
    // A placeholder outside any slot (the text was edited into an odd shape): never write it.
    remove_all(&out, PLACEHOLDER)
}

/// Rebuilds `text` with each slot's value replaced by what `with` says; `None` drops the pair.
fn splice<'a>(
    text: &'a [u8],
    slots: &[Slot],
    mut with: impl FnMut(&Slot, &'a [u8]) -> Option<&'a [u8]>,
) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let mut at = 0;
    for slot in slots {
        match with(slot, &text[slot.span.clone()]) {
            Some(value) => {
                out.extend_from_slice(&text[at..slot.span.start]);
                out.extend_from_slice(value);
                at = slot.span.end;
            }
            None => {
                out.extend_from_slice(&text[at..slot.pair.start]);
                at = slot.pair.end;
            }
        }
    }
    out.extend_from_slice(&text[at..]);
    out
}

fn remove_all(text: &[u8], what: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        if text[i..].starts_with(what) {
            i += what.len();
        } else {
            out.push(text[i]);
            i += 1;
        }
    }
    out
}

fn slots(mask: Mask, text: &[u8]) -> Vec<Slot> {
    let mut all = url_slots(text);
    if mask == Mask::Netrc {
        all.extend(netrc_slots(text));
    }
    all.sort_by_key(|s| s.pair.start);
    // A URL inside a netrc password value is the same secret: keep the outer one.
    let mut out: Vec<Slot> = Vec::with_capacity(all.len());
    for slot in all {
        if out.last().is_none_or(|l| slot.pair.start >= l.pair.end) {
            out.push(slot);
        }
    }
    out
}

/// `.netrc` passwords, read token by token as curl and Go do for well-formed files: an entry
/// starts at `machine NAME` or `default`; `login` and `password` take the next token. `macdef`
/// bodies (up to an empty line) are skipped.
fn netrc_slots(text: &[u8]) -> Vec<Slot> {
    let tokens = netrc_tokens(text);
    let mut out = Vec::new();
    let mut entry: &[u8] = b"";
    let mut login: &[u8] = b"";
    let mut pending: Vec<(Range<usize>, Range<usize>)> = Vec::new();
    let mut ranks: HashMap<Vec<u8>, usize> = HashMap::new();
    let mut flush = |entry: &[u8], login: &[u8], pending: &mut Vec<_>, out: &mut Vec<Slot>| {
        let identity = [b"netrc ".as_slice(), entry, b" ", login].concat();
        for (span, pair) in pending.drain(..) {
            let rank = ranks.entry(identity.clone()).or_insert(0);
            out.push(Slot {
                span,
                pair,
                key: (identity.clone(), *rank),
            });
            *rank += 1;
        }
    };
    let mut i = 0;
    while i < tokens.len() {
        let word = &text[tokens[i].clone()];
        let next = tokens.get(i + 1).cloned();
        match (word, next) {
            (b"machine", Some(n)) => {
                flush(entry, login, &mut pending, &mut out);
                entry = &text[n];
                login = b"";
                i += 2;
            }
            (b"default", _) => {
                flush(entry, login, &mut pending, &mut out);
                entry = b"default";
                login = b"";
                i += 1;
            }
            (b"login", Some(n)) => {
                login = &text[n];
                i += 2;
            }
            (b"password", Some(n)) => {
                pending.push((n.clone(), tokens[i].start..n.end));
                i += 2;
            }
            _ => i += 1,
        }
    }
    flush(entry, login, &mut pending, &mut out);
    out
}

/// Fields split on whitespace (any Unicode white space where the bytes are UTF-8, as Go's
/// `strings.Fields`), outside `macdef` bodies.
fn netrc_tokens(text: &[u8]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut in_macro = false;
    let mut start = 0;
    for line in text.split_inclusive(|b| *b == b'\n') {
        let content = line
            .strip_suffix(b"\n")
            .map_or(line, |l| l.strip_suffix(b"\r").unwrap_or(l));
        if in_macro {
            in_macro = !content.is_empty();
        } else {
            let first = out.len();
            let mut word_start = None;
            let mut i = 0;
            while i < content.len() {
                let (white, len) = whitespace_at(&content[i..]);
                match (white, word_start) {
                    (true, Some(s)) => {
                        out.push(start + s..start + i);
                        word_start = None;
                    }
                    (false, None) => word_start = Some(i),
                    _ => {}
                }
                i += len;
            }
            if let Some(s) = word_start {
                out.push(start + s..start + content.len());
            }
            in_macro = out[first..].iter().any(|r| &text[r.clone()] == b"macdef");
        }
        start += line.len();
    }
    out
}

/// Whether `bytes` starts with white space, and the length of its first character.
fn whitespace_at(bytes: &[u8]) -> (bool, usize) {
    let len = match bytes[0] {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        _ => 1,
    };
    match std::str::from_utf8(&bytes[..len.min(bytes.len())]) {
        Ok(s) => (s.chars().next().is_some_and(char::is_whitespace), s.len()),
        Err(_) => (false, 1),
    }
}

/// Passwords in `scheme://user:password@host` URLs.
fn url_slots(text: &[u8]) -> Vec<Slot> {
    let mut out = Vec::new();
    let mut ranks: HashMap<Vec<u8>, usize> = HashMap::new();
    let mut from = 0;
    while let Some(found) = find(&text[from..], b"://") {
        let auth_start = from + found + 3;
        let auth_len = text[auth_start..]
            .iter()
            .position(|b| b.is_ascii_whitespace() || b"/?#\"'<>,|;\\".contains(b))
            .unwrap_or(text.len() - auth_start);
        let authority = &text[auth_start..auth_start + auth_len];
        from = auth_start;
        let Some(at) = authority.iter().rposition(|b| *b == b'@') else {
            continue;
        };
        let Some(colon) = authority[..at].iter().position(|b| *b == b':') else {
            continue;
        };
        let span = auth_start + colon + 1..auth_start + at;
        let scheme_start = text[..from - 3]
            .iter()
            .rposition(|b| !(b.is_ascii_alphanumeric() || b"+-.".contains(b)))
            .map_or(0, |i| i + 1);
        let identity = [
            b"url ".as_slice(),
            &text[scheme_start..from],
            &authority[..colon],
            &authority[at..],
        ]
        .concat();
        let rank = ranks.entry(identity.clone()).or_insert(0);
        out.push(Slot {
            pair: span.start - 1..span.end,
            span,
            key: (identity, *rank),
        });
        *rank += 1;
        from = auth_start + auth_len;
    }
    out
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests;
