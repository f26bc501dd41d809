//! Write parity: `EnvFile::rewrite` produces the same bytes as the real `go env -w` / `go env -u`
//! after every step of many generated edit sequences, and `validate_ops` refuses everything the
//! real go command refuses (with the matching error code). Runs against go1.27 and go1.19.
#![cfg(unix)]

use go_integration_tests::{toolchains, Sandbox, Toolchain};
use goproxy_core::goenv::file::EnvFile;
use goproxy_core::goenv::keys::validate_ops;
use goproxy_core::goenv::EnvOp;
use goproxy_core::goversion::GoVersion;
use goproxy_core::ErrorCode;
use std::time::Instant;

/// Deterministic SplitMix64, so a failure names a seed that reproduces it.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Pieces of starting files: comments, blanks, duplicates, unknown, lower-case, indented, CRLF,
/// spaced keys, non-key lines. Nothing that would make `go env -w` itself fail (GOTOOLCHAIN, GOROOT).
const FRAGMENTS: &[&[u8]] = &[
    b"# go env config\n",
    b"\n",
    b"   \n",
    b"GOPROXY=https://goproxy.cn,direct\n",
    b"GOPRIVATE=a.example\n",
    b"GOPRIVATE=b.example\n",
    b"GOSUMDB=off\r\n",
    b"GOFLAGS=-mod=mod\r\n",
    b"GOSUMDB = sum.golang.org\n",
    b"FOO=bar\n",
    b"ZETA=last\n",
    b"AAA=first\n",
    b"goproxy=lower\n",
    b"  GONOSUMDB=indented\n",
    b"\tGOINSECURE=tab\n",
    b"no equals here\n",
    b"=novalue\n",
    b"A#B=hash\n",
    b"#GOPROXY=commented\n",
    b"GOPROXY=\n",
    b"CGO_CFLAGS=-O2 -g\n",
    b"GONOPROXY=x.example\n",
    b"GO111MODULE=on\n",
    b"\r\n",
];

fn start_file(rng: &mut Rng) -> Option<Vec<u8>> {
    match rng.below(14) {
        0 => return None,
        1 => return Some(Vec::new()),
        _ => {}
    }
    let mut out = Vec::new();
    for _ in 0..1 + rng.below(9) {
        if rng.chance(8) {
            out.extend((0..1 + rng.below(24)).map(|_| (rng.next() & 0xff) as u8));
        } else {
            let fragment = FRAGMENTS[rng.below(FRAGMENTS.len())];
            out.extend_from_slice(fragment);
        }
    }
    if rng.chance(25) && out.last() == Some(&b'\n') {
        out.pop();
    }
    Some(out)
}

const FREE: &[&str] = &[
    "-O2 -g",
    "-I'/opt/a b' -DX=\"y z\"",
    "a|b,c",
    "ünïcødé ✓ 日本",
    "=starts with eq",
    "#not a comment",
    "  leading and trailing  ",
    "$HOME/x",
    "back\\slash",
    "tab\tinside",
    "",
    "'single'",
    "\"double\"",
];

/// A value our rules accept for `key` (the caller re-validates and retries).
fn good_value(rng: &mut Rng, key: &str) -> String {
    let pool: &[&str] = match key {
        "GOPROXY" => &[
            "https://proxy.golang.org,direct",
            "https://goproxy.cn|https://proxy.golang.org|direct",
            "off",
            "direct",
            "file:///tmp/cache",
            " https://a.example , direct",
            "https://u:p@corp.example/p|direct",
            "goproxy.io,direct",
        ],
        "GOSUMDB" => &[
            "sum.golang.org",
            "off",
            "sum.golang.google.cn",
            "sum.golang.org https://sum.golang.google.cn",
        ],
        "GOPRIVATE" | "GONOPROXY" | "GONOSUMDB" | "GOINSECURE" => &[
            "corp.example.com",
            "*.corp.example.com,github.com/org",
            "ü.example/ß",
            "none",
            "",
        ],
        "GOVCS" => &[
            "public:git|hg,private:all",
            "*:off",
            "github.com:git,*:git|hg",
        ],
        "GO111MODULE" => &["on", "off", "auto", ""],
        "GOFLAGS" => &[
            "-mod=mod",
            "-trimpath -modcacherw",
            "'-ldflags=-s -w' -mod=readonly",
            "",
        ],
        "GOTMPDIR" | "GOBIN" | "GOMODCACHE" | "GOPATH" => {
            &["/tmp/with space/ü", "/opt/go path", "/x"]
        }
        "GOAUTH" => &["netrc", "off", "netrc;/usr/bin/helper --x", "git /tmp"],
        "GOTOOLCHAIN" => &["local", "auto", "path", "local+path"],
        "CGO_ENABLED" => &["0", "1"],
        _ => FREE,
    };
    rng.pick(pool).to_string()
}

