//! config.* fixes: the smallest go env change that makes the setting valid again. A value go
//! cannot use is reset (`go env -u`, so go.env's default applies again) or corrected by dropping
//! the parts go refuses; see docs/cli.md (`doctor`).

use super::{routes, FixInputs};
use crate::context::Context;
use crate::doctor::{DoctorCode, DoctorFinding, EndpointRole};
use crate::goenv::values::{quoted_split, validate_value};
use crate::goenv::EnvOp;

pub fn fix(ctx: &Context, f: &DoctorFinding, inputs: &FixInputs<'_>) -> Option<Vec<EnvOp>> {
    let version = ctx.rules_version();
    let valid = |key: &str, value: &str| validate_value(key, value, version).is_ok();
    let file_value = |key: &str| file_value(ctx, key);
    match f.code {
        DoctorCode::ConfigGoproxy => {
            // An empty list (`go env -w GOPROXY=`) or an entry go refuses: back to go.env's
            // default, or straight to verified mirrors when there are some.
            routes::switch_goproxy(ctx, None, inputs, false)
                .or_else(|| file_value("GOPROXY").map(|_| vec![EnvOp::unset("GOPROXY")]))
        }
        DoctorCode::ConfigGoproxyOff
            if f.params.get("key").map(String::as_str) == Some("GOPROXY") =>
        {
            // Downloads were switched off; turn them on only towards verified mirrors.
            routes::switch_goproxy(ctx, None, inputs, false)
        }
        DoctorCode::ConfigGosumdb => {
            file_value("GOSUMDB")?;
            if sumdb_blocked_but_cn_reachable(inputs) {
                Some(vec![EnvOp::set("GOSUMDB", "sum.golang.google.cn")])
            } else {
                Some(vec![EnvOp::unset("GOSUMDB")])
            }
        }
        DoctorCode::ConfigGoflags => {
            let current = file_value("GOFLAGS")?;
            let kept: Vec<String> = quoted_split(&current)
                .unwrap_or_default()
                .into_iter()
                .filter(|field| !field.contains("-insecure") && valid("GOFLAGS", &quote(field)))
                .map(|field| quote(&field))
                .collect();
            let corrected = kept.join(" ");
            Some(
                if !corrected.is_empty() && valid("GOFLAGS", &corrected) && corrected != current {
                    vec![EnvOp::set("GOFLAGS", corrected)]
                } else {
                    vec![EnvOp::unset("GOFLAGS")]
                },
            )
        }
        DoctorCode::ConfigGoauth => {
            let current = file_value("GOAUTH")?;
            // Empty entries (`netrc;`) are the common slip: drop them and keep the rest.
            let kept: Vec<&str> = current
                .split(';')
                .map(str::trim)
                .filter(|e| !e.is_empty())
                .collect();
            let corrected = kept.join(";");
            Some(
                if !corrected.is_empty() && corrected != current && valid("GOAUTH", &corrected) {
                    vec![EnvOp::set("GOAUTH", corrected)]
                } else {
                    vec![EnvOp::unset("GOAUTH")]
                },
            )
        }
        DoctorCode::ConfigGotoolchain => {
            // Only a value go cannot parse; "requires go >= 1.N" needs a newer Go (manual).
            let current = file_value("GOTOOLCHAIN")?;
            (!valid("GOTOOLCHAIN", &current) || f.message.contains("invalid GOTOOLCHAIN"))
                .then(|| vec![EnvOp::unset("GOTOOLCHAIN")])
        }
        _ => None,
    }
}

/// The key's value where the user set it: the OS environment (the fix then becomes advice on
/// where to change it) or the GOENV file. `None` when only Go's defaults are in play.
fn file_value(ctx: &Context, key: &str) -> Option<String> {
    if let Some(v) = ctx.env().non_empty(key) {
        return Some(v.to_string());
    }
    ctx.detection()
        .settings
        .iter()
        .find(|s| s.key == key)
        .and_then(|s| s.file_value.clone())
}

/// GOFLAGS fields with spaces are quoted, as go's `quoted.Split` reads them back.
fn quote(field: &str) -> String {
    if field.contains([' ', '\t']) {
        format!("'{field}'")
    } else {
        field.to_string()
    }
}

fn sumdb_blocked_but_cn_reachable(inputs: &FixInputs<'_>) -> bool {
    let state = |host: &str| {
        inputs
            .endpoints
            .iter()
            .find(|e| e.role == EndpointRole::Sumdb && e.url.contains(host))
            .map(|e| e.ok)
    };
    state("sum.golang.org") == Some(false) && state("sum.golang.google.cn") == Some(true)
}
