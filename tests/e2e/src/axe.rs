//! axe-core inside the real app: the test reads `axe.min.js` from the UI's dev dependencies and
//! runs it through WebDriver, so the app bundle never ships it.

use crate::webdriver::Session;
use serde_json::{json, Value};
use std::fmt;

/// One rule axe found broken, with the elements it failed on.
#[derive(Debug, Clone)]
pub struct Violation {
    pub rule: String,
    /// `minor`, `moderate`, `serious` or `critical`.
    pub impact: String,
    pub help: String,
    /// CSS selectors of the failing elements, with axe's summary of why.
    pub nodes: Vec<(String, String)>,
}

impl Violation {
    /// What the issue asks to be zero: serious and critical findings.
    pub fn is_blocking(&self) -> bool {
        matches!(self.impact.as_str(), "serious" | "critical")
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} [{}] {}", self.rule, self.impact, self.help)?;
        for (target, why) in &self.nodes {
            let why = why.replace('\n', " ");
            write!(f, "\n      {target}: {why}")?;
        }
        Ok(())
    }
}

fn axe_source() -> String {
    let path = crate::repo_root().join("ui/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "read {}: {e} (axe-core is a dev dependency of ui/: npm --prefix ui ci)",
            path.display()
        )
    })
}

/// Loads axe into the current document unless it is there already (a reload drops it).
pub fn inject(s: &Session) {
    let present = s.execute("return typeof window.axe === 'object';", Vec::new());
    if present == json!(true) {
        return;
    }
    let script = format!("{}\nreturn typeof window.axe === 'object';", axe_source());
    if s.execute(&script, Vec::new()) != json!(true) {
        s.fail("axe-core did not load into the page");
    }
}

/// Runs axe over the whole document (WCAG 2.1 A and AA rules plus axe's best practices) and
/// returns every violation.
pub fn run(s: &Session) -> Vec<Violation> {
    inject(s);
    const SCRIPT: &str = "const done = arguments[0];
        window.axe.run(document, { resultTypes: ['violations'] }).then(
            (r) => done({ ok: r.violations.map((v) => ({
                rule: v.id, impact: v.impact || '', help: v.help,
                nodes: v.nodes.map((n) => [n.target.join(' '), n.failureSummary || '']),
            })) }),
            (e) => done({ err: String(e) }));";
    let result = s.execute_async(SCRIPT, Vec::new());
    if let Some(err) = result["err"].as_str() {
        s.fail(&format!("axe.run failed: {err}"));
    }
    let text = |v: &Value| v.as_str().unwrap_or_default().to_string();
    result["ok"]
        .as_array()
        .unwrap_or_else(|| s.fail(&format!("axe.run returned {result}")))
        .iter()
        .map(|v| Violation {
            rule: text(&v["rule"]),
            impact: text(&v["impact"]),
            help: text(&v["help"]),
            nodes: v["nodes"]
                .as_array()
                .map(|nodes| nodes.iter().map(|n| (text(&n[0]), text(&n[1]))).collect())
                .unwrap_or_default(),
        })
        .collect()
}
