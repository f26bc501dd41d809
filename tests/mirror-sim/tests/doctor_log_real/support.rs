//! Sandboxes, loopback servers and the capture report for doctor_log_real.rs.

use go_integration_tests::{Sandbox, Toolchain};
use goproxy_core::doctor::log::explain;
use mirror_sim::test_ca;
use std::io::{Read, Write};
use std::path::Path;

pub const TOML: &str = "github.com/BurntSushi/toml@v1.3.2";

pub fn sandbox(goproxy: &str) -> Sandbox {
    let mut sb = Sandbox::new();
    sb.set("GOPROXY", goproxy);
    sb.set("GOSUMDB", "off");
    sb.set("GOFLAGS", "-modcacherw");
    sb.set("GOTOOLCHAIN", "local");
    sb
}

pub fn trust_test_ca(sb: &mut Sandbox) {
    let ca = test_ca().write_ca_file(sb.path()).expect("ca file");
    sb.set("SSL_CERT_FILE", &ca.display().to_string());
}

/// A module in the sandbox's work dir that requires `require` (and holds `go_sum`).
pub fn project(sb: &Sandbox, go_line: &str, require: &str, go_sum: &str, main_go: &str) {
    let mut go_mod = format!("module example.com/app\n\ngo {go_line}\n");
    if !require.is_empty() {
        go_mod.push_str(&format!("\nrequire {require}\n"));
    }
    std::fs::write(sb.work.join("go.mod"), go_mod).expect("go.mod");
    std::fs::write(sb.work.join("go.sum"), go_sum).expect("go.sum");
    if !main_go.is_empty() {
        std::fs::write(sb.work.join("main.go"), main_go).expect("main.go");
    }
}

/// git sends `https://github.com/...` to a loopback server instead (go asks git for github.com
/// repositories without any lookup of its own).
pub fn git_to_loopback(sb: &mut Sandbox, base: &str) {
    let config = format!("[url \"{base}/\"]\n\tinsteadOf = https://github.com/\n");
    std::fs::write(sb.home.join(".gitconfig"), config).expect("gitconfig");
    sb.set("GIT_CONFIG_NOSYSTEM", "1");
    sb.set("GOPROXY", "direct");
    sb.set("GOPRIVATE", "github.com/acme");
}

pub struct Capture {
    toolchain: &'static str,
    name: &'static str,
    code: &'static str,
    host: Option<String>,
    module: Option<String>,
    output: String,
}

#[derive(Default)]
pub struct Report {
    pub captures: Vec<Capture>,
    pub failures: Vec<String>,
}

impl Report {
    /// Runs go, then checks that the explainer finds `code` first, with `host` and `module`.
    #[allow(clippy::too_many_arguments)]
    pub fn expect(
        &mut self,
        sb: &Sandbox,
        tc: &Toolchain,
        name: &'static str,
        args: &[&str],
        code: &'static str,
        host: Option<&str>,
        module: Option<&str>,
    ) {
        let out = sb.go(tc, args);
        self.expect_output(tc, name, args, out, code, host, module);
    }

    /// Checks `out` (go run by the caller) as [`Report::expect`] does.
    #[allow(clippy::too_many_arguments)]
    pub fn expect_output(
        &mut self,
        tc: &Toolchain,
        name: &'static str,
        args: &[&str],
        out: std::process::Output,
        code: &'static str,
        host: Option<&str>,
        module: Option<&str>,
    ) {
        let mut output = String::from_utf8_lossy(&out.stdout).into_owned();
        output.push_str(&String::from_utf8_lossy(&out.stderr));
        let got = explain(output.as_bytes());
        let first = got.findings.iter().find(|f| f.code.as_str() == code);
        let ok = !out.status.success()
            && got.findings.first().map(|f| f.code.as_str()) == Some(code)
            && first.is_some_and(|f| {
                f.host.as_deref() == host && module.is_none_or(|m| f.modules.iter().any(|x| x == m))
            });
        if !ok {
            let summary: Vec<String> = got
                .findings
                .iter()
                .map(|f| format!("{} host={:?} modules={:?}", f.code, f.host, f.modules))
                .collect();
            self.failures.push(format!(
                "{} {name}: want {code} host={host:?} module={module:?}, got {summary:?}\n--- go {args:?} (exit {:?}) printed:\n{output}",
                tc.name,
                out.status.code()
            ));
        }
        self.captures.push(Capture {
            toolchain: tc.name,
            name,
            code,
            host: host.map(str::to_string),
            module: module.map(str::to_string),
            output,
        });
    }

    pub fn write_corpus(&self) {
        let dir =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../crates/core/src/doctor/log/corpus");
        for tc in ["go1.27", "go1.19"] {
            let mut text = format!("# Captured from the real {tc} against loopback servers by tests/mirror-sim/tests/doctor_log_real.rs\n# (DOCTOR_CORPUS_WRITE=1); the header of each case is the expected code, host and module.\n");
            for c in self.captures.iter().filter(|c| c.toolchain == tc) {
                let host = c.host.as_deref().unwrap_or("-");
                let module = c.module.as_deref().unwrap_or("");
                let module = if module.is_empty() {
                    String::new()
                } else {
                    format!(" module={module}")
                };
                text.push_str(&format!(
                    "### code={} host={host}{module} case={}\n",
                    c.code, c.name
                ));
                text.push_str(c.output.trim_end_matches('\n'));
                text.push('\n');
            }
            std::fs::write(dir.join(format!("real-{tc}.txt")), text).expect("write corpus");
        }
    }
}

/// A loopback HTTP server that answers anything, a TLS ClientHello included, with `400` (as
/// nginx or Go's net/http do; the simulator instead waits for a request head that never comes).
pub fn plain_http_server() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let mut buf = [0u8; 2048];
            let _ = stream.read(&mut buf);
            let _ = stream.write_all(
                b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            );
        }
    });
    port
}

pub fn host_of(url: &str) -> String {
    url.split("://")
        .nth(1)
        .unwrap_or("")
        .split('/')
        .next()
        .unwrap_or("")
        .to_string()
}
