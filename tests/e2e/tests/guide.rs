//! The user guide's pictures (docs/guide.md, docs/guide.zh-CN.md): every page of the real app
//! at the default 1100×720, in English and Simplified Chinese, in the state the guide describes.
//! Ignored by a normal run; `make screenshots` runs it to refresh docs/images/guide/<lang>/.

mod tour;

use e2e_tests::tour::{open, set_language, settle, LANGUAGES, PAGES};
use e2e_tests::webdriver::Session;
use std::path::Path;

fn save(s: &Session, dir: &Path, name: &str) {
    s.wait_for_paint();
    let png = s.screenshot();
    assert!(png.starts_with(b"\x89PNG"), "{name}: not a PNG");
    std::fs::write(dir.join(format!("{name}.png")), png).expect("write screenshot");
}

/// Brings `page` into the state the guide shows: after its primary action where it has one.
fn show(s: &Session, tour: &tour::Tour, page: &str, dir: &Path) {
    open(s, page);
    match page {
        "overview" => {
            save(s, dir, "overview");
            s.click("[data-testid=fix-gosumdb_off]");
            s.wait_for("[data-testid=plan-dialog]");
            save(s, dir, "plan-dialog");
            s.click("[data-testid=plan-cancel]");
            return;
        }
        "mirrors" => {
            s.click("[data-testid=bench-run]");
            s.wait_for("[data-testid=bench-recommendation]");
        }
        "private" => {
            s.type_into("[data-testid=access-input]", "example.com/sim/Hello");
            s.click("[data-testid=access-run]");
            s.wait_for("[data-testid=access-result]");
        }
        "docker" => {
            let dir = tour.sb.work.join("app").display().to_string();
            s.type_into("[data-testid=docker-dir]", &dir);
            s.click("[data-testid=docker-open]");
            s.wait_for("[data-testid=docker-preview-card][data-state=ready]");
        }
        "doctor" => {
            s.click("[data-testid=doctor-check]");
        }
        _ => {}
    }
    settle(s, page);
    // The header with the verdict and the primary action at the top.
    s.execute("document.querySelector('main').scrollTop = 0;", Vec::new());
    save(s, dir, page);
}

#[test]
#[ignore = "refreshes the guide's screenshots: make screenshots"]
fn guide_screenshots() {
    let Some(setup) = e2e_tests::setup() else {
        return;
    };
    let tour = tour::start(&setup);
    let s = tour::open_with_history(&tour, &setup.app);
    s.set_window_size(1100, 720);
    for language in LANGUAGES {
        let dir = e2e_tests::repo_root().join(format!("docs/images/guide/{language}"));
        std::fs::create_dir_all(&dir).expect("mkdir docs/images/guide");
        set_language(&s, language);
        for page in PAGES {
            show(&s, &tour, page, &dir);
        }
    }
}
