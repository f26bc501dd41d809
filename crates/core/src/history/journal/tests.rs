use super::*;

fn write(path: &Path, bytes: &[u8]) -> FileWrite {
    FileWrite {
        path: path.to_path_buf(),
        bytes: Some(bytes.to_vec()),
    }
}

#[test]
fn undo_restores_exact_bytes_several_steps_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let history = History::at(dir.path().join("data"));
    let file = dir.path().join("env");
    let other = dir.path().join("other");
    std::fs::write(&file, b"A=1\r\n# keep\n").expect("seed");
    for (i, bytes) in [b"A=2\n".as_slice(), b"A=3\n"].iter().enumerate() {
        let lock = history.lock().expect("lock");
        let writes = if i == 0 {
            vec![write(&file, bytes), write(&other, b"x")]
        } else {
            vec![write(&file, bytes)]
        };
        history
            .apply_files(&lock, format!("step {i}"), vec![], writes)
            .expect("apply");
    }
    assert_eq!(history.list().expect("list").len(), 2);
    let undone = history.undo(None).expect("undo newest");
    assert_eq!(undone.summary, "step 1");
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
    let all = history.list().expect("list");
    assert!(all.iter().all(|e| e.undone_at_ms.is_some()));
    assert_eq!(
        history.undo(Some(&all[0].id)).expect_err("twice").code,
        ErrorCode::NothingToUndo
    );
}

#[cfg(unix)]
#[test]
fn private_files_and_records_are_user_only() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
    let dir = tempfile::tempdir().expect("tempdir");
    let history = History::at(dir.path().join("data"));
    let file = dir.path().join("netrc");
    let lock = history.lock().expect("lock");
    history
        .apply_private_files(&lock, "add".into(), vec![], vec![write(&file, b"x")])
        .expect("apply");
    drop(lock);
    assert_eq!(mode(&file), 0o600);
    let records = history.entries_dir();
    assert_eq!(mode(&records), 0o700);
    for e in std::fs::read_dir(&records).expect("ls") {
        assert_eq!(mode(&e.expect("entry").path()), 0o600);
    }
    std::fs::write(&file, b"x").expect("same bytes");
    history.undo(None).expect("undo");
    assert!(!file.exists());
}

#[test]
fn undo_refuses_when_the_file_changed_since() {
    let dir = tempfile::tempdir().expect("tempdir");
    let history = History::at(dir.path().join("data"));
    let file = dir.path().join("env");
    let lock = history.lock().expect("lock");
    let entry = history
        .apply_files(&lock, "set".into(), vec![], vec![write(&file, b"A=1\n")])
        .expect("apply");
    drop(lock);
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
        .apply_files(
            &lock,
            "two".into(),
            vec![],
            vec![write(&good, b"new"), write(&blocked, b"x")],
        )
        .expect_err("second part fails");
    assert_eq!(err.code, ErrorCode::NotAFile);
    assert_eq!(std::fs::read(&good).expect("read"), b"old");
    assert!(history.list().expect("list").is_empty());
}
