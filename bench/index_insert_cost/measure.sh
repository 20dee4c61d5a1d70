#!/usr/bin/env bash
# Measures what one B-tree index costs per inserted row on PostgreSQL 15: COPY the same
# market_data-shaped rows (time order, as bars arrive) into the table with no secondary index and
# with one index of each shape, and divide the extra time by the rows. Time is the CPU time
# (user + system) the backend reports for the COPY (log_statement_stats, getrusage): on a shared,
# oversubscribed machine wall time measures the neighbours. Prints a CSV
# (index,rows,cpu_seconds_without,cpu_seconds_with,us_per_entry, and the wall seconds).
# Runs a throwaway cluster on 127.0.0.1.
#   bash bench/index_insert_cost/measure.sh [ROWS] [REPEATS]
set -euo pipefail
ROWS=${1:-400000}
REPEATS=${2:-3}
BIN=/usr/lib/postgresql/15/bin
BASE=$(mktemp -d /tmp/chunkwise-insertcost.XXXXXX)
PORT=$((20000 + RANDOM % 20000))
AS=()
if [ "$(id -u)" = 0 ]; then chown -R postgres:postgres "$BASE"; AS=(/usr/sbin/runuser -u postgres --); fi
"${AS[@]}" "$BIN/initdb" -D "$BASE/data" -A trust -U postgres -E UTF8 --locale=C --no-sync >/dev/null
"${AS[@]}" "$BIN/pg_ctl" -D "$BASE/data" -l "$BASE/log" -w -o "-p $PORT -k $BASE -c listen_addresses=127.0.0.1 -c shared_buffers=256MB -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
trap '"${AS[@]}" "$BIN/pg_ctl" -D "$BASE/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$BASE"' EXIT
PSQL=(psql -h 127.0.0.1 -p "$PORT" -U postgres -X -q -A -t -v ON_ERROR_STOP=1)
# 8 tickers x 1m bars in time order, as NQP loads them.
"${PSQL[@]}" -c "
CREATE TABLE src AS
SELECT gen_random_uuid() AS id, ('00000000-0000-0000-0000-00000000000' || (n % 8 + 1))::uuid AS ticker_id,
       timestamptz '2025-01-01' + (n / 8) * interval '1 minute' AS \"timestamp\",
       round((5000 + (n % 997) * 0.25)::numeric, 2) AS open, round((5001 + (n % 991) * 0.25)::numeric, 2) AS high,
       round((4999 + (n % 983) * 0.25)::numeric, 2) AS low, round((5000 + (n % 977) * 0.25)::numeric, 2) AS close,
       (n % 5000)::bigint AS volume, '1m'::varchar(10) AS \"interval\", 'yfinance'::varchar(50) AS source
FROM generate_series(0, $ROWS - 1) n;
COPY src TO '$BASE/rows.csv' (FORMAT csv);"
SCHEMA='CREATE TABLE t (id uuid, ticker_id uuid, "timestamp" timestamptz, open numeric(12,2), high numeric(12,2), low numeric(12,2), close numeric(12,2), volume bigint, "interval" varchar(10), source varchar(50));'
load() {  # $1 = index DDL (may be empty); prints "cpu_seconds wall_seconds" of the cheapest COPY
  local best="" bestwall=""
  for _ in $(seq "$REPEATS"); do
    "${PSQL[@]}" -c "DROP TABLE IF EXISTS t; $SCHEMA $1 CHECKPOINT;" 2>/dev/null
    : > "$BASE/stats"
    local out
    # log_statement_stats makes the backend log its own getrusage() user and system time for the statement.
    out=$("${PSQL[@]}" -c "SET client_min_messages = log; SET log_statement_stats = on;" -c "COPY t FROM '$BASE/rows.csv' (FORMAT csv);" 2>&1 || true)
    local cpu wall
    cpu=$(echo "$out" | grep -Eo '[0-9.]+ s user, [0-9.]+ s system, [0-9.]+ s elapsed' | tail -1 | awk '{print $1 + $4}')
    wall=$(echo "$out" | grep -Eo '[0-9.]+ s user, [0-9.]+ s system, [0-9.]+ s elapsed' | tail -1 | awk '{print $7}')
    if [ -z "$best" ] || [ "$(echo "$cpu < $best" | bc -l)" = 1 ]; then best=$cpu; bestwall=$wall; fi
  done
  echo "$best $bestwall"
}
read -r base basewall < <(load "")
echo "index,rows,cpu_seconds_without,cpu_seconds_with,us_per_entry,wall_seconds_without,wall_seconds_with"
for spec in 'source:(source)' 'timestamp_desc:("timestamp" DESC)' 'ticker_timestamp:(ticker_id, "timestamp" DESC)' \
            'ticker_interval_timestamp:(ticker_id, "interval", "timestamp" DESC)' 'id:(id)'; do
  name=${spec%%:*}; cols=${spec#*:}
  read -r with withwall < <(load "CREATE INDEX i ON t $cols;")
  echo "$name,$ROWS,$base,$with,$(echo "($with - $base) * 1000000 / $ROWS" | bc -l | xargs printf '%.3f'),$basewall,$withwall"
done
