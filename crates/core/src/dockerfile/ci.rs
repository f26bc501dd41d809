//! CI snippets: GitHub Actions (`docker/build-push-action` with `secret-files`, and a plain
//! `actions/setup-go` job) and GitLab CI. The token comes from the CI's masked secret store and
//! is written to a 0600 netrc outside the build context, deleted afterwards.

use super::beside::{build_command, image_name};
use super::resolve::{Resolved, SETTING_KEYS};
use super::words::words;
use std::fmt::Write as _;

/// Placeholder when no private host is known from the patterns.
const PLACEHOLDER_HOST: &str = "git.example.com";

fn hosts(r: &Resolved) -> Vec<String> {
    if r.private_hosts.is_empty() {
        vec![PLACEHOLDER_HOST.to_string()]
    } else {
        r.private_hosts.clone()
    }
}

/// The login that goes with a token: GitHub wants `x-access-token`, GitLab accepts `oauth2`.
fn login(host: &str) -> &'static str {
    if host == "github.com" {
        "x-access-token"
    } else {
        "oauth2"
    }
}

/// Shell lines writing a netrc (0600) with the token from `$GO_PRIVATE_TOKEN` into `path`.
fn netrc_lines(r: &Resolved, path: &str) -> Vec<String> {
    let mut lines = vec!["umask 077".to_string()];
    for (i, host) in hosts(r).iter().enumerate() {
        let redirect = if i == 0 { ">" } else { ">>" };
        lines.push(format!(
            "printf 'machine %s login %s password %s\\n' {host} {} \"$GO_PRIVATE_TOKEN\" {redirect} \"{path}\"",
            login(host)
        ));
    }
    lines
}

/// Non-empty settings as `KEY: 'value'` lines at `indent`.
fn env_block(r: &Resolved, indent: &str) -> String {
    let mut out = String::new();
    for key in SETTING_KEYS {
        let value = r.setting(key);
        if !value.is_empty() {
            let _ = writeln!(out, "{indent}{key}: '{value}'");
        }
    }
    out
}

pub fn github(r: &Resolved) -> String {
    let w = words(r.language);
    let name = image_name(r);
    let mut out = String::from(
        "name: docker\non:\n  push:\n    branches: [main]\n  pull_request:\npermissions:\n  contents: read\njobs:\n",
    );
    let _ = writeln!(out, "  # {}", w.github);
    out.push_str(
        "  image:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n",
    );
    if r.private {
        netrc_step(&mut out, r, "$RUNNER_TEMP/netrc");
    }
    out.push_str("      - uses: docker/setup-buildx-action@v3\n");
    out.push_str("      - uses: docker/build-push-action@v6\n        with:\n          context: .\n          push: false\n");
    let _ = writeln!(out, "          tags: {name}:ci");
    if !r.platforms.is_empty() {
        let list: Vec<String> = r.platforms.iter().map(|p| p.text()).collect();
        let _ = writeln!(out, "          platforms: {}", list.join(","));
    }
    if r.ssh {
        out.push_str("          ssh: default\n");
    }
    if r.private {
        out.push_str("          secret-files: |\n            netrc=${{ runner.temp }}/netrc\n");
        out.push_str("      - name: Remove the netrc\n        if: always()\n        run: rm -f \"$RUNNER_TEMP/netrc\"\n");
    }
    let _ = writeln!(out, "  # {}", w.github_go_job);
    out.push_str("  go:\n    runs-on: ubuntu-latest\n");
    let env = env_block(r, "      ");
    if !env.is_empty() {
        out.push_str("    env:\n");
        out.push_str(&env);
    }
    out.push_str("    steps:\n      - uses: actions/checkout@v4\n      - uses: actions/setup-go@v5\n        with:\n          go-version-file: go.mod\n");
    if r.private {
        netrc_step(&mut out, r, "$HOME/.netrc");
    }
    out.push_str("      - run: go build ./...\n      - run: go test ./...\n");
    out
}

fn netrc_step(out: &mut String, r: &Resolved, path: &str) {
    let w = words(r.language);
    let _ = writeln!(out, "      # {}", w.github_netrc);
    if r.private_hosts.is_empty() {
        let _ = writeln!(out, "      # {}", w.replace_host);
    }
    out.push_str("      - name: Write the netrc for private modules\n        env:\n          GO_PRIVATE_TOKEN: ${{ secrets.GO_PRIVATE_TOKEN }}\n        run: |\n");
    for line in netrc_lines(r, path) {
        let _ = writeln!(out, "          {line}");
    }
}

pub fn gitlab(r: &Resolved) -> String {
    let w = words(r.language);
    let mut out = String::new();
    let env = env_block(r, "  ");
    if !env.is_empty() {
        out.push_str("variables:\n");
        out.push_str(&env);
        out.push('\n');
    }
    let _ = writeln!(out, "# {}", w.gitlab);
    out.push_str(
        "docker-image:\n  image: docker:27\n  services:\n    - docker:27-dind\n  script:\n",
    );
    if r.private {
        let _ = writeln!(out, "    # {}", w.gitlab_netrc);
        if r.private_hosts.is_empty() {
            let _ = writeln!(out, "    # {}", w.replace_host);
        }
        for line in netrc_lines(r, "/tmp/netrc") {
            let _ = writeln!(out, "    - {}", yaml_plain(&line));
        }
    }
    let command = build_command(
        r,
        "/tmp/netrc",
        "\"$CI_REGISTRY_IMAGE:$CI_COMMIT_SHORT_SHA\"",
    );
    if r.platforms.len() > 1 {
        out.push_str("    - docker buildx create --use\n");
    }
    let _ = writeln!(out, "    - {}", yaml_plain(&command));
    if r.private {
        out.push_str("  after_script:\n    - rm -f /tmp/netrc\n");
    }
    let _ = writeln!(out, "\n# {}", w.gitlab_go_job);
    let _ = writeln!(out, "go:\n  image: golang:{}-bookworm", r.image.tag());
    if r.private {
        out.push_str("  before_script:\n");
        for line in netrc_lines(r, "$HOME/.netrc") {
            let _ = writeln!(out, "    - {}", yaml_plain(&line));
        }
    }
    out.push_str("  script:\n    - go build ./...\n    - go test ./...\n");
    out
}

/// A shell line as a YAML scalar: single-quoted when YAML would read it otherwise.
fn yaml_plain(line: &str) -> String {
    let needs_quotes = line.contains(": ")
        || line.contains(" #")
        || line.starts_with(['\'', '"', '{', '[', '&', '*', '!', '|', '>', '%', '@', '`']);
    if needs_quotes {
        format!("'{}'", line.replace('\'', "''"))
    } else {
        line.to_string()
    }
}
