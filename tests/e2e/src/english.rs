//! English sentences in the rendered zh-CN UI. The rules are the UI unit tests' own
//! (`ui/src/testing/englishSentences.js`, run here in the page), applied to the text a user sees
//! and hears: visible text nodes and accessible names, leaving out values (`code`, `pre`, inputs,
//! anything marked `lang="en"` on purpose) but keeping the comments of the Docker preview.

use crate::webdriver::Session;
use serde_json::Value;

fn detector_source() -> String {
    let path = crate::repo_root().join("ui/src/testing/englishSentences.js");
    let source =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    // A module file; in the page it is a plain script.
    source.replace("export function", "function")
}

/// `(text, English phrases in it)` for every text on the page that has some.
pub fn english_on_page(s: &Session) -> Vec<(String, Vec<String>)> {
    const COLLECT: &str = "
        const VALUE = 'code, pre, kbd, samp, textarea, script, style, body [lang=en], [aria-hidden=true]';
        const texts = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const el = node.parentElement;
            const text = node.textContent.trim();
            if (!el || !text) continue;
            const comment = el.closest('.tok-comment');
            if (el.closest(VALUE) && !comment) continue;
            if (!el.checkVisibility || el.checkVisibility()) texts.push(text);
        }
        for (const el of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
            if (el.closest('body [lang=en]')) continue;
            for (const name of ['aria-label', 'title']) {
                const v = el.getAttribute(name);
                if (v) texts.push(v);
            }
        }
        return texts.map((t) => [t, englishSentences(t)]).filter(([, found]) => found.length > 0);";
    let script = format!("{}\n{COLLECT}", detector_source());
    let found = s.execute(&script, Vec::new());
    let strings = |v: &Value| -> Vec<String> {
        v.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    found
        .as_array()
        .map(|rows| {
            rows.iter()
                .map(|row| {
                    (
                        row[0].as_str().unwrap_or_default().to_string(),
                        strings(&row[1]),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}
