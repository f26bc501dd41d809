//! `make bench`: the Doctor's log explainer. Prints its throughput on a 20 MB log (the real
//! corpus and every sample shape buried in build noise, ANSI colours, CRLF, docker prefixes and
//! Chinese text), and on the error-sample corpus how many cases it classifies right next to a
//! baseline that applies the error-sample table's suggested regexes alone (first
//! match in table order wins). It asserts nothing.

use goproxy_core::doctor::log::explain;
use regex::Regex;
use std::time::Instant;

const SAMPLES: &str = include_str!("../src/doctor/log/corpus/samples.txt");
const REAL_GO127: &str = include_str!("../src/doctor/log/corpus/real-go1.27.txt");
const REAL_GO119: &str = include_str!("../src/doctor/log/corpus/real-go1.19.txt");
const LOG_BYTES: usize = 20 * 1024 * 1024;
const RUNS: usize = 5;

/// A `### code=... host=... module=...` case.
struct Case {
    code: String,
    host: Option<String>,
    module: Option<String>,
    text: String,
}

fn cases(corpus: &str) -> Vec<Case> {
    let mut out: Vec<Case> = Vec::new();
    for line in corpus.split_inclusive('\n') {
        if let Some(header) = line.strip_prefix("### ") {
            let field = |k: &str| {
                header
                    .split_whitespace()
                    .find_map(|f| f.strip_prefix(k)?.strip_prefix('='))
                    .map(str::to_string)
            };
            out.push(Case {
                code: field("code").unwrap_or_default(),
                host: field("host"),
                module: field("module"),
                text: String::new(),
            });
        } else if let Some(case) = out.last_mut() {
            case.text.push_str(line);
        }
    }
    out
}

