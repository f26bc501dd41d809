use super::*;
use crate::history::History;

struct Scratch {
    _dir: tempfile::TempDir,
    env: SysEnv,
    goenv: PathBuf,
}

fn scratch() -> Scratch {
    let dir = tempfile::tempdir().expect("tempdir");
    let home = dir.path().join("home");
    std::fs::create_dir_all(&home).expect("mkdir");
    let goenv = home.join(".config/go/env");
    let env = SysEnv::from_vars([
        ("HOME", home.display().to_string()),
        (
            "XDG_DATA_HOME",
            home.join(".local/share").display().to_string(),
        ),
    ])
    .with_cwd(dir.path());
    Scratch {
        _dir: dir,
        env,
        goenv,
    }
}

fn store(s: &Scratch) -> Store {
    Store::open_with_version(&s.env, GoVersion::NEWEST_KNOWN).expect("open")
}

#[test]
fn plan_shows_changes_and_writes_nothing() {
    let s = scratch();
    let plan = store(&s)
        .plan(&[EnvOp::set("GOPROXY", "https://goproxy.cn,direct")])
        .expect("plan");
    assert_eq!(plan.file, s.goenv.display().to_string());
    assert_eq!(
        plan.preview.lines,
        vec![ChangeLine::new(LineKind::GoEnv, "GOPROXY")
            .new_value(Some("https://goproxy.cn,direct".into()))]
    );
    assert_eq!(plan.preview.files, vec![plan.file.clone()]);
    assert!(!s.goenv.exists());
}

#[test]
fn apply_then_undo_restores_bytes() {
    let s = scratch();
    std::fs::create_dir_all(s.goenv.parent().expect("parent")).expect("mkdir");
    let seed = b"# mine\nGOSUMDB=off\r\nGOFLAGS=-mod=mod";
    std::fs::write(&s.goenv, seed).expect("seed");
    let st = store(&s);
    let e1 = st.apply(&[EnvOp::unset("GOSUMDB")]).expect("apply");
    assert!(e1.entry().is_some());
    st.apply(&[EnvOp::set("GOPRIVATE", "corp.example.com")])
        .expect("apply");
    assert!(std::fs::read(&s.goenv)
        .expect("read")
        .starts_with(b"# mine\n"));
    let history = History::open(&s.env).expect("history");
    history.undo(None).expect("undo 1");
    history.undo(None).expect("undo 2");
    assert_eq!(std::fs::read(&s.goenv).expect("read"), seed);
}

#[test]
fn unchanged_apply_records_nothing() {
    let s = scratch();
    let entry = store(&s).apply(&[EnvOp::unset("GOPROXY")]).expect("apply");
    assert!(entry.entry().is_none());
    assert!(
        !s.goenv.exists(),
        "unsetting a missing key must not create the file"
    );
    assert!(History::open(&s.env)
        .expect("history")
        .list()
        .expect("list")
        .entries
        .is_empty());
}

#[test]
fn bad_input_writes_nothing() {
    let s = scratch();
    std::fs::create_dir_all(s.goenv.parent().expect("parent")).expect("mkdir");
    std::fs::write(&s.goenv, b"GOPROXY=https://goproxy.cn\n").expect("seed");
    let st = store(&s);
    for (ops, code) in [
        (vec![EnvOp::set("GOPROXY", "a\nb")], ErrorCode::InvalidInput),
        (vec![EnvOp::set("GOROOT", "/x")], ErrorCode::ReadOnlyKey),
        (vec![EnvOp::set("GONOTAKEY", "x")], ErrorCode::UnknownKey),
        (
            vec![EnvOp::set("GOPROXY", "")],
            ErrorCode::EmptyValueHidesDefault,
        ),
        (vec![], ErrorCode::InvalidInput),
    ] {
        let err = st.apply(&ops).expect_err("rejected");
        assert_eq!(err.code, code, "{ops:?}: {err:?}");
        assert!(err.field.is_some(), "{ops:?}: the error names the field");
    }
    assert_eq!(
        std::fs::read(&s.goenv).expect("read"),
        b"GOPROXY=https://goproxy.cn\n"
    );
    assert!(History::open(&s.env)
        .expect("history")
        .list()
        .expect("list")
        .entries
        .is_empty());
}

#[test]
fn directory_in_place_of_the_file_is_refused() {
    let s = scratch();
    std::fs::create_dir_all(&s.goenv).expect("a directory where the file should be");
    let err = store(&s)
        .apply(&[EnvOp::set("GOPRIVATE", "x.example")])
        .expect_err("refused");
    assert_eq!(err.code, ErrorCode::NotAFile);
}

#[test]
fn goenv_off_is_refused_with_a_reason() {
    let mut s = scratch();
    s.env.set("GOENV", "off");
    let err = Store::open_with_version(&s.env, GoVersion::NEWEST_KNOWN)
        .err()
        .expect("refused");
    assert_eq!(err.code, ErrorCode::GoenvUnavailable);
}

