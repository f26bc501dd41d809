//! Unit tests for `goenv::keys`.
use super::*;

const NEW: GoVersion = GoVersion::NEWEST_KNOWN;
const OLD: GoVersion = GoVersion::new(1, 19, 8);

fn code(ops: &[EnvOp], version: GoVersion, file: &[u8]) -> Option<ErrorCode> {
    validate_ops(ops, version, &EnvFile::parse(file))
        .err()
        .map(|e| {
            assert!(e.field.is_some(), "{e:?}");
            e.code
        })
}

#[test]
fn known_key_lists_follow_versions() {
    assert!(is_known_key("GOAUTH", NEW) && !is_known_key("GOAUTH", GoVersion::new(1, 23, 0)));
    assert!(
        is_known_key("GOTOOLCHAIN", GoVersion::new(1, 21, 0)) && !is_known_key("GOTOOLCHAIN", OLD)
    );
    assert!(is_known_key("GOPROXY", OLD) && !is_known_key("goproxy", NEW));
    assert_eq!(known_keys(OLD).len(), KNOWN_1_19.split(' ').count());
    assert_eq!(known_keys(NEW).len(), known_keys(OLD).len() + 6);
}

#[test]
fn read_only_keys_use_go_wording() {
    for (key, version, text) in [
        ("GOVERSION", NEW, "GOVERSION cannot be modified"),
        ("GOMOD", OLD, "GOMOD cannot be modified"),
        (
            "GOENV",
            OLD,
            "GOENV can only be set using the OS environment",
        ),
        (
            "GODEBUG",
            NEW,
            "GODEBUG can only be set using the OS environment",
        ),
        ("GOROOT", NEW, "GOROOT cannot be modified"),
        ("GOROOT", OLD, "GOROOT cannot be modified with go env -w"),
        ("GOTELEMETRY", NEW, "GOTELEMETRY cannot be modified"),
    ] {
        let err =
            validate_ops(&[EnvOp::set(key, "x")], version, &EnvFile::default()).expect_err(key);
        assert_eq!(err.code, ErrorCode::ReadOnlyKey, "{key}");
        assert!(err.message.starts_with(text), "{key}: {}", err.message);
        let unset =
            validate_ops(&[EnvOp::unset(key)], version, &EnvFile::default()).expect_err(key);
        assert_eq!(unset.code, ErrorCode::ReadOnlyKey);
    }
    // go1.19 does not know GODEBUG or GOTELEMETRY at all.
    assert_eq!(
        code(&[EnvOp::set("GODEBUG", "x")], OLD, b""),
        Some(ErrorCode::UnknownKey)
    );
    assert_eq!(
        code(&[EnvOp::unset("GOTELEMETRY")], OLD, b"GOTELEMETRY=on\n"),
        Some(ErrorCode::UnknownKey)
    );
}

#[test]
fn unknown_keys_depend_on_version_and_file() {
    let err =
        validate_ops(&[EnvOp::set("GOAUTH", "netrc")], OLD, &EnvFile::default()).expect_err("old");
    assert_eq!(err.code, ErrorCode::UnknownKey);
    assert!(
        err.message
            .starts_with("unknown go command variable GOAUTH")
            && err.message.contains("newer Go")
    );
    assert_eq!(
        code(&[EnvOp::set("GOTOOLCHAIN", "auto")], OLD, b""),
        Some(ErrorCode::UnknownKey)
    );
    assert_eq!(
        code(
            &[EnvOp::set("GOTOOLCHAIN", "auto")],
            GoVersion::new(1, 21, 0),
            b""
        ),
        None
    );
    let e =
        validate_ops(&[EnvOp::set("goproxy", "x")], NEW, &EnvFile::default()).expect_err("case");
    assert!(e.message.contains("did you mean GOPROXY"), "{}", e.message);
    // A key already in the file is writable from go1.21 (CanGetenv), never in go1.19.
    assert_eq!(code(&[EnvOp::set("MYVAR", "1")], NEW, b"MYVAR=0\n"), None);
    assert_eq!(code(&[EnvOp::unset("MYVAR")], NEW, b"MYVAR=0\n"), None);
    assert_eq!(
        code(&[EnvOp::set("MYVAR", "1")], NEW, b"  MYVAR=0\n"),
        Some(ErrorCode::UnknownKey)
    );
    assert_eq!(
        code(&[EnvOp::set("MYVAR", "1")], OLD, b"MYVAR=0\n"),
        Some(ErrorCode::UnknownKey)
    );
}

#[test]
fn key_shape_and_duplicates() {
    for key in ["", "A=B", "GO PROXY", "GOSUMDB ", "A#B", "A\tB", "A\u{1}"] {
        assert_eq!(
            code(&[EnvOp::unset(key)], NEW, b"GOSUMDB =x\n"),
            Some(ErrorCode::InvalidInput),
            "{key:?}"
        );
    }
    let dup = [
        EnvOp::set("GOPROXY", "direct"),
        EnvOp::set("GOPROXY", "off"),
    ];
    let err = validate_ops(&dup, NEW, &EnvFile::default()).expect_err("dup");
    assert!(err.message.starts_with("multiple values for key: GOPROXY"));
    assert_eq!(
        code(
            &[EnvOp::set("GOPROXY", "off"), EnvOp::unset("GOPROXY")],
            NEW,
            b""
        ),
        Some(ErrorCode::InvalidInput)
    );
    assert_eq!(code(&[], NEW, b""), Some(ErrorCode::InvalidInput));
}

