//! `make bench`: how long generating the Dockerfile and the files beside it takes, over the
//! whole option matrix (final image × CGO × platforms × vendor × SSH × private settings × comment
//! language = 288 combinations) for a sample module on disk. Two figures: `generate_for` on an
//! inspected project (what every option change on the Docker page costs) and `inspect` +
//! `generate_for` (reading go.mod, cmd/* and vendor/ each time, as the CLI does). Every
//! combination must generate; it asserts nothing else.

use goproxy_core::dockerfile::{self, CommentLanguage, DockerfileOptions, FinalImage, GoSettings};
use std::path::Path;
use std::time::Instant;

const RUNS: usize = 5;

/// A module with two commands, go.sum and vendor/ (vendor mode is an option, not a default).
fn sample_project(dir: &Path) {
    let write = |rel: &str, text: &str| {
        let p = dir.join(rel);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, text).expect("write");
    };
    write(
        "go.mod",
        "module example.com/shop\n\ngo 1.24.0\n\ntoolchain go1.24.3\n\nrequire rsc.io/quote v1.5.2\n",
    );
    write(
        "go.sum",
        "rsc.io/quote v1.5.2 h1:w5fcysjrx7yqtD/aO+QwRjYZOKnaM9Uh2b40tElTs3Y=\n",
    );
    write("cmd/api/main.go", "package main\n\nfunc main() {}\n");
    write("cmd/worker/main.go", "package main\n\nfunc main() {}\n");
    write("internal/store/store.go", "package store\n");
    write(
        "vendor/modules.txt",
        "# rsc.io/quote v1.5.2\n## explicit\nrsc.io/quote\n",
    );
}

fn matrix() -> Vec<DockerfileOptions> {
    let platform_sets: [&[&str]; 3] = [&[], &["linux/arm64"], &["linux/amd64", "linux/arm/v7"]];
    let mut out = Vec::new();
    for final_image in [
        FinalImage::Distroless,
        FinalImage::Scratch,
        FinalImage::Alpine,
    ] {
        for cgo in [false, true] {
            for platforms in platform_sets {
                for vendor in [false, true] {
                    for ssh in [false, true] {
                        for goprivate in ["", "git.corp.example.com/*,github.com/acme"] {
                            for language in [CommentLanguage::En, CommentLanguage::ZhCn] {
                                out.push(DockerfileOptions {
                                    cgo,
                                    platforms: platforms.iter().map(|p| p.to_string()).collect(),
                                    final_image,
                                    vendor: Some(vendor),
                                    main: Some("./cmd/api".into()),
                                    port: Some(8080),
                                    ssh,
                                    settings: GoSettings {
                                        goproxy: Some(
                                            "https://goproxy.cn|https://proxy.golang.org,direct"
                                                .into(),
                                        ),
                                        gosumdb: Some("sum.golang.google.cn".into()),
                                        goprivate: Some(goprivate.into()),
                                        gonoproxy: None,
                                        gonosumdb: None,
                                    },
                                    language,
                                    ..DockerfileOptions::default()
                                });
                            }
                        }
                    }
                }
            }
        }
    }
    out
}

/// Median seconds of `RUNS` passes of `pass` over the matrix; `pass` returns the bytes generated.
fn median(mut pass: impl FnMut() -> usize) -> (f64, usize) {
    let mut secs = Vec::new();
    let mut bytes = 0;
    for _ in 0..RUNS {
        let start = Instant::now();
        bytes = pass();
        secs.push(start.elapsed().as_secs_f64());
    }
    secs.sort_by(f64::total_cmp);
    (secs[RUNS / 2], bytes)
}

fn main() {
    let dir = tempfile::tempdir().expect("tempdir");
    sample_project(dir.path());
    let matrix = matrix();
    let effective = |_: &str| None;
    let total = |g: dockerfile::Generated| g.files.iter().map(|f| f.content.len()).sum::<usize>();

    let project = dockerfile::inspect(dir.path()).expect("inspect");
    let (generate_only, bytes) = median(|| {
        matrix
            .iter()
            .map(|o| {
                total(
                    dockerfile::generate_for(dir.path(), &project, o, &effective)
                        .expect("generate"),
                )
            })
            .sum()
    });
    let (with_inspect, _) = median(|| {
        matrix
            .iter()
            .map(|o| {
                let project = dockerfile::inspect(dir.path()).expect("inspect");
                total(
                    dockerfile::generate_for(dir.path(), &project, o, &effective)
                        .expect("generate"),
                )
            })
            .sum()
    });
    let n = matrix.len() as f64;
    println!(
        "dockerfile_gen: {} combinations, 5 files each ({} KB): generate {:.1} ms for the matrix ({:.0} µs each); inspect + generate {:.1} ms ({:.0} µs each); median of {RUNS} runs",
        matrix.len(),
        bytes / 1024,
        generate_only * 1000.0,
        generate_only * 1e6 / n,
        with_inspect * 1000.0,
        with_inspect * 1e6 / n,
    );
}
