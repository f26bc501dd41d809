//! Printing results: JSON on stdout for `--json`, plain text otherwise; errors on stderr as text.

use goproxy_core::history::ChangeLine;
use goproxy_core::Error;
use serde::Serialize;

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
            eprintln!("error[{}]: {}", code.unwrap_or_default(), err.message);
        }
    }
}

/// One change as `KEY: old -> new` after `indent`, `(unset)` standing for no value.
pub fn print_change(indent: &str, c: &ChangeLine) {
    println!(
        "{indent}{}: {} -> {}",
        c.key,
        c.old.as_deref().unwrap_or("(unset)"),
        c.new.as_deref().unwrap_or("(unset)")
    );
}
