//! "Save into the project": a change that writes the chosen generated files into the module
//! directory, with a diff against each existing file. `History::apply` keeps the replaced bytes
//! in its journal (the backup), so undo restores them. Existing files that are symlinks, not
//! regular files, or not writable are refused, naming the file as the field.

use super::diff::unified;
use super::{FileDiff, Generated, SavePlan};
use crate::change::{Change, ChangeLine, FileWrite, LineKind, Summary};
use crate::{Error, Result};
use std::path::{Path, PathBuf};

/// Larger existing files are refused rather than diffed (a Dockerfile is a few KiB).
const EXISTING_LIMIT: u64 = 1 << 20;

pub fn plan_save(dir: &Path, generated: &Generated, paths: &[String]) -> Result<SavePlan> {
    if !dir.is_dir() {
        return Err(Error::invalid(
            "dir",
            format!("{} is not a directory", dir.display()),
        ));
    }
    if paths.is_empty() {
        return Err(Error::invalid("files", "choose at least one file to save"));
    }
    let mut targets = Vec::new();
    for path in paths {
        let file = generated
            .files
            .iter()
            .find(|f| &f.path == path)
            .ok_or_else(|| {
                Error::invalid(
                    "files",
                    format!("`{path}` is not one of the generated files"),
                )
            })?;
        targets.push((file, dir.join(&file.path)));
    }
    plan_writes(
        targets
            .iter()
            .map(|(f, target)| (f.path.as_str(), target.clone(), f.content.as_str())),
        dir,
    )
}

/// Plans writing `content` to each `(shown name, target)`; the summary names `dir`.
pub fn plan_writes<'a>(
    files: impl IntoIterator<Item = (&'a str, PathBuf, &'a str)>,
    dir: &Path,
) -> Result<SavePlan> {
    let mut diffs = Vec::new();
    let mut lines = Vec::new();
    let mut writes = Vec::new();
    let mut names = Vec::new();
    for (name, target, content) in files {
        let existing = existing_text(name, &target)?;
        diffs.push(FileDiff {
            path: name.to_string(),
            exists: existing.is_some(),
            diff: unified(name, existing.as_deref().unwrap_or(""), content),
        });
        lines.push(
            ChangeLine::new(LineKind::ProjectFile, name)
                .old(existing.as_ref().map(|t| line_count(t)))
                .new_value(Some(line_count(content))),
        );
        writes.push(FileWrite::config(target, content.as_bytes().to_vec()));
        names.push(name.to_string());
    }
    let mut change = Change::new(Summary::ProjectFilesSave {
        dir: dir.display().to_string(),
        files: names,
    })
    .with_lines(lines);
    for w in writes {
        change = change.with_write(w);
    }
    Ok(SavePlan { diffs, change })
}

fn line_count(text: &str) -> String {
    format!("{} lines", text.lines().count())
}

/// The existing file's text, or `None` when there is none; refuses what we must not replace.
fn existing_text(name: &str, target: &Path) -> Result<Option<String>> {
    let meta = match std::fs::symlink_metadata(target) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(Error::invalid(
                name,
                format!("cannot read {}: {e}", target.display()),
            ))
        }
    };
    if meta.file_type().is_symlink() {
        return Err(Error::invalid(
            name,
            format!("{} is a symbolic link; refusing to write through it (replace it with a regular file, or save elsewhere); nothing was written", target.display()),
        ));
    }
    if !meta.is_file() {
        return Err(Error::invalid(
            name,
            format!(
                "{} is not a regular file; nothing was written",
                target.display()
            ),
        ));
    }
    let writable = !meta.permissions().readonly()
        && std::fs::OpenOptions::new()
            .append(true)
            .open(target)
            .is_ok();
    if !writable {
        return Err(Error::invalid(
            name,
            format!("{} is not writable; nothing was written", target.display()),
        ));
    }
    let bytes = crate::atomic_file::read_capped(target, EXISTING_LIMIT)
        .map_err(|e| Error::invalid(name, e.message))?
        .unwrap_or_default();
    String::from_utf8(bytes).map(Some).map_err(|_| {
        Error::invalid(
            name,
            format!(
                "{} is not UTF-8 text; nothing was written",
                target.display()
            ),
        )
    })
}
