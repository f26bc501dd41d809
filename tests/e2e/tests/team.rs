//! The Team page's onboarding wizard end to end, in the real app with a real Secret Service
//! (gnome-keyring, unlocked by `scripts/e2e.sh`), an HTTPS mirror on 127.0.0.1 that serves a
//! private module only with Basic `alice:<token>`, and the real go1.27: a team bundle written in
//! the test's scratch dir (that mirror with its CA, the host needing a token, GOAUTH `keychain`,
//! one risky GOINSECURE item, `verify.module` the private module) is opened, its mirror
//! benchmarked, reviewed (the risky item ticked), the token entered, applied as one history entry,
//! and verified by go downloading the private module; the summary names the version. The token is
//! in no file, page or log afterwards.

use e2e_tests::webdriver::{Driver, Session};
use e2e_tests::{session_env, Setup};
use go_integration_tests::Sandbox;
use mirror_sim::{test_ca, Credential, MirrorBehavior, SimMirror, SimModule};
use std::path::Path;
use std::time::{Duration, Instant};

const MODULE: &str = "corp.example.com/team/lib";
const USER: &str = "alice";

/// A token nobody could guess, so finding it anywhere means we leaked it.
fn random_token() -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default(),
    );
    format!("e2eTeam{:016x}{}", h.finish(), std::process::id())
}

/// A home with go on PATH and nothing set yet: the bundle brings the whole setup.
fn sandbox(setup: &Setup) -> Sandbox {
    let mut sb = Sandbox::new();
    let go_dir = setup.go.parent().expect("go has a parent dir");
    let path = std::env::var("PATH").unwrap_or_default();
    sb.set("PATH", &format!("{}:{path}", go_dir.display()));
    sb.set("GOPROXY_ASSISTANT_OFFLINE_CATALOGUE", "1");
    sb.set("GOTOOLCHAIN", "local");
    sb.set("GOFLAGS", "-modcacherw");
    let ca = test_ca().write_ca_file(sb.path()).expect("CA file");
    sb.set("SSL_CERT_FILE", &ca.display().to_string());
    // go runs the app as its GOAUTH helper, which reaches the keychain through the session bus.
    if let Ok(bus) = std::env::var("DBUS_SESSION_BUS_ADDRESS") {
        sb.set("DBUS_SESSION_BUS_ADDRESS", &bus);
    }
    sb
}

/// The team's bundle: the loopback mirror (with its CA), the module's path kept out of the
/// checksum database, the keychain as GOAUTH, the host needing a token, one risky item.
fn bundle_text(mirror: &SimMirror, host: &str) -> String {
    format!(
        r#"format = "goproxy-assistant-bundle/1"
name = "Corp e2e"
version = "1"

[go_env]
GOPROXY = "{url}"
GONOSUMDB = "corp.example.com"
GOAUTH = "keychain"
GOINSECURE = "legacy.corp.example.com"

[[mirrors]]
name = "corp"
url = "{url}"
ca_pem = """
{ca}"""

[[hosts]]
host = "{host}"
login = "{USER}"
auth = "basic"
token_help = "Ask the platform team for a read-only token"

[verify]
module = "{MODULE}@latest"
"#,
        url = mirror.url(),
        ca = test_ca().ca_pem.trim_end(),
    )
}

fn step_is(s: &Session, step: &str) {
    s.wait_for(&format!("[data-testid=team-wizard][data-step={step}]"));
}