#[test]
fn concurrent_writers_lose_nothing() {
    let s = scratch();
    let keys = [
        "GOPRIVATE",
        "GONOPROXY",
        "GONOSUMDB",
        "GOINSECURE",
        "GOFLAGS",
        "GOPROXY",
        "GOSUMDB",
        "GOTOOLCHAIN",
    ];
    let values = [
        "a.example",
        "b.example",
        "c.example",
        "d.example",
        "-mod=mod",
        "https://goproxy.cn,direct",
        "sum.golang.org",
        "local",
    ];
    std::thread::scope(|scope| {
        for (k, v) in keys.iter().zip(values) {
            let env = s.env.clone();
            scope.spawn(move || {
                let st = Store::open_with_version(&env, GoVersion::NEWEST_KNOWN).expect("open");
                st.apply(&[EnvOp::set(*k, v)]).expect("apply");
            });
        }
    });
    let file = EnvFile::parse(&std::fs::read(&s.goenv).expect("read"));
    for (k, v) in keys.iter().zip(values) {
        assert_eq!(file.get(k).as_deref(), Some(v), "{k} lost");
    }
    assert_eq!(
        History::open(&s.env)
            .expect("history")
            .list()
            .expect("list")
            .entries
            .len(),
        keys.len()
    );
}

#[test]
fn summaries_and_changes_hide_credentials() {
    let s = scratch();
    let entry = store(&s)
        .apply(&[EnvOp::set("GOPROXY", "https://u:tok3n@proxy.corp/p,direct")])
        .expect("apply");
    let text = serde_json::to_string(&entry).expect("json");
    assert!(!text.contains("tok3n"), "{text}");
}

#[test]
fn unwritable_location_is_a_clear_error_and_nothing_is_recorded() {
    let mut s = scratch();
    // A regular file where a directory should be: creating the GOENV file's directory fails
    // for every user, root included (permission bits would not stop root).
    let blocker = s._dir.path().join("not-a-dir");
    std::fs::write(&blocker, b"x").expect("write");
    s.env
        .set("GOENV", blocker.join("go/env").display().to_string());
    let err = store(&s)
        .apply(&[EnvOp::set("GOPRIVATE", "x.example")])
        .expect_err("cannot write");
    assert_eq!(err.code, ErrorCode::Io);
    assert!(err.message.contains("not-a-dir"), "{}", err.message);
    assert_eq!(std::fs::read(&blocker).expect("read"), b"x");
    assert!(History::open(&s.env)
        .expect("history")
        .list()
        .expect("list")
        .entries
        .is_empty());
}

#[test]
fn binary_garbage_and_missing_newline_survive_a_write() {
    let s = scratch();
    std::fs::create_dir_all(s.goenv.parent().expect("parent")).expect("mkdir");
    let seed: &[u8] = b"\xff\xfe\x00garbage\nGOFLAGS=-mod=mod\n# note\nGOPRIVATE=a.example";
    std::fs::write(&s.goenv, seed).expect("seed");
    store(&s)
        .apply(&[EnvOp::set("GOINSECURE", "legacy.example")])
        .expect("apply");
    let after = std::fs::read(&s.goenv).expect("read");
    assert!(
        after.starts_with(b"\xff\xfe\x00garbage\n"),
        "garbage line kept"
    );
    assert!(after.windows(7).any(|w| w == b"# note\n"));
    History::open(&s.env)
        .expect("history")
        .undo(None)
        .expect("undo");
    assert_eq!(std::fs::read(&s.goenv).expect("read"), seed);
}

#[test]
fn an_overriding_variable_names_the_start_up_files_that_set_it() {
    let mut s = scratch();
    let home = s.env.home().expect("home");
    std::fs::write(
        home.join(".bashrc"),
        "# mine\nexport GOPROXY=https://goproxy.io\n",
    )
    .expect(".bashrc");
    std::fs::write(home.join(".zshrc"), "echo $GOPROXY\n").expect(".zshrc");
    s.env.set("GOPROXY", "https://goproxy.io");
    let plan = store(&s)
        .plan(&[
            EnvOp::set("GOPROXY", "https://goproxy.cn,direct"),
            EnvOp::set("GOSUMDB", "sum.golang.google.cn"),
        ])
        .expect("plan");
    assert_eq!(plan.warnings.len(), 1, "{:?}", plan.warnings);
    let w = &plan.warnings[0];
    assert_eq!(w.code, PlanWarningCode::EnvOverridesFile);
    assert_eq!(w.key, "GOPROXY");
    assert_eq!(w.env_value, "https://goproxy.io");
    let bashrc = home.join(".bashrc").display().to_string();
    assert!(w.set_in.contains(&bashrc), "{:?}", w.set_in);
    assert!(
        w.set_in.iter().all(|f| !f.ends_with(".zshrc")),
        "{:?}",
        w.set_in
    );

    std::fs::remove_file(home.join(".bashrc")).expect("rm");
    let plan = store(&s)
        .plan(&[EnvOp::set("GOPROXY", "https://goproxy.cn,direct")])
        .expect("plan");
    assert!(
        plan.warnings[0]
            .set_in
            .iter()
            .all(|f| !f.starts_with(&home.display().to_string())),
        "{:?}",
        plan.warnings[0].set_in
    );
}
