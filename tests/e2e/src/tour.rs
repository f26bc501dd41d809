//! A walk over every page of the app in each language and theme, for the checks that hold on
//! every page (axe, keyboard, no English in zh-CN, fits the window, the guide's screenshots).

use crate::webdriver::Session;

/// Every page, in the order of the navigation.
pub const PAGES: [&str; 7] = [
    "overview", "mirrors", "private", "docker", "team", "doctor", "history",
];
pub const LANGUAGES: [&str; 2] = ["en", "zh-CN"];
pub const THEMES: [&str; 2] = ["light", "dark"];

/// Opens `page` from the navigation and waits until it has loaded and painted.
pub fn open(s: &Session, page: &str) {
    s.click(&format!("[data-testid=nav-{page}]"));
    settle(s, page);
}

/// Waits until `page` is shown, nothing on it is busy, and it has painted.
pub fn settle(s: &Session, page: &str) {
    s.wait_for(&format!("[data-testid=page-{page}]"));
    s.wait_until(&format!("page {page} to finish loading"), || {
        s.find("[aria-busy=true]").is_none().then_some(())
    });
    s.wait_for_paint();
}

/// Chooses the UI language with the switch at the foot of the navigation.
pub fn set_language(s: &Session, locale: &str) {
    s.select_option("[data-testid=lang-switch]", locale);
    s.wait_until(&format!("<html lang={locale}>"), || {
        let lang = s.execute("return document.documentElement.lang;", Vec::new());
        (lang == locale).then_some(())
    });
}

/// Chooses the light or dark theme with the switch at the foot of the navigation.
pub fn set_theme(s: &Session, theme: &str) {
    s.select_option("[data-testid=theme-switch]", theme);
    s.wait_until(&format!("the {theme} theme"), || {
        let now = s.execute("return document.documentElement.dataset.theme;", Vec::new());
        (now == theme).then_some(())
    });
}
