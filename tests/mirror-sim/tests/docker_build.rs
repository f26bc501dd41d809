//! Real BuildKit builds of the generated Dockerfile, offline, on a Docker daemon of the test's
//! own (scripts/docker-tests.sh starts it, imports the local `golang:<v>-bookworm` base and
//! runs these #[ignore]d tests with GOPROXY_ASSISTANT_REAL_DOCKER=1; docs/dockerfile-build.md).
//!
//! A sample module requires a private module that the loopback mirror simulator serves over
//! HTTPS behind Basic auth; the build gets GOPROXY pointed at the simulator (host networking)
//! and the token through the Test build runner (keychain → 0600 netrc → `--secret id=netrc`).
//! Checked: the final image runs and prints the versions; a second build with `--no-cache`
//! makes zero requests to the simulator (the module cache mount is reused); the token is in
//! no layer, config or history of the final image nor of the builder stage.

use go_integration_tests::Sandbox;
use goproxy_core::context::Context;
use goproxy_core::dockerfile::build::{self, TestBuildReport, TestBuildRequest, TestBuildStatus};
use goproxy_core::dockerfile::{self, DockerfileOptions, Generated, GoSettings};
use goproxy_core::history::History;
use goproxy_core::hosts::AuthScheme;
use goproxy_core::private::credentials::{set_token, TokenRequest};
use goproxy_core::secrets::{Keychain, Secret};
use goproxy_core::sysenv::SysEnv;
use mirror_sim::{test_ca, Credential, MirrorBehavior, SimMirror, SimModule};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::Instant;

const PRIVATE_MODULE: &str = "corp.example.com/greet";
const USER: &str = "alice";

/// The daemon and images the script prepared; panics with how to run these tests otherwise.
struct Engine {
    docker: PathBuf,
    base_image: String,
    /// `DOCKER_HOST`, `DOCKER_CONFIG`, a PATH whose `docker` is the client under test.
    vars: Vec<(String, String)>,
    _bin: tempfile::TempDir,
}

impl Engine {
    fn from_script() -> Engine {
        let need = |name: &str| {
            std::env::var(name).unwrap_or_else(|_| {
                panic!("{name} is not set: run these tests with scripts/docker-tests.sh")
            })
        };
        assert_eq!(
            need("GOPROXY_ASSISTANT_REAL_DOCKER"),
            "1",
            "run with scripts/docker-tests.sh"
        );
        let docker = PathBuf::from(need("GOPROXY_ASSISTANT_DOCKER"));
        let bin = tempfile::tempdir().expect("tempdir");
        std::os::unix::fs::symlink(&docker, bin.path().join("docker")).expect("symlink docker");
        let vars = vec![
            ("DOCKER_HOST".to_string(), need("DOCKER_HOST")),
            ("DOCKER_CONFIG".to_string(), need("DOCKER_CONFIG")),
            (
                "PATH".to_string(),
                format!("{}:/usr/sbin:/usr/bin:/sbin:/bin", bin.path().display()),
            ),
        ];
        Engine {
            docker,
            base_image: need("GOPROXY_ASSISTANT_DOCKER_BASE"),
            vars,
            _bin: bin,
        }
    }

    fn docker(&self, args: &[&str]) -> Output {
        Command::new(&self.docker)
            .args(args)
            .env_clear()
            .envs(self.vars.iter().map(|(k, v)| (k, v)))
            .env("DOCKER_BUILDKIT", "1")
            .output()
            .expect("run docker")
    }

