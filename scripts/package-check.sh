#!/usr/bin/env bash
# Inspects the .deb and .rpm that `make package` built: package fields, the files they install,
# the desktop entry's URL scheme, and that the unpacked binaries run (`--version`, `detect`).
# Runs in a scratch directory with its own HOME; installs nothing on this machine.
set -euo pipefail
cd "$(dirname "$0")/.."
fail() { printf 'package-check: FAIL: %s\n' "$*" >&2; exit 1; }
ok() { printf 'package-check: ok: %s\n' "$*"; }

version=$(sed -n '/^\[workspace.package\]/,/^\[/s/^version = "\(.*\)"/\1/p' Cargo.toml)
[ -n "$version" ] || fail "no workspace version in Cargo.toml"
deb=$(compgen -G "target/release/bundle/deb/*_${version}_*.deb" | head -n1) ||
  fail "no .deb for version $version under target/release/bundle/deb (run make package)"
rpm=$(compgen -G "target/release/bundle/rpm/*-${version}-*.rpm" | head -n1) ||
  fail "no .rpm for version $version under target/release/bundle/rpm (run make package)"

# --- control fields -----------------------------------------------------------------------------
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Version)" = "$version" ] || fail "deb Version is '$(field Version)', want $version"
field Recommends | grep -qw fonts-noto-cjk || fail "deb does not recommend fonts-noto-cjk"
field Depends | grep -q libwebkit2gtk-4.1 || fail "deb does not depend on libwebkit2gtk-4.1"
ok "deb $(field Package) $version: Depends on WebKitGTK 4.1, Recommends $(field Recommends)"

# --- files --------------------------------------------------------------------------------------
listing=$(dpkg-deb -c "$deb" | awk '{print $NF}')
for want in ./usr/bin/goproxy-assistant-app ./usr/bin/goproxy-assistant; do
  grep -qx "$want" <<<"$listing" || fail "deb lacks $want"
done
desktop=$(grep -E '^\./usr/share/applications/.+\.desktop$' <<<"$listing" | head -n1) ||
  fail "deb has no desktop entry"
icons=$(grep -cE '^\./usr/share/icons/hicolor/[0-9x@]+/apps/.+\.png$' <<<"$listing") || true
[ "$icons" -ge 2 ] || fail "deb has $icons hicolor icons, want at least 2"
ok "deb installs both binaries, $desktop and $icons icons"

# --- unpacked: desktop entry and binaries -------------------------------------------------------
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
dpkg-deb -x "$deb" "$scratch/root"
entry="$scratch/root/${desktop#./}"
grep -qx 'MimeType=x-scheme-handler/goproxy-assistant;\{0,1\}' "$entry" ||
  fail "$desktop does not register x-scheme-handler/goproxy-assistant: $(grep MimeType "$entry" || echo no MimeType)"
grep -Eq '^Exec=goproxy-assistant-app( %[uU])?$' "$entry" || fail "unexpected Exec line: $(grep ^Exec "$entry")"
ok "desktop entry: $(grep ^MimeType "$entry"), $(grep ^Exec "$entry")"

mkdir -p "$scratch/home"
run() {
  env -i PATH="$scratch/root/usr/bin:/usr/bin:/bin" HOME="$scratch/home" \
    XDG_CONFIG_HOME="$scratch/home/.config" XDG_DATA_HOME="$scratch/home/.local/share" \
    XDG_CACHE_HOME="$scratch/home/.cache" GOENV="$scratch/home/go-env" NETRC="$scratch/home/.netrc" "$@"
}
[ "$(run goproxy-assistant --version)" = "goproxy-assistant $version" ] ||
  fail "goproxy-assistant --version printed '$(run goproxy-assistant --version)'"
[ "$(run goproxy-assistant-app --version)" = "goproxy-assistant-app $version" ] ||
  fail "goproxy-assistant-app --version printed '$(run goproxy-assistant-app --version)'"
ok "installed binaries print version $version"
run goproxy-assistant detect --json | grep -q '"settings"' || fail "installed CLI: detect --json has no settings"
ok "installed CLI runs detect"

# --- single instance: a second launch with a link hands it over and exits ----------------------
if command -v xvfb-run >/dev/null && command -v dbus-run-session >/dev/null; then
  link='goproxy-assistant://bundle?url=https%3A%2F%2Fbundles.example.test%2Fteam.toml'
  # shellcheck disable=SC2016 # expanded by the inner shell
  run xvfb-run -a dbus-run-session -- bash -c '
    goproxy-assistant-app >/dev/null 2>&1 & first=$!
    sleep 4
    kill -0 "$first" 2>/dev/null || { echo "the app did not start"; exit 1; }
    timeout 15 goproxy-assistant-app "$0" >/dev/null 2>&1; second=$?
    kill -0 "$first" 2>/dev/null || { echo "the first app died"; exit 1; }
    kill "$first"
    [ "$second" = 0 ] || { echo "the second launch did not hand over its link (status $second)"; exit 1; }
  ' "$link" || fail "single instance"
  ok "a second launch with a link hands it to the running app and exits"
fi

# --- rpm ----------------------------------------------------------------------------------------
if command -v rpm >/dev/null; then
  rpm_files=$(rpm -qpl "$rpm" 2>/dev/null)
  for want in /usr/bin/goproxy-assistant-app /usr/bin/goproxy-assistant; do
    grep -qx "$want" <<<"$rpm_files" || fail "rpm lacks $want"
  done
  ok "rpm installs both binaries"
fi

printf 'package-check: sizes: %s %s KiB, %s %s KiB\n' \
  "$(basename "$deb")" $(($(stat -c %s "$deb") / 1024)) "$(basename "$rpm")" $(($(stat -c %s "$rpm") / 1024))
echo "package-check: all checks passed"
