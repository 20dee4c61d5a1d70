#!/usr/bin/env bash
# Runs each hostile input class at two sizes (N and 2N) through the chunkwise binary and prints
# seconds, peak RSS and the time ratio; a ratio near 2 is linear, near 4 quadratic.
# docs/RELIABILITY.md records the numbers.
#   bench/hostile_scale.sh [path/to/chunkwise]     (default .build/release/chunkwise)
set -uo pipefail
BIN=${1:-.build/release/chunkwise}
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
HEADER='id,ticker_id,timestamp,open,high,low,close,volume,interval,source,metadata,created_at'
gen() { # class size-multiplier file
  python3 - "$1" "$2" "$3" "$HEADER" <<'PY'
import sys, uuid
cls, k, out, header = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
t = "8f14e45f-ceea-467a-9af1-000000000001"
def row(i, close="100.25", meta='{""a"": 1}'):
    import datetime
    ts = datetime.datetime.fromtimestamp(1704067200 + i * 60, datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S+00")
    return f'{uuid.UUID(int=i)},{t},{ts},100,101,99,{close},5,1m,yfinance,"{meta}",{ts}\n'
with open(out, "w") as f:
    if cls == "sql_statements":
        for i in range(8000 * k):
            f.write(f"CREATE TABLE t{i} (id bigint PRIMARY KEY, ts timestamptz NOT NULL, v numeric(12,2));\n" if i % 2 == 0
                    else f"CREATE INDEX ON t{i-1} (ts);\n")
    elif cls == "sql_nesting":
        f.write("CREATE TABLE t (v int CHECK (" + "(" * (4000 * k) + "v > 0" + ")" * (4000 * k) + "));\n")
    else:
        f.write(header + "\n")
        if cls == "rows":
            for i in range(60000 * k): f.write(row(i))
        elif cls == "bad_field":
            f.write(row(0, close="9" * (12_000_000 * k)))
        elif cls == "jsonb_keys":
            keys = ", ".join(f'""k{i}"": {i}' for i in range(300000 * k))
            f.write(row(0).replace('""a"": 1', keys))
        elif cls == "no_newline":
            f.write("x" * (12_000_000 * k))
        elif cls == "nul_bytes":
            f.write(row(0)); f.write("\0" * (12_000_000 * k))
PY
}
run() { # label, then the command
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$W/time" timeout 600 "$@" >/dev/null 2>"$W/err"
  echo "$label|$(tail -1 "$W/time")|$(tail -c 160 "$W/err" | tr '\n' ' ' | cut -c1-120)"
}
printf "%-44s %10s %10s %8s %9s\n" class "N (s)" "2N (s)" ratio "RSS 2N"
for cls in rows bad_field jsonb_keys no_newline nul_bytes sql_statements sql_nesting chunk_2us; do
  times=(); rss=""
  for k in 1 2; do
    case $cls in
      sql_*) f="$W/$cls$k.sql"; gen "$cls" "$k" "$f"; out=$(run "$cls" "$BIN" check "$f") ;;
      jsonb_keys) f="$W/$cls$k.csv"; gen "$cls" "$k" "$f"; out=$(run "$cls" "$BIN" size --table market_data --data "$f") ;;
      chunk_2us) f="$W/$cls$k.csv"; gen rows $((k)) "$f"; out=$(run "$cls" "$BIN" simulate --table market_data --data "$f" --chunk-interval '2 microseconds') ;;
      *) f="$W/$cls$k.csv"; gen "$cls" "$k" "$f"; out=$(run "$cls" "$BIN" simulate --table market_data --data "$f") ;;
    esac
    size=$(stat -c %s "$f")
    t=$(echo "$out" | cut -d'|' -f2 | cut -d' ' -f1); rss=$(echo "$out" | cut -d'|' -f2 | cut -d' ' -f2)
    times+=("$t"); sizes[$k]=$size
    rm -f "$f"
  done
  ratio=$(python3 -c "a,b=${times[0]:-0},${times[1]:-0}; print(f'{b/a:.2f}' if a>0 else '-')")
  printf "%-44s %10s %10s %8s %8sM  %s\n" "$cls ($((sizes[1]/1000)) / $((sizes[2]/1000)) kB)" "${times[0]}" "${times[1]}" "$ratio" "$((rss/1024))" "$(echo "$out" | cut -d'|' -f3 | cut -c1-70)"
done
