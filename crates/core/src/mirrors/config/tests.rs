use super::*;

fn env(dir: &Path) -> SysEnv {
    SysEnv::from_vars([
        ("HOME", dir.join("home").display().to_string()),
        ("XDG_CONFIG_HOME", dir.join("config").display().to_string()),
        ("XDG_DATA_HOME", dir.join("data").display().to_string()),
    ])
    .with_cwd(dir)
}

fn mirror(name: &str, url: &str) -> CustomMirror {
    CustomMirror {
        name: name.into(),
        url: url.into(),
        ca_file: None,
    }
}

#[test]
fn add_remove_and_undo_round_trip() {
    let dir = tempfile::tempdir().expect("tempdir");
    let env = env(dir.path());
    let path = config_path(&env).expect("path");
    std::fs::create_dir_all(path.parent().expect("dir")).expect("mkdir");
    std::fs::write(&path, "theme = \"dark\"\n").expect("seed with a key we do not know");
    add(&env, &mirror("corp", "HTTPS://Goproxy.Corp.Example.com/")).expect("add");
    let config = load(&env).expect("load");
    assert_eq!(
        config.mirrors,
        vec![mirror("corp", "https://goproxy.corp.example.com")]
    );
    assert_eq!(
        config.other.get("theme").and_then(|v| v.as_str()),
        Some("dark"),
        "unknown keys kept"
    );
    remove(&env, "CORP").expect("remove");
    assert!(load(&env).expect("load").mirrors.is_empty());
    let history = History::open(&env).expect("history");
    history.undo(None).expect("undo remove");
    assert_eq!(load(&env).expect("load").mirrors.len(), 1);
    history.undo(None).expect("undo add");
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        "theme = \"dark\"\n"
    );
}

#[test]
fn bad_input_names_the_field_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let env = env(dir.path());
    add(&env, &mirror("corp", "https://goproxy.corp.example.com")).expect("add");
    let path = config_path(&env).expect("path");
    let before = std::fs::read(&path).expect("read");
    let ca_bad = dir.path().join("not-a-cert.pem");
    std::fs::write(&ca_bad, "hello").expect("write");
    for (m, field, words) in [
        (mirror("x", "goproxy.example.com"), "url", "not a URL"),
        (
            mirror("x", "ftp://goproxy.example.com"),
            "url",
            "unsupported scheme",
        ),
        (
            mirror("x", "https://u:secret@goproxy.example.com"),
            "url",
            "credentials",
        ),
        (
            mirror("x", "https://goproxy.corp.example.com/"),
            "url",
            "duplicate",
        ),
        (mirror("x", "https://goproxy.cn"), "url", "duplicate"),
        (
            mirror("Corp", "https://other.example.com"),
            "name",
            "duplicate",
        ),
        (
            mirror("goproxy.cn", "https://other.example.com"),
            "name",
            "duplicate",
        ),
        (
            mirror("bad name", "https://other.example.com"),
            "name",
            "letters",
        ),
        (
            mirror("direct", "https://other.example.com"),
            "name",
            "keyword",
        ),
        (
            CustomMirror {
                ca_file: Some(ca_bad.display().to_string()),
                ..mirror("x", "https://other.example.com")
            },
            "ca_file",
            "no PEM certificate",
        ),
        (
            CustomMirror {
                ca_file: Some("missing.pem".into()),
                ..mirror("x", "https://other.example.com")
            },
            "ca_file",
            "cannot read",
        ),
    ] {
        let err = add(&env, &m).expect_err(&m.url);
        assert_eq!(err.code, ErrorCode::InvalidInput, "{m:?}");
        assert_eq!(err.field.as_deref(), Some(field), "{m:?}: {}", err.message);
        assert!(err.message.contains(words), "{m:?}: {}", err.message);
        assert!(!err.message.contains("secret"));
    }
    assert_eq!(
        std::fs::read(&path).expect("read"),
        before,
        "nothing written"
    );
    assert_eq!(
        History::open(&env).expect("h").list().expect("list").len(),
        1
    );
    let err = remove(&env, "goproxy.cn").expect_err("builtin");
    assert!(err.message.contains("built-in"));
    assert_eq!(
        remove(&env, "nope").expect_err("missing").field.as_deref(),
        Some("name")
    );
}

#[test]
fn a_damaged_file_is_reported_not_overwritten() {
    let dir = tempfile::tempdir().expect("tempdir");
    let env = env(dir.path());
    let path = config_path(&env).expect("path");
    std::fs::create_dir_all(path.parent().expect("dir")).expect("mkdir");
    std::fs::write(&path, "[[mirror]\nname=").expect("garbage");
    assert_eq!(load(&env).expect_err("corrupt").code, ErrorCode::Corrupt);
    assert_eq!(
        add(&env, &mirror("x", "https://x.example"))
            .expect_err("corrupt")
            .code,
        ErrorCode::Corrupt
    );
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        "[[mirror]\nname="
    );
}
