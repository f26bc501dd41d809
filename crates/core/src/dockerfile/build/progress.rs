//! Progress from BuildKit's plain output (`--progress=plain`): every vertex line starts with
//! `#<n>`; steps of the Dockerfile are labelled `[<stage> <i>/<total>]` when they start and end
//! with `#<n> DONE <secs>s`, `#<n> CACHED` or `#<n> ERROR: ...`.

use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use ts_rs::TS;

/// One line of the build log with where the build stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct BuildProgress {
    pub line: String,
    /// Dockerfile steps finished (built or cached) so far.
    pub steps_done: u32,
    /// Steps of the stages seen so far (grows as BuildKit reaches new stages); 0 before the first.
    pub steps_total: u32,
    /// The step started last (`[build 3/4] RUN ...`).
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub step: Option<String>,
}

#[derive(Default)]
pub struct ProgressTracker {
    /// Vertex number → its `[stage i/n] ...` label, for Dockerfile steps only.
    steps: BTreeMap<u32, String>,
    stage_totals: BTreeMap<String, u32>,
    finished: BTreeSet<u32>,
    current: Option<String>,
}

impl ProgressTracker {
    pub fn observe(&mut self, line: &str) -> BuildProgress {
        if let Some((vertex, rest)) = vertex_line(line) {
            if let Some((stage, total)) = step_label(rest) {
                self.stage_totals.insert(stage.to_string(), total);
                self.steps.entry(vertex).or_insert_with(|| rest.to_string());
                self.current = Some(rest.to_string());
            } else if (rest.starts_with("DONE") || rest == "CACHED")
                && self.steps.contains_key(&vertex)
            {
                self.finished.insert(vertex);
            }
        }
        BuildProgress {
            line: line.to_string(),
            steps_done: self.finished.len() as u32,
            steps_total: self.stage_totals.values().sum(),
            step: self.current.clone(),
        }
    }
}

/// `#12 rest` → (12, `rest`).
fn vertex_line(line: &str) -> Option<(u32, &str)> {
    let rest = line.strip_prefix('#')?;
    let (number, rest) = rest.split_once(' ')?;
    Some((number.parse().ok()?, rest.trim()))
}

/// `[build 3/4] RUN ...` → (`build`, 4); `[internal] load ...` and `[3/4] RUN` (one unnamed
/// stage) → the stage `""`.
fn step_label(rest: &str) -> Option<(&str, u32)> {
    let inner = rest.strip_prefix('[')?.split(']').next()?;
    let (stage, count) = match inner.rsplit_once(' ') {
        Some((stage, count)) => (stage, count),
        None => ("", inner),
    };
    let (_, total) = count.split_once('/')?;
    Some((stage, total.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_steps_of_a_two_stage_build() {
        let log = "\
#1 [internal] load build definition from Dockerfile
#1 DONE 0.0s
#5 [build 1/4] FROM docker.io/library/golang:1.27-bookworm
#5 DONE 0.1s
#6 [build 2/4] WORKDIR /src
#6 CACHED
#7 [build 3/4] RUN --mount=type=cache,target=/go/pkg/mod go mod download
#7 0.512 go: downloading corp.example.com/greet v1.0.0
#7 DONE 3.2s
#8 [build 4/4] RUN go build -o /out/app .
#8 ERROR: process \"/bin/sh -c go build\" did not complete successfully: exit code: 1
#9 [stage-1 1/2] COPY --from=build /out/app /app
#9 DONE 0.1s
#10 exporting to image";
        let mut tracker = ProgressTracker::default();
        let seen: Vec<BuildProgress> = log.lines().map(|l| tracker.observe(l)).collect();
        assert_eq!(
            seen[1].steps_total, 0,
            "internal steps are not Dockerfile steps"
        );
        assert_eq!(seen[1].steps_done, 0);
        assert_eq!(seen[2].steps_total, 4);
        assert_eq!(seen[5].steps_done, 2);
        assert_eq!(
            seen[7].line,
            "#7 0.512 go: downloading corp.example.com/greet v1.0.0"
        );
        assert_eq!(seen[8].steps_done, 3);
        assert_eq!(seen[10].steps_done, 3, "an error is not done");
        let last = seen.last().expect("lines");
        assert_eq!((last.steps_done, last.steps_total), (4, 6));
        assert_eq!(
            last.step.as_deref(),
            Some("[stage-1 1/2] COPY --from=build /out/app /app")
        );
    }

    #[test]
    fn odd_lines_are_just_lines() {
        let mut tracker = ProgressTracker::default();
        for line in [
            "",
            "#",
            "# 3",
            "#x [a 1/2]",
            "#3 [a 1/x] RUN",
            "#3 [] x",
            "Sending build context",
        ] {
            let p = tracker.observe(line);
            assert_eq!(
                (p.steps_done, p.steps_total, p.step),
                (0, 0, None),
                "{line:?}"
            );
        }
        assert_eq!(step_label("[2/3] RUN x"), Some(("", 3)));
    }
}
