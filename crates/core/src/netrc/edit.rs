//! Byte-preserving edits of a .netrc: set or remove the entries of given machines while every
//! other byte (comments, `default`, `macdef` blocks, other machines, odd spacing, CRLF) stays.
//! When an edit would be ambiguous (an entry sharing a line with another, split oddly, a file
//! ending inside a macro) it is refused and nothing changes.

use super::parse::{parse, Parsed};
use crate::{Error, ErrorCode, Result};

/// The credential written for one machine.
pub struct MachineCredential<'a> {
    pub machine: &'a str,
    pub login: &'a str,
    pub password: &'a str,
}

fn ambiguous(machine: &str, why: &str) -> Error {
    Error::new(
        ErrorCode::InvalidInput,
        format!("cannot edit the entry for machine {machine} safely: {why}; edit the .netrc by hand, nothing was written"),
    )
    .with_field("netrc")
}

/// The lines (first..=last) of the entries for `machine`, each known to hold only that entry.
fn entry_lines(text: &str, parsed: &Parsed, machine: &str) -> Result<Vec<(usize, usize)>> {
    let mut out = Vec::new();
    for (i, pair) in parsed.pairs.iter().enumerate() {
        if pair.key != "machine" || pair.value != machine {
            continue;
        }
        // The entry ends at the next machine/default/macdef, or at the line where Go stops.
        let stop = parsed.default_line.filter(|&d| d >= pair.line);
        let end = parsed.pairs[i + 1..]
            .iter()
            .position(|p| {
                matches!(p.key.as_str(), "machine" | "default" | "macdef")
                    || stop.is_some_and(|d| p.line > d)
            })
            .map_or(parsed.pairs.len(), |n| i + 1 + n);
        let mine = &parsed.pairs[i..end];
        let first = pair.line;
        let last = mine.iter().map(|p| p.line).max().unwrap_or(first);
        // Every field on these lines must belong to this entry.
        for line in first..=last {
            let l = &parsed.lines[line];
            let owned = mine.iter().filter(|p| p.line == line).count() * 2;
            if l.fields.len() != owned {
                return Err(ambiguous(
                    machine,
                    &format!(
                        "line {} also holds other tokens ({:?})",
                        line + 1,
                        text[l.span.start..l.content_end]
                            .split_whitespace()
                            .next()
                            .unwrap_or("")
                    ),
                ));
            }
        }
        if mine.iter().filter(|p| p.key == "login").count() > 1
            || mine.iter().filter(|p| p.key == "password").count() > 1
        {
            return Err(ambiguous(
                machine,
                "the entry has two logins or two passwords",
            ));
        }
        out.push((first, last));
    }
    Ok(out)
}

fn check_file(text: &str, parsed: &Parsed) -> Result<()> {
    if text.contains('\0') {
        return Err(Error::new(
            ErrorCode::InvalidInput,
            "the .netrc contains NUL bytes (it is not a text file); nothing was written",
        )
        .with_field("netrc"));
    }
    if parsed.ends_in_macro {
        return Err(Error::new(
            ErrorCode::InvalidInput,
            "the .netrc ends inside a `macdef` block (no empty line after it), so anything added would become part of the macro; add an empty line at the end by hand; nothing was written",
        )
        .with_field("netrc"));
    }
    Ok(())
}

