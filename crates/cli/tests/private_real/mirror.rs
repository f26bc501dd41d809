//! The Go side of the module tests: a loopback HTTPS mirror that wants the token, go pointed
//! at it alone, and what a good (or refused) `go mod download` looks like.

use crate::support::*;
use crate::world::World;
use crate::{MODULE, USER};
use go_integration_tests::Toolchain;
use mirror_sim::{Credential, MirrorBehavior, SimMirror, SimModule};
use std::path::Path;
use std::process::Output;

/// An HTTPS mirror that serves MODULE only with Basic `alice:<token>`.
pub fn private_mirror(token: &str) -> SimMirror {
    let mut behavior = MirrorBehavior::default()
        .https()
        .with_auth(&format!("/{MODULE}/"), Credential::basic(USER, token));
    behavior.modules = vec![SimModule::new(MODULE, &["v1.0.0", "v1.1.0"])];
    SimMirror::start(behavior).expect("start mirror")
}

pub fn point_go_at(w: &mut World, mirror: &SimMirror) {
    // Only the loopback mirror, no direct fallback, no checksum database: no real network.
    w.sb.set("GOPROXY", &mirror.url());
    w.sb.set("GOSUMDB", "off");
    w.cli_ok(&["private", "add", MODULE, "--key", "GONOSUMDB", "--json"]);
}

/// `go mod download` of MODULE v1.1.0.
pub fn download(w: &mut World, tc: &Toolchain) -> Output {
    let args = [
        "mod",
        "download",
        "-json",
        "corp.example.com/team/lib@v1.1.0",
    ];
    w.go(tc, &args)
}

pub fn assert_downloaded(out: &Output) {
    assert!(out.status.success(), "download failed: {}", text(out));
    let v = json(out);
    assert_eq!(v["Version"], "v1.1.0", "{v}");
    let dir = v["Dir"].as_str().unwrap_or_default();
    assert!(Path::new(dir).join("lib.go").is_file(), "{v}");
}

/// The download failed because the mirror refused it, not for some unrelated reason.
pub fn assert_401(out: &Output) {
    assert!(
        !out.status.success(),
        "downloaded without a token: {}",
        text(out)
    );
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(all.contains("401 Unauthorized"), "{}", text(out));
}
