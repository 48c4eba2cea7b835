#!/usr/bin/env bash
# Two builds of `pulse` side by side on the pages residents read most:
# `tests/ab.sh OLD_BINARY NEW_BINARY [PATH…]` serves the demo with each in
# turn (fresh SQLite, the built client in dist/), and runs wrk (1 thread ×
# 64 connections × BENCH_SECONDS, 8 by default, with gzip) on each path,
# ROUNDS times (3) alternating, so that the machine's drift hits both.
# For the "before and after" of a change: build the old commit in a
# worktree (`git worktree add /tmp/old COMMIT`, then
# `CARGO_TARGET_DIR=target cargo build --release -p pulse-server` there).
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 2 ] || { echo "usage: tests/ab.sh OLD_BINARY NEW_BINARY [PATH…]" >&2; exit 2; }
old=$1 new=$2
shift 2
paths=(/topics/body-worn-cameras /)
[ $# -eq 0 ] || paths=("$@")
seconds=${BENCH_SECONDS:-8}
if ! command -v wrk >/dev/null; then
  $([ "$(id -u)" = 0 ] || echo sudo) apt-get install -y --no-install-recommends wrk
fi

run() {
  local bin=$1 name=$2 port=$3 dir pid
  dir=$(mktemp -d)
  "$bin" serve --bind "127.0.0.1:$port" --database "sqlite://$dir/p.db" --client-dir dist \
    --demo --outbox-dir "$dir/out" >/dev/null 2>&1 &
  pid=$!
  for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done
  for path in "${paths[@]}"; do
    curl -s -o /dev/null -H 'accept-encoding: gzip' "http://127.0.0.1:$port$path"
    out=$(wrk -t1 -c64 -d"${seconds}s" -H 'Accept-Encoding: gzip' --latency "http://127.0.0.1:$port$path" 2>&1)
    printf '%s %s %s req/s, p99 %s\n' "$name" "$path" \
      "$(echo "$out" | awk '/Requests\/sec/ {print $2}')" "$(echo "$out" | awk '$1=="99%" {print $2}')"
  done
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  rm -rf "$dir"
}
for _ in $(seq 1 "${ROUNDS:-3}"); do
  run "$old" old 18301
  run "$new" new 18302
done
