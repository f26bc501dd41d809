//! `goproxy-assistant dockerfile [...]` and `goproxy-assistant ci-snippet github|gitlab|compose`:
//! the generated Dockerfile (or one snippet) on stdout; `--out FILE` writes the Dockerfile
//! through History (undoable, the replaced file kept). Words and flags: docs/cli.md.

use crate::output::Output;
use clap::{Args, ValueEnum};
use goproxy_core::context::Context;
use goproxy_core::dockerfile::{
    self, DockerfileOptions, FileDiff, FinalImage, Generated, GeneratedFile,
};
use goproxy_core::history::{Applied, History};
use goproxy_core::{Error, Result};
use serde::Serialize;
use std::path::PathBuf;

#[derive(Clone, Copy, ValueEnum)]
pub enum FinalArg {
    Distroless,
    Scratch,
    Alpine,
}

#[derive(Args)]
pub struct DockerfileArgs {
    /// The Go module directory (default: the current directory).
    #[arg(long, value_name = "DIR")]
    dir: Option<PathBuf>,
    /// Go version of the builder image (1.24 or 1.24.3); default from go.mod.
    #[arg(long = "go", value_name = "VER")]
    go_version: Option<String>,
    /// Build with CGO (a C toolchain; xx for cross builds).
    #[arg(long)]
    cgo: bool,
    /// Target platforms, comma-separated (linux/amd64,linux/arm64).
    #[arg(long, value_name = "P,...", value_delimiter = ',')]
    platform: Vec<String>,
    /// The final image.
    #[arg(long = "final", value_enum, value_name = "distroless|scratch|alpine")]
    final_image: Option<FinalArg>,
    /// Vendor mode: no download step, go build -mod=vendor.
    #[arg(long)]
    vendor: bool,
    /// The main package to build (./cmd/server); default: the only one, else the first.
    #[arg(long, value_name = "PKG")]
    main: Option<String>,
    /// Port to EXPOSE.
    #[arg(long, value_name = "N")]
    port: Option<u32>,
    /// Fetch private repositories over SSH (--mount=type=ssh) too.
    #[arg(long)]
    ssh: bool,
    /// Extra -ldflags for go build.
    #[arg(long, value_name = "FLAGS", allow_hyphen_values = true)]
    ldflags: Option<String>,
    /// Comment language: en or zh-CN.
    #[arg(long, value_name = "LANG")]
    lang: Option<String>,
    /// Write the Dockerfile to FILE (undoable) instead of printing it.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum SnippetKind {
    Github,
    Gitlab,
    Compose,
}

#[derive(Args)]
pub struct CiSnippetArgs {
    /// Which snippet.
    #[arg(value_enum)]
    kind: SnippetKind,
    /// The Go module directory (default: the current directory).
    #[arg(long, value_name = "DIR")]
    dir: Option<PathBuf>,
}

/// `--out`: where the Dockerfile went, its diff against what was there, the History entry.
#[derive(Serialize)]
struct Saved<'a> {
    #[serde(flatten)]
    generated: &'a Generated,
    saved: FileDiff,
    applied: Applied,
}

fn options(args: &DockerfileArgs) -> Result<DockerfileOptions> {
    let language = match args.lang.as_deref() {
        None | Some("en") => dockerfile::CommentLanguage::En,
        Some("zh-CN") => dockerfile::CommentLanguage::ZhCn,
        Some(other) => {
            return Err(Error::invalid(
                "--lang",
                format!("`{other}` is not a language here: use en or zh-CN"),
            ))
        }
    };
    Ok(DockerfileOptions {
        go: args.go_version.clone(),
        cgo: args.cgo,
        platforms: args.platform.clone(),
        final_image: match args.final_image {
            None | Some(FinalArg::Distroless) => FinalImage::Distroless,
            Some(FinalArg::Scratch) => FinalImage::Scratch,
            Some(FinalArg::Alpine) => FinalImage::Alpine,
        },
        // Without the flag: vendor mode when vendor/ exists.
        vendor: args.vendor.then_some(true),
        main: args.main.clone(),
        port: args.port,
        ssh: args.ssh,
        ldflags: args.ldflags.clone(),
        settings: Default::default(),
        language,
    })
}

fn project_dir(dir: &Option<PathBuf>) -> PathBuf {
    dir.clone().unwrap_or_else(|| PathBuf::from("."))
}

fn file<'a>(generated: &'a Generated, path: &str) -> Result<&'a GeneratedFile> {
    generated
        .files
        .iter()
        .find(|f| f.path == path)
        .ok_or_else(|| Error::invalid("files", format!("{path} was not generated")))
}

fn print_warnings(generated: &Generated) {
    for w in &generated.warnings {
        eprintln!("warning: {}", crate::output::shown(&w.message));
    }
}

pub fn run(ctx: &Context, out: &Output, args: DockerfileArgs) -> Result<()> {
    let opts = options(&args)?;
    let generated = dockerfile::generate(ctx, &project_dir(&args.dir), &opts)?;
    let Some(target) = &args.out else {
        out.print(&generated, |g| {
            if let Ok(f) = file(g, dockerfile::DOCKERFILE) {
                print!("{}", f.content);
            }
            print_warnings(g);
            eprintln!("build with: {}", g.build_command);
        });
        return Ok(());
    };
    let content = &file(&generated, dockerfile::DOCKERFILE)?.content;
    let history = History::open(ctx.env())?;
    let lock = history.lock()?;
    // Planned under the lock, so nothing changes the file between the check and the write.
    // Its refusals (a symlink, not a regular file, not writable) are about the flag's file.
    let plan = dockerfile::plan_write(target, content).map_err(|e| e.with_field("--out"))?;
    let saved = plan
        .diffs
        .into_iter()
        .next()
        .ok_or_else(|| Error::invalid("--out", "nothing to write"))?;
    let applied = history.apply(&lock, plan.change)?;
    out.print(
        &Saved {
            generated: &generated,
            saved,
            applied,
        },
        |s| {
            if s.saved.diff.is_empty() {
                println!(
                    "{} already has this Dockerfile; nothing written",
                    target.display()
                );
            } else {
                print!("{}", s.saved.diff);
                println!("wrote {}", target.display());
            }
            print_warnings(s.generated);
            println!("build with: {}", s.generated.build_command);
            super::env::print_undo_hint(&s.applied);
        },
    );
    Ok(())
}

pub fn run_snippet(ctx: &Context, out: &Output, args: CiSnippetArgs) -> Result<()> {
    let generated =
        dockerfile::generate(ctx, &project_dir(&args.dir), &DockerfileOptions::default())?;
    let path = match args.kind {
        SnippetKind::Github => dockerfile::GITHUB_WORKFLOW,
        SnippetKind::Gitlab => dockerfile::GITLAB_CI,
        SnippetKind::Compose => dockerfile::COMPOSE,
    };
    let snippet = Generated {
        files: vec![file(&generated, path)?.clone()],
        build_command: generated.build_command.clone(),
        warnings: generated.warnings.clone(),
    };
    out.print(&snippet, |s| {
        for f in &s.files {
            println!("# {}", f.path);
            print!("{}", f.content);
        }
        print_warnings(s);
    });
    Ok(())
}
