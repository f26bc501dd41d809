//! The Dockerfile and CI snippets for the user's own Go module: a typed model of the Dockerfile
//! (stages, instructions, mounts, args) rendered to text, the files beside it (`.dockerignore`,
//! compose, GitHub Actions, GitLab CI), the build command, and "Save into the project" as a
//! change `History::apply` records. Facts behind each line: docs/dockerfile.md.
//!
//! One function per action, each taking and returning serde types, so a Tauri command is a
//! one-line wrapper: [`inspect`], [`generate`], [`plan_save`].

mod beside;
pub mod build;
mod ci;
mod diff;
pub mod engine_config;
mod go_image;
mod model;
mod project;
mod resolve;
mod save;
mod words;
mod writer;

pub use beside::build_command as build_command_for;
pub use resolve::{parse_platforms, Platform};

use crate::context::Context;
use crate::Result;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;
use ts_rs::TS;

/// The final image the binary runs in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FinalImage {
    /// `gcr.io/distroless/static-debian12:nonroot` (`base-debian12` with CGO), user 65532.
    #[default]
    Distroless,
    /// `scratch` with CA certificates copied in and the numeric user 65532.
    Scratch,
    /// A pinned `alpine` with ca-certificates, tzdata and a non-root user (UID 10001).
    Alpine,
}

/// The language of the comments written into the generated files (the UI's language).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum CommentLanguage {
    #[default]
    #[serde(rename = "en")]
    En,
    #[serde(rename = "zh-CN")]
    ZhCn,
}

/// Module-download settings written as `ARG` defaults. `None` takes the effective value from
/// the current configuration (the command's [`Context`]); `Some("")` writes an empty default.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "UPPERCASE")]
#[ts(export)]
pub struct GoSettings {
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goproxy: Option<String>,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gosumdb: Option<String>,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goprivate: Option<String>,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gonoproxy: Option<String>,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gonosumdb: Option<String>,
}

impl GoSettings {
    /// The value given for `key` (`GOPROXY`...), if any.
    pub fn get(&self, key: &str) -> Option<&str> {
        match key {
            "GOPROXY" => self.goproxy.as_deref(),
            "GOSUMDB" => self.gosumdb.as_deref(),
            "GOPRIVATE" => self.goprivate.as_deref(),
            "GONOPROXY" => self.gonoproxy.as_deref(),
            "GONOSUMDB" => self.gonosumdb.as_deref(),
            _ => None,
        }
    }
}

/// What the user chose (the Docker page's left side, the CLI's flags). Every field has a
/// default taken from the project (go.mod, `cmd/*`, `vendor/`) or the current configuration.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct DockerfileOptions {
    /// Go version of the builder image (`1.24`, `1.24.3`); default: the minor release of the
    /// go.mod's `toolchain` (else `go`) line, at least 1.21, so the image's `GOTOOLCHAIN=local`
    /// satisfies it.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub go: Option<String>,
    /// CGO on: a C toolchain in the builder (`xx` when cross-building), a libc in the final image.
    pub cgo: bool,
    /// Target platforms (`linux/amd64`, `linux/arm64/v8`); empty: the builder's own.
    pub platforms: Vec<String>,
    pub final_image: FinalImage,
    /// Vendor mode (no download step, `-mod=vendor`); `None`: on when `vendor/` exists.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vendor: Option<bool>,
    /// Main package, relative to the module root (`./cmd/server`, `.`); default: the only one,
    /// else the first of `cmd/*`.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub main: Option<String>,
    /// Port to `EXPOSE` (1-65535).
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub port: Option<u32>,
    /// Fetch private repositories over SSH (`--mount=type=ssh` + git insteadOf) besides the netrc.
    pub ssh: bool,
    /// Extra `-ldflags` for `go build` (`-s -w -X main.version=1.0`).
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ldflags: Option<String>,
    /// GOPROXY, GOSUMDB, GOPRIVATE, GONOPROXY, GONOSUMDB defaults.
    pub settings: GoSettings,
    pub language: CommentLanguage,
}

/// What [`inspect`] read from the project: go.mod, its main packages, `vendor/`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProjectInfo {
    /// The module directory as given.
    pub dir: String,
    /// The `module` line.
    pub module_path: String,
    /// The `go` line (`1.24`, `1.24.0`); Go 1.16 when absent, as the go command assumes.
    pub go_line: String,
    /// The `toolchain` line without its `go` prefix (`1.24.3`), if any.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub toolchain: Option<String>,
    /// Packages named `main`, relative to the module root: `.` and `./cmd/<name>`.
    pub main_packages: Vec<String>,
    pub has_vendor: bool,
    pub has_go_sum: bool,
}

/// One generated file: its path relative to the project root and its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct GeneratedFile {
    pub path: String,
    pub content: String,
}

