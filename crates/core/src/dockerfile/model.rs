//! A typed Dockerfile: stages of instructions, each RUN with its mounts and its inline
//! environment, rendered to text in one place. The generator builds this model; nothing pastes
//! Dockerfile text together. Syntax: BuildKit's `frontend/dockerfile/docs/reference.md`.

use std::fmt::Write as _;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dockerfile {
    /// The `# syntax=` directive (first line), if any.
    pub syntax: Option<String>,
    /// Instructions before the first FROM (global `ARG`s).
    pub preamble: Vec<Line>,
    pub stages: Vec<Stage>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stage {
    pub comment: Option<String>,
    pub image: String,
    /// `--platform=` of the FROM (`$BUILDPLATFORM`).
    pub platform: Option<String>,
    pub name: Option<String>,
    pub lines: Vec<Line>,
}

/// One instruction with the comment above it and the hadolint rules it is exempt from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub comment: Option<String>,
    /// `(rule, reason)`: rendered as the reason comment and `# hadolint ignore=RULE,...`.
    pub ignores: Vec<(&'static str, String)>,
    pub instruction: Instruction,
}

impl Line {
    pub fn new(instruction: Instruction) -> Line {
        Line {
            comment: None,
            ignores: Vec::new(),
            instruction,
        }
    }

    pub fn comment(mut self, text: impl Into<String>) -> Line {
        self.comment = Some(text.into());
        self
    }

    pub fn ignore(mut self, rule: &'static str, reason: impl Into<String>) -> Line {
        self.ignores.push((rule, reason.into()));
        self
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Instruction {
    /// `ARG NAME` or `ARG NAME=default`.
    Arg {
        name: String,
        default: Option<String>,
    },
    Workdir(String),
    Run(Run),
    Copy {
        from: Option<String>,
        sources: Vec<String>,
        dest: String,
    },
    /// `USER uid:gid` (numeric: hadolint DL3066).
    User(String),
    Expose(u16),
    /// Exec form.
    Entrypoint(Vec<String>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mount {
    Cache {
        target: String,
        id: Option<String>,
        sharing: Option<&'static str>,
    },
    /// `source: None` binds the whole context.
    Bind {
        source: Option<String>,
        target: String,
    },
    Secret {
        id: String,
        target: String,
        required: bool,
    },
    Ssh,
}

/// A RUN: mounts, then commands joined with `&&`, each with inline `NAME="value"` assignments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub mounts: Vec<Mount>,
    pub commands: Vec<Command>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Command {
    /// `NAME=value` before the program; the value is written as given (the generator quotes).
    pub env: Vec<(String, String)>,
    pub words: Vec<String>,
}

impl Command {
    pub fn new<I, S>(words: I) -> Command
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Command {
            env: Vec::new(),
            words: words.into_iter().map(Into::into).collect(),
        }
    }

    pub fn env(mut self, name: &str, value: impl Into<String>) -> Command {
        self.env.push((name.to_string(), value.into()));
        self
    }
}

/// `"${NAME}"`: a build arg passed inline and quoted (an unquoted `|` would be a pipe).
pub fn quoted_arg(name: &str) -> String {
    format!("\"${{{name}}}\"")
}

impl Mount {
    fn render(&self) -> String {
        match self {
            Mount::Cache {
                target,
                id,
                sharing,
            } => {
                let mut s = String::from("type=cache");
                if let Some(id) = id {
                    let _ = write!(s, ",id={id}");
                }
                let _ = write!(s, ",target={target}");
                if let Some(sharing) = sharing {
                    let _ = write!(s, ",sharing={sharing}");
                }
                s
            }
            Mount::Bind { source, target } => match source {
                Some(source) => format!("type=bind,source={source},target={target}"),
                None => format!("type=bind,target={target}"),
            },
            Mount::Secret {
                id,
                target,
                required,
            } => format!("type=secret,id={id},target={target},required={required}"),
            Mount::Ssh => "type=ssh".to_string(),
        }
    }
}

const INDENT: &str = "    ";

impl Run {
    fn render(&self, out: &mut String) {
        let mut parts: Vec<String> = self
            .mounts
            .iter()
            .map(|m| format!("--mount={}", m.render()))
            .collect();
        for (i, c) in self.commands.iter().enumerate() {
            let mut text = String::new();
            if i > 0 {
                text.push_str("&& ");
            }
            // Three assignments a line, then the program on its own line.
            for chunk in c.env.chunks(3) {
                let assignments: Vec<String> =
                    chunk.iter().map(|(n, v)| format!("{n}={v}")).collect();
                text.push_str(&assignments.join(" "));
                parts.push(std::mem::take(&mut text));
            }
            text.push_str(&c.words.join(" "));
            parts.push(text);
        }
        out.push_str("RUN ");
        out.push_str(&parts.join(&format!(" \\\n{INDENT}")));
        out.push('\n');
    }
}

/// A JSON string for the exec form (`["/app"]`).
fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string())
}

fn comment_lines(out: &mut String, text: &str) {
    for l in text.lines() {
        if l.is_empty() {
            out.push_str("#\n");
        } else {
            let _ = writeln!(out, "# {l}");
        }
    }
}

impl Line {
    fn render(&self, out: &mut String) {
        if let Some(c) = &self.comment {
            comment_lines(out, c);
        }
        if !self.ignores.is_empty() {
            for (_, reason) in &self.ignores {
                comment_lines(out, reason);
            }
            let rules: Vec<&str> = self.ignores.iter().map(|(r, _)| *r).collect();
            let _ = writeln!(out, "# hadolint ignore={}", rules.join(","));
        }
        match &self.instruction {
            Instruction::Arg { name, default } => match default {
                None => {
                    let _ = writeln!(out, "ARG {name}");
                }
                Some(v) if v.is_empty() || v.contains(' ') => {
                    let _ = writeln!(out, "ARG {name}=\"{v}\"");
                }
                Some(v) => {
                    let _ = writeln!(out, "ARG {name}={v}");
                }
            },
            Instruction::Workdir(dir) => {
                let _ = writeln!(out, "WORKDIR {dir}");
            }
            Instruction::Run(run) => run.render(out),
            Instruction::Copy {
                from,
                sources,
                dest,
            } => {
                out.push_str("COPY ");
                if let Some(from) = from {
                    let _ = write!(out, "--from={from} ");
                }
                let _ = writeln!(out, "{} {dest}", sources.join(" "));
            }
            Instruction::User(user) => {
                let _ = writeln!(out, "USER {user}");
            }
            Instruction::Expose(port) => {
                let _ = writeln!(out, "EXPOSE {port}");
            }
            Instruction::Entrypoint(words) => {
                let items: Vec<String> = words.iter().map(|w| json_string(w)).collect();
                let _ = writeln!(out, "ENTRYPOINT [{}]", items.join(", "));
            }
        }
    }
}

impl Dockerfile {
    pub fn render(&self) -> String {
        let mut out = String::new();
        if let Some(syntax) = &self.syntax {
            let _ = writeln!(out, "# syntax={syntax}");
        }
        for line in &self.preamble {
            line.render(&mut out);
        }
        for stage in &self.stages {
            out.push('\n');
            if let Some(c) = &stage.comment {
                comment_lines(&mut out, c);
            }
            out.push_str("FROM ");
            if let Some(p) = &stage.platform {
                let _ = write!(out, "--platform={p} ");
            }
            out.push_str(&stage.image);
            if let Some(name) = &stage.name {
                let _ = write!(out, " AS {name}");
            }
            out.push('\n');
            for line in &stage.lines {
                line.render(&mut out);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_mounts_env_and_exec_form() {
        let file = Dockerfile {
            syntax: Some("docker/dockerfile:1".into()),
            preamble: vec![Line::new(Instruction::Arg {
                name: "GO_VERSION".into(),
                default: Some("1.24".into()),
            })],
            stages: vec![Stage {
                comment: None,
                image: "golang:${GO_VERSION}-bookworm".into(),
                platform: Some("$BUILDPLATFORM".into()),
                name: Some("build".into()),
                lines: vec![
                    Line::new(Instruction::Arg {
                        name: "GOPRIVATE".into(),
                        default: Some(String::new()),
                    })
                    .ignore("DL3064", "patterns, not a secret"),
                    Line::new(Instruction::Run(Run {
                        mounts: vec![
                            Mount::Cache {
                                target: "/go/pkg/mod".into(),
                                id: None,
                                sharing: None,
                            },
                            Mount::Secret {
                                id: "netrc".into(),
                                target: "/root/.netrc".into(),
                                required: false,
                            },
                        ],
                        commands: vec![Command::new(["go", "mod", "download"])
                            .env("GOPRIVATE", quoted_arg("GOPRIVATE"))],
                    }))
                    .comment("download once"),
                    Line::new(Instruction::Entrypoint(vec!["/app".into()])),
                ],
            }],
        };
        assert_eq!(
            file.render(),
            "# syntax=docker/dockerfile:1\nARG GO_VERSION=1.24\n\nFROM --platform=$BUILDPLATFORM golang:${GO_VERSION}-bookworm AS build\n# patterns, not a secret\n# hadolint ignore=DL3064\nARG GOPRIVATE=\"\"\n# download once\nRUN --mount=type=cache,target=/go/pkg/mod \\\n    --mount=type=secret,id=netrc,target=/root/.netrc,required=false \\\n    GOPRIVATE=\"${GOPRIVATE}\" \\\n    go mod download\nENTRYPOINT [\"/app\"]\n"
        );
    }
}
