//! The explainer on every shape of the error-sample corpus and on hostile input.

use super::*;
use crate::doctor::DoctorCode;
use crate::findings::Severity;

/// One `### code=... host=... module=...` case of a corpus file.
struct Case {
    header: String,
    fields: Vec<(String, String)>,
    text: String,
}

fn cases(corpus: &str) -> Vec<Case> {
    let mut out: Vec<Case> = Vec::new();
    for line in corpus.split_inclusive('\n') {
        if let Some(header) = line.strip_prefix("### ") {
            let fields = header
                .split_whitespace()
                .filter_map(|f| f.split_once('='))
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            out.push(Case {
                header: header.trim().to_string(),
                fields,
                text: String::new(),
            });
        } else if let Some(case) = out.last_mut() {
            case.text.push_str(line);
        }
    }
    out
}

const SAMPLES: &str = include_str!("corpus/samples.txt");
const REAL_GO127: &str = include_str!("corpus/real-go1.27.txt");
const REAL_GO119: &str = include_str!("corpus/real-go1.19.txt");

/// Checks each case: exactly one finding with the code, host, module and setting of its header.
fn check_corpus(name: &str, corpus: &str) -> std::collections::BTreeSet<DoctorCode> {
    let mut seen = std::collections::BTreeSet::new();
    let all = cases(corpus);
    for case in &all {
        let got = explain(case.text.as_bytes());
        let field = |k: &str| {
            case.fields
                .iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.as_str())
        };
        let code = field("code").expect("code");
        let finding = got
            .findings
            .iter()
            .find(|f| f.code.as_str() == code)
            .unwrap_or_else(|| {
                panic!(
                    "{name}: {}: no {code} finding in {:#?}\n{}",
                    case.header, got.findings, case.text
                )
            });
        seen.insert(finding.code);
        assert_eq!(
            got.findings[0].code.as_str(),
            code,
            "{name}: {}: first finding",
            case.header
        );
        match field("host") {
            Some("-") => assert_eq!(finding.host, None, "{name}: {}", case.header),
            Some(host) => assert_eq!(
                finding.host.as_deref(),
                Some(host),
                "{name}: {}",
                case.header
            ),
            None => {}
        }
        match field("module") {
            Some("-") => assert!(
                finding.modules.is_empty(),
                "{name}: {}: {:?}",
                case.header,
                finding.modules
            ),
            Some(m) => assert!(
                finding.modules.iter().any(|x| x == m),
                "{name}: {}: {:?}",
                case.header,
                finding.modules
            ),
            None => {}
        }
        for key in ["key", "value", "status"] {
            if let Some(want) = field(key) {
                assert_eq!(
                    finding.params.get(key).map(String::as_str),
                    Some(want),
                    "{name}: {}: {key}",
                    case.header
                );
            }
        }
        assert!(
            !finding.lines.is_empty() && finding.lines[0] >= 1,
            "{name}: {}",
            case.header
        );
        assert!(finding.message.ends_with('.'), "{}", finding.message);
    }
    seen
}

#[test]
fn every_sample_shape_gets_its_code_host_and_module() {
    assert!(check_corpus("samples.txt", SAMPLES).len() > 30);
}

#[test]
fn every_real_capture_gets_its_code_host_and_module() {
    check_corpus("real-go1.27.txt", REAL_GO127);
    check_corpus("real-go1.19.txt", REAL_GO119);
}

#[test]
fn every_code_is_reachable() {
    let mut seen = check_corpus("samples.txt", SAMPLES);
    seen.extend(check_corpus("real-go1.27.txt", REAL_GO127));
    let missing: Vec<_> = DoctorCode::ALL
        .iter()
        .filter(|c| !seen.contains(c))
        .collect();
    assert!(missing.is_empty(), "unreachable codes: {missing:?}");
}

fn only(log: &[u8]) -> crate::doctor::DoctorFinding {
    let got = explain(log);
    assert_eq!(got.findings.len(), 1, "{:#?}", got.findings);
    got.findings.into_iter().next().expect("one")
}

