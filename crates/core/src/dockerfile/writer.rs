//! The Dockerfile model for a checked set of choices: the build stage (download with the module
//! cache and the netrc secret, then the build with both caches) and the final stage. The shape
//! and the facts behind it: docs/dockerfile.md.

use super::model::{quoted_arg, Command, Dockerfile, Instruction, Line, Mount, Run, Stage};
use super::resolve::{Resolved, SETTING_KEYS};
use super::words::words;
use super::FinalImage;

/// The xx release the CGO cross build copies its helpers from.
pub const XX_IMAGE: &str = "tonistiigi/xx:1.6.1";
pub const ALPINE_IMAGE: &str = "alpine:3.22";
const MODULE_CACHE: &str = "/go/pkg/mod";
const BUILD_CACHE: &str = "/root/.cache/go-build";

fn arg(name: &str, default: Option<String>) -> Line {
    Line::new(Instruction::Arg {
        name: name.to_string(),
        default,
    })
}

fn module_cache() -> Mount {
    Mount::Cache {
        target: MODULE_CACHE.into(),
        id: None,
        sharing: None,
    }
}

pub fn dockerfile(r: &Resolved) -> Dockerfile {
    let w = words(r.language);
    let mut stages = Vec::new();
    if r.uses_xx() {
        stages.push(Stage {
            comment: Some(w.xx_stage.into()),
            image: XX_IMAGE.into(),
            platform: Some("$BUILDPLATFORM".into()),
            name: Some("xx".into()),
            lines: Vec::new(),
        });
    }
    stages.push(build_stage(r));
    stages.push(final_stage(r));
    Dockerfile {
        syntax: Some("docker/dockerfile:1".into()),
        preamble: vec![arg("GO_VERSION", Some(r.image.tag())).comment(w.go_version)],
        stages,
    }
}

fn build_stage(r: &Resolved) -> Stage {
    let w = words(r.language);
    let mut lines = Vec::new();
    if r.uses_xx() {
        lines.push(
            Line::new(Instruction::Copy {
                from: Some("xx".into()),
                sources: vec!["/".into()],
                dest: "/".into(),
            })
            .ignore("DL3067", w.xx_copy_reason),
        );
    }
    lines.push(Line::new(Instruction::Workdir("/src".into())));
    if !r.vendor {
        for (i, key) in SETTING_KEYS.iter().enumerate() {
            let mut line = arg(key, Some(r.setting(key).to_string()));
            if i == 0 {
                line = line.comment(w.settings);
            }
            if *key == "GOPRIVATE" {
                line = line.ignore("DL3064", w.goprivate_reason);
            }
            lines.push(line);
        }
        lines.push(download(r));
    }
    if r.cross() {
        let mut first = true;
        let mut names = vec!["TARGETOS", "TARGETARCH"];
        if r.uses_xx() {
            names = vec!["TARGETPLATFORM"];
        } else if r.any_arm() {
            names.push("TARGETVARIANT");
        }
        for name in names {
            let mut line = arg(name, None);
            if first && !r.vendor {
                line = line.comment(w.target_args);
            }
            first = false;
            lines.push(line);
        }
    }
    if r.uses_xx() {
        lines.push(
            Line::new(Instruction::Run(Run {
                mounts: Vec::new(),
                commands: vec![
                    Command::new(["apt-get", "update"]),
                    Command::new([
                        "xx-apt-get",
                        "install",
                        "-y",
                        "--no-install-recommends",
                        "gcc",
                        "libc6-dev",
                    ]),
                    Command::new(["rm", "-rf", "/var/lib/apt/lists/*"]),
                ],
            }))
            .comment(w.xx_packages)
            .ignore("DL3008", w.xx_packages_reason),
        );
    }
    lines.push(build(r));
    Stage {
        comment: Some(
            if r.cross() {
                w.build_stage_cross
            } else {
                w.build_stage_native
            }
            .into(),
        ),
        image: "golang:${GO_VERSION}-bookworm".into(),
        platform: r.cross().then(|| "$BUILDPLATFORM".into()),
        name: Some("build".into()),
        lines,
    }
}

fn download(r: &Resolved) -> Line {
    let w = words(r.language);
    let mut mounts = vec![
        module_cache(),
        Mount::Bind {
            source: Some("go.mod".into()),
            target: "go.mod".into(),
        },
    ];
    if r.has_go_sum {
        mounts.push(Mount::Bind {
            source: Some("go.sum".into()),
            target: "go.sum".into(),
        });
    }
    // $HOME/.netrc: read by the go command and by git/libcurl alike (git ignores NETRC).
    mounts.push(Mount::Secret {
        id: "netrc".into(),
        target: "/root/.netrc".into(),
        required: r.private,
    });
    let mut command = Command::new(["go", "mod", "download"]);
    for key in SETTING_KEYS {
        command = command.env(key, quoted_arg(key));
    }
    let mut comment = w.download.to_string();
    if r.ssh {
        mounts.push(Mount::Ssh);
        let hosts = ssh_hosts(r);
        command = command.env("GIT_CONFIG_COUNT", format!("\"{}\"", hosts.len()));
        for (i, host) in hosts.iter().enumerate() {
            command = command
                .env(
                    &format!("GIT_CONFIG_KEY_{i}"),
                    format!("\"url.ssh://git@{host}/.insteadOf\""),
                )
                .env(
                    &format!("GIT_CONFIG_VALUE_{i}"),
                    format!("\"https://{host}/\""),
                );
        }
        command = command.env(
            "GIT_SSH_COMMAND",
            "\"ssh -o StrictHostKeyChecking=accept-new\"",
        );
        comment = format!("{comment}\n{}", w.ssh);
    }
    Line::new(Instruction::Run(Run {
        mounts,
        commands: vec![command],
    }))
    .comment(comment)
}

