#!/usr/bin/env bash
# make bench: start-up of the desktop app, release (what `make package` ships: the Tauri CLI's
# release build, LTO) next to debug (`make app`), median of RUNS starts each (default 10), under
# Xvfb and a private session bus like the e2e tests. The figures come from
# tests/e2e/src/bin/startup.rs: cold start to the first painted Overview and the app's RSS
# (WebKit's processes apart). Targets (issue 13): <= 1.0 s and <= 150 MiB for release.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export PATH="$root/.venv/bin:$root/.tools/bin:$PATH"
runs=${RUNS:-10}
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

step() { # name command...: output in a log, shown only on failure
  local name=$1
  shift
  "$@" >"$logs/$name.log" 2>&1 || { echo "bench startup: $name failed:" >&2; tail -n 80 "$logs/$name.log" >&2; exit 1; }
}
# A cold release build with LTO takes minutes on 2 cores; an unchanged tree reuses it.
step release node scripts/tauri-cli/node_modules/@tauri-apps/cli/tauri.js build --ci --no-bundle
step debug make --no-print-directory app
step driver cargo build --quiet -p e2e-tests --bin startup
eval "$(scripts/toolchains.sh)"
export TAURI_DRIVER="${TAURI_DRIVER:-$root/.tools/bin/tauri-driver}"
target="${CARGO_TARGET_DIR:-$root/target}"
for profile in release debug; do
  xvfb-run -a -s "-screen 0 1280x800x24" env -u WAYLAND_DISPLAY dbus-run-session -- \
    "$target/debug/startup" --app "$target/$profile/goproxy-assistant-app" --runs "$runs" --label "$profile" \
    2>"$logs/startup-$profile.log" | grep '^bench startup' || { tail -n 40 "$logs/startup-$profile.log" >&2; exit 1; }
done
for profile in release debug; do
  bin="$target/$profile/goproxy-assistant-app"
  echo "bench startup: $profile binary $(( $(stat -c %s "$bin") / 1048576 )) MiB"
done
