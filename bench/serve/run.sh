#!/usr/bin/env bash
# Loopback load on `chunkwise serve`: get_latest_price at about 1,000 and 10,000 requests/s
# (wrk from Debian, paced by get_latest_price.lua). Usage: bench/serve/run.sh [path/to/chunkwise]
# Numbers are recorded in docs/SERVE.md. Needs a release build: swift build -c release --product chunkwise
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${1:-.build/release/chunkwise}
DURATION=${DURATION:-20s}
out=$(mktemp)
"$BIN" serve --data fixtures/ --now '2024-01-06 00:00:00+00' --port 0 > "$out" &
pid=$!
trap 'kill $pid' EXIT
for _ in $(seq 50); do grep -q listening "$out" && break; sleep 0.2; done
url=$(grep -o 'http://[0-9.:]*' "$out")
echo "server: $url (pid $pid)"
# 1,000/s: 10 connections, 10 ms apart. 10,000/s: 100 connections, 10 ms apart.
for conns in 10 100; do
  echo "== offered $((conns * 100))/s: $conns connections, 10 ms pause each"
  PAUSE_MS=10 wrk -t2 -c"$conns" -d"$DURATION" --latency -s bench/serve/get_latest_price.lua "$url" | tail -2
done
