#!/usr/bin/env bash
# Times `private list --json` and `token status --json` with many hosts in hosts.toml (1,000 and
# 20,000 by default), in a scratch HOME with a git config of a few helpers and rewrites: first
# with no Secret Service reachable (no D-Bus session), then against a real unlocked
# gnome-keyring in a private D-Bus session holding tokens for some of the hosts.
# Usage: scripts/bench-private.sh  (HOSTS="1000 20000", CLI=target/release/goproxy-assistant)
set -euo pipefail
cd "$(dirname "$0")/.."
cli=$(realpath "${CLI:-target/release/goproxy-assistant}")
go=${GOPROXY_ASSISTANT_GO127:?run through make bench}
counts=${HOSTS:-1000 20000}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/bin"
ln -s "$go" "$scratch/bin/go"

make_home() { # dir hosts
  local home=$1 n=$2
  mkdir -p "$home/.config/go" "$home/.config/goproxy-assistant"
  printf 'GOPRIVATE=*.corp.example\nGOPROXY=https://goproxy.corp.example,direct\n' >"$home/.config/go/env"
  cat >"$home/.gitconfig" <<GIT
[credential]
	helper = cache
[credential "https://*.corp.example"]
	helper = $cli git-credential
[url "git@h7.corp.example:"]
	insteadOf = https://h7.corp.example/
GIT
  awk -v n="$n" 'BEGIN {
    print "# Hosts with credentials (GoProxy Assistant). Tokens are in the OS keychain, not here."
    for (i = 1; i <= n; i++) {
      port = (i % 10 == 0) ? ":8443" : ""
      printf "[[host]]\nprefix = \"h%d.corp.example%s\"\nuser = \"token\"\nscheme = \"basic\"\nnetrc = false\ntoken_set_ms = %d\n\n", i, port, i
    }
  }' >"$home/.config/goproxy-assistant/hosts.toml"
}

seconds() { # command... (stdout checked to be JSON with the expected host count)
  local t0 t1 out
  t0=$(date +%s%N)
  out=$("$@" 2>/dev/null) || true
  t1=$(date +%s%N)
  printf '%s' "$out" | python3 -c '
import json, sys
d = json.load(sys.stdin)
h = d["hosts"] if isinstance(d, dict) else d
print("%d hosts, %d with a stored token" % (len(h), sum(1 for x in h if x.get("stored"))))
' >"$scratch/count" 2>/dev/null || echo "not JSON" >"$scratch/count"
  awk -v ns=$((t1 - t0)) 'BEGIN {printf "%.2f", ns / 1e9}'
}

run_all() { # label, then the env prefix for the CLI
  local label=$1; shift
  for n in $counts; do
    local home="$scratch/home-$n"
    [ -d "$home" ] || make_home "$home" "$n"
    local envs=(env -i HOME="$home" PATH="$scratch/bin:/usr/bin:/bin" GOTELEMETRY=off GIT_CONFIG_NOSYSTEM=1 "$@")
    local list status
    list=$(seconds "${envs[@]}" "$cli" private list --json); local c1; c1=$(cat "$scratch/count")
    status=$(seconds "${envs[@]}" "$cli" token status --json); local c2; c2=$(cat "$scratch/count")
    echo "bench private ($label): $n hosts: private list --json ${list} s ($c1); token status --json ${status} s ($c2)"
    local want="$n hosts, ${EXPECT_STORED:-0} with a stored token"
    if [ "$c1" != "$want" ] || [ "$c2" != "$want" ]; then
      echo "bench private: expected $want" >&2
      exit 1
    fi
  done
}

run_all "no Secret Service"
if command -v dbus-run-session >/dev/null && command -v gnome-keyring-daemon >/dev/null; then
  export -f run_all make_home seconds
  export cli scratch counts
  mkdir -p "$scratch/kr/home" "$scratch/kr/runtime"
  chmod 700 "$scratch/kr/runtime"
  HOME="$scratch/kr/home" XDG_RUNTIME_DIR="$scratch/kr/runtime" dbus-run-session -- bash -c '
    set -euo pipefail
    printf %s bench-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    # Tokens for the first 100 hosts, the rest have none.
    home="$scratch/home-tokens"; make_home "$home" 100
    for i in $(seq 1 100); do
      host=h$i.corp.example; [ $((i % 10)) = 0 ] && host=$host:8443
      printf bench-token-%s "$i" | env -i HOME="$home" PATH=/usr/bin:/bin DBUS_SESSION_BUS_ADDRESS="$DBUS_SESSION_BUS_ADDRESS" \
        "$cli" token set "$host" >/dev/null
    done
    for n in $counts; do mkdir -p "$scratch/home-$n/.config/goproxy-assistant"; done
    EXPECT_STORED=100 run_all "gnome-keyring, 100 tokens stored" DBUS_SESSION_BUS_ADDRESS="$DBUS_SESSION_BUS_ADDRESS"
  ' 2>"$scratch/dbus.log" || { cat "$scratch/dbus.log" >&2; exit 1; }
else
  echo "bench private: dbus-run-session or gnome-keyring-daemon missing; keychain run skipped"
fi
