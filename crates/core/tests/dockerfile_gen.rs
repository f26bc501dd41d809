//! The Dockerfile generator over its option matrix against golden files (UPDATE_GOLDEN=1
//! rewrites them; tests/dockerfile/check_golden.py parses each with BuildKit's parser and runs
//! hadolint), bad input naming its field with nothing written, no token in any output, and
//! "Save into the project" through History: diff, backup, undo, refusals.

use goproxy_core::change::Summary;
use goproxy_core::dockerfile::{
    self, CommentLanguage, DockerfileOptions, FinalImage, Generated, GoSettings,
};
use goproxy_core::history::History;
use std::path::{Path, PathBuf};

const TOKEN: &str = "tok-SECRET-4242";

/// A module with two commands, go.sum and (optionally) vendor/.
fn sample_project(dir: &Path, vendor: bool, go_sum: bool) {
    let write = |rel: &str, text: &str| {
        let p = dir.join(rel);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, text).expect("write");
    };
    write(
        "go.mod",
        "module example.com/shop\n\ngo 1.24.0\n\ntoolchain go1.24.3\n\nrequire rsc.io/quote v1.5.2\n",
    );
    if go_sum {
        write(
            "go.sum",
            "rsc.io/quote v1.5.2 h1:w5fcysjrx7yqtD/aO+QwRjYZOKnaM9Uh2b40tElTs3Y=\n",
        );
    }
    write(
        "cmd/api/main.go",
        "// Command api serves the shop.\npackage main\n\nfunc main() {}\n",
    );
    write("cmd/worker/main.go", "package main\n\nfunc main() {}\n");
    write("internal/store/store.go", "package store\n");
    if vendor {
        write(
            "vendor/modules.txt",
            "# rsc.io/quote v1.5.2\n## explicit\nrsc.io/quote\n",
        );
    }
}

fn settings(goprivate: &str) -> GoSettings {
    GoSettings {
        goproxy: Some("https://goproxy.cn|https://proxy.golang.org,direct".into()),
        gosumdb: Some("sum.golang.google.cn".into()),
        goprivate: Some(goprivate.into()),
        gonoproxy: None,
        gonosumdb: None,
    }
}

/// The matrix: one case per option and the combinations that change the shape.
fn matrix() -> Vec<(&'static str, DockerfileOptions, bool, bool)> {
    let base = DockerfileOptions {
        settings: settings(""),
        ..Default::default()
    };
    let private = settings("git.corp.example.com/*,github.com/acme");
    vec![
        ("default", base.clone(), false, true),
        (
            "private",
            DockerfileOptions {
                settings: private.clone(),
                port: Some(8080),
                ..base.clone()
            },
            false,
            true,
        ),
        (
            "platforms-scratch",
            DockerfileOptions {
                platforms: vec!["linux/amd64,linux/arm64".into(), "linux/arm/v7".into()],
                final_image: FinalImage::Scratch,
                port: Some(8080),
                ..base.clone()
            },
            false,
            true,
        ),
        (
            "single-platform-alpine",
            DockerfileOptions {
                platforms: vec!["linux/arm64".into()],
                final_image: FinalImage::Alpine,
                main: Some("cmd/worker".into()),
                ..base.clone()
            },
            false,
            true,
        ),
        (
            "cgo-native",
            DockerfileOptions {
                cgo: true,
                ..base.clone()
            },
            false,
            true,
        ),
        (
            "cgo-cross-xx",
            DockerfileOptions {
                cgo: true,
                platforms: vec!["linux/amd64".into(), "linux/arm64".into()],
                settings: private.clone(),
                ..base.clone()
            },
            false,
            true,
        ),
        (
            "cgo-cross-alpine",
            DockerfileOptions {
                cgo: true,
                platforms: vec!["linux/arm64".into()],
                final_image: FinalImage::Alpine,
                ..base.clone()
            },
            false,
            true,
        ),
        (
            "vendor-scratch",
            DockerfileOptions {
                vendor: Some(true),
                final_image: FinalImage::Scratch,
                ..base.clone()
            },
            true,
            true,
        ),
        (
            "ssh-ldflags",
            DockerfileOptions {
                ssh: true,
                ldflags: Some("-s -w -X main.version=1.2.3".into()),
                settings: private.clone(),
                ..base.clone()
            },
            false,
            true,
        ),
        (
            "ssh-public",
            DockerfileOptions {
                ssh: true,
                ..base.clone()
            },
            false,
            true,
        ),
        (
            "zh-cn-alpine-port",
            DockerfileOptions {
                final_image: FinalImage::Alpine,
                port: Some(443),
                language: CommentLanguage::ZhCn,
                settings: private,
                ..base.clone()
            },
            false,
            true,
        ),
        (
            "go-pinned-patch",
            DockerfileOptions {
                go: Some("1.26.1".into()),
                ..base.clone()
            },
            false,
            true,
        ),
        ("no-go-sum", base.clone(), false, false),
        (
            "credentials-sumdb-off",
            DockerfileOptions {
                settings: GoSettings {
                    goproxy: Some(format!(
                        "https://ci:{TOKEN}@goproxy.corp.example.com,direct"
                    )),
                    gosumdb: Some("off".into()),
                    goprivate: Some("corp.example.com".into()),
                    gonoproxy: Some("corp.example.com".into()),
                    gonosumdb: Some("corp.example.com,other.example.com".into()),
                },
                ..base
            },
            false,
            true,
        ),
    ]
}

