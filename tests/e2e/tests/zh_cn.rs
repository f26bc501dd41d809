//! The zh-CN UI speaks Chinese everywhere: every page as it opens and in the states its primary
//! action leads to (plan dialog, toast, benchmark, access report, endpoint checklist, explained
//! go output, Docker preview comments, team export, history) shows no English sentence apart from values.
//! And without a font for Chinese the app says how to install one, in both languages.

mod tour;

use e2e_tests::english::english_on_page;
use e2e_tests::tour::{open, set_language, settle, PAGES};
use e2e_tests::webdriver::Session;
use std::time::Instant;

/// What the real go1.27 prints when GOFLAGS holds a flag it does not know, to paste into the
/// Doctor.
fn real_go_failure(setup: &e2e_tests::Setup, tour: &tour::Tour) -> String {
    let out = tour
        .sb
        .command(&setup.go)
        .env("GOFLAGS", "-bogus")
        .args(["mod", "download"])
        .current_dir(tour.sb.work.join("app"))
        .output()
        .expect("run go");
    assert!(!out.status.success(), "go should refuse GOFLAGS=-bogus");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn check(s: &Session, what: &str, problems: &mut Vec<String>) {
    for (text, phrases) in english_on_page(s) {
        problems.push(format!("{what}: {phrases:?} in {text:?}"));
    }
}

#[test]
fn zh_cn_shows_no_english_sentence_apart_from_values() {
    let Some(setup) = e2e_tests::setup() else {
        return;
    };
    let started = Instant::now();
    let tour = tour::start(&setup);
    let s = tour::open_with_history(&tour, &setup.app);
    set_language(&s, "zh-CN");
    let mut problems = Vec::new();
    for page in PAGES {
        open(&s, page);
        check(&s, page, &mut problems);
        match page {
            "overview" => {
                s.click("[data-testid=fix-gosumdb_off]");
                s.wait_for("[data-testid=plan-dialog]");
                check(&s, "plan dialog", &mut problems);
                s.click("[data-testid=plan-apply]");
                s.wait_for("[data-testid=toast]");
                check(&s, "toast", &mut problems);
            }
            "mirrors" => {
                s.click("[data-testid=bench-run]");
                s.wait_for("[data-testid=bench-recommendation]");
                settle(&s, page);
                check(&s, "benchmark", &mut problems);
            }
            "private" => {
                s.type_into("[data-testid=access-input]", "example.com/sim/Hello");
                s.click("[data-testid=access-run]");
                s.wait_for("[data-testid=access-result]");
                settle(&s, page);
                check(&s, "access report", &mut problems);
            }
            "docker" => {
                let dir = tour.sb.work.join("app").display().to_string();
                s.type_into("[data-testid=docker-dir]", &dir);
                s.click("[data-testid=docker-open]");
                s.wait_for("[data-testid=docker-preview-card][data-state=ready] .tok-comment");
                check(&s, "Docker preview", &mut problems);
            }
            "team" => {
                s.click("[data-testid=team-export-preview]");
                // GOFLAGS=-insecure in the sandbox: the export is refused, an error worth checking too.
                s.wait_for("[data-testid=team-export] :is([data-testid=team-export-toml], [data-testid=error-alert])");
                check(&s, "team export", &mut problems);
            }
            "doctor" => {
                s.click("[data-testid=doctor-check]");
                settle(&s, page);
                check(&s, "endpoint checks", &mut problems);
                s.type_into("[data-testid=log-input]", &real_go_failure(&setup, &tour));
                s.click("[data-testid=log-explain]");
                s.wait_for("[data-testid=log-findings] [data-testid=doctor-finding]");
                check(&s, "explained go output", &mut problems);
            }
            _ => {}
        }
    }
    println!("e2e: zh_cn_ms={}", started.elapsed().as_millis());
    assert!(
        problems.is_empty(),
        "English sentences in the zh-CN UI:\n{}",
        problems.join("\n")
    );
}

/// A fontconfig setup whose only font directory is empty: what a fresh Debian without a CJK
/// font looks like to the app (and to WebKit, so the Chinese here renders as boxes).
fn without_fonts(sb: &mut go_integration_tests::Sandbox) {
    let fonts = sb.path().join("no-fonts");
    std::fs::create_dir_all(&fonts).expect("mkdir fonts");
    let conf = sb.path().join("fonts.conf");
    let xml = format!(
        "<?xml version=\"1.0\"?>\n<fontconfig><dir>{}</dir><cachedir>{}</cachedir></fontconfig>\n",
        fonts.display(),
        sb.path().join("fontconfig-cache").display()
    );
    std::fs::write(&conf, xml).expect("write fonts.conf");
    sb.set("FONTCONFIG_FILE", &conf.display().to_string());
}

#[test]
fn without_a_chinese_font_zh_cn_says_how_to_install_one_in_both_languages() {
    let Some(setup) = e2e_tests::setup() else {
        return;
    };
    let tour = tour::start_with(&setup, without_fonts);
    let s = tour.driver.new_session(&setup.app);
    settle(&s, "overview");
    assert!(
        s.find("[data-testid=cjk-font-hint]").is_none(),
        "English needs no hint"
    );
    set_language(&s, "zh-CN");
    s.wait_for("[data-testid=cjk-font-hint]");
    let english = s
        .text_of("[data-testid=cjk-font-hint] [lang=en]")
        .unwrap_or_default();
    assert!(english.contains("No Chinese font"), "{english}");
    let chinese = s
        .text_of("[data-testid=cjk-font-hint] [lang=zh-CN]")
        .unwrap_or_default();
    assert!(chinese.contains("中文字体"), "{chinese}");
    let os_release = std::fs::read_to_string("/etc/os-release").unwrap_or_default();
    if os_release
        .lines()
        .any(|l| l == "ID=debian" || l == "ID_LIKE=debian")
    {
        assert_eq!(
            s.text_of("[data-testid=cjk-font-install]").as_deref(),
            Some("sudo apt install fonts-noto-cjk")
        );
    }
}
