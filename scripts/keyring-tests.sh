#!/usr/bin/env bash
# Real-component tests for private modules: a real gnome-keyring (Secret Service) in a private
# D-Bus session, the real go1.27 (GOAUTH) and go1.19 (.netrc), git over git http-backend, all on
# 127.0.0.1. The tests are #[ignore]d in plain `cargo test`; here GOPROXY_ASSISTANT_REAL_KEYRING=1
# makes them required (they fail instead of skipping when a component is missing).
# Quiet on success except the test summary. Usage: scripts/keyring-tests.sh [extra cargo test args]
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in dbus-run-session gnome-keyring-daemon git; do
  command -v "$tool" >/dev/null || { echo "keyring tests: $tool is missing; run scripts/setup.sh test" >&2; exit 1; }
done
eval "$(scripts/toolchains.sh)"
export RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}" CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
# Build first, with the real HOME, so the scratch HOME below changes nothing for cargo.
if ! cargo test --quiet -p goproxy-assistant-cli --test private_real --no-run >"$scratch/build.log" 2>&1; then
  cat "$scratch/build.log"; exit 1
fi
mkdir -p "$scratch/home" "$scratch/config" "$scratch/data" "$scratch/cache" "$scratch/runtime"
chmod 700 "$scratch/runtime"
# The daemon's own HOME/XDG dirs (its keyrings live there); the tests give the CLI, go and git
# their own scratch homes and pass only DBUS_SESSION_BUS_ADDRESS through.
export HOME="$scratch/home" XDG_CONFIG_HOME="$scratch/config" XDG_DATA_HOME="$scratch/data" \
  XDG_CACHE_HOME="$scratch/cache" XDG_RUNTIME_DIR="$scratch/runtime"
export GOPROXY_ASSISTANT_REAL_KEYRING=1
# No display: an unlock prompt must fail at once, never pop up on the developer's desktop.
unset DISPLAY WAYLAND_DISPLAY
# Full test path (module::name): --exact in phase 2 needs it; --skip in phase 1 matches it too.
locked=locked::locked_keyring_is_a_clear_error_and_writes_nothing
log="$scratch/test.log"
set +e
# 1. An unlocked login keyring. The password must not be empty: with an empty one on a fresh HOME
#    gnome-keyring creates no login keyring, tries a GUI prompt and every client call fails.
dbus-run-session -- bash -c '
  set -euo pipefail
  printf %s "keyring-tests-password" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  cargo test --quiet -p goproxy-assistant-cli --test private_real -- --ignored --nocapture --test-threads=2 --skip "$0" "$@"
' "$locked" "$@" >"$log" 2>&1
rc=$?
# 2. The same keyring locked: D-Bus activation starts the daemon, nobody unlocks it.
if [ $rc -eq 0 ]; then
  GOPROXY_ASSISTANT_KEYRING_LOCKED=1 dbus-run-session -- \
    cargo test --quiet -p goproxy-assistant-cli --test private_real -- --ignored --exact "$locked" \
    >>"$log" 2>&1
  rc=$?
fi
set -e
if [ $rc -ne 0 ]; then
  cat "$log"
  echo "keyring tests FAILED" >&2
  exit $rc
fi
grep -oE '(test result:|journal: ).*' "$log"
