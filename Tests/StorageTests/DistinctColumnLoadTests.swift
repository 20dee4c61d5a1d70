import Testing
import Schema
@testable import Storage

/// A column that is a unique key by itself is read plain from its first row (a dictionary of
/// all-different values would be filled and dropped again); other columns stay coded, and the
/// values are the same either way.
@Suite struct DistinctColumnLoadTests {
    static func table(_ sql: String) throws -> TableDefinition {
        var catalog = SchemaCatalog()
        for statement in try SQLParser.parse(text: sql, file: "t.sql") { _ = catalog.apply(statement) }
        return try #require(catalog.tables["t"])
    }

    static let csv = "id,tag,name\n" + (0..<40).map { i in
        let hex = String(i, radix: 16)
        let id = "00000000-0000-4000-8000-" + String(repeating: "0", count: 12 - hex.count) + hex
        return "\(id),aaaaaaaa-0000-4000-8000-00000000000\(i % 3),n\(i % 2)"
    }.joined(separator: "\n") + "\n"

    static func coded(_ rows: RowSet, _ name: String) throws -> Bool {
        switch try #require(rows.column(name)).storage {
        case .uuid(let c): return c.distinctValues != nil
        case .string(let c): return c.distinctValues != nil
        default: return false
        }
    }

    @Test func aPrimaryKeyIsReadPlain() throws {
        let keyed = try Self.table("CREATE TABLE t (id uuid PRIMARY KEY, tag uuid NOT NULL, name text UNIQUE);")
        let rows = try CopyReader(table: keyed, loadTime: 0).read(string: Self.csv)
        #expect(try !Self.coded(rows, "id"))
        #expect(try !Self.coded(rows, "name"))
        #expect(try Self.coded(rows, "tag"))
        // The same rows, value for value, as a table without the keys reads them.
        let plain = try Self.table("CREATE TABLE t (id uuid, tag uuid NOT NULL, name text);")
        let unkeyed = try CopyReader(table: plain, loadTime: 0).read(string: Self.csv)
        #expect(try Self.coded(unkeyed, "id"))
        for name in ["id", "tag", "name"] {
            let a = try #require(rows.column(name)), b = try #require(unkeyed.column(name))
            #expect((0..<rows.count).allSatisfy { a.value(at: $0) == b.value(at: $0) }, "\(name)")
        }
    }

    @Test func aPartialOrCompositeKeyIsNot() throws {
        let t = try Self.table("CREATE TABLE t (id uuid, tag uuid NOT NULL, name text, UNIQUE (id, tag)); CREATE UNIQUE INDEX ON t (name) WHERE name <> '';")
        let rows = try CopyReader(table: t, loadTime: 0).read(string: Self.csv)
        #expect(try Self.coded(rows, "id"))
        #expect(try Self.coded(rows, "name"))
    }
}
