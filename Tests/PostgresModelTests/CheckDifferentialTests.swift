import Foundation
import Testing
@testable import PostgresModel
import Schema
import TestSupport

/// Generated migration statements run through `check` and through the real PostgreSQL 15: for
/// every statement the same verdict and the same primary message. A fixed seed (so a
/// disagreement replays) plus a fresh one per run; `CHUNKWISE_DIFFERENTIAL_COUNT` scales the run.
@Suite(.serialized) struct CheckDifferentialTests {
    struct Outcome: Equatable, CustomStringConvertible {
        var statement: String
        var model: String?
        var server: String?
        var description: String { "\(statement)\n    check:  \(model ?? "accepted")\n    server: \(server ?? "accepted")" }
    }

    /// Runs `count` generated statements from `seed`; returns every disagreement and the total.
    static func run(seed: UInt64, count: Int, pg: PostgresCluster) throws -> [Outcome] {
        var generator = MigrationStatementGenerator(seed: seed)
        let statements = (0..<count).map { _ in generator.statement() }
        return try run(statements, label: "\(seed)", pg: pg)
    }

    /// Runs the statements (each after the base table, in its own transaction) through both.
    static func run(_ statements: [String], label: String, pg: PostgresCluster) throws -> [Outcome] {
        let count = statements.count
        let seed = label
        // One psql run: each case in its own transaction, the statement on a line of its own.
        var script = ""
        var lineOf: [Int] = []
        var line = 1
        for s in statements {
            script += "BEGIN;\n\(MigrationStatementGenerator.base)\n"
            lineOf.append(line + 2)
            script += s + "\nROLLBACK;\n"
            line += 4
        }
        let db = try pg.createDatabase("diff")
        defer { _ = try? pg.query("DROP DATABASE \(db)") }
        // The server runs its script while check replays the same statements here.
        let serverRun = ServerRun()
        let serverDone = DispatchSemaphore(value: 0)
        let file = "diff-\(seed).sql"
        Thread.detachNewThread { [script] in
            serverRun.result = Result { try pg.script(script, file: file, database: db) }
            serverDone.signal()
        }
        let models: [String?] = statements.map { s in
            let findings = MigrationCheck.run(files: [("m.sql", MigrationStatementGenerator.base + "\n" + s)]).findings
            return findings.first { $0.severity == .error && $0.line == 2 }.map { f in
                // Syntax errors carry the column; the server names it on its LINE output instead.
                f.message.replacingOccurrences(of: #" \(column \d+\)$"#, with: "", options: .regularExpression)
            }
        }
        serverDone.wait()
        let output = try serverRun.result!.get()
        var serverErrors: [Int: String] = [:]
        for l in output.split(separator: "\n") where l.hasPrefix("psql:") {
            let parts = l.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false)
            guard parts.count == 4, let n = Int(parts[2]) else { continue }
            let rest = parts[3].drop { $0 == " " }
            guard rest.hasPrefix("ERROR:  ") else { continue }
            if serverErrors[n] == nil { serverErrors[n] = String(rest.dropFirst("ERROR:  ".count)) }
        }
        var disagreements: [Outcome] = []
        for (i, s) in statements.enumerated() {
            let outcome = Outcome(statement: s, model: models[i], server: serverErrors[lineOf[i]])
            if outcome.model != outcome.server { disagreements.append(outcome) }
        }
        // `CHUNKWISE_DIFFERENTIAL_REPORT=FILE` keeps every disagreement of the run, not just the first 30.
        if let path = ProcessInfo.processInfo.environment["CHUNKWISE_DIFFERENTIAL_REPORT"] {
            let text = "seed \(seed): \(count - disagreements.count)/\(count) agree\n" + disagreements.map { "DISAGREE \($0)\n" }.joined()
            try? (text).write(toFile: path + "-\(seed)", atomically: true, encoding: .utf8)
        }
        return disagreements
    }