/// Values Go stores but our rules refuse: they still exercise the rewriter.
const LENIENT: &[(&str, &str)] = &[
    ("GOPROXY", ""),
    ("GOSUMDB", ""),
    ("GOPRIVATE", "a.example, b.example"),
    ("GOPROXY", "foo"),
    ("GONOPROXY", "https://x.example"),
    ("GOFLAGS", "-nosuchflag"),
];

const COMMON_KEYS: &[&str] = &[
    "CGO_CFLAGS",
    "CGO_LDFLAGS",
    "AR",
    "PKG_CONFIG",
    "GOFLAGS",
    "GOPROXY",
    "GOSUMDB",
    "GOPRIVATE",
    "GONOPROXY",
    "GONOSUMDB",
    "GOINSECURE",
    "GOVCS",
    "GO111MODULE",
    "GOTMPDIR",
    "GOBIN",
    "GOMODCACHE",
    "GOPATH",
    "CGO_ENABLED",
];

/// Keys the go command of `version` accepts (incl. keys already in `file` for 1.21+, if expressible).
fn key_pool(version: GoVersion, file: &EnvFile) -> Vec<String> {
    let mut keys: Vec<String> = COMMON_KEYS.iter().map(|k| k.to_string()).collect();
    if version.has_goauth() {
        keys.extend(["GOAUTH".into(), "GOTOOLCHAIN".into()]);
    }
    for (k, _) in file.entries() {
        if !k.is_empty() && !k.contains(['\u{fffd}', '\0', '=']) && !k.chars().any(char::is_control)
        {
            keys.push(k);
        }
    }
    keys
}

/// Keys or values Go refuses (never GOROOT: go1.19 would accept it and break the sandbox).
fn bad_op(rng: &mut Rng, version: GoVersion, unset: bool) -> EnvOp {
    let mut keys = vec![
        "GOVERSION",
        "GOENV",
        "GOMOD",
        "GOEXE",
        "NOTAVAR",
        "goproxy",
        "GODEBUG",
        "GOTELEMETRY",
    ];
    if !version.has_goauth() {
        keys.extend(["GOAUTH", "GOTOOLCHAIN"]);
    } else {
        keys.push("GOROOT");
    }
    if unset || rng.chance(40) {
        let key = *rng.pick(&keys);
        return if unset {
            EnvOp::unset(key)
        } else {
            EnvOp::set(key, "x")
        };
    }
    let (key, value) = *rng.pick(&[
        ("GOPROXY", "a\nb"),
        ("CGO_CFLAGS", "a\rb"),
        ("GOFLAGS", "a\u{b}b"),
        ("GO111MODULE", "yes"),
        ("GOPATH", "relative/go"),
        ("GOPATH", "~/go"),
        ("GOMODCACHE", "rel"),
        ("GOTMPDIR", "rel"),
        ("CC", "bin/gcc"),
        ("GOEXPERIMENT", "nosuchexperiment"),
        ("GOOS", "plan10"),
    ]);
    EnvOp::set(key, value)
}

fn args(ops: &[EnvOp]) -> Vec<String> {
    let unset = matches!(ops.first(), Some(EnvOp::Unset { .. }));
    let mut out = vec![
        "env".to_string(),
        if unset { "-u" } else { "-w" }.to_string(),
    ];
    out.extend(ops.iter().map(|op| match op {
        EnvOp::Set { key, value } => format!("{key}={value}"),
        EnvOp::Unset { key } => key.clone(),
    }));
    out
}

/// The codes our validation may use for Go's refusal message.
fn allowed_codes(stderr: &str) -> &'static [ErrorCode] {
    if stderr.contains("cannot be modified")
        || stderr.contains("can only be set using the OS environment")
    {
        &[ErrorCode::ReadOnlyKey]
    } else if stderr.contains("unknown go command variable") {
        // InvalidInput: our key-shape rule (e.g. a space in the key) fires before the lookup.
        &[ErrorCode::UnknownKey, ErrorCode::InvalidInput]
    } else {
        &[ErrorCode::InvalidInput, ErrorCode::EmptyValueHidesDefault]
    }
}

fn go_version(sb: &Sandbox, tc: &Toolchain) -> GoVersion {
    let out = sb.go(tc, &["env", "GOVERSION"]);
    GoVersion::parse(&String::from_utf8_lossy(&out.stdout)).expect("go version")
}

fn read(sb: &Sandbox) -> Option<Vec<u8>> {
    std::fs::read(&sb.goenv).ok()
}

