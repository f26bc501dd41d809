//! Unit tests for `goenv::values`.
use super::*;
use crate::goenv::goauth::check_goauth;

const NEW: GoVersion = GoVersion::NEWEST_KNOWN;
const OLD: GoVersion = GoVersion::new(1, 19, 8);

fn code(key: &str, value: &str) -> Option<ErrorCode> {
    validate_value(key, value, NEW).err().map(|e| {
        assert_eq!(e.field.as_deref(), Some(key));
        e.code
    })
}

#[test]
fn go_checks() {
    assert_eq!(code("GOFLAGS", "-x\n-y"), Some(ErrorCode::InvalidInput));
    assert_eq!(code("CGO_CFLAGS", "a\rb"), Some(ErrorCode::InvalidInput));
    assert_eq!(code("CGO_CFLAGS", "a\u{b}b"), Some(ErrorCode::InvalidInput));
    assert_eq!(code("CGO_CFLAGS", "a\0"), Some(ErrorCode::InvalidInput));
    assert_eq!(code("CGO_CFLAGS", "-O2 \"ü\" 'x'\t|,"), None);
    assert_eq!(code("GO111MODULE", "yes"), Some(ErrorCode::InvalidInput));
    assert_eq!(code("GO111MODULE", ""), None);
    assert_eq!(code("GOPATH", "~/go"), Some(ErrorCode::InvalidInput));
    assert_eq!(code("GOMODCACHE", "rel/dir"), Some(ErrorCode::InvalidInput));
    assert_eq!(code("GOTMPDIR", "tmp"), Some(ErrorCode::InvalidInput));
    assert_eq!(code("CC", "bin/gcc -O2"), Some(ErrorCode::InvalidInput));
    assert_eq!(code("CC", "'unterminated"), Some(ErrorCode::InvalidInput));
    assert_eq!(code("CC", "   "), Some(ErrorCode::InvalidInput));
    assert_eq!(code("CC", "clang -O2"), None);
    assert_eq!(code("GOOS", "plan10"), Some(ErrorCode::InvalidInput));
    assert_eq!(
        code("GOEXPERIMENT", "nosuchthing"),
        Some(ErrorCode::InvalidInput)
    );
    #[cfg(unix)]
    {
        assert_eq!(code("GOPATH", "/a:/b c/ü"), None);
        assert_eq!(code("GOPATH", "/a:rel"), Some(ErrorCode::InvalidInput));
        assert_eq!(code("CC", "/usr/bin/gcc -O2"), None);
    }
}

#[test]
fn empty_value_trap() {
    for key in [
        "GOPROXY",
        "GOSUMDB",
        "GOTOOLCHAIN",
        "GOAUTH",
        "GONOPROXY",
        "GONOSUMDB",
        "GOPATH",
        "GOMODCACHE",
        "GOCACHE",
    ] {
        let err = validate_value(key, "", NEW).expect_err(key);
        assert_eq!(err.code, ErrorCode::EmptyValueHidesDefault);
        assert!(
            err.message.contains(&format!("env unset {key}")),
            "{}",
            err.message
        );
    }
    assert!(validate_value("GOPROXY", "", OLD)
        .expect_err("old")
        .message
        .contains("ignored"));
    for key in [
        "GOPRIVATE",
        "GOFLAGS",
        "GOINSECURE",
        "GOEXPERIMENT",
        "CGO_CFLAGS",
    ] {
        assert_eq!(validate_value(key, "", NEW), Ok(()), "{key}");
    }
}

#[test]
fn goauth_rules() {
    for ok in [
        "off",
        "netrc",
        "netrc;git /home/me/src",
        "/usr/bin/cred-helper --flag 'a b'",
        "netrc; my-helper",
    ] {
        assert_eq!(check_goauth(ok), Ok(()), "{ok}");
    }
    assert!(check_goauth("off;netrc")
        .expect_err("off")
        .contains("cannot be combined"));
    assert!(check_goauth("netrc;")
        .expect_err("empty")
        .contains("empty command"));
    assert!(check_goauth("git relative")
        .expect_err("git")
        .contains("absolute"));
    assert!(check_goauth("git").expect_err("git").contains("absolute"));
    assert!(check_goauth("command /x")
        .expect_err("kw")
        .contains("no `command` keyword"));
    assert!(check_goauth("helper 'open")
        .expect_err("quote")
        .contains("unterminated ' string"));
    assert!(check_goauth("netrc extra").is_err());
}