    /// The server's output, handed from the thread that waits for psql.
    final class ServerRun: @unchecked Sendable {
        var result: Result<String, any Error>?
    }

    /// Disagreements the 10⁵-statement runs found past the CI run's first statements, kept as fixed
    /// cases so every CI run replays them (docs/CHECK.md).
    static let regressions: [String] = [
        // Seed 16880431706678968731: PostgreSQL folds `NOT 't'` to false before the IMMUTABLE check.
        "CREATE INDEX ix ON base (flag, f) WHERE (NOT ts > now() AND NOT 't');",
        "CREATE INDEX ix ON base (a) WHERE (ts > now() OR true);",
        "CREATE INDEX ix ON base (a) WHERE (ts > now() AND true);",
        "CREATE INDEX ix ON base (a) WHERE (ts > now() OR 'f');",
        // Seed 15450342584328435395: NULLIF with a NULL constant argument folds to its first argument.
        "CREATE INDEX ON base ((nullif(NULL, extract(dow FROM ts)))) WHERE b NOT LIKE b;",
        "CREATE INDEX ON base ((nullif(a, NULL))) WHERE ts > now();",
        "CREATE INDEX ON base ((nullif(extract(dow FROM ts), NULL)));",
        "CREATE INDEX ON base ((nullif(a, extract(dow FROM ts))));",
        // Seed 12334110333891452844: a strict operator over an operand that itself folds to NULL
        // (`interval || NULL`) folds to NULL too, volatile other operand and all.
        "CREATE UNIQUE INDEX ix ON base (ts ASC NULLS FIRST, n ASC NULLS FIRST) INCLUDE (f) WHERE (timeofday()) < (INTERVAL '1 day' || NULL);",
        "CREATE INDEX ix ON base (a) WHERE now() < ((NULL::text)::timestamptz);",
        "CREATE INDEX ON base ((length(timeofday() || (NULL || 'x'))));",
        "CREATE INDEX ON base ((timeofday() || 'x'));",
        "CREATE INDEX ON base ((coalesce(NULL, now())));",
        "CREATE INDEX ix ON base (a) WHERE ts > now() + (NULL::interval + INTERVAL '1 day');",
        // Session 19, char(n) and varchar(n) lengths (anychar_typmodin): at least 1, at most 10 MiB.
        "CREATE TABLE lengths_a (c char(0));",
        "CREATE TABLE lengths_b (c char(20000000));",
        "CREATE TABLE lengths_c (c varchar(20000000));",
        "CREATE TABLE lengths_d (c character(10485760), d nchar(3), e bpchar(0));",
        "CREATE TABLE lengths_e (c char, d character(8));",
        "ALTER TABLE base ALTER COLUMN a TYPE varchar(0);",
        "ALTER TABLE base ALTER COLUMN a TYPE char(20000000);",
        "ALTER TABLE base ALTER COLUMN a TYPE numeric(1001, 2);",
        // Session 20, ALTER COLUMN … TYPE without USING needs an assignment coercion (42804).
        "ALTER TABLE base ALTER COLUMN b TYPE int4;",
        "ALTER TABLE base ALTER COLUMN j TYPE numeric(12,2);",
        "ALTER TABLE base ALTER COLUMN flag TYPE int4;",
        "ALTER TABLE base ALTER COLUMN u TYPE int4[];",
        "ALTER TABLE base ALTER COLUMN a TYPE text, ALTER COLUMN ts TYPE date;",
        "ALTER TABLE base ALTER COLUMN b TYPE int4 USING length(b);",
        "ALTER TABLE base ALTER COLUMN f TYPE numeric(10,2), ALTER COLUMN v TYPE char(3);",
        // Session 20: SET DEFAULT cooked as CREATE TABLE's defaults are; a numeric(p,s) default
        // out of range refused only where it is evaluated (ADD COLUMN); a key column named twice.
        "ALTER TABLE base ALTER COLUMN a SET DEFAULT 'abc';",
        "ALTER TABLE base ALTER COLUMN a SET DEFAULT now();",
        "ALTER TABLE base ALTER COLUMN ts SET DEFAULT now(), ALTER COLUMN j SET DEFAULT '{}';",
        "ALTER TABLE base ALTER COLUMN j SET DEFAULT '{bad';",
        "ALTER TABLE base ALTER COLUMN a SET DEFAULT a + 1;",
        "CREATE TABLE dflt (x numeric(5,2) DEFAULT 12345.6);",
        "ALTER TABLE base ADD COLUMN x numeric(5,2) DEFAULT 12345.6;",
        "ALTER TABLE base ADD CONSTRAINT twice UNIQUE (a, b, a);",
        "CREATE TABLE twice (a int, b int, PRIMARY KEY (b, a, b));",
        "CREATE TABLE vf (a text DEFAULT current_user, b name DEFAULT session_user, c text DEFAULT current_schema, d timetz DEFAULT CURRENT_TIME, e timestamptz DEFAULT CURRENT_TIMESTAMP(3), f time DEFAULT localtime(2), g text DEFAULT user);",
        "CREATE TABLE vf2 (a int DEFAULT current_user);",
        "CREATE TABLE vf3 (a timestamp DEFAULT localtime);",
        // Session 20: modifiers on types that take none, float(p), bit lengths; constraint names;
        // ADD COLUMN's generation expression; foreign keys between incompatible types.
        "CREATE TABLE tm1 (a int8(3));",
        "CREATE TABLE tm2 (a float(0));",
        "CREATE TABLE tm3 (a float(54));",
        "CREATE TABLE tm4 (a float(24), b float(25), c text, d varbit(0));",
        "ALTER TABLE base ADD COLUMN x jsonb(2);",
        "CREATE TABLE cn1 (a int, CONSTRAINT ck CHECK (a > 0), CONSTRAINT ck CHECK (a < 9));",
        "CREATE TABLE cn2 (a int, CONSTRAINT ck UNIQUE (a), CONSTRAINT ck CHECK (a > 0));",
        "ALTER TABLE base ADD CONSTRAINT cn CHECK (a > 0), ADD CONSTRAINT cn CHECK (a < 9);",
        "ALTER TABLE base ADD COLUMN g timestamptz GENERATED ALWAYS AS (ts + INTERVAL '1 day') STORED;",
        "ALTER TABLE base ADD COLUMN g int GENERATED ALWAYS AS (a * 2) STORED;",
        "CREATE TABLE fk1 (x text REFERENCES base (id));",
        "CREATE TABLE fk2 (x int8 REFERENCES base (id), y numeric REFERENCES base (id));",
        "CREATE TABLE fk3 (x smallint REFERENCES base);",
        // Session 20: operators lexed as scan.l does (json's ->> and @>, a>-1), constraint
        // attributes, UNIQUE NULLS NOT DISTINCT, a schema-qualified collation as pg_dump writes it.
        "CREATE INDEX ON base ((j->>'k'), (j->'a'), (j#>>'{a,b}'));",
        "CREATE INDEX ON base (a) WHERE j ? 'k' AND j @> '{\"x\": 1}' AND a>-1 AND b ~* '^x';",
        "CREATE INDEX ON base ((b->>'k'));",
        "ALTER TABLE base ADD CONSTRAINT nv CHECK (a > 0) NOT VALID;",
        "CREATE TABLE attrs (a int UNIQUE DEFERRABLE INITIALLY DEFERRED, b int UNIQUE NULLS NOT DISTINCT, c text COLLATE pg_catalog.\"default\" NOT NULL, UNIQUE (a, b) WITH (fillfactor = 70));",
        // pg_dump's schema output: identity added by ALTER COLUMN, sequences and views altered by
        // ALTER TABLE, a table's row type as a column type.
        "ALTER TABLE base ALTER COLUMN a ADD GENERATED ALWAYS AS IDENTITY;",
        "ALTER TABLE base ALTER COLUMN b ADD GENERATED BY DEFAULT AS IDENTITY (START WITH 5 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1);",
        "ALTER TABLE base ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (SEQUENCE NAME public.base_id_seq START WITH 1);",
        "CREATE SEQUENCE rs START WITH 10 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1; ALTER TABLE public.rs OWNER TO CURRENT_USER;",
        "CREATE VIEW rv AS SELECT id FROM base; ALTER TABLE rv OWNER TO CURRENT_USER;",
        "CREATE TABLE rowtype (r base, s public.base);",
        // AT TIME ZONE, IS [NOT] DISTINCT FROM, CAST(x AS t) (index keys too), declarative partitioning.
        "ALTER TABLE base ALTER COLUMN ts SET DEFAULT (now() AT TIME ZONE 'utc');",
        "CREATE TABLE tz (x int DEFAULT (now() AT TIME ZONE 'utc'));",
        "CREATE INDEX ON base (a) WHERE b IS DISTINCT FROM 'x' AND a IS NOT DISTINCT FROM 3 AND ts AT TIME ZONE 'UTC' > '2024-01-01';",
        "CREATE INDEX ON base (CAST(a AS bigint), (CAST(ts AS date)));",
        "CREATE INDEX ON base (CAST(ts AS date));",
        "ALTER TABLE base ADD CONSTRAINT ck CHECK (CAST(a AS text) <> '' AND CAST(nosuch AS text) <> '');",
        "CREATE TABLE parted (ts timestamptz NOT NULL, k int) PARTITION BY RANGE (ts); CREATE TABLE parted_2024 PARTITION OF parted FOR VALUES FROM ('2024-01-01') TO ('2025-01-01'); ALTER TABLE parted_2024 OWNER TO CURRENT_USER;",
        "CREATE TABLE booking (room int, during tstzrange, EXCLUDE USING gist (during WITH &&) WHERE (room > 0), CHECK (room >= 0));",
        "ALTER TABLE base ADD COLUMN during tstzrange, ADD CONSTRAINT no_overlap EXCLUDE USING gist (during WITH &&);",
        // Enum types: labels checked in defaults, ALTER TYPE on labels and names, DROP TYPE and its dependents.
        "CREATE TYPE side AS ENUM ('buy', 'sell'); CREATE TABLE orders (s side NOT NULL DEFAULT 'hold');",
        "CREATE TYPE side AS ENUM ('buy', 'sell'); CREATE TABLE orders (s side DEFAULT 'buy'::side, t side DEFAULT 'sell', u side[]);",
        "CREATE TYPE side AS ENUM ('buy', 'buy');",
        "CREATE TYPE base AS ENUM ('a');",
        "CREATE TYPE side AS ENUM ('buy'); CREATE TYPE side AS ENUM ('sell');",
        "CREATE TYPE side AS ENUM ('buy'); ALTER TYPE side ADD VALUE 'sell' BEFORE 'hold';",
        "CREATE TYPE side AS ENUM ('buy'); ALTER TYPE side ADD VALUE IF NOT EXISTS 'buy'; ALTER TYPE side ADD VALUE 'sell' AFTER 'buy'; CREATE TABLE o (s side DEFAULT 'buy'); ALTER TYPE side ADD VALUE 'hold' BEFORE 'sell';",
        "CREATE TYPE side AS ENUM ('buy'); ALTER TYPE side ADD VALUE 'buy';",
        "CREATE TYPE side AS ENUM ('buy', 'sell'); ALTER TYPE side RENAME VALUE 'buy' TO 'sell';",
        "CREATE TYPE side AS ENUM ('buy'); ALTER TYPE side RENAME VALUE 'bought' TO 'b';",
        "CREATE TYPE side AS ENUM ('buy'); ALTER TYPE side RENAME VALUE 'buy' TO 'bid'; CREATE TABLE o (s side DEFAULT 'buy');",
        "CREATE TYPE side AS ENUM ('buy'); ALTER TYPE side RENAME TO dir; CREATE TABLE o (s side);",
        "CREATE TYPE side AS ENUM ('buy'); ALTER TYPE side RENAME TO dir; CREATE TABLE o (s dir DEFAULT 'buy'); ALTER TYPE dir RENAME TO base;",
        "CREATE TYPE side AS ENUM ('buy'); ALTER TABLE base ADD COLUMN s side; DROP TYPE side;",
        "CREATE TYPE side AS ENUM ('buy'); ALTER TABLE base ADD COLUMN s side; DROP TYPE side CASCADE; ALTER TABLE base DROP COLUMN s;",
        "DROP TYPE IF EXISTS side; CREATE TYPE \"Side\" AS ENUM ('BUY', 'SELL'); CREATE TABLE o (s \"Side\" NOT NULL DEFAULT 'BUY'); DROP TYPE nosuch;",
        "CREATE TYPE \"Side\" AS ENUM ('BUY'); CREATE TABLE o (s public.\"Side\" DEFAULT 'SELL');",
        "CREATE TYPE \"Side\" AS ENUM ('BUY'); CREATE TYPE side AS ENUM ('buy'); CREATE TABLE o (s \"Side\" DEFAULT 'BUY'::\"Side\", t side DEFAULT 'BUY');",
        "ALTER TYPE nosuch ADD VALUE 'x';",
        "CREATE DOMAIN pos AS int CHECK (VALUE > 0); ALTER TYPE pos ADD VALUE 'x';",
        "CREATE TYPE side AS ENUM ('buy'); ALTER TABLE base ADD COLUMN s side DEFAULT 'sell';",
        "CREATE TYPE side AS ENUM ('buy'); ALTER TABLE base ADD COLUMN s side; ALTER TABLE base ALTER COLUMN s SET DEFAULT 'sell';",
        "CREATE TYPE side AS ENUM ('buy'); CREATE TABLE o (s side DEFAULT 5);",
        "CREATE TYPE side AS ENUM (); CREATE TABLE o (s side, CHECK (s IS NOT NULL)); DROP TYPE side, nosuch;",
        "CREATE TYPE side AS ENUM ('buy'); CREATE TABLE o (s side); CREATE INDEX ON o (s); CREATE INDEX ON o USING hash (s); CREATE INDEX ON o USING brin (s);",
        "CREATE TYPE side AS ENUM ('buy'); CREATE TABLE o (s side); CREATE INDEX ON o USING gin (s);",
        // Domains: a column of one is its base type, with the domain's default and constraints.
        "CREATE DOMAIN price AS numeric(12,2) CONSTRAINT pos CHECK (VALUE > 0) NOT NULL DEFAULT 1; CREATE TABLE o (p price, q price DEFAULT 2.5, n int DEFAULT 0);",
        "CREATE DOMAIN price AS nosuch;",
        "CREATE DOMAIN base AS int;",
        "CREATE DOMAIN d AS int; CREATE DOMAIN d AS bigint;",
        "CREATE DOMAIN d AS int; ALTER TABLE base ADD COLUMN x d; DROP DOMAIN d;",
        "CREATE DOMAIN d AS int; ALTER TABLE base ADD COLUMN x d; DROP TYPE d CASCADE; ALTER TABLE base DROP COLUMN x;",
        "CREATE DOMAIN d AS varchar(5); CREATE TABLE o (x d DEFAULT 'toolongvalue');",
        "CREATE DOMAIN d AS int CHECK (VALUE > 0) CHECK (VALUE < 10); CREATE TABLE o (x d, CHECK (x > 1)); CREATE INDEX ON o (x); CREATE INDEX ON o ((x + 1));",
        "CREATE DOMAIN d AS int(3);",
        "CREATE DOMAIN d AS int; ALTER TYPE d RENAME TO e; CREATE TABLE o (x d);",
        "CREATE DOMAIN d AS timestamptz NOT NULL; CREATE TABLE o (x d DEFAULT now() + 1);",
        "CREATE DOMAIN d AS timestamptz; CREATE TABLE o (x d DEFAULT now(), y text); ALTER TABLE o ALTER COLUMN y TYPE d USING now();",
        "CREATE TABLE o (x int(3));",
        "CREATE TABLE o (x double precision(3));",
        "CREATE TABLE o (x smallint(3), y int4(3));",
        "CREATE TABLE o (x int4(3));",
        // COLLATE only on string types (and domains and arrays of them); generated columns reading generated ones; COMMENT ON's object.
        "CREATE TABLE o (a numeric(12,2) COLLATE \"C\");",
        "CREATE TABLE o (a text COLLATE \"C\", b varchar(3) COLLATE \"C\", c char(2) COLLATE pg_catalog.\"default\", d text[] COLLATE \"C\", e name COLLATE \"C\");",
        "ALTER TABLE base ADD COLUMN x timestamptz COLLATE \"C\";",
        "CREATE TABLE o (a jsonb COLLATE \"C\");",
        "CREATE TYPE side AS ENUM ('buy'); CREATE TABLE o (s side COLLATE \"C\");",
        "CREATE DOMAIN d AS text; CREATE TABLE o (s d COLLATE \"C\", t interval COLLATE \"C\");",
        "CREATE TABLE o (a int, b int GENERATED ALWAYS AS (c) STORED, c int GENERATED ALWAYS AS (a) STORED);",
        "CREATE TABLE o (a int, b int GENERATED ALWAYS AS (a * 2) STORED, c int GENERATED ALWAYS AS (a + 1) STORED);",
        "COMMENT ON TABLE base IS 'bars'; COMMENT ON COLUMN base.a IS 'x'; COMMENT ON COLUMN public.base.b IS NULL; COMMENT ON TABLE nosuch IS 'x';",
        "COMMENT ON COLUMN base.nosuch IS 'x';",
        "COMMENT ON COLUMN nosuch.a IS 'x';",
        "CREATE INDEX bx ON base (a); COMMENT ON INDEX bx IS 'x'; COMMENT ON INDEX nosuch IS 'y';",
        "CREATE VIEW bv AS SELECT a FROM base; COMMENT ON COLUMN bv.a IS 'x'; COMMENT ON SCHEMA public IS 'x'; COMMENT ON EXTENSION plpgsql IS 'x';",
        // ALTER COLUMN … TYPE with a DEFAULT: the default must reach the new type by assignment, USING or not.
        "ALTER TABLE base ALTER COLUMN b SET DEFAULT 'x'; ALTER TABLE base ALTER COLUMN b TYPE int USING 1;",
        "CREATE TABLE o (y text DEFAULT '5', z timestamptz DEFAULT now(), w bigserial, u uuid DEFAULT gen_random_uuid()); ALTER TABLE o ALTER COLUMN z TYPE date, ALTER COLUMN w TYPE int, ALTER COLUMN y TYPE varchar(3), ALTER COLUMN u TYPE text;",
        "CREATE TABLE o (z timestamptz DEFAULT now()); ALTER TABLE o ALTER COLUMN z TYPE bigint USING 1;",
        "CREATE TABLE o (f float8 DEFAULT 1.5, j jsonb DEFAULT '{}'); ALTER TABLE o ALTER COLUMN f TYPE numeric(6,2), ALTER COLUMN j TYPE json;",
        "CREATE TABLE o (flag bool DEFAULT false); ALTER TABLE o ALTER COLUMN flag TYPE int USING flag::int;",
        "CREATE TABLE o (n int DEFAULT 0); ALTER TABLE o ALTER COLUMN n TYPE boolean USING n <> 0;",
        // CREATE TRIGGER: its table, then a trigger function of that name.
        "CREATE TRIGGER tr BEFORE INSERT ON nosuch FOR EACH ROW EXECUTE FUNCTION nosuch();",
        "CREATE TRIGGER tr BEFORE INSERT ON base FOR EACH ROW EXECUTE PROCEDURE nosuch('x', 1);",
        "CREATE TRIGGER tr BEFORE UPDATE ON base FOR EACH ROW EXECUTE FUNCTION suppress_redundant_updates_trigger();",
        "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$; CREATE TRIGGER tr BEFORE INSERT OR UPDATE OF a ON public.base FOR EACH ROW WHEN (NEW.a > 0) EXECUTE FUNCTION public.f();",
        "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1'; CREATE TRIGGER tr AFTER INSERT ON base FOR EACH STATEMENT EXECUTE FUNCTION f();",
        "CREATE OR REPLACE FUNCTION touch() RETURNS TRIGGER AS $$ BEGIN NEW.ts = now(); RETURN NEW; END; $$ LANGUAGE plpgsql; CREATE OR REPLACE TRIGGER t_touch BEFORE UPDATE ON base FOR EACH ROW EXECUTE FUNCTION touch();",
        "CREATE DOMAIN d AS text COLLATE \"C\" DEFAULT 'x' CHECK (length(VALUE) < 5); CREATE TABLE o (x d, y d DEFAULT 5);",
        // Session 29: declarative partitioning's partition key and what it forbids.
        "CREATE TABLE p (id bigserial PRIMARY KEY, ts timestamptz NOT NULL) PARTITION BY RANGE (ts);",
        "CREATE TABLE p (id bigint, ts timestamptz NOT NULL, UNIQUE (id)) PARTITION BY RANGE (ts);",
        "CREATE TABLE p (id bigint, ts timestamptz NOT NULL, PRIMARY KEY (id, ts)) PARTITION BY RANGE (ts); CREATE UNIQUE INDEX ON p (id);",
        "CREATE TABLE p (id bigint, ts timestamptz NOT NULL, PRIMARY KEY (id, ts)) PARTITION BY RANGE (ts); ALTER TABLE p ADD CONSTRAINT pu UNIQUE (id);",
        "CREATE TABLE p (id bigint, ts timestamptz NOT NULL, PRIMARY KEY (id, ts)) PARTITION BY RANGE (ts); CREATE UNIQUE INDEX ON p (ts, id); CREATE INDEX ON p USING brin (ts);",
        "CREATE TABLE p (id bigint, ts timestamptz NOT NULL) PARTITION BY RANGE (nope);",
        "CREATE TABLE p (id bigint, k text) PARTITION BY LIST (k, id);",
        "CREATE TABLE p (id bigint, k text, UNIQUE (k)) PARTITION BY HASH (k);",
        "CREATE TABLE p (id bigint, ts timestamptz NOT NULL) PARTITION BY RANGE (date_trunc('day', ts));",
        "CREATE TABLE p (id bigint, ts timestamptz NOT NULL) PARTITION BY RANGE ((ts::date));",
        "CREATE TABLE p (id bigint, ts timestamp NOT NULL) PARTITION BY RANGE ((ts::date));",
        "CREATE TABLE p (a int, b int, PRIMARY KEY (a)) PARTITION BY RANGE ((a + b));",
        "CREATE TABLE p (a int) PARTITION BY RANGE ((a)); CREATE TABLE p1 PARTITION OF p FOR VALUES FROM (1) TO (10);",
        "CREATE TABLE p (a int) PARTITION BY RANGE (a) WITH (fillfactor = 70);",
        "CREATE TABLE p (a int) PARTITION BY RANGE (a); ALTER TABLE p SET (fillfactor = 70);",
        "CREATE TABLE p (a int) PARTITION BY FOO (a);",
        "CREATE TABLE p (a int, EXCLUDE USING btree (a WITH =)) PARTITION BY RANGE (a);",
        "CREATE TABLE p (a int, b int GENERATED ALWAYS AS (a * 2) STORED) PARTITION BY RANGE (b);",
        "CREATE TABLE p (a point) PARTITION BY RANGE (a);",
        "CREATE TABLE p (a point) PARTITION BY HASH (a);",
        "CREATE TABLE p (a json) PARTITION BY LIST (a);",
        "CREATE TABLE p (a jsonb, b int[]) PARTITION BY RANGE (a, b);",
        "CREATE TABLE p (a text) PARTITION BY RANGE (lower('x'));",
        "CREATE TABLE p (a text) PARTITION BY RANGE (lower(a));",
        "CREATE TABLE p1 PARTITION OF base FOR VALUES FROM (1) TO (2);",
        "CREATE TABLE p1 PARTITION OF nosuch FOR VALUES FROM (1) TO (2);",
        // Session 29: a call of a function nothing defines.
        "SELECT foo(1);",
        "SELECT foo('a', 2.5, 3000000000, true, now(), INTERVAL '1 day');",
        "SELECT pg_catalog.foo();",
        "SELECT * FROM foo(x => 1, y => 'b') AS f;",
        "CALL foo(1);",
        "SELECT set_config('search_path', 'public', false);",
        "SELECT pg_catalog.set_config('search_path', 'public', false);",
        "CREATE FUNCTION foo(int) RETURNS int LANGUAGE sql AS 'SELECT 1'; SELECT foo(1);",
        "CREATE PROCEDURE foo(int) LANGUAGE sql AS 'SELECT 1'; CALL foo(1);",
        "CREATE TRIGGER tr BEFORE INSERT ON base FOR EACH ROW EXECUTE FUNCTION public.nosuch();",
        "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1'; CREATE TRIGGER tr BEFORE INSERT ON base FOR EACH ROW EXECUTE FUNCTION public.f();",
    ]