fn write(sb: &Sandbox, content: Option<&[u8]>) {
    match content {
        Some(bytes) => std::fs::write(&sb.goenv, bytes).expect("write GOENV"),
        None => {
            let _ = std::fs::remove_file(&sb.goenv);
        }
    }
}

#[derive(Default, Debug)]
struct Stats {
    sequences: usize,
    invocations: usize,
    stricter: usize,
    refused: usize,
}

/// Runs one toolchain's share of generated sequences; panics with the seed on any difference.
fn run_sequences(tc: &Toolchain, seed: u64, sequences: usize) -> Stats {
    let sb = Sandbox::new();
    let version = go_version(&sb, tc);
    let mut stats = Stats::default();
    for n in 0..sequences {
        let case_seed = seed.wrapping_add(n as u64);
        let mut rng = Rng(case_seed);
        let mut current = start_file(&mut rng);
        write(&sb, current.as_deref());
        stats.sequences += 1;
        for step in 0..1 + rng.below(5) {
            let file = EnvFile::parse(current.as_deref().unwrap_or_default());
            let unset = rng.chance(30);
            let bad_at = rng.chance(12).then(|| rng.below(3));
            let mut ops: Vec<EnvOp> = Vec::new();
            for i in 0..1 + rng.below(3) {
                if bad_at == Some(i) {
                    ops.push(bad_op(&mut rng, version, unset));
                    continue;
                }
                // Retry until the op is one our rules accept (or a deliberate lenient one).
                for _ in 0..30 {
                    let op = if !unset && bad_at.is_none() && rng.chance(10) {
                        let (k, v) = *rng.pick(LENIENT);
                        EnvOp::set(k, v)
                    } else {
                        let key = rng.pick(&key_pool(version, &file)).clone();
                        if unset {
                            EnvOp::unset(key)
                        } else {
                            EnvOp::set(&key, good_value(&mut rng, &key))
                        }
                    };
                    // Go also accepts keys with spaces that are already in the file (1.21+).
                    let spaced = op.key().contains(' ') && version.has_goroot_go_env();
                    let lenient = bad_at.is_none()
                        && (spaced || LENIENT.iter().any(|(k, v)| op == EnvOp::set(*k, *v)));
                    let clean = validate_ops(std::slice::from_ref(&op), version, &file).is_ok();
                    if (clean || lenient) && ops.iter().all(|o| o.key() != op.key()) {
                        ops.push(op);
                        break;
                    }
                }
            }
            if ops.is_empty() {
                continue;
            }
            let argv = args(&ops);
            let argv_ref: Vec<&str> = argv.iter().map(String::as_str).collect();
            let out = sb.go(tc, &argv_ref);
            stats.invocations += 1;
            let ours = validate_ops(&ops, version, &file);
            let ctx = format!(
                "{} seed {case_seed} step {step}: go {argv:?}\nstart {current:?}",
                tc.name
            );
            let after = read(&sb);
            if !out.status.success() {
                let stderr = String::from_utf8_lossy(&out.stderr);
                assert_eq!(after, current, "{ctx}: a failing go env changed the file");
                if current.is_none() && unset && stderr.contains("reading go env config") {
                    continue; // `go env -u` needs an existing file; there is nothing to change.
                }
                let err = ours.expect_err(&format!(
                    "{ctx}: go refused ({stderr}) but validate_ops accepted"
                ));
                assert!(
                    allowed_codes(&stderr).contains(&err.code),
                    "{ctx}: go said {stderr} but we said {err:?}"
                );
                stats.refused += 1;
                continue;
            }
            if ours.is_err() {
                stats.stricter += 1;
            }
            let expected = file.rewrite(&ops);
            let after = after.expect("go env wrote no file");
            assert!(
                after == expected.as_bytes(),
                "{ctx}\n go: {:?}\nours: {:?}",
                String::from_utf8_lossy(&after),
                String::from_utf8_lossy(expected.as_bytes())
            );
            current = Some(after);
        }
    }
    stats
}

#[test]
fn rewrite_matches_go_env_byte_for_byte() {
    let start = Instant::now();
    let handles: Vec<_> = toolchains()
        .into_iter()
        .enumerate()
        .map(|(i, tc)| {
            std::thread::spawn(move || {
                let stats = run_sequences(&tc, 0x5EED_0000 + 1_000_000 * i as u64, 600);
                (tc.name, stats)
            })
        })
        .collect();
    for h in handles {
        let (name, stats) = h.join().expect("parity thread panicked");
        eprintln!("{name}: {stats:?}");
        assert!(
            stats.invocations > 500,
            "{name}: too few invocations ran: {stats:?}"
        );
    }
    eprintln!("write parity took {:?}", start.elapsed());
}

