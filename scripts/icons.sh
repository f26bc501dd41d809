#!/usr/bin/env bash
# Regenerates every bundle icon in icons/ from icons/icon.svg (the only hand-made file there).
# Needs Node.js/npm; the Tauri CLI is fetched from the npm registry by npx.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if ! npx --yes @tauri-apps/cli@2 icon icons/icon.svg -o icons >"$log" 2>&1; then
  cat "$log" >&2
  exit 1
fi
# Desktop-only app: drop the Android and iOS sets the CLI always writes.
rm -rf icons/android icons/ios
echo "icons regenerated from icons/icon.svg"
