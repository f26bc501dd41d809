//! [`GitConfig`] against the real git: fixed cases, then generated configs where the helpers
//! git runs (`git credential fill`, each helper logging its name) and the URL git rewrites to
//! (`git ls-remote --get-url`) must equal what we compute.

use super::*;
use std::path::Path;

fn git_available() -> bool {
    let found = Command::new("git").arg("--version").output().is_ok();
    if !found {
        assert!(
            std::env::var_os("GOPROXY_ASSISTANT_REQUIRE_GO").is_none(),
            "git is required for these tests"
        );
        eprintln!("skipping: git is not installed");
    }
    found
}

fn env_with_gitconfig(text: &str) -> (tempfile::TempDir, SysEnv) {
    let dir = tempfile::tempdir().expect("tempdir");
    let cfg = dir.path().join("gitconfig");
    std::fs::write(&cfg, text).expect("write gitconfig");
    let env = SysEnv::from_vars([
        ("HOME", dir.path().display().to_string()),
        ("PATH", std::env::var("PATH").unwrap_or_default()),
        ("GIT_CONFIG_GLOBAL", cfg.display().to_string()),
        ("GIT_CONFIG_NOSYSTEM", "1".to_string()),
    ]);
    (dir, env)
}

#[test]
fn reads_helpers_and_rewrites_like_git() {
    if !git_available() {
        return;
    }
    let url = "https://git.corp.example.com/team/lib";
    let (_d, env) = env_with_gitconfig("");
    assert_eq!(credential_source(&env, url), GitCredentialSource::Nothing);
    let (_d, env) = env_with_gitconfig(
        "[credential \"https://git.corp.example.com\"]\n\thelper = /opt/goproxy-assistant git-credential\n",
    );
    assert_eq!(credential_source(&env, url), GitCredentialSource::AppHelper);
    // Another host's helper does not apply.
    assert_eq!(
        credential_source(&env, "https://other.example.com/x"),
        GitCredentialSource::Nothing
    );
    let (_d, env) = env_with_gitconfig("[credential]\n\thelper = store\n");
    assert_eq!(
        credential_source(&env, url),
        GitCredentialSource::OtherHelper {
            helper: "store".into()
        }
    );
    let (_d, env) = env_with_gitconfig(
        "[url \"git@git.corp.example.com:\"]\n\tinsteadOf = https://git.corp.example.com/\n",
    );
    assert_eq!(
        credential_source(&env, url),
        GitCredentialSource::Ssh {
            base: "git@git.corp.example.com:".into()
        }
    );
    // A longer https rewrite beats the SSH one, and the helper of the rewritten host applies.
    let (_d, env) = env_with_gitconfig(
        "[url \"git@git.corp.example.com:\"]\n\tinsteadOf = https://git.corp.example.com/\n\
         [url \"https://mirror.example.com/\"]\n\tinsteadOf = https://git.corp.example.com/team/\n\
         [credential \"https://mirror.example.com\"]\n\thelper = /x/goproxy-assistant git-credential\n",
    );
    assert_eq!(credential_source(&env, url), GitCredentialSource::AppHelper);
}

