//! `make bench`: preview of a team bundle at the size limit (262,144 bytes: every go env key,
//! 300 mirrors, 300 hosts with help texts, the rest a long description): parse and validate
//! alone, and the whole preview (parse, risky items, plan against a scratch home with a GOENV
//! file, mirrors and hosts). Prints the median of 20 runs. It asserts nothing.

use goproxy_core::bundle::plan::PlanInputs;
use goproxy_core::bundle::{assess, parse, preview, MAX_BUNDLE_BYTES};
use goproxy_core::context::Context;
use goproxy_core::sysenv::SysEnv;
use std::time::{Duration, Instant};

const RUNS: usize = 20;

fn bundle_at_limit() -> Vec<u8> {
    let mut text = String::from(
        "format = \"goproxy-assistant-bundle/1\"\nname = \"Acme 团队 Go setup\"\nversion = \"2026.12.1\"\nmin_go = \"1.21\"\n\n[go_env]\n\
         GOPROXY = \"https://goproxy.cn|https://proxy.golang.org,direct\"\n\
         GOSUMDB = \"sum.golang.google.cn\"\nGOPRIVATE = \"git.acme.example/*,github.com/acme-corp\"\n\
         GONOPROXY = \"git.acme.example\"\nGONOSUMDB = \"git.acme.example\"\nGOFLAGS = \"-mod=readonly -trimpath\"\n\
         GOAUTH = \"netrc;keychain\"\nGOTOOLCHAIN = \"go1.24.3+auto\"\nGOVCS = \"private:all,public:git|hg\"\n",
    );
    for i in 0..300 {
        text += &format!(
            "\n[[mirrors]]\nname = \"mirror-{i}\"\nurl = \"https://goproxy-{i}.acme.example/go\"\n"
        );
    }
    for i in 0..300 {
        text += &format!(
            "\n[[hosts]]\nhost = \"git-{i}.acme.example\"\nlogin = \"oauth2\"\nauth = \"bearer\"\n\
             token_help = \"Create a read-only token under Settings > Access tokens (团队 {i})\"\n\
             token_url = \"https://git-{i}.acme.example/-/user_settings/personal_access_tokens\"\n"
        );
    }
    let head = "\ndescription = \"";
    let tail = "\"\n";
    // The description must come before the tables; put it right after `min_go`.
    let at = text.find("\n[go_env]").expect("go_env");
    let fill = MAX_BUNDLE_BYTES - text.len() - head.len() - tail.len();
    let description = format!(
        "{head}{}{tail}",
        "团队 setup. ".repeat(fill / 14) + &"x".repeat(fill % 14)
    );
    text.insert_str(at, description.trim_end_matches('\n'));
    let mut bytes = text.into_bytes();
    bytes.resize(MAX_BUNDLE_BYTES, b'\n');
    bytes
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn main() {
    let bytes = bundle_at_limit();
    assert_eq!(bytes.len(), MAX_BUNDLE_BYTES);
    let home = tempfile::tempdir().expect("tempdir");
    let h = |p: &str| home.path().join(p).display().to_string();
    let env = SysEnv::from_vars([
        ("HOME", h("")),
        ("XDG_CONFIG_HOME", h(".config")),
        ("XDG_DATA_HOME", h(".local/share")),
        ("GOENV", h("goenv")),
        ("PATH", h("no-go")),
    ]);
    std::fs::write(
        home.path().join("goenv"),
        "GOPROXY=https://proxy.golang.org,direct\n",
    )
    .expect("goenv");
    let helper = std::path::Path::new("/usr/local/bin/goproxy-assistant");
    let inputs = PlanInputs {
        helper,
        keychain: None,
        tokens: &[],
    };

    let mut parse_times = Vec::new();
    let mut preview_times = Vec::new();
    for _ in 0..RUNS {
        let t = Instant::now();
        parse(&bytes).expect("the bench bundle is valid");
        parse_times.push(t.elapsed());
        let t = Instant::now();
        let ctx = Context::new(env.clone());
        let bundle = parse(&bytes).expect("valid");
        let _ = assess(&bundle);
        let p = preview(&ctx, &bundle, &[], &inputs).expect("preview");
        preview_times.push(t.elapsed());
        assert_eq!(p.mirrors.len(), 300);
    }
    println!(
        "bundle preview at the {MAX_BUNDLE_BYTES}-byte limit (300 mirrors, 300 hosts): parse+validate {:.1} ms, whole preview {:.1} ms (median of {RUNS})",
        median(parse_times).as_secs_f64() * 1000.0,
        median(preview_times).as_secs_f64() * 1000.0,
    );
}
