//! Changes cut short (the process killed between any two steps) and hostile journal files.

use super::*;
use crate::history::Interruption;

struct Case {
    dir: tempfile::TempDir,
    history: History,
}

fn case() -> Case {
    let dir = tempfile::tempdir().expect("tempdir");
    let history = History::at(dir.path().join("data"));
    Case { dir, history }
}

impl Case {
    fn path(&self, name: &str) -> std::path::PathBuf {
        self.dir.path().join(name)
    }

    fn journal_file(&self, id: &str, stage: Stage) -> std::path::PathBuf {
        self.history
            .entries_dir()
            .join(record::file_name(id, stage))
    }

    /// As if the process died after writing the files but before committing.
    fn uncommit(&self, id: &str) {
        std::fs::rename(
            self.journal_file(id, Stage::Committed),
            self.journal_file(id, Stage::Pending),
        )
        .expect("rename");
    }

    fn settle(&self) -> Vec<crate::history::Recovery> {
        drop(self.history.lock().expect("lock"));
        self.history.take_recovered()
    }

    fn only_entry(&self) -> HistoryEntry {
        let list = self.history.list().expect("list");
        assert!(list.unreadable.is_empty(), "{:?}", list.unreadable);
        assert_eq!(list.entries.len(), 1);
        list.entries[0].clone()
    }
}

#[test]
fn all_files_written_but_not_committed_is_finished() {
    let c = case();
    let file = c.path("env");
    let entry = apply(&c.history, "set", vec![write(&file, b"A=2\n")]);
    c.uncommit(&entry.id);
    let settled = c.settle();
    assert_eq!(settled.len(), 1);
    assert_eq!(settled[0].outcome, Interruption::Finished);
    let kept = c.only_entry();
    assert_eq!(kept.interrupted, Some(Interruption::Finished));
    assert_eq!(kept.undone_at_ms, None);
    c.history.undo(None).expect("still undoable");
    assert!(!file.exists());
}

#[test]
fn some_files_not_written_is_rolled_back() {
    let c = case();
    let (a, b) = (c.path("a"), c.path("b"));
    std::fs::write(&a, b"a-old").expect("seed");
    std::fs::write(&b, b"b-old").expect("seed");
    let entry = apply(
        &c.history,
        "two",
        vec![write(&a, b"a-new"), write(&b, b"b-new")],
    );
    // Killed after the first file was written.
    std::fs::write(&b, b"b-old").expect("b not written yet");
    c.uncommit(&entry.id);
    let settled = c.settle();
    assert_eq!(settled[0].outcome, Interruption::RolledBack);
    assert_eq!(std::fs::read(&a).expect("a"), b"a-old");
    assert_eq!(std::fs::read(&b).expect("b"), b"b-old");
    let kept = c.only_entry();
    assert!(kept.undone_at_ms.is_some(), "nothing left to undo");
    assert_eq!(
        c.history.undo(None).expect_err("nothing").code,
        ErrorCode::NothingToUndo
    );
    // The chain goes on: a new change applies and undoes.
    apply(&c.history, "again", vec![write(&a, b"a-3")]);
    c.history.undo(None).expect("undo");
    assert_eq!(std::fs::read(&a).expect("a"), b"a-old");
}

#[test]
fn an_undo_cut_short_is_completed() {
    for files_restored in [false, true] {
        let c = case();
        let file = c.path("env");
        std::fs::write(&file, b"A=1\n").expect("seed");
        let entry = apply(&c.history, "set", vec![write(&file, b"A=2\n")]);
        // The undo intent was recorded; the file maybe restored; then the process died.
        let committed = c.journal_file(&entry.id, Stage::Committed);
        let mut rec = record::read(&committed, &entry.id).expect("record");
        rec.entry.undone_at_ms = Some(1);
        record::write(&c.history.entries_dir(), &rec, Stage::Undoing).expect("intent");
        if files_restored {
            std::fs::write(&file, b"A=1\n").expect("restored");
        }
        let settled = c.settle();
        assert_eq!(settled[0].outcome, Interruption::UndoFinished);
        assert_eq!(std::fs::read(&file).expect("read"), b"A=1\n");
        let kept = c.only_entry();
        assert!(kept.undone_at_ms.is_some());
        assert!(!c.journal_file(&entry.id, Stage::Undoing).exists());
    }
}

#[test]
fn a_file_edited_meanwhile_is_left_as_is() {
    let c = case();
    let file = c.path("env");
    let entry = apply(&c.history, "set", vec![write(&file, b"A=2\n")]);
    std::fs::write(&file, b"A=by-hand\n").expect("edit");
    c.uncommit(&entry.id);
    assert_eq!(c.settle()[0].outcome, Interruption::LeftAsIs);
    assert_eq!(std::fs::read(&file).expect("read"), b"A=by-hand\n");
}

