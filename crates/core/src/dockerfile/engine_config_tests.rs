use super::*;

struct Files {
    dir: tempfile::TempDir,
}

impl Files {
    fn new() -> Files {
        Files {
            dir: tempfile::tempdir().expect("tempdir"),
        }
    }

    fn paths(&self) -> EngineConfigPaths {
        EngineConfigPaths {
            client_config: Some(self.dir.path().join("config.json")),
            daemon_config: self.dir.path().join("daemon.json"),
        }
    }

    fn client(self, json: &str) -> Files {
        std::fs::write(self.dir.path().join("config.json"), json).expect("write");
        self
    }

    fn daemon(self, json: &str) -> Files {
        std::fs::write(self.dir.path().join("daemon.json"), json).expect("write");
        self
    }
}

fn codes(config: &EngineConfig) -> Vec<EngineFindingCode> {
    config.findings.iter().map(|f| f.code).collect()
}

fn env(vars: &[(&str, &str)]) -> SysEnv {
    SysEnv::from_vars(vars.iter().copied())
}

#[test]
fn nothing_set_nothing_found() {
    let files = Files::new();
    let config = inspect(&env(&[]), &files.paths(), "");
    assert!(config.findings.is_empty(), "{:?}", config.findings);
    assert!(config.build_args.is_empty());
    assert_eq!(
        config.client_config.as_ref().map(|c| c.state),
        Some(ConfigFileState::Missing)
    );
    assert_eq!(config.daemon_config.state, ConfigFileState::Missing);
}

#[test]
fn shell_proxy_is_offered_as_build_args_without_values() {
    let files = Files::new();
    let config = inspect(
        &env(&[
            ("HTTPS_PROXY", "http://alice:s3cret@proxy.corp:3128"),
            ("http_proxy", "http://proxy.corp:3128"),
            ("NO_PROXY", "corp.example.com"),
        ]),
        &files.paths(),
        "",
    );
    assert_eq!(
        config.build_args,
        [
            "--build-arg http_proxy",
            "--build-arg HTTPS_PROXY",
            "--build-arg NO_PROXY"
        ]
    );
    assert_eq!(codes(&config), [EngineFindingCode::ProxyNotPassed]);
    assert_eq!(
        config.findings[0].params["names"],
        "http_proxy,HTTPS_PROXY,NO_PROXY"
    );
    let shown = serde_json::to_string(&config).expect("json");
    assert!(!shown.contains("s3cret"), "{shown}");
    assert!(shown.contains("http://***@proxy.corp:3128"), "{shown}");
}

#[test]
fn loopback_proxy_in_the_environment_is_an_error() {
    let files = Files::new();
    for value in [
        "http://127.0.0.1:7890",
        "localhost:8080",
        "http://[::1]:3128/",
        "socks5://u:p@127.0.0.2:1080",
    ] {
        let config = inspect(&env(&[("HTTPS_PROXY", value)]), &files.paths(), "");
        assert!(
            codes(&config).contains(&EngineFindingCode::ProxyLoopback),
            "{value}: {:?}",
            config.findings
        );
        let f = &config.findings[0];
        assert_eq!(f.code, EngineFindingCode::ProxyLoopback, "errors first");
        assert_eq!(f.params["source"], "environment");
        assert_eq!(f.params["name"], "HTTPS_PROXY");
        assert!(!f.message.contains(":p@"), "{}", f.message);
    }
    let config = inspect(
        &env(&[("HTTPS_PROXY", "http://10.0.0.1:3128")]),
        &files.paths(),
        "",
    );
    assert!(!codes(&config).contains(&EngineFindingCode::ProxyLoopback));
}

#[test]
fn http_proxy_without_https_proxy() {
    let files = Files::new();
    let config = inspect(
        &env(&[("HTTP_PROXY", "http://proxy.corp:3128")]),
        &files.paths(),
        "",
    );
    assert!(codes(&config).contains(&EngineFindingCode::ProxyHttpsMissing));
    let config = inspect(
        &env(&[("HTTP_PROXY", "http://p:1"), ("ALL_PROXY", "socks5://p:2")]),
        &files.paths(),
        "",
    );
    assert!(!codes(&config).contains(&EngineFindingCode::ProxyHttpsMissing));
}

