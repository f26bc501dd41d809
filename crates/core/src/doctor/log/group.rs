//! One finding per distinct problem: problems with the same code and host (or, for configuration,
//! the same setting) are one finding listing every module and line. Lists are capped so a 20 MB
//! log of one failure stays small; `params` says when a list was cut.

use super::classify::Problem;
use super::words;
use crate::doctor::{DoctorCode, DoctorFinding};
use crate::findings::Fix;
use std::collections::{BTreeMap, HashMap};

/// Modules listed per finding.
pub(super) const MAX_MODULES: usize = 100;
/// Line numbers listed per finding.
pub(super) const MAX_LINES: usize = 200;
/// Distinct findings per log; later distinct problems are counted, not listed.
pub(super) const MAX_FINDINGS: usize = 100;

type Key = (DoctorCode, Option<String>, Option<&'static str>);

struct Group {
    first: Problem,
    modules: Vec<String>,
    modules_cut: bool,
    lines: Vec<u32>,
    line_total: u64,
}

/// Collects problems in the order they appear.
#[derive(Default)]
pub(super) struct Grouper {
    groups: Vec<Group>,
    index: HashMap<Key, usize>,
    /// Problems whose finding did not fit under [`MAX_FINDINGS`].
    pub dropped: u64,
}

impl Grouper {
    pub fn add(&mut self, problem: Problem) {
        let key = (problem.code, problem.host.clone(), problem.key);
        let at = match self.index.get(&key) {
            Some(&at) => at,
            None if self.groups.len() >= MAX_FINDINGS => {
                self.dropped += 1;
                return;
            }
            None => {
                self.groups.push(Group {
                    first: problem.clone(),
                    modules: Vec::new(),
                    modules_cut: false,
                    lines: Vec::new(),
                    line_total: 0,
                });
                self.index.insert(key, self.groups.len() - 1);
                self.groups.len() - 1
            }
        };
        let group = &mut self.groups[at];
        if let Some(module) = problem.module {
            if !group.modules.contains(&module) {
                if group.modules.len() < MAX_MODULES {
                    group.modules.push(module);
                } else {
                    group.modules_cut = true;
                }
            }
        }
        for n in problem.numbers {
            group.line_total += 1;
            if group.lines.len() < MAX_LINES && group.lines.last().is_none_or(|&l| l < n) {
                group.lines.push(n);
            }
        }
    }

    /// The findings, errors first, then in the order they first appeared.
    pub fn findings(self) -> Vec<DoctorFinding> {
        let mut out: Vec<DoctorFinding> = self.groups.into_iter().map(finding).collect();
        out.sort_by_key(|f| std::cmp::Reverse(f.severity));
        out
    }
}

fn finding(group: Group) -> DoctorFinding {
    let p = &group.first;
    let mut params = BTreeMap::new();
    let mut put = |k: &str, v: Option<String>| {
        if let Some(v) = v {
            params.insert(k.to_string(), v);
        }
    };
    put("host", p.host.clone());
    put("url", p.url.clone());
    put("status", p.status.map(|s| s.to_string()));
    put("key", p.key.map(str::to_string));
    put("value", p.value.clone());
    put("cause", p.cause.map(|c| c.as_str().to_string()));
    put("required", p.required.clone());
    put("module", group.modules.first().cloned());
    put("module_count", Some(group.modules.len().to_string()));
    if group.modules_cut {
        put(
            "modules_truncated",
            Some(format!("more than {MAX_MODULES}")),
        );
    }
    if group.line_total > group.lines.len() as u64 {
        put("lines_truncated", Some(group.line_total.to_string()));
    }
    let message = words::message(p.code, &params);
    DoctorFinding {
        code: p.code,
        severity: p.severity,
        host: p.host.clone(),
        modules: group.modules,
        lines: group.lines,
        message,
        params,
        fix: Fix::Manual {
            hint: words::hint(p.code).to_string(),
        },
    }
}