fn no_effective(_: &str) -> Option<String> {
    None
}

fn generate(dir: &Path, options: &DockerfileOptions) -> goproxy_core::Result<Generated> {
    let project = dockerfile::inspect(dir)?;
    dockerfile::generate_for(dir, &project, options, &no_effective)
}

/// Golden file name for a generated path (flat, no leading dot).
fn golden_name(path: &str) -> &'static str {
    match path {
        "Dockerfile" => "Dockerfile",
        ".dockerignore" => "dockerignore",
        "compose.yaml" => "compose.yaml",
        ".github/workflows/docker.yml" => "github-workflow.yml",
        ".gitlab-ci.yml" => "gitlab-ci.yml",
        other => panic!("unexpected generated file {other}"),
    }
}

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/dockerfile_golden")
}

#[test]
fn option_matrix_matches_golden_files() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut mismatches = Vec::new();
    for (name, options, vendor, go_sum) in matrix() {
        let t = tempfile::tempdir().expect("tempdir");
        sample_project(t.path(), vendor, go_sum);
        let generated = generate(t.path(), &options).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        let mut outputs: Vec<(String, String)> = generated
            .files
            .iter()
            .map(|f| (golden_name(&f.path).to_string(), f.content.clone()))
            .collect();
        outputs.push((
            "build-command.txt".into(),
            format!("{}\n", generated.build_command),
        ));
        let warnings: Vec<String> = generated
            .warnings
            .iter()
            .map(|w| serde_json::to_string(w).expect("json"))
            .collect();
        outputs.push(("warnings.jsonl".into(), warnings.join("\n") + "\n"));
        for (file, content) in outputs {
            assert!(!content.contains(TOKEN), "{name}/{file} holds the token");
            let path = golden_dir().join(name).join(&file);
            if update {
                std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
                std::fs::write(&path, &content).expect("write golden");
            } else if std::fs::read_to_string(&path).ok().as_deref() != Some(content.as_str()) {
                mismatches.push(format!("{name}/{file}"));
            }
        }
        assert_eq!(
            std::fs::read_dir(t.path()).expect("ls").count(),
            3 + usize::from(vendor) + usize::from(go_sum),
            "{name}: generating wrote into the project"
        );
    }
    assert!(
        mismatches.is_empty(),
        "generated output differs from the golden files (UPDATE_GOLDEN=1 cargo test -p goproxy-core --test dockerfile_gen to accept): {mismatches:?}"
    );
}