#[test]
fn colours_crlf_cr_and_mixed_languages_do_not_matter() {
    let plain = "go: example.com/hello@v1.0.0: reading https://goproxy.example.com/example.com/hello/@v/v1.0.0.info: 401 Unauthorized\n\tserver response: authentication required\n";
    let want = only(plain.as_bytes());
    assert_eq!(want.code, DoctorCode::ProxyUnauthorized);
    assert_eq!(want.lines, vec![1, 2]);
    let coloured = format!("\x1b[1;31m{}\x1b[0m", plain.replace('\n', "\x1b[0m\n"));
    assert_eq!(only(coloured.as_bytes()), want);
    assert_eq!(only(plain.replace('\n', "\r\n").as_bytes()), want);
    assert_eq!(only(plain.replace('\n', "\r").as_bytes()), want);
    let chinese = format!("构建失败，请检查网络 — build failed\n{plain}完成。\n");
    let got = only(chinese.as_bytes());
    assert_eq!((got.code, got.lines), (want.code, vec![2, 3]));
}

#[test]
fn binary_bytes_give_no_findings() {
    let mut log = b"\x00\x01\xff\xfe go: x connection refused \x00\n".to_vec();
    log.extend((0..=255u8).cycle().take(10_000));
    log.extend_from_slice(b"\xc3\x28 \xe2\x82 random \xf0\x28\x8c\x28\n");
    assert_eq!(explain(&log).findings, vec![]);
}

#[test]
fn a_log_without_go_errors_has_no_findings() {
    let log = "go: downloading github.com/spf13/cobra v1.9.1\ngo: finding module for package example.com/x\n# get https://proxy.golang.org/example.com/x/@v/list\n# get https://proxy.golang.org/example.com/x/@v/list: 404 Not Found (0.120s)\nok  \texample.com/app\t0.01s\nBUILD SUCCESSFUL\n";
    let got = explain(log.as_bytes());
    assert_eq!(got.findings, vec![]);
    assert_eq!(got.lines, 6);
    assert_eq!(explain(b"").findings, vec![]);
}

#[test]
fn docker_build_logs_are_read_through_their_prefixes() {
    let buildkit = "#10 [builder 4/6] RUN go mod download\n#10 0.412 go: downloading github.com/spf13/cobra v1.9.1\n#10 3.456 go: github.com/spf13/cobra@v1.9.1: reading https://goproxy.example.com/github.com/spf13/cobra/@v/v1.9.1.zip: 502 Bad Gateway\n#10 3.457 \tserver response: upstream failed\n#10 ERROR: process \"/bin/sh -c go mod download\" did not complete successfully: exit code: 1\n------\n > [builder 4/6] RUN go mod download:\n3.456 go: github.com/spf13/cobra@v1.9.1: reading https://goproxy.example.com/github.com/spf13/cobra/@v/v1.9.1.zip: 502 Bad Gateway\n------\n";
    let f = only(buildkit.as_bytes());
    assert_eq!(f.code, DoctorCode::ProxyServerError);
    assert_eq!(f.host.as_deref(), Some("goproxy.example.com"));
    assert_eq!(f.modules, vec!["github.com/spf13/cobra@v1.9.1"]);
    assert_eq!(f.lines, vec![3, 4, 8]);
    assert_eq!(f.params.get("status").map(String::as_str), Some("502"));
    let classic = "Step 5/9 : RUN go mod download\n ---> Running in 3f2a1b\ngo: example.com/hello@v1.0.0: Get \"https://goproxy.invalid/example.com/hello/@v/v1.0.0.info\": dial tcp: lookup goproxy.invalid on 127.0.0.11:53: no such host\nThe command '/bin/sh -c go mod download' returned a non-zero code: 1\n";
    let f = only(classic.as_bytes());
    assert_eq!((f.code, f.lines.clone()), (DoctorCode::NetDns, vec![3]));
}