    fn docker_ok(&self, args: &[&str]) -> Vec<u8> {
        let out = self.docker(args);
        assert!(
            out.status.success(),
            "docker {args:?} failed:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    }

    /// A plain build of a small Dockerfile in `dir` (test fixtures, not the runner under test).
    fn build_fixture(&self, dir: &Path, dockerfile: &str, tag: &str, build_args: &[&str]) {
        std::fs::write(dir.join("Dockerfile"), dockerfile).expect("write Dockerfile");
        let mut args = vec!["build", "--network=host", "-t", tag];
        for arg in build_args {
            args.extend(["--build-arg", arg]);
        }
        let dir = dir.display().to_string();
        args.push(&dir);
        self.docker_ok(&args);
    }
}

/// A test's world: the simulator, the sample project, a scratch home with the token in a
/// (mock) keychain, and the core environment the runner gets.
struct World {
    engine: Engine,
    mirror: SimMirror,
    sandbox: Sandbox,
    project: PathBuf,
    keychain: Keychain,
    env: SysEnv,
    token: String,
}

fn unique_token() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    format!("tok-docker-{}-{nanos:x}", std::process::id())
}

impl World {
    fn new() -> World {
        let engine = Engine::from_script();
        let token = unique_token();
        let mut behavior = MirrorBehavior::default()
            .https()
            .with_auth("/corp.example.com/", Credential::basic(USER, &token));
        behavior
            .modules
            .push(SimModule::new(PRIVATE_MODULE, &["v1.0.0", "v1.2.0"]));
        let mirror = SimMirror::start(behavior).expect("start mirror");
        let mut sandbox = Sandbox::new();
        let ca = test_ca()
            .write_ca_file(sandbox.path())
            .expect("write CA file");
        let host_port = format!("127.0.0.1:{}", mirror.addr().port());
        sandbox.set("SSL_CERT_FILE", &ca.display().to_string());
        sandbox.set("GOPROXY", &mirror.url());
        sandbox.set("GOSUMDB", "off");
        sandbox.set("GONOSUMDB", "corp.example.com");
        // The host's go (for go.sum) reads the token from the sandbox's own .netrc.
        std::fs::write(
            sandbox.home.join(".netrc"),
            format!("machine {host_port} login {USER} password {token}\n"),
        )
        .expect("write .netrc");
        let project = sandbox.work.join("app");
        write_project(&project);
        let go = go_integration_tests::toolchains()
            .into_iter()
            .find(|t| t.name == "go1.27")
            .expect("go1.27 (GOPROXY_ASSISTANT_GO127)");
        let tidy = sandbox
            .command(&go.go)
            .args(["mod", "tidy"])
            .current_dir(&project)
            .output()
            .expect("go mod tidy");
        assert!(
            tidy.status.success(),
            "go mod tidy: {}",
            String::from_utf8_lossy(&tidy.stderr)
        );
        let mut env = SysEnv::from_vars(
            sandbox
                .vars()
                .into_iter()
                .filter(|(k, _)| !k.starts_with("GO") && k != "PATH" && k != "NETRC"),
        );
        for (k, v) in &engine.vars {
            env.set(k.clone(), v.clone());
        }
        env.set(
            "NETRC",
            sandbox.path().join("no-netrc").display().to_string(),
        );
        let keychain = Keychain::mock();
        let history = History::open(&env).expect("history");
        set_token(
            &Context::new(env.clone()),
            &keychain,
            &history,
            &TokenRequest {
                host: host_port,
                user: Some(USER.into()),
                scheme: AuthScheme::Basic,
                netrc: false,
            },
            &Secret::new(token.clone()),
        )
        .expect("store the token in the keychain");
        World {
            engine,
            mirror,
            sandbox,
            project,
            keychain,
            env,
            token,
        }
    }

    /// What `dockerfile::generate` writes for the project with the user's settings: GOPROXY
    /// the simulator (a private proxy behind Basic auth), GOSUMDB off, the private module out of
    /// the checksum database. Only the Dockerfile and .dockerignore are built.
    fn generated(&self) -> Generated {
        let options = DockerfileOptions {
            settings: GoSettings {
                goproxy: Some(self.mirror.url()),
                gosumdb: Some("off".into()),
                goprivate: Some(String::new()),
                gonoproxy: Some(String::new()),
                gonosumdb: Some("corp.example.com".into()),
            },
            ..DockerfileOptions::default()
        };
        let info = dockerfile::inspect(&self.project).expect("inspect the test project");
        dockerfile::generate_for(&self.project, &info, &options, &|_| None)
            .expect("generate the Dockerfile")
    }

    /// The generated Dockerfile as the daemon's built-in frontend parses it offline: without
    /// its `# syntax` line, which pulls a frontend image from Docker Hub (docs/dockerfile-build.md).
    /// The line must be the unpinned one: nothing here needs a newer frontend.
    fn dockerfile(&self) -> (String, String) {
        let generated = self.generated();
        let text = file(&generated, dockerfile::DOCKERFILE);
        let mut lines = text.lines();
        assert_eq!(lines.next(), Some("# syntax=docker/dockerfile:1"), "{text}");
        let offline = lines.collect::<Vec<_>>().join("\n");
        let go_version = offline
            .lines()
            .find_map(|l| l.strip_prefix("ARG GO_VERSION="))
            .expect("ARG GO_VERSION in the generated Dockerfile")
            .trim_matches('"')
            .to_string();
        (offline + "\n", go_version)
    }

