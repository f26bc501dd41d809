//! The mirrors to choose from: well-known public Go proxies (docs/mirror-benchmark.md, "Public
//! mirrors"; GoCenter retired in 2021 and is never listed), the entries of the user's effective
//! GOPROXY, and custom mirrors from the app's config.

use super::config::AppConfig;
use crate::goenv::remote::{parse_goproxy, ProxyKind};
use crate::net::HttpUrl;
use crate::{Error, Result};
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum MirrorOrigin {
    /// A well-known public proxy.
    Catalogue,
    /// Found only in the current GOPROXY.
    Goproxy,
    /// Added by the user.
    Custom,
}

/// A mirror the user can benchmark or switch to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct MirrorEntry {
    pub name: String,
    /// Canonical URL (no trailing `/`).
    pub url: String,
    pub origin: MirrorOrigin,
    /// It is in the current effective GOPROXY.
    pub in_goproxy: bool,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operator: Option<String>,
    /// Whether it relays sum.golang.org, as last reported (the benchmark checks it live).
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relay_expected: Option<bool>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ca_file: Option<String>,
}

fn entry(name: &str, url: &str, operator: &str, relay: Option<bool>, note: &str) -> MirrorEntry {
    MirrorEntry {
        name: name.into(),
        url: url.into(),
        origin: MirrorOrigin::Catalogue,
        in_goproxy: false,
        operator: Some(operator.into()),
        relay_expected: relay,
        note: (!note.is_empty()).then(|| note.to_string()),
        ca_file: None,
    }
}

/// The well-known public Go module proxies.
pub fn well_known() -> Vec<MirrorEntry> {
    vec![
        entry("proxy.golang.org", "https://proxy.golang.org", "Google (Go team)", Some(false),
            "Go's default; not reachable from mainland China; checksum lookups go to sum.golang.org directly"),
        entry("goproxy.cn", "https://goproxy.cn", "Qiniu Cloud (goproxy.cn project)", Some(true), "CDN-backed"),
        entry("goproxy.io", "https://goproxy.io", "goproxy.io project", Some(true), ""),
        entry("proxy.golang.com.cn", "https://proxy.golang.com.cn", "goproxy.io project", Some(true),
            "same service as goproxy.io; not operated by Google"),
        entry("aliyun", "https://mirrors.aliyun.com/goproxy", "Alibaba Cloud", Some(false),
            "pair with GOSUMDB=sum.golang.google.cn unless it relays"),
        entry("tencent", "https://mirrors.tencent.com/go", "Tencent Cloud", Some(false), ""),
        entry("baidu", "https://goproxy.baidu.com", "Baidu", Some(true), ""),
        entry("huawei", "https://mirrors.huaweicloud.com/repository/goproxy", "Huawei Cloud", Some(false),
            "checksum lookups go to sum.golang.org, which times out from mainland China"),
    ]
}

/// Every candidate: the catalogue, custom mirrors, then GOPROXY entries not already listed.
/// `effective_goproxy` is the GOPROXY value Go uses (see `detect`).
pub fn candidates(config: &AppConfig, effective_goproxy: Option<&str>) -> Vec<MirrorEntry> {
    let mut list = well_known();
    for m in &config.mirrors {
        list.push(MirrorEntry {
            name: m.name.clone(),
            url: HttpUrl::parse(&m.url, "url")
                .map(|u| u.to_string())
                .unwrap_or_else(|_| m.url.clone()),
            origin: MirrorOrigin::Custom,
            in_goproxy: false,
            operator: None,
            relay_expected: None,
            note: None,
            ca_file: m.ca_file.clone(),
        });
    }
    let entries = effective_goproxy
        .and_then(|v| parse_goproxy(v).ok())
        .unwrap_or_default();
    for e in entries.iter().filter(|e| e.kind == ProxyKind::Url) {
        let Ok(url) = HttpUrl::parse(&e.url, "GOPROXY") else {
            continue; // file:// and credentials-bearing entries are not benchmarked
        };
        let canonical = url.to_string();
        match list.iter_mut().find(|m| m.url == canonical) {
            Some(m) => m.in_goproxy = true,
            None => list.push(MirrorEntry {
                name: format!("{}{}", url.authority(), url.path),
                url: canonical,
                origin: MirrorOrigin::Goproxy,
                in_goproxy: true,
                operator: None,
                relay_expected: None,
                note: None,
                ca_file: None,
            }),
        }
    }
    list
}

/// Finds a mirror by name (case-insensitive) or URL in `list`; a URL not in the list is
/// accepted as an ad-hoc mirror named after its host.
pub fn resolve(list: &[MirrorEntry], name_or_url: &str, field: &str) -> Result<MirrorEntry> {
    if let Some(m) = list
        .iter()
        .find(|m| m.name.eq_ignore_ascii_case(name_or_url))
    {
        return Ok(m.clone());
    }
    if !name_or_url.contains("://") {
        let names: Vec<&str> = list.iter().map(|m| m.name.as_str()).collect();
        return Err(Error::invalid(
            field,
            format!(
                "no mirror named {name_or_url:?}; use a URL (https://...) or one of: {}",
                names.join(", ")
            ),
        ));
    }
    let url = HttpUrl::parse(name_or_url, field)?;
    let canonical = url.to_string();
    Ok(list
        .iter()
        .find(|m| m.url == canonical)
        .cloned()
        .unwrap_or(MirrorEntry {
            name: format!("{}{}", url.authority(), url.path),
            url: canonical,
            origin: MirrorOrigin::Custom,
            in_goproxy: false,
            operator: None,
            relay_expected: None,
            note: None,
            ca_file: None,
        }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_is_valid_and_never_lists_gocenter() {
        let list = well_known();
        for m in &list {
            let url = HttpUrl::parse(&m.url, "url").expect("valid");
            assert_eq!(url.to_string(), m.url, "canonical");
            assert!(!m.url.contains("gocenter"));
        }
        assert!(list.iter().any(|m| m.url == "https://goproxy.cn"));
    }

    #[test]
    fn goproxy_entries_are_merged() {
        let list = candidates(
            &AppConfig::default(),
            Some("https://goproxy.cn/|https://corp.example.com/go,direct"),
        );
        let cn = list.iter().find(|m| m.name == "goproxy.cn").expect("cn");
        assert!(cn.in_goproxy);
        let corp = list
            .iter()
            .find(|m| m.origin == MirrorOrigin::Goproxy)
            .expect("corp");
        assert_eq!(corp.url, "https://corp.example.com/go");
        assert_eq!(corp.name, "corp.example.com/go");
        assert_eq!(
            resolve(&list, "GOPROXY.CN", "m").expect("by name").url,
            "https://goproxy.cn"
        );
        assert_eq!(
            resolve(&list, "https://goproxy.cn/", "m")
                .expect("by url")
                .name,
            "goproxy.cn"
        );
        assert!(resolve(&list, "nosuch", "m").is_err());
    }
}
