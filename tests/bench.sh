#!/usr/bin/env bash
# Throughput of the release server on reads residents make most, with wrk
# from Debian (installed when missing): the figures in the README come from
# here. Not part of `make test`: speed is measured, never asserted.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { ${SUDO:-$([ "$(id -u)" = 0 ] || echo sudo)} apt-get install -y --no-install-recommends wrk; }

dir=$(mktemp -d)
port=18181
./target/release/pulse serve --bind "127.0.0.1:$port" --database "sqlite://$dir/bench.db" \
  --client-dir dist --demo >"$dir/log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/api/v1/topics" >/dev/null && break; sleep 0.1; done

for path in /api/v1/topics/body-worn-cameras "/api/v1/topics/body-worn-cameras/comments?section=when-officers-record" /topics/body-worn-cameras; do
  echo "== GET $path"
  wrk -t2 -c32 -d10s -H 'Accept-Encoding: gzip' "http://127.0.0.1:$port$path" | grep -E 'Requests/sec|Latency|Transfer'
done
