//! The loopback git server for the credential-helper test: git_server.py in front of
//! `git http-backend`, wanting Basic `alice:<token>`, killed when dropped.

use crate::world::World;
use crate::USER;
use mirror_sim::Credential;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, Stdio};

/// The python CGI server in front of `git http-backend`, requiring one Basic credential, which
/// it reads from stdin (never argv or the environment).
const GIT_SERVER: &str = include_str!("git_server.py");

pub struct GitServer {
    child: Child,
    pub port: u16,
}

impl Drop for GitServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Serves the bare repositories under `root`, accepting only `w.token`.
pub fn start_git_server(w: &World, root: &Path) -> GitServer {
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
