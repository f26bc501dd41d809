//! The Private modules page end to end, with a real Secret Service (gnome-keyring, unlocked in
//! the test's D-Bus session by `scripts/e2e.sh`) and an HTTPS mirror on 127.0.0.1 that serves a
//! private module only with Basic `alice:<token>`:
//! add a GOPRIVATE pattern through the plan dialog, test a module path, see access fail without a
//! token, add the host with its token, see access succeed; then let Go use the keychain (GOAUTH
//! pointing at the app binary) and the real go1.27 downloads the module with no .netrc; delete
//! the token and access fails again. The token must not appear in any file of the sandbox, the
//! page, or the driver's and app's log.

use e2e_tests::webdriver::{Driver, Session};
use e2e_tests::{session_env, Setup};
use go_integration_tests::Sandbox;
use mirror_sim::{test_ca, Credential, MirrorBehavior, SimMirror, SimModule};
use std::path::Path;

const MODULE: &str = "corp.example.com/team/lib";
const USER: &str = "alice";

/// A token nobody could guess, so finding it anywhere means we leaked it.
fn random_token() -> String {
    use std::hash::{BuildHasher, Hasher};
    let h = std::collections::hash_map::RandomState::new().build_hasher();
    let mut h = h;
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default(),
    );
    format!("e2eTok{:016x}{}", h.finish(), std::process::id())
}

fn sandbox(setup: &Setup, mirror: &SimMirror) -> Sandbox {
    let mut sb = Sandbox::new();
    let go_dir = setup.go.parent().expect("go has a parent dir");
    let path = std::env::var("PATH").unwrap_or_default();
    sb.set("PATH", &format!("{}:{path}", go_dir.display()));
    sb.set("GOPROXY_ASSISTANT_OFFLINE_CATALOGUE", "1");
    sb.set("GOTOOLCHAIN", "local");
    sb.set("GOFLAGS", "-modcacherw");
    let ca = test_ca().write_ca_file(sb.path()).expect("CA file");
    sb.set("SSL_CERT_FILE", &ca.display().to_string());
    // go (and the app it runs as GOAUTH helper) reach the keychain through the session bus.
    if let Ok(bus) = std::env::var("DBUS_SESSION_BUS_ADDRESS") {
        sb.set("DBUS_SESSION_BUS_ADDRESS", &bus);
    }
    // The company proxy serves private modules too: GONOPROXY=none keeps them on it once
    // GOPRIVATE is set (GONOSUMDB inherits GOPRIVATE, so no checksum database is asked).
    let seed = format!("GOPROXY={}\nGONOPROXY=none\n", mirror.url());
    std::fs::write(&sb.goenv, seed).expect("seed GOENV file");
    sb
}

fn host_row(host: &str) -> String {
    format!("[data-testid=host-row][data-host=\"{host}\"]")
}

fn test_access(s: &Session, expect_ok: bool) -> String {
    s.type_into("[data-testid=access-input]", MODULE);
    s.click("[data-testid=access-run]");
    let want = if expect_ok { "true" } else { "false" };
    s.wait_until(&format!("access result ok={want}"), || {
        (s.attr_of("[data-testid=access-result]", "data-ok")
            .as_deref()
            == Some(want))
        .then_some(())
    });
    s.attr_of("[data-testid=access-result]", "data-failure")
        .unwrap_or_default()
}

