//! Running the CLI binary inside a test sandbox and reading its `--json` output.

#![allow(dead_code)] // each test file uses a different subset

use go_integration_tests::Sandbox;
use serde_json::Value;
use std::path::Path;
use std::process::Output;

/// The `goproxy-assistant` binary under test.
pub fn cli_path() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_goproxy-assistant"))
}

/// Runs the CLI with `args`, seeing only the sandbox environment.
pub fn cli(sb: &Sandbox, args: &[&str]) -> Output {
    sb.command(cli_path()).args(args).output().expect("run cli")
}

/// Status and both streams, for assertion messages.
pub fn text(out: &Output) -> String {
    format!(
        "status {:?}\nstdout: {}\nstderr: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// stdout as one JSON document; panics with everything printed when it is not.
pub fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not one JSON document ({e}): {}", text(out)))
}
