//! Switching to mirrors: the GOPROXY (and GOSUMDB) operations for a choice of mirrors, shared
//! by the CLI's `use` and the app's "Use this" / "Use recommended". The operations go through
//! the go env store like any other change (plan, apply, undo).

use super::catalogue::{resolve, MirrorEntry};
use crate::goenv::EnvOp;
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Mirrors to switch to, best first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MirrorSwitch {
    /// Names or URLs, best first; `direct` or `off` may end the list.
    pub mirrors: Vec<String>,
    /// Join mirrors with `|` (fail over after any error) instead of `,` (only after 404/410).
    #[serde(default)]
    pub failover: bool,
    /// Also set GOSUMDB to this (never `off`).
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gosumdb: Option<String>,
}

/// The GOPROXY value for `choice` (`A|B,direct` or `A,B,direct`), names resolved in `list`.
pub fn goproxy_value(list: &[MirrorEntry], choice: &MirrorSwitch) -> Result<String> {
    if choice.mirrors.is_empty() {
        return Err(Error::invalid("mirrors", "choose at least one mirror"));
    }
    let mut value = String::new();
    let mut ended = false;
    for arg in &choice.mirrors {
        if ended {
            return Err(Error::invalid(
                "mirrors",
                format!("{arg:?} comes after direct/off, where Go ignores every entry"),
            ));
        }
        let entry = if arg == "direct" || arg == "off" {
            ended = true;
            arg.clone()
        } else {
            resolve(list, arg, "mirrors")?.url
        };
        if !value.is_empty() {
            value.push(if choice.failover && !ended { '|' } else { ',' });
        }
        value.push_str(&entry);
    }
    Ok(value)
}

/// The go env operations that make `choice` effective.
pub fn switch_ops(list: &[MirrorEntry], choice: &MirrorSwitch) -> Result<Vec<EnvOp>> {
    let mut ops = vec![EnvOp::set("GOPROXY", goproxy_value(list, choice)?)];
    if let Some(db) = &choice.gosumdb {
        if db.trim() == "off" {
            return Err(Error::invalid(
                "gosumdb",
                "refusing GOSUMDB=off: it turns off checksum verification; use sum.golang.google.cn where sum.golang.org is unreachable",
            ));
        }
        ops.push(EnvOp::set("GOSUMDB", db.trim()));
    }
    Ok(ops)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mirrors::catalogue::well_known;

    fn choice(mirrors: &[&str], failover: bool) -> MirrorSwitch {
        MirrorSwitch {
            mirrors: mirrors.iter().map(|s| s.to_string()).collect(),
            failover,
            gosumdb: None,
        }
    }

    #[test]
    fn builds_the_goproxy_value_like_the_recommendation() {
        let list = well_known();
        let value = |c: &MirrorSwitch| goproxy_value(&list, c).expect("value");
        assert_eq!(
            value(&choice(&["goproxy.cn", "aliyun", "direct"], true)),
            "https://goproxy.cn|https://mirrors.aliyun.com/goproxy,direct"
        );
        assert_eq!(
            value(&choice(
                &["https://a.example/", "https://b.example", "off"],
                false
            )),
            "https://a.example,https://b.example,off"
        );
        let ops = switch_ops(
            &list,
            &MirrorSwitch {
                gosumdb: Some(" sum.golang.google.cn ".into()),
                ..choice(&["goproxy.cn"], true)
            },
        )
        .expect("ops");
        assert_eq!(
            ops,
            vec![
                EnvOp::set("GOPROXY", "https://goproxy.cn"),
                EnvOp::set("GOSUMDB", "sum.golang.google.cn")
            ]
        );
    }

    #[test]
    fn refuses_what_go_would_ignore_or_what_is_unsafe() {
        let list = well_known();
        for (c, field) in [
            (choice(&[], true), "mirrors"),
            (choice(&["direct", "goproxy.cn"], true), "mirrors"),
            (choice(&["nosuch"], true), "mirrors"),
            (choice(&["ftp://x.example"], true), "mirrors"),
            (
                MirrorSwitch {
                    gosumdb: Some("off".into()),
                    ..choice(&["goproxy.cn"], true)
                },
                "gosumdb",
            ),
        ] {
            let err = switch_ops(&list, &c).expect_err("refused");
            assert_eq!(err.field.as_deref(), Some(field), "{c:?}");
        }
    }
}
