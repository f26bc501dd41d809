use super::*;
use crate::bundle::RiskCode;

const GOOD: &str = r#"format = "goproxy-assistant-bundle/1"
name = "Acme 团队 Go setup"
version = "2026.12.1"
description = "Line one\nline two"
min_go = "1.21"

[go_env]
GOPROXY = "https://goproxy.cn|https://proxy.golang.org,direct"
GOSUMDB = "sum.golang.google.cn"
GOPRIVATE = "git.acme.example/*"
GOAUTH = "netrc;keychain"

[[mirrors]]
name = "acme"
url = "https://goproxy.acme.example"

[[hosts]]
host = "git.acme.example"
login = "oauth2"
auth = "bearer"
token_help = "Create a read-only token under Settings > Access tokens"
token_url = "https://git.acme.example/-/user_settings/personal_access_tokens"

[docker]
go_version = "1.24"

[verify]
module = "git.acme.example/platform/log@latest"
"#;

fn refused(text: &str) -> Refusal {
    parse(text.as_bytes()).expect_err(text)
}

fn with(extra: &str) -> String {
    format!("format = \"goproxy-assistant-bundle/1\"\nname = \"t\"\n{extra}")
}

fn env(key: &str, value: &str) -> String {
    with(&format!("[go_env]\n{key} = {value:?}\n"))
}

#[test]
fn the_issue_example_parses() {
    let b = parse(GOOD.as_bytes()).expect("good");
    assert_eq!(b.name, "Acme 团队 Go setup");
    assert_eq!(b.go_env["GOAUTH"], "netrc;keychain");
    assert_eq!(b.hosts[0].auth, crate::bundle::HostAuth::Bearer);
    assert!(crate::bundle::assess(&b).is_empty());
}