/// The line a new entry goes before so Go sees it, or `None` for the end of the file.
///
/// Go stops reading at a line with a trailing `default` (and curl takes `default` as the last
/// entry), so a new entry goes before the first line with a `default` key. An entry Go still
/// has open there (a `machine` whose login or password come later: Go's entries run across
/// lines and `default` pairs) must not be cut in two, so the new entry then goes before that
/// entry's `machine` line. Refused when that line does not start with `machine` (or `default`
/// with no entry open): curl would give the new entry the logins and passwords that follow.
fn insertion_line(machine: &str, text: &str, parsed: &Parsed) -> Result<Option<usize>> {
    let is_word = |f: &std::ops::Range<usize>, word: &str| &text[f.clone()] == word;
    let Some(stop) = parsed
        .lines
        .iter()
        .position(|l| !l.in_macro && l.fields.iter().step_by(2).any(|f| is_word(f, "default")))
    else {
        return Ok(None);
    };
    // Go's state when it reaches `stop`: the line of the open entry's `machine`, if any.
    let (mut open, mut login, mut password) = (None, false, false);
    for pair in parsed.pairs.iter().take_while(|p| p.line < stop) {
        match pair.key.as_str() {
            "machine" => (open, login, password) = (Some(pair.line), false, false),
            "login" => login = true,
            "password" => password = true,
            _ => {}
        }
        if open.is_some() && login && password {
            (open, login, password) = (None, false, false);
        }
    }
    let line = open.unwrap_or(stop);
    let starts_with = |word: &str| {
        parsed.lines[line]
            .fields
            .first()
            .is_some_and(|f| is_word(f, word))
    };
    if starts_with("machine") || (open.is_none() && starts_with("default")) {
        return Ok(Some(line));
    }
    Err(ambiguous(
        machine,
        &format!(
            "a new entry must go before the `default` on line {}, and no entry starts at the beginning of a line there",
            stop + 1
        ),
    ))
}

