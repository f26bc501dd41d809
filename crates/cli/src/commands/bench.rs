//! `goproxy-assistant bench`: progress on stderr, results on stdout.

use crate::output::{shown, Output};
use clap::Args;
use goproxy_core::context::Context;
use goproxy_core::mirrors::catalogue::resolve;
use goproxy_core::mirrors::modules::{sample_project, ModuleVersion};
use goproxy_core::mirrors::options::{candidates_from_env, offline_catalogue};
use goproxy_core::mirrors::report::BenchReport;
use goproxy_core::mirrors::{
    run_blocking, BenchEvent, BenchPlan, BenchTarget, CancelToken, Network,
};
use goproxy_core::{Error, Result};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

#[derive(Args)]
pub struct BenchArgs {
    /// Measure only these mirrors (name or URL; repeatable). Default: every known mirror.
    #[arg(long = "mirror", value_name = "NAME|URL")]
    mirrors: Vec<String>,
    /// Probe these modules instead of the pinned popular set (repeatable).
    #[arg(long = "module", value_name = "PATH@VERSION")]
    modules: Vec<String>,
    /// Also probe modules sampled from this project's go.mod (checked against its go.sum).
    #[arg(long, value_name = "DIR")]
    project: Option<PathBuf>,
    /// End the whole benchmark after this many seconds.
    #[arg(long, default_value_t = 10.0, value_name = "SECONDS")]
    deadline: f64,
    /// Rounds of requests per mirror.
    #[arg(long, default_value_t = 3)]
    rounds: u32,
    /// Do not end the recommended GOPROXY with `,direct`.
    #[arg(long)]
    no_direct: bool,
    /// Skip the direct checks of sum.golang.org and sum.golang.google.cn.
    #[arg(long)]
    no_sumdb_check: bool,
}

fn plan(ctx: &Context, args: &BenchArgs) -> Result<BenchPlan> {
    if !(args.deadline > 0.0 && args.deadline <= 600.0) {
        return Err(Error::invalid(
            "--deadline",
            format!(
                "--deadline {} must be between 0 and 600 seconds",
                args.deadline
            ),
        ));
    }
    let list = candidates_from_env(ctx)?;
    let targets: Vec<BenchTarget> = if args.mirrors.is_empty() {
        list.iter()
            .map(|m| BenchTarget {
                name: m.name.clone(),
                url: m.url.clone(),
                ca_file: m.ca_file.as_ref().map(PathBuf::from),
            })
            .collect()
    } else {
        // A name or URL that does not check out still goes in: the engine reports it as that
        // mirror's error and measures the others.
        args.mirrors
            .iter()
            .map(|arg| match resolve(&list, arg, "--mirror") {
                Ok(m) => BenchTarget {
                    name: m.name,
                    url: m.url,
                    ca_file: m.ca_file.map(PathBuf::from),
                },
                Err(_) => BenchTarget::new(arg, arg),
            })
            .collect()
    };
    let mut plan = BenchPlan::new(targets);
    plan.deadline = Duration::from_secs_f64(args.deadline);
    plan.rounds = args.rounds.clamp(1, 10);
    plan.include_direct = !args.no_direct;
    if args.no_sumdb_check || offline_catalogue(ctx.env()) {
        plan.sumdb_checks.clear();
    }
    if !args.modules.is_empty() {
        plan.modules = args
            .modules
            .iter()
            .map(|m| ModuleVersion::parse(m, "--module"))
            .collect::<Result<_>>()?;
    }
    if let Some(dir) = &args.project {
        plan.modules.extend(sample_project(dir, 4, "--project")?);
    }
    Ok(plan)
}