#[test]
fn values_are_checked_per_op() {
    assert_eq!(
        code(
            &[EnvOp::set("GOPRIVATE", "a.com"), EnvOp::set("GOPROXY", "")],
            NEW,
            b""
        ),
        Some(ErrorCode::EmptyValueHidesDefault)
    );
    assert_eq!(
        code(&[EnvOp::set("GOPROXY", "ftp://x")], NEW, b""),
        Some(ErrorCode::InvalidInput)
    );
    assert_eq!(
        code(&[EnvOp::set("CGO_CFLAGS", "a\nb")], OLD, b""),
        Some(ErrorCode::InvalidInput)
    );
    assert_eq!(
        code(
            &[EnvOp::unset("GOPROXY"), EnvOp::unset("GOSUMDB")],
            OLD,
            b""
        ),
        None
    );
    let e = validate_ops(
        &[EnvOp::set("GOSUMDB", "foo.example")],
        NEW,
        &EnvFile::default(),
    )
    .expect_err("sumdb");
    assert_eq!(e.field.as_deref(), Some("GOSUMDB"));
}

#[test]
fn goos_goarch_pairs() {
    assert_eq!(
        code(
            &[EnvOp::set("GOOS", "linux"), EnvOp::set("GOARCH", "arm64")],
            NEW,
            b""
        ),
        None
    );
    assert_eq!(
        code(
            &[EnvOp::set("GOOS", "aix"), EnvOp::set("GOARCH", "amd64")],
            NEW,
            b""
        ),
        Some(ErrorCode::InvalidInput)
    );
    assert_eq!(
        code(&[EnvOp::set("GOOS", "aix")], NEW, b"GOARCH=ppc64\n"),
        None
    );
    assert_eq!(
        code(
            &[EnvOp::set("GOOS", "wasip1"), EnvOp::set("GOARCH", "wasm")],
            OLD,
            b""
        ),
        Some(ErrorCode::InvalidInput)
    );
    assert_eq!(
        code(
            &[EnvOp::set("GOOS", "windows"), EnvOp::set("GOARCH", "arm")],
            OLD,
            b""
        ),
        None
    );
    assert_eq!(
        code(
            &[EnvOp::set("GOOS", "windows"), EnvOp::set("GOARCH", "arm")],
            NEW,
            b""
        ),
        Some(ErrorCode::InvalidInput)
    );
}

#[test]
fn goexperiment_names() {
    assert_eq!(
        check_goexperiment("nounified,fieldtrack,,none", OLD),
        Ok(())
    );
    assert_eq!(
        check_goexperiment("unified", NEW),
        Err("unknown GOEXPERIMENT unified".into())
    );
    assert_eq!(check_goexperiment("noloopvar,regabi", NEW), Ok(()));
    assert!(check_goexperiment("loopvar", OLD).is_err());
}

#[test]
fn goflags_rules() {
    assert_eq!(
        check_goflags("-mod=mod -trimpath --tags=a,b -test.count=1", NEW),
        Ok(())
    );
    assert_eq!(check_goflags("'-ldflags=-s -w' -modcacherw", NEW), Ok(()));
    assert_eq!(
        check_goflags("-pgo=off", OLD),
        Err("parsing $GOFLAGS: unknown flag -pgo".into())
    );
    assert!(check_goflags("'-ldflags=-s -w'", OLD)
        .expect_err("quotes")
        .contains("1.21"));
    assert!(check_goflags("mod=mod", NEW)
        .expect_err("nonflag")
        .contains("non-flag \"mod=mod\""));
    assert!(check_goflags("---x", NEW)
        .expect_err("nonflag")
        .contains("non-flag"));
    assert_eq!(
        check_goflags("-nosuch", NEW),
        Err("parsing $GOFLAGS: unknown flag -nosuch".into())
    );
    assert!(check_goflags("-insecure", NEW)
        .expect_err("insecure")
        .contains("GOINSECURE"));
    assert!(check_goflags("-mod", NEW)
        .expect_err("value")
        .contains("-mod=VALUE"));
    assert!(check_goflags("'-x", NEW)
        .expect_err("quote")
        .contains("unterminated"));
    assert_eq!(
        check_goflags("-test.nosuch=1", NEW),
        Err("parsing $GOFLAGS: unknown flag -test.nosuch".into())
    );
}

#[test]
fn random_inputs_never_panic() {
    let alphabet: Vec<char> =
        "ab=#,|;:/\\.+-_[]^*?%@'\" \t\r\n\u{b}\0~GOPRXYüß日\u{1}\u{7f}\u{a0}0189"
            .chars()
            .collect();
    let mut seed = 0x1234_5678_u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let keys = [
        "GOPROXY",
        "GOSUMDB",
        "GOAUTH",
        "GOTOOLCHAIN",
        "GOFLAGS",
        "GOPRIVATE",
        "GOVCS",
        "GOPATH",
        "CC",
        "GOEXPERIMENT",
        "GOOS",
        "CGO_CFLAGS",
    ];
    for _ in 0..3000 {
        let len = (next() % 24) as usize;
        let s: String = (0..len)
            .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
            .collect();
        for key in keys {
            let _ = validate_value(key, &s, NEW);
            let _ = validate_value(key, &s, OLD);
        }
        let _ = parse_goproxy(&s);
        let file = EnvFile::parse(s.as_bytes());
        let _ = (
            file.entries(),
            file.ignored_lines(),
            file.crlf_keys(),
            file.get(&s),
        );
        let ops = [EnvOp::set(s.clone(), s.clone()), EnvOp::unset("GOPROXY")];
        let _ = file.rewrite(&ops);
        let _ = validate_ops(&ops, NEW, &file);
    }
}
