#!/usr/bin/env bash
# Times `goproxy-assistant detect --json` next to `go env -json` (the same question asked of go),
# in a scratch HOME so the developer's configuration is never read. Prints medians over N runs.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-30}
cli=target/release/goproxy-assistant
go=${GOPROXY_ASSISTANT_GO127:?run through make bench}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/home/.config/go" "$scratch/bin"
ln -s "$go" "$scratch/bin/go"
printf 'GOPROXY=https://goproxy.cn,direct\nGOPRIVATE=corp.example.com\n' > "$scratch/home/.config/go/env"
envs=(env -i HOME="$scratch/home" PATH="$scratch/bin:/usr/bin:/bin" GOTELEMETRY=off)

median_ms() { # command...
  local times=()
  for _ in $(seq "$runs"); do
    local t0 t1
    t0=$(date +%s%N); "$@" >/dev/null 2>&1; t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]/1000}'
}

ours=$(median_ms "${envs[@]}" "$cli" detect --json)
theirs=$(median_ms "${envs[@]}" "$go" env -json)
echo "bench detect: goproxy-assistant detect --json median ${ours} ms; go env -json median ${theirs} ms (${runs} runs each, go1.27)"
