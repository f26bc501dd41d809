//! `private list` and `token status` with 1,000 hosts in hosts.toml and no keychain: every host
//! is listed in order with what git would do for it (helpers by git's URL rules, an `insteadOf`
//! rewrite to SSH, none for GOPROXY's proxy host). Timings are in `make bench`, not here.

mod support;

use go_integration_tests::Sandbox;
use serde_json::Value;
use support::{cli, json, text};

const HOSTS: usize = 1000;

fn prefix(i: usize) -> String {
    match i {
        1 => "goproxy.corp.example".into(),
        i if i % 10 == 0 => format!("h{i}.corp.example:8443"),
        i if i % 7 == 3 => format!("h{i}.other.example"),
        i => format!("h{i}.corp.example"),
    }
}

/// What git does for `https://<prefix>/` under the sandbox's git config (`private list` leaves
/// out GOPROXY's proxy host: Go asks it over HTTP, git is not involved).
fn expected_git(i: usize, overview: bool) -> Value {
    let p = prefix(i);
    if i == 1 && overview {
        return Value::Null;
    }
    if p == "h18.corp.example" {
        return serde_json::json!({"kind": "ssh", "base": "git@h18.corp.example:"});
    }
    // `https://*.corp.example` has no port, so it does not match `:8443`.
    if p.ends_with(".corp.example") {
        return serde_json::json!({"kind": "app_helper"});
    }
    serde_json::json!({"kind": "other_helper", "helper": "cache"})
}

fn sandbox() -> Sandbox {
    let mut sb = Sandbox::new();
    sb.without("DBUS_SESSION_BUS_ADDRESS");
    sb.set("GIT_CONFIG_NOSYSTEM", "1");
    sb.set("GOPROXY", "https://goproxy.corp.example,direct");
    std::fs::write(
        sb.home.join(".gitconfig"),
        "[credential]\n\thelper = cache\n\
         [credential \"https://*.corp.example\"]\n\thelper = /opt/goproxy-assistant git-credential\n\
         [url \"git@h18.corp.example:\"]\n\tinsteadOf = https://h18.corp.example/\n",
    )
    .expect("gitconfig");
    let mut hosts = String::from("# test\n");
    for i in 1..=HOSTS {
        hosts.push_str(&format!(
            "[[host]]\nprefix = \"{}\"\nuser = \"token\"\nscheme = \"basic\"\nnetrc = false\ntoken_set_ms = {i}\n\n",
            prefix(i)
        ));
    }
    let dir = sb.home.join(".config/goproxy-assistant");
    std::fs::create_dir_all(&dir).expect("mkdir");
    std::fs::write(dir.join("hosts.toml"), hosts).expect("hosts.toml");
    sb
}

fn check(hosts: &Value, overview: bool) {
    let hosts = hosts.as_array().expect("hosts array");
    assert_eq!(hosts.len(), HOSTS);
    for (n, h) in hosts.iter().enumerate() {
        let i = n + 1;
        assert_eq!(h["host"]["prefix"], prefix(i).as_str(), "{h}");
        assert_eq!(h["git"], expected_git(i, overview), "host {i}: {h}");
        // No Secret Service in the sandbox: unknown, with the reason, for every host.
        assert!(h.get("stored").is_none(), "{h}");
        assert_eq!(h["keychain"], "unavailable", "{h}");
        assert!(h["error"]["message"].is_string(), "{h}");
    }
}

#[test]
fn a_thousand_hosts_are_listed_with_what_git_does_for_each() {
    let sb = sandbox();
    let out = cli(&sb, &["private", "list", "--json"]);
    assert!(out.status.success(), "{}", text(&out));
    check(&json(&out)["hosts"], true);
    let out = cli(&sb, &["token", "status", "--json"]);
    assert!(out.status.success(), "{}", text(&out));
    check(&json(&out), false);
}
