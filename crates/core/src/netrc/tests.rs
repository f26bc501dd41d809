use super::*;

struct Case {
    _dir: tempfile::TempDir,
    env: SysEnv,
    netrc: PathBuf,
    history: History,
}

fn case() -> Case {
    let dir = tempfile::tempdir().expect("tempdir");
    let home = dir.path().join("home");
    std::fs::create_dir_all(&home).expect("mkdir");
    let netrc = home.join(".netrc");
    let env = SysEnv::from_vars([
        ("HOME", home.display().to_string()),
        ("NETRC", netrc.display().to_string()),
    ]);
    let history = History::open(&env).expect("history");
    Case {
        _dir: dir,
        env,
        netrc,
        history,
    }
}

#[test]
fn machines_for_ports() {
    assert_eq!(machines_for("h.example"), vec!["h.example"]);
    assert_eq!(
        machines_for("h.example:8443"),
        vec!["h.example:8443", "h.example"]
    );
}

#[cfg(unix)]
#[test]
fn creates_0600_writes_both_forms_and_undoes() {
    use std::os::unix::fs::PermissionsExt;
    let c = case();
    let token = Secret::new("tok-123");
    let entry = set_credential(&c.env, &c.history, "h.example:8443", "alice", &token).expect("set");
    let text = std::fs::read_to_string(&c.netrc).expect("read");
    assert_eq!(
        text,
        "machine h.example:8443 login alice password tok-123\nmachine h.example login alice password tok-123\n"
    );
    let mode = std::fs::metadata(&c.netrc)
        .expect("meta")
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o600);
    let shown = serde_json::to_string(&entry).expect("json");
    assert!(!shown.contains("tok-123"), "{shown}");
    let st = status(&c.env).expect("status");
    assert!(!st.loose_mode);
    assert_eq!(st.machines.len(), 2);
    assert!(!serde_json::to_string(&st)
        .expect("json")
        .contains("tok-123"));
    assert_eq!(
        lookup(&c.env, "h.example:8443")
            .expect("lookup")
            .map(|(u, s)| (u, s.expose().to_string())),
        Some(("alice".into(), "tok-123".into()))
    );
    c.history.undo(None).expect("undo");
    assert!(!c.netrc.exists());
}

