import Testing
@testable import Schema

@Suite struct SQLParserTests {
    func one(_ sql: String) throws -> SQLStatement.Kind {
        let s = try SQLParser.parse(text: sql, file: "t.sql")
        #expect(s.count == 1)
        return s[0].kind
    }

    @Test func createTableReadsColumnsTypesAndConstraints() throws {
        guard case .createTable(let t) = try one("""
            CREATE TABLE IF NOT EXISTS Market_Data (
              id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
              ticker_id uuid NOT NULL REFERENCES tickers(id) ON DELETE CASCADE,
              "timestamp" timestamp with time zone NOT NULL,
              close numeric(12, 2) NOT NULL CHECK (close >= 0),
              interval varchar(10) DEFAULT '1m',
              CONSTRAINT uq UNIQUE (ticker_id, "timestamp")
            ) WITH (fillfactor = 90)
            """) else { Issue.record("not a CREATE TABLE"); return }
        #expect(t.name == "market_data" && t.ifNotExists)
        #expect(t.columns.map(\.name) == ["id", "ticker_id", "timestamp", "close", "interval"])
        #expect(t.columns.map(\.type) == [.uuid, .uuid, .timestamptz, .numeric(precision: 12, scale: 2), .varchar(10)])
        #expect(t.columns[1].constraints == [TableConstraintSpec(name: nil, kind: .foreignKey(["ticker_id"], table: "tickers", columns: ["id"], onDelete: "CASCADE"))])
        #expect(t.constraints == [TableConstraintSpec(name: "uq", kind: .unique(["ticker_id", "timestamp"], include: []))])
        #expect(t.options == ["fillfactor": "90"])
    }

    @Test func createIndexReadsOrderingIncludeOptionsAndPredicate() throws {
        guard case .createIndex(let i) = try one("""
            CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS ix ON public.t USING btree (a DESC NULLS LAST, (lower(b))) INCLUDE (c)
              WITH (fillfactor = 70) WHERE created_at > now() - INTERVAL '30 days'
            """) else { Issue.record("not a CREATE INDEX"); return }
        #expect(i.name == "ix" && i.table == "t" && i.unique && i.concurrently && i.ifNotExists)
        #expect(i.keys[0] == IndexDefinition.Key(column: "a", descending: true, nullsFirst: false))
        #expect(i.keys[1].expression == "(lower(b))")
        #expect(i.include == ["c"] && i.options == ["fillfactor": "70"])
        #expect(i.predicate == .comparison(.gt, .column("created_at"), .arithmetic(.minus, .function("now", []), .cast(.literal(.text("30 days")), "interval"))))
    }

    @Test func brinIndexWithPagesPerRange() throws {
        guard case .createIndex(let i) = try one("CREATE INDEX b ON t USING brin (ts) WITH (pages_per_range = 16)") else { Issue.record("unexpected shape"); return }
        #expect(i.method == "brin" && i.options == ["pages_per_range": "16"])
    }

    @Test func createHypertableWithNamedArgumentsAndByRange() throws {
        guard case .functionCall(let c) = try one("SELECT create_hypertable('md', by_range('ts', INTERVAL '1 day'), if_not_exists => TRUE)") else { Issue.record("unexpected shape"); return }
        #expect(c.name == "create_hypertable")
        #expect(c.positional.first == .text("md"))
        guard case .call(let dim)? = c.positional.last else { Issue.record("no by_range"); return }
        #expect(dim.name == "by_range" && dim.positional == [.text("ts"), .interval("1 day")])
        #expect(c.named["if_not_exists"] == .bool(true))
    }

    @Test func alterTableSetTimescaleOptions() throws {
        guard case .alterTable(let a) = try one("ALTER TABLE md SET (timescaledb.compress, timescaledb.compress_segmentby = 'ticker_id, interval')") else { Issue.record("unexpected shape"); return }
        #expect(a.actions == [.setOptions(["timescaledb.compress": "true", "timescaledb.compress_segmentby": "ticker_id, interval"])])
    }

