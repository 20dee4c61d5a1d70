import Foundation
import PostgresModel
import Schema

/// Reads `simulate --schema` migrations. Unlike `size`, it does not stop at the one error
/// `simulate` is meant to get past: `create_hypertable` on a table whose unique constraints lack the
/// time column. Those constraints are dropped (as a hypertable would need), the call is replayed,
/// and the drop is reported as a warning; any other error still fails.
enum SimulateSchema {
    struct Loaded {
        var table: TableDefinition
        var warnings: [String]
    }

    /// Replays the files on an empty catalog (they create the table), else on the built-in NQP
    /// tables (they only alter them, like a 008 migration on its own).
    static func load(table name: String, files: [String]) throws -> Loaded {
        do {
            return try load(table: name, files: files, catalog: SchemaCatalog())
        } catch {
            let builtIn = SchemaCatalog(tables: NQPTables.all.keys.sorted().compactMap { NQPTables.all[$0] })
            guard let loaded = try? load(table: name, files: files, catalog: builtIn) else { throw error }
            return loaded
        }
    }

    private static func load(table name: String, files: [String], catalog start: SchemaCatalog) throws -> Loaded {
        var catalog = start
        var warnings: [String] = []
        let target = TimescaleTarget()
        for path in files {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw SimulateFailure("could not open file \"\(path)\" for reading: No such file or directory")
            }
            let statements: [SQLStatement]
            do {
                statements = try SQLParser.parse(text: String(decoding: data, as: UTF8.self), file: path)
            } catch {
                throw SimulateFailure("\(path):\(error.location.line): \(error.message)")
            }
            for statement in statements {
                var before = catalog
                var diagnostics = MigrationCheck.apply(statement, to: &before, target: target)
                if let column = partitioningColumn(in: diagnostics) {
                    before = catalog
                    for tableName in catalog.tableOrder where tableName == hypertableName(statement) {
                        guard var t = catalog.tables[tableName], t.columnIndex(column) != nil else { continue }
                        let lacking = t.indexes.filter { $0.unique && !$0.keyColumns.contains(column) }
                        guard !lacking.isEmpty else { continue }
                        t.indexes.removeAll { $0.unique && !$0.keyColumns.contains(column) }
                        before.update(t)
                        for index in lacking {
                            warnings.append("WARNING: \(path):\(statement.location.line): unique constraint \"\(index.name)\" on "
                                + "\(tableName)(\(index.keyColumns.joined(separator: ", "))) does not include the partitioning column "
                                + "\"\(column)\"; TimescaleDB rejects create_hypertable here, so the constraint was dropped for this "
                                + "simulation (run `chunkwise check` on the migrations to see the error)")
                        }
                    }
                    diagnostics = MigrationCheck.apply(statement, to: &before, target: target)
                }
                if let error = diagnostics.first(where: { $0.severity == .error }) {
                    throw SimulateFailure("\(path):\(statement.location.line): \(error.message) (run `chunkwise check` for all findings)")
                }
                catalog = before
            }
        }
        guard let table = catalog.tables[name] else { throw SimulateFailure("relation \"\(name)\" does not exist") }
        return Loaded(table: table, warnings: warnings)
    }

    /// The table a `create_hypertable(relation, …)` call names, without schema or quotes.
    private static func hypertableName(_ statement: SQLStatement) -> String? {
        guard case .functionCall(let call) = statement.kind,
              let text = call.argument("relation", position: 0)?.textValue else { return nil }
        let last = text.split(separator: ".").last.map(String.init) ?? text
        return last.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
    }

    /// The column of TimescaleDB's "cannot create a unique index without the column … (used in partitioning)".
    private static func partitioningColumn(in diagnostics: [CatalogDiagnostic]) -> String? {
        for d in diagnostics where d.severity == .error && d.message.hasSuffix("(used in partitioning)") {
            let parts = d.message.split(separator: "\"")
            if parts.count >= 2 { return String(parts[1]) }
        }
        return nil
    }
}
