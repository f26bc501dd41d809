//! `goproxy-assistant detect`

use crate::output::{shown, Output};
use goproxy_core::context::Context;
use goproxy_core::detect::Detection;
use goproxy_core::findings::Fix;
use goproxy_core::settings::SettingSource;
use goproxy_core::Result;

pub fn run(ctx: &Context, out: &Output) -> Result<()> {
    out.print(ctx.detection(), print_text);
    Ok(())
}

fn source_words(source: SettingSource, detail: Option<&str>) -> String {
    let base = match source {
        SettingSource::Environment => "environment",
        SettingSource::GoenvFile => "GOENV file",
        SettingSource::GorootGoEnv => "$GOROOT/go.env",
        SettingSource::Default => "default",
        SettingSource::AssumedDefault => "Go's default (no go found)",
        SettingSource::Unsupported => "not supported by this Go",
    };
    match detail {
        Some("built-in") if source == SettingSource::Default => "built-in default".to_string(),
        Some(d) if source == SettingSource::Default => format!("{base} (from {d})"),
        Some(d) => format!("{base} ({d})"),
        None => base.to_string(),
    }
}

fn print_text(d: &Detection) {
    println!("Go installations:");
    if d.installations.is_empty() {
        println!("  none found");
    }
    for i in &d.installations {
        println!(
            "  {} {}  {}{}",
            if i.active { "*" } else { " " },
            i.version.as_deref().unwrap_or("unknown version"),
            i.go_path,
            i.goroot
                .as_deref()
                .map(|r| format!("  (GOROOT {r})"))
                .unwrap_or_default()
        );
    }
    println!("\nSettings (rules of {}):", d.rules_version);
    let width = d.settings.iter().map(|s| s.key.len()).max().unwrap_or(0);
    for s in &d.settings {
        let value = if s.value.is_empty() {
            "(empty)".to_string()
        } else {
            shown(&goproxy_core::redact::url_userinfo(&s.value)).into_owned()
        };
        println!(
            "  {:width$}  {value}  [{}]",
            s.key,
            source_words(s.source, s.source_detail.as_deref())
        );
    }
    println!("\nFindings:");
    if d.findings.is_empty() {
        println!("  none: the setup looks right");
    }
    for f in &d.findings {
        let severity = serde_json::to_value(f.severity)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        println!("  [{severity}] {}", shown(&f.message));
        match &f.fix {
            Some(Fix::GoEnv { ops }) => {
                let args: Vec<String> = ops
                    .iter()
                    .map(|op| match op {
                        goproxy_core::goenv::EnvOp::Set { key, value } => {
                            format!("env set '{key}={value}'")
                        }
                        goproxy_core::goenv::EnvOp::Unset { key } => format!("env unset {key}"),
                    })
                    .collect();
                println!(
                    "      fix: goproxy-assistant {}",
                    shown(&args.join(" && goproxy-assistant "))
                );
            }
            Some(Fix::Manual { hint }) => println!("      fix: {}", shown(hint)),
            None => {}
        }
    }
}