/// How many changes the app recorded in the sandbox's history journal.
/// The committed history entries (`<id>.json`); the journal's other files are not entries.
fn history_entries(sb: &Sandbox) -> Vec<String> {
    let dir = sb.home.join(".local/share/goproxy-assistant/history");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn add_pattern_and_host_set_token_test_access_and_go_downloads_through_goauth() {
    let Some(setup) = e2e_tests::setup() else {
        return;
    };
    let token = random_token();
    let mut behavior = MirrorBehavior::default()
        .https()
        .with_auth(&format!("/{MODULE}/"), Credential::basic(USER, &token));
    behavior.modules = vec![SimModule::new(MODULE, &["v1.0.0", "v1.1.0"])];
    let mirror = SimMirror::start(behavior).expect("start mirror");
    let host = format!("127.0.0.1:{}", mirror.addr().port());
    let sb = sandbox(&setup, &mirror);
    let mut envs = sb.vars();
    envs.extend(session_env());
    let log = sb.path().join("driver.log");
    let driver = Driver::start(&setup.tauri_driver, &envs, &log);
    let s = driver.new_session(&setup.app);

    s.click("[data-testid=nav-private]");
    s.wait_for("[data-testid=page-private][data-loaded=true]");

    // 1. A pattern, through the plan dialog, into the GOENV file.
    s.select_option("[data-testid=pattern-key]", "GOPRIVATE");
    s.type_into("[data-testid=pattern-input]", "corp.example.com");
    s.click("[data-testid=pattern-add]");
    s.wait_for("[data-testid=plan-dialog]");
    s.click("[data-testid=plan-apply]");
    s.wait_until("GOPRIVATE in the GOENV file", || {
        let text = std::fs::read_to_string(&sb.goenv).ok()?;
        text.contains("GOPRIVATE=corp.example.com").then_some(())
    });
    s.wait_for(
        "[data-testid=pattern-row][data-key=GOPRIVATE] [data-testid=pattern-chip][data-pattern=\"corp.example.com\"]",
    );

    // 2. "Test a module path" names the pattern that matched.
    s.type_into("[data-testid=explain-input]", MODULE);
    s.click("[data-testid=explain-run]");
    let explained = s.wait_until("the explanation", || {
        s.text_of("[data-testid=explain-result]")
            .filter(|t| !t.is_empty())
    });
    assert!(explained.contains("corp.example.com"), "{explained}");

    // 3. Without a token the mirror answers 401 and the report says so.
    let failure = test_access(&s, false);
    assert_eq!(failure, "no_credential");

    // 4. The host and its token: into the real keychain, never back out.
    if s.find("[data-testid=token-host]").is_none() {
        s.click("[data-testid=host-add]");
    }
    s.type_into("[data-testid=token-host]", &host);
    s.type_into("[data-testid=token-user]", USER);
    s.select_option("[data-testid=token-scheme]", "basic");
    s.type_into("[data-testid=token-value]", &token);
    s.click("[data-testid=token-save]");
    s.wait_for(&format!("{}[data-token=stored]", host_row(&host)));
    let entries = history_entries(&sb);
    assert_eq!(
        entries.iter().filter(|n| n.ends_with(".json")).count(),
        2,
        "the pattern and the token are in the history: {entries:?}"
    );
    if s.find("[data-testid=token-value]").is_some() {
        assert_eq!(
            s.property_of("[data-testid=token-value]", "value")
                .as_deref(),
            Some(""),
            "the token field is cleared after saving"
        );
    }

    // 5. Test access succeeds with the token from the keychain.
    let failure = test_access(&s, true);
    assert_eq!(failure, "");
    s.wait_for_paint();
    let shots = Path::new(env!("CARGO_MANIFEST_DIR")).join("screenshots");
    std::fs::create_dir_all(&shots).expect("mkdir screenshots");
    std::fs::write(shots.join("private.png"), s.screenshot()).expect("write screenshot");
    // The mirror is in GOPROXY: Go asks it over HTTP, so git is not part of this host's story.
    assert_eq!(
        s.attr_of(
            &format!("{} [data-testid=host-git]", host_row(&host)),
            "data-git"
        )
        .as_deref(),
        Some("proxy")
    );
    // Delete asks first; Cancel keeps the token.
    s.click(&format!("{} [data-testid=token-delete]", host_row(&host)));
    s.wait_for("[data-testid=token-delete-confirm]");
    s.wait_for_paint();
    std::fs::write(shots.join("private-hosts.png"), s.screenshot()).expect("write screenshot");
    s.click("[data-testid=token-delete-cancel]");
    s.wait_until("the confirmation to close", || {
        s.find("[data-testid=token-delete-confirm]")
            .is_none()
            .then_some(())
    });
    s.wait_for(&format!("{}[data-token=stored]", host_row(&host)));

    // 6. Let Go 1.27 ask the app (GOAUTH) and download the module: no .netrc anywhere.
    s.click("[data-testid=goauth-setup]");
    s.wait_for("[data-testid=plan-dialog]");
    s.click("[data-testid=plan-apply]");
    s.wait_until("GOAUTH in the GOENV file", || {
        let text = std::fs::read_to_string(&sb.goenv).ok()?;
        text.contains(" goauth").then_some(())
    });
    assert!(!sb.home.join(".netrc").exists(), "no .netrc was written");
    let out = sb
        .command(&setup.go)
        .args(["mod", "download", "-json", &format!("{MODULE}@v1.1.0")])
        .output()
        .expect("run go");
    assert!(
        out.status.success(),
        "go mod download through GOAUTH: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    for stream in [&out.stdout, &out.stderr] {
        assert!(
            !String::from_utf8_lossy(stream).contains(&token),
            "go printed the token"
        );
    }
    let page = s.source().unwrap_or_default();
    assert!(!page.contains(&token), "the page shows the token");

    // 7. Delete the token (confirmed), and access fails again.
    let row = host_row(&host);
    s.click(&format!("{row} [data-testid=token-delete]"));
    s.click("[data-testid=token-delete-confirm]");
    s.wait_until("the host row to go", || {
        s.find(&row).is_none().then_some(())
    });
    assert_eq!(test_access(&s, false), "no_credential");

    // The token is in no file of the sandbox (history journal, hosts.toml, GOENV, module cache)
    // and in no output of the driver, WebKit or the app.
    drop(s);
    let leaks = e2e_tests::leak::files_containing(sb.path(), token.as_bytes());
    assert!(leaks.is_empty(), "the token is in {leaks:?}");
    let log_text = std::fs::read(&log).unwrap_or_default();
    assert!(
        !log_text.windows(token.len()).any(|w| w == token.as_bytes()),
        "the token is in the driver/app log"
    );
}

/// A locked keychain (its own session bus, nobody unlocks it, no display for the prompt): saving
/// a token ends in a clear error at the form within seconds, the window stays usable, and
/// nothing is written: no hosts.toml, no history entry, and no plaintext .netrc although it was
/// asked for.
#[test]
fn a_locked_keychain_is_a_clear_error_and_writes_nothing() {
    let Some(setup) = e2e_tests::setup() else {
        return;
    };
    let sb = Sandbox::new();
    let bus = e2e_tests::keyring::LockedKeyringBus::start(&sb.path().join("bus"))
        .expect("start a private session bus (dbus-run-session)");
    let mut envs: Vec<(String, String)> = sb.vars();
    envs.extend(
        session_env()
            .into_iter()
            .filter(|(k, _)| k != "DBUS_SESSION_BUS_ADDRESS"),
    );
    envs.push(("DBUS_SESSION_BUS_ADDRESS".into(), bus.address().into()));
    let driver = Driver::start(&setup.tauri_driver, &envs, &sb.path().join("driver.log"));
    let s = driver.new_session(&setup.app);
    s.click("[data-testid=nav-private]");
    s.wait_for("[data-testid=page-private][data-loaded=true]");

    let token = random_token();
    if s.find("[data-testid=token-host]").is_none() {
        s.click("[data-testid=host-add]");
    }
    s.type_into("[data-testid=token-host]", "git.corp.example.com");
    s.type_into("[data-testid=token-value]", &token);
    s.click("[data-testid=token-netrc]");
    let started = std::time::Instant::now();
    s.click("[data-testid=token-save]");
    let alert = "[data-testid=error-alert][data-error-code=keychain_locked]";
    let message = s.wait_until("the keychain error", || s.text_of(alert));
    let waited = started.elapsed();
    eprintln!("e2e: locked_keychain_error_ms={}", waited.as_millis());
    assert!(waited < std::time::Duration::from_secs(10), "{waited:?}");
    assert!(message.contains("locked"), "{message}");
    assert_eq!(
        s.property_of("[data-testid=token-value]", "value")
            .as_deref(),
        Some(""),
        "the token field is cleared after the failure"
    );
    // Still usable: the page answers a module path while the keychain stays locked.
    s.type_into("[data-testid=explain-input]", MODULE);
    s.click("[data-testid=explain-run]");
    s.wait_for("[data-testid=explain-result]");

    let config = sb.home.join(".config/goproxy-assistant");
    assert!(!config.join("hosts.toml").exists(), "no host recorded");
    assert!(!sb.home.join(".netrc").exists(), "no plaintext fallback");
    let entries = history_entries(&sb);
    assert!(entries.is_empty(), "no history entry: {entries:?}");
    assert!(!s.source().unwrap_or_default().contains(&token));
    drop(s);
    let leaks = e2e_tests::leak::files_containing(sb.path(), token.as_bytes());
    assert!(leaks.is_empty(), "the token is in {leaks:?}");
}
