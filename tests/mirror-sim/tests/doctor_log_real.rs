//! The Doctor's log explainer on what the real go1.27 and go1.19 print when downloads fail against
//! loopback servers (the mirror simulator with faults, statuses, TLS and auth; git over loopback
//! through an `insteadOf` rule): each capture must give its code, host and module.
//!
//! Nothing leaves 127.0.0.1: GOPROXY names loopback servers or `direct` to a host git rewrites to
//! loopback, and GOSUMDB is off or a loopback URL (inside this test's sandbox only); a mirror
//! named by host is reached only through a loopback HTTPS proxy, or looked up at a loopback DNS
//! server (`doctor_log_real/transport.rs`).
//! `DOCTOR_CORPUS_WRITE=1` saves the captures to `crates/core/src/doctor/log/corpus/real-*.txt`,
//! which the unit tests and the `doctor_log` bench read.

#[path = "doctor_log_real/servers.rs"]
mod servers;
#[path = "doctor_log_real/support.rs"]
mod support;
#[path = "doctor_log_real/transport.rs"]
mod transport;

use go_integration_tests::toolchains;
use mirror_sim::{Credential, Fault, MirrorBehavior, SimMirror};
use support::*;
use transport::{transport_cases, TransportServers};

#[test]
fn real_go_failures_are_explained_with_code_host_and_module() {
    let toolchains = toolchains();
    if toolchains.is_empty() {
        return;
    }
    let status = |s: u16| {
        SimMirror::start(MirrorBehavior::default().with_fault("", Fault::Status(s))).expect("start")
    };
    let (m404, m410, m403, m500, m502) = (
        status(404),
        status(410),
        status(403),
        status(500),
        status(502),
    );
    let m401 = SimMirror::start(
        MirrorBehavior::default().with_auth("", Credential::basic("alice", "s3cret")),
    )
    .expect("start");
    let reset =
        SimMirror::start(MirrorBehavior::default().with_fault("", Fault::Reset)).expect("start");
    let plain = SimMirror::start(MirrorBehavior::default()).expect("start");
    let stale = SimMirror::start(MirrorBehavior {
        stale: true,
        ..MirrorBehavior::default()
    })
    .expect("start");
    let tls = SimMirror::start(MirrorBehavior::default().https()).expect("start");
    let hang = SimMirror::start(MirrorBehavior {
        hang_on_accept: true,
        ..MirrorBehavior::default().https()
    })
    .expect("start");
    let tls401 = SimMirror::start(
        MirrorBehavior::default()
            .https()
            .with_auth("", Credential::basic("alice", "s3cret")),
    )
    .expect("start");
    let tls_as_http = tls.url().replacen("https://", "http://", 1);
    let plain_as_https = format!("https://127.0.0.1:{}", plain_http_server());
    let certs = tempfile::tempdir().expect("tempdir");
    let transport = TransportServers::start(certs.path());
    let toml = Some(TOML);
    let download = ["mod", "download", TOML];

    let mut report = Report::default();
    for tc in &toolchains {
        let new = tc.name != "go1.19";
        let r = &mut report;
        for (name, mirror, code) in [
            ("status_404", &m404, "proxy.not_found"),
            ("status_410", &m410, "proxy.not_found"),
            ("status_401", &m401, "proxy.unauthorized"),
            ("status_403", &m403, "proxy.forbidden"),
            ("status_500", &m500, "proxy.server_error"),
            ("status_502", &m502, "proxy.server_error"),
            ("reset", &reset, "net.reset"),
        ] {
            let sb = sandbox(&mirror.url());
            r.expect(
                &sb,
                tc,
                name,
                &download,
                code,
                Some(&host_of(&mirror.url())),
                toml,
            );
        }
        transport_cases(r, tc, &transport);
        let sb = sandbox("http://127.0.0.1:1");
        r.expect(
            &sb,
            tc,
            "refused",
            &download,
            "net.refused",
            Some("127.0.0.1:1"),
            toml,
        );
        let sb = sandbox(&tls.url());
        r.expect(
            &sb,
            tc,
            "unknown_authority",
            &download,
            "tls.unknown_authority",
            Some(&host_of(&tls.url())),
            toml,
        );
        let sb = sandbox(&plain_as_https);
        r.expect(
            &sb,
            tc,
            "plain_http_on_https_url",
            &download,
            "tls.not_tls",
            Some(&host_of(&plain_as_https)),
            toml,
        );
        if new {
            // A mirror that accepts and never says a word: go's 10 s TLS handshake timeout.
            let sb = sandbox(&hang.url());
            r.expect(
                &sb,
                tc,
                "tls_handshake_stall",
                &download,
                "net.timeout",
                Some(&host_of(&hang.url())),
                toml,
            );
        }
        let sb = sandbox(&tls_as_http);
        r.expect(
            &sb,
            tc,
            "http_to_https_port",
            &download,
            "net.reset",
            Some(&host_of(&tls.url())),
            toml,
        );
        let sb = sandbox(&plain.url().replacen("http://", "http://alice:s3cret@", 1));
        r.expect(
            &sb,
            tc,
            "credentials_over_http",
            &download,
            "auth.insecure_url",
            Some(&host_of(&plain.url())),
            toml,
        );

        // A tampered module: go.sum records other bits than the mirror serves.
        let sb = sandbox(&plain.url());
        project(&sb, "1.21", "github.com/BurntSushi/toml v1.3.2", "github.com/BurntSushi/toml v1.3.2 h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\ngithub.com/BurntSushi/toml v1.3.2/go.mod h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n", "");
        r.expect(
            &sb,
            tc,
            "tampered_module",
            &["mod", "download"],
            "checksum.gosum_mismatch",
            None,
            toml,
        );

        // The checksum database: unreachable, and a private module it does not know (404).
        let mut sb = sandbox(&plain.url());
        sb.set("GOSUMDB", "sum.golang.org http://127.0.0.1:1");
        r.expect(
            &sb,
            tc,
            "sumdb_unreachable",
            &download,
            "checksum.sumdb_unreachable",
            Some("127.0.0.1:1"),
            toml,
        );
        let mut sb = sandbox(&plain.url());
        sb.set("GOSUMDB", &format!("sum.golang.org {}", m404.url()));
        r.expect(
            &sb,
            tc,
            "sumdb_private_lookup",
            &download,
            "checksum.private_module_lookup",
            Some(&host_of(&m404.url())),
            toml,
        );

        // Configuration go refuses.
        let sb = sandbox("foo");
        r.expect(
            &sb,
            tc,
            "goproxy_missing_scheme",
            &download,
            "config.goproxy",
            None,
            toml,
        );
        let sb = sandbox(",");
        r.expect(
            &sb,
            tc,
            "goproxy_no_entries",
            &download,
            "config.goproxy",
            None,
            toml,
        );
        let sb = sandbox("off");
        r.expect(
            &sb,
            tc,
            "goproxy_off",
            &download,
            "config.goproxy_off",
            None,
            toml,
        );
        let mut sb = sandbox(&plain.url());
        sb.set("GOSUMDB", "a b c");
        r.expect(
            &sb,
            tc,
            "gosumdb_too_many_fields",
            &download,
            "config.gosumdb",
            None,
            toml,
        );
        let mut sb = sandbox(&plain.url());
        sb.set("GOSUMDB", "foo.example.com");
        r.expect(
            &sb,
            tc,
            "gosumdb_malformed",
            &download,
            "config.gosumdb",
            None,
            toml,
        );
        let mut sb = sandbox(&plain.url());
        sb.set("GOFLAGS", "-modcacherw bogus");
        r.expect(
            &sb,
            tc,
            "goflags_non_flag",
            &download,
            "config.goflags",
            None,
            None,
        );
        let mut sb = sandbox(&plain.url());
        sb.set("GOFLAGS", "-modcacherw -bogus");
        r.expect(
            &sb,
            tc,
            "goflags_unknown_flag",
            &download,
            "config.goflags",
            None,
            None,
        );
        let mut sb = sandbox("direct");
        sb.set("GOVCS", "public:off");
        r.expect(&sb, tc, "govcs", &download, "config.govcs", None, toml);
        if new {
            // go1.19 writes relative/config/go/env under the working directory instead.
            let mut sb = sandbox(&plain.url());
            sb.without("GOENV");
            sb.set("XDG_CONFIG_HOME", "relative/config");
            r.expect(
                &sb,
                tc,
                "goenv_relative_xdg",
                &["env", "-w", "GOPROXY=https://proxy.golang.org"],
                "config.goenv",
                None,
                None,
            );
            let mut sb = sandbox(&tls.url());
            trust_test_ca(&mut sb);
            sb.set("GOAUTH", "netrc;");
            r.expect(
                &sb,
                tc,
                "goauth_empty_command",
                &download,
                "config.goauth",
                None,
                None,
            );
            let mut sb = sandbox(&plain.url());
            sb.set("GOTOOLCHAIN", "bogus");
            r.expect(
                &sb,
                tc,
                "gotoolchain_invalid",
                &download,
                "config.gotoolchain",
                None,
                None,
            );
            let sb = sandbox(&plain.url());
            project(&sb, "1.99", "", "", "");
            r.expect(
                &sb,
                tc,
                "gotoolchain_local_too_old",
                &["mod", "download"],
                "config.gotoolchain",
                None,
                None,
            );
            // The GOAUTH helper is missing: go says so with -x, then gets the 401.
            let mut sb = sandbox(&tls401.url());
            trust_test_ca(&mut sb);
            sb.set("GOAUTH", "/nonexistent/gpa-auth");
            r.expect(
                &sb,
                tc,
                "goauth_helper_missing",
                &["mod", "download", "-x", TOML],
                "proxy.unauthorized",
                Some(&host_of(&tls401.url())),
                toml,
            );
        }

        // Credentials for a private git host: git cannot prompt, or the host denies the repository.
        // go1.27 prints the repository URL it asked git for; go1.19 only git's rewritten one.
        let private = Some("github.com/acme/private@v1.0.0");
        let git_host = |m: &SimMirror| {
            if new {
                "github.com".to_string()
            } else {
                host_of(&m.url())
            }
        };
        let fetch_private = ["mod", "download", "github.com/acme/private@v1.0.0"];
        let mut sb = sandbox("direct");
        git_to_loopback(&mut sb, &m401.url());
        r.expect(
            &sb,
            tc,
            "git_terminal_prompt",
            &fetch_private,
            "auth.git_prompt",
            Some(&git_host(&m401)),
            private,
        );
        let mut sb = sandbox("direct");
        git_to_loopback(&mut sb, &m403.url());
        r.expect(
            &sb,
            tc,
            "git_403",
            &fetch_private,
            "auth.repo_missing_or_denied",
            Some(&git_host(&m403)),
            private,
        );

        // Versions, packages and paths.
        let empty = tempfile::tempdir().expect("tempdir");
        let sb = sandbox(&format!("file://{}", empty.path().display()));
        r.expect(
            &sb,
            tc,
            "file_proxy_missing_version",
            &download,
            "version.not_found_on_proxy",
            None,
            toml,
        );
        let sb = sandbox(&stale.url());
        r.expect(
            &sb,
            tc,
            "stale_mirror",
            &["mod", "download", "golang.org/x/net@v0.22.0"],
            "proxy.not_found",
            Some(&host_of(&stale.url())),
            Some("golang.org/x/net@v0.22.0"),
        );
        let sb = sandbox(&plain.url());
        r.expect(
            &sb,
            tc,
            "no_matching_version",
            &["list", "-m", "github.com/BurntSushi/toml@v9"],
            "version.no_match",
            None,
            None,
        );
        let sb = sandbox(&plain.url());
        r.expect(
            &sb,
            tc,
            "malformed_path",
            &["mod", "download", "Example.com/Hello@v1.0.0"],
            "path.malformed",
            None,
            Some("Example.com/Hello@v1.0.0"),
        );
        let sb = sandbox(&plain.url());
        project(&sb, "1.21", "", "", "");
        r.expect(
            &sb,
            tc,
            "package_not_in_module",
            &["get", "github.com/BurntSushi/toml/nope@v1.3.2"],
            "package.not_in_module",
            None,
            None,
        );
        // go mod tidy names the module on the line below `X imports`.
        let sb = sandbox(&m404.url());
        project(
            &sb,
            "1.19",
            "",
            "",
            "package main\n\nimport _ \"github.com/BurntSushi/toml\"\n\nfunc main() {}\n",
        );
        r.expect(
            &sb,
            tc,
            "tidy_404",
            &["mod", "tidy"],
            "proxy.not_found",
            Some(&host_of(&m404.url())),
            Some("github.com/BurntSushi/toml"),
        );
        if !new {
            // go1.19 ignores a newer go line everywhere except in tidy.
            let sb = sandbox(&plain.url());
            project(&sb, "1.21", "", "", "");
            r.expect(
                &sb,
                tc,
                "tidy_newer_go_line",
                &["mod", "tidy"],
                "config.gotoolchain",
                None,
                None,
            );
        }
    }
    if std::env::var("DOCTOR_CORPUS_WRITE").as_deref() == Ok("1") {
        report.write_corpus();
    }
    assert!(
        report.failures.is_empty(),
        "{} of {} captures explained wrongly:\n\n{}",
        report.failures.len(),
        report.captures.len(),
        report.failures.join("\n\n")
    );
}
