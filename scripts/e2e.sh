#!/usr/bin/env bash
# End-to-end tests: builds the UI and the app with the UI embedded (what `tauri build --debug
# --no-bundle` makes), then drives the real window through tauri-driver under Xvfb and a private
# D-Bus session. Quiet on success apart from the test summary and the figures; on failure it
# prints the log of the step that failed and exits non-zero. Arguments go to `cargo test`
# (e.g. `scripts/e2e.sh --test a11y` runs one test file); E2E_VERBOSE=1 shows the whole log;
# E2E_IGNORED=1 runs the ignored tests (the guide's screenshots) instead.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# Node.js and tauri-driver may live in the project's own tool dirs (scripts/setup.sh).
export PATH="$root/.venv/bin:$root/.tools/bin:$PATH"
target="${CARGO_TARGET_DIR:-$root/target}"
logs="$(mktemp -d)"
# The document portal may still be unmounting its FUSE dir under the bus HOME: retry briefly.
cleanup() { for _ in 1 2 3 4 5; do rm -rf "$logs" 2>/dev/null && return; sleep 1; done; }
trap cleanup EXIT

# Runs a build step with its output in a log, shown only if the step fails.
step() {
  local name=$1
  shift
  if ! "$@" >"$logs/$name.log" 2>&1; then
    echo "e2e: $name failed ($*):" >&2
    tail -n 200 "$logs/$name.log" >&2
    exit 1
  fi
}

[ -d ui/node_modules ] || step npm-ci npm --prefix ui ci --no-audit --no-fund
step ui-build npm --prefix ui run build
# REMOVE_UNUSED_COMMANDS is what the Tauri CLI sets for `build.removeUnusedCommands`: commands no
# capability allows are compiled out, so the test sees the ACL a release build ships.
step app-build env REMOVE_UNUSED_COMMANDS="$root/src-tauri" \
  cargo build -p goproxy-assistant-app --features custom-protocol
step test-build cargo test -p e2e-tests --no-run

eval "$(scripts/toolchains.sh)"
export E2E_REQUIRE=1
export E2E_APP="$target/debug/goproxy-assistant-app"
export TAURI_DRIVER="${TAURI_DRIVER:-$root/.tools/bin/tauri-driver}"
if [ ! -x "$TAURI_DRIVER" ]; then
  echo "e2e: tauri-driver not found at $TAURI_DRIVER (install it with scripts/setup.sh test)" >&2
  exit 1
fi

for tool in dbus-run-session gnome-keyring-daemon xvfb-run; do
  command -v "$tool" >/dev/null || { echo "e2e: $tool is missing; run scripts/setup.sh test" >&2; exit 1; }
done

# The session bus, and what it starts on demand (portals, keyring), get the display and a scratch
# HOME, so nothing lands in the real one; cargo gets the real HOME back. Each test then makes its
# own sandbox HOME for the app. A scratch login keyring is created and unlocked in that session
# (gnome-keyring's Secret Service), so the app stores tokens in a real keychain, never the user's.
bus_home="$logs/bus-home"
mkdir -p "$bus_home/runtime"
chmod 700 "$bus_home/runtime"
# No WAYLAND_DISPLAY: the window must open on Xvfb, not on the developer's desktop.
if xvfb-run -a -s "-screen 0 1280x800x24" \
  env -u WAYLAND_DISPLAY HOME="$bus_home" XDG_CONFIG_HOME="$bus_home/.config" XDG_DATA_HOME="$bus_home/.local/share" \
  XDG_CACHE_HOME="$bus_home/.cache" XDG_RUNTIME_DIR="$bus_home/runtime" dbus-run-session -- \
  bash -c 'printf %s e2e-keyring-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null &&
    exec env HOME="$0" cargo test -p e2e-tests "$@" -- --test-threads=1 --nocapture ${E2E_IGNORED:+--ignored}' "$HOME" "$@" >"$logs/test.log" 2>&1; then
  if [ "${E2E_VERBOSE:-}" = 1 ]; then cat "$logs/test.log"; fi
  grep -o -E 'e2e: [a-z_]*_ms=.*|team wizard: .*' "$logs/test.log" || true
  grep -E '^test result: ok\. [1-9]' "$logs/test.log"
else
  echo "e2e: tests failed:" >&2
  # Drop the chatter of the desktop services the session bus starts; keep everything else.
  sed -E 's/dbus-daemon\[[0-9]+\]: .*//' "$logs/test.log" |
    grep -v -E '^$|xdg-desktop-portal|pw\.conf|GNOME_KEYRING_CONTROL|SpiRegistry|Ignoring invalid max threads' >&2
  exit 1
fi
