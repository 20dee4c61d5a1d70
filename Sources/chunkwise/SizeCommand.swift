import ArgumentParser
import Foundation
import Planner
import PostgresModel
import Report
import Schema
import Storage

/// `chunkwise size`: predicted PostgreSQL 15 relation sizes for a table loaded from a COPY file.
struct SizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "size",
        abstract: "Predict PostgreSQL 15 relation sizes (heap, TOAST, B-tree, BRIN, per fork) for loaded data.")

    @Option(name: .customLong("schema"), parsing: .upToNextOption, help: ArgumentHelp(TableHelp.schema))
    var schema: [String] = []

    @Option(help: ArgumentHelp(TableHelp.table))
    var table: String

    @Option(help: "A COPY CSV file (with header) of the table's rows, in load order ('-' reads standard input).")
    var data: String

    @Option(name: .customLong("index-build"), help: "bulk: indexes built after the load; incremental: indexes present during COPY.")
    var indexBuild: String = "bulk"

    @Option(name: .customLong("bulk-index"), help: "With --index-build incremental: an index built after the load anyway (repeatable).")
    var bulkIndexes: [String] = []

    @Option(name: .customLong("table-oid"), parsing: .unconditional,
            help: "The table's OID in the target database (SELECT 'TABLE'::regclass::oid), to name its TOAST relation pg_toast.pg_toast_<oid> as pg_class shows it.")
    var tableOID: UInt32?

    @Flag(help: "Print one JSON document (same as --format json).")
    var json = false

    @Option(help: "table, json or markdown.")
    var format: ReportFormat?

    @Option(help: "Write the report to this file instead of standard output.")
    var out: String?

    func validate() throws {
        try ReportOutput.validate(format, json: json, for: SizeReport.self)
        guard IndexBuild(rawValue: indexBuild) != nil else {
            throw ValidationError("--index-build must be bulk or incremental, not \"\(indexBuild)\"")
        }
    }

    func run() throws {
        let resolution = try TableResolution.resolve(table: table, files: schema)
        for w in resolution.warnings { ReportOutput.standardError(w + "\n") }
        // Indexes the model cannot size are left out (and said so), not a reason to refuse the table.
        var (definition, omissions) = SizeModelOmissions.apply(to: resolution.table)
        if let key = definition.partitionKey {
            // Rows are not routed by partition bounds: the figures are of one table holding them all.
            omissions.append("WARNING: \"\(definition.name)\" is partitioned (PARTITION BY \(key.strategy.rawValue.uppercased())): "
                             + "PostgreSQL stores its rows in its partitions and the parent holds none; these sizes are of one "
                             + "table holding every row (each partition has its own heap and indexes, with their own last pages)")
        }
        for w in omissions { ReportOutput.standardError(w + "\n") }
        let now = WallClock.microseconds
        let loaded = try CopyReader(table: definition, loadTime: now).load(path: data)
        let rows = loaded.rows
        // COPY into the table would stop at the first duplicate key of a unique index: so does `size`.
        do { _ = try UniqueKeyMerge.merge(existing: RowSet(table: definition), incoming: rows) } catch {
            let line = error.incomingRow < loaded.lines.count ? Int(loaded.lines[error.incomingRow]) : 0
            throw CopyError(error, file: data == "-" ? "<stdin>" : data, line: line, table: definition.name)
        }
        let mode = IndexBuild(rawValue: indexBuild) ?? .bulk
        let bulk = Set(bulkIndexes)
        let sizes: [RelationSize]
        do {
            sizes = try RelationSizeModel.predict(rows: rows, build: { bulk.contains($0.name) ? .bulk : mode },
                                                  context: EvaluationContext(now: now))
        } catch {
            // PostgreSQL refuses the row (during COPY, or in CREATE INDEX after it): so does `size`.
            guard case .indexRowTooLarge(let v) = error else { throw error }
            let line = v.row < loaded.lines.count ? Int(loaded.lines[v.row]) : 0
            let field = loaded.headerColumns.firstIndex(of: v.column).map { $0 + 1 }
            throw CopyError(v, file: data == "-" ? "<stdin>" : data, line: line, field: field, table: definition.name)
        }
        var report = SizeReport(table: definition.name, rows: rows.count, indexBuild: mode, sizes: sizes, tableOID: tableOID)
        report.warnings = omissions.isEmpty ? nil : omissions
        try ReportOutput.emit(report, as: ReportOutput.format(format, json: json), out: out)
    }
}
