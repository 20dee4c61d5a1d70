import ArgumentParser
import Foundation
import PostgresModel
import Schema
import Storage

/// `chunkwise size`: predicted PostgreSQL 15 relation sizes for a table loaded from a COPY file.
struct SizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "size",
        abstract: "Predict PostgreSQL 15 relation sizes (heap, TOAST, B-tree, BRIN, per fork) for loaded data.")

    @Option(name: .customLong("schema"), help: "Migration SQL files defining the table (optional for built-in NQP tables).")
    var schema: [String] = []

    @Option(help: "The table the data belongs to (built-in: market_data, predictions, block_predictions, tickers).")
    var table: String

    @Option(help: "A COPY CSV file (with header) of the table's rows, in load order.")
    var data: String

    @Option(name: .customLong("index-build"), help: "bulk: indexes built after the load; incremental: indexes present during COPY.")
    var indexBuild: String = "bulk"

    @Option(name: .customLong("bulk-index"), help: "With --index-build incremental: an index built after the load anyway (repeatable).")
    var bulkIndexes: [String] = []

    @Flag(help: "Print one JSON document.")
    var json = false

    func validate() throws {
        guard IndexBuild(rawValue: indexBuild) != nil else {
            throw ValidationError("--index-build must be bulk or incremental, not \"\(indexBuild)\"")
        }
    }

    func run() throws {
        let definition = try SchemaFiles.table(named: table, schemaFiles: schema)
        let loaded = try CopyReader(table: definition, loadTime: Int64(Date().timeIntervalSince1970 * 1_000_000)).load(path: data)
        let rows = loaded.rows
        // COPY into the table would stop at the first duplicate key of a unique index: so does `size`.
        do { _ = try UniqueKeyMerge.merge(existing: RowSet(table: definition), incoming: rows) } catch {
            let line = error.incomingRow < loaded.lines.count ? Int(loaded.lines[error.incomingRow]) : 0
            throw CopyError(error, file: data == "-" ? "<stdin>" : data, line: line, table: definition.name)
        }
        let mode = IndexBuild(rawValue: indexBuild) ?? .bulk
        let bulk = Set(bulkIndexes)
        let now = Int64(Date().timeIntervalSince1970 * 1_000_000)
        let sizes = try RelationSizeModel.predict(rows: rows, build: { bulk.contains($0.name) ? .bulk : mode },
                                                  context: EvaluationContext(now: now))
        let total = sizes.reduce(0) { $0 + $1.totalBytes }
        if json {
            let relations = sizes.map { r -> [String: Any] in
                ["name": r.name, "kind": r.kind.rawValue, "main_bytes": r.mainBytes, "fsm_bytes": r.fsmBytes, "vm_bytes": r.vmBytes]
            }
            let doc: [String: Any] = ["relations": relations, "total_bytes": total]
            let out = try JSONSerialization.data(withJSONObject: doc, options: [.sortedKeys])
            print(String(decoding: out, as: UTF8.self))
            return
        }
        print("predicted PostgreSQL 15 bytes, \(rows.count) rows of \(definition.name), index build: \(mode.rawValue)")
        let width = max(30, sizes.map(\.name.count).max() ?? 0)
        func pad(_ s: String, _ n: Int) -> String { s + String(repeating: " ", count: max(0, n - s.count)) }
        func lpad(_ s: String, _ n: Int) -> String { String(repeating: " ", count: max(0, n - s.count)) + s }
        print(pad("relation", width) + "  " + pad("kind", 6) + lpad("main", 14) + lpad("fsm", 10) + lpad("vm", 10))
        for r in sizes {
            print(pad(r.name, width) + "  " + pad(r.kind.rawValue, 6) + lpad("\(r.mainBytes)", 14) + lpad("\(r.fsmBytes)", 10) + lpad("\(r.vmBytes)", 10))
        }
        print(pad("total", width) + "  " + pad("", 6) + lpad("\(total)", 14))
    }
}