    @Test func alterTableAddDropAlterColumns() throws {
        guard case .alterTable(let a) = try one("ALTER TABLE t ADD COLUMN IF NOT EXISTS x int, DROP COLUMN y, ALTER COLUMN z TYPE numeric(14,4)") else { Issue.record("unexpected shape"); return }
        #expect(a.actions.count == 3)
        #expect(a.actions[2] == .alterColumnType("z", typeSQL: "numeric(14,4)", type: .numeric(precision: 14, scale: 4)))
    }

    @Test func functionBodiesStayOpaqueWithTheirSignature() throws {
        guard case .createFunction(let f) = try one("""
            CREATE OR REPLACE FUNCTION get_latest_price(p_ticker_id uuid, p_interval varchar DEFAULT '1h')
            RETURNS TABLE (id uuid) AS $$ SELECT id FROM market_data; $$ LANGUAGE sql STABLE
            """) else { Issue.record("unexpected shape"); return }
        #expect(f.name == "get_latest_price" && f.orReplace && f.language == "sql")
        #expect(f.arguments == "p_ticker_id uuid, p_interval varchar DEFAULT '1h'")
        #expect(f.body == " SELECT id FROM market_data; ")
    }

    /// Every prefix of statements that end in a word needing a name after it is a syntax error at
    /// the end of the input, never a read past it (`COLLATE` at the end trapped before).
    @Test func truncatedStatementsAreSyntaxErrors() {
        let statements = [
            "CREATE TABLE t (a text COLLATE \"C\" NOT NULL, b int NOT DEFERRABLE INITIALLY DEFERRED)",
            "CREATE DOMAIN d AS text COLLATE \"C\" DEFAULT 'x' CONSTRAINT c CHECK (VALUE <> '')",
            "CREATE TYPE e AS ENUM ('a', 'b')", "ALTER TYPE e ADD VALUE IF NOT EXISTS 'c' AFTER 'a'",
            "COMMENT ON COLUMN public.t.a IS 'x'", "CREATE TRIGGER tr AFTER INSERT ON t EXECUTE FUNCTION f()",
        ]
        for s in statements {
            for n in 1...s.count {
                // Parsing returns statements or errors; reaching here for each prefix is the test.
                let (parsed, errors) = SQLParser.parseRecovering(text: String(s.prefix(n)), file: "p.sql")
                #expect(parsed.count + errors.count >= 1, "\(s.prefix(n))")
            }
        }
    }

    @Test func statementsOutsideTheSubsetAreListedAsNotModelled() throws {
        let s = try SQLParser.parse(text: "CREATE EXTENSION timescaledb; COMMENT ON FUNCTION f() IS 'x'; CREATE VIEW v AS SELECT 1; GRANT ALL ON t TO u;", file: "t.sql")
        #expect(s.map(\.kind) == [.notModelled(summary: "CREATE EXTENSION"), .notModelled(summary: "COMMENT"),
                                  .notModelled(summary: "CREATE VIEW"), .notModelled(summary: "GRANT")])
        // A comment on a table, column or index names an object the catalog checks.
        let c = try SQLParser.parse(text: "COMMENT ON TABLE t IS 'x'; COMMENT ON COLUMN public.t.a IS NULL;", file: "t.sql")
        #expect(c.map(\.kind) == [.comment(.table("t")), .comment(.column(table: "t", column: "a"))])
    }

    @Test func syntaxErrorNamesTheTokenAndPosition() {
        do {
            _ = try SQLParser.parse(text: "CREATE TABLE t (\n  x int,\n  y int int\n);", file: "m.sql")
            Issue.record("no error")
        } catch {
            #expect(error.location == SQLLocation(file: "m.sql", line: 3, column: 9))
            #expect(error.message == "syntax error at or near \"int\"")
        }
    }
}
