//! Check (d), while it happens: a token handed over in argv or the environment would be gone
//! from every file afterwards, so a thread polls /proc during the fetch instead.

use crate::leak::contains;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Scans every process's argv and environment while alive, to catch the token in any of them
/// (the go command, our helpers, git, git-remote-http, the CGI backend).
pub struct ProcScan {
    stop: Arc<AtomicBool>,
    hits: Arc<Mutex<Vec<String>>>,
    helper_seen: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl ProcScan {
    /// Starts polling; `helper_word` (e.g. "goauth") marks our helper's argv when seen.
    pub fn start(forbidden: &[String], helper_word: &'static str) -> ProcScan {
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
    pub fn finish(mut self) -> bool {
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