pub fn run(ctx: &Context, out: &Output, args: BenchArgs) -> Result<()> {
    let env = ctx.env();
    let plan = plan(ctx, &args)?;
    let events = Arc::new(|e: BenchEvent| match e {
        BenchEvent::Started {
            mirrors,
            planned_requests,
            deadline_ms,
        } => eprintln!(
            "benchmarking {} mirrors ({planned_requests} requests, at most {:.0} s)...",
            mirrors.len(),
            deadline_ms / 1000.0
        ),
        BenchEvent::MirrorDone { result } => {
            let p50 = result.kinds.iter().find_map(|k| k.p50_ms);
            match (&result.disqualified, p50) {
                (Some(d), _) => eprintln!("  {}: {}", shown(&result.name), shown(&d.message)),
                (None, Some(p50)) => eprintln!(
                    "  {}: p50 {p50:.0} ms, {:.0}% ok",
                    shown(&result.name),
                    result.success_rate * 100.0
                ),
                (None, None) => eprintln!("  {}: no answer", shown(&result.name)),
            }
        }
        BenchEvent::Probe { .. } | BenchEvent::Progress { .. } | BenchEvent::Finished { .. } => {}
    });
    let report = run_blocking(plan, Network::from_env(env), events, CancelToken::new())?;
    out.print(&report, print_report);
    Ok(())
}

fn print_report(r: &BenchReport) {
    println!(
        "{:>4}  {:<22} {:>9} {:>9} {:>6} {:>6} {:>10} {:>9}",
        "rank", "mirror", "p50 ms", "p90 ms", "ok", "relay", "MB/s", "score s"
    );
    for m in &r.mirrors {
        let pooled: Vec<f64> = m.kinds.iter().filter_map(|k| k.p50_ms).collect();
        let p90: Vec<f64> = m.kinds.iter().filter_map(|k| k.p90_ms).collect();
        let fmt = |v: Option<f64>| v.map(|x| format!("{x:.0}")).unwrap_or_else(|| "-".into());
        let rank = m.rank.map(|r| r.to_string()).unwrap_or_else(|| "-".into());
        println!(
            "{rank:>4}  {:<22} {:>9} {:>9} {:>5.0}% {:>6} {:>10} {:>9}",
            shown(&m.name),
            fmt(goproxy_core::mirrors::stats::median(&pooled)),
            fmt(goproxy_core::mirrors::stats::median(&p90)),
            m.success_rate * 100.0,
            match m.sumdb_relay {
                Some(true) => "yes",
                Some(false) => "no",
                None => "-",
            },
            m.throughput
                .as_ref()
                .map(|t| format!("{:.1}", t.bytes_per_sec / 1_048_576.0))
                .unwrap_or_else(|| "-".into()),
            m.score
                .as_ref()
                .map(|s| format!("{:.1}", s.total_ms / 1000.0))
                .unwrap_or_else(|| "-".into()),
        );
        if let Some(s) = &m.score {
            println!("        {}", s.explanation);
        }
        if let Some(d) = &m.disqualified {
            println!("        not recommended: {}", shown(&d.message));
        }
    }
    for s in &r.sumdb {
        let state = if s.reachable {
            "reachable"
        } else {
            "unreachable"
        };
        println!("checksum database {}: {state}", s.name);
    }
    if r.cancelled {
        println!("(cancelled: partial results)");
    } else if r.deadline_hit {
        println!("(the deadline cut some requests short)");
    }
    match &r.recommendation {
        Some(rec) => {
            println!("\nrecommended: GOPROXY={}", rec.goproxy);
            println!("  {}", rec.reason);
            match &rec.gosumdb {
                Some(db) => println!("recommended: GOSUMDB={db}\n  {}", rec.gosumdb_reason),
                None => println!("GOSUMDB: {}", rec.gosumdb_reason),
            }
            let mut cmd = format!("goproxy-assistant use {} --failover", rec.mirrors.join(" "));
            if rec.goproxy.ends_with(",direct") {
                cmd.push_str(" direct");
            }
            if let Some(db) = &rec.gosumdb {
                cmd.push_str(&format!(" --sumdb {db}"));
            }
            println!("apply with: {cmd}");
        }
        None => println!("\nno mirror is usable from here; nothing to recommend"),
    }
}
