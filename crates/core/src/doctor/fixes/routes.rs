//! Fixes that change where go fetches from: a GOPROXY switch to mirrors verified reachable moments
//! ago (fastest first, `|` failover, then `,direct`), and a private module's own pattern in
//! GOPRIVATE (or GONOSUMDB when a private proxy serves it).

use super::{FixInputs, ReachableMirror};
use crate::context::Context;
use crate::doctor::{DoctorCode, DoctorFinding};
use crate::goenv::remote::{parse_goproxy, ProxyKind};
use crate::goenv::EnvOp;

/// Hosts whose modules are public: a 404 for one of them is a wrong path or version, never a
/// reason to treat the module as private.
const PUBLIC_CODE_HOSTS: &[&str] = &[
    "golang.org",
    "google.golang.org",
    "gopkg.in",
    "go.uber.org",
    "k8s.io",
    "sigs.k8s.io",
    "cloud.google.com",
    "go.opentelemetry.io",
    "honnef.co",
    "mvdan.cc",
];

/// Public proxies (their 404 for a module may mean "private"; a private proxy's does not).
const PUBLIC_PROXY_HOSTS: &[&str] = &[
    "proxy.golang.org",
    "goproxy.cn",
    "goproxy.io",
    "mirrors.aliyun.com",
    "mirrors.tencent.com",
    "mirrors.huaweicloud.com",
    "repo.huaweicloud.com",
    "goproxy.baidu.com",
];

pub fn fix(ctx: &Context, f: &DoctorFinding, inputs: &FixInputs<'_>) -> Option<Vec<EnvOp>> {
    match f.code {
        DoctorCode::ChecksumPrivateModuleLookup => private_pattern(ctx, f, false),
        DoctorCode::ProxyNotFound => private_pattern(ctx, f, true),
        DoctorCode::ChecksumSumdbUnreachable => switch_goproxy(ctx, None, inputs, true),
        DoctorCode::NetDns
        | DoctorCode::NetRefused
        | DoctorCode::NetTimeout
        | DoctorCode::NetReset
        | DoctorCode::TlsExpired
        | DoctorCode::TlsNameMismatch
        | DoctorCode::ProxyTeapot
        | DoctorCode::ProxyServerError
        | DoctorCode::ProxyBadResponse => {
            let host = f.host.as_deref()?;
            if goproxy_hosts(ctx).iter().any(|h| h == host) {
                switch_goproxy(ctx, Some(host), inputs, false)
            } else if is_sumdb_host(ctx, host) {
                switch_goproxy(ctx, None, inputs, true)
            } else {
                None
            }
        }
        _ => None,
    }
}

/// `host[:port]` of every URL entry of the effective GOPROXY.
fn goproxy_hosts(ctx: &Context) -> Vec<String> {
    let value = ctx.setting("GOPROXY").unwrap_or_default();
    parse_goproxy(value)
        .unwrap_or_default()
        .into_iter()
        .filter(|e| e.kind == ProxyKind::Url)
        .filter_map(|e| crate::doctor::run::host_of(&e.url))
        .collect()
}

fn is_sumdb_host(ctx: &Context, host: &str) -> bool {
    let gosumdb = ctx.setting("GOSUMDB").unwrap_or("sum.golang.org");
    let name = gosumdb.split_whitespace().next().unwrap_or_default();
    let name = name.split('+').next().unwrap_or_default();
    let url_host = gosumdb
        .split_whitespace()
        .nth(1)
        .and_then(crate::doctor::run::host_of);
    host == name
        || url_host.as_deref() == Some(host)
        || (name == "sum.golang.org" && host == "sum.golang.google.cn")
}

/// GOPROXY = the verified mirrors other than `failing`, fastest first, joined with `|` (any error
/// moves on), ending in `,direct`. With `need_relay`, only mirrors that relay the checksum DB.
pub fn switch_goproxy(
    ctx: &Context,
    failing: Option<&str>,
    inputs: &FixInputs<'_>,
    need_relay: bool,
) -> Option<Vec<EnvOp>> {
    let mirrors = inputs.mirrors?;
    let mut chosen: Vec<&ReachableMirror> = mirrors
        .iter()
        .filter(|m| !need_relay || m.relays_sumdb)
        .filter(|m| crate::doctor::run::host_of(&m.url).as_deref() != failing || failing.is_none())
        .collect();
    chosen.sort_by_key(|m| m.ttfb_ms);
    chosen.dedup_by(|a, b| a.url == b.url);
    chosen.truncate(3);
    if chosen.is_empty() {
        return None;
    }
    let list: Vec<&str> = chosen.iter().map(|m| m.url.as_str()).collect();
    let value = format!("{},direct", list.join("|"));
    (ctx.setting("GOPROXY") != Some(value.as_str())).then(|| vec![EnvOp::set("GOPROXY", value)])
}

/// Adds the failing module's own path (never a wider pattern) to GOPRIVATE, or to GONOSUMDB when
/// a private proxy serves it (GOPRIVATE would bypass that proxy). Only for one module whose host
/// is not a public code host; a 404 (`from_proxy`) counts only when a public proxy gave it.
fn private_pattern(ctx: &Context, f: &DoctorFinding, from_proxy: bool) -> Option<Vec<EnvOp>> {
    let [module] = f.modules.as_slice() else {
        return None;
    };
    let path = module.split('@').next()?;
    let first = path.split('/').next()?;
    if !first.contains('.')
        || PUBLIC_CODE_HOSTS.contains(&first)
        || path.contains(['*', '?', '[', ',', ' '])
    {
        return None;
    }
    let proxy_public = |host: &str| {
        let name = host.split(':').next().unwrap_or(host);
        PUBLIC_PROXY_HOSTS.contains(&name)
    };
    let key = if from_proxy {
        if !f.host.as_deref().is_some_and(proxy_public) {
            return None;
        }
        "GOPRIVATE"
    } else {
        // The checksum DB was asked: was the module fetched through a private proxy?
        let private_proxy = goproxy_hosts(ctx).iter().any(|h| !proxy_public(h));
        if private_proxy {
            "GONOSUMDB"
        } else {
            "GOPRIVATE"
        }
    };
    let current = ctx.setting(key).unwrap_or_default();
    if current.split(',').any(|p| p.trim_end_matches('/') == path) {
        return None;
    }
    let value = if current.is_empty() {
        path.to_string()
    } else {
        format!("{current},{path}")
    };
    Some(vec![EnvOp::set(key, value)])
}
