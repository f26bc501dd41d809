//! Strict checks for GOPRIVATE-style pattern lists. Go accepts almost anything here and then
//! silently never matches (it trims no spaces, skips empty elements, ignores malformed globs), so
//! before writing we refuse every shape that cannot be what the user meant.

use super::glob::path_match;
use crate::{Error, Result};
use serde::Serialize;
use ts_rs::TS;

/// Which rule a pattern list breaks (stable; the UI translates by rule).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PatternRule {
    /// No pattern at all (empty, or only commas).
    Empty,
    /// A comma at the start or end, or two commas in a row.
    EmptyElement,
    /// Spaces or tabs: Go does not trim them, so the pattern never matches.
    Whitespace,
    /// `https://host`: patterns are module path prefixes, not URLs.
    Scheme,
    /// `user@host`: credentials or SSH addresses are not module paths.
    Userinfo,
    /// `.` or `..` as a path element.
    DotElement,
    /// Characters outside ASCII (module paths are ASCII).
    NonAscii,
    /// Control characters or characters module paths never contain (`;`, `"`, `\`...).
    BadCharacter,
    /// `/rsc.io`, `rsc.io//x`, `rsc.io//`: an empty path element never matches.
    EmptyPathElement,
    /// An unclosed `[` or a dangling `\`: Go's `path.Match` fails and the pattern never matches.
    Malformed,
    /// The same pattern twice.
    Duplicate,
}

/// One problem in a pattern list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PatternIssue {
    pub rule: PatternRule,
    /// The offending pattern as written (empty for list-level problems).
    pub pattern: String,
    /// One English sentence naming the setting and the rule.
    pub message: String,
}

/// Every problem in `value`, a comma-separated list for setting `key` (GOPRIVATE...).
pub fn check_list(key: &str, value: &str) -> Vec<PatternIssue> {
    let mut issues = Vec::new();
    let mut issue = |rule, pattern: &str, message: String| {
        issues.push(PatternIssue {
            rule,
            pattern: pattern.to_string(),
            message,
        })
    };
    if value.split(',').all(str::is_empty) {
        issue(
            PatternRule::Empty,
            "",
            format!("{key} has no pattern: write one or more module path prefixes like git.corp.example.com"),
        );
        return issues;
    }
    let elements: Vec<&str> = value.split(',').collect();
    if elements.iter().any(|e| e.is_empty()) {
        issue(
            PatternRule::EmptyElement,
            "",
            format!(
                "{key} has a comma at the start or end, or two commas in a row: write a.com,b.com"
            ),
        );
    }
    let mut seen: Vec<&str> = Vec::new();
    for p in elements.into_iter().filter(|e| !e.is_empty()) {
        if let Some((rule, why)) = check_one(p) {
            issue(rule, p, format!("{key} pattern {p:?}: {why}"));
        }
        let canonical = p.strip_suffix('/').unwrap_or(p);
        if seen.contains(&canonical) {
            issue(
                PatternRule::Duplicate,
                p,
                format!("{key} lists {p:?} twice; keep one"),
            );
        }
        seen.push(canonical);
    }
    issues
}

/// Checks one pattern; `None` when it is fine.
pub(crate) fn check_one(p: &str) -> Option<(PatternRule, String)> {
    if p.contains([' ', '\t']) || p.chars().any(char::is_whitespace) {
        return Some((
            PatternRule::Whitespace,
            "contains whitespace, which Go does not trim, so it never matches; remove the spaces"
                .into(),
        ));
    }
    if let Some((_, rest)) = p.split_once("://") {
        return Some((
            PatternRule::Scheme,
            format!("patterns are module path prefixes, not URLs: write {rest:?}"),
        ));
    }
    if !p.is_ascii() {
        return Some((
            PatternRule::NonAscii,
            "contains non-ASCII characters; module paths are ASCII (write internationalised domains in punycode, xn--...)".into(),
        ));
    }
    if let Some(c) = p.chars().find(|c| {
        c.is_ascii_control() || matches!(c, ',' | ';' | '"' | '\'' | '`' | '|' | '<' | '>')
    }) {
        return Some((
            PatternRule::BadCharacter,
            format!("contains {c:?}, which no module path has; patterns are separated by commas"),
        ));
    }
    if p.contains('@') {
        return Some((
            PatternRule::Userinfo,
            "contains '@': write the module path prefix (git.corp.example.com/team), not a login or an SSH address".into(),
        ));
    }
    let glob = p.strip_suffix('/').unwrap_or(p);
    if glob.split('/').any(|e| e == "." || e == "..") {
        return Some((
            PatternRule::DotElement,
            "has a `.` or `..` element; module paths never do".into(),
        ));
    }
    if glob.is_empty() || glob.split('/').any(str::is_empty) {
        return Some((
            PatternRule::EmptyPathElement,
            "has an empty path element (a leading `/` or `//`), so it never matches".into(),
        ));
    }
    if path_match(glob, "").is_err() {
        return Some((
            PatternRule::Malformed,
            "is malformed (an unclosed `[` or a dangling `\\`), so Go never matches it".into(),
        ));
    }
    None
}

/// Validates a list for `key`; the error names the key (as `field`) and the first rule broken.
/// Returns the patterns.
pub fn validate_list(key: &str, value: &str) -> Result<Vec<String>> {
    if let Some(first) = check_list(key, value).into_iter().next() {
        return Err(Error::invalid(key, first.message));
    }
    Ok(value.split(',').map(str::to_string).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(value: &str) -> Vec<PatternRule> {
        check_list("GOPRIVATE", value)
            .into_iter()
            .map(|i| i.rule)
            .collect()
    }

    #[test]
    fn accepts_ordinary_lists() {
        for ok in [
            "git.corp.example.com",
            "*.corp.example.com,github.com/acme/",
            "github.com/acme/*,rsc.io/[a-q]uote",
            "*",
        ] {
            assert_eq!(rules(ok), vec![], "{ok}");
        }
    }

    #[test]
    fn names_each_rule() {
        let cases = [
            ("", PatternRule::Empty),
            (",,", PatternRule::Empty),
            ("a.com,", PatternRule::EmptyElement),
            (",a.com", PatternRule::EmptyElement),
            ("a.com,,b.com", PatternRule::EmptyElement),
            ("a.com, b.com", PatternRule::Whitespace),
            ("https://git.corp.example.com", PatternRule::Scheme),
            ("git@github.com:acme", PatternRule::Userinfo),
            ("corp.example.com/../x", PatternRule::DotElement),
            ("bücher.example", PatternRule::NonAscii),
            ("a.com;b.com", PatternRule::BadCharacter),
            ("/rsc.io", PatternRule::EmptyPathElement),
            ("rsc.io//", PatternRule::EmptyPathElement),
            ("rsc.io[", PatternRule::Malformed),
            ("rsc.io\\", PatternRule::Malformed),
            ("a.com,b.com,a.com/", PatternRule::Duplicate),
        ];
        for (value, rule) in cases {
            assert_eq!(rules(value).first(), Some(&rule), "{value:?}");
        }
        let err = validate_list("GONOSUMDB", "a.com, b.com").expect_err("spaces");
        assert_eq!(err.field.as_deref(), Some("GONOSUMDB"));
        assert!(err.message.contains("GONOSUMDB") && err.message.contains("whitespace"));
    }
}