    /// `golang:<v>-bookworm`: the script's base image with the simulator's CA trusted.
    fn tag_base_image(&self, go_version: &str) {
        let dir = self.sandbox.path().join("base-image");
        std::fs::create_dir_all(&dir).expect("mkdir");
        test_ca().write_ca_file(&dir).expect("CA");
        self.engine.build_fixture(
            &dir,
            &format!(
                "FROM {}\nCOPY mirror-sim-ca.pem /usr/local/share/ca-certificates/mirror-sim-ca.crt\n\
                 RUN cat /usr/local/share/ca-certificates/mirror-sim-ca.crt >> /etc/ssl/certs/ca-certificates.crt\n",
                self.engine.base_image
            ),
            &format!("golang:{go_version}-bookworm"),
            &[],
        );
    }

    fn request(&self, dockerfile: &str, tag: &str) -> TestBuildRequest {
        TestBuildRequest {
            dir: self.project.display().to_string(),
            dockerfile: dockerfile.to_string(),
            dockerignore: Some(file(&self.generated(), dockerfile::DOCKERIGNORE).to_string()),
            tag: Some(tag.to_string()),
            // The generated ARG defaults are the settings: no build args.
            network: Some("host".into()),
            ..TestBuildRequest::default()
        }
    }

    fn build(&self, request: &TestBuildRequest) -> (TestBuildReport, Vec<String>) {
        let lines = Mutex::new(Vec::new());
        let report = build::test_build(
            &self.env,
            &self.keychain,
            request,
            &AtomicBool::new(false),
            &|p| lines.lock().expect("lines").push(p.line.clone()),
        )
        .expect("test build");
        (report, lines.into_inner().expect("lines"))
    }

    fn module_requests(&self) -> usize {
        self.mirror.requests().len()
    }