/// Hosts git reaches over SSH: the private hosts, or github.com when none is known.
fn ssh_hosts(r: &Resolved) -> Vec<String> {
    let hosts: Vec<String> = r
        .private_hosts
        .iter()
        .map(|h| h.split(':').next().unwrap_or(h).to_string())
        .collect();
    if hosts.is_empty() {
        vec!["github.com".into()]
    } else {
        hosts
    }
}

fn build(r: &Resolved) -> Line {
    let w = words(r.language);
    let mut mounts = Vec::new();
    if !r.vendor {
        mounts.push(module_cache());
    }
    mounts.push(Mount::Cache {
        target: BUILD_CACHE.into(),
        id: None,
        sharing: None,
    });
    mounts.push(Mount::Bind {
        source: None,
        target: ".".into(),
    });
    let out = format!("/out/{}", r.binary);
    let program = if r.uses_xx() { "xx-go" } else { "go" };
    let mut words = vec![program.to_string(), "build".into(), "-trimpath".into()];
    if r.vendor {
        words.push("-mod=vendor".into());
    }
    if let Some(flags) = &r.ldflags {
        words.push(format!("-ldflags=\"{flags}\""));
    }
    words.extend(["-o".to_string(), out.clone(), r.main.clone()]);
    let mut command = Command::new(words).env("CGO_ENABLED", if r.cgo { "1" } else { "0" });
    if r.cross() && !r.uses_xx() {
        command = command
            .env("GOOS", quoted_arg("TARGETOS"))
            .env("GOARCH", quoted_arg("TARGETARCH"));
        if r.any_arm() {
            command = command.env("GOARM", "\"${TARGETVARIANT#v}\"");
        }
    }
    let mut commands = vec![command];
    if r.uses_xx() {
        commands.push(Command::new(["xx-verify", out.as_str()]));
    }
    Line::new(Instruction::Run(Run { mounts, commands })).comment(if r.vendor {
        format!("{}\n{}", w.build_vendor, w.build)
    } else {
        w.build.to_string()
    })
}

fn final_stage(r: &Resolved) -> Stage {
    let w = words(r.language);
    let binary = format!("/{}", r.binary);
    let mut lines = Vec::new();
    let (image, comment, user) = match r.final_image {
        FinalImage::Distroless => {
            let base = if r.cgo { "base" } else { "static" };
            (
                format!("gcr.io/distroless/{base}-debian12:nonroot"),
                w.final_distroless,
                "65532:65532",
            )
        }
        FinalImage::Scratch => {
            lines.push(
                Line::new(Instruction::Copy {
                    from: Some("build".into()),
                    sources: vec!["/etc/ssl/certs/ca-certificates.crt".into()],
                    dest: "/etc/ssl/certs/".into(),
                })
                .comment(w.scratch_files),
            );
            lines.push(Line::new(Instruction::Copy {
                from: Some("build".into()),
                sources: vec!["/usr/share/zoneinfo".into()],
                dest: "/usr/share/zoneinfo".into(),
            }));
            ("scratch".to_string(), w.final_scratch, "65532:65532")
        }
        FinalImage::Alpine => {
            lines.push(
                Line::new(Instruction::Run(Run {
                    mounts: Vec::new(),
                    commands: vec![
                        Command::new(["apk", "add", "--no-cache", "ca-certificates", "tzdata"]),
                        Command::new(["addgroup", "-S", "-g", "10001", "app"]),
                        Command::new([
                            "adduser",
                            "-S",
                            "-D",
                            "-H",
                            "-u",
                            "10001",
                            "-G",
                            "app",
                            "-s",
                            "/sbin/nologin",
                            "app",
                        ]),
                    ],
                }))
                .ignore("DL3018", w.apk_reason),
            );
            (ALPINE_IMAGE.to_string(), w.final_alpine, "10001:10001")
        }
    };
    lines.push(Line::new(Instruction::Copy {
        from: Some("build".into()),
        sources: vec![format!("/out/{}", r.binary)],
        dest: binary.clone(),
    }));
    lines.push(Line::new(Instruction::User(user.into())).comment(w.numeric_user));
    if let Some(port) = r.port {
        lines.push(Line::new(Instruction::Expose(port)));
    }
    lines.push(Line::new(Instruction::Entrypoint(vec![binary])).comment(w.entrypoint));
    Stage {
        comment: Some(comment.into()),
        image,
        platform: None,
        name: None,
        lines,
    }
}