#[cfg(unix)]
#[test]
fn loose_mode_reported_and_fixed() {
    use std::os::unix::fs::PermissionsExt;
    let c = case();
    std::fs::write(&c.netrc, "machine a login b password c\n").expect("write");
    std::fs::set_permissions(&c.netrc, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    assert!(status(&c.env).expect("status").loose_mode);
    let fixed = fix_mode(&c.env).expect("fix");
    assert!(!fixed.loose_mode);
    assert_eq!(fixed.mode.as_deref(), Some("600"));
}

#[test]
fn update_and_remove_keep_other_bytes() {
    let c = case();
    let before = "# keep me\nmachine other login o password p\n\nmachine h.example login old password old\ndefault\n";
    std::fs::write(&c.netrc, before).expect("write");
    set_credential(
        &c.env,
        &c.history,
        "h.example",
        "alice",
        &Secret::new("new"),
    )
    .expect("set");
    assert_eq!(
        std::fs::read_to_string(&c.netrc).expect("read"),
        before.replace("login old password old", "login alice password new")
    );
    remove_credential(&c.env, &c.history, "h.example").expect("remove");
    assert_eq!(
        std::fs::read_to_string(&c.netrc).expect("read"),
        "# keep me\nmachine other login o password p\n\ndefault\n"
    );
    c.history.undo(None).expect("undo remove");
    c.history.undo(None).expect("undo set");
    // Every other byte comes back; the password the change replaced does not: the journal
    // keeps no secret, so it was kept nowhere (the same rule as for a replaced keychain token).
    assert_eq!(
        std::fs::read_to_string(&c.netrc).expect("read"),
        before.replace("login old password old", "login old ")
    );
}

#[test]
fn refuses_bad_values_and_files_without_writing() {
    let c = case();
    for (login, token) in [
        ("a b", "t"),
        ("alice", "t\nmachine evil"),
        ("alice", ""),
        ("alice", "\"q"),
    ] {
        let err = set_credential(&c.env, &c.history, "h.example", login, &Secret::new(token))
            .expect_err("bad value");
        assert!(!err.message.contains("evil"));
        assert!(!c.netrc.exists());
    }
    // A directory where the file should be.
    std::fs::create_dir(&c.netrc).expect("mkdir");
    let err = set_credential(&c.env, &c.history, "h.example", "alice", &Secret::new("t"))
        .expect_err("dir");
    assert_eq!(err.code, ErrorCode::NotAFile);
    std::fs::remove_dir(&c.netrc).expect("rmdir");
    // Huge.
    std::fs::write(&c.netrc, vec![b'#'; 2 * 1024 * 1024]).expect("huge");
    assert!(set_credential(&c.env, &c.history, "h.example", "alice", &Secret::new("t")).is_err());
    // Malformed where the edit would be ambiguous.
    let odd = "machine h.example login a password b machine x login y password z\n";
    std::fs::write(&c.netrc, odd).expect("odd");
    assert!(set_credential(&c.env, &c.history, "h.example", "alice", &Secret::new("t")).is_err());
    assert_eq!(std::fs::read_to_string(&c.netrc).expect("read"), odd);
    assert!(c.history.list().expect("list").entries.is_empty());
}

#[cfg(unix)]
#[test]
fn refuses_a_symlink() {
    let c = case();
    let real = c.netrc.with_file_name("real-netrc");
    std::fs::write(&real, "machine a login b password c\n").expect("write");
    std::os::unix::fs::symlink(&real, &c.netrc).expect("link");
    let err = set_credential(&c.env, &c.history, "h.example", "alice", &Secret::new("t"))
        .expect_err("symlink");
    assert!(err.message.contains("symbolic link"), "{}", err.message);
    assert_eq!(
        std::fs::read_to_string(&real).expect("read"),
        "machine a login b password c\n"
    );
}

fn apply(change: NetrcChange) {
    if let Some(w) = change.write {
        std::fs::write(&w.path, w.bytes.expect("bytes")).expect("write");
    }
}

#[test]
fn a_port_keeps_the_bare_host_entry_of_another_credential() {
    let c = case();
    let bob = "machine h.example login bob password b0b\n";
    std::fs::write(&c.netrc, bob).expect("write");
    let change = plan_set(&c.env, "h.example:8443", "alice", &Secret::new("tok-1")).expect("plan");
    let note = change.note.clone().expect("the plan says so");
    assert!(
        note.contains("machine h.example`") && note.contains("bob"),
        "{note}"
    );
    assert!(!note.contains("b0b") && !note.contains("tok-1"), "{note}");
    assert_eq!(
        change
            .changes
            .iter()
            .map(|l| l.key.as_str())
            .collect::<Vec<_>>(),
        vec!["h.example:8443"]
    );
    apply(change);
    let text = std::fs::read_to_string(&c.netrc).expect("read");
    assert_eq!(
        text,
        format!("{bob}machine h.example:8443 login alice password tok-1\n")
    );
    // Replacing the token later still leaves bob's entry alone.
    let change = plan_set(&c.env, "h.example:8443", "alice", &Secret::new("tok-2")).expect("plan");
    assert!(change.note.is_some());
    apply(change);
    assert_eq!(
        std::fs::read_to_string(&c.netrc).expect("read"),
        text.replace("tok-1", "tok-2")
    );
    // Removing the port's credential removes only its own entry.
    let change = plan_remove(&c.env, "h.example:8443").expect("plan");
    assert!(change.note.is_some());
    apply(change);
    assert_eq!(std::fs::read_to_string(&c.netrc).expect("read"), bob);
}

#[test]
fn a_port_updates_the_bare_host_entry_it_wrote() {
    let c = case();
    // Written together before (same credential on both): both follow the new token.
    let both = "machine h.example:8443 login alice password old\nmachine h.example login alice password old\n";
    std::fs::write(&c.netrc, both).expect("write");
    let change = plan_set(&c.env, "h.example:8443", "alice", &Secret::new("new")).expect("plan");
    assert!(change.note.is_none());
    assert_eq!(change.changes.len(), 2);
    apply(change);
    assert_eq!(
        std::fs::read_to_string(&c.netrc).expect("read"),
        both.replace("old", "new")
    );
    // The bare entry already holds the new credential: nothing to keep apart.
    std::fs::write(&c.netrc, "machine h.example login alice password new\n").expect("write");
    let change = plan_set(&c.env, "h.example:8443", "alice", &Secret::new("new")).expect("plan");
    assert!(change.note.is_none());
    apply(change);
    let change = plan_remove(&c.env, "h.example:8443").expect("plan");
    assert!(change.note.is_none());
    apply(change);
    assert_eq!(std::fs::read_to_string(&c.netrc).expect("read"), "");
}
