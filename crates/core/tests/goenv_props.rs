//! Property tests of the GOENV reader and writer on random bytes (CR, NUL, invalid UTF-8, huge
//! lines): reading never panics and keeps the bytes, and one `go env -w/-u` rewrite changes only
//! what Go's `updateEnvFile` changes (`cmd/go/internal/envcmd/env.go`): lines that set no key
//! stay in order, each other key keeps its last line, set keys get `K=V`, unset keys go.

use goproxy_core::goenv::file::EnvFile;
use goproxy_core::goenv::EnvOp;
use proptest::prelude::*;

/// Go's `lineToKey`: the text before the first `=`, unless it holds a `#`.
fn line_key(line: &[u8]) -> Option<&[u8]> {
    let eq = line.iter().position(|&b| b == b'=')?;
    let key = &line[..eq];
    (!key.is_empty() && !key.contains(&b'#')).then_some(key)
}

/// Lines split after each `\n`, a last line without one given one (as Go's writer does).
fn lines(bytes: &[u8]) -> Vec<Vec<u8>> {
    bytes
        .split_inclusive(|&b| b == b'\n')
        .map(|l| {
            let mut l = l.to_vec();
            if l.last() != Some(&b'\n') {
                l.push(b'\n');
            }
            l
        })
        .collect()
}

fn file_bytes() -> impl Strategy<Value = Vec<u8>> {
    let fragment = prop_oneof![
        4 => prop::sample::select(vec![
            "GOPROXY=https://goproxy.cn,direct\n", "GOPRIVATE=a.example\n", "GOPRIVATE=b\n",
            "GOSUMDB=off\r\n", "# comment\n", "\n", "\r\n", "  GOFLAGS=-x\n", "goproxy=lower\n",
            "A#B=hash\n", "=novalue\n", "no equals\n", "ZETA=z\n", "AAA=a\n", "GOSUMDB = x\n",
            "CGO_CFLAGS=-O2 -g\n", "GOPROXY=\n", "X=\0nul\n",
        ])
        .prop_map(|s| s.as_bytes().to_vec()),
        2 => prop::collection::vec(any::<u8>(), 1..40),
        1 => (1usize..100_000).prop_map(|n| {
            let mut l = b"GOFLAGS=".to_vec();
            l.extend(std::iter::repeat_n(b'x', n));
            l
        }),
    ];
    (prop::collection::vec(fragment, 0..12), any::<bool>()).prop_map(|(parts, chop)| {
        let mut out = parts.concat();
        if chop && out.last() == Some(&b'\n') {
            out.pop();
        }
        out
    })
}

/// One invocation: all sets (`go env -w`) or all unsets (`go env -u`), distinct keys.
fn ops() -> impl Strategy<Value = Vec<EnvOp>> {
    let key = prop::sample::select(vec![
        "GOPROXY",
        "GOPRIVATE",
        "GOSUMDB",
        "GOFLAGS",
        "ZETA",
        "AAA",
        "CGO_CFLAGS",
        "GONOSUMDB",
        "X",
        "NEWKEY",
    ]);
    let value = "[ -~\u{e9}\u{65e5}\r]{0,12}";
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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn reading_never_panics_and_keeps_the_bytes(bytes in prop::collection::vec(any::<u8>(), 0..3000)) {
        let file = EnvFile::parse(&bytes);
        prop_assert_eq!(file.as_bytes(), &bytes[..]);
        let _ = (file.entries(), file.crlf_keys(), file.ignored_lines(), file.get("GOPROXY"));
    }

    #[test]
    fn a_rewrite_changes_only_what_go_changes(bytes in file_bytes(), ops in ops()) {
        let file = EnvFile::parse(&bytes);
        let out = file.rewrite(&ops);
        let out = out.as_bytes();
        let before = lines(&bytes);
        let after = lines(out);
        prop_assert!(out.is_empty() || out.ends_with(b"\n"));
        // Lines that set no key: the same, in the same order.
        let plain = |ls: &[Vec<u8>]| {
            ls.iter().filter(|l| line_key(l).is_none()).cloned().collect::<Vec<_>>()
        };
        prop_assert_eq!(plain(&after), plain(&before));
        let touched = |k: &[u8]| ops.iter().any(|op| op.key().as_bytes() == k);
        // Each key not in `ops` keeps exactly its last line.
        for line in &before {
            let Some(key) = line_key(line) else { continue };
            if touched(key) {
                continue;
            }
            let last = before.iter().rev().find(|l| line_key(l) == Some(key));
            let now: Vec<_> = after.iter().filter(|l| line_key(l) == Some(key)).collect();
            prop_assert_eq!(now, vec![last.expect("itself")]);
        }
        for op in &ops {
            let key = op.key().as_bytes();
            let now: Vec<_> = after.iter().filter(|l| line_key(l) == Some(key)).collect();
            match op {
                EnvOp::Set { key, value } => {
                    let want = format!("{key}={value}\n").into_bytes();
                    prop_assert_eq!(now, vec![&want]);
                }
                EnvOp::Unset { .. } => prop_assert!(now.is_empty()),
            }
        }
        // Nothing else: every line is accounted for.
        let keys: std::collections::BTreeSet<_> = after.iter().filter_map(|l| line_key(l)).collect();
        prop_assert_eq!(after.len(), plain(&before).len() + keys.len());
    }
}
