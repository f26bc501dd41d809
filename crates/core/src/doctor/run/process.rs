//! Running one program with a timeout and a cancel flag, streaming its lines, and stopping it
//! together with everything it started (git, GOAUTH helpers): it runs in a process group of its
//! own and the whole group is killed.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Output kept for the explainer; more is streamed but not stored.
const OUTPUT_CAP: usize = 20 * 1024 * 1024;
/// How long to wait for the last lines once the program has ended (a grandchild may hold the pipe).
const DRAIN_GRACE: Duration = Duration::from_millis(500);
const POLL: Duration = Duration::from_millis(20);

pub struct Invocation<'a> {
    pub program: &'a Path,
    pub args: &'a [&'a str],
    pub dir: &'a Path,
    /// The whole environment (nothing else is inherited).
    pub vars: &'a [(String, String)],
    pub timeout: Duration,
    pub cancel: &'a AtomicBool,
}

pub struct Ended {
    pub exit_code: Option<i32>,
    pub timed_out: bool,
    pub cancelled: bool,
    pub elapsed: Duration,
    pub output: Vec<u8>,
}

/// Runs `inv`, calling `on_line` for every line (stdout and stderr, `\r` trimmed) as it arrives.
pub fn run(inv: &Invocation<'_>, on_line: &mut dyn FnMut(&str)) -> std::io::Result<Ended> {
    let mut cmd = Command::new(inv.program);
    cmd.args(inv.args)
        .current_dir(inv.dir)
        .env_clear()
        .envs(inv.vars.iter().map(|(k, v)| (k, v)))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
    let start = Instant::now();
    let mut child = cmd.spawn()?;
    let (tx, rx) = mpsc::channel::<Vec<u8>>();
    let mut readers = 0;
    if let Some(out) = child.stdout.take() {
        spawn_reader(out, tx.clone());
        readers += 1;
    }
    if let Some(err) = child.stderr.take() {
        spawn_reader(err, tx.clone());
        readers += 1;
    }
    drop(tx);
    let mut output = Vec::new();
    let mut take = |line: Vec<u8>, output: &mut Vec<u8>| {
        if output.len() < OUTPUT_CAP {
            output.extend_from_slice(&line);
            output.push(b'\n');
        }
        let text = String::from_utf8_lossy(&line);
        on_line(text.trim_end_matches('\r'));
    };
    let mut timed_out = false;
    let mut cancelled = false;
    let status = loop {
        match rx.recv_timeout(POLL) {
            Ok(line) => take(line, &mut output),
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                readers = 0;
                std::thread::sleep(POLL);
            }
        }
        if let Some(status) = child.try_wait()? {
            break Some(status);
        }
        if inv.cancel.load(Ordering::Relaxed) {
            cancelled = true;
        } else if start.elapsed() >= inv.timeout {
            timed_out = true;
        }
        if cancelled || timed_out {
            kill_group(&mut child);
            let _ = child.wait();
            break None;
        }
    };
    let elapsed = start.elapsed();
    if readers > 0 {
        let drain_until = Instant::now() + DRAIN_GRACE;
        while let Some(left) = drain_until.checked_duration_since(Instant::now()) {
            match rx.recv_timeout(left) {
                Ok(line) => take(line, &mut output),
                Err(_) => break,
            }
        }
    }
    Ok(Ended {
        exit_code: status.and_then(|s| s.code()),
        timed_out,
        cancelled,
        elapsed,
        output,
    })
}

fn spawn_reader(stream: impl Read + Send + 'static, tx: mpsc::Sender<Vec<u8>>) {
    std::thread::spawn(move || {
        let mut reader = BufReader::new(stream);
        let mut line = Vec::new();
        loop {
            line.clear();
            match reader.read_until(b'\n', &mut line) {
                Ok(0) | Err(_) => break,
                Ok(_) => {
                    if line.last() == Some(&b'\n') {
                        line.pop();
                    }
                    if tx.send(line.clone()).is_err() {
                        break;
                    }
                }
            }
        }
    });
}

/// Kills the program and its process group (everything it started that did not leave it).
fn kill_group(child: &mut std::process::Child) {
    #[cfg(unix)]
    if let Ok(pid) = libc::pid_t::try_from(child.id()) {
        // SAFETY: plain syscall; the group id is the child's pid (process_group(0) above).
        unsafe {
            libc::kill(-pid, libc::SIGKILL);
        }
    }
    let _ = child.kill();
}