/// Fixed refusals: read-only keys, unknown keys, control characters, GOENV, duplicates, Go's
/// value checks. Each must fail in the real go command AND in validate_ops with a matching code.
#[test]
fn everything_go_refuses_validate_ops_refuses() {
    for tc in toolchains() {
        let sb = Sandbox::new();
        let version = go_version(&sb, &tc);
        let start: &[u8] = b"FOO=bar\ngoproxy=x\n";
        let mut cases: Vec<Vec<EnvOp>> = Vec::new();
        let mut read_only = vec![
            "GOEXE",
            "GOGCCFLAGS",
            "GOHOSTARCH",
            "GOHOSTOS",
            "GOMOD",
            "GOTOOLDIR",
            "GOVERSION",
            "GOWORK",
            "GOENV",
        ];
        if version.at_least(1, 27) {
            read_only.extend(["GOROOT", "GOTELEMETRY", "GOTELEMETRYDIR", "GODEBUG"]);
        }
        for key in read_only {
            cases.push(vec![EnvOp::set(key, "x")]);
            cases.push(vec![EnvOp::unset(key)]);
        }
        let mut unknown = vec!["NOTAVAR", "goproxy", "GOPROXY2", "GO PROXY"];
        if !version.has_goauth() {
            unknown.extend(["GOAUTH", "GOTOOLCHAIN", "GODEBUG", "GOTELEMETRY", "FOO"]);
        }
        for key in unknown {
            cases.push(vec![EnvOp::set(key, "x")]);
            cases.push(vec![EnvOp::unset(key)]);
        }
        for value in ["a\nb", "a\rb", "a\u{b}b", "\n"] {
            for key in ["GOPROXY", "GOFLAGS", "CGO_CFLAGS"] {
                cases.push(vec![EnvOp::set(key, value)]);
            }
        }
        cases.push(vec![
            EnvOp::set("GOPROXY", "direct"),
            EnvOp::set("GOPROXY", "off"),
        ]);
        cases.push(vec![
            EnvOp::set("GOPRIVATE", "a.example"),
            EnvOp::set("GOENV", "/tmp/x"),
        ]);
        for (key, value) in [
            ("GO111MODULE", "yes"),
            ("GOPATH", "relative/go"),
            ("GOPATH", "~/go"),
            ("GOMODCACHE", "rel"),
            ("GOTMPDIR", "rel"),
            ("CC", "bin/gcc"),
            ("CXX", "'unterminated"),
            ("GOOS", ""),
            ("GOOS", "plan10"),
            ("GOARCH", "bogus"),
            ("GOEXPERIMENT", "nosuchexperiment"),
        ] {
            cases.push(vec![EnvOp::set(key, value)]);
        }
        // Generated: one refused op among clean ones, in random order.
        let mut rng = Rng(0xBAD_0000 + version.minor as u64);
        let file = EnvFile::parse(start);
        for _ in 0..60 {
            let unset = rng.chance(30);
            let mut ops = vec![bad_op(&mut rng, version, unset)];
            for _ in 0..rng.below(3) {
                let key = *rng.pick(&COMMON_KEYS[..10]);
                let op = if unset {
                    EnvOp::unset(key)
                } else {
                    EnvOp::set(key, good_value(&mut rng, key))
                };
                if ops.iter().all(|o| o.key() != key)
                    && validate_ops(std::slice::from_ref(&op), version, &file).is_ok()
                {
                    let at = rng.below(ops.len() + 1);
                    ops.insert(at, op);
                }
            }
            cases.push(ops);
        }
        for ops in &cases {
            write(&sb, Some(start));
            let argv = args(ops);
            let argv_ref: Vec<&str> = argv.iter().map(String::as_str).collect();
            let out = sb.go(&tc, &argv_ref);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(
                !out.status.success(),
                "{}: expected go to refuse {argv:?}",
                tc.name
            );
            assert_eq!(
                read(&sb).as_deref(),
                Some(start),
                "{}: refused go env changed the file",
                tc.name
            );
            let err = validate_ops(ops, version, &file).expect_err(&format!(
                "{}: go refused {argv:?} ({stderr}) but validate_ops accepted",
                tc.name
            ));
            assert!(
                allowed_codes(&stderr).contains(&err.code),
                "{}: {argv:?}: go said {stderr} but we said {err:?}",
                tc.name
            );
            assert!(err.field.is_some(), "{err:?} names no field");
        }
        eprintln!("{}: {} refusals checked", tc.name, cases.len());
    }
}
