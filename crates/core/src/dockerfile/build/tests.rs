use super::*;
use crate::context::Context;
use crate::history::History;
use crate::hosts::AuthScheme;
use crate::private::credentials::{set_token, TokenRequest};

struct Home {
    dir: tempfile::TempDir,
    env: SysEnv,
    keychain: Keychain,
}

impl Home {
    fn new(path: &str) -> Home {
        let dir = tempfile::tempdir().expect("tempdir");
        let home = dir.path().display().to_string();
        let env = SysEnv::from_vars([
            ("HOME", home.clone()),
            ("XDG_CONFIG_HOME", format!("{home}/config")),
            ("XDG_DATA_HOME", format!("{home}/data")),
            ("NETRC", format!("{home}/.netrc")),
            ("PATH", path.to_string()),
        ]);
        Home {
            dir,
            env,
            keychain: Keychain::mock(),
        }
    }

    fn store(&self, host: &str, user: &str, token: &str) {
        let history = History::open(&self.env).expect("history");
        let req = TokenRequest {
            host: host.into(),
            user: Some(user.into()),
            scheme: AuthScheme::Basic,
            netrc: false,
        };
        set_token(
            &Context::new(self.env.clone()),
            &self.keychain,
            &history,
            &req,
            &Secret::new(token),
        )
        .expect("store token");
    }

    fn request(&self) -> TestBuildRequest {
        TestBuildRequest {
            dir: self.dir.path().display().to_string(),
            dockerfile: "FROM scratch\n".into(),
            ..TestBuildRequest::default()
        }
    }
}

fn run(home: &Home, request: &TestBuildRequest) -> Result<TestBuildReport> {
    test_build(
        &home.env,
        &home.keychain,
        request,
        &AtomicBool::new(false),
        &|_| {},
    )
}

#[test]
fn netrc_secret_holds_the_stored_hosts() {
    let home = Home::new("");
    let none = secret_netrc::collect(&home.env, &home.keychain, None).expect("collect");
    assert!(none.hosts.is_empty() && none.text.expose().is_empty());

    home.store("corp.example.com", "alice", "tok-a");
    home.store("goproxy.corp.example:8443", "bob", "tok-b");
    let all = secret_netrc::collect(&home.env, &home.keychain, None).expect("collect");
    assert_eq!(all.hosts, ["corp.example.com", "goproxy.corp.example:8443"]);
    assert_eq!(
        all.text.expose(),
        "machine corp.example.com login alice password tok-a\n\
         machine goproxy.corp.example:8443 login bob password tok-b\n\
         machine goproxy.corp.example login bob password tok-b\n"
    );
    let one = secret_netrc::collect(
        &home.env,
        &home.keychain,
        Some(&["Corp.Example.com".to_string()]),
    )
    .expect("collect");
    assert_eq!(one.hosts, ["corp.example.com"]);

    for bad in ["other.example.com", "https://corp.example.com", ""] {
        let err = match secret_netrc::collect(&home.env, &home.keychain, Some(&[bad.to_string()])) {
            Err(e) => e,
            Ok(_) => panic!("{bad:?} accepted"),
        };
        assert_eq!(err.field.as_deref(), Some("secret_hosts"), "{bad}");
        assert!(!err.message.contains("tok-"), "{}", err.message);
    }
}

#[test]
fn scratch_files_are_private_and_removed() {
    let scratch = secret_netrc::BuildScratch::create().expect("scratch");
    let dir = scratch.path().to_path_buf();
    let file = scratch
        .write_private("netrc", b"machine h login u password p\n")
        .expect("write");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode(&dir), 0o700);
        assert_eq!(mode(&file), 0o600);
    }
    assert!(
        scratch.write_private("netrc", b"again").is_err(),
        "never overwrites"
    );
    drop(scratch);
    assert!(!dir.exists());
}

#[test]
fn scrubber_hides_tokens() {
    let tokens = [Secret::new("tok-123"), Secret::new("other")];
    let s = Scrubber::new(&tokens);
    assert_eq!(s.line("#7 0.1 tok-123 and other"), "#7 0.1 *** and ***");
    assert_eq!(s.bytes(b"x tok-123\n"), b"x ***\n");
    assert_eq!(Scrubber::new(&[]).bytes(b"tok"), b"tok");
}

#[test]
fn bad_input_names_the_field_before_anything_runs() {
    let home = Home::new("");
    let mut r = home.request();
    r.dir = home.dir.path().join("missing").display().to_string();
    assert_eq!(
        run(&home, &r).expect_err("dir").field.as_deref(),
        Some("dir")
    );
    let mut r = home.request();
    r.dir = String::new();
    assert_eq!(
        run(&home, &r).expect_err("dir").field.as_deref(),
        Some("dir")
    );
    let mut r = home.request();
    r.build_args = vec!["API_TOKEN=x".into()];
    assert_eq!(
        run(&home, &r).expect_err("arg").field.as_deref(),
        Some("build_args")
    );
}

#[test]
fn no_docker_command_is_a_result() {
    let home = Home::new("");
    let bin = home.dir.path().join("bin");
    std::fs::create_dir(&bin).expect("mkdir");
    let mut env = home.env.clone();
    env.set("PATH", bin.display().to_string());
    let report = test_build(
        &env,
        &home.keychain,
        &home.request(),
        &AtomicBool::new(false),
        &|_| {},
    )
    .expect("report");
    assert_eq!(report.status, TestBuildStatus::NoClient);
    assert_eq!(report.engine, EngineStatus::NoClient);
    assert!(report.command.is_empty());
}

/// The real docker client with no engine behind its socket (docker.io is installed by
/// scripts/setup.sh test); without the client this checks nothing.
#[test]
fn docker_without_an_engine_is_a_result() {
    let system = SysEnv::current();
    let Some(docker) = find_docker(&system) else {
        eprintln!("no docker client on PATH: nothing to check");
        return;
    };
    let home = Home::new(&docker.parent().expect("dir").display().to_string());
    let mut env = home.env.clone();
    let socket = home.dir.path().join("no-engine.sock");
    env.set("DOCKER_HOST", format!("unix://{}", socket.display()));
    env.set(
        "DOCKER_CONFIG",
        home.dir.path().join("docker-config").display().to_string(),
    );
    home.store("corp.example.com", "alice", "tok-never-used");
    let report = test_build(
        &env,
        &home.keychain,
        &home.request(),
        &AtomicBool::new(false),
        &|_| {},
    )
    .expect("report");
    assert_eq!(report.status, TestBuildStatus::NoEngine);
    let EngineStatus::NoEngine { detail } = &report.engine else {
        panic!("{:?}", report.engine);
    };
    assert!(!detail.is_empty());
    assert!(
        report.secret_hosts.is_empty(),
        "no secret is made without an engine"
    );
}
