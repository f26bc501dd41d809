//! Property tests of the .netrc reader and editor: on any text (CR, NUL, odd spaces, macros,
//! `default`, huge lines) nothing panics, and an edit changes only the entries it targets: every
//! other byte stays, and what Go reads for the other machines stays the same.

use super::*;
use crate::netrc::parse::{entry_credential, go_entries};
use proptest::prelude::*;

const MACHINE: &str = "h.example";

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec![
            "machine", "login", "password", "default", "macdef", "account", MACHINE,
            "h.example:8443", "other.example", "alice", "s3cret", "#", "# comment", "\"q\"",
        ])
        .prop_map(str::to_string),
        3 => prop::sample::select(vec![
            " ", " ", "\t", "  ", "\n", "\n", "\r\n", "\n\n", "\r", "\u{a0}", "\u{2028}",
            "\u{3000}", "\u{85}", "\u{b}", "\u{c}",
        ])
        .prop_map(str::to_string),
        1 => "[a-z0-9.:\u{0}\u{e9}\u{fffd}]{1,8}",
    ]
}

/// A line of words and spaces, ending in `\n`, `\r\n` or nothing.
fn line() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(
            (
                prop::sample::select(vec![
                    "machine",
                    "login",
                    "password",
                    "default",
                    "macdef",
                    "account",
                    MACHINE,
                    MACHINE,
                    "other.example",
                    "alice",
                    "s3cret",
                ]),
                prop::sample::select(vec![" ", " ", "\t", "  ", "\u{a0}", "\u{2028}"]),
            ),
            0..7,
        ),
        prop::sample::select(vec!["\n", "\n", "\r\n", ""]),
    )
        .prop_map(|(words, end)| {
            let mut out: String = words.iter().map(|(w, s)| format!("{w}{s}")).collect();
            out.push_str(end);
            out
        })
}

fn netrc_text() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::collection::vec(line(), 0..10).prop_map(|l| l.concat()),
        4 => prop::collection::vec(piece(), 0..40).prop_map(|p| p.concat()),
        1 => prop::collection::vec(any::<u8>(), 0..300)
            .prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
        1 => (0usize..200_000).prop_map(|n| format!("machine {MACHINE} login {}\n", "x".repeat(n))),
    ]
}

/// The text without the lines of `machine`'s entries (what an edit of it must leave alone).
fn without_entries(text: &str, machine: &str) -> String {
    let parsed = parse(text);
    let entries = entry_lines(text, &parsed, machine).expect("the entries were editable");
    let mut out = String::new();
    for (i, line) in parsed.lines.iter().enumerate() {
        if !entries
            .iter()
            .any(|(first, last)| (*first..=*last).contains(&i))
        {
            out.push_str(&text[line.span.clone()]);
        }
    }
    out
}

fn others(text: &str, machine: &str) -> Vec<(String, String, String)> {
    go_entries(&parse(text))
        .into_iter()
        .filter(|e| e.machine != machine)
        .map(|e| (e.machine, e.login, e.password))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn reading_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        let text = String::from_utf8_lossy(&bytes);
        let parsed = parse(&text);
        let _ = go_entries(&parsed);
        let _ = entry_lines(&text, &parsed, MACHINE);
        let _ = entry_credential(&parsed, MACHINE);
        let _ = remove_machines(&text, &[MACHINE]);
    }

    #[test]
    fn setting_changes_only_that_machine(text in netrc_text()) {
        let cred = MachineCredential { machine: MACHINE, login: "new-login", password: "new-pw" };
        let Ok(out) = set_machines(&text, &[cred]) else { return Ok(()) };
        // Every other byte stays (a last line without `\n` gets one before an appended entry).
        let (before, after) = (without_entries(&text, MACHINE), without_entries(&out, MACHINE));
        prop_assert!(
            after == before || (!text.ends_with('\n') && after == format!("{before}\n")),
            "{text:?} -> {out:?}"
        );
        prop_assert_eq!(others(&out, MACHINE), others(&text, MACHINE), "{:?} -> {:?}", text, out);
        // Go now reads the new credential for the machine.
        let first = go_entries(&parse(&out)).into_iter().find(|e| e.machine == MACHINE);
        prop_assert_eq!(
            first.map(|e| (e.login, e.password)),
            Some(("new-login".to_string(), "new-pw".to_string())),
            "{:?} -> {:?}", text, out
        );
    }

    #[test]
    fn removing_changes_only_that_machine(text in netrc_text()) {
        let Ok(out) = remove_machines(&text, &[MACHINE]) else { return Ok(()) };
        prop_assert_eq!(&out, &without_entries(&text, MACHINE));
        prop_assert!(go_entries(&parse(&out)).iter().all(|e| e.machine != MACHINE));
        prop_assert_eq!(others(&out, MACHINE), others(&text, MACHINE), "{:?} -> {:?}", text, out);
    }
}
