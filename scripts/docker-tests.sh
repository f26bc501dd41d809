#!/usr/bin/env bash
# Real BuildKit builds of generated Dockerfiles, offline (docs/dockerfile-build.md):
# 1. a local `golang:<v>-bookworm` base image, made once from debootstrap + the project's go1.27
#    and cached as a tarball outside the clone (like tauri-driver);
# 2. a private Docker daemon of our own (own socket, data root, exec root; never the system one),
#    started here and stopped by its PID on exit;
# 3. the #[ignore]d tests in tests/mirror-sim/tests/docker_build.rs, made required by
#    GOPROXY_ASSISTANT_REAL_DOCKER=1 (they fail instead of skipping when the engine is missing).
# A machine where the engine cannot run fails this suite loudly; nothing is skipped.
# Usage: scripts/docker-tests.sh [extra cargo test args]
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf 'docker tests: %s\n' "$*" >&2; }
t_start=$(date +%s)
elapsed() { echo "$(($(date +%s) - $1))s"; }

# The Debian 20.10 client: a newer `docker` elsewhere on PATH refuses BuildKit builds without
# the buildx plugin, which no registry here ships.
docker_cli=/usr/bin/docker
for tool in "$docker_cli" dockerd debootstrap tar; do
  command -v "$tool" >/dev/null || { say "$tool is missing; run scripts/setup.sh test"; exit 1; }
done
if [ "$(id -u)" != 0 ]; then
  say "a Docker daemon of our own needs root (dockerd with its own data root); run as root or in CI"
  exit 1