#[test]
fn one_host_failing_for_forty_modules_is_one_finding() {
    let mut log = String::new();
    for i in 0..40 {
        log.push_str(&format!("go: downloading example.com/m{i} v1.0.{i}\n"));
        log.push_str(&format!("go: example.com/m{i}@v1.0.{i}: Get \"https://127.0.0.1:1/example.com/m{i}/@v/v1.0.{i}.info\": dial tcp 127.0.0.1:1: connect: connection refused\n"));
    }
    log.push_str("go: example.com/z@v1.0.0: Get \"https://127.0.0.1:2/example.com/z/@v/v1.0.0.info\": dial tcp 127.0.0.1:2: connect: connection refused\n");
    let got = explain(log.as_bytes());
    assert_eq!(got.findings.len(), 2, "{:#?}", got.findings);
    let f = &got.findings[0];
    assert_eq!(
        (f.code, f.host.as_deref()),
        (DoctorCode::NetRefused, Some("127.0.0.1:1"))
    );
    assert_eq!(f.modules.len(), 40);
    assert_eq!(f.modules[39], "example.com/m39@v1.0.39");
    assert_eq!(f.lines, (1..=40).map(|i| 2 * i).collect::<Vec<u32>>());
    assert_eq!(f.params.get("module_count").map(String::as_str), Some("40"));
    assert!(f.message.contains("39 more modules"), "{}", f.message);
    assert_eq!(got.findings[1].host.as_deref(), Some("127.0.0.1:2"));
}

#[test]
fn tidy_names_the_module_on_the_continuation_line() {
    let log = "go: finding module for package example.com/hello\ngo: example.com/app imports\n\texample.com/hello: module example.com/hello: reading https://goproxy.example.com/example.com/hello/@v/list: 404 Not Found\n\tserver response: not found: example.com/hello/@v/list\ngo: example.com/app imports\n\texample.com/lib imports\n\texample.com/deep: module example.com/deep: reading https://goproxy.example.com/example.com/deep/@v/list: 404 Not Found\n";
    let f = only(log.as_bytes());
    assert_eq!(f.code, DoctorCode::ProxyNotFound);
    assert_eq!(f.modules, vec!["example.com/hello", "example.com/deep"]);
    assert_eq!(f.lines, vec![2, 3, 4, 5, 6, 7]);
}

#[test]
fn a_security_error_is_one_finding_with_every_line() {
    let log = "go: downloading example.com/hello v1.0.0\nverifying example.com/hello@v1.0.0: checksum mismatch\n\tdownloaded: h1:x=\n\tgo.sum:     h1:y=\n\nSECURITY ERROR\nThis download does NOT match an earlier download recorded in go.sum.\nThe bits may have been replaced on the origin server, or an attacker may\nhave intercepted the download attempt.\n\nFor more information, see 'go help module-auth'.\n";
    let f = only(log.as_bytes());
    assert_eq!(f.code, DoctorCode::ChecksumGosumMismatch);
    assert_eq!(f.lines, (2..=11).collect::<Vec<u32>>());
    assert_eq!(f.severity, Severity::Error);
    let crate::findings::Fix::Manual { hint } = &f.fix else {
        panic!("manual")
    };
    assert!(!hint.contains("GOSUMDB=off") || hint.contains("Never GOSUMDB=off"));
}

#[test]
fn advisory_goauth_block_is_a_warning_after_the_error() {
    let log = "GOAUTH encountered errors for https://goproxy.corp.example.com/x/@v/list:\n  GOAUTH=/opt/auth: could not run command /opt/auth: fork/exec /opt/auth: no such file or directory\ngo: module x.example/m: reading https://goproxy.corp.example.com/x/@v/list: 401 Unauthorized\n";
    let got = explain(log.as_bytes());
    let codes: Vec<_> = got.findings.iter().map(|f| (f.code, f.severity)).collect();
    assert_eq!(
        codes,
        vec![
            (DoctorCode::ProxyUnauthorized, Severity::Error),
            (DoctorCode::AuthGoauthHelperFailed, Severity::Warning)
        ]
    );
}

#[test]
fn credentials_never_reach_host_or_url() {
    let f = only(b"go: example.com/hello@v1.0.0: reading https://alice:xxxxx@goproxy.example.com/example.com/hello/@v/v1.0.0.info: 403 Forbidden\n");
    assert_eq!(f.host.as_deref(), Some("goproxy.example.com"));
    assert_eq!(
        f.params.get("url").map(String::as_str),
        Some("https://goproxy.example.com/example.com/hello/@v/v1.0.0.info")
    );
}