    @Test(.enabled(if: PostgresCluster.canRun, "needs postgresql-15")) func regressionCasesAgreeWithPostgreSQL() throws {
        let pg = try #require(try ServerCase.cluster())
        let d = try Self.run(Self.regressions, label: "regressions", pg: pg)
        for x in d { print("DISAGREE \(x)") }
        #expect(d.isEmpty)
    }

    static var count: Int { Int(ProcessInfo.processInfo.environment["CHUNKWISE_DIFFERENTIAL_COUNT"] ?? "") ?? 2000 }

    @Test(.enabled(if: PostgresCluster.canRun, "needs postgresql-15")) func fixedSeedAgreesWithPostgreSQL() throws {
        let pg = try #require(try ServerCase.cluster())
        let d = try Self.run(seed: 12, count: Self.count, pg: pg)
        print("differential seed 12: \(Self.count - d.count)/\(Self.count) agree")
        for x in d.prefix(30) { print("DISAGREE \(x)") }
        #expect(d.isEmpty)
    }

    @Test(.enabled(if: PostgresCluster.canRun, "needs postgresql-15")) func freshSeedAgreesWithPostgreSQL() throws {
        let pg = try #require(try ServerCase.cluster())
        let seed = ProcessInfo.processInfo.environment["CHUNKWISE_DIFFERENTIAL_SEED"].flatMap { UInt64($0) } ?? UInt64.random(in: 1...UInt64.max)
        let n = max(Self.count / 4, 1)
        let d = try Self.run(seed: seed, count: n, pg: pg)
        print("differential seed \(seed): \(n - d.count)/\(n) agree")
        for x in d.prefix(30) { print("DISAGREE \(x)") }
        #expect(d.isEmpty, "seed \(seed)")
    }
}
