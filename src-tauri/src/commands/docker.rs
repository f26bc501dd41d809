//! The Docker page: the project's go.mod read, the Dockerfile and CI snippets generated on every
//! option change, and "Save into the project" planned (each file compared with what is on disk)
//! then applied through History, so the replaced files are kept and undo restores them. Saving
//! generates again from the same options, so what is written is what Rust generated, not text
//! sent back by the page.

use goproxy_core::change::ChangePreview;
use goproxy_core::dockerfile::{self, DockerfileOptions, FileDiff, Generated, ProjectInfo};
use goproxy_core::history::{Applied, History};
use goproxy_core::Result;
use serde::Serialize;
use std::path::PathBuf;

/// The files "Save into the project" writes: the ones a build reads (the CI snippets are for
/// copying into the team's own pipelines).
const SAVED_FILES: [&str; 2] = ["Dockerfile", ".dockerignore"];

/// What go.mod says about the module in `dir`: module path, `go`/`toolchain` lines, main
/// packages, `vendor/`. Errors name the field (`dir`, `go.mod`).
#[tauri::command]
pub async fn inspect_docker_project(dir: String) -> Result<ProjectInfo> {
    super::blocking(move || dockerfile::inspect(&PathBuf::from(dir))).await
}

/// Every file for the project with `options`; settings left empty take the current values.
/// Writes nothing.
#[tauri::command]
pub async fn generate_dockerfile(dir: String, options: DockerfileOptions) -> Result<Generated> {
    super::in_context(move |ctx| dockerfile::generate(ctx, &PathBuf::from(dir), &options)).await
}

/// "Save into the project" as the user reviews it.
#[derive(Debug, Serialize)]
pub struct SavePreview {
    preview: ChangePreview,
    diffs: Vec<FileDiff>,
}

/// Plans writing the Dockerfile and .dockerignore into `dir`: the change and each file's
/// differences. Writes nothing.
#[tauri::command]
pub async fn plan_dockerfile_save(dir: String, options: DockerfileOptions) -> Result<SavePreview> {
    super::in_context(move |ctx| {
        let dir = PathBuf::from(dir);
        let generated = dockerfile::generate(ctx, &dir, &options)?;
        let plan = dockerfile::plan_save(&dir, &generated, &saved_files())?;
        Ok(SavePreview {
            preview: plan.change.preview(),
            diffs: plan.diffs,
        })
    })
    .await
}

/// Writes them, planned again under the history lock (undoable; replaced files kept in History).
#[tauri::command]
pub async fn apply_dockerfile_save(dir: String, options: DockerfileOptions) -> Result<Applied> {
    super::in_context(move |ctx| {
        let dir = PathBuf::from(dir);
        let history = History::open(ctx.env())?;
        let lock = history.lock()?;
        let generated = dockerfile::generate(ctx, &dir, &options)?;
        let plan = dockerfile::plan_save(&dir, &generated, &saved_files())?;
        history.apply(&lock, plan.change)
    })
    .await
}

fn saved_files() -> Vec<String> {
    SAVED_FILES.iter().map(|f| f.to_string()).collect()
}