#[test]
fn temp_files_of_killed_writes_are_removed() {
    let c = case();
    let file = c.path("env");
    let entry = apply(&c.history, "set", vec![write(&file, b"A=2\n")]);
    c.uncommit(&entry.id);
    let stale = [
        c.path(".env.tmp-4242-1a"),
        c.history.entries_dir().join(".x.json.tmp-4242-2b"),
    ];
    for s in &stale {
        std::fs::write(s, b"half").expect("stale");
    }
    let unrelated = c.path(".other.tmp-1-1");
    std::fs::write(&unrelated, b"not ours").expect("unrelated");
    c.settle();
    assert!(stale.iter().all(|s| !s.exists()));
    assert!(unrelated.exists(), "only temp files of the journal's files");
}

#[test]
fn forged_ids_and_paths_never_become_paths() {
    let c = case();
    let file = c.path("env");
    let entry = apply(&c.history, "set", vec![write(&file, b"A=2\n")]);
    for id in [
        "../../../outside",
        "/tmp/abs",
        "zzzz-../../etc",
        "",
        "1-2-3",
    ] {
        let err = c.history.undo(Some(id)).expect_err(id);
        assert_eq!(err.code, ErrorCode::NothingToUndo, "{id}");
    }
    assert!(!c.dir.path().join("outside.json").exists());
    let dir = c.history.entries_dir();
    let committed = c.journal_file(&entry.id, Stage::Committed);
    let text = std::fs::read_to_string(&committed).expect("read");
    // A record whose id differs from its name, one with a relative path, one not JSON.
    let other_id = "00000000000001-0000001-0001";
    std::fs::write(
        dir.join(record::file_name(other_id, Stage::Committed)),
        text.replace(&entry.id, "../../../outside"),
    )
    .expect("forge");
    let relative_id = "00000000000002-0000001-0001";
    std::fs::write(
        dir.join(record::file_name(relative_id, Stage::Committed)),
        text.replace(&entry.id, relative_id)
            .replace(&file.display().to_string(), "../../escape"),
    )
    .expect("forge");
    std::fs::write(dir.join("not-an-id.json"), b"{}").expect("forge");
    let list = c.history.list().expect("list");
    assert_eq!(list.entries.len(), 1, "{:?}", list.entries);
    assert_eq!(list.unreadable.len(), 3, "{:?}", list.unreadable);
    assert_eq!(
        c.history.undo(Some(relative_id)).expect_err("forged").code,
        ErrorCode::NothingToUndo
    );
    c.history.undo(None).expect("the real entry still undoes");
    assert!(!c.dir.path().join("escape").exists());
}

#[cfg(unix)]
#[test]
fn a_fifo_in_the_journal_is_unreadable_not_a_hang() {
    let c = case();
    apply(&c.history, "set", vec![write(&c.path("env"), b"A=2\n")]);
    let fifo = c.history.entries_dir().join(record::file_name(
        "00000000000003-0000001-0001",
        Stage::Committed,
    ));
    let status = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(status.success());
    let list = c.history.list().expect("list");
    assert_eq!(list.entries.len(), 1);
    assert_eq!(list.unreadable.len(), 1);
}

#[test]
fn format_1_records_are_scrubbed_of_secrets() {
    let c = case();
    let netrc = c.path("netrc");
    let after = b"machine h login u password pw-after\n";
    std::fs::write(&netrc, after).expect("seed");
    let dir = c.history.entries_dir();
    std::fs::create_dir_all(&dir).expect("mkdir");
    let id = "01733328000000-0000001-0001";
    let old = serde_json::json!({
        "format": 1,
        "id": id,
        "time_ms": 1,
        "summary": "token: store",
        "parts": [{"kind": "file", "path": netrc.display().to_string()}],
        "changes": [{"key": "machine h"}],
        "restore": [{
            "kind": "file",
            "path": netrc.display().to_string(),
            "before": record::encode(b"machine h login u password pw-before\n"),
            "after_sha256": record::sha256_hex(after),
            "private": true
        }]
    });
    std::fs::write(
        dir.join(record::file_name(id, Stage::Committed)),
        serde_json::to_vec(&old).expect("json"),
    )
    .expect("write");
    let listed = c.only_entry();
    assert_eq!(listed.summary, Summary::Legacy("token: store".into()));
    let journal = journal_text(&c.history);
    assert!(
        !journal.contains("pw-before") && !journal.contains("pw-after"),
        "{journal}"
    );
    // Undo still works: the entry is restored without the token it replaced.
    c.history.undo(None).expect("undo");
    assert_eq!(
        std::fs::read_to_string(&netrc).expect("read"),
        "machine h login u password pw-after\n"
    );
}
