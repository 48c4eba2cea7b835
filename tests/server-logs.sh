#!/usr/bin/env bash
# What the browser tests' servers said that could explain a failure: their
# warnings and errors, answers that took a second or more, and requests
# not answered, or whose client left first (the harness keeps each
# server's whole log in DIR, every request with its time).
set -euo pipefail
dir=${1:?usage: tests/server-logs.sh DIR}
shopt -s nullglob
for log in "$dir"/*.log; do
  found=$(awk '
    / (WARN|ERROR) / { print; next }
    /started processing request/ { match($0, /id="[0-9a-f]+"/); open[substr($0, RSTART, RLENGTH)] = $0; next }
    /finished processing request|failed processing request|response failed/ {
      match($0, /id="[0-9a-f]+"/); delete open[substr($0, RSTART, RLENGTH)]
      if (match($0, /latency=[0-9]+ ms/) && substr($0, RSTART + 8, RLENGTH - 11) + 0 >= 1000) print
    }
    END { for (id in open) print "not answered (or its client left): " open[id] }
  ' "$log")
  if [ -n "$found" ]; then
    echo "-- $log"
    echo "$found" | tail -n 40
  fi
done
