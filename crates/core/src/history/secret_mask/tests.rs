use super::*;

fn s(b: Vec<u8>) -> String {
    String::from_utf8(b).expect("utf8")
}

#[test]
fn netrc_passwords_never_reach_the_mask() {
    let text = "machine a login u password p1\nmachine b\n  login v\n  password p2\r\n\
                macdef init\npassword inmacro\n\ndefault login d password p3\n";
    let masked = s(mask(Mask::Netrc, text.as_bytes()));
    for secret in ["p1", "p2", "p3"] {
        assert!(!masked.contains(secret), "{secret} in {masked:?}");
    }
    assert!(
        masked.contains("password inmacro"),
        "macro bodies are not entries"
    );
    assert!(masked.contains("machine a login u password "));
    // Unchanged file: every byte comes back.
    assert_eq!(
        s(unmask(
            Mask::Netrc,
            masked.as_bytes(),
            Some(text.as_bytes())
        )),
        text
    );
}

#[test]
fn undo_takes_untouched_passwords_from_the_file_and_drops_deleted_ones() {
    let before = "machine a login u password old\nmachine b login v password keep\n";
    let masked = mask(Mask::Netrc, before.as_bytes());
    // The change replaced a's password: undo keeps the current (new) one.
    let now = "machine a login u password new\nmachine b login v password keep\n";
    assert_eq!(
        s(unmask(Mask::Netrc, &masked, Some(now.as_bytes()))),
        "machine a login u password new\nmachine b login v password keep\n"
    );
    // The change removed a: its password is kept nowhere, so the pair is left out.
    let now = "machine b login v password keep\n";
    assert_eq!(
        s(unmask(Mask::Netrc, &masked, Some(now.as_bytes()))),
        "machine a login u \nmachine b login v password keep\n"
    );
    // A different login is a different credential.
    let now = "machine a login other password x\nmachine b login v password keep\n";
    assert!(!s(unmask(Mask::Netrc, &masked, Some(now.as_bytes()))).contains('x'));
}

#[test]
fn url_passwords_are_masked_in_any_config_file() {
    let text = "GOPROXY=https://alice:s3cr%40t@proxy.example:8443/go,direct\n\
                GONOSUMDB=x\n[url \"https://bob:tok@git.example/\"]\n";
    let masked = s(mask(Mask::UrlPasswords, text.as_bytes()));
    assert!(
        !masked.contains("s3cr") && !masked.contains("tok@"),
        "{masked:?}"
    );
    assert!(masked.contains("https://alice:"));
    assert_eq!(
        s(unmask(
            Mask::UrlPasswords,
            masked.as_bytes(),
            Some(text.as_bytes())
        )),
        text
    );
    // Gone from the file: the URL comes back without a password.
    assert_eq!(
        s(unmask(
            Mask::UrlPasswords,
            masked.as_bytes(),
            Some(b"GONOSUMDB=x\n")
        )),
        "GOPROXY=https://alice@proxy.example:8443/go,direct\n\
         GONOSUMDB=x\n[url \"https://bob@git.example/\"]\n"
    );
    // No userinfo, or a user without a password: nothing to mask.
    for plain in [
        "https://proxy.golang.org,direct",
        "https://u@h/",
        "a://b",
        "://",
        "",
    ] {
        assert_eq!(s(mask(Mask::UrlPasswords, plain.as_bytes())), plain);
    }
}

#[test]
fn other_bytes_survive_whatever_their_encoding() {
    let text = b"\xff\xfe\0garbage\nmachine h login u password p\n\xc3";
    let masked = mask(Mask::Netrc, text);
    assert!(find(&masked, b" p\n").is_none());
    assert_eq!(unmask(Mask::Netrc, &masked, Some(text)), text);
    assert_eq!(mask(Mask::UrlPasswords, text), text);
}

#[test]
fn a_secret_kept_nowhere_is_no_difference_to_the_fingerprint() {
    let with = b"machine h login u password p\nGOPROXY=https://u:pw@x/\n";
    let masked = mask(Mask::Netrc, with);
    let dropped = unmask(Mask::Netrc, &masked, None);
    assert_eq!(
        fingerprint(Mask::Netrc, with),
        fingerprint(Mask::Netrc, &dropped)
    );
    assert_ne!(
        fingerprint(Mask::Netrc, with),
        fingerprint(Mask::Netrc, b"machine h login v password p\n")
    );
}

#[test]
fn odd_input_never_panics_or_leaks_a_placeholder() {
    let cases: [&[u8]; 6] = [
        b"password",
        b"machine",
        b"\xff\xfe password x",
        b"https://:@",
        "machine \u{1}secret\u{1} password \u{1}secret\u{1}".as_bytes(),
        b"login password password x\n",
    ];
    for case in cases {
        for m in [Mask::Netrc, Mask::UrlPasswords] {
            let masked = mask(m, case);
            let back = unmask(m, &masked, None);
            assert!(find(&back, PLACEHOLDER).is_none());
        }
    }
}