#[test]
fn bad_input_names_the_field_and_writes_nothing() {
    let t = tempfile::tempdir().expect("tempdir");
    let empty = t.path().join("empty");
    std::fs::create_dir(&empty).expect("mkdir");
    let err = generate(&empty, &DockerfileOptions::default()).expect_err("no go.mod");
    assert_eq!(err.field.as_deref(), Some("dir"), "{err:?}");

    let broken = t.path().join("broken");
    std::fs::create_dir(&broken).expect("mkdir");
    std::fs::write(
        broken.join("go.mod"),
        "module example.com/x\ngo one-point-two\n",
    )
    .expect("w");
    let err = generate(&broken, &DockerfileOptions::default()).expect_err("bad go.mod");
    assert_eq!(err.field.as_deref(), Some("go.mod"), "{err:?}");

    let future = t.path().join("future");
    std::fs::create_dir(&future).expect("mkdir");
    std::fs::write(future.join("go.mod"), "module example.com/x\ngo 1.99\n").expect("w");
    let err = generate(&future, &DockerfileOptions::default()).expect_err("future go.mod");
    assert_eq!(err.field.as_deref(), Some("go.mod"), "{err:?}");

    let dir = t.path().join("ok");
    sample_project(&dir, false, true);
    let before = listing(&dir);
    let cases: Vec<(&str, DockerfileOptions)> = vec![
        (
            "go",
            DockerfileOptions {
                go: Some("1.99".into()),
                ..Default::default()
            },
        ),
        (
            "go",
            DockerfileOptions {
                go: Some("1.23".into()),
                ..Default::default()
            },
        ),
        (
            "platform",
            DockerfileOptions {
                platforms: vec!["linux/amd64/../x".into()],
                ..Default::default()
            },
        ),
        (
            "main",
            DockerfileOptions {
                main: Some("../other".into()),
                ..Default::default()
            },
        ),
        (
            "main",
            DockerfileOptions {
                main: Some("internal/store".into()),
                ..Default::default()
            },
        ),
        (
            "port",
            DockerfileOptions {
                port: Some(70000),
                ..Default::default()
            },
        ),
        (
            "port",
            DockerfileOptions {
                port: Some(0),
                ..Default::default()
            },
        ),
        (
            "vendor",
            DockerfileOptions {
                vendor: Some(true),
                ..Default::default()
            },
        ),
        (
            "ldflags",
            DockerfileOptions {
                ldflags: Some("-X 'a=b'".into()),
                ..Default::default()
            },
        ),
        (
            "GOPROXY",
            DockerfileOptions {
                settings: GoSettings {
                    goproxy: Some("https://a\"; rm -rf /".into()),
                    ..Default::default()
                },
                ..Default::default()
            },
        ),
        (
            "GOPRIVATE",
            DockerfileOptions {
                settings: GoSettings {
                    goprivate: Some("a.example/*\nRUN x".into()),
                    ..Default::default()
                },
                ..Default::default()
            },
        ),
    ];
    for (field, options) in cases {
        let err = generate(&dir, &options).expect_err(field);
        assert_eq!(err.field.as_deref(), Some(field), "{err:?}");
        assert!(!err.message.is_empty());
    }
    assert_eq!(listing(&dir), before, "nothing written");
}

fn listing(dir: &Path) -> Vec<PathBuf> {
    let mut all = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("ls").flatten() {
            if e.file_type().expect("type").is_dir() {
                stack.push(e.path());
            }
            all.push(e.path());
        }
    }
    all.sort();
    all
}

