//! Every page fits the window at 800×600 and at the default 1100×720, in both languages: the
//! page never scrolls sideways, and neither does anything on it except code (the Docker preview
//! keeps its lines). The Mirrors table is checked with benchmark results in it, its widest state.

mod tour;

use e2e_tests::tour::{open, set_language, settle, LANGUAGES, PAGES};
use e2e_tests::webdriver::Session;
use serde_json::Value;
use std::time::Instant;

const SIZES: [(u32, u32); 2] = [(800, 600), (1100, 720)];

/// What scrolls sideways: the document, or any element but code, with how far.
fn sideways_scrolling(s: &Session) -> Vec<String> {
    const SCRIPT: &str = "
        const name = (el) => el.dataset.testid || `${el.tagName.toLowerCase()}.${el.className}`;
        const found = [];
        const page = document.scrollingElement;
        if (page.scrollWidth > page.clientWidth) {
            found.push(`the page: ${page.scrollWidth}px wide in ${page.clientWidth}px`);
        }
        for (const el of document.querySelectorAll('body *')) {
            // Visually hidden text and hidden file inputs are 1px boxes on purpose.
            if (el.closest('pre, code') || el.clientWidth <= 1) continue;
            const overflow = getComputedStyle(el).overflowX;
            if (overflow === 'visible' || overflow === 'clip') continue;
            if (el.scrollWidth > el.clientWidth + 1) {
                // Name the outermost descendants that stick out, so the failure says what to fix.
                const edge = el.getBoundingClientRect().right + 1;
                const out = [...el.querySelectorAll('*')].filter((d) =>
                    d.getBoundingClientRect().right > edge &&
                    !(d.parentElement.getBoundingClientRect().right > edge));
                const culprits = out.slice(0, 3).map(name).join(', ');
                found.push(`${name(el)}: ${el.scrollWidth}px wide in ${el.clientWidth}px (${culprits})`);
            }
        }
        return found;";
    match s.execute(SCRIPT, Vec::new()) {
        Value::Array(items) => items
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        other => s.fail(&format!("layout probe returned {other}")),
    }
}

#[test]
fn every_page_fits_800x600_and_1100x720_without_sideways_scrolling() {
    let Some(setup) = e2e_tests::setup() else {
        return;
    };
    let started = Instant::now();
    let tour = tour::start(&setup);
    let s = tour::open_with_history(&tour, &setup.app);
    // Fill the Mirrors table with results first.
    open(&s, "mirrors");
    s.click("[data-testid=bench-run]");
    s.wait_for("[data-testid=bench-recommendation]");
    settle(&s, "mirrors");

    let mut problems = Vec::new();
    for (width, height) in SIZES {
        s.set_window_size(width, height);
        for language in LANGUAGES {
            set_language(&s, language);
            for page in PAGES {
                open(&s, page);
                for what in sideways_scrolling(&s) {
                    problems.push(format!("{width}×{height} {language} {page}: {what}"));
                }
            }
        }
    }
    println!("e2e: layout_ms={}", started.elapsed().as_millis());
    assert!(
        problems.is_empty(),
        "sideways scrolling:\n{}",
        problems.join("\n")
    );
}