#[test]
fn a_bundle_opened_in_the_wizard_sets_up_and_verifies_a_private_module_download() {
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
    let sb = sandbox(&setup);
    let file = sb.path().join("team.toml");
    std::fs::write(&file, bundle_text(&mirror, &host)).expect("write the bundle");
    let mut envs = sb.vars();
    envs.extend(session_env());
    let log = sb.path().join("driver.log");
    let driver = Driver::start(&setup.tauri_driver, &envs, &log);
    let s = driver.new_session(&setup.app);

    s.click("[data-testid=nav-team]");
    s.wait_for("[data-testid=page-team]");
    s.type_into("[data-testid=team-source]", &file.display().to_string());

    // Open → detect: what was read, with its SHA-256.
    let started = Instant::now();
    s.click("[data-testid=team-open]");
    step_is(&s, "detect");
    let provenance = s
        .text_of("[data-testid=team-provenance]")
        .unwrap_or_default();
    assert!(provenance.contains("team.toml"), "{provenance}");

    // Benchmark the bundle's mirror from here.
    s.click("[data-testid=team-next]");
    step_is(&s, "benchmark");
    s.click("[data-testid=team-bench-run]");
    s.wait_until("the mirror's benchmark row", || {
        let state = s.attr_of("[data-testid=team-bench-row]", "data-state")?;
        (state != "pending").then_some(state)
    });

    // Review: the keys old → new, and the risky item unticked until the user ticks it.
    s.click("[data-testid=team-next]");
    step_is(&s, "review");
    let env = s.text_of("[data-testid=team-env]").unwrap_or_default();
    assert!(
        env.contains("GOPROXY") && env.contains(&mirror.url()),
        "{env}"
    );
    assert_eq!(
        s.attr_of("[data-testid=team-risk]", "data-code").as_deref(),
        Some("goinsecure")
    );
    assert_eq!(
        s.property_of("[data-testid=team-risk]", "checked")
            .as_deref(),
        Some("false"),
        "a risky item starts unticked"
    );
    assert_eq!(
        s.property_of("[data-testid=team-next]", "disabled")
            .as_deref(),
        Some("true"),
        "no way on while a risky item is unticked"
    );
    s.click("[data-testid=team-risk]");
    s.click("[data-testid=team-next]");

    // Tokens: typed into the write-only form (this time is not counted).
    step_is(&s, "tokens");
    let typing = Instant::now();
    s.type_into("[data-testid=token-value]", &token);
    s.click("[data-testid=token-save]");
    s.wait_for(&format!(
        "[data-testid=team-token-host][data-host=\"{host}\"][data-state=entered]"
    ));
    let token_typing = typing.elapsed();

    // Apply: the plan dialog, then one history entry.
    s.click("[data-testid=team-next]");
    step_is(&s, "apply");
    s.click("[data-testid=team-review-apply]");
    s.wait_for("[data-testid=plan-dialog]");
    s.click("[data-testid=plan-apply]");
    step_is(&s, "verify");

    // Verify: the real go downloads the private module through the new settings.
    s.click("[data-testid=team-verify-run]");
    let outcome = s.wait_until("the verify download", || {
        let state = s.attr_of("[data-testid=team-step-verify]", "data-state")?;
        matches!(state.as_str(), "ok" | "failed" | "cancelled").then_some(state)
    });
    let open_to_verified = started.elapsed().saturating_sub(token_typing);
    let lines = s
        .text_of("[data-testid=team-verify-lines]")
        .unwrap_or_default();
    assert_eq!(outcome, "ok", "go's lines:\n{lines}");
    eprintln!(
        "team wizard: open→verified {} ms",
        open_to_verified.as_millis()
    );
    assert!(
        open_to_verified < Duration::from_secs(60),
        "{open_to_verified:?}"
    );

    s.click("[data-testid=team-next]");
    step_is(&s, "done");
    let summary = s.text_of("[data-testid=team-summary]").unwrap_or_default();
    assert!(summary.contains("Corp e2e"), "{summary}");
    assert!(
        summary.contains(&format!("{MODULE}@latest resolved to v1.1.0")),
        "{summary}"
    );
    s.wait_for_paint();
    let shots = Path::new(env!("CARGO_MANIFEST_DIR")).join("screenshots");
    std::fs::create_dir_all(&shots).expect("mkdir screenshots");
    std::fs::write(shots.join("team.png"), s.screenshot()).expect("write screenshot");

    // What was applied is in the GOENV file, as one history entry.
    let goenv = std::fs::read_to_string(&sb.goenv).expect("GOENV file");
    assert!(
        goenv.contains(&format!("GOPROXY={}", mirror.url())),
        "{goenv}"
    );
    assert!(
        goenv.contains(" goauth"),
        "GOAUTH is this app's helper: {goenv}"
    );
    let history = sb.home.join(".local/share/goproxy-assistant/history");
    let entries = std::fs::read_dir(history)
        .map(|d| {
            d.flatten()
                .filter(|e| e.file_name().to_string_lossy().ends_with(".json"))
                .count()
        })
        .unwrap_or_default();
    assert_eq!(entries, 1, "the bundle is one history entry");

    let page = s.source().unwrap_or_default();
    assert!(!page.contains(&token), "the page shows the token");
    drop(s);
    let leaks = e2e_tests::leak::files_containing(sb.path(), token.as_bytes());
    assert!(leaks.is_empty(), "the token is in {leaks:?}");
    let log_text = std::fs::read(&log).unwrap_or_default();
    assert!(
        !log_text.windows(token.len()).any(|w| w == token.as_bytes()),
        "the token is in the driver/app log"
    );
}
