//! Module path patterns as the go command uses them for GOPRIVATE, GONOPROXY, GONOSUMDB and
//! GOINSECURE: Go's exact `module.MatchPrefixPatterns` (over a port of `path.Match`), a strict
//! validator for pattern lists, and "test a module path": which settings apply and why.

mod explain;
mod glob;
pub(crate) mod validate;

pub use explain::{explain_path, FetchRoute, PathExplanation, PatternKey, PatternVerdict};
pub use glob::{path_match, BadPattern};
pub use validate::{check_list, validate_list, PatternIssue, PatternRule};

/// Go's `module.MatchPrefixPatterns(globs, target)`.
pub fn match_prefix_patterns(globs: &str, target: &str) -> bool {
    matching_pattern(globs, target).is_some()
}

/// The first pattern of the comma-separated `globs` that matches `target`, as written (with its
/// trailing `/`, if any). Same rules as `MatchPrefixPatterns`: no trimming, empty elements
/// skipped, one trailing `/` ignored, a pattern of k elements matched against the first k
/// elements of the path, malformed patterns never match.
pub fn matching_pattern<'a>(globs: &'a str, target: &str) -> Option<&'a str> {
    for written in globs.split(',') {
        let glob = written.strip_suffix('/').unwrap_or(written);
        if glob.is_empty() {
            continue;
        }
        let mut n = glob.matches('/').count();
        let mut prefix = target;
        for (i, b) in target.bytes().enumerate() {
            if b == b'/' {
                if n == 0 {
                    prefix = &target[..i];
                    break;
                }
                n -= 1;
            }
        }
        if n > 0 {
            continue;
        }
        if path_match(glob, prefix) == Ok(true) {
            return Some(written);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every GOPRIVATE match vector of the project's shared fixtures, read from beside the repo:
    /// the cases of `golang.org/x/mod/module/module_test.go` (`TestMatchPrefixPatterns`) plus
    /// cases checked against the real go1.27.3.
    #[test]
    fn shared_match_vectors() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/reference/goprivate-match-vectors.json");
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "the GOPRIVATE match vectors are missing: cannot read {} ({e}); \
                 the repo must sit beside shared/",
                path.display()
            )
        });
        let vectors: Vec<serde_json::Value> = serde_json::from_str(&text).expect("vectors JSON");
        assert!(vectors.len() >= 54, "expected at least 54 vectors");
        let mut failures = Vec::new();
        for v in &vectors {
            let patterns = v["patterns"].as_str().expect("patterns");
            let target = v["path"].as_str().expect("path");
            let want = v["match"].as_bool().expect("match");
            if match_prefix_patterns(patterns, target) != want {
                failures.push(format!("{patterns:?} vs {target:?}: want {want}"));
            }
        }
        assert!(failures.is_empty(), "mismatches:\n{}", failures.join("\n"));
    }

    #[test]
    fn reports_the_pattern_that_matched() {
        assert_eq!(
            matching_pattern("a.com,*.corp.example.com/", "git.corp.example.com/x"),
            Some("*.corp.example.com/")
        );
        assert_eq!(matching_pattern("a.com", "b.com/x"), None);
    }
}
