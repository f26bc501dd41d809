//! One test's world: a sandbox whose CLI, go and git reach only the test keyring and loopback
//! servers, with every output kept so `assert_no_leak` (leak.rs) can scan it for the token.

use crate::support::*;
use crate::USER;
use go_integration_tests::{Sandbox, Toolchain};
use mirror_sim::{test_ca, Credential};
use serde_json::Value;
use std::io::Write;
use std::path::Path;
use std::process::{Output, Stdio};

/// A distinctive random token (and so never a substring of anything else).
pub fn random_token() -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut out = String::from("gpaTok");
    for i in 0..3u64 {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u64(i);
        h.write_u128(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or_default(),
        );
        out.push_str(&format!("{:016x}", h.finish()));
    }
    out
}

/// One test's world: a sandbox on the test keyring, every output kept for the leak scan.
pub struct World {
    pub sb: Sandbox,
    pub token: String,
    /// Forms of the token that must never appear: the token and its Basic header encoding.
    pub forbidden: Vec<String>,
    pub outputs: Vec<(String, Vec<u8>)>,
}

impl World {
    pub fn new(bus: &str, tc: Option<&Toolchain>) -> World {
        let mut sb = Sandbox::new();
        sb.set("DBUS_SESSION_BUS_ADDRESS", bus);
        sb.set("GOTOOLCHAIN", "local");
        sb.set("GOFLAGS", "-modcacherw");
        sb.set("GIT_TERMINAL_PROMPT", "0");
        sb.set("GIT_CONFIG_NOSYSTEM", "1");
        sb.set("GCM_INTERACTIVE", "never");
        let ca = test_ca().write_ca_file(sb.path()).expect("ca file");
        sb.set("SSL_CERT_FILE", &ca.display().to_string());
        if let Some(tc) = tc {
            // The toolchain under test first on PATH: `private goauth` checks its version.
            let bin = tc.go.parent().expect("go dir").display().to_string();
            let path = std::env::var("PATH").unwrap_or_default();
            sb.set("PATH", &format!("{bin}:{path}"));
        }
        let token = random_token();
        let mut w = World {
            sb,
            forbidden: Vec::new(),
            token: token.clone(),
            outputs: Vec::new(),
        };
        w.forbid(&token);
        w
    }

    /// Adds a token (and its Basic encoding) to the strings that must never appear.
    pub fn forbid(&mut self, token: &str) {
        let basic = Credential::basic(USER, token).header_value();
        self.forbidden.push(token.to_string());
        self.forbidden
            .push(basic.trim_start_matches("Basic ").to_string());
    }

    fn keep(&mut self, what: String, out: &Output) {
        self.outputs
            .push((format!("{what} stdout"), out.stdout.clone()));
        self.outputs
            .push((format!("{what} stderr"), out.stderr.clone()));
    }

    /// Runs the CLI (stdin: `input`), asserting the token is not in its argv.
    pub fn cli_in(&mut self, args: &[&str], input: &str) -> Output {
        for a in args {
            assert!(!self.forbidden.iter().any(|f| a.contains(f.as_str())));
        }
        let mut child = self
            .sb
            .command(cli_path())
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run cli");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(input.as_bytes())
            .expect("write stdin");
        let out = child.wait_with_output().expect("cli output");
        self.keep(format!("goproxy-assistant {args:?}"), &out);
        out
    }

    pub fn cli(&mut self, args: &[&str]) -> Output {
        self.cli_in(args, "")
    }

    pub fn cli_ok(&mut self, args: &[&str]) -> Value {
        let out = self.cli(args);
        assert!(out.status.success(), "{args:?} failed: {}", text(&out));
        json(&out)
    }

    /// Stores `self.token` for `host` through stdin (never argv), replacing any old one.
    pub fn token_set(&mut self, host: &str, extra: &[&str]) {
        let mut args = vec!["token", "set", host, "--user", USER, "--json"];
        args.extend_from_slice(extra);
        let token = format!("{}\n", self.token);
        let out = self.cli_in(&args, &token);
        assert!(out.status.success(), "token set failed: {}", text(&out));
        let v = json(&out);
        assert_eq!(v["host"]["prefix"], host, "{v}");
    }

    pub fn go(&mut self, tc: &Toolchain, args: &[&str]) -> Output {
        let out = self.sb.go(tc, args);
        self.keep(format!("{} {args:?}", tc.name), &out);
        out
    }

    pub fn git(&mut self, args: &[&str]) -> Output {
        let out = self
            .sb
            .command(Path::new("git"))
            .args(args)
            .output()
            .expect("run git");
        self.keep(format!("git {args:?}"), &out);
        out
    }
}
