//! Printing results: JSON on stdout for `--json`, plain text otherwise; errors on stderr as text.

use goproxy_core::change::{ChangeLine, LineKind};
use goproxy_core::history::{Applied, PartSummary};
use goproxy_core::Error;
use serde::Serialize;
use std::borrow::Cow;

pub struct Output {
    pub json: bool,
}

impl Output {
    /// Prints `value` as JSON, or calls `text` to print it for people.
    pub fn print<T: Serialize>(&self, value: &T, text: impl FnOnce(&T)) {
        if self.json {
            match serde_json::to_string_pretty(value) {
                Ok(s) => println!("{s}"),
                Err(e) => eprintln!("error: cannot encode the result as JSON: {e}"),
            }
        } else {
            text(value);
        }
    }

    pub fn error(&self, err: &Error) {
        if self.json {
            let body = serde_json::json!({ "error": err });
            println!(
                "{}",
                serde_json::to_string_pretty(&body).unwrap_or_default()
            );
        } else {
            let code = serde_json::to_value(err.code)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string));
            eprintln!(
                "error[{}]: {}",
                code.unwrap_or_default(),
                shown(&err.message)
            );
        }
    }
}

/// `text` safe for a terminal: control characters (escape sequences, carriage returns...) and
/// the invisible bidirectional overrides written as `\u{1b}`, so user input or stored data can
/// never move the cursor, clear the screen or disguise what is printed. A newline is escaped
/// too: `text` is one line.
pub fn shown(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| {
                if needs_escape(c) {
                    c.escape_unicode().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// One change as `KEY: old -> new` after `indent`, `(unset)` standing for no value.
pub fn print_change(indent: &str, c: &ChangeLine) {
    let value = |v: &Option<String>| match (c.kind, v.as_deref()) {
        (_, None) => "(unset)".to_string(),
        (LineKind::Keychain, Some(_)) => "a token".to_string(),
        (_, Some(v)) => shown(v).into_owned(),
    };
    let key = match c.kind {
        LineKind::GoEnv | LineKind::GitConfig => c.key.clone(),
        LineKind::Mirror => format!("mirror {}", c.key),
        LineKind::Keychain => format!("keychain {}", c.key),
        LineKind::NetrcMachine => format!("machine {}", c.key),
        LineKind::Host => format!("host {}", c.key),
        LineKind::ProjectFile => format!("file {}", c.key),
    };
    println!(
        "{indent}{}: {} -> {}",
        shown(&key),
        value(&c.old),
        value(&c.new)
    );
}

/// What a change did, the files it wrote, and how to undo it.
pub fn print_applied(applied: &Applied) {
    match applied {
        Applied::Unchanged { summary } => {
            println!("{}: already so; nothing changed", shown(&summary.text()))
        }
        Applied::Recorded(entry) => {
            println!("{}", shown(&entry.summary.text()));
            for c in &entry.changes {
                print_change("  ", c);
            }
            for p in &entry.parts {
                if let PartSummary::File { path } = p {
                    println!("  wrote {}", shown(path));
                }
            }
            println!("undo with: goproxy-assistant undo {}", entry.id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::shown;

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(shown("plain text: ok"), "plain text: ok");
        assert_eq!(shown("\u{1b}[2Jid"), "\\u{1b}[2Jid");
        assert_eq!(shown("a\rb\nc\u{7f}"), "a\\u{d}b\\u{a}c\\u{7f}");
        assert_eq!(shown("x\u{202e}y"), "x\\u{202e}y");
        assert_eq!(shown("中文"), "中文");
    }
}
