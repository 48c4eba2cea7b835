#!/usr/bin/env bash
# The whole suite: unit tests and the black-box API tests, once on SQLite and
# once on PostgreSQL (each test on its own fresh database), then the browser
# flows in Chromium against the real server and the built client (dist/),
# then schemathesis against the API's own OpenAPI document on each database.
#
# PostgreSQL is PULSE_TEST_POSTGRES_URL, or the server at 127.0.0.1:5432.
# Without one the PostgreSQL run is skipped loudly, unless
# PULSE_REQUIRE_POSTGRES=1 (as .ci/run sets), which fails instead.
set -euo pipefail
cd "$(dirname "$0")/.."

# Every runner's output also goes to one log; the last line of the run is
# the sum over all of them, whether the run passed or stopped early.
log=$(mktemp)
logged() { "$@" 2>&1 | tee -a "$log"; }
sum() { grep -oE '[0-9]+' | awk '{ s += $1 } END { print s + 0 }'; }
summary() {
  local status=$?
  # cargo: "test result: ok. 48 passed; 0 failed; …"; node --test: "# pass 56"
  # (TAP) or "ℹ pass 56" (spec).
  local passed failed
  passed=$(grep -aoE '(^test result: [A-Za-z]+\. [0-9]+ passed|^(# |ℹ )pass [0-9]+)' "$log" | sum)
  failed=$(grep -aoE '(; [0-9]+ failed;|^(# |ℹ )fail [0-9]+)' "$log" | sum)
  echo
  if [ "$status" -ne 0 ] && [ "${failed:-0}" -eq 0 ]; then
    echo "${passed:-0} passed, ${failed:-0} failed (a suite stopped before reporting: exit $status)"
  else
    echo "${passed:-0} passed, ${failed:-0} failed"
  fi
  rm -f "$log"
}
trap summary EXIT

echo "== tests on SQLite"
PULSE_TEST_DATABASE=sqlite logged cargo test --locked --workspace --exclude pulse-app

echo "== browser tests (Chromium, desktop and phone sizes)"
# The server the tests above built (target/debug/pulse, which pulse-server's
# own tests need). Every cargo command here builds the workspace's one
# feature set: `-p` with one package would build the server and its
# dependencies again with another, which costs a clean machine minutes and
# gigabytes of disk.
[ -x target/debug/pulse ] || cargo build --locked --workspace --exclude pulse-app --bins
rm -rf test-output/screenshots test-output/server-logs
(cd tests/browser && PULSE_BIN=../../target/debug/pulse logged npm test) || {
  tests/server-logs.sh test-output/server-logs
  exit 1
}
echo "screenshots: $(pwd)/test-output/screenshots"

echo "== schemathesis against the OpenAPI document (SQLite)"
PULSE_TEST_DATABASE=sqlite PULSE_BIN=target/debug/pulse logged python3 tests/python/schemathesis.py

pg_url="${PULSE_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
if ! psql "$pg_url" -qAt -c 'SELECT 1' >/dev/null 2>&1; then
  if [ "${PULSE_REQUIRE_POSTGRES:-0}" = 1 ]; then
    echo "!! PostgreSQL does not answer at $pg_url, and this run requires it." >&2
    exit 1
  fi
  echo "!!"
  echo "!! PostgreSQL does not answer at $pg_url: the PostgreSQL run is SKIPPED."
  echo "!! Set PULSE_TEST_POSTGRES_URL or start PostgreSQL to run it."
  echo "!!"
  exit 0
fi

# Databases left by earlier runs (each test makes its own).
psql "$pg_url" -qAt -c "SELECT datname FROM pg_database WHERE datname LIKE 'pulse_test_%'" |
  while read -r db; do psql "$pg_url" -q -c "DROP DATABASE IF EXISTS \"$db\"" >/dev/null; done

echo "== API and pulse admin tests on PostgreSQL"
PULSE_TEST_DATABASE=postgres PULSE_TEST_POSTGRES_URL="$pg_url" \
  logged cargo test --locked --workspace --exclude pulse-app --test api
PULSE_TEST_DATABASE=postgres PULSE_TEST_POSTGRES_URL="$pg_url" \
  logged cargo test --locked --workspace --exclude pulse-app --test admin --test mail
echo "== the scale-out drill, twelve seconds (nginx, three instances; make drill runs a minute)"
PULSE_TEST_DATABASE=postgres PULSE_TEST_POSTGRES_URL="$pg_url" \
  logged cargo test --locked --workspace --exclude pulse-app --test drill -- --nocapture
echo "== schemathesis against the OpenAPI document (PostgreSQL)"
PULSE_TEST_DATABASE=postgres PULSE_TEST_POSTGRES_URL="$pg_url" PULSE_BIN=target/debug/pulse \
  logged python3 tests/python/schemathesis.py
