//! Keyboard-only use: move the focus with Tab / Shift+Tab as a user does, and check that every
//! element the focus lands on shows it (an outline or a box shadow in its computed style).

use crate::webdriver::{Session, SHIFT, TAB};
use serde_json::{json, Value};

/// Most Tab presses any page needs to reach its primary action.
const MAX_PRESSES: usize = 120;

/// The focused element: a short description, whether it matches `css`, and whether its focus
/// is visible. `None` while the focus is on the document itself.
fn focused(s: &Session, css: &str) -> Option<Value> {
    const SCRIPT: &str = "const el = document.activeElement;
        if (!el || el === document.body || el === document.documentElement) return null;
        const cs = getComputedStyle(el);
        const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0;
        const shadow = !!cs.boxShadow && cs.boxShadow !== 'none';
        const id = el.dataset.testid ? `[data-testid=${el.dataset.testid}]` : el.id ? `#${el.id}` : '';
        const text = (el.innerText || el.value || '').trim().slice(0, 40);
        return { desc: `${el.tagName.toLowerCase()}${id} \"${text}\"`,
                 matches: el.matches(arguments[0]), visible: outline || shadow };";
    let v = s.execute(SCRIPT, vec![json!(css)]);
    (!v.is_null()).then_some(v)
}

/// Presses Tab (or Shift+Tab when `backwards`) until the element matching `css` has the focus,
/// failing the test if any element on the way shows no focus or `css` is never reached.
/// Returns the number of presses.
pub fn tab_to(s: &Session, css: &str, backwards: bool) -> usize {
    let mut path = Vec::new();
    for press in 1..=MAX_PRESSES {
        s.press_key(TAB, backwards.then_some(SHIFT));
        let Some(now) = focused(s, css) else {
            path.push("(document)".to_string());
            continue;
        };
        let desc = now["desc"].as_str().unwrap_or_default().to_string();
        if now["visible"] != json!(true) {
            s.fail(&format!(
                "focus is not visible on {desc} (no outline or box shadow); path: {}",
                path.join(" → ")
            ));
        }
        path.push(desc);
        if now["matches"] == json!(true) {
            return press;
        }
    }
    s.fail(&format!(
        "`{css}` not reached in {MAX_PRESSES} key presses; path: {}",
        path.join(" → ")
    ));
}