#[test]
fn client_proxies_are_shown_and_the_entry_in_use_is_checked() {
    let files = Files::new().client(
        r#"{"auths": {"ghcr.io": {"auth": "c2VjcmV0"}},
            "proxies": {
              "default": {"httpProxy": "http://localhost:3128", "httpsProxy": "http://u:pw@localhost:3128", "noProxy": "*.corp"},
              "tcp://build.corp:2376": {"httpsProxy": "http://proxy.corp:3128"}
            }}"#,
    );
    // The shell's proxy is not offered: the client passes its own.
    let config = inspect(
        &env(&[("HTTPS_PROXY", "http://proxy.corp:3128")]),
        &files.paths(),
        "",
    );
    assert!(config.build_args.is_empty());
    let client = config.client_config.clone().expect("client");
    assert_eq!(client.state, ConfigFileState::Read);
    assert_eq!(client.proxies.len(), 2);
    let default = client
        .proxies
        .iter()
        .find(|p| p.daemon == "default")
        .expect("default");
    assert!(default.in_use);
    assert_eq!(
        default.variables[1],
        ProxyVariable {
            name: "HTTPS_PROXY".into(),
            value: "http://***@localhost:3128".into()
        }
    );
    let loopback: Vec<_> = config
        .findings
        .iter()
        .filter(|f| f.code == EngineFindingCode::ProxyLoopback)
        .collect();
    assert_eq!(loopback.len(), 2, "{:?}", config.findings);
    assert!(loopback
        .iter()
        .all(|f| f.params["source"] == "client_config"));
    let shown = serde_json::to_string(&config).expect("json");
    assert!(
        !shown.contains("pw@") && !shown.contains("c2VjcmV0"),
        "{shown}"
    );

    // With DOCKER_HOST naming the second entry, that one is used (and it is fine).
    let config = inspect(
        &env(&[("DOCKER_HOST", "tcp://build.corp:2376")]),
        &files.paths(),
        "",
    );
    let client = config.client_config.clone().expect("client");
    assert!(client
        .proxies
        .iter()
        .any(|p| p.daemon == "tcp://build.corp:2376" && p.in_use));
    assert!(config.findings.is_empty(), "{:?}", config.findings);
}

#[test]
fn daemon_dns_findings() {
    let files = Files::new().daemon(r#"{"dns": ["127.0.0.53", "10.0.0.2", "not-an-ip", 7]}"#);
    let config = inspect(&env(&[]), &files.paths(), "corp.example.com");
    assert_eq!(
        config.daemon_config.dns,
        ["127.0.0.53", "10.0.0.2", "not-an-ip", "7"]
    );
    assert_eq!(
        codes(&config),
        [
            EngineFindingCode::DnsLoopback,
            EngineFindingCode::DnsInvalid,
            EngineFindingCode::DnsInvalid
        ]
    );
    assert_eq!(config.findings[0].params["entry"], "127.0.0.53");

    let files = Files::new().daemon(r#"{"dns": ["8.8.8.8", "114.114.114.114"]}"#);
    let config = inspect(&env(&[]), &files.paths(), "corp.example.com/*");
    assert_eq!(codes(&config), [EngineFindingCode::DnsPublicOnly]);
    assert_eq!(config.findings[0].params["dns"], "8.8.8.8,114.114.114.114");
    assert_eq!(config.findings[0].params["patterns"], "corp.example.com/*");
    // Without private modules public resolvers are fine.
    assert!(inspect(&env(&[]), &files.paths(), "").findings.is_empty());
    // A resolver of the company's own network next to them is fine too.
    let files = Files::new().daemon(r#"{"dns": ["10.1.1.1", "8.8.8.8"], "debug": true}"#);
    assert!(inspect(&env(&[]), &files.paths(), "corp.example.com")
        .findings
        .is_empty());
}

#[test]
fn unreadable_files_are_findings_not_errors() {
    let files = Files::new().client("{not json").daemon("[1, 2");
    let config = inspect(&env(&[]), &files.paths(), "");
    assert_eq!(
        codes(&config),
        [
            EngineFindingCode::ClientConfigUnreadable,
            EngineFindingCode::DaemonConfigUnreadable
        ]
    );
    assert_eq!(config.daemon_config.state, ConfigFileState::Unreadable);
    assert!(config.findings[0].params["reason"].starts_with("not valid JSON"));

    // A directory where the file should be.
    let files = Files::new();
    std::fs::create_dir(files.dir.path().join("daemon.json")).expect("mkdir");
    let config = inspect(&env(&[]), &files.paths(), "");
    assert_eq!(config.findings[0].params["reason"], "not a regular file");

    // No proxies key, a proxies key of the wrong type: nothing to show, no finding.
    for json in [
        r#"{}"#,
        r#"{"proxies": 3}"#,
        r#"{"proxies": {"default": 3}}"#,
    ] {
        let files = Files::new().client(json).daemon(r#"{"dns": "8.8.8.8"}"#);
        let config = inspect(&env(&[]), &files.paths(), "x");
        assert!(config.findings.is_empty(), "{json}: {:?}", config.findings);
    }
}

#[test]
fn paths_follow_docker_config_and_home() {
    let paths = EngineConfigPaths::from_env(&env(&[("HOME", "/home/u")]));
    assert_eq!(
        paths.client_config.as_deref(),
        Some(Path::new("/home/u/.docker/config.json"))
    );
    assert_eq!(paths.daemon_config, Path::new("/etc/docker/daemon.json"));
    let paths =
        EngineConfigPaths::from_env(&env(&[("HOME", "/home/u"), ("DOCKER_CONFIG", "/cfg")]));
    assert_eq!(
        paths.client_config.as_deref(),
        Some(Path::new("/cfg/config.json"))
    );
}
