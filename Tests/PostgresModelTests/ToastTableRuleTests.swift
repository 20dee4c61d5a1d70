import Testing
@testable import PostgresModel
import Schema
import Storage

/// Which tables PostgreSQL 15 gives a TOAST table, as `reltoastrelid <> 0` showed for each of
/// these on a PostgreSQL 15 server (UTF8 database).
@Suite struct ToastTableRuleTests {
    static func table(_ columns: String) throws -> TableDefinition {
        let (findings, catalog) = MigrationCheck.run(files: [("t.sql", "CREATE TABLE t (\(columns));")])
        #expect(!findings.contains { $0.severity == .error }, "\(findings)")
        return try #require(catalog.tables["t"])
    }

    @Test(arguments: [
        ("v varchar(501)", false),           // 24 + MAXALIGN(501 × 4 + 4) = 2032: not past the threshold
        ("v varchar(502)", true),            // 24 + 2016 = 2040
        ("c char(8), r real", false),
        ("c char(509)", true),
        ("c character", false),              // character(1)
        ("n numeric(18,6), t timestamptz", false),
        ("n numeric", true),                 // no maximum
        ("b bool, n numeric(1000,2)", false), // numeric_maximum_size(1000) = 8 + 251 × 2
        ("i int8, t timestamptz", false),    // nothing toastable
        ("t text", true),
        ("j jsonb, i int4", true),
        ("j json", true),
        ("i interval, t timestamptz", false), // fixed-length types carried as text
        ("m macaddr, o oid, n name", false),
        ("z timetz, mo money", false),
        ("b bytea", true),
        ("a inet", true),
        ("x int4[]", true),
        ("v varbit(16000)", false),          // 24 + (16000 + 7) / 8 + 8 = 2032
        ("v varbit(16100)", true),           // 24 + MAXALIGN(2021) = 2048
        ("v bit(16000)", false),
        ("v bit(16100)", true),
        ("v varbit", true),
    ])
    func matchesTheServer(columns: String, toast: Bool) throws {
        #expect(ToastTableRule.needsToastTable(try Self.table(columns)) == toast, "\(columns)")
    }

    /// A domain column gets one even over varchar(10): `type_maximum_size` is asked about the
    /// domain's OID, which has no maximum (reltoastrelid <> 0 on the server).
    @Test func aDomainOverABoundedTypeHasNoMaximum() throws {
        let sql = "CREATE DOMAIN d10 AS varchar(10);\nCREATE TABLE t (v d10);"
        let (findings, catalog) = MigrationCheck.run(files: [("t.sql", sql)])
        #expect(!findings.contains { $0.severity == .error }, "\(findings)")
        #expect(ToastTableRule.needsToastTable(try #require(catalog.tables["t"])))
    }

    @Test func everyNQPTableHasOne() {
        for table in NQPTables.all.values { #expect(RelationSizeModel.hasToastTable(table), "\(table.name)") }
    }

    /// A table without one predicts no TOAST relation.
    @Test func noToastRelationPredicted() throws {
        var rows = RowSet(table: try Self.table("c char(8), r real"))
        rows.append(row: [.text("ab"), .float(1.5)])
        let sizes = try RelationSizeModel.predict(rows: rows, build: { _ in .bulk })
        #expect(!sizes.contains { $0.kind == .toast })
    }

    /// character(n) values are stored blank-padded to n characters: 'ab' in char(8) takes a
    /// one-byte header and 8 bytes, 'é' in char(3) two bytes and two spaces.
    @Test func blankPaddedWidths() throws {
        let table = try Self.table("c char(8), d char(3), e character")
        #expect(table.columns.map(\.blankPaddedLength) == [8, 3, 1])
        var rows = RowSet(table: table)
        rows.append(row: [.text("ab"), .text("é"), .text("x")])
        var widths = ColumnWidths(rows.columns[0])
        widths.padToCharacters(8, column: rows.columns[0])
        #expect(widths.width == [9])
        var accented = ColumnWidths(rows.columns[1])
        accented.padToCharacters(3, column: rows.columns[1])
        #expect(accented.width == [5])
    }

    /// ALTER COLUMN … TYPE carries the new type as CREATE TABLE does: char(n) padded, a column
    /// that leaves char(n) no longer padded, json kept apart from jsonb.
    @Test func alterColumnTypeCarriesPaddingAndCatalogName() throws {
        let sql = """
            CREATE TABLE t (a varchar(10), b char(8), c jsonb, d int4);
            ALTER TABLE t ALTER COLUMN a TYPE char(20), ALTER COLUMN b TYPE varchar(30), ALTER COLUMN c TYPE json;
            """
        let (findings, catalog) = MigrationCheck.run(files: [("t.sql", sql)])
        #expect(!findings.contains { $0.severity == .error }, "\(findings)")
        let table = try #require(catalog.tables["t"])
        #expect(table.columns.map(\.type) == [.text, .varchar(30), .json, .int4])
        #expect(table.columns.map(\.catalogType) == ["bpchar", nil, nil, nil])
        #expect(table.columns.map(\.blankPaddedLength) == [20, nil, nil, nil])
        let (refused, _) = MigrationCheck.run(files: [("t.sql", "CREATE TABLE t (a int4);\nALTER TABLE t ALTER COLUMN a TYPE nosuchtype;")])
        #expect(refused.contains { $0.severity == .error && $0.message == #"type "nosuchtype" does not exist"# }, "\(refused)")
    }
}
