//! "Test a module path": which of GOPRIVATE, GONOPROXY, GONOSUMDB and GOINSECURE apply to a
//! path, through which pattern, and what that means for how the go command fetches it.

use super::matching_pattern;
use crate::goenv::keys::{parse_goproxy, ProxyKind};
use crate::settings::{Setting, SettingSource};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The four pattern settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum PatternKey {
    #[serde(rename = "GOPRIVATE")]
    Goprivate,
    #[serde(rename = "GONOPROXY")]
    Gonoproxy,
    #[serde(rename = "GONOSUMDB")]
    Gonosumdb,
    #[serde(rename = "GOINSECURE")]
    Goinsecure,
}

impl PatternKey {
    pub const ALL: [PatternKey; 4] = [
        PatternKey::Goprivate,
        PatternKey::Gonoproxy,
        PatternKey::Gonosumdb,
        PatternKey::Goinsecure,
    ];

    pub fn name(self) -> &'static str {
        match self {
            PatternKey::Goprivate => "GOPRIVATE",
            PatternKey::Gonoproxy => "GONOPROXY",
            PatternKey::Gonosumdb => "GONOSUMDB",
            PatternKey::Goinsecure => "GOINSECURE",
        }
    }

    pub fn parse(name: &str) -> Option<PatternKey> {
        PatternKey::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// What one setting says about the path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PatternVerdict {
    pub key: PatternKey,
    /// The effective list.
    pub value: String,
    /// GONOPROXY/GONOSUMDB not set themselves: they take GOPRIVATE's value.
    pub inherited_from_goprivate: bool,
    /// The pattern that matched, as written.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub matched_pattern: Option<String>,
    /// One sentence: what this means for the path.
    pub effect: String,
}

/// How the go command would fetch the path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum FetchRoute {
    /// Straight from version control (GONOPROXY matched, or GOPROXY reaches `direct`).
    Direct { insecure: bool },
    /// Through these proxy URLs in order (then `direct` if `then_direct`).
    Proxies {
        urls: Vec<String>,
        then_direct: bool,
    },
    /// GOPROXY=off and no GONOPROXY match: downloads are refused.
    Off,
    /// GOPROXY cannot be parsed.
    Invalid { message: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PathExplanation {
    pub path: String,
    pub verdicts: Vec<PatternVerdict>,
    pub route: FetchRoute,
    /// The checksum database is consulted for this path.
    pub checksum_db: bool,
    /// One-line answer for the page header.
    pub summary: String,
}

fn value_of<'a>(settings: &'a [Setting], key: &str) -> Option<&'a Setting> {
    settings.iter().find(|s| s.key == key)
}

/// Explains `path` against effective `settings` (as `detect` computes them).
pub fn explain_path(path: &str, settings: &[Setting]) -> PathExplanation {
    let get = |key: &str| {
        value_of(settings, key)
            .map(|s| s.value.clone())
            .unwrap_or_default()
    };
    let inherited = |key: &str| {
        value_of(settings, key).is_some_and(|s| {
            s.source == SettingSource::Default && s.source_detail.as_deref() == Some("GOPRIVATE")
        })
    };
    let mut verdicts = Vec::new();
    for key in PatternKey::ALL {
        let value = get(key.name());
        let matched = matching_pattern(&value, path).map(str::to_string);
        let effect = match (key, matched.is_some()) {
            (PatternKey::Goprivate, true) => "private: by default neither the proxy nor the checksum database is used (GONOPROXY and GONOSUMDB inherit GOPRIVATE)",
            (PatternKey::Goprivate, false) => "not private",
            (PatternKey::Gonoproxy, true) => "fetched directly from version control, never through GOPROXY",
            (PatternKey::Gonoproxy, false) => "fetched through GOPROXY",
            (PatternKey::Gonosumdb, true) => "not checked against the checksum database (go.sum is still used)",
            (PatternKey::Gonosumdb, false) => "checked against the checksum database (GOSUMDB)",
            (PatternKey::Goinsecure, true) => "direct fetches may use plain HTTP or unverified HTTPS",
            (PatternKey::Goinsecure, false) => "direct fetches require verified HTTPS",
        };
        verdicts.push(PatternVerdict {
            key,
            inherited_from_goprivate: matches!(key, PatternKey::Gonoproxy | PatternKey::Gonosumdb)
                && inherited(key.name()),
            value,
            matched_pattern: matched,
            effect: effect.to_string(),
        });
    }
    let matched = |k: PatternKey| {
        verdicts
            .iter()
            .any(|v| v.key == k && v.matched_pattern.is_some())
    };
    let insecure = matched(PatternKey::Goinsecure);
    let goproxy = get("GOPROXY");
    let route = if goproxy.trim() != "direct" && matched(PatternKey::Gonoproxy) {
        FetchRoute::Direct { insecure }
    } else {
        match parse_goproxy(&goproxy) {
            Err(message) => FetchRoute::Invalid { message },
            Ok(entries) => {
                let urls: Vec<String> = entries
                    .iter()
                    .take_while(|e| e.kind == ProxyKind::Url)
                    .map(|e| e.url.clone())
                    .collect();
                let next = entries.iter().find(|e| e.kind != ProxyKind::Url);
                let then_direct = next.is_some_and(|e| e.kind == ProxyKind::Direct);
                match (urls.is_empty(), then_direct) {
                    (true, true) => FetchRoute::Direct { insecure },
                    (true, false) => FetchRoute::Off,
                    _ => FetchRoute::Proxies { urls, then_direct },
                }
            }
        }
    };
    let gosumdb = get("GOSUMDB");
    let checksum_db = gosumdb != "off" && !matched(PatternKey::Gonosumdb);
    let summary = summarize(path, &route, checksum_db, matched(PatternKey::Goprivate));
    PathExplanation {
        path: path.to_string(),
        verdicts,
        route,
        checksum_db,
        summary,
    }
}