/// Sets login and password for each machine: existing entries are updated in place (only the
/// two values change), missing ones are added before a `default` line or at the end.
pub fn set_machines(before: &str, creds: &[MachineCredential<'_>]) -> Result<String> {
    let mut text = before.to_string();
    for cred in creds {
        text = set_one(&text, cred)?;
    }
    Ok(text)
}

fn set_one(text: &str, cred: &MachineCredential<'_>) -> Result<String> {
    let parsed = parse(text);
    check_file(text, &parsed)?;
    let entries = entry_lines(text, &parsed, cred.machine)?;
    if let Some(stop) = parsed.default_line {
        if entries.iter().any(|(first, _)| *first >= stop) {
            return Err(ambiguous(
                cred.machine,
                &format!(
                    "an entry for it comes after the `default` on line {}, where Go stops reading",
                    stop + 1
                ),
            ));
        }
    }
    if entries.is_empty() {
        let new_line = format!(
            "machine {} login {} password {}\n",
            cred.machine, cred.login, cred.password
        );
        let insert_at =
            insertion_line(cred.machine, text, &parsed)?.map(|i| parsed.lines[i].span.start);
        let mut out = String::with_capacity(text.len() + new_line.len() + 1);
        match insert_at {
            Some(at) => {
                out.push_str(&text[..at]);
                out.push_str(&new_line);
                out.push_str(&text[at..]);
            }
            None => {
                out.push_str(text);
                if !text.is_empty() && !text.ends_with('\n') {
                    out.push('\n');
                }
                out.push_str(&new_line);
            }
        }
        return Ok(out);
    }
    // Replacements (byte range, new text), applied from the end so offsets stay valid.
    let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    for (first, last) in entries {
        let pairs: Vec<_> = parsed
            .pairs
            .iter()
            .filter(|p| p.line >= first && p.line <= last)
            .collect();
        let mut missing = String::new();
        for (key, value) in [("login", cred.login), ("password", cred.password)] {
            match pairs.iter().find(|p| p.key == key) {
                Some(p) => edits.push((p.value_span.clone(), value.to_string())),
                None => missing.push_str(&format!(" {key} {value}")),
            }
        }
        if !missing.is_empty() {
            let at = parsed.lines[last].content_end;
            let at = if text[..at].ends_with('\r') {
                at - 1
            } else {
                at
            };
            edits.push((at..at, missing));
        }
    }
    edits.sort_by_key(|(r, _)| std::cmp::Reverse(r.start));
    let mut out = text.to_string();
    for (range, value) in edits {
        out.replace_range(range, &value);
    }
    Ok(out)
}

/// Removes every entry for each machine (whole lines); other bytes stay.
pub fn remove_machines(before: &str, machines: &[&str]) -> Result<String> {
    let parsed = parse(before);
    check_file(before, &parsed)?;
    let mut cut: Vec<std::ops::Range<usize>> = Vec::new();
    for machine in machines {
        for (first, last) in entry_lines(before, &parsed, machine)? {
            cut.push(parsed.lines[first].span.start..parsed.lines[last].span.end);
        }
    }
    cut.sort_by_key(|r| std::cmp::Reverse(r.start));
    let mut out = before.to_string();
    for r in cut {
        out.replace_range(r, "");
    }
    Ok(out)
}

#[cfg(test)]
#[path = "edit_props.rs"]
mod props;

#[cfg(test)]
mod tests {
    use super::*;

    fn cred<'a>(m: &'a str) -> MachineCredential<'a> {
        MachineCredential {
            machine: m,
            login: "alice",
            password: "T0K",
        }
    }

    const ODD: &str = "# my netrc\r\n\
machine   other.example   login bob   password  b0b\r\n\
macdef init\n\
machine git.corp.example.com login evil password in-macro\n\
\n\
machine git.corp.example.com\n\
\tlogin old\n\
\tpassword oldpw   # not a comment for Go\n\
default login anon password x\n";

    #[test]
    fn updates_in_place_and_keeps_every_other_byte() {
        let out = set_machines(ODD, &[cred("git.corp.example.com")]).expect("set");
        assert_eq!(
            out,
            ODD.replace("login old", "login alice")
                .replace("password oldpw", "password T0K")
        );
        let removed = remove_machines(&out, &["git.corp.example.com"]).expect("remove");
        assert_eq!(
            removed,
            ODD.replace(
                "machine git.corp.example.com\n\tlogin old\n\tpassword oldpw   # not a comment for Go\n",
                ""
            )
        );
    }

    #[test]
    fn adds_before_default_and_after_a_missing_newline() {
        let out = set_machines(ODD, &[cred("h:8443"), cred("h")]).expect("add");
        assert!(out.ends_with(
            "machine h:8443 login alice password T0K\nmachine h login alice password T0K\ndefault login anon password x\n"
        ));
        assert_eq!(
            set_machines("machine a login b password c", &[cred("h")]).expect("add"),
            "machine a login b password c\nmachine h login alice password T0K\n"
        );
        assert_eq!(
            set_machines("", &[cred("h")]).expect("new"),
            "machine h login alice password T0K\n"
        );
        // An entry without a password gets one appended, before the CR of a CRLF line.
        assert_eq!(
            set_machines("machine h login x\r\n", &[cred("h")]).expect("complete"),
            "machine h login alice password T0K\r\n"
        );
    }

    #[test]
    fn a_new_entry_goes_where_go_still_reads_it() {
        // Go stops at a trailing `default`: the entry goes before that line...
        assert_eq!(
            set_machines("machine a login b password c\nmachine y login x default\n", &[cred("h")])
                .expect("before y"),
            "machine a login b password c\nmachine h login alice password T0K\nmachine y login x default\n"
        );
        // ...but never into an entry Go still has open (z's login comes after `default`).
        let open = "machine z\ndefault login a password b\nlogin q password r\n";
        assert_eq!(
            set_machines(open, &[cred("h")]).expect("before z"),
            format!("machine h login alice password T0K\n{open}")
        );
        // An entry after Go's stop is not updated where Go would never read it.
        assert!(set_machines("default\nmachine h login a password b\n", &[cred("h")]).is_err());
        // A line going on with `login`: curl would give it to the new entry.
        assert!(set_machines("login x default\n", &[cred("h")]).is_err());
    }

    #[test]
    fn refuses_ambiguous_edits() {
        for text in [
            "machine h login a password b machine other login c password d\n",
            "machine other login c password d machine h login a password b\n",
            "machine h login a login b password c\n",
            "macdef init\necho hi",
        ] {
            let err = set_machines(text, &[cred("h")]).expect_err(text);
            assert_eq!(err.field.as_deref(), Some("netrc"), "{text}");
            assert!(!err.message.contains("T0K"));
        }
        assert!(remove_machines("a\0b", &["h"]).is_err());
    }
}