#[test]
fn each_rule_has_its_code_and_field() {
    use RefusalCode::*;
    let cases: Vec<(String, RefusalCode, &str)> = vec![
        (with("x = 1\nx = 2\n"), DuplicateKey, ""),
        (with("[go_env]\nGOPROXY = \"a\"\nGOPROXY = \"b\"\n"), DuplicateKey, ""),
        (with("name2 = \n"), Syntax, ""),
        (with("[[hosts]]\nhost = \"h.example\"\ntoken = \"x\"\n"), SecretField, "hosts[0].token"),
        (with("[go_env]\nGOPASSWORD = \"x\"\n"), SecretField, "go_env.GOPASSWORD"),
        (with("client_secret = \"x\"\n"), SecretField, "client_secret"),
        ("format = \"goproxy-assistant-bundle/2\"\nname = \"t\"\n".into(), UnsupportedFormat, "format"),
        ("name = \"t\"\n".into(), MissingField, "format"),
        ("format = \"goproxy-assistant-bundle/1\"\n".into(), MissingField, "name"),
        (with("colour = \"red\"\n"), UnknownField, "colour"),
        (with("[[mirrors]]\nname = \"a\"\nurl = \"https://a.example\"\nkind = \"x\"\n"), UnknownField, "mirrors[0].kind"),
        (with("[[mirrors]]\nname = \"a\"\n"), MissingField, "mirrors[0].url"),
        (with("version = 3\n"), Syntax, "version"),
        (with("[go_env]\nGOPROXY = 1\n"), Syntax, "go_env.GOPROXY"),
        (with("version = \"a\\u0007\"\n"), ControlCharacter, "version"),
        (with("version = \"a\\u202Eb\"\n"), ControlCharacter, "version"),
        (with("version = \"a\\nb\"\n"), ControlCharacter, "version"),
        (with("[[hosts]]\nhost = \"h.example\"\ntoken_help = \"a\\tb\"\n"), ControlCharacter, "hosts[0].token_help"),
        ("format = \"goproxy-assistant-bundle/1\"\nname = \"\"\n".into(), InvalidName, "name"),
        (format!("format = \"goproxy-assistant-bundle/1\"\nname = \"{}\"\n", "名".repeat(81)), InvalidName, "name"),
        (env("CC", "gcc"), KeyNotAllowed, "go_env.CC"),
        (env("goproxy", "direct"), KeyNotAllowed, "go_env.goproxy"),
        (env("GOROOT", "/usr"), KeyNotAllowed, "go_env.GOROOT"),
        (env("GOTOOLCHAIN", "garbage"), InvalidValue, "go_env.GOTOOLCHAIN"),
        (env("GOFLAGS", "-nosuchflag"), InvalidValue, "go_env.GOFLAGS"),
        (env("GOFLAGS", "'-mod=mod"), InvalidValue, "go_env.GOFLAGS"),
        (env("GOPROXY", ""), InvalidValue, "go_env.GOPROXY"),
        (env("GOSUMDB", "sum.example+00000000+AAAA"), InvalidValue, "go_env.GOSUMDB"),
        (env("GOAUTH", "git /src"), GoauthGitDir, "go_env.GOAUTH"),
        (env("GOAUTH", "netrc;git relative"), GoauthGitDir, "go_env.GOAUTH"),
        (env("GOAUTH", "keychain;off"), InvalidValue, "go_env.GOAUTH"),
        (env("GOPROXY", "FILE:///srv/mods,direct"), GoproxyFileUrl, "go_env.GOPROXY"),
        (env("GOPROXY", "https://proxy.golang.org | file:///srv"), GoproxyFileUrl, "go_env.GOPROXY"),
        (env("GOPROXY", "https://u:p@proxy.example,direct"), UrlCredentials, "go_env.GOPROXY"),
        (env("GOPROXY", "u@proxy.example"), UrlCredentials, "go_env.GOPROXY"),
        (env("GOSUMDB", "sum.golang.org https://u:p@sum.example"), UrlCredentials, "go_env.GOSUMDB"),
        (with("[[mirrors]]\nname = \"a\"\nurl = \"https://u:p@a.example\"\n"), UrlCredentials, "mirrors[0].url"),
        (with("[[hosts]]\nhost = \"h.example\"\ntoken_url = \"https://u:p@h.example/t\"\n"), UrlCredentials, "hosts[0].token_url"),
        (with("[[hosts]]\nhost = \"u:p@h.example\"\n"), UrlCredentials, "hosts[0].host"),
        (with("[[mirrors]]\nname = \"a\"\nurl = \"https://a.example\"\nca_pem = \"-----BEGIN CERTIFICATE-----\\nAAAA\\n-----END CERTIFICATE-----\\n\"\n"), InvalidCa, "mirrors[0].ca_pem"),
        (with("[[mirrors]]\nname = \"a\"\nurl = \"https://a.example\"\nca_pem = \"hello\"\n"), InvalidCa, "mirrors[0].ca_pem"),
        (with("[[mirrors]]\nname = \"a\"\nurl = \"https://a.example\"\n[[mirrors]]\nname = \"A\"\nurl = \"https://b.example\"\n"), DuplicateMirror, "mirrors[1].name"),
        (with("[[hosts]]\nhost = \"h.example\"\n[[hosts]]\nhost = \"H.example:443\"\n"), DuplicateHost, "hosts[1].host"),
        (with("[[hosts]]\nhost = \"h.example\"\nauth = \"digest\"\n"), InvalidField, "hosts[0].auth"),
        (with("[[hosts]]\nhost = \"h.example\"\ntoken_url = \"http://h.example/t\"\n"), InvalidField, "hosts[0].token_url"),
        (with("[verify]\nmodule = \"-x@latest\"\n"), InvalidField, "verify.module"),
        (with("[verify]\nmodule = \"example.com/m@-exec\"\n"), InvalidField, "verify.module"),
        (with("min_go = \"one\"\n"), InvalidField, "min_go"),
        (with("[[mirrors]]\nname = \"direct\"\nurl = \"https://a.example\"\n"), InvalidField, "mirrors[0].name"),
    ];
    for (text, code, field) in cases {
        let r = refused(&text);
        assert_eq!((r.code, r.field.as_str()), (code, field), "{text}\n{r:?}");
        assert!(!r.rule.is_empty());
    }
}

#[test]
fn size_and_encoding() {
    let mut big = with("description = \"").into_bytes();
    let fill = crate::bundle::MAX_BUNDLE_BYTES - big.len() - 2;
    big.extend(std::iter::repeat_n(b'a', fill));
    big.extend(b"\"\n");
    assert_eq!(big.len(), crate::bundle::MAX_BUNDLE_BYTES);
    parse(&big).expect("262,144 bytes is allowed");
    big.insert(big.len() - 2, b'a');
    assert_eq!(
        parse(&big).expect_err("one more").code,
        RefusalCode::TooLarge
    );
    let mut bad = with("").into_bytes();
    bad.extend(b"# \xff\n");
    assert_eq!(parse(&bad).expect_err("utf8").code, RefusalCode::NotUtf8);
}