fn summarize(path: &str, route: &FetchRoute, checksum_db: bool, private: bool) -> String {
    let how = match route {
        FetchRoute::Direct { insecure: true } => {
            "directly from version control (insecure allowed)".to_string()
        }
        FetchRoute::Direct { insecure: false } => "directly from version control".to_string(),
        FetchRoute::Proxies { urls, then_direct } => format!(
            "through {}{}",
            crate::redact::url_userinfo(&urls.join(", then ")),
            if *then_direct { ", then directly" } else { "" }
        ),
        FetchRoute::Off => "nowhere: GOPROXY=off refuses downloads".to_string(),
        FetchRoute::Invalid { message } => format!("nowhere: GOPROXY is invalid ({message})"),
    };
    let sum = if checksum_db {
        "checked against the checksum database"
    } else {
        "not checked against the checksum database"
    };
    let warn = if !private && checksum_db {
        "; if it is private, add it to GOPRIVATE (its name would be sent to the public checksum database)"
    } else {
        ""
    };
    format!("{path} is fetched {how}, {sum}{warn}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setting(key: &str, value: &str, source: SettingSource, detail: Option<&str>) -> Setting {
        Setting {
            key: key.into(),
            value: value.into(),
            source,
            source_detail: detail.map(str::to_string),
            env_value: None,
            file_value: None,
            goroot_value: None,
        }
    }

    fn settings(goprivate: &str, gonoproxy: Option<&str>, goproxy: &str) -> Vec<Setting> {
        let (np, src, detail) = match gonoproxy {
            Some(v) => (v, SettingSource::GoenvFile, None),
            None => (goprivate, SettingSource::Default, Some("GOPRIVATE")),
        };
        vec![
            setting("GOPROXY", goproxy, SettingSource::GoenvFile, None),
            setting("GOSUMDB", "sum.golang.org", SettingSource::Default, None),
            setting("GOPRIVATE", goprivate, SettingSource::GoenvFile, None),
            setting("GONOPROXY", np, src, detail),
            setting(
                "GONOSUMDB",
                goprivate,
                SettingSource::Default,
                Some("GOPRIVATE"),
            ),
            setting("GOINSECURE", "", SettingSource::Default, None),
        ]
    }

    #[test]
    fn private_path_goes_direct_and_skips_sumdb() {
        let s = settings("*.corp.example.com", None, "https://goproxy.cn,direct");
        let e = explain_path("git.corp.example.com/team/lib", &s);
        assert_eq!(e.route, FetchRoute::Direct { insecure: false });
        assert!(!e.checksum_db);
        let np = &e.verdicts[1];
        assert!(np.inherited_from_goprivate);
        assert_eq!(np.matched_pattern.as_deref(), Some("*.corp.example.com"));
    }

    #[test]
    fn gonoproxy_none_sends_private_modules_through_the_proxy() {
        let s = settings(
            "corp.example.com",
            Some("none"),
            "https://goproxy.corp.example.com,direct",
        );
        let e = explain_path("corp.example.com/x", &s);
        assert_eq!(
            e.route,
            FetchRoute::Proxies {
                urls: vec!["https://goproxy.corp.example.com".into()],
                then_direct: true
            }
        );
        assert!(!e.checksum_db);
        assert!(!e.verdicts[1].inherited_from_goprivate);
    }

    #[test]
    fn goproxy_off_still_fetches_private_modules_directly() {
        let s = settings("corp.example.com", None, "off");
        assert_eq!(
            explain_path("corp.example.com/x", &s).route,
            FetchRoute::Direct { insecure: false }
        );
        let public = explain_path("github.com/x/y", &s);
        assert_eq!(public.route, FetchRoute::Off);
        assert!(public.summary.contains("GOPRIVATE"));
    }
}