/// The reference table's suggested regexes, in its order; codes it gives none for are absent.
fn baseline() -> Vec<(&'static str, Regex)> {
    let table = [
        (
            "net.dns",
            r"dial tcp: lookup (\S+?)( on \S+)?: no such host",
        ),
        ("net.refused", r"connect: connection refused"),
        (
            "net.timeout",
            r"i/o timeout|net/http: TLS handshake timeout|Client\.Timeout exceeded",
        ),
        ("net.reset", r"connection reset by peer"),
        (
            "tls.unknown_authority",
            r"x509: certificate signed by unknown authority",
        ),
        (
            "tls.name_mismatch",
            r"x509: certificate is valid for .*, not |doesn't contain any IP SANs",
        ),
        (
            "tls.expired",
            r"certificate has expired or is not yet valid",
        ),
        (
            "tls.not_tls",
            r"first record does not look like a TLS handshake",
        ),
        ("net.http_proxy", r#"(?m)proxyconnect tcp:|": Forbidden$"#),
        ("proxy.not_found", r"reading (\S+): (404|410) "),
        ("proxy.unauthorized", r"reading (\S+): 401 "),
        ("proxy.forbidden", r"reading (\S+): 403 "),
        ("proxy.teapot", r"reading (\S+): 418"),
        ("proxy.server_error", r"reading (\S+): 5\d\d "),
        ("auth.git_prompt", r"terminal prompts disabled"),
        (
            "auth.repo_missing_or_denied",
            r"fatal: repository '.*' not found|remote: .*not found",
        ),
        (
            "auth.insecure_url",
            r"refusing to pass credentials to insecure URL",
        ),
        (
            "auth.goauth_helper_failed",
            r"GOAUTH encountered errors for|cannot parse output of GOAUTH command",
        ),
        ("checksum.gosum_mismatch", r"SECURITY ERROR"),
        (
            "checksum.sumdb_mismatch",
            r"(?s)SECURITY ERROR.*checksum server",
        ),
        (
            "checksum.sumdb_unreachable",
            r#"verifying (go\.mod|module): .*(Get "|reading )\S*/lookup/"#,
        ),
        (
            "checksum.private_module_lookup",
            r"verifying (go\.mod|module): .*lookup/.*: (404|410) ",
        ),
        (
            "version.unknown_revision",
            r"invalid version: unknown revision (\S+)",
        ),
        ("version.no_match", r"no matching versions for query"),
        (
            "path.malformed",
            r#"malformed (module|import|file) path "([^"]*)": (.*)"#,
        ),
    ];
    table
        .into_iter()
        .filter_map(|(code, re)| Regex::new(re).ok().map(|re| (code, re)))
        .collect()
}

fn score(name: &str, corpus: &str, baseline: &[(&'static str, Regex)]) {
    let all = cases(corpus);
    let (mut code_ok, mut full_ok, mut base_ok) = (0, 0, 0);
    let mut misses = Vec::new();
    for case in &all {
        let got = explain(case.text.as_bytes());
        let first = got.findings.first();
        if first.is_some_and(|f| f.code.as_str() == case.code) {
            code_ok += 1;
            let f = first.expect("first");
            let host_ok = match case.host.as_deref() {
                None => true,
                Some("-") => f.host.is_none(),
                Some(h) => f.host.as_deref() == Some(h),
            };
            let module_ok = match case.module.as_deref() {
                None => true,
                Some("-") => f.modules.is_empty(),
                Some(m) => f.modules.iter().any(|x| x == m),
            };
            if host_ok && module_ok {
                full_ok += 1;
            }
        } else {
            misses.push(case.code.clone());
        }
        let base = baseline
            .iter()
            .find(|(_, re)| re.is_match(&case.text))
            .map(|(code, _)| *code);
        if base == Some(case.code.as_str()) {
            base_ok += 1;
        }
    }
    let n = all.len();
    println!(
        "doctor_log: {name}: {n} cases; Doctor code right {code_ok}/{n} (code+host+module {full_ok}/{n}); baseline regexes {base_ok}/{n}"
    );
    if !misses.is_empty() {
        println!("doctor_log: {name}: Doctor missed {misses:?}");
    }
}

/// The corpus and every sample shape again and again between build noise, up to `LOG_BYTES`.
fn big_log() -> Vec<u8> {
    let noise = [
        "go: downloading github.com/spf13/cobra v1.9.1\n",
        "#12 3.456 go: downloading golang.org/x/text v0.14.0\r\n",
        "\x1b[32m[INFO]\x1b[0m 构建中 building example.com/app ...\n",
        "Step 5/9 : RUN go mod download\n ---> Running in 3f2a1b\n",
        "# get https://proxy.golang.org/github.com/spf13/cobra/@v/list: 200 OK (0.120s)\n",
        "ok  \texample.com/app/internal/store\t0.213s\n",
        "main.go:12:2: warning: something harmless, a long line of ordinary compiler chatter follows here\n",
    ];
    let corpus: Vec<&str> = [SAMPLES, REAL_GO127, REAL_GO119]
        .iter()
        .flat_map(|c| c.split("\n### "))
        .collect();
    let mut log = Vec::with_capacity(LOG_BYTES + 4096);
    let mut i = 0usize;
    while log.len() < LOG_BYTES {
        for _ in 0..20 {
            log.extend_from_slice(noise[i % noise.len()].as_bytes());
            i += 1;
        }
        let case = corpus[i % corpus.len()];
        // Drop the header line: only go's text goes in.
        let body = case.split_once('\n').map(|(_, b)| b).unwrap_or("");
        log.extend_from_slice(body.as_bytes());
        log.push(b'\n');
    }
    log
}

fn main() {
    let baseline = baseline();
    score("error-sample corpus (samples.txt)", SAMPLES, &baseline);
    score("real go1.27 captures", REAL_GO127, &baseline);
    score("real go1.19 captures", REAL_GO119, &baseline);

    let log = big_log();
    let mb = log.len() as f64 / (1024.0 * 1024.0);
    let mut secs = Vec::new();
    let mut findings = 0;
    for _ in 0..RUNS {
        let start = Instant::now();
        let got = explain(&log);
        secs.push(start.elapsed().as_secs_f64());
        findings = got.findings.len();
    }
    secs.sort_by(f64::total_cmp);
    let median = secs[RUNS / 2];
    println!(
        "doctor_log: explain on a {mb:.1} MB log: median {:.0} ms over {RUNS} runs = {:.0} MB/s ({findings} findings)",
        median * 1000.0,
        mb / median
    );
}
