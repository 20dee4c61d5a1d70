#!/usr/bin/env bash
# Loopback load on `chunkwise serve`: POST /rest/v1/rpc/get_latest_price at about 1,000 and 10,000
# requests/s (wrk from Debian, paced by get_latest_price.lua: Debian's wrk 4.1 has no rate
# option, so each connection pauses PAUSE_MS between requests and the offered rate is about
# connections * 1000 / (PAUSE_MS + latency)). Then an unpaced run for the ceiling.
# Prints per row: achieved rate, p50/p90/p99/max latency, wrk's error counts, the server's CPU time
# per request (from /proc, independent of what else the machine runs) and the load average.
# Usage: bench/serve/run.sh [path/to/chunkwise]   (needs a release build:
#   swift build -c release --product chunkwise). Numbers are recorded in docs/SERVE.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${1:-.build/release/chunkwise}
DURATION=${DURATION:-15s}
THREADS=${THREADS:-2}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk (make deps installs it)" >&2; exit 1; }
out=$(mktemp)
"$BIN" serve --data fixtures/ --now '2024-01-06 00:00:00+00' --port 0 > "$out" &
pid=$!
trap 'kill $pid 2>/dev/null; rm -f "$out"' EXIT
for _ in $(seq 100); do grep -q listening "$out" && break; sleep 0.2; done
url=$(grep -o 'http://[0-9.:]*' "$out")
# The answer must be the newest 1m bar of the ticker, not an error or an empty array.
body=$(curl -s -X POST "$url/rest/v1/rpc/get_latest_price" -H 'Content-Type: application/json' \
  -d '{"p_ticker_id":"631eb6fc-3ea7-f5f6-319d-66ac0ff5c73b","p_interval":"1m"}')
echo "server: $url (pid $pid), $(nproc) cores; answer: $body"
case "$body" in '[{"id":'*'"interval":"1m"}]') ;; *) echo "unexpected answer" >&2; exit 1 ;; esac
cpu_ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
tick=$(getconf CLK_TCK)
warm() { PAUSE_MS=0 wrk -t1 -c4 -d2s -s bench/serve/get_latest_price.lua "$url" >/dev/null; }
row() {  # label connections pause_ms
  local before after result requests wrkcpu
  before=$(cpu_ticks)
  wrkcpu=$(mktemp)
  result=$(PAUSE_MS=$3 /usr/bin/time -f "%U %S" -o "$wrkcpu" \
    wrk -t"$THREADS" -c"$2" -d"$DURATION" --latency -s bench/serve/get_latest_price.lua "$url" | tail -2)
  after=$(cpu_ticks)
  requests=$(echo "$result" | awk '/^requests/ {print $2}')
  echo "== $1: $2 connections, ${3} ms pause"
  echo "$result"
  # CPU seconds per request of the server and of wrk, and what two otherwise idle cores would
  # sustain at that cost (an estimate: the machine is shared).
  awk -v t=$((after - before)) -v hz="$tick" -v n="$requests" -v w="$(cat "$wrkcpu")" 'BEGIN {
    split(w, u, " "); s = t / hz; c = u[1] + u[2]
    printf "CPU per request: server %.0f us, wrk %.0f us; two idle cores would sustain about %.0f/s\n",
      s * 1e6 / n, c * 1e6 / n, 2 / ((s + c) / n) }'
  rm -f "$wrkcpu"
  echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
}
warm
row "offered ~1,000/s" 10 10
row "offered ~10,000/s" 125 10
row "unpaced (ceiling)" 50 0