/// Something the user should know about the generated files; the UI words it by code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum WarningCode {
    /// The project has no go.sum: the download step binds go.mod only (`go mod tidy` first).
    NoGoSum,
    /// Several main packages; `main` names the one built (`others` lists the rest).
    SeveralMainPackages,
    /// Credentials in a setting's URL were left out; the build passes them as a secret.
    CredentialsRemoved,
    /// GOSUMDB=off: downloaded modules are not checked against the checksum database.
    GosumdbOff,
    /// Private modules (GOPRIVATE/GONOPROXY set): the build needs `--secret id=netrc`.
    PrivateNeedsSecret,
    /// CGO with a final image without the build's libc (scratch, alpine): the binary may not start.
    CgoFinalImageLibc,
    /// Several platforms: needs `docker buildx` with a builder that can export them all.
    MultiPlatformBuilder,
    /// Kept for the Docker page's words: asking for vendor mode without `vendor/` is now an
    /// error naming the field `vendor`, so the generator does not emit this code.
    VendorMissing,
}

/// A warning: a code, the values to fill in, and one English sentence for the CLI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct GenerationWarning {
    pub code: WarningCode,
    pub params: BTreeMap<String, String>,
    pub message: String,
}

/// The result of [`generate`]: the files, the exact build command, warnings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Generated {
    /// `Dockerfile`, `.dockerignore`, `compose.yaml`, `.github/workflows/docker.yml`,
    /// `.gitlab-ci.yml` (in that order).
    pub files: Vec<GeneratedFile>,
    /// The `docker build` / `docker buildx build` command line, secret passed with `--secret`.
    pub build_command: String,
    pub warnings: Vec<GenerationWarning>,
}

/// Reads the project at `dir`: go.mod (module, `go`, `toolchain`), main packages, `vendor/`.
/// Errors name the field: `dir` (no such directory, no go.mod), `go.mod` (does not parse).
pub fn inspect(dir: &Path) -> Result<ProjectInfo> {
    project::inspect(dir)
}

/// The generated files' paths, in the order of [`Generated::files`].
pub const DOCKERFILE: &str = "Dockerfile";
pub const DOCKERIGNORE: &str = ".dockerignore";
pub const COMPOSE: &str = "compose.yaml";
pub const GITHUB_WORKFLOW: &str = ".github/workflows/docker.yml";
pub const GITLAB_CI: &str = ".gitlab-ci.yml";

/// Generates every file for the project at `dir` with `options`; settings left `None` take
/// the effective values from `ctx`. Writes nothing.
pub fn generate(ctx: &Context, dir: &Path, options: &DockerfileOptions) -> Result<Generated> {
    let project = inspect(dir)?;
    generate_for(dir, &project, options, &|key| {
        ctx.setting(key).map(str::to_string)
    })
}

/// [`generate`] for an inspected project, with `effective(KEY)` giving the current value of a
/// setting the options leave open.
pub fn generate_for(
    dir: &Path,
    project: &ProjectInfo,
    options: &DockerfileOptions,
    effective: &dyn Fn(&str) -> Option<String>,
) -> Result<Generated> {
    let r = resolve::resolve(dir, project, options, effective)?;
    let tag = beside::image_name(&r);
    Ok(Generated {
        files: vec![
            GeneratedFile {
                path: DOCKERFILE.into(),
                content: writer::dockerfile(&r).render(),
            },
            GeneratedFile {
                path: DOCKERIGNORE.into(),
                content: beside::dockerignore(&r),
            },
            GeneratedFile {
                path: COMPOSE.into(),
                content: beside::compose(&r),
            },
            GeneratedFile {
                path: GITHUB_WORKFLOW.into(),
                content: ci::github(&r),
            },
            GeneratedFile {
                path: GITLAB_CI.into(),
                content: ci::gitlab(&r),
            },
        ],
        build_command: beside::build_command(&r, "$HOME/.netrc", &tag),
        warnings: r.warnings,
    })
}

/// How one file of a save compares with what is on disk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FileDiff {
    /// Path relative to the project root.
    pub path: String,
    /// The file exists (it is backed up in History and replaced).
    pub exists: bool,
    /// Unified diff of the existing file against the new text (empty when identical).
    pub diff: String,
}

/// "Save into the project", planned: what the user reviews, and the change to hand to
/// `History::apply` (undoable; the replaced files are kept as the backup).
#[derive(Debug, Clone)]
pub struct SavePlan {
    pub diffs: Vec<FileDiff>,
    pub change: crate::change::Change,
}

/// Plans writing `paths` (of `generated.files`) into the project at `dir`. Refuses, naming the
/// file as the field, an existing file that is a symlink, not a regular file or not writable.
pub fn plan_save(dir: &Path, generated: &Generated, paths: &[String]) -> Result<SavePlan> {
    save::plan_save(dir, generated, paths)
}

/// Plans writing `content` to `target` (the CLI's `--out FILE`), with the same refusals.
pub fn plan_write(target: &Path, content: &str) -> Result<SavePlan> {
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = target.display().to_string();
    save::plan_writes([(name.as_str(), target.to_path_buf(), content)], dir)
}
