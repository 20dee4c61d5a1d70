#!/usr/bin/env python3
"""Random-schema differential of `chunkwise size` against a throwaway PostgreSQL 15.

Each seed draws a table (2-9 columns of 35 kinds: integers, floats, bool, short/long/repetitive
text, varchar(n), char(n), date/time/timestamp(tz), uuid, numeric with and without typmod, json, jsonb,
and types Chunkwise carries as text: interval, timetz, macaddr, money, bytea, inet, an enum, arrays of\nint4, int8, numeric(10,2) and text, and tstzrange, int4range, numrange;
NULL rates 0-100 %, heap fillfactors, 300-60,000 rows) and up to three indexes (plain,
multi-column, DESC/NULLS, INCLUDE, partial, unique, PRIMARY KEY, BRIN), loads it into the server
once per build mode (`bulk`: indexes after COPY; `incremental`: indexes during COPY), and compares
every relation with `chunkwise size --json` under the model's bars: heap and BRIN exact, B-trees
within 3 %, TOAST within 2 pages or 2 %, total within 2 %. Prints the seeds that disagree.
docs/SIZE_MODEL.md records what the last run found.

    bench/size_differential.py [--seeds 0-200] [--bin .build/release/chunkwise]

Needs postgresql-15's binaries (initdb runs as the `postgres` user when run as root).
"""
import argparse, datetime, json, os, random, shutil, string, subprocess, sys, tempfile, uuid

PG_BIN = "/usr/lib/postgresql/15/bin"
KINDS = ["lowtext", "lowtext", "serialint", "smallint", "integer", "bigint", "real", "double precision",
         "boolean", "text", "varchar(40)", "date", "timestamp", "timestamptz", "time", "uuid",
         "numeric(12,2)", "numeric", "jsonb", "char(8)", "numeric(18,6)", "bigtext", "reptext", "json",
         "interval", "timetz", "macaddr", "money", "bytea", "inet", "enum", "intarr", "textarr", "numarr", "bigintarr",
         "tstzrange", "int4range", "numrange"]
SQL_TYPE = {"bigtext": "text", "reptext": "text", "lowtext": "text", "serialint": "integer", "enum": "mood",
            "intarr": "integer[]", "textarr": "text[]", "numarr": "numeric(10,2)[]", "bigintarr": "bigint[]"}
# The enum kind's type: labels of very different lengths, one added before the first.
ENUM_SQL = "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy', 'ecstatic_beyond_words'); ALTER TYPE mood ADD VALUE 'numb' BEFORE 'sad';\n"
ENUM_LABELS = ["sad", "ok", "happy", "ecstatic_beyond_words", "numb"]


class Server:
    """A throwaway cluster on 127.0.0.1 in a temporary directory."""

    def __init__(self, port):
        self.dir = tempfile.mkdtemp(prefix="chunkwise-sizediff-")
        self.port = port
        as_pg = os.geteuid() == 0
        if as_pg:
            shutil.chown(self.dir, "postgres")
        self.wrap = (lambda cmd: ["su", "postgres", "-c", " ".join(cmd)]) if as_pg else (lambda cmd: cmd)
        subprocess.run(self.wrap([f"{PG_BIN}/initdb", "-D", f"{self.dir}/data", "-A", "trust", "-U", "postgres",
                                  "-E", "UTF8", "--locale=C", "--no-sync"]), check=True, capture_output=True)
        opts = f"'-p {port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off'"
        subprocess.run(self.wrap([f"{PG_BIN}/pg_ctl", "-D", f"{self.dir}/data", "-o", opts, "-l", f"{self.dir}/log", "-w", "start"]),
                       check=True, capture_output=True)

    def psql(self, sql, db="postgres"):
        r = subprocess.run(["psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-X", "-qAt",
                            "-v", "ON_ERROR_STOP=1", "-d", db, "-c", sql], capture_output=True, text=True)
        if r.returncode:
            raise RuntimeError(r.stderr.strip())
        return r.stdout

    def stop(self):
        subprocess.run(self.wrap([f"{PG_BIN}/pg_ctl", "-D", f"{self.dir}/data", "-m", "immediate", "stop"]), capture_output=True)
        shutil.rmtree(self.dir, ignore_errors=True)


