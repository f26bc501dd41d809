//! Checks (a) + (d) + (e) for go1.27: the token comes from the real keyring through the GOAUTH
//! helper the CLI configured, never through a .netrc, and the access test explains failures.

use crate::gate::{keyring_bus, toolchain};
use crate::mirror::{assert_401, assert_downloaded, download, point_go_at, private_mirror};
use crate::proc_scan::ProcScan;
use crate::support::*;
use crate::world::{random_token, World};
use crate::MODULE;

/// (a) + (d) + (e): go1.27, token from the real keyring through GOAUTH, no .netrc.
#[test]
#[ignore = "needs a real Secret Service: make test-keyring"]
fn go127_downloads_through_goauth_from_the_real_keyring() {
    let Some(bus) = keyring_bus() else { return };
    let Some(tc) = toolchain("go1.27") else {
        return;
    };
    let mut w = World::new(&bus, Some(&tc));
    let mirror = private_mirror(&w.token);
    point_go_at(&mut w, &mirror);
    let host = format!("127.0.0.1:{}", mirror.addr().port());
    let v = w.cli_ok(&["private", "goauth", "--json"]);
    let goauth = v["changes"][0]["new"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(
        goauth.starts_with("netrc;/") && goauth.ends_with(" goauth"),
        "{v}"
    );

    // Without a token: go gets the 401, the access test names the missing credential.
    let out = download(&mut w, &tc);
    assert_401(&out);
    let out = w.cli(&["private", "test", MODULE, "--json"]);
    assert!(!out.status.success(), "{}", text(&out));
    let report = json(&out);
    assert_eq!(report["failure"], "no_credential", "{report}");
    assert_eq!(report["steps"][0]["status"], 401, "{report}");
    let out = w.cli(&["private", "test", MODULE]);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("401 Unauthorized and no credential"),
        "{}",
        text(&out)
    );

    // A wrong token: go still gets the 401, the access test says the token is wrong.
    let right = std::mem::replace(&mut w.token, random_token());
    let wrong = w.token.clone();
    w.forbid(&wrong);
    w.token_set(&host, &[]);
    assert_401(&download(&mut w, &tc));
    let out = w.cli(&["private", "test", MODULE, "--json"]);
    assert_eq!(json(&out)["failure"], "unauthorized", "{}", text(&out));

    // With the right token in the real keyring (stdin only, replacing), served through GOAUTH.
    w.token = right;
    w.token_set(&host, &[]);
    let status = w.cli_ok(&["token", "status", &host, "--json"]);
    assert_eq!(status[0]["stored"], true, "{status}");
    let scan = ProcScan::start(&w.forbidden, "goauth");
    let out = download(&mut w, &tc);
    let seen = scan.finish();
    assert_downloaded(&out);
    eprintln!("go1.27: the goauth helper was caught running by the /proc scan: {seen}");
    assert!(!w.sb.home.join(".netrc").exists(), "no .netrc is written");
    let zip = format!("/{MODULE}/@v/v1.1.0.zip");
    assert!(mirror
        .requests()
        .iter()
        .any(|r| r.path == zip && r.status == 200 && r.auth_scheme.as_deref() == Some("Basic")));

    let report = w.cli_ok(&["private", "test", MODULE, "--json"]);
    assert_eq!(report["ok"], true, "{report}");
    let out = w.cli(&["private", "list"]);
    assert!(out.status.success(), "{}", text(&out));
    w.cli_ok(&["history", "--json"]);

    // Deleted from the keyring: the next fetch (another version, not cached) is refused again.
    let v = w.cli_ok(&["token", "delete", &host, "--json"]);
    assert_eq!(v["had_token"], true, "{v}");
    let out = w.go(
        &tc,
        &[
            "mod",
            "download",
            "-json",
            "corp.example.com/team/lib@v1.0.0",
        ],
    );
    assert_401(&out);

    assert!(
        w.sb.home
            .join(".local/share/goproxy-assistant/history")
            .is_dir(),
        "the journal is among the scanned files"
    );
    w.assert_no_leak(&[], 8);
}
