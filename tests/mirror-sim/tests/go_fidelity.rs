//! The simulator's fidelity: the real go command downloads its modules (HTTP and HTTPS with the
//! test CA), resolves `@latest` through `@v/list`, and sees a stale mirror as stale. No network
//! beyond 127.0.0.1: GOPROXY names only the simulator and GOSUMDB is off.

use go_integration_tests::{toolchains, Sandbox, Toolchain};
use mirror_sim::{test_ca, MirrorBehavior, SimMirror};
use serde_json::Value;
use std::process::Output;

fn sandbox(goproxy: &str) -> Sandbox {
    let mut sb = Sandbox::new();
    sb.set("GOPROXY", goproxy);
    sb.set("GOSUMDB", "off");
    sb.set("GOFLAGS", "-modcacherw");
    sb.set("GOTOOLCHAIN", "local");
    sb
}

fn go_json(sb: &Sandbox, tc: &Toolchain, args: &[&str]) -> Value {
    let out: Output = sb.go(tc, args);
    assert!(
        out.status.success(),
        "{} go {args:?} failed:\n{}\n{}",
        tc.name,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("not JSON ({e})"))
}

fn assert_downloaded(v: &Value, version: &str) {
    assert_eq!(v["Version"], version, "{v}");
    assert!(v.get("Error").is_none(), "{v}");
    for key in ["Info", "GoMod", "Zip", "Dir"] {
        let path = v[key].as_str().unwrap_or_default();
        assert!(std::path::Path::new(path).exists(), "{key} missing: {v}");
    }
}

#[test]
fn go_mod_download_succeeds_over_http() {
    let mirror = SimMirror::start(MirrorBehavior::default()).expect("start");
    let toolchains = toolchains();
    if toolchains.is_empty() {
        return;
    }
    for tc in toolchains {
        let sb = sandbox(&mirror.url());
        let v = go_json(
            &sb,
            &tc,
            &[
                "mod",
                "download",
                "-json",
                "github.com/BurntSushi/toml@v1.3.2",
            ],
        );
        assert_downloaded(&v, "v1.3.2");
        let sim_mod = mirror_sim::default_modules()
            .into_iter()
            .find(|m| m.path == "github.com/BurntSushi/toml")
            .map(|m| m.go_mod())
            .unwrap_or_default();
        assert_eq!(
            v["GoModSum"].as_str(),
            Some(goproxy_core::mirrors::modules::go_mod_h1(&sim_mod).as_str()),
            "our go.sum hash of a go.mod agrees with go's"
        );
        let dir = v["Dir"].as_str().unwrap_or_default();
        assert!(std::path::Path::new(dir).join("toml.go").is_file(), "{v}");
        let v = go_json(
            &sb,
            &tc,
            &["mod", "download", "-json", "golang.org/x/text@v0.14.0"],
        );
        assert_downloaded(&v, "v0.14.0");
        // @latest goes through @v/list.
        let v = go_json(
            &sb,
            &tc,
            &["list", "-m", "-json", "golang.org/x/net@latest"],
        );
        assert_eq!(v["Version"], "v0.22.0", "{v}");
    }
    let paths: Vec<String> = mirror.requests().into_iter().map(|r| r.path).collect();
    assert!(
        paths.contains(&"/github.com/!burnt!sushi/toml/@v/v1.3.2.zip".to_string()),
        "case-encoded path decoded from %21: {paths:?}"
    );
}

#[test]
fn go_mod_download_succeeds_over_https_with_the_test_ca() {
    let mirror = SimMirror::start(MirrorBehavior {
        base_path: "/goproxy".into(),
        ..MirrorBehavior::default().https()
    })
    .expect("start");
    let toolchains = toolchains();
    if toolchains.is_empty() {
        return;
    }
    for tc in toolchains {
        let mut sb = sandbox(&mirror.url());
        let ca = test_ca().write_ca_file(sb.path()).expect("ca file");
        sb.set("SSL_CERT_FILE", &ca.display().to_string());
        let v = go_json(
            &sb,
            &tc,
            &[
                "mod",
                "download",
                "-json",
                "github.com/stretchr/testify@v1.9.0",
            ],
        );
        assert_downloaded(&v, "v1.9.0");
    }
    assert!(mirror.requests().iter().any(|r| r.path
        == "/goproxy/github.com/stretchr/testify/@v/v1.9.0.zip"
        && r.status == 200));
}

#[test]
fn go_sees_a_stale_mirror_and_a_404_as_missing() {
    let stale = SimMirror::start(MirrorBehavior {
        stale: true,
        ..MirrorBehavior::default()
    })
    .expect("start");
    let toolchains = toolchains();
    if toolchains.is_empty() {
        return;
    }
    for tc in toolchains {
        let sb = sandbox(&stale.url());
        let v = go_json(
            &sb,
            &tc,
            &["list", "-m", "-json", "golang.org/x/net@latest"],
        );
        assert_eq!(
            v["Version"], "v0.21.0",
            "the newest version is missing: {v}"
        );
        let out = sb.go(
            &tc,
            &["mod", "download", "-json", "golang.org/x/net@v0.22.0"],
        );
        assert!(!out.status.success());
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("unknown revision"),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
}
