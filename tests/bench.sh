#!/usr/bin/env bash
# `make bench`: how fast Pulse serves what residents read most, beside nginx
# serving the very same bytes as static files in the same run, and how fast
# it takes comments. Reads with 2,000 and with 1,000,000 comments on the
# topic, on SQLite and (when it answers) on PostgreSQL; posting on SQLite,
# and on PostgreSQL with one instance and with three. Prints two tables;
# the README carries them. Not part of `make test`: speed is measured,
# never asserted.
#
# wrk and nginx come from Debian, installed when missing. Each read run is
# wrk with 1 thread and 64 connections for BENCH_SECONDS (10) with gzip;
# posting is server/tests/post_bench.rs (one thread), open loop at a fixed
# rate or closed loop; the load, the servers and the database share this
# machine's cores.
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
cargo test --locked --release -p pulse-server --test read_bench --test post_bench --no-run 2>/dev/null
[ -f dist/index.html ] || { echo "dist/ is missing: run make build first" >&2; exit 1; }

work=$(mktemp -d)
pulse_port=18181
nginx_port=18182
base="http://127.0.0.1:$pulse_port"
server=""
pids=()
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null || true
  [ ${#pids[@]} -gt 0 ] && kill "${pids[@]}" 2>/dev/null || true
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

# The demo with $2 comments in the database at $1; prints the section
# most of them are on.
load() {
  PULSE_BENCH_DATABASE="$1" PULSE_BENCH_COMMENTS=$2 \
    cargo test --locked --release -q -p pulse-server --test read_bench -- --ignored --nocapture 2>/dev/null |
    sed -n 's/.*BENCH_SECTION=//p'
}

# pulse serve on database $1 at port $2, in the background, once it answers.
serve() {
  ./target/release/pulse serve --bind "127.0.0.1:$2" --database "$1" --client-dir dist \
    --max-connections-per-address 1000 \
    --rate-limits comments_per_account=1000000,registrations_per_address=100000,sign_ins_per_address=100000 \
    >"$work/pulse-$2.log" 2>&1 &
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$2/healthz" >/dev/null && break; sleep 0.1; done
}

# server/tests/post_bench.rs against the instances at ports $1 (a list),
# posting at RATE a second (0: as fast as answered) to TOPICS topics, from
# CONNECTIONS connections: prints "RATE P50 P99 FAILED".
post() {
  local targets
  targets=$(for p in $1; do printf 'http://127.0.0.1:%s,' "$p"; done)
  PULSE_BENCH_TARGETS=${targets%,} PULSE_BENCH_RATE=$2 PULSE_BENCH_TOPICS=$3 \
    PULSE_BENCH_CONNECTIONS=$4 PULSE_BENCH_SECONDS=$seconds \
    cargo test --locked --release -q -p pulse-server --test post_bench -- --ignored --nocapture 2>"$work/post.err" |
    sed -n 's/^POST_BENCH rate=\([0-9]*\) p50=\([0-9.]*ms\) p99=\([0-9.]*ms\) max=[0-9.]*ms failed=\([0-9]*\).*/\1 \2 \3 \4/p'
}

rows=()
posts=()
row() { rows+=("$(printf '| %s | %s | %s | %s | %s | %s | %s |' "$@")"); }

# BENCH_READS=0 leaves the reads out (posting only, a few minutes).
for backend in $([ "${BENCH_READS:-1}" = 0 ] || echo sqlite postgres); do
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
    section=$(load "$url" $comments)
    serve "$url" $pulse_port
    server=$!

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

    kill "$server"; wait "$server" 2>/dev/null || true; server=""
  done
done

# Posting: on SQLite one instance; on PostgreSQL one and three, each on a
# fresh database with the demo and 2,000 comments. All posts on the demo's
# open topic, or spread over eight; as fast as 64 connections are answered,
# and on SQLite also at a fixed 2,000 a second from 256 connections.
post_row() {
  local label=$1 ports=$2 rate=$3 topics=$4 connections=$5 got
  echo "== posting: $label, $topics topic(s), rate ${rate:-max}" >&2
  got=$(post "$ports" "$rate" "$topics" "$connections") || true
  [ -n "$got" ] || { tail -20 "$work/post.err" >&2; got="— — — —"; }
  read -r prate p50 p99 failed <<<"$got"
  posts+=("$(printf '| %s | %s | %s | %s | %s | %s | %s |' "$label" "$topics" \
    "$([ "$rate" = 0 ] && echo "as answered, $connections conn." || echo "$rate/s, $connections conn.")" \
    "$prate" "$p50" "$p99" "$failed")")
}
for backend in sqlite postgres; do
  if [ "$backend" = sqlite ]; then
    url="sqlite://$work/post.db"
    rm -f "$work"/post.db*
    load "$url" 2000 >/dev/null
    serve "$url" $pulse_port
    server=$!
    post_row SQLite $pulse_port 0 1 64
    post_row SQLite $pulse_port 0 8 64
    post_row SQLite $pulse_port 2000 1 256
    post_row SQLite $pulse_port 2000 8 256
    kill "$server"; wait "$server" 2>/dev/null || true; server=""
    continue
  fi
  psql "$pg/postgres" -qAt -c 'SELECT 1' >/dev/null 2>&1 || continue
  for instances in 1 3; do
    psql "$pg/postgres" -q -c "DROP DATABASE IF EXISTS pulse_bench" -c "CREATE DATABASE pulse_bench"
    url="$pg/pulse_bench"
    load "$url" 2000 >/dev/null
    # Past nginx's port.
    ports=$(seq $((pulse_port + 10)) $((pulse_port + 9 + instances)) | paste -sd" " -)
    pids=()
    for p in $ports; do serve "$url" "$p"; pids+=($!); done
    label="PostgreSQL, $instances instance$([ $instances = 1 ] || echo s)"
    post_row "$label" "$ports" 0 1 64
    post_row "$label" "$ports" 0 8 64
    kill "${pids[@]}"; wait "${pids[@]}" 2>/dev/null || true
    pids=()
  done
done

echo
echo "Measured $(date -u +%Y-%m-%d) on $(nproc) cores ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)), wrk 1 thread × 64 connections × ${seconds} s, gzip:"
echo
echo "| database | comments | request | Pulse req/s | Pulse p99 | nginx, same bytes: req/s / p99 | Pulse / nginx |"
echo "|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
echo
echo "Posting comments (server/tests/post_bench.rs; latency counted from each post's due moment, so a slow answer is not hidden by the posts it delays), ${seconds} s each:"
echo
echo "| database | topics | load | posts/s | p50 | p99 | failed |"
echo "|---|---|---|---|---|---|---|"
printf '%s\n' "${posts[@]}"
