//! Checks (b) + (d) for go1.19, which has no GOAUTH: the CLI refuses GOAUTH and, on the
//! `--netrc` opt-in, writes a 0600 .netrc, the only file allowed to hold the token.

use crate::gate::{keyring_bus, toolchain};
use crate::mirror::{assert_401, assert_downloaded, download, point_go_at, private_mirror};
use crate::support::*;
use crate::world::World;
use crate::MODULE;

/// (b) + (d): go1.19 (no GOAUTH) through the .netrc the app wrote on opt-in.
#[test]
#[ignore = "needs a real Secret Service: make test-keyring"]
fn go119_downloads_through_the_netrc_the_app_wrote() {
    let Some(bus) = keyring_bus() else { return };
    let Some(tc) = toolchain("go1.19") else {
        return;
    };
    let mut w = World::new(&bus, Some(&tc));
    let mirror = private_mirror(&w.token);
    point_go_at(&mut w, &mirror);
    let host = format!("127.0.0.1:{}", mirror.addr().port());
    let out = w.cli(&["private", "goauth"]);
    assert!(
        !out.status.success(),
        "go1.19 has no GOAUTH: {}",
        text(&out)
    );
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("--netrc"),
        "{}",
        text(&out)
    );

    assert_401(&download(&mut w, &tc));
    w.token_set(&host, &["--netrc"]);
    let netrc = w.sb.home.join(".netrc");
    let content = std::fs::read_to_string(&netrc).expect(".netrc written");
    assert!(
        content.contains("machine 127.0.0.1 login alice"),
        "both forms are written"
    );
    use std::os::unix::fs::PermissionsExt as _;
    let mode = std::fs::metadata(&netrc)
        .expect("meta")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
    let out = download(&mut w, &tc);
    assert_downloaded(&out);
    let report = w.cli_ok(&["private", "test", MODULE, "--json"]);
    assert_eq!(report["ok"], true, "{report}");
    let status = w.cli_ok(&["netrc", "status", "--json"]);
    assert!(!status["loose_mode"].as_bool().unwrap_or(true), "{status}");
    // The opted-in .netrc is the one file allowed to hold it.
    w.assert_no_leak(&[netrc], 8);
}
