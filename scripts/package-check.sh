#!/usr/bin/env bash
# Inspects the .deb and .rpm that `make package` built: package fields, the files they install,
# the desktop entry's URL scheme, and that the unpacked binaries run (`--version`, `detect`).
# Then installs the .deb on this machine (`dpkg -i`, as root), starts the installed app under
# Xvfb through tauri-driver until it shows the Overview, runs the installed CLI, asks xdg-mime
# for the goproxy-assistant:// handler, removes the package (`dpkg -r`) and checks that none of
# its files is left. Everything else runs with a scratch HOME.
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
# Paths as ./path without a trailing slash (names may hold spaces; tar may omit the ./).
listing=$(dpkg-deb -c "$deb" | sed -E 's/^([^ ]+ +){5}//; s|^\./||; s|^|./|; s|/$||')
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

# --- installed: dpkg -i, the app reaches the Overview, CLI, URL scheme, dpkg -r -----------------
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi; }
pkg=$(field Package)
if dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed"; then
  fail "$pkg is already installed on this machine: remove it first (this check installs and removes it)"
fi
# Which of the package's directories exist before, so removal is checked against them.
# shellcheck disable=SC2001 # only the leading ./ of each line
mapfile -t listed < <(sed -e 's|^\./|/|' <<<"$listing" | grep -v '^[./]*$')
preexisting="$scratch/preexisting"
for path in "${listed[@]}"; do [ -e "$path" ] && echo "$path"; done >"$preexisting"
installed=0
remove_package() { [ "$installed" = 1 ] && as_root dpkg -r "$pkg" >/dev/null 2>&1; installed=0; }
trap 'remove_package; rm -rf "$scratch"' EXIT
as_root dpkg -i "$deb" >"$scratch/dpkg-i.log" 2>&1 || { cat "$scratch/dpkg-i.log" >&2; fail "dpkg -i $deb"; }
installed=1
dpkg -L "$pkg" >"$scratch/dpkg-L"
ok "dpkg -i: $pkg installed ($(wc -l <"$scratch/dpkg-L") paths)"

installed_run() { # command... in the scratch HOME with only the system's PATH
  env -i PATH=/usr/bin:/bin HOME="$scratch/home" XDG_CONFIG_HOME="$scratch/home/.config" \
    XDG_DATA_HOME="$scratch/home/.local/share" XDG_CACHE_HOME="$scratch/home/.cache" \
    GOENV="$scratch/home/go-env" NETRC="$scratch/home/.netrc" "$@"
}
[ "$(installed_run sh -c 'command -v goproxy-assistant')" = /usr/bin/goproxy-assistant ] ||
  fail "goproxy-assistant on PATH is not /usr/bin/goproxy-assistant"
installed_run goproxy-assistant detect --json | grep -q '"settings"' || fail "installed CLI: detect --json"
ok "installed CLI on PATH runs detect"

handler=$(installed_run xdg-mime query default x-scheme-handler/goproxy-assistant) ||
  fail "xdg-mime query failed (install xdg-utils and desktop-file-utils: scripts/setup.sh package)"
[ "$handler" = "$(basename "$desktop")" ] ||
  fail "xdg-mime names '$handler' for x-scheme-handler/goproxy-assistant, want $(basename "$desktop")"
ok "xdg-mime: x-scheme-handler/goproxy-assistant -> $handler"

# The installed app, driven like the e2e tests: it must paint the Overview and finish detecting.
startup=$(cargo build --quiet -p e2e-tests --bin startup --message-format=json 2>/dev/null |
  sed -n 's/.*"executable":"\([^"]*startup\)".*/\1/p' | tail -n1)
[ -x "$startup" ] || fail "cannot build the startup driver (cargo build -p e2e-tests --bin startup)"
eval "$(scripts/toolchains.sh)"
export TAURI_DRIVER="${TAURI_DRIVER:-$PWD/.tools/bin/tauri-driver}"
if ! xvfb-run -a -s "-screen 0 1280x800x24" env -u WAYLAND_DISPLAY dbus-run-session -- \
  "$startup" --app /usr/bin/goproxy-assistant-app --runs 1 --label installed >"$scratch/startup.log" 2>&1; then
  cat "$scratch/startup.log" >&2
  fail "the installed app did not reach the Overview"
fi
ok "installed app under Xvfb reached the Overview: $(grep -o 'first painted.*' "$scratch/startup.log")"

as_root dpkg -r "$pkg" >"$scratch/dpkg-r.log" 2>&1 || { cat "$scratch/dpkg-r.log" >&2; fail "dpkg -r $pkg"; }
installed=0
left=()
while read -r path; do
  [ "$path" = /. ] && continue
  [ -e "$path" ] || [ -L "$path" ] || continue
  # A directory that was there before (such as /usr/bin) is not ours to remove.
  [ -d "$path" ] && grep -qxF "$path" "$preexisting" && continue
  left+=("$path")
done <"$scratch/dpkg-L"
[ ${#left[@]} = 0 ] || fail "dpkg -r left behind: ${left[*]}"
ok "dpkg -r removed every file and directory of $pkg"

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