#[test]
fn gotoolchain_rules() {
    for ok in [
        "auto",
        "local",
        "path",
        "go1.22.3",
        "go1.21.0+auto",
        "local+path",
        "go1.22rc1",
        "go1.20",
        "go1.22.1-custom+auto",
    ] {
        assert_eq!(check_gotoolchain(ok), Ok(()), "{ok}");
    }
    assert_eq!(
        check_gotoolchain("x"),
        Err("invalid GOTOOLCHAIN \"x\": use auto, local, path or a toolchain like go1.22.3".into())
    );
    assert!(check_gotoolchain("go1.22.3+local")
        .expect_err("suffix")
        .contains("only version suffixes"));
    assert!(check_gotoolchain("bash+auto")
        .expect_err("min")
        .contains("invalid minimum toolchain"));
    assert!(check_gotoolchain("go1.22")
        .expect_err("lang")
        .contains("language version"));
    assert!(check_gotoolchain("go2.0.0").is_err());
    assert!(check_gotoolchain("gccgo-go1.21.0").is_err());
    assert!(check_gotoolchain("go1.22.03").is_err());
    assert!(check_gotoolchain("../go1.22.0").is_err());
}

#[test]
fn pattern_rules() {
    for ok in [
        "corp.example.com",
        "*.corp.example.com,github.com/org/",
        "rsc.io/[a-z]*",
        "none",
    ] {
        assert_eq!(check_patterns("GOPRIVATE", ok), Ok(()), "{ok}");
    }
    assert!(check_patterns("GOPRIVATE", "a.com, b.com")
        .expect_err("space")
        .contains("does not trim"));
    assert!(check_patterns("GONOSUMDB", ",,")
        .expect_err("empty")
        .contains("no patterns"));
    assert!(check_patterns("GOPRIVATE", "https://corp.example.com")
        .expect_err("url")
        .contains("not URLs"));
    assert!(check_patterns("GOINSECURE", "rsc.io//")
        .expect_err("slash")
        .contains("empty path element"));
    assert!(check_patterns("GOPRIVATE", "a[")
        .expect_err("glob")
        .contains("malformed"));
    assert!(check_patterns("GOPRIVATE", "a\\")
        .expect_err("glob")
        .contains("malformed"));
    assert!(
        !glob_is_valid("[]a]")
            && !glob_is_valid("[a-]")
            && glob_is_valid("[\\]]")
            && glob_is_valid("[^a-c]x")
    );
}

#[test]
fn govcs_rules() {
    assert_eq!(check_govcs("public:git|hg,private:all"), Ok(()));
    assert_eq!(check_govcs("github.com:git,evil.com:off,*:git|hg"), Ok(()));
    assert_eq!(check_govcs("a:git,"), Err("empty entry in GOVCS".into()));
    assert!(check_govcs("a")
        .expect_err("colon")
        .contains("missing colon"));
    assert!(check_govcs("a:git,a:hg")
        .expect_err("dup")
        .contains("unreachable"));
    assert!(check_govcs("./x:git")
        .expect_err("rel")
        .contains("relative"));
    assert!(check_govcs("a:cvs")
        .expect_err("vcs")
        .contains("unknown VCS"));
}

#[test]
fn quoted_split_like_go() {
    assert_eq!(
        quoted_split(" -a 'b c' \"d'e\" f\"g "),
        Ok(vec!["-a".into(), "b c".into(), "d'e".into(), "f\"g".into()])
    );
    assert_eq!(quoted_split("\"x"), Err("unterminated \" string".into()));
    assert_eq!(quoted_split("  "), Ok(vec![]));
}
