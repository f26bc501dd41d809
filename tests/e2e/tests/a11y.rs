//! axe-core in the real app on every page, in English and Simplified Chinese, light and dark:
//! no serious or critical violation (WCAG 2.1 AA contrast, names, roles, landmarks). Pages are
//! checked as they open; the keyboard tests check them again after their primary action.

mod tour;

use e2e_tests::axe::{self, Violation};
use e2e_tests::tour::{open, set_language, set_theme, LANGUAGES, PAGES, THEMES};
use std::time::Instant;

#[test]
fn no_serious_or_critical_axe_violation_on_any_page() {
    let Some(setup) = e2e_tests::setup() else {
        return;
    };
    let started = Instant::now();
    let tour = tour::start(&setup);
    let s = tour::open_with_history(&tour, &setup.app);

    let mut blocking: Vec<String> = Vec::new();
    let mut report = String::new();
    for language in LANGUAGES {
        set_language(&s, language);
        for theme in THEMES {
            set_theme(&s, theme);
            for page in PAGES {
                open(&s, page);
                let found: Vec<Violation> = axe::run(&s);
                let n_blocking = found.iter().filter(|v| v.is_blocking()).count();
                report.push_str(&format!(
                    "e2e: axe {page} {language} {theme}: {} violations, {n_blocking} serious or critical\n",
                    found.len()
                ));
                for v in &found {
                    report.push_str(&format!("    {v}\n"));
                    if v.is_blocking() {
                        blocking.push(format!("{page} {language} {theme}: {v}"));
                    }
                }
            }
        }
    }
    print!("{report}");
    println!("e2e: axe_ms={}", started.elapsed().as_millis());
    assert!(
        blocking.is_empty(),
        "serious or critical axe violations:\n{}",
        blocking.join("\n")
    );
}