#[test]
fn newlines_only_where_allowed() {
    parse(with("description = \"a\\r\\nb\\nc\"\n").as_bytes()).expect("CRLF in description");
    assert_eq!(
        refused(&with("description = \"a\\rb\"\n")).code,
        RefusalCode::ControlCharacter
    );
}

#[test]
fn risky_items_by_rule() {
    let cases = [
        (
            "GOFLAGS",
            "\"-toolexec=/bin/x\" -trimpath",
            RiskCode::GoflagsRisky,
        ),
        ("GOFLAGS", "--mod=mod", RiskCode::GoflagsRisky),
        (
            "GOAUTH",
            "netrc;/usr/bin/helper arg",
            RiskCode::GoauthCommand,
        ),
        ("GOINSECURE", "git.acme.example", RiskCode::Goinsecure),
        ("GOSUMDB", "off", RiskCode::GosumdbWeakened),
        ("GOVCS", "public:all", RiskCode::GovcsWidened),
        ("GONOSUMDB", "github.com", RiskCode::PublicNamespace),
        ("GOPRIVATE", "*.com", RiskCode::PublicNamespace),
        ("GONOPROXY", "golang.org/x", RiskCode::PublicNamespace),
        (
            "GOPROXY",
            "HTTP://proxy.example,direct",
            RiskCode::GoproxyHttp,
        ),
        ("GOTOOLCHAIN", "go1.22.3+path", RiskCode::GotoolchainPath),
        ("GOTOOLCHAIN", "path", RiskCode::GotoolchainPath),
    ];
    for (key, value, code) in cases {
        let b = parse(env(key, value).as_bytes()).expect(value);
        let items = crate::bundle::assess(&b);
        assert_eq!(items.len(), 1, "{key}={value}: {items:?}");
        assert_eq!(items[0].code, code);
        assert_eq!(items[0].field, format!("go_env.{key}"));
    }
    for (key, value) in [
        ("GOVCS", "private:all"),
        ("GOPRIVATE", "github.com/acme-corp"),
        ("GOPROXY", "http://127.0.0.1:3000,direct"),
        ("GOSUMDB", "sum.golang.org"),
        ("GOFLAGS", "-mod=readonly"),
        ("GOAUTH", "keychain"),
        ("GOTOOLCHAIN", "go1.22.3+auto"),
    ] {
        let b = parse(env(key, value).as_bytes()).expect(value);
        assert!(crate::bundle::assess(&b).is_empty(), "{key}={value}");
    }
}

#[test]
fn the_docs_list_every_code_and_the_schema_every_field() {
    let docs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs");
    let md = std::fs::read_to_string(docs.join("bundle.md")).expect("docs/bundle.md");
    let refusals = [
        RefusalCode::TooLarge,
        RefusalCode::NotUtf8,
        RefusalCode::Syntax,
        RefusalCode::DuplicateKey,
        RefusalCode::UnknownField,
        RefusalCode::MissingField,
        RefusalCode::UnsupportedFormat,
        RefusalCode::SecretField,
        RefusalCode::ControlCharacter,
        RefusalCode::InvalidName,
        RefusalCode::KeyNotAllowed,
        RefusalCode::InvalidValue,
        RefusalCode::GoauthGitDir,
        RefusalCode::GoproxyFileUrl,
        RefusalCode::UrlCredentials,
        RefusalCode::InvalidCa,
        RefusalCode::DuplicateMirror,
        RefusalCode::DuplicateHost,
        RefusalCode::InvalidField,
    ];
    for code in refusals
        .iter()
        .map(|c| c.as_str())
        .chain(RiskCode::ALL.iter().map(|c| c.as_str()))
    {
        assert!(
            md.contains(&format!("| `{code}` |")),
            "docs/bundle.md has no row for {code}"
        );
    }
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(docs.join("bundle.schema.json")).expect("schema"),
    )
    .expect("json");
    let top: Vec<&str> = schema["properties"]
        .as_object()
        .expect("props")
        .keys()
        .map(String::as_str)
        .collect();
    let mut want: Vec<&str> = SCHEMA.iter().map(|(n, _, _)| *n).collect();
    let mut got = top.clone();
    want.sort_unstable();
    got.sort_unstable();
    assert_eq!(got, want);
    let env: Vec<&str> = schema["properties"]["go_env"]["properties"]
        .as_object()
        .expect("env")
        .keys()
        .map(String::as_str)
        .collect();
    let mut allowed = crate::bundle::model::ALLOWED_GO_ENV.to_vec();
    let mut env = env;
    allowed.sort_unstable();
    env.sort_unstable();
    assert_eq!(env, allowed);
}
