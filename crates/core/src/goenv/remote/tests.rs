//! Unit tests for `goenv::remote`.
use super::*;

fn urls(v: &str) -> Vec<(String, ProxyFallback)> {
    parse_goproxy(v)
        .expect("valid")
        .into_iter()
        .map(|e| (e.url, e.fallback))
        .collect()
}

#[test]
fn goproxy_lists() {
    use ProxyFallback::*;
    assert_eq!(
        urls(" https://a.example , b.example|127.0.0.1:8443/p,direct,ftp://ignored"),
        [
            ("https://a.example".into(), OnNotFound),
            ("https://b.example".into(), OnAnyError),
            ("https://127.0.0.1:8443/p".into(), OnNotFound),
            ("direct".into(), None),
        ]
    );
    assert_eq!(urls("off"), [("off".into(), None)]);
    assert_eq!(
        urls("file:///srv/cache,,"),
        [("file:///srv/cache".into(), OnNotFound)]
    );
    assert_eq!(urls("http://h/x|"), [("http://h/x".into(), OnAnyError)]);
}

#[test]
fn goproxy_errors_use_go_wording() {
    let err = |v: &str| parse_goproxy(v).expect_err(v);
    assert_eq!(err("foo"), "invalid proxy URL missing scheme: foo");
    assert_eq!(
        err("/abs/path"),
        "invalid proxy URL missing scheme: /abs/path"
    );
    assert_eq!(
        err("ftp://x.example"),
        "invalid proxy URL scheme (must be https, http, file): ftp://x.example"
    );
    assert_eq!(
        err("file://host/x"),
        "invalid file:// proxy URL with non-path elements: file://host/x"
    );
    assert_eq!(
        err("file:/x"),
        "invalid file:// proxy URL with non-path elements: file:/x"
    );
    assert_eq!(
        err(" , |"),
        "GOPROXY list is not the empty string, but contains no entries"
    );
    assert_eq!(
        err("https://a b"),
        "parse \"https://a b\": invalid character \" \" in host name"
    );
    assert_eq!(
        err("https://h/%zz"),
        "parse \"https://h/%zz\": invalid URL escape \"%zz\""
    );
    assert_eq!(
        err("https://h:x"),
        "parse \"https://h:x\": invalid port \":x\" after host"
    );
    assert_eq!(
        err("https://u:p@h:1:2"),
        "parse \"https://u:p@h:1:2\": invalid port \":1:2\" after host"
    );
    assert!(
        err("ftp://u:secret@h").contains("u:xxxxx@h")
            && !err("ftp://u:secret@h").contains("secret")
    );
}

#[test]
fn goproxy_stricter_checks() {
    assert!(check_goproxy("https://proxy.golang.org,direct").is_ok());
    assert!(check_goproxy("https://u:p@corp.example/goproxy|direct").is_ok());
    assert!(check_goproxy("https:///nohost")
        .expect_err("no host")
        .contains("no host"));
    let e = check_goproxy("http://u:p@corp.example").expect_err("creds");
    assert!(e.contains("insecure") && !e.contains(":p@"), "{e}");
}

#[test]
fn gosumdb_values() {
    for ok in [
        "off",
        "sum.golang.org",
        "sum.golang.google.cn",
        "sum.golang.org https://sum.golang.google.cn",
        KNOWN_GOSUMDB.1,
        "  sum.golang.org  ",
    ] {
        assert_eq!(check_gosumdb(ok), Ok(()), "{ok}");
    }
    let err = |v: &str| check_gosumdb(v).expect_err(v);
    assert!(err("foo.example.com").starts_with("invalid GOSUMDB: malformed verifier id"));
    assert!(err("sum.golang.org a b").starts_with("invalid GOSUMDB: too many fields"));
    assert_eq!(err("   "), "missing GOSUMDB");
    let bad_hash = KNOWN_GOSUMDB.1.replace("033de0ae", "033de0af");
    assert!(err(&bad_hash).starts_with("invalid GOSUMDB: invalid verifier hash"));
    assert!(err("sum.golang.org ftp://x").contains("https://"));
    assert!(err("sum.golang.org https://a%zz").starts_with("invalid GOSUMDB URL: parse"));
}

#[test]
fn url_parse_shapes() {
    let u = GoUrl::parse("HTTPS://user:pw@[::1]:8080/p?q#f").expect("url");
    assert_eq!(
        (u.scheme.as_str(), u.host.as_str(), u.path.as_str()),
        ("https", "[::1]:8080", "/p")
    );
    assert_eq!(u.redacted(), "https://user:xxxxx@[::1]:8080/p?q#f");
    assert_eq!(
        GoUrl::parse(":x").expect_err("scheme"),
        "parse \":x\": missing protocol scheme"
    );
    assert!(GoUrl::parse("https://h/\u{7f}").is_err());
    assert!(GoUrl::parse("https://[::1")
        .expect_err("bracket")
        .contains("missing ']'"));
}
