//! Checks (c) + (d) for git: `git clone` over the loopback git http-backend is refused without
//! a token and succeeds with the credential helper the CLI put in the scratch HOME's git config.

use crate::gate::keyring_bus;
use crate::git_server::start_git_server;
use crate::proc_scan::ProcScan;
use crate::support::*;
use crate::world::World;

/// (c) + (d): `git clone` over a loopback git http-backend with the credential helper the CLI
/// configured in the scratch HOME's git config.
#[test]
#[ignore = "needs a real Secret Service: make test-keyring"]
fn git_clone_through_the_credential_helper() {
    let Some(bus) = keyring_bus() else { return };
    let mut w = World::new(&bus, None);
    // A private repository with one commit, served bare.
    let src = w.sb.path().join("src");
    let root = w.sb.path().join("srv");
    std::fs::create_dir_all(&root).expect("mkdir");
    let s = src.display().to_string();
    let bare = root.join("private.git").display().to_string();
    for args in [
        vec!["init", "-q", "-b", "main", &s],
        vec![
            "-C",
            &s,
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@example.com",
            "commit",
            "-q",
            "--allow-empty",
            "-m",
            "private commit",
        ],
        vec!["clone", "-q", "--bare", &s, &bare],
    ] {
        let out = w.git(&args);
        assert!(out.status.success(), "git {args:?}: {}", text(&out));
    }
    let server = start_git_server(&w, &root);
    let base = format!("http://127.0.0.1:{}", server.port);
    let host = format!("127.0.0.1:{}", server.port);
    let v = w.cli_ok(&["private", "git-helper", &base, "--json"]);
    assert!(v["id"].as_str().is_some_and(|id| !id.is_empty()), "{v}");
    let gitconfig = std::fs::read_to_string(w.sb.home.join(".gitconfig")).expect(".gitconfig");
    assert!(gitconfig.contains("git-credential"), "{gitconfig}");

    let url = format!("{base}/private.git");
    let dest = w.sb.work.join("clone-denied").display().to_string();
    let out = w.git(&["clone", "-q", &url, &dest]);
    assert!(
        !out.status.success(),
        "cloned without a token: {}",
        text(&out)
    );

    w.token_set(&host, &[]);
    let dest = w.sb.work.join("clone").display().to_string();
    let scan = ProcScan::start(&w.forbidden, "git-credential");
    let out = w.git(&["clone", "-q", &url, &dest]);
    let seen = scan.finish();
    assert!(out.status.success(), "clone failed: {}", text(&out));
    eprintln!("git: the credential helper was caught running by the /proc scan: {seen}");
    let log = w.git(&["-C", &dest, "log", "--format=%s"]);
    assert_eq!(
        String::from_utf8_lossy(&log.stdout).trim(),
        "private commit"
    );
    drop(server);
    w.assert_no_leak(&[], 8);
}
