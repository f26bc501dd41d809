//! Private modules with real components (issue 4): a real gnome-keyring (Secret Service on a
//! private D-Bus session), the real go1.27 through GOAUTH, the real go1.19 through the .netrc
//! the app wrote, git over a loopback `git http-backend`, and the access test. Traffic goes only
//! to 127.0.0.1. Every test has its own scratch home; only DBUS_SESSION_BUS_ADDRESS is passed
//! through so the CLI reaches the test keyring.
//!
//! These tests are `#[ignore]`d in plain `cargo test`: run them with `make test-keyring`
//! (scripts/keyring-tests.sh), which starts and unlocks gnome-keyring and sets
//! GOPROXY_ASSISTANT_REAL_KEYRING=1 so a missing keyring or toolchain fails instead of skipping.

mod support;
use support::*;

use go_integration_tests::{toolchains, Sandbox, Toolchain};
use goproxy_core::secrets::{Keychain, KeychainState};
use mirror_sim::{test_ca, Credential, MirrorBehavior, SimMirror, SimModule};
use serde_json::Value;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Output, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

const MODULE: &str = "corp.example.com/team/lib";
const USER: &str = "alice";

fn required() -> bool {
    std::env::var("GOPROXY_ASSISTANT_REAL_KEYRING").as_deref() == Ok("1")
}

/// The session bus with an unlocked keyring, or `None` (skip) when not required.
fn keyring_bus() -> Option<String> {
    let bus = std::env::var("DBUS_SESSION_BUS_ADDRESS").ok();
    let state = bus.as_ref().map(|_| Keychain::native().state());
    match (bus, state) {
        (Some(bus), Some(KeychainState::Available)) => Some(bus),
        (bus, state) => {
            let msg = format!("no usable Secret Service (DBUS_SESSION_BUS_ADDRESS={bus:?}, keychain {state:?}); run `make test-keyring`");
            if required() {
                panic!("{msg}");
            }
            eprintln!("skipping: {msg}");
            None
        }
    }
}

fn toolchain(name: &str) -> Option<Toolchain> {
    let found = toolchains().into_iter().find(|t| t.name == name);
    if found.is_none() && required() {
        panic!("{name} is required with GOPROXY_ASSISTANT_REAL_KEYRING=1 (scripts/toolchains.sh)");
    }
    found
}

