use super::*;
use crate::change::{ChangeLine, LineKind, Summary};
use crate::ErrorCode;
use std::path::Path;

mod interrupted;

pub(super) fn change(summary: &str, writes: Vec<FileWrite>) -> Change {
    let mut c = Change::new(Summary::Legacy(summary.into()))
        .with_lines([ChangeLine::new(LineKind::GoEnv, "A")]);
    for w in writes {
        c = c.with_write(w);
    }
    c
}

pub(super) fn write(path: &Path, bytes: &[u8]) -> FileWrite {
    FileWrite::config(path.to_path_buf(), bytes.to_vec())
}

pub(super) fn recorded(applied: Applied) -> HistoryEntry {
    match applied {
        Applied::Recorded(entry) => entry,
        Applied::Unchanged { .. } => panic!("expected a recorded change"),
    }
}

pub(super) fn apply(history: &History, summary: &str, writes: Vec<FileWrite>) -> HistoryEntry {
    let lock = history.lock().expect("lock");
    recorded(
        history
            .apply(&lock, change(summary, writes))
            .expect("apply"),
    )
}

/// Every journal file's text, with each stored `before` decoded: what a secret scan must read.
pub(super) fn journal_text(history: &History) -> String {
    let mut out = String::new();
    for e in std::fs::read_dir(history.entries_dir()).expect("ls") {
        let text = std::fs::read_to_string(e.expect("entry").path()).unwrap_or_default();
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(&text) {
            for part in v["restore"].as_array().into_iter().flatten() {
                if let Some(b) = part["before"].as_str() {
                    let bytes = record::decode(b).expect("base64");
                    out.push_str(&String::from_utf8_lossy(&bytes));
                }
            }
        }
        out.push_str(&text);
    }
    out
}

#[test]
fn undo_restores_exact_bytes_several_steps_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let history = History::at(dir.path().join("data"));
    let file = dir.path().join("env");
    let other = dir.path().join("other");
    std::fs::write(&file, b"A=1\r\n# keep\n").expect("seed");
    apply(
        &history,
        "step 0",
        vec![write(&file, b"A=2\n"), write(&other, b"x")],
    );
    apply(&history, "step 1", vec![write(&file, b"A=3\n")]);
    assert_eq!(history.list().expect("list").entries.len(), 2);
    let undone = history.undo(None).expect("undo newest");
    assert_eq!(undone.summary.text(), "step 1");
    assert_eq!(std::fs::read(&file).expect("read"), b"A=2\n");
    history.undo(None).expect("undo second");
    assert_eq!(std::fs::read(&file).expect("read"), b"A=1\r\n# keep\n");
    assert!(
        !other.exists(),
        "a file the change created is removed again"
    );
    assert_eq!(
        history.undo(None).expect_err("empty").code,
        ErrorCode::NothingToUndo
    );
    let all = history.list().expect("list").entries;
    assert!(all.iter().all(|e| e.undone_at_ms.is_some()));
    assert_eq!(
        history.undo(Some(&all[0].id)).expect_err("twice").code,
        ErrorCode::NothingToUndo
    );
}

#[test]
fn nothing_to_do_is_its_own_result_and_records_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let history = History::at(dir.path().join("data"));
    let file = dir.path().join("env");
    std::fs::write(&file, b"A=1\n").expect("seed");
    let lock = history.lock().expect("lock");
    let applied = history
        .apply(&lock, change("same", vec![write(&file, b"A=1\n")]))
        .expect("apply");
    assert_eq!(
        applied,
        Applied::Unchanged {
            summary: Summary::Legacy("same".into())
        }
    );
    drop(lock);
    assert!(history.list().expect("list").entries.is_empty());
}

#[cfg(unix)]
#[test]
fn netrc_files_and_records_are_user_only_and_keep_no_password() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
    let dir = tempfile::tempdir().expect("tempdir");
    let history = History::at(dir.path().join("data"));
    let file = dir.path().join("netrc");
    std::fs::write(&file, b"machine other login bob password unrelated-pw\n").expect("seed");
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    let add = b"machine other login bob password unrelated-pw\nmachine h login a password new-pw\n";
    let entry = apply(
        &history,
        "add",
        vec![FileWrite::netrc(file.clone(), add.to_vec())],
    );
    let records = history.entries_dir();
    assert_eq!(mode(&records), 0o700);
    for e in std::fs::read_dir(&records).expect("ls") {
        assert_eq!(mode(&e.expect("entry").path()), 0o600);
    }
    let journal = journal_text(&history);
    assert!(
        !journal.contains("unrelated-pw") && !journal.contains("new-pw"),
        "{journal}"
    );
    history.undo(Some(&entry.id)).expect("undo");
    assert_eq!(
        std::fs::read(&file).expect("read"),
        b"machine other login bob password unrelated-pw\n",
        "the untouched password comes back from the file itself"
    );
}

#[test]
fn undo_refuses_when_the_file_changed_since() {
    let dir = tempfile::tempdir().expect("tempdir");
    let history = History::at(dir.path().join("data"));
    let file = dir.path().join("env");
    let entry = apply(&history, "set", vec![write(&file, b"A=1\n")]);
    std::fs::write(&file, b"A=edited\n").expect("hand edit");
    let err = history.undo(Some(&entry.id)).expect_err("conflict");
    assert_eq!(err.code, ErrorCode::Conflict);
    assert_eq!(
        std::fs::read(&file).expect("read"),
        b"A=edited\n",
        "nothing lost"
    );
}

#[test]
fn failed_write_puts_earlier_parts_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let history = History::at(dir.path().join("data"));
    let good = dir.path().join("good");
    std::fs::write(&good, b"old").expect("seed");
    let blocked = dir.path().join("blocked");
    std::fs::create_dir(&blocked).expect("a directory where a file should be");
    let lock = history.lock().expect("lock");
    let err = history
        .apply(
            &lock,
            change("two", vec![write(&good, b"new"), write(&blocked, b"x")]),
        )
        .expect_err("second part fails");
    assert_eq!(err.code, ErrorCode::NotAFile);
    drop(lock);
    assert_eq!(std::fs::read(&good).expect("read"), b"old");
    let listed = history.list().expect("list");
    assert!(listed.entries.is_empty() && listed.unreadable.is_empty());
}

#[test]
fn composed_changes_undo_as_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let history = History::at(dir.path().join("data"));
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let both = Change::compose(
        Summary::Legacy("both".into()),
        vec![
            change("a", vec![write(&a, b"1")]),
            change("b", vec![write(&b, b"2")]),
        ],
    )
    .expect("compose");
    let lock = history.lock().expect("lock");
    let entry = recorded(history.apply(&lock, both).expect("apply"));
    drop(lock);
    assert_eq!(entry.parts.len(), 2);
    history.undo(None).expect("undo");
    assert!(!a.exists() && !b.exists());
    let same_file = Change::compose(
        Summary::Legacy("twice".into()),
        vec![
            change("a", vec![write(&a, b"1")]),
            change("a", vec![write(&a, b"2")]),
        ],
    );
    assert!(same_file.is_err());
}
