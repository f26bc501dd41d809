//! Write parity as a property test (proptest shrinks a failure to a small file and op list):
//! random GOENV files (CR, NUL, invalid UTF-8, long lines, duplicates, comments) and random
//! `go env -w` / `go env -u` steps give byte-identical files from the real go1.27 and from
//! `EnvFile::rewrite`. Bounded to a few hundred go invocations (`goenv_write_parity` runs more,
//! with generated refusals, against go1.27 and go1.19).
#![cfg(unix)]

use go_integration_tests::{toolchains, Sandbox};
use goproxy_core::goenv::file::EnvFile;
use goproxy_core::goenv::EnvOp;
use proptest::prelude::*;
use std::sync::atomic::{AtomicUsize, Ordering};

fn file_bytes() -> impl Strategy<Value = Option<Vec<u8>>> {
    let fragment = prop_oneof![
        5 => prop::sample::select(vec![
            "GOPROXY=https://goproxy.cn,direct\n", "GOPRIVATE=a.example\n", "GOPRIVATE=b\n",
            "GOSUMDB=off\r\n", "# comment\n", "\n", "\r\n", "  GONOSUMDB=x\n", "goproxy=lower\n",
            "A#B=hash\n", "=novalue\n", "no equals\n", "ZETA=z\n", "AAA=a\n", "GOSUMDB = x\n",
            "CGO_CFLAGS=-O2 -g\n", "GOPROXY=\n", "AR=\0nul\n", "GOINSECURE=c.example\r\n",
        ])
        .prop_map(|s| s.as_bytes().to_vec()),
        1 => prop::collection::vec(any::<u8>(), 1..24),
        1 => (1usize..20_000).prop_map(|n| {
            let mut l = b"CGO_LDFLAGS=".to_vec();
            l.extend(std::iter::repeat_n(b'y', n));
            l.push(b'\n');
            l
        }),
    ];
    let file = (prop::collection::vec(fragment, 0..10), any::<bool>()).prop_map(|(parts, chop)| {
        let mut out = parts.concat();
        if chop && out.last() == Some(&b'\n') {
            out.pop();
        }
        out
    });
    prop_oneof![1 => Just(None), 12 => file.prop_map(Some)]
}

/// Keys whose values go does not check when writing, plus keys that may already be in the file.
fn step() -> impl Strategy<Value = Vec<EnvOp>> {
    let key = prop::sample::select(vec![
        "GOPRIVATE",
        "GONOPROXY",
        "GONOSUMDB",
        "GOINSECURE",
        "CGO_CFLAGS",
        "CGO_LDFLAGS",
        "AR",
        "ZETA",
        "AAA",
    ]);
    let value = "[ -~\u{e9}\u{65e5}]{0,10}";
    (any::<bool>(), prop::collection::btree_map(key, value, 1..4)).prop_map(|(unset, kv)| {
        kv.into_iter()
            .map(|(k, v)| {
                if unset {
                    EnvOp::unset(k)
                } else {
                    EnvOp::set(k, v)
                }
            })
            .collect()
    })
}

#[test]
fn random_files_and_edits_match_go_env_byte_for_byte() {
    let Some(tc) = toolchains().into_iter().find(|t| t.name == "go1.27") else {
        return;
    };
    let sb = Sandbox::new();
    let compared = AtomicUsize::new(0);
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(300));
    runner
        .run(
            &(file_bytes(), prop::collection::vec(step(), 1..4)),
            |(start, steps)| {
                match &start {
                    Some(bytes) => std::fs::write(&sb.goenv, bytes).expect("write GOENV"),
                    None => {
                        let _ = std::fs::remove_file(&sb.goenv);
                    }
                }
                let mut current = start;
                for ops in steps {
                    let unset = matches!(ops[0], EnvOp::Unset { .. });
                    let mut args = vec!["env".to_string(), if unset { "-u" } else { "-w" }.into()];
                    args.extend(ops.iter().map(|op| match op {
                        EnvOp::Set { key, value } => format!("{key}={value}"),
                        EnvOp::Unset { key } => key.clone(),
                    }));
                    let argv: Vec<&str> = args.iter().map(String::as_str).collect();
                    let out = sb.go(&tc, &argv);
                    let after = std::fs::read(&sb.goenv).ok();
                    if !out.status.success() {
                        // go refused (e.g. an unknown key not in the file): nothing may change.
                        prop_assert_eq!(&after, &current, "go {:?}", args);
                        continue;
                    }
                    let expected =
                        EnvFile::parse(current.as_deref().unwrap_or_default()).rewrite(&ops);
                    let after = after.expect("go env wrote no file");
                    prop_assert!(
                        after == expected.as_bytes(),
                        "go {:?} on {:?}\n  go: {:?}\nours: {:?}",
                        args,
                        current.as_deref().map(String::from_utf8_lossy),
                        String::from_utf8_lossy(&after),
                        String::from_utf8_lossy(expected.as_bytes())
                    );
                    compared.fetch_add(1, Ordering::Relaxed);
                    current = Some(after);
                }
                Ok(())
            },
        )
        .expect("EnvFile::rewrite matches go env -w/-u");
    let compared = compared.into_inner();
    assert!(
        compared >= 300,
        "only {compared} go env runs succeeded to compare"
    );
}