/// A distinctive random token (and so never a substring of anything else).
fn random_token() -> String {
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
struct World {
    sb: Sandbox,
    token: String,
    /// Forms of the token that must never appear: the token and its Basic header encoding.
    forbidden: Vec<String>,
    outputs: Vec<(String, Vec<u8>)>,
}

impl World {
    fn new(bus: &str, tc: Option<&Toolchain>) -> World {
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
    fn forbid(&mut self, token: &str) {
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
    fn cli_in(&mut self, args: &[&str], input: &str) -> Output {
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

    fn cli(&mut self, args: &[&str]) -> Output {
        self.cli_in(args, "")
    }

    fn cli_ok(&mut self, args: &[&str]) -> Value {
        let out = self.cli(args);
        assert!(out.status.success(), "{args:?} failed: {}", text(&out));
        json(&out)
    }

    fn token_set(&mut self, host: &str, extra: &[&str]) {
        let mut args = vec!["token", "set", host, "--user", USER, "--json"];
        args.extend_from_slice(extra);
        let token = format!("{}\n", self.token);
        let out = self.cli_in(&args, &token);
        assert!(out.status.success(), "token set failed: {}", text(&out));
        let v = json(&out);
        assert_eq!(v["host"]["prefix"], host, "{v}");
    }

    fn go(&mut self, tc: &Toolchain, args: &[&str]) -> Output {
        let out = self.sb.go(tc, args);
        self.keep(format!("{} {args:?}", tc.name), &out);
        out
    }

    fn git(&mut self, args: &[&str]) -> Output {
        let out = self
            .sb
            .command(Path::new("git"))
            .args(args)
            .output()
            .expect("run git");
        self.keep(format!("git {args:?}"), &out);
        out
    }

    /// (d): the token is in no output kept so far and in no file under the sandbox (scratch
    /// HOME, XDG config/data/state/cache dirs with hosts.toml and the history journal, GOENV,
    /// the module cache, cloned repositories), except `allowed` files.
    fn assert_no_leak(&self, allowed: &[PathBuf], min_files: usize) {
        for (what, bytes) in &self.outputs {
            let s = String::from_utf8_lossy(bytes);
            for f in &self.forbidden {
                assert!(!s.contains(f.as_str()), "the token leaked into {what}");
            }
        }
        let mut files = 0;
        let mut stack = vec![self.sb.path().to_path_buf()];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).expect("read dir").flatten() {
                let path = entry.path();
                let ft = entry.file_type().expect("file type");
                if ft.is_dir() {
                    stack.push(path);
                } else if ft.is_file() && !allowed.contains(&path) {
                    files += 1;
                    let bytes = std::fs::read(&path).unwrap_or_default();
                    for f in &self.forbidden {
                        assert!(
                            !contains(&bytes, f.as_bytes()),
                            "the token is in {}",
                            path.display()
                        );
                    }
                }
            }
        }
        assert!(files >= min_files, "scanned {files} files only");
    }
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// Scans every process's argv and environment while alive, to catch the token in any of them
/// (the go command, our helpers, git, git-remote-http, the CGI backend).
struct ProcScan {
    stop: Arc<AtomicBool>,
    hits: Arc<Mutex<Vec<String>>>,
    helper_seen: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl ProcScan {
    fn start(forbidden: &[String], helper_word: &'static str) -> ProcScan {
        let stop = Arc::new(AtomicBool::new(false));
        let hits = Arc::new(Mutex::new(Vec::new()));
        let helper_seen = Arc::new(AtomicBool::new(false));
        let (s, h, seen) = (stop.clone(), hits.clone(), helper_seen.clone());
        let forbidden = forbidden.to_vec();
        let thread = std::thread::spawn(move || {
            let me = std::process::id().to_string();
            while !s.load(Ordering::Relaxed) {
                let Ok(dir) = std::fs::read_dir("/proc") else {
                    return;
                };
                for e in dir.flatten() {
                    let name = e.file_name().to_string_lossy().to_string();
                    if !name.bytes().all(|b| b.is_ascii_digit()) || name == me {
                        continue;
                    }
                    for file in ["cmdline", "environ"] {
                        let bytes = std::fs::read(e.path().join(file)).unwrap_or_default();
                        if file == "cmdline"
                            && contains(&bytes, b"goproxy-assistant")
                            && contains(&bytes, helper_word.as_bytes())
                        {
                            seen.store(true, Ordering::Relaxed);
                        }
                        if forbidden.iter().any(|f| contains(&bytes, f.as_bytes())) {
                            let cmd = std::fs::read(e.path().join("cmdline")).unwrap_or_default();
                            let cmd = String::from_utf8_lossy(&cmd).replace('\0', " ");
                            if let Ok(mut h) = h.lock() {
                                h.push(format!("/proc/{name}/{file} ({cmd})"));
                            }
                        }
                    }
                }
                std::thread::sleep(Duration::from_millis(1));
            }
        });
        ProcScan {
            stop,
            hits,
            helper_seen,
            thread: Some(thread),
        }
    }

    /// Stops; asserts no process carried the token. Returns whether the helper was caught running.
    fn finish(mut self) -> bool {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
        let hits = self.hits.lock().map(|h| h.clone()).unwrap_or_default();
        assert!(
            hits.is_empty(),
            "the token is in process arguments/environment: {hits:?}"
        );
        self.helper_seen.load(Ordering::Relaxed)
    }
}

/// An HTTPS mirror that serves MODULE only with Basic `alice:<token>`.
fn private_mirror(token: &str) -> SimMirror {
    let mut behavior = MirrorBehavior::default()
        .https()
        .with_auth(&format!("/{MODULE}/"), Credential::basic(USER, token));
    behavior.modules = vec![SimModule::new(MODULE, &["v1.0.0", "v1.1.0"])];
    SimMirror::start(behavior).expect("start mirror")
}

fn point_go_at(w: &mut World, mirror: &SimMirror) {
    // Only the loopback mirror, no direct fallback, no checksum database: no real network.
    w.sb.set("GOPROXY", &mirror.url());
    w.sb.set("GOSUMDB", "off");
    w.cli_ok(&["private", "add", MODULE, "--key", "GONOSUMDB", "--json"]);
}

fn download(w: &mut World, tc: &Toolchain) -> Output {
    let args = [
        "mod",
        "download",
        "-json",
        "corp.example.com/team/lib@v1.1.0",
    ];
    w.go(tc, &args)
}

fn assert_downloaded(out: &Output) {
    assert!(out.status.success(), "download failed: {}", text(out));
    let v = json(out);
    assert_eq!(v["Version"], "v1.1.0", "{v}");
    let dir = v["Dir"].as_str().unwrap_or_default();
    assert!(Path::new(dir).join("lib.go").is_file(), "{v}");
}

fn assert_401(out: &Output) {
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

/// The python CGI server in front of `git http-backend`, requiring one Basic credential, which
/// it reads from stdin (never argv or the environment).
const GIT_SERVER: &str = r#"
import http.server, os, subprocess, sys
expected = sys.stdin.readline().strip()
root = os.path.abspath(os.environ["GIT_SERVER_ROOT"])

class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"
    def log_message(self, *a):
        pass
    def handle_one(self):
        if self.headers.get("Authorization", "") != expected:
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="git"')
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        path, _, query = self.path.partition("?")
        n = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(n) if n else b""
        env = {
            "PATH": os.environ["PATH"],
            "GIT_PROJECT_ROOT": root,
            "GIT_HTTP_EXPORT_ALL": "1",
            "GIT_CONFIG_NOSYSTEM": "1",
            "HOME": root,
            "REQUEST_METHOD": self.command,
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "CONTENT_TYPE": self.headers.get("Content-Type", ""),
            "CONTENT_LENGTH": str(len(body)),
            "REMOTE_USER": "alice",
            "REMOTE_ADDR": "127.0.0.1",
            "GIT_PROTOCOL": self.headers.get("Git-Protocol", ""),
            "HTTP_CONTENT_ENCODING": self.headers.get("Content-Encoding", ""),
        }
        out = subprocess.run(["git", "http-backend"], input=body, env=env, capture_output=True).stdout
        head, _, rest = out.partition(b"\r\n\r\n")
        status = 200
        headers = []
        for line in head.split(b"\r\n"):
            k, _, v = line.decode().partition(":")
            if k.lower() == "status":
                status = int(v.strip().split()[0])
            elif k:
                headers.append((k, v.strip()))
        self.send_response(status)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(rest)))
        self.end_headers()
        self.wfile.write(rest)
    do_GET = handle_one
    do_POST = handle_one

srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
print(srv.server_address[1], flush=True)
srv.serve_forever()
"#;

struct GitServer {
    child: Child,
    port: u16,
}

impl Drop for GitServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_git_server(w: &World, root: &Path) -> GitServer {
    let script = w.sb.path().join("git_server.py");
    // Debian's python3 (a version-manager shim may need the real HOME).
    let python = if Path::new("/usr/bin/python3").exists() {
        "/usr/bin/python3"
    } else {
        "python3"
    };
    std::fs::write(&script, GIT_SERVER).expect("write server");
    let mut child =
        w.sb.command(Path::new(python))
            .arg(&script)
            .env("GIT_SERVER_ROOT", root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start python3");
    let expected = Credential::basic(USER, &w.token).header_value();
    let mut stdin = child.stdin.take().expect("stdin");
    writeln!(stdin, "{expected}").expect("send expected credential");
    drop(stdin);
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("port");
    let port = line
        .trim()
        .parse()
        .unwrap_or_else(|_| panic!("no port: {line:?}"));
    GitServer { child, port }
}

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

/// A locked keyring (the daemon started by D-Bus activation, no unlock, no display for the
/// prompt): `token set` fails fast with a clear "locked" error and writes nothing, not even the
/// opted-in .netrc. Run by scripts/keyring-tests.sh in a second session, where
/// GOPROXY_ASSISTANT_KEYRING_LOCKED=1.
#[test]
#[ignore = "needs a locked real Secret Service: make test-keyring"]
fn locked_keyring_is_a_clear_error_and_writes_nothing() {
    if std::env::var("GOPROXY_ASSISTANT_KEYRING_LOCKED").as_deref() != Ok("1") {
        assert!(
            !required(),
            "run with GOPROXY_ASSISTANT_KEYRING_LOCKED=1 in a locked session"
        );
        eprintln!("skipping: not in a locked-keyring session");
        return;
    }
    let bus = std::env::var("DBUS_SESSION_BUS_ADDRESS").expect("a session bus");
    let mut w = World::new(&bus, None);
    let token = format!("{}\n", w.token);
    let started = std::time::Instant::now();
    let out = w.cli_in(
        &["token", "set", "goproxy.corp.example:8443", "--netrc"],
        &token,
    );
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("error[external]: the keychain is locked"),
        "{err}"
    );
    let out = w.cli_in(&["token", "set", "goproxy.corp.example", "--json"], &token);
    let v = json(&out);
    assert_eq!(v["error"]["field"], "keychain", "{v}");
    assert!(!w.sb.home.join(".netrc").exists(), "no plaintext fallback");
    assert!(!w
        .sb
        .home
        .join(".config/goproxy-assistant/hosts.toml")
        .exists());
    w.assert_no_leak(&[], 1);
}
