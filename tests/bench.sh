#!/usr/bin/env bash
# `make bench`: how fast Pulse serves what residents read most, beside nginx
# serving the very same bytes as static files in the same run, and how fast
# it takes comments. With 2,000 and with 1,000,000 comments on the topic, on
# SQLite and (when it answers) on PostgreSQL. Prints a table; the README
# carries it. Not part of `make test`: speed is measured, never asserted.
#
# wrk and nginx come from Debian, installed when missing. Each run is wrk
# with 1 thread and 64 connections for BENCH_SECONDS (10) with gzip, wrk,
# the server and the database sharing this machine's cores.
set -euo pipefail
cd "$(dirname "$0")/.."

sudo=$([ "$(id -u)" = 0 ] || echo sudo)
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
if [ ${#missing[@]} -gt 0 ]; then
  $sudo apt-get install -y --no-install-recommends "${missing[@]}"
fi
nginx=$(command -v nginx || echo /usr/sbin/nginx)

seconds=${BENCH_SECONDS:-10}
pg="${PULSE_BENCH_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432}"
cargo build --locked --release -p pulse-server
cargo test --locked --release -p pulse-server --test read_bench --no-run 2>/dev/null
[ -f dist/index.html ] || { echo "dist/ is missing: run make build first" >&2; exit 1; }

work=$(mktemp -d)
pulse_port=18181
nginx_port=18182
base="http://127.0.0.1:$pulse_port"
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null || true
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/www"
cat >"$work/nginx.conf" <<CONF
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  gzip_static on;
  types { application/json json; text/html html; }
  client_body_temp_path $work/tmp;
  proxy_temp_path $work/tmp;
  fastcgi_temp_path $work/tmp;
  uwsgi_temp_path $work/tmp;
  scgi_temp_path $work/tmp;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/www;
  }
}
CONF
mkdir -p "$work/tmp"
# nginx's workers run as another user: they must be able to read the files.
chmod -R a+rX "$work"
"$nginx" -c "$work/nginx.conf"

# wrk's requests a second and 99th percentile latency, "RATE P99".
measure() {
  local out
  out=$(wrk -t1 -c64 -d"${seconds}s" --latency -H 'Accept-Encoding: gzip' "$@")
  local rate p99
  rate=$(echo "$out" | awk '/Requests\/sec/ { printf "%.0f", $2 }')
  p99=$(echo "$out" | awk '$1 == "99%" { print $2 }')
  if echo "$out" | grep -q "Non-2xx"; then rate="$rate(!non-2xx)"; fi
  echo "$rate $p99"
}

rows=()
row() { rows+=("$(printf '| %s | %s | %s | %s | %s | %s | %s |' "$@")"); }

for backend in sqlite postgres; do
  for comments in 2000 1000000; do
    if [ "$backend" = sqlite ]; then
      url="sqlite://$work/bench-$comments.db"
      name=SQLite
    else
      if ! psql "$pg/postgres" -qAt -c 'SELECT 1' >/dev/null 2>&1; then
        echo "PostgreSQL does not answer at $pg: its rows are left out" >&2
        continue
      fi
      psql "$pg/postgres" -q -c "DROP DATABASE IF EXISTS pulse_bench" -c "CREATE DATABASE pulse_bench"
      url="$pg/pulse_bench"
      name=PostgreSQL
    fi
    echo "== $name, $comments comments: loading" >&2
    section=$(PULSE_BENCH_DATABASE="$url" PULSE_BENCH_COMMENTS=$comments \
      cargo test --locked --release -q -p pulse-server --test read_bench -- --ignored --nocapture 2>/dev/null |
      sed -n 's/.*BENCH_SECTION=//p')
    ./target/release/pulse serve --bind "127.0.0.1:$pulse_port" --database "$url" --client-dir dist \
      --max-connections-per-address 1000 --rate-limits comments_per_account=1000000 \
      >"$work/pulse.log" 2>&1 &
    server=$!
    for _ in $(seq 100); do curl -sf "$base/api/v1/topics" >/dev/null && break; sleep 0.1; done

    for what in topic comments page; do
      case $what in
        topic) path=/api/v1/topics/body-worn-cameras; file=topic.json; label="topic JSON" ;;
        comments) path="/api/v1/topics/body-worn-cameras/comments?section=$section"; file=comments.json; label="a page of § comments" ;;
        page) path=/topics/body-worn-cameras; file=page.html; label="topic page HTML" ;;
      esac
      # The same bytes for nginx: as sent, and as sent gzipped.
      curl -sf "$base$path" -o "$work/www/$file"
      curl -sf -H 'Accept-Encoding: gzip' "$base$path" -o "$work/www/$file.gz"
      chmod a+r "$work/www/$file" "$work/www/$file.gz"
      echo "== $name, $comments comments: $label" >&2
      read -r prate pp99 < <(measure "$base$path")
      read -r nrate np99 < <(measure "http://127.0.0.1:$nginx_port/$file")
      ratio=$(awk -v p="${prate%%(*}" -v n="${nrate%%(*}" 'BEGIN { if (n > 0) printf "%.0f %%", 100 * p / n; else print "—" }')
      size=$(stat -c %s "$work/www/$file.gz")
      row "$name" "$comments" "$label ($size B gzipped)" "$prate" "$pp99" "$nrate / $np99" "$ratio"
    done

    if [ "$comments" = 2000 ]; then
      echo "== $name: posting comments" >&2
      cookie=$(curl -sf -D - -o /dev/null -H 'Content-Type: application/json' -H "Origin: $base" \
        -d '{"email":"bench@example.org","display_name":"Bench Resident","password":"a long bench password"}' \
        "$base/api/v1/accounts" | sed -n 's/^[Ss]et-[Cc]ookie: \([^;]*\);.*/\1/p' | paste -sd ';' -)
      cat >"$work/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Origin"] = "$base"
wrk.headers["Cookie"] = "$cookie"
local n = 0
request = function()
  n = n + 1
  return wrk.format(nil, "/api/v1/topics/body-worn-cameras/comments", nil,
    '{"section":"$section","body":"A benchmark comment, number ' .. n .. '."}')
end
LUA
      read -r prate pp99 < <(measure -s "$work/post.lua" "$base/")
      row "$name" "$comments" "posting a comment" "$prate" "$pp99" "—" "—"
    fi
    kill "$server"; wait "$server" 2>/dev/null || true; server=""
  done
done

echo
echo "Measured $(date -u +%Y-%m-%d) on $(nproc) cores ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)), wrk 1 thread × 64 connections × ${seconds} s, gzip:"
echo
echo "| database | comments | request | Pulse req/s | Pulse p99 | nginx, same bytes: req/s / p99 | Pulse / nginx |"
echo "|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
