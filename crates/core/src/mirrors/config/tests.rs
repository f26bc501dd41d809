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
        History::open(&env)
            .expect("h")
            .list()
            .expect("list")
            .entries
            .len(),
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

#[test]
fn damaged_entries_are_corrupt_with_the_file_and_reason() {
    let dir = tempfile::tempdir().expect("tempdir");
    let env = env(dir.path());
    let path = config_path(&env).expect("path");
    std::fs::create_dir_all(path.parent().expect("dir")).expect("mkdir");
    let entry = |name: &str, url: &str| format!("[[mirror]]\nname = {name:?}\nurl = {url:?}\n");
    let good = entry("corp", "https://goproxy.corp.example.com");
    for (text, words) in [
        (entry("direct", "https://a.example"), "GOPROXY keyword"),
        (entry("OFF", "https://a.example"), "GOPROXY keyword"),
        (entry("x", "ftp://u:s3cret@a.example"), "unsupported scheme"),
        (
            entry("x", "https://u:s3cret@a.example"),
            "user name or password",
        ),
        (entry("x", "a.example"), "not a URL"),
        (entry("bad name", "https://a.example"), "letters"),
        (entry("", "https://a.example"), "letters"),
        (
            format!("{good}{}", entry("CORP", "https://b.example")),
            "appears twice",
        ),
        (
            "mirror = \"https://u:s3cret@a.example\"\n".to_string(),
            "invalid type",
        ),
        ("[[mirror]]\nname = \"x\"\n".to_string(), "missing field"),
    ] {
        std::fs::write(&path, &text).expect("write");
        let err = load(&env).expect_err(&text);
        assert_eq!(err.code, ErrorCode::Corrupt, "{text}: {}", err.message);
        assert_eq!(err.field.as_deref(), Some(path.to_str().expect("utf-8")));
        assert!(
            err.message.contains(&path.display().to_string()),
            "{}",
            err.message
        );
        assert!(err.message.contains(words), "{text}: {}", err.message);
        assert!(!err.message.contains("s3cret"), "{}", err.message);
        // Nothing is carried forward: add and remove refuse and leave the file alone.
        let added = add(&env, &mirror("new", "https://new.example")).expect_err("add");
        assert_eq!(added.code, ErrorCode::Corrupt);
        assert_eq!(
            remove(&env, "x").expect_err("remove").code,
            ErrorCode::Corrupt
        );
        assert_eq!(std::fs::read_to_string(&path).expect("read"), text);
    }
    std::fs::write(&path, &good).expect("write");
    assert_eq!(load(&env).expect("good").mirrors.len(), 1);
}