def random_text(rng, lo, hi, alphabet=string.ascii_letters + string.digits + " "):
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(lo, hi)))


def csv_field(s):
    if s is None:
        return ""
    if s == "" or any(c in s for c in ',"\n\r'):
        return '"' + s.replace('"', '""') + '"'
    return s


def value(rng, kind, i):
    if kind == "lowtext": return rng.choice(["alpha", "beta", "gamma", "delta-long-value-%d" % (i % 3)])
    if kind == "serialint": return str(i)
    if kind == "smallint": return str(rng.randint(-32768, 32767))
    if kind == "integer": return str(rng.choice([i, rng.randint(-2**31, 2**31 - 1), rng.randint(0, 100)]))
    if kind == "bigint": return str(rng.choice([i * 1000, rng.randint(-2**63, 2**63 - 1)]))
    if kind == "real": return repr(rng.uniform(-1e6, 1e6))[:10]
    if kind == "double precision": return repr(rng.uniform(-1e9, 1e9))
    if kind == "boolean": return rng.choice(["t", "f"])
    if kind == "text": return random_text(rng, 0, rng.choice([5, 30, 120]))
    if kind == "varchar(40)": return random_text(rng, 1, 40)
    if kind == "char(8)": return random_text(rng, 0, 8, string.ascii_letters)
    if kind == "bigtext": return random_text(rng, 500, 4000)
    if kind == "reptext": return ("abc" + str(i % 7)) * rng.randint(100, 1500)
    if kind == "date": return (datetime.date(2000, 1, 1) + datetime.timedelta(days=rng.randint(0, 20000))).isoformat()
    if kind == "timestamp":
        return (datetime.datetime(2020, 1, 1) + datetime.timedelta(seconds=rng.randint(0, 10**8),
                                                                    microseconds=rng.choice([0, rng.randint(0, 999999)]))).isoformat(" ")
    if kind == "timestamptz": return (datetime.datetime(2020, 1, 1) + datetime.timedelta(seconds=i * 60 + rng.randint(0, 5))).isoformat(" ") + "+00"
    if kind == "time": return "%02d:%02d:%02d" % (rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59))
    if kind == "uuid": return str(uuid.UUID(int=rng.getrandbits(128), version=4))
    if kind == "numeric(12,2)": return "%d.%02d" % (rng.randint(-10**9, 10**9), rng.randint(0, 99))
    if kind == "numeric(18,6)": return "%d.%06d" % (rng.randint(0, 10**11), rng.randint(0, 999999))
    if kind == "numeric":
        return rng.choice([str(rng.randint(0, 10**6)), "%d.%d" % (rng.randint(0, 10**15), rng.randint(0, 10**8)), "0.%05d" % rng.randint(0, 99999)])
    if kind == "jsonb":
        return json.dumps(rng.choice([{}, {"a": rng.randint(0, 99)}, {"k": random_text(rng, 0, 20), "n": [1, 2, rng.randint(0, 9)]}]))
    if kind == "interval":
        return rng.choice(["1 day", "%d:%02d:00" % (rng.randint(0, 99), rng.randint(0, 59)), "%d mons %d days" % (rng.randint(0, 30), rng.randint(0, 30)),
                           "%d years 00:00:0%d.5" % (rng.randint(0, 9), rng.randint(0, 9))])
    if kind == "timetz": return "%02d:%02d:%02d%+03d" % (rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59), rng.randint(-12, 14))
    if kind == "enum": return rng.choice(ENUM_LABELS)
    if kind.endswith("range"):
        if rng.random() < 0.05: return "empty"
        lo, hi = sorted(rng.randint(0, 10**6) for _ in range(2))
        if kind == "tstzrange":
            fmt = lambda x: '"2024-01-01 00:00:00+00"' if x is None else '"%s"' % (datetime.datetime(2024, 1, 1) + datetime.timedelta(minutes=x)).strftime("%Y-%m-%d %H:%M:%S+00")
            lo_s, hi_s = fmt(lo), fmt(hi)
        elif kind == "numrange": lo_s, hi_s = "%d.%d" % (lo, rng.randint(0, 99)), "%d.%d" % (hi + 1, rng.randint(0, 99))
        else: lo_s, hi_s = str(lo), str(hi)
        if rng.random() < 0.1: lo_s = ""
        if rng.random() < 0.1: hi_s = ""
        return rng.choice("[(") + lo_s + "," + hi_s + rng.choice("])")
    if kind in ("intarr", "textarr", "numarr", "bigintarr"):
        def elem():
            if rng.random() < 0.1: return "NULL"
            if kind == "intarr": return str(rng.randint(-99999, 99999))
            if kind == "bigintarr": return str(rng.randint(-10**12, 10**12))
            if kind == "numarr": return "%d.%02d" % (rng.randint(0, 99999), rng.randint(0, 99))
            t = random_text(rng, 0, 12)
            return '"' + t.replace('"', '\\"') + '"' if (not t or " " in t or rng.random() < 0.3) else t
        n = rng.choice([0, 1, 2, 3, 5, 12, 40])
        if n >= 2 and rng.random() < 0.15:
            return "{" + ",".join("{" + ",".join(elem() for _ in range(2)) + "}" for _ in range(n // 2)) + "}"
        return "{" + ",".join(elem() for _ in range(n)) + "}"
    if kind == "macaddr": return ":".join("%02x" % rng.randint(0, 255) for _ in range(6))
    if kind == "money": return "%d.%02d" % (rng.randint(0, 10**7), rng.randint(0, 99))
    if kind == "bytea":
        raw = bytes(rng.randint(0, 255) for _ in range(rng.choice([0, 3, 16, 40, 200])))
        return "\\x" + raw.hex() if rng.random() < 0.8 else "".join(chr(c) if 32 < c < 127 and c != 92 else "\\%03o" % c for c in raw)
    if kind == "inet":
        if rng.random() < 0.7: return ".".join(str(rng.randint(0, 255)) for _ in range(4)) + rng.choice(["", "/24", "/32"])
        return "2001:db8::%x" % rng.randint(0, 65535)
    if kind == "json":
        # As typed: json keeps spacing, key order and duplicate keys.
        doc = rng.choice([{}, {"a": rng.randint(0, 99)}, {"k": random_text(rng, 0, 20), "n": [1, 2, rng.randint(0, 9)]}])
        text = json.dumps(doc, separators=rng.choice([(",", ":"), (", ", ": "), (" , ", " :  ")]))
        return rng.choice([text, " " + text + "\n", text[:-1] + ', "a": 1}' if text.startswith('{"') else text])
    raise ValueError(kind)


def draw(seed):
    """The seed's table SQL, index SQL and COPY CSV."""
    rng = random.Random(seed)
    cols = [("c%d" % k, rng.choice(KINDS)) for k in range(rng.randint(2, 9))]
    nulls = {c: rng.choice([0, 0, 0.05, 0.5, 1.0]) for c, _ in cols}
    notnull = {c: nulls[c] == 0 and rng.random() < 0.7 for c, _ in cols}
    rows = rng.choice([300, 2000, 8000, 25000, 60000])
    if any(k in ("bigtext", "reptext") for _, k in cols):
        rows = min(rows, 3000)
    ff = rng.choice([None, None, 50, 70, 90])
    table = (ENUM_SQL if any(k == "enum" for _, k in cols) else "") + "CREATE TABLE t (" + ", ".join(f"{c} {SQL_TYPE.get(k, k)}" + (" NOT NULL" if notnull[c] else "") for c, k in cols) + ")" \
        + (f" WITH (fillfactor = {ff})" if ff else "") + ";\n"
    indexable = [c for c, k in cols if k not in ("jsonb", "json", "bigtext", "reptext", "intarr", "textarr", "numarr", "bigintarr", "tstzrange", "int4range", "numrange")]
    serials = [c for c, k in cols if k == "serialint"]
    idx = []
    for n in range(rng.randint(0, 3)):
        if not indexable:
            break
        kind = rng.choice(["btree", "multi", "unique", "partial", "brin", "desc", "include", "nulls", "pk"])
        c = rng.choice(indexable)
        if kind == "btree": idx.append(f"CREATE INDEX i{n} ON t ({c});")
        elif kind == "desc": idx.append(f"CREATE INDEX i{n} ON t ({c} DESC)" + (" WITH (fillfactor = 70)" if rng.random() < 0.3 else "") + ";")
        elif kind == "multi": idx.append(f"CREATE INDEX i{n} ON t ({', '.join(rng.sample(indexable, min(len(indexable), rng.randint(2, 3))))});")
        elif kind in ("unique", "pk"):
            if not serials: continue
            s = serials[0]
            if kind == "pk" and notnull[s] and not any("PRIMARY KEY" in x for x in idx):
                idx.append(f"ALTER TABLE t ADD PRIMARY KEY ({s});")
            else:
                idx.append(f"CREATE UNIQUE INDEX i{n} ON t ({s}" + (f", {c}" if rng.random() < 0.5 and c != s else "") + ");")
        elif kind == "include":
            others = [x for x in indexable if x != c]
            if others: idx.append(f"CREATE INDEX i{n} ON t ({c}) INCLUDE ({rng.choice(others)});")
        elif kind == "nulls": idx.append(f"CREATE INDEX i{n} ON t ({c} DESC NULLS LAST" + (f", {rng.choice(indexable)} NULLS FIRST" if rng.random() < 0.5 else "") + ");")
        elif kind == "partial": idx.append(f"CREATE INDEX i{n} ON t ({c}) WHERE {c} IS NOT NULL;")
        elif kind == "brin" and dict(cols)[c] not in ("uuid", "boolean", "char(8)", "enum"):
            idx.append(f"CREATE INDEX i{n} ON t USING brin ({c})" + (" WITH (pages_per_range = 16)" if rng.random() < 0.5 else "") + ";")
    lines = [",".join(c for c, _ in cols)]
    for i in range(rows):
        lines.append(",".join("" if nulls[c] and not notnull[c] and rng.random() < nulls[c] else csv_field(value(rng, k, i)) for c, k in cols))
    return table, "\n".join(idx) + "\n", "\n".join(lines) + "\n"


def measured(server, db):
    sql = """SELECT c.relname, pg_relation_size(c.oid, 'main'), pg_relation_size(c.oid, 'fsm'), pg_relation_size(c.oid, 'vm')
               FROM pg_class c WHERE c.oid = 't'::regclass OR c.oid IN (SELECT indexrelid FROM pg_index WHERE indrelid = 't'::regclass)
             UNION ALL
             SELECT 'toast', pg_relation_size(t.oid, 'main') + (SELECT coalesce(sum(pg_relation_size(indexrelid)), 0) FROM pg_index WHERE indrelid = t.oid),
                    pg_relation_size(t.oid, 'fsm'), pg_relation_size(t.oid, 'vm')
               FROM pg_class c JOIN pg_class t ON t.oid = c.reltoastrelid WHERE c.oid = 't'::regclass"""
    out = {}
    for line in server.psql(sql, db).splitlines():
        f = line.split("|")
        out[f[0]] = tuple(int(x) for x in f[1:])
    return out


def compare(server, binary, work, seed, build):
    """Disagreements of one seed and build mode (empty when every relation meets its bar)."""
    table, idx, data = draw(seed)
    schema, csv_path = os.path.join(work, f"{seed}.sql"), os.path.join(work, f"{seed}.csv")
    with open(schema, "w") as f: f.write(table + idx)
    with open(csv_path, "w") as f: f.write(data)
    db = f"s{seed}{build[0]}"
    server.psql(f"DROP DATABASE IF EXISTS {db}")
    server.psql(f"CREATE DATABASE {db}")
    try:
        server.psql(table + (idx if build == "incremental" else ""), db)
        server.psql(f"\\copy t FROM '{csv_path}' WITH (FORMAT csv, HEADER)", db)
        server.psql("VACUUM (ANALYZE) t", db)
        if build == "bulk" and idx.strip():
            server.psql(idx, db)
        m = measured(server, db)
    finally:
        server.psql(f"DROP DATABASE IF EXISTS {db}")
    r = subprocess.run([binary, "size", "--schema", schema, "--table", "t", "--data", csv_path, "--index-build", build, "--json"],
                       capture_output=True, text=True)
    if r.returncode:
        return [f"chunkwise failed: {r.stderr.strip()[:300]}"]
    predicted = json.loads(r.stdout)["relations"]
    problems, ptotal, mtotal = [], 0, 0
    names = []
    for rel in predicted:
        key = "toast" if rel["kind"] == "toast" else rel["name"]
        names.append(key)
        if key not in m:
            problems.append(f"server has no {key}")
            continue
        mm = m[key]
        total = rel["main_bytes"] + rel["fsm_bytes"] + rel["vm_bytes"]
        ptotal += total
        mtotal += sum(mm)
        err = (rel["main_bytes"] - mm[0]) / mm[0] * 100 if mm[0] else 0
        if rel["kind"] == "heap" and (rel["main_bytes"], rel["fsm_bytes"], rel["vm_bytes"]) != mm:
            problems.append(f"heap {rel['main_bytes'] // 8192} vs {mm[0] // 8192} pages")
        if rel["kind"] == "brin" and rel["main_bytes"] != mm[0]:
            problems.append(f"brin {rel['name']} {rel['main_bytes'] // 8192} vs {mm[0] // 8192} pages")
        if rel["kind"] == "btree" and abs(err) > 3:
            problems.append(f"btree {rel['name']} {err:+.1f} % ({rel['main_bytes'] // 8192} vs {mm[0] // 8192} pages)")
        if rel["kind"] == "toast" and abs(total - sum(mm)) > max(2 * 8192, sum(mm) // 50):
            problems.append(f"toast {total // 8192} vs {sum(mm) // 8192} pages")
    problems += [f"model has no {k}" for k in m if k not in names]
    total_error = (ptotal - mtotal) / max(mtotal, 1) * 100
    if abs(total_error) > 2:
        problems.append(f"total {total_error:+.2f} %")
    return problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seeds", default="0-100", help="a range A-B (B exclusive) or a comma list")
    ap.add_argument("--bin", default=".build/release/chunkwise")
    ap.add_argument("--port", type=int, default=54391)
    a = ap.parse_args()
    seeds = range(*map(int, a.seeds.split("-"))) if "-" in a.seeds else [int(s) for s in a.seeds.split(",")]
    binary = os.path.abspath(a.bin)
    server = Server(a.port)
    work = tempfile.mkdtemp(prefix="chunkwise-sizediff-data-")
    bad = 0
    try:
        for seed in seeds:
            for build in ("bulk", "incremental"):
                problems = compare(server, binary, work, seed, build)
                if problems:
                    bad += 1
                    print(f"seed {seed} {build}: " + "; ".join(problems), flush=True)
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)
    print(f"{len(seeds)} seeds x 2 builds: {2 * len(seeds) - bad} agree, {bad} disagree")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
