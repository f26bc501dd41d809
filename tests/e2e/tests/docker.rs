//! The Docker page end to end: a sample module is typed in (the window has no file system
//! access; the Doctor's run mode picks its project the same way), the preview follows option
//! changes, Copy Dockerfile, "Save into the project" shows the differences against the
//! Dockerfile already there and keeps it in History, and undo from History restores its bytes
//! (and removes the .dockerignore the save created). At 800x600 with screenshots (the page, the save dialog). The engine
//! card settles on whatever this machine has; Test build itself needs a daemon of its own and is
//! covered by `make test-docker` (tests/mirror-sim/tests/docker_build.rs).

use e2e_tests::webdriver::{Driver, Session};
use e2e_tests::{session_env, Setup};
use go_integration_tests::Sandbox;
use std::path::{Path, PathBuf};

const OLD_DOCKERFILE: &[u8] = b"FROM golang:1.20\nRUN go build -o /app .\n";

/// A module with two commands and a go.sum, plus a Dockerfile of its own.
fn sample_project(sb: &Sandbox) -> PathBuf {
    let project = sb.work.join("shop");
    let write = |rel: &str, bytes: &[u8]| {
        let p = project.join(rel);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, bytes).expect("write");
    };
    write("go.mod", b"module example.com/shop\n\ngo 1.24.0\n");
    write("go.sum", b"");
    write("cmd/api/main.go", b"package main\n\nfunc main() {}\n");
    write("cmd/worker/main.go", b"package main\n\nfunc main() {}\n");
    write("Dockerfile", OLD_DOCKERFILE);
    project
}

fn sandbox(setup: &Setup) -> (Sandbox, PathBuf) {
    let mut sb = Sandbox::new();
    let go_dir = setup.go.parent().expect("go has a parent dir");
    let path = std::env::var("PATH").unwrap_or_default();
    sb.set("PATH", &format!("{}:{path}", go_dir.display()));
    sb.set("GOPROXY_ASSISTANT_OFFLINE_CATALOGUE", "1");
    // Settings the Dockerfile takes as ARG defaults (nothing is fetched).
    sb.set("GOPROXY", "https://goproxy.cn,direct");
    sb.set("GOPRIVATE", "git.corp.example.com");
    // Whatever docker this machine has, never the system daemon's socket.
    sb.set("DOCKER_HOST", "unix:///nonexistent/e2e-docker.sock");
    let project = sample_project(&sb);
    (sb, project)
}

fn save_screenshot(name: &str, png: &[u8]) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("screenshots");
    std::fs::create_dir_all(&dir).expect("mkdir screenshots");
    std::fs::write(dir.join(name), png).expect("write screenshot");
}

fn preview(s: &Session) -> String {
    s.text_of("[data-testid=docker-preview]")
        .unwrap_or_default()
}

/// The preview, once it shows a finished generation containing `needle`.
fn preview_with(s: &Session, needle: &str) -> String {
    s.wait_until(&format!("the preview to show `{needle}`"), || {
        let ready = s.attr_of("[data-testid=docker-preview-card]", "data-state")?;
        let text = preview(s);
        (ready == "ready" && text.contains(needle)).then_some(text)
    })
}

