import Foundation
import PostgresModel
import Schema
import Storage

/// The hypertable settings every data command takes from the migrations when no flag gives them,
/// and otherwise TimescaleDB's own defaults: one rule for `simulate`, `compare`, `query` and `size`.
extension TableResolution {
    /// TimescaleDB's default `chunk_time_interval` for a timestamptz time column (7 days,
    /// `create_hypertable` without `chunk_time_interval`), as interval text for help texts.
    public static let timescaleDefaultChunkIntervalText = "7 days"

    /// `chunk_time_interval` in µs when no flag gives it: the migrations' `create_hypertable`,
    /// else TimescaleDB's default (7 days). An integer time column's interval is its integer (in
    /// the column's units, which may be far below a second).
    public var defaultChunkInterval: Int64 {
        if let h = table.hypertable, let given = h.chunkInterval,
           let ci = table.columnIndex(h.timeColumn), table.columns[ci].type.isInteger, given.months == 0, given.days == 0, given.microseconds > 0 {
            return given.microseconds
        }
        if let given = table.hypertable?.chunkInterval, let us = try? IntervalText.chunkInterval(given.description) { return us }
        return HypertableOptions.defaultChunkInterval
    }

    /// The chunk interval in µs: `flag` (interval text) when given, else ``defaultChunkInterval``.
    /// On an integer time column (`timeColumn`, else the hypertable's or the default one) it is in
    /// the column's units (``IntegerTimeAxis/chunkInterval(_:type:unit:flag:)``, `unit` turning
    /// interval text into them).
    public func chunkInterval(flag: String?, timeColumn: String? = nil, unit: IntegerTimeUnit? = nil) throws(ScenarioError) -> Int64 {
        guard let flag else { return defaultChunkInterval }
        let column = timeColumn ?? table.hypertable?.timeColumn ?? defaultTimeColumn
        if let type = table.column(column)?.type, type.isInteger {
            return try IntegerTimeAxis.chunkInterval(flag, type: type, unit: unit)
        }
        return try IntervalText.chunkInterval(flag)
    }

    /// The hypertable's time column when no flag names it (``TableDefinition/marketDataTimeColumn``).
    public var defaultTimeColumn: String { table.marketDataTimeColumn ?? "timestamp" }
}

extension TableResolution {
    /// The table `plan` models when `--table` is not given: market_data, unless the migrations
    /// create tables but not market_data; then the one hypertable they create
    /// (`create_hypertable`, `CREATE TABLE … WITH (tsdb.hypertable)`), or the one table when none
    /// is made a hypertable. Otherwise the candidates (the hypertables, else the tables), of which
    /// `--table` must name one. Files that cannot be read or parsed leave market_data (resolving it
    /// reports them).
    public static func defaultTable(files: [String]) -> Result<String, AmbiguousTable> {
        var created: [String] = [], hypertables: [String] = []
        let target = TimescaleTarget()
        for path in files {
            guard let data = FileManager.default.contents(atPath: path),
                  let statements = try? SQLParser.parse(text: String(decoding: data, as: UTF8.self), file: path) else { return .success("market_data") }
            let replayed = statements.flatMap { s -> [SQLStatement] in
                if case .success(let steps)? = TimescaleCreateTable.expand(s, target: target) { return steps }
                return [s]
            }
            for statement in replayed {
                switch statement.kind {
                case .createTable(let t): created.append(t.name)
                case .functionCall(let call) where call.name.lowercased() == "create_hypertable":
                    if let name = call.argument("relation", position: 0)?.textValue { hypertables.append(relationName(name)) }
                default: break
                }
            }
        }
        if created.isEmpty || created.contains("market_data") { return .success("market_data") }
        func distinct(_ names: [String]) -> [String] { names.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } } }
        let candidates = hypertables.isEmpty ? distinct(created) : distinct(hypertables)
        return candidates.count == 1 ? .success(candidates[0]) : .failure(AmbiguousTable(candidates: candidates))
    }

    /// Migrations that create several candidate tables and no market_data.
    public struct AmbiguousTable: Error, Sendable, CustomStringConvertible {
        public var candidates: [String]

        public var description: String {
            "the migrations create \(candidates.map { "\"\($0)\"" }.joined(separator: ", ")) and no market_data: name the table with --table"
        }
    }
}
