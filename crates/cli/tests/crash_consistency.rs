//! SIGKILL at any moment of `env set` or `undo`: afterwards the GOENV file holds the old or the
//! new bytes, the history agrees with it, no temp file is left, and undo still walks the whole
//! chain back to the starting bytes.

mod support;

use go_integration_tests::Sandbox;
use serde_json::Value;
use std::path::Path;
use std::time::{Duration, Instant};
use support::{cli, cli_path, json, text};

/// Kills per window (set, undo); the issue asks for at least 200 in all.
const RUNS_PER_WINDOW: usize = 120;
const SEED: &[u8] = b"# team settings\nGOPROXY=https://seed.example,direct\n";

/// A small deterministic generator, so a failing run can be replayed from its number.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n.max(1)
    }
}

/// A sandbox whose PATH has no go (detection stays fast) and a seeded GOENV.
fn sandbox() -> Sandbox {
    let mut sb = Sandbox::new();
    let empty = sb.path().join("empty-bin");
    std::fs::create_dir_all(&empty).expect("mkdir");
    sb.set("PATH", &empty.display().to_string());
    std::fs::create_dir_all(sb.goenv.parent().expect("parent")).expect("mkdir");
    std::fs::write(&sb.goenv, SEED).expect("seed");
    sb
}

/// Starts `args` and kills it after `delay` (it may have finished already).
fn kill_after(sb: &Sandbox, args: &[&str], delay: Duration) {
    let mut child = sb
        .command(cli_path())
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    std::thread::sleep(delay);
    let _ = child.kill(); // SIGKILL on Unix
    let _ = child.wait();
}

/// How long a command takes when nothing kills it (the window the kills spread over).
fn duration_of(sb: &Sandbox, args: &[&str]) -> Duration {
    let start = Instant::now();
    let out = cli(sb, args);
    assert!(out.status.success(), "{}", text(&out));
    start.elapsed()
}

fn goproxy_in(goenv: &Path) -> Option<String> {
    let text = String::from_utf8(std::fs::read(goenv).ok()?).ok()?;
    text.lines()
        .filter_map(|l| l.strip_prefix("GOPROXY="))
        .next_back()
        .map(str::to_string)
}

/// The GOPROXY the history says the file holds: the newest change still applied, else the seed.
fn goproxy_per_history(history: &Value) -> Option<String> {
    let entries = history["entries"].as_array().expect("entries");
    let newest_applied = entries.iter().find(|e| e["undone_at_ms"].is_null());
    match newest_applied {
        Some(e) => e["changes"][0]["new"].as_str().map(str::to_string),
        None => Some("https://seed.example,direct".into()),
    }
}

/// Nothing half done is left: no intent files, no temp files.
fn assert_settled(sb: &Sandbox, run: usize) {
    let data = sb.home.join(".local/share/goproxy-assistant/history");
    let goenv_dir = sb.goenv.parent().expect("parent");
    for dir in [data.as_path(), goenv_dir] {
        for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            assert!(
                !name.contains(".tmp-") && !name.ends_with(".pending") && !name.ends_with(".undo"),
                "run {run}: {name} left in {}",
                dir.display()
            );
        }
    }
}

/// After a kill: the next command settles (and says so), and file and history agree. Returns
/// whether there was an interrupted change to settle.
fn check(sb: &Sandbox, run: usize) -> bool {
    let out = cli(sb, &["history", "--json"]);
    let history = json(&out);
    assert_settled(sb, run);
    assert_eq!(
        history["unreadable"].as_array().map(Vec::len),
        Some(0),
        "run {run}: {history}"
    );
    assert_eq!(
        goproxy_in(&sb.goenv),
        goproxy_per_history(&history),
        "run {run}: the file and the history disagree: {history}"
    );
    String::from_utf8_lossy(&out.stderr).contains("was interrupted")
}

#[cfg(unix)]
#[test]
fn kill_9_during_writes_and_undos_leaves_files_and_history_consistent() {
    let sb = sandbox();
    let mut rng = Lcg(0x5eed);
    let set_window = duration_of(
        &sb,
        &["env", "set", "GOPROXY=https://warmup.example,direct"],
    );
    let undo_window = duration_of(&sb, &["undo"]);
    let mut interrupted = 0;
    let mut runs = 0;
    for run in 0..RUNS_PER_WINDOW * 2 {
        let undo = run % 2 == 1;
        let window = if undo { undo_window } else { set_window };
        // Spread the kills over the whole run, a little past its usual end.
        let delay = Duration::from_micros(rng.below(window.as_micros() as u64 * 5 / 4));
        if undo {
            kill_after(&sb, &["undo"], delay);
        } else {
            let value = format!("GOPROXY=https://m{run}.example,direct");
            kill_after(&sb, &["env", "set", &value], delay);
        }
        interrupted += usize::from(check(&sb, run));
        runs += 1;
    }
    // Undo walks back through every change still applied, to the exact starting bytes.
    loop {
        let out = cli(&sb, &["undo", "--json"]);
        if !out.status.success() {
            assert_eq!(
                json(&out)["error"]["code"],
                "nothing_to_undo",
                "{}",
                text(&out)
            );
            break;
        }
    }
    assert_eq!(std::fs::read(&sb.goenv).expect("read"), SEED);
    eprintln!(
        "crash consistency: {runs} kills, {runs} consistent; {interrupted} left a change half done that the next command settled"
    );
}