#[test]
fn honours_the_files_git_reads() {
    if !git_available() {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let home = dir.path().join("home");
    let xdg = dir.path().join("xdg");
    std::fs::create_dir_all(xdg.join("git")).expect("mkdir");
    std::fs::create_dir_all(&home).expect("mkdir");
    // No ~/.gitconfig: git reads $XDG_CONFIG_HOME/git/config, and its include where it stands.
    std::fs::write(
        xdg.join("git/config"),
        "[include]\n\tpath = more\n[credential]\n\thelper = first\n",
    )
    .expect("write");
    std::fs::write(
        xdg.join("git/more"),
        "[credential \"https://h.example\"]\n\thelper = /p/goproxy-assistant git-credential\n",
    )
    .expect("write");
    let system = dir.path().join("system");
    std::fs::write(&system, "[credential]\n\thelper = from-system\n").expect("write");
    let vars = |nosystem: bool| {
        let mut v = vec![
            ("HOME", home.display().to_string()),
            ("XDG_CONFIG_HOME", xdg.display().to_string()),
            ("PATH", std::env::var("PATH").unwrap_or_default()),
            ("GIT_CONFIG_SYSTEM", system.display().to_string()),
        ];
        if nosystem {
            v.push(("GIT_CONFIG_NOSYSTEM", "1".into()));
        }
        SysEnv::from_vars(v)
    };
    let config = GitConfig::read(&vars(true)).expect("git runs");
    assert_eq!(
        config.helpers("https://h.example/x"),
        Some(vec![
            "/p/goproxy-assistant git-credential".to_string(),
            "first".to_string()
        ])
    );
    let config = GitConfig::read(&vars(false)).expect("git runs");
    assert_eq!(
        config.helpers("https://other.example/").expect("helpers")[0],
        "from-system"
    );
    // git missing from PATH.
    let env = SysEnv::from_vars([
        ("HOME", home.display().to_string()),
        ("PATH", String::new()),
    ]);
    assert_eq!(
        credential_source(&env, "https://h.example/"),
        GitCredentialSource::GitMissing
    );
}

/// A small deterministic generator (xorshift), so a failure names a reproducible seed.
struct Gen(u64);

impl Gen {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const CREDENTIAL_KEYS: &[&str] = &[
    "",
    "https://git.corp.example.com",
    "https://git.corp.example.com/",
    "HTTPS://Git.Corp.Example.com:443/team",
    "https://git.corp.example.com/team/lib",
    "https://git.corp.example.com/tea",
    "https://*.corp.example.com",
    "https://*.example.com",
    "https://git.corp.example.com:8443",
    "https://alice@git.corp.example.com",
    "https://bob@git.corp.example.com",
    "http://git.corp.example.com",
    "git.corp.example.com",
    "https://",
    "corp.example.com",
    "https://git.corp.example.com/%74eam",
    "https://git.corp.example.com/team/../team",
];

const URLS: &[&str] = &[
    "https://git.corp.example.com/team/lib",
    "https://git.corp.example.com/",
    "https://git.corp.example.com:8443/x/y",
    "https://other.corp.example.com/team",
    "https://alice@git.corp.example.com/team",
    "https://mirror.example.com/team/lib",
];

const REWRITES: &[(&str, &str)] = &[
    ("git@git.corp.example.com:", "https://git.corp.example.com/"),
    (
        "ssh://git@git.corp.example.com/",
        "https://git.corp.example.com",
    ),
    (
        "https://mirror.example.com/",
        "https://git.corp.example.com/team/",
    ),
    ("git@other:", "https://git.corp.example.com/te"),
    (
        "https://mirror.example.com/",
        "https://other.corp.example.com/",
    ),
    (
        "git@git.corp.example.com:",
        "https://git.corp.example.com/team/",
    ),
];

/// One generated config, and the name each helper value stands for.
fn generate(g: &mut Gen, log: &Path, ours: &Path) -> (String, Vec<(String, String)>) {
    let mut text = String::new();
    let mut names = Vec::new();
    for i in 0..1 + g.below(7) {
        if g.below(4) == 0 {
            let (base, instead) = REWRITES[g.below(REWRITES.len())];
            text.push_str(&format!("[url \"{base}\"]\n\tinsteadOf = {instead}\n"));
            continue;
        }
        let key = g.pick(CREDENTIAL_KEYS);
        text.push_str(&if key.is_empty() {
            "[credential]\n".to_string()
        } else {
            format!("[credential \"{key}\"]\n")
        });
        let value = match g.below(6) {
            0 => String::new(),
            1 => format!("{} git-credential", ours.display()),
            _ => format!("!echo h{i} >>'{}'", log.display()),
        };
        let name = if value.is_empty() {
            String::new()
        } else if value.starts_with('!') {
            format!("h{i}")
        } else {
            "ours".to_string()
        };
        names.push((value.clone(), name));
        text.push_str(&format!("\thelper = \"{}\"\n", value.replace('"', "\\\"")));
        if g.below(5) == 0 {
            text.push_str("\tuseHttpPath = true\n");
        }
    }
    (text, names)
}

fn git_run(env: &SysEnv, args: &[&str], input: &str) -> String {
    use std::io::Write;
    let mut child = git_command(env)
        .args(args)
        .env("GIT_TERMINAL_PROMPT", "0")
        .current_dir(env.get("HOME").expect("home"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("run git");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect("wait");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

#[test]
fn generated_configs_match_the_real_git() {
    if !git_available() {
        return;
    }
    for seed in 1..=40u64 {
        let mut g = Gen(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        let (dir, env) = env_with_gitconfig("");
        let log = dir.path().join("helpers.log");
        let ours = dir.path().join("goproxy-assistant");
        std::fs::write(
            &ours,
            format!("#!/bin/sh\necho ours >>'{}'\n", log.display()),
        )
        .expect("write helper");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&ours, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        }
        let (text, names) = generate(&mut g, &log, &ours);
        std::fs::write(dir.path().join("gitconfig"), &text).expect("write config");
        let config = GitConfig::read(&env).expect("git runs");
        for url in URLS {
            let _ = std::fs::remove_file(&log);
            git_run(&env, &["credential", "fill"], &format!("url={url}\n\n"));
            let ran: Vec<String> = std::fs::read_to_string(&log)
                .unwrap_or_default()
                .lines()
                .map(|l| l.split_whitespace().next().unwrap_or("").to_string())
                .collect();
            let ours_said: Vec<String> = config
                .helpers(url)
                .expect("helpers")
                .iter()
                .map(|h| {
                    names
                        .iter()
                        .find(|(v, _)| v == h)
                        .map_or_else(|| h.clone(), |(_, n)| n.clone())
                })
                .collect();
            assert_eq!(ours_said, ran, "seed {seed}, {url}, config:\n{text}");
            let rewritten = git_run(&env, &["ls-remote", "--get-url", url], "");
            let computed = config.rewrite(url).map_or(url.to_string(), |(_, u)| u);
            assert_eq!(computed, rewritten, "seed {seed}, {url}, config:\n{text}");
        }
    }
}