fi
eval "$(scripts/toolchains.sh)"
go_bin=$GOPROXY_ASSISTANT_GO127
[ -x "$go_bin" ] || { say "no go1.27 in .venv; run scripts/setup.sh test"; exit 1; }
go_root=$(dirname "$(dirname "$go_bin")")
go_full=$("$go_bin" env GOVERSION)   # go1.27.3
go_full=${go_full#go}
go_minor=$(echo "$go_full" | cut -d. -f1,2)
base_tag="goproxy-assistant-test/golang-base:$go_full"

# --- 1. The base image's root filesystem, cached across runs ------------------------------------
cache="${XDG_CACHE_HOME:-$HOME/.cache}/goproxy-assistant/docker"
mkdir -p "$cache"
rootfs_tar="$cache/golang-$go_full-bookworm-rootfs.tar"
distroless_tar="$cache/static-debian12-rootfs.tar"
debian_mirror() {
  # The mirror apt uses (deb822 `URIs:` or a one-line `deb` entry), so debootstrap needs no other host.
  local uri
  uri=$(grep -hsE '^(URIs:|deb )' /etc/apt/sources.list.d/*.sources /etc/apt/sources.list |
    grep -ohE 'https?://[^ ]+' | grep -v security | head -n1 || true)
  echo "${uri:-http://deb.debian.org/debian}"
}
(
  flock 9
  if [ ! -s "$rootfs_tar" ] || [ ! -s "$distroless_tar" ]; then
    t0=$(date +%s)
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    mirror=$(debian_mirror)
    say "making the base image's root filesystem once (debootstrap bookworm from $mirror, go $go_full)"
    if ! debootstrap --variant=minbase --include=ca-certificates,wget bookworm "$work/rootfs" "$mirror" \
      >"$work/debootstrap.log" 2>&1; then
      tail -n 30 "$work/debootstrap.log" >&2; say "debootstrap failed"; exit 1
    fi
    rm -rf "$work/rootfs/var/cache/apt/archives/"*.deb "$work/rootfs/var/lib/apt/lists/"*
    cp -a "$go_root" "$work/rootfs/usr/local/go"
    chmod +x "$work/rootfs/usr/local/go/bin/"* "$work/rootfs/usr/local/go/pkg/tool/linux_amd64/"*
    mkdir -m 1777 "$work/rootfs/go"
    tar --numeric-owner -C "$work/rootfs" -cf "$rootfs_tar.part" . && mv "$rootfs_tar.part" "$rootfs_tar"
    # What distroless/static has for a static Go binary: CA certificates, passwd/group, a /tmp.
    tar --numeric-owner -C "$work/rootfs" -cf "$distroless_tar.part" \
      ./etc/ssl/certs/ca-certificates.crt ./etc/passwd ./etc/group ./tmp &&
      mv "$distroless_tar.part" "$distroless_tar"
    say "root filesystem cached in $cache ($(elapsed "$t0"))"
  fi
) 9>"$cache/.lock"

# --- 2. A daemon of our own -------------------------------------------------------------------
# Its data root lives in the cache too, so the imported base images survive between runs; one
# suite at a time uses it (flock), and a root the daemon cannot start on is wiped and made anew.
# Sockets and exec root go to a short scratch path (a socket path must fit in 108 bytes).
data_root="$cache/data-root"
exec 8>"$cache/.daemon-lock"
if ! flock -n 8; then
  say "another docker test run holds $cache/.daemon-lock; waiting for it"
  flock 8
fi
scratch=$(mktemp -d /tmp/gpa-docker.XXXXXX)
dockerd_pid=""
stop_daemon() {
  if [ -n "$dockerd_pid" ] && kill -0 "$dockerd_pid" 2>/dev/null; then
    kill -TERM "$dockerd_pid"
    for _ in $(seq 1 100); do kill -0 "$dockerd_pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$dockerd_pid" 2>/dev/null; then kill -KILL "$dockerd_pid"; fi
    wait "$dockerd_pid" 2>/dev/null || true
  fi
  dockerd_pid=""
  # dockerd leaves an nsfs mount behind; unmount whatever is still mounted under our roots.
  grep -oE " ($scratch|$data_root)/[^ ]+" /proc/self/mounts 2>/dev/null | sort -r | while read -r m; do
    umount -l "$m" 2>/dev/null || true
  done || true
}
cleanup() {
  stop_daemon
  rm -rf "$scratch" 2>/dev/null || true
}
trap cleanup EXIT
export DOCKER_HOST="unix://$scratch/docker.sock" DOCKER_BUILDKIT=1
# The client reads proxies from its config dir: an empty one of our own, never ~/.docker.
export DOCKER_CONFIG="$scratch/client-config"
mkdir -p "$DOCKER_CONFIG"
start_daemon() {
  dockerd --storage-driver=overlay2 --iptables=false --ip6tables=false --bridge=none \
    --data-root "$data_root" --exec-root "$scratch/exec" -p "$scratch/docker.pid" \
    -H "$DOCKER_HOST" >>"$scratch/dockerd.log" 2>&1 &
  dockerd_pid=$!
  for _ in $(seq 1 200); do
    "$docker_cli" version >/dev/null 2>&1 && return 0
    kill -0 "$dockerd_pid" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}
t0=$(date +%s)
if ! start_daemon; then
  stop_daemon
  say "the engine did not start on $data_root; wiping it and trying a fresh one"
  rm -rf "$data_root"
  if ! start_daemon; then
    tail -n 40 "$scratch/dockerd.log" >&2
    say "FAILED: the Docker engine did not start (log above); this suite needs a working dockerd"
    exit 1
  fi
fi
say "engine $("$docker_cli" version --format '{{.Server.Version}}') ready in $(elapsed "$t0")"

t0=$(date +%s)
if ! "$docker_cli" image inspect "$base_tag" >/dev/null 2>&1; then
  "$docker_cli" import \
    --change "ENV PATH=/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
    --change "ENV GOPATH=/go" --change "ENV GOTOOLCHAIN=local" --change "WORKDIR /go" \
    "$rootfs_tar" "$base_tag" >/dev/null
  say "imported $base_tag in $(elapsed "$t0")"
fi
distroless=gcr.io/distroless/static-debian12:nonroot
if ! "$docker_cli" image inspect "$distroless" >/dev/null 2>&1; then
  "$docker_cli" import "$distroless_tar" "$distroless" >/dev/null
fi
# Whatever earlier runs built (the tests' own tags, dangling layers, build cache) goes; the base
# images stay.
"$docker_cli" image ls --format '{{.Repository}}:{{.Tag}} {{.ID}}' |
  awk -v keep1="$base_tag" -v keep2="$distroless" '$1 != keep1 && $1 != keep2 {print $2}' |
  sort -u | xargs -r "$docker_cli" image rm -f >/dev/null 2>&1 || true
"$docker_cli" builder prune -af >/dev/null
say "base images ready in $(elapsed "$t0")"

# --- 3. The tests ------------------------------------------------------------------------------
export RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}" CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}"
export GOPROXY_ASSISTANT_REAL_DOCKER=1 GOPROXY_ASSISTANT_DOCKER="$docker_cli" \
  GOPROXY_ASSISTANT_DOCKER_BASE="$base_tag" GOPROXY_ASSISTANT_DOCKER_GO="$go_minor"
log="$scratch/test.log"
t0=$(date +%s)
set +e
cargo test --quiet -p mirror-sim --test docker_build -- --ignored --nocapture --test-threads=1 "$@" \
  >"$log" 2>&1
rc=$?
set -e
if [ $rc -ne 0 ]; then
  cat "$log"
  tail -n 20 "$scratch/dockerd.log" >&2
  say "FAILED"
  exit $rc
fi
# --nocapture: a test's printed line may follow its "test name ... " on the same line.
grep -oE 'docker build: .*|^test result: .*' "$log" || true
say "tests took $(elapsed "$t0"); suite $(elapsed "$t_start")"