    /// Every place of `image` where the token could hide: `docker save` (all layers and the
    /// config), `docker history --no-trunc` and `docker image inspect`. Returns the places
    /// that contain it, and the bytes scanned.
    fn token_places(&self, image: &str, token: &str) -> (Vec<String>, usize) {
        let needles = [token.to_string(), base64(&format!("{USER}:{token}"))];
        let mut places = Vec::new();
        let mut scanned = 0;
        let sources = [
            ("docker save", self.engine.docker_ok(&["save", image])),
            (
                "docker history",
                self.engine.docker_ok(&["history", "--no-trunc", image]),
            ),
            (
                "docker image inspect",
                self.engine.docker_ok(&["image", "inspect", image]),
            ),
        ];
        for (name, bytes) in sources {
            scanned += bytes.len();
            for needle in &needles {
                if contains(&bytes, needle.as_bytes()) {
                    places.push(format!("{name} of {image}"));
                }
            }
        }
        (places, scanned)
    }
}

fn file<'a>(generated: &'a Generated, path: &str) -> &'a str {
    &generated
        .files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("no {path} among the generated files"))
        .content
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn base64(text: &str) -> String {
    use std::fmt::Write as _;
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let bytes = text.as_bytes();
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, b)| acc | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                let _ = out.write_char(ABC[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn write_project(dir: &Path) {
    std::fs::create_dir_all(dir).expect("mkdir project");
    std::fs::write(
        dir.join("go.mod"),
        format!("module example.com/app\n\ngo 1.27\n\nrequire (\n\t{PRIVATE_MODULE} v1.2.0\n\tgolang.org/x/text v0.15.0\n)\n"),
    )
    .expect("go.mod");
    std::fs::write(
        dir.join("main.go"),
        "package main\n\nimport (\n\t\"fmt\"\n\n\t\"corp.example.com/greet\"\n\t\"golang.org/x/text\"\n)\n\n\
         func main() {\n\tfmt.Println(\"hello from app:\", greet.Version, text.Version)\n}\n",
    )
    .expect("main.go");
}

fn assert_built(report: &TestBuildReport, lines: &[String]) {
    assert_eq!(
        report.status,
        TestBuildStatus::Built,
        "{:?}\n{}\n{}",
        report.engine,
        report.command,
        lines.join("\n")
    );
}

#[test]
#[ignore = "needs a Docker engine of its own: scripts/docker-tests.sh"]
fn generated_dockerfile_builds_private_modules_and_reuses_the_module_cache() {
    let world = World::new();
    let (dockerfile, go_version) = world.dockerfile();
    world.tag_base_image(&go_version);
    world.engine.docker_ok(&["builder", "prune", "-af"]);

    // 1. Cold: nothing cached.
    let before = world.module_requests();
    let started = Instant::now();
    let (cold, lines) = world.build(&world.request(&dockerfile, "gpa-test/app:1"));
    let cold_ms = started.elapsed().as_millis();
    assert_built(&cold, &lines);
    let cold_requests = world.module_requests() - before;
    let private_zip = world
        .mirror
        .requests()
        .into_iter()
        .find(|r| r.path.ends_with("/corp.example.com/greet/@v/v1.2.0.zip"))
        .expect("the private module's zip was fetched from the simulator");
    assert_eq!(private_zip.status, 200);
    assert_eq!(private_zip.auth_scheme.as_deref(), Some("Basic"));
    assert!(cold.secret_hosts.len() == 1 && cold.command.contains("--secret id=netrc,src="));
    assert!(!cold.command.contains(&world.token));
    assert!(lines.iter().all(|l| !l.contains(&world.token)));
    assert_eq!(cold.steps_done, cold.steps_total, "{cold:?}");

    let run = world
        .engine
        .docker_ok(&["run", "--rm", "--network=none", "gpa-test/app:1"]);
    assert_eq!(
        String::from_utf8_lossy(&run).trim(),
        "hello from app: v1.2.0 v0.15.0"
    );

    // 2. Warm: the download step runs again (a changed build arg it uses invalidates it; the
    //    daemon's BuildKit drops cache mounts on --no-cache), the module cache mount is still there.
    let before = world.module_requests();
    let mut again = world.request(&dockerfile, "gpa-test/app:2");
    again.build_args = vec!["GONOSUMDB=corp.example.com,example.invalid".into()];
    let started = Instant::now();
    let (warm, lines) = world.build(&again);
    let warm_ms = started.elapsed().as_millis();
    assert_built(&warm, &lines);
    let warm_requests = world.module_requests() - before;
    assert!(
        lines.iter().any(|l| l.contains("go mod download"))
            && !lines
                .iter()
                .any(|l| l.contains("CACHED") && l.contains("go mod download")),
        "the download step ran again:\n{}",
        lines.join("\n")
    );
    assert_eq!(
        warm_requests,
        0,
        "the second build asked the simulator again: {:?}",
        &world.mirror.requests()[before..]
    );

    // 3. The builder stage too (a token leaked through ARG would show up only there).
    let mut builder = world.request(&dockerfile, "gpa-test/app:builder");
    builder.target = Some("build".into());
    let (stage, lines) = world.build(&builder);
    assert_built(&stage, &lines);
    let mut places = Vec::new();
    let mut scanned = 0;
    for image in ["gpa-test/app:1", "gpa-test/app:builder"] {
        let (found, bytes) = world.token_places(image, &world.token);
        places.extend(found);
        scanned += bytes;
    }
    assert!(places.is_empty(), "the token is in {places:?}");

    println!(
        "docker build: cold {cold_ms} ms ({cold_requests} requests to the simulator), warm (download step rerun) {warm_ms} ms ({warm_requests} requests)"
    );
    println!(
        "docker build: token found in {} places of the final image and the builder stage ({} MB scanned: docker save, history --no-trunc, image inspect)",
        places.len(),
        scanned / 1_000_000
    );
}

/// The scan finds a token that a careless Dockerfile leaks through ARG (so "not found" above means something).
#[test]
#[ignore = "needs a Docker engine of its own: scripts/docker-tests.sh"]
fn token_scan_finds_a_token_leaked_through_arg() {
    let world = World::new();
    let dir = world.sandbox.path().join("leaky");
    std::fs::create_dir_all(&dir).expect("mkdir");
    let leaked = unique_token();
    world.engine.build_fixture(
        &dir,
        &format!(
            "FROM {}\nARG NETRC_PASSWORD\nRUN echo \"machine h login u password $NETRC_PASSWORD\" > /root/.netrc && rm /root/.netrc\n",
            world.engine.base_image
        ),
        "gpa-test/leaky:1",
        &[&format!("NETRC_PASSWORD={leaked}")],
    );
    let (places, _) = world.token_places("gpa-test/leaky:1", &leaked);
    assert!(
        places.iter().any(|p| p.starts_with("docker history")),
        "{places:?}"
    );
    assert!(
        places.iter().any(|p| p.starts_with("docker save")),
        "{places:?}"
    );
    println!("docker build: a token leaked through ARG is found in {places:?}");
}

/// A wrong token: the build fails, the Doctor explains the log, the secret file is gone and the
/// token is in no line. Then a cancelled build: docker stops at once, the secret file is gone.
#[test]
#[ignore = "needs a Docker engine of its own: scripts/docker-tests.sh"]
fn failed_and_cancelled_builds_leave_no_secret_behind() {
    let world = World::new();
    let (dockerfile, go_version) = world.dockerfile();
    world.tag_base_image(&go_version);
    let scratch_dirs = || {
        let prefix = format!("goproxy-assistant-build-{}-", std::process::id());
        std::fs::read_dir(std::env::temp_dir())
            .map(|rd| {
                rd.filter_map(|e| e.ok())
                    .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
                    .count()
            })
            .unwrap_or(0)
    };

    // The simulator wants another password than the keychain holds.
    let wrong = World {
        keychain: Keychain::mock(),
        ..world
    };
    let host_port = format!("127.0.0.1:{}", wrong.mirror.addr().port());
    set_token(
        &Context::new(wrong.env.clone()),
        &wrong.keychain,
        &History::open(&wrong.env).expect("history"),
        &TokenRequest {
            host: host_port,
            user: Some(USER.into()),
            scheme: AuthScheme::Basic,
            netrc: false,
        },
        &Secret::new("wrong-token-value"),
    )
    .expect("store");
    let mut request = wrong.request(&dockerfile, "gpa-test/app:fail");
    request.no_cache = true;
    // A fresh cache id makes the download really ask the simulator.
    request.dockerfile = request.dockerfile.replace(
        "type=cache,target=/go/pkg/mod",
        "type=cache,id=fail-modcache,target=/go/pkg/mod",
    );
    let (failed, lines) = wrong.build(&request);
    assert_eq!(
        failed.status,
        TestBuildStatus::Failed,
        "{}",
        lines.join("\n")
    );
    assert!(
        !failed.findings.is_empty(),
        "the Doctor explained nothing:\n{}",
        lines.join("\n")
    );
    let codes: Vec<&str> = failed.findings.iter().map(|f| f.code.as_str()).collect();
    println!("docker build: a wrong token fails with the Doctor's findings {codes:?}");
    assert!(lines
        .iter()
        .chain(&failed.log_tail)
        .all(|l| !l.contains("wrong-token-value")));
    assert_eq!(
        scratch_dirs(),
        0,
        "the secret's directory was removed after a failure"
    );

    // Cancel a build that is busy in a RUN step.
    let slow = format!(
        "FROM golang:{go_version}-bookworm\nRUN --mount=type=secret,id=netrc,target=/root/.netrc sleep 60\n"
    );
    let mut request = wrong.request(&slow, "gpa-test/slow:1");
    request.no_cache = true;
    let cancel = AtomicBool::new(false);
    let started = Instant::now();
    let report = build::test_build(&wrong.env, &wrong.keychain, &request, &cancel, &|p| {
        if p.line.contains("sleep 60") {
            assert_eq!(
                scratch_dirs(),
                1,
                "the secret file exists while the build runs"
            );
            cancel.store(true, Ordering::Relaxed);
        }
    })
    .expect("cancelled build");
    assert_eq!(
        report.status,
        TestBuildStatus::Cancelled,
        "{:?}",
        report.log_tail
    );
    assert!(
        started.elapsed().as_secs() < 30,
        "cancel took {:?}",
        started.elapsed()
    );
    assert_eq!(
        scratch_dirs(),
        0,
        "the secret's directory was removed after a cancel"
    );
}
