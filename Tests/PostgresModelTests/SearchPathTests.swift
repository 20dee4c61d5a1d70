import Testing
@testable import PostgresModel
import Schema

/// `SET search_path` in a migration decides where an unqualified CREATE TABLE lands, as
/// PostgreSQL's creation namespace does: the first schema the path names, for the rest of that
/// file's session (a `SET LOCAL` only until its block ends).
struct SearchPathTests {
    @Test func theSettingsSpellingsGiveTheirCreationSchema() {
        let cases: [(String, String?)] = [
            ("SET search_path TO mkt, public", "mkt"),
            ("set search_path = \"$user\", public", nil),
            ("SET SESSION search_path TO \"Mkt\"", "Mkt"),
            ("SET search_path TO 'mkt'", "mkt"),
            ("SET search_path TO \"$user\", analytics", "analytics"),
            ("SET search_path TO DEFAULT", nil),
            ("RESET search_path", nil),
            ("SET SCHEMA 'mkt'", "mkt"),
        ]
        for (sql, schema) in cases {
            let path = SearchPath.setting(sql, file: "a.sql")
            #expect(path != nil, "\(sql)")
            #expect(path?.creationSchema == schema, "\(sql)")
        }
        #expect(SearchPath.setting("SET LOCAL search_path TO mkt", file: "a.sql")?.local == true)
        #expect(SearchPath.setting("SET statement_timeout = 0", file: "a.sql") == nil)
        #expect(SearchPath.setting("RESET ALL", file: "a.sql") == nil)
    }

    /// The parser reads a search_path setting once, as its own statement kind; other SETs stay unmodelled.
    @Test func theParserGivesTheSettingItsOwnKind() throws {
        let statements = try SQLParser.parse(text: "SET LOCAL search_path TO mkt; SET statement_timeout = 0; RESET search_path;", file: "a.sql")
        #expect(statements.count == 3)
        guard case .setSearchPath(let path) = statements[0].kind else { Issue.record("\(statements[0].kind)"); return }
        #expect(path.creationSchema == "mkt" && path.local && path.file == "a.sql")
        #expect(statements[1].kind == .notModelled(summary: "SET"))
        guard case .setSearchPath(let reset) = statements[2].kind else { Issue.record("\(statements[2].kind)"); return }
        #expect(reset.creationSchema == nil && !reset.local)
    }

    @Test func anUnqualifiedTableLandsInThePathsFirstSchemaForThatFileOnly() {
        let first = """
            CREATE SCHEMA IF NOT EXISTS mkt;
            SET search_path TO mkt, public;
            CREATE TABLE trades (ts timestamptz NOT NULL, px numeric);
            CREATE TABLE public.venues (id int);
            """
        let second = "CREATE TABLE fills (ts timestamptz NOT NULL);"
        let (findings, catalog) = MigrationCheck.run(files: [("001.sql", first), ("002.sql", second)])
        #expect(catalog.tables["trades"]?.schema == "mkt")
        #expect(catalog.tables["venues"]?.schema == "public")
        #expect(catalog.tables["fills"]?.schema == nil, "psql runs each file in a session of its own")
        #expect(!findings.contains { $0.message.contains("statement not modelled: SET") }, "\(findings)")
    }

    @Test func setLocalEndsWithItsBlockAndARollbackUndoesASet() {
        let sql = """
            BEGIN;
            SET LOCAL search_path TO mkt;
            CREATE TABLE trades (ts timestamptz NOT NULL);
            COMMIT;
            CREATE TABLE fills (ts timestamptz NOT NULL);
            BEGIN;
            SET search_path TO ops;
            ROLLBACK;
            CREATE TABLE quotes (ts timestamptz NOT NULL);
            """
        let (_, catalog) = MigrationCheck.run(files: [("001.sql", sql)])
        #expect(catalog.tables["trades"]?.schema == "mkt")
        #expect(catalog.tables["fills"]?.schema == nil)
        #expect(catalog.tables["quotes"]?.schema == nil)
    }
}