#[test]
fn pick_project_change_options_copy_save_with_diff_and_undo() {
    let Some(setup) = e2e_tests::setup() else {
        return;
    };
    let (sb, project) = sandbox(&setup);
    let mut envs = sb.vars();
    envs.extend(session_env());
    let driver = Driver::start(&setup.tauri_driver, &envs, &sb.path().join("driver.log"));
    let s = driver.new_session(&setup.app);
    s.set_window_size(800, 600);

    s.click("[data-testid=nav-docker]");
    s.wait_for("[data-testid=page-docker]");

    // Pick the project: go.mod read, generated with its defaults and the current settings.
    s.type_into("[data-testid=docker-dir]", &project.display().to_string());
    s.click("[data-testid=docker-open]");
    s.wait_for("[data-testid=docker-project-summary][data-module=\"example.com/shop\"]");
    let first = preview_with(&s, "gcr.io/distroless/static-debian12:nonroot");
    assert!(first.starts_with("# syntax=docker/dockerfile:1"), "{first}");
    assert!(first.contains("https://goproxy.cn,direct"), "{first}");
    assert!(first.contains("id=netrc"), "{first}");

    // Options: the preview follows.
    s.click("[data-testid=docker-final-scratch]");
    preview_with(&s, "FROM scratch");
    s.type_into("[data-testid=docker-port]", "8080");
    let chosen = preview_with(&s, "EXPOSE 8080");
    assert!(chosen.contains("FROM scratch"), "{chosen}");

    // Copy: the primary action says so (or the page says copying was refused: then it failed).
    s.click("[data-testid=docker-copy-dockerfile]");
    s.wait_until("Copy Dockerfile to confirm", || {
        if s.find("[data-testid=docker-copy-failed]").is_some() {
            s.fail("copying the Dockerfile was refused");
        }
        (s.attr_of("[data-testid=docker-copy-dockerfile]", "data-state")? == "copied").then_some(())
    });

    // The engine card settles (no daemon at DOCKER_HOST: it says so; generation went on).
    let engine = s.wait_until("the engine card to settle", || {
        let state = s.attr_of("[data-testid=docker-engine]", "data-state")?;
        (state != "checking" && state != "unknown").then_some(state)
    });
    assert_ne!(
        engine, "ready",
        "no engine answers at the sandbox's DOCKER_HOST"
    );
    s.execute_async(
        "document.querySelector('[data-testid=docker-engine]').scrollIntoView({block: 'start'}); arguments[0]();",
        vec![],
    );
    s.wait_for_paint();
    save_screenshot("docker.png", &s.screenshot());

    // Save: the plan dialog shows the Dockerfile's differences; applying writes what was shown.
    s.click("[data-testid=docker-save]");
    s.wait_for("[data-testid=plan-dialog]");
    let changed = "[data-testid=docker-diff][data-path=\"Dockerfile\"][data-state=changed]";
    s.wait_for(changed);
    let diff = s
        .text_of(&format!("{changed} [data-testid=docker-diff-text]"))
        .unwrap_or_default();
    assert!(
        diff.contains("-FROM golang:1.20") && diff.contains("+FROM scratch"),
        "{diff}"
    );
    s.wait_for("[data-testid=docker-diff][data-path=\".dockerignore\"][data-state=new]");
    s.execute_async(
        "document.querySelector('[data-testid=docker-diffs]').scrollIntoView({block: 'nearest'}); arguments[0]();",
        vec![],
    );
    s.wait_for_paint();
    save_screenshot("docker-save.png", &s.screenshot());
    s.click("[data-testid=plan-apply]");
    s.wait_for("[data-testid=toast]");
    s.click("[data-testid=toast-dismiss]");
    let written = s.wait_until("the Dockerfile to be written", || {
        let text = std::fs::read_to_string(project.join("Dockerfile")).ok()?;
        (text.as_bytes() != OLD_DOCKERFILE).then_some(text)
    });
    assert_eq!(
        written.trim_end(),
        chosen.trim_end(),
        "saved what was previewed"
    );
    assert!(project.join(".dockerignore").is_file());

    // Undo from History: the old Dockerfile's bytes back, the new .dockerignore gone.
    s.click("[data-testid=nav-history]");
    s.wait_for("[data-testid=page-history]");
    let id = s.wait_until("the newest history entry", || {
        s.attr_of("[data-testid=history-entry]", "data-entry-id")
    });
    s.click(&format!(
        "[data-testid=history-entry][data-entry-id=\"{id}\"] [data-testid=history-undo]"
    ));
    s.wait_until("the Dockerfile to be restored", || {
        (std::fs::read(project.join("Dockerfile")).ok()? == OLD_DOCKERFILE).then_some(())
    });
    s.wait_until("the created .dockerignore to be removed", || {
        (!project.join(".dockerignore").exists()).then_some(())
    });
}