#[test]
fn fixes_never_disable_verification() {
    for code in DoctorCode::ALL {
        let hint = words::hint(*code);
        for bad in [
            "GOSUMDB=off",
            "GOINSECURE",
            "-insecure",
            "GONOSUMDB=*",
            "GOFLAGS=-insecure",
        ] {
            assert!(
                !hint.contains(bad) || hint.contains(&format!("Never {bad}")),
                "{code}: {hint}"
            );
        }
    }
}

#[test]
fn huge_logs_keep_their_lists_capped() {
    let mut log = String::new();
    for i in 0..5_000 {
        log.push_str(&format!("go: example.com/m{i}@v1.0.0: Get \"https://127.0.0.1:1/x\": dial tcp 127.0.0.1:1: connect: connection refused\n"));
    }
    for i in 0..500 {
        log.push_str(&format!(
            "go: m@v1: reading https://h{i}.example/x: 500 Internal Server Error\n"
        ));
    }
    let got = explain(log.as_bytes());
    assert_eq!(got.findings.len(), group::MAX_FINDINGS);
    let f = &got.findings[0];
    assert_eq!(f.modules.len(), group::MAX_MODULES);
    assert_eq!(f.lines.len(), group::MAX_LINES);
    assert_eq!(
        f.params.get("lines_truncated").map(String::as_str),
        Some("5000")
    );
    assert!(f.params.contains_key("modules_truncated"));
    // One line of 20 MB.
    let long = "go: ".repeat(5_000_000);
    assert_eq!(explain(long.as_bytes()).lines, 1);
}

proptest::proptest! {
    #[test]
    fn random_bytes_never_panic(log in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..4096)) {
        let got = explain(&log);
        proptest::prop_assert!(got.lines as usize <= log.len());
    }

    #[test]
    fn go_lines_cut_anywhere_never_panic(cut in 0usize..4000, noise in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..64)) {
        let mut log = SAMPLES.as_bytes()[..cut.min(SAMPLES.len())].to_vec();
        log.extend(noise);
        log.extend_from_slice(&SAMPLES.as_bytes()[cut.min(SAMPLES.len())..]);
        let _ = explain(&log);
    }
}

#[test]
fn docs_list_every_code_with_its_hint() {
    let doc = include_str!("../../../../../docs/doctor.md");
    for code in DoctorCode::ALL {
        let row = doc
            .lines()
            .find(|l| l.starts_with(&format!("| `{}` |", code.as_str())))
            .unwrap_or_else(|| panic!("docs/doctor.md has no row for {code}"));
        assert!(
            row.contains(&words::hint(*code).replace('|', "\\|")),
            "docs/doctor.md: the hint for {code} differs from words.rs"
        );
        assert!(
            row.contains(code.title()),
            "docs/doctor.md: title of {code}"
        );
    }
}

/// Code, host and modules of every finding, the part docker or a terminal must not change.
fn essence(log: &[u8]) -> Vec<(DoctorCode, Option<String>, Vec<String>)> {
    explain(log)
        .findings
        .into_iter()
        .map(|f| (f.code, f.host, f.modules))
        .collect()
}

#[test]
fn real_captures_read_the_same_inside_docker_with_colours_and_crlf() {
    for corpus in [REAL_GO127, REAL_GO119] {
        for case in cases(corpus) {
            let want = essence(case.text.as_bytes());
            let mut buildkit = String::from("#7 [builder 3/5] RUN go mod download\r\n");
            for (i, line) in case.text.lines().enumerate() {
                // BuildKit prints an empty line as the prefix alone.
                let colour = if line.is_empty() {
                    String::new()
                } else {
                    format!(" \x1b[31m{line}\x1b[0m")
                };
                buildkit.push_str(&format!("#7 {}.{:03}{colour}\r\n", i / 10, i % 1000));
            }
            buildkit.push_str("#7 ERROR: process \"/bin/sh -c go mod download\" did not complete successfully: exit code: 1\r\n");
            assert_eq!(essence(buildkit.as_bytes()), want, "{}", case.header);
        }
    }
}
