import Schema
import Storage
import Testing

/// A header name that differs from a column only in case or surrounding spaces is refused as
/// PostgreSQL refuses `\copy m ("TS") …` (`column "TS" of relation "m" does not exist`), with a hint
/// naming the column it would be, not the hint for a file without its header line.
struct HeaderNameHintTests {
    static func table() throws -> TableDefinition {
        var catalog = SchemaCatalog()
        for statement in try SQLParser.parse(text: "CREATE TABLE m (ts timestamptz NOT NULL, k text, v int);\n", file: "m.sql") {
            _ = catalog.apply(statement)
        }
        return try #require(catalog.tables["m"])
    }

    @Test(arguments: [("TS,K,V\n", "TS", 1, "ts"), ("ts, k ,v\n", " k ", 2, "k")])
    func aNearNameSaysWhichColumn(header: String, name: String, field: Int, column: String) throws {
        let reader = CopyReader(table: try Self.table(), loadTime: 0)
        do {
            _ = try reader.read(string: header + "2024-01-01 00:00:00+00,a,1\n", file: "m.csv")
            Issue.record("accepted \(header)")
        } catch {
            #expect(error.description == "m.csv:1:\(field): column \"\(name)\": column \"\(name)\" of relation \"m\" does not exist\n"
                    + "HINT:  header names match columns exactly (case and spaces count, as in a quoted identifier): "
                    + "\"\(name)\" would be \"\(column)\"")
        }
    }

    @Test func aLineNamingNoColumnStillAsksForTheHeader() throws {
        let reader = CopyReader(table: try Self.table(), loadTime: 0)
        do {
            _ = try reader.read(string: "2024-01-01 00:00:00+00,a,1\n", file: "m.csv")
            Issue.record("accepted a file without its header")
        } catch {
            #expect(error.description.hasSuffix("add the header line the export lacks"), "\(error.description)")
        }
    }
}
