//! `goproxy-assistant doctor`: why module downloads fail, and the fix. Exit status 0 when nothing
//! is wrong, 1 when a finding of severity error is reported, 2 when the Doctor could not run.

use crate::output::{shown, Output};
use clap::Args;
use goproxy_core::context::Context;
use goproxy_core::doctor::{
    diagnose, DoctorOptions, DoctorProgress, DoctorReport, EndpointCheck, MAX_TIMEOUT,
};
use goproxy_core::findings::Fix;
use goproxy_core::goenv::EnvOp;
use goproxy_core::secrets::Keychain;
use goproxy_core::{Error, Result};
use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

/// Longest log read (a 20 MB CI log fits with room to spare).
const MAX_LOG: u64 = 64 * 1024 * 1024;

#[derive(Args)]
pub struct DoctorArgs {
    /// Explain this log (output of go build/get/mod download..., or a docker build); `-` reads
    /// stdin. Its endpoints are not contacted.
    #[arg(long, value_name = "FILE|-")]
    log: Option<PathBuf>,
    /// Run `go mod download -x` in this module directory and explain what fails.
    #[arg(long, value_name = "DIR")]
    project: Option<PathBuf>,
    /// Budget of the endpoint checks and of run mode (default: 10 s checks, 60 s run).
    #[arg(long, value_name = "SECS")]
    timeout: Option<f64>,
    /// Run mode uses the real module cache instead of a throwaway one.
    #[arg(long)]
    keep_cache: bool,
    /// Probe no mirrors (a GOPROXY fix then stays advice).
    #[arg(long)]
    offline: bool,
}

pub fn run(ctx: &Context, out: &Output, args: DoctorArgs) -> ExitCode {
    match options(&args).and_then(|options| {
        let progress = |p: DoctorProgress<'_>| {
            if let (false, DoctorProgress::RunLine(line)) = (out.json, p) {
                eprintln!("  go: {}", shown(line));
            }
        };
        diagnose(ctx, &options, &progress)
    }) {
        Ok(report) => {
            out.print(&report, print_report);
            if report.has_error() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(err) => {
            out.error(&err);
            ExitCode::from(2)
        }
    }
}

fn options(args: &DoctorArgs) -> Result<DoctorOptions> {
    let timeout = match args.timeout {
        None => None,
        Some(secs) if secs > 0.0 && secs <= MAX_TIMEOUT.as_secs_f64() => {
            Some(Duration::from_secs_f64(secs))
        }
        Some(secs) => {
            return Err(Error::invalid(
                "--timeout",
                format!(
                    "--timeout {secs} must be more than 0 and at most {} seconds",
                    MAX_TIMEOUT.as_secs()
                ),
            ))
        }
    };
    Ok(DoctorOptions {
        log: args.log.as_deref().map(read_log).transpose()?,
        project: args.project.clone(),
        timeout,
        keep_cache: args.keep_cache,
        offline: args.offline,
        // The check sends stored tokens as go would (through our GOAUTH helper).
        keychain: args.log.is_none().then(Keychain::native),
        ..DoctorOptions::default()
    })
}

fn read_log(path: &std::path::Path) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    let read = if path.as_os_str() == "-" {
        std::io::stdin().take(MAX_LOG + 1).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(MAX_LOG + 1).read_to_end(&mut bytes))
    };
    read.map_err(|e| {
        Error::invalid(
            "--log",
            format!("--log {}: cannot read it: {e}", path.display()),
        )
    })?;
    if bytes.len() as u64 > MAX_LOG {
        return Err(Error::invalid(
            "--log",
            format!("--log must be at most {} MB", MAX_LOG / 1024 / 1024),
        ));
    }
    Ok(bytes)
}

fn print_report(report: &DoctorReport) {
    for e in &report.endpoints {
        print_endpoint(e);
    }
    if let Some(run) = &report.run {
        let how = if run.timed_out {
            "timed out".to_string()
        } else if run.ok {
            "ok".to_string()
        } else {
            match run.exit_code {
                Some(code) => format!("failed (exit {code})"),
                None => "stopped".to_string(),
            }
        };
        println!("run: go mod download {how} in {} ms", run.ms);
    }
    if report.findings.is_empty() {
        println!("no problems found");
    }
    for f in &report.findings {
        let severity = serde_json::to_value(f.severity)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        let host = f
            .host
            .as_deref()
            .map(|h| format!(" [{}]", shown(h)))
            .unwrap_or_default();
        println!("{severity} {}{host}: {}", f.code, shown(&f.message));
        if !f.modules.is_empty() {
            let modules: Vec<String> = f.modules.iter().map(|m| shown(m).into_owned()).collect();
            println!("  modules: {}", modules.join(", "));
        }
        match &f.fix {
            Fix::GoEnv { ops } => {
                let words: Vec<String> = ops
                    .iter()
                    .map(|op| match op {
                        EnvOp::Set { key, value } => {
                            format!("goproxy-assistant env set {}={}", shown(key), shown(value))
                        }
                        EnvOp::Unset { key } => {
                            format!("goproxy-assistant env unset {}", shown(key))
                        }
                    })
                    .collect();
                println!("  fix: {}", words.join(" && "));
            }
            Fix::Manual { hint } => println!("  fix: {}", shown(hint)),
        }
    }
}

fn print_endpoint(e: &EndpointCheck) {
    let role = serde_json::to_value(e.role)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    let steps: Vec<String> = e
        .steps
        .iter()
        .map(|s| {
            let name = serde_json::to_value(s.step)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            let status = s.status.map(|c| format!(" {c}")).unwrap_or_default();
            let code = s.code.map(|c| format!(" {c}")).unwrap_or_default();
            format!("{name}{status} {} ms{code}", s.ms)
        })
        .collect();
    println!(
        "{} {} ({role}): {}",
        if e.ok { "ok  " } else { "FAIL" },
        shown(&e.url),
        steps.join(", ")
    );
}
