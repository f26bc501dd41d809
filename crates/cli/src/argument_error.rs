//! Argument errors (unknown flag, bad value, missing argument...) found by clap before any
//! command runs. Under `--json` they are the usual JSON error document on stdout with exit 1,
//! so scripts get a code and a field for every failure; otherwise clap's text and exit 2.

use crate::output::{shown, Output};
use clap::error::{ContextKind, ContextValue, ErrorKind};
use goproxy_core::{Error, ErrorCode};
use std::ffi::OsString;
use std::process::ExitCode;

/// `--json` (or a mistaken `--json=...`) anywhere before a `--`: clap stops at the first
/// error, before it could tell us.
pub fn wants_json(args: &[OsString]) -> bool {
    args.iter()
        .skip(1)
        .take_while(|a| *a != "--")
        .any(|a| a == "--json" || a.as_encoded_bytes().starts_with(b"--json="))
}

/// Prints `err` for a person or a script and gives the exit code.
pub fn report(err: clap::Error, json: bool) -> ExitCode {
    if matches!(
        err.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
    ) {
        let _ = err.print();
        return ExitCode::SUCCESS;
    }
    if json {
        Output { json: true }.error(&to_error(&err));
        return ExitCode::FAILURE;
    }
    let text = err.render().to_string();
    if text.lines().any(|l| shown(l) != l) {
        // The arguments echoed back hold control characters: print them escaped, uncoloured.
        for line in text.lines() {
            eprintln!("{}", shown(line));
        }
    } else {
        let _ = err.print();
    }
    ExitCode::from(2)
}

/// The core error shape for a clap error: code `invalid_input`, clap's sentence, and the
/// argument it is about (`--deadline`, `host`, `subcommand`).
fn to_error(err: &clap::Error) -> Error {
    let rendered = err.render().to_string();
    let first = rendered.split("\n\n").next().unwrap_or_default();
    let first: Vec<&str> = first.lines().map(str::trim).collect();
    let first = first.join(" ");
    let sentence = first.strip_prefix("error: ").unwrap_or(&first);
    let usage = rendered
        .lines()
        .find_map(|l| l.strip_prefix("Usage: "))
        .map(|u| format!("; usage: {}", u.trim()))
        .unwrap_or_default();
    let message = match err.kind() {
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand | ErrorKind::MissingSubcommand => {
            format!("a subcommand is required{usage}; see --help for the list")
        }
        _ => format!("{sentence}{usage}"),
    };
    Error::new(ErrorCode::InvalidInput, message).with_field(field(err))
}

fn field(err: &clap::Error) -> String {
    if matches!(
        err.kind(),
        ErrorKind::InvalidSubcommand
            | ErrorKind::MissingSubcommand
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        return "subcommand".into();
    }
    let arg = match err.get(ContextKind::InvalidArg) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(list)) => list.first().cloned(),
        _ => None,
    };
    match arg.filter(|a| !a.trim().is_empty()) {
        Some(arg) => argument_name(&arg),
        None => "arguments".into(),
    }
}

/// `--deadline <SECONDS>` -> `--deadline`; `<HOST>` -> `host`; anything else as typed.
fn argument_name(arg: &str) -> String {
    let first = arg.split_whitespace().next().unwrap_or(arg);
    match first
        .trim_end_matches("...")
        .strip_prefix('<')
        .and_then(|a| a.strip_suffix('>'))
    {
        Some(name) => name.to_ascii_lowercase(),
        None if first.starts_with('-') => first.to_string(),
        None => arg.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_json_before_the_terminator_only() {
        let args = |v: &[&str]| v.iter().map(OsString::from).collect::<Vec<_>>();
        assert!(wants_json(&args(&["ga", "detect", "--json", "x"])));
        assert!(wants_json(&args(&[
            "ga",
            "--json",
            "bench",
            "--deadline",
            "X"
        ])));
        assert!(!wants_json(&args(&["ga", "undo", "--", "--json"])));
        assert!(wants_json(&args(&["ga", "detect", "--json=yes"])));
        assert!(!wants_json(&args(&["ga", "--jsonx"])));
    }

    #[test]
    fn names_the_argument() {
        assert_eq!(argument_name("--deadline <SECONDS>"), "--deadline");
        assert_eq!(argument_name("<HOST>"), "host");
        assert_eq!(argument_name("<KEY=VALUE>..."), "key=value");
        assert_eq!(argument_name("--bogus"), "--bogus");
    }
}