#[test]
fn save_shows_a_diff_keeps_a_backup_and_undoes() {
    let t = tempfile::tempdir().expect("tempdir");
    let dir = t.path().join("shop");
    sample_project(&dir, false, true);
    let old = "FROM golang:1.24\nRUN go build -o /app ./cmd/api\n";
    std::fs::write(dir.join("Dockerfile"), old).expect("old Dockerfile");
    let generated = generate(&dir, &DockerfileOptions::default()).expect("generate");
    let paths: Vec<String> = generated.files.iter().map(|f| f.path.clone()).collect();
    let plan = dockerfile::plan_save(&dir, &generated, &paths).expect("plan");
    let docker = &plan.diffs[0];
    assert!(docker.exists);
    assert!(
        docker.diff.contains("-FROM golang:1.24\n"),
        "{}",
        docker.diff
    );
    assert!(
        docker.diff.contains("+# syntax=docker/dockerfile:1\n"),
        "{}",
        docker.diff
    );
    assert!(!plan.diffs[1].exists);
    assert!(matches!(
        plan.change.summary,
        Summary::ProjectFilesSave { .. }
    ));

    let history = History::at(t.path().join("data"));
    let lock = history.lock().expect("lock");
    let applied = history.apply(&lock, plan.change).expect("apply");
    drop(lock);
    let id = applied.entry().expect("recorded").id.clone();
    for f in &generated.files {
        assert_eq!(
            std::fs::read_to_string(dir.join(&f.path)).expect("saved"),
            f.content
        );
    }
    history.undo(Some(&id)).expect("undo");
    assert_eq!(
        std::fs::read_to_string(dir.join("Dockerfile")).expect("restored"),
        old
    );
    assert!(
        !dir.join(".dockerignore").exists(),
        "a new file goes on undo"
    );
    assert!(!dir.join(".github/workflows/docker.yml").exists());
}

#[cfg(unix)]
#[test]
fn save_refuses_a_symlink_or_unwritable_dockerfile() {
    use std::os::unix::fs::PermissionsExt;
    let t = tempfile::tempdir().expect("tempdir");
    let dir = t.path().join("shop");
    sample_project(&dir, false, true);
    let generated = generate(&dir, &DockerfileOptions::default()).expect("generate");
    let elsewhere = t.path().join("elsewhere");
    std::fs::write(&elsewhere, "keep me\n").expect("w");
    std::os::unix::fs::symlink(&elsewhere, dir.join("Dockerfile")).expect("symlink");
    let err = dockerfile::plan_save(&dir, &generated, &["Dockerfile".into()]).expect_err("symlink");
    assert_eq!(err.field.as_deref(), Some("Dockerfile"), "{err:?}");
    assert!(err.message.contains("symbolic link"), "{}", err.message);
    assert_eq!(std::fs::read_to_string(&elsewhere).expect("r"), "keep me\n");

    std::fs::remove_file(dir.join("Dockerfile")).expect("rm");
    std::fs::write(dir.join("Dockerfile"), "FROM x\n").expect("w");
    std::fs::set_permissions(
        dir.join("Dockerfile"),
        std::fs::Permissions::from_mode(0o444),
    )
    .expect("chmod");
    let err = dockerfile::plan_save(&dir, &generated, &["Dockerfile".into()]).expect_err("ro");
    assert_eq!(err.field.as_deref(), Some("Dockerfile"), "{err:?}");
    assert!(err.message.contains("not writable"), "{}", err.message);

    let err = dockerfile::plan_save(&dir, &generated, &["../x".into()]).expect_err("unknown");
    assert_eq!(err.field.as_deref(), Some("files"));
}

#[test]
fn no_token_reaches_any_output() {
    // Credentials in every setting that takes a URL, and in the environment's GOPROXY.
    let t = tempfile::tempdir().expect("tempdir");
    sample_project(t.path(), false, true);
    let project = dockerfile::inspect(t.path()).expect("inspect");
    let effective = |key: &str| match key {
        "GOPROXY" => Some(format!(
            "https://user:{TOKEN}@proxy.corp.example.com|direct"
        )),
        "GOPRIVATE" => Some("corp.example.com".into()),
        _ => None,
    };
    for options in [
        DockerfileOptions::default(),
        DockerfileOptions {
            ssh: true,
            cgo: true,
            platforms: vec!["linux/arm64".into()],
            ..Default::default()
        },
    ] {
        let g = dockerfile::generate_for(t.path(), &project, &options, &effective).expect("gen");
        let all = serde_json::to_string(&g).expect("json");
        assert!(!all.contains(TOKEN), "token in the output");
        assert!(all.contains("proxy.corp.example.com"), "the proxy stays");
        assert!(g
            .warnings
            .iter()
            .any(|w| w.code == dockerfile::WarningCode::CredentialsRemoved));
    }
}
