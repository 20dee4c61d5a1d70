import Foundation
import PostgresModel
import Schema

/// How every data command (`simulate`, `compare`, `size`, `query`, `plan`) turns `--table` and
/// `--schema`/`--migrations` files into one table definition: built-in NQP tables (plus the
/// `market_data_numeric14_4` alias), replaced or extended by migration SQL replayed in order.
///
/// A `create_hypertable` on a table whose unique constraints lack the time column is refused by
/// real TimescaleDB; the replay drops those constraints (as a hypertable would need), carries on,
/// and reports each drop as a warning that points to `chunkwise check`. Every other error the
/// server would give stops the replay. A statement that could change the hypertable but is not
/// modelled (``UnmodelledStatement``) is a warning naming its file and line.
public struct TableResolution: Sendable {
    /// The resolved table, with its `hypertable` settings when the migrations made it one.
    public var table: TableDefinition
    /// Constraints dropped for TimescaleDB, as warnings for stderr.
    public var warnings: [String]
    /// Index definitions the migrations refused to create because PostgreSQL would refuse them.
    public var droppedConstraints: [IndexDefinition]
    /// Where the migrations last set each hypertable setting of the table, so that a value a command
    /// refuses is reported with its file and line rather than the flag it stands in for.
    public var sources: [HypertableSetting: SQLLocation] = [:]
    /// The tables the resolved table's foreign keys reference, theirs before them (creation
    /// order), as the migrations define them: `migrate` writes them so the keys can be written.
    public var referencedTables: [TableDefinition] = []
    /// The continuous aggregates the migrations leave defined, with their policies.
    public var continuousAggregates: [ContinuousAggregateSetup] = []
    /// The migrations' row-level security, policy and GRANT/REVOKE statements on the table, in
    /// order, as written (``TableAccessStatements``).
    public var accessStatements: [String] = []

    /// A hypertable setting the migrations give (each stands in for a `plan` flag).
    public enum HypertableSetting: String, Sendable, Hashable {
        /// `create_hypertable` itself (the time column).
        case hypertable
        /// `chunk_time_interval` (`--chunk-interval`).
        case chunkInterval = "chunk-interval"
        /// The compression policy's `compress_after` (`--compress-after`).
        case compressAfter = "compress-after"
        /// The retention policy's `drop_after` (`--retain`).
        case retain
        /// Space (hash) or further range dimensions (`simulate --partitions`/`--partition-column`).
        case dimensions = "partitions"
        /// The columnstore settings: `timescaledb.compress` and its segmentby/orderby (`--segmentby`, `--orderby`).
        case compression = "segmentby"
    }

    /// The warning for compression the migrations enable without `compress_segmentby`: TimescaleDB
    /// picks a segmentby for each chunk from the table's indexes and statistics; the figures use
    /// `chosen`, ``TimescaleSegmentByDefault``'s reading of the indexes.
    public static func defaultedSegmentByWarning(table: String, at: SQLLocation?, chosen: [String], flag: String) -> String {
        let place = at.map { "\($0.file):\($0.line): " } ?? ""
        let used = chosen.isEmpty ? "no segmentby (no index column qualifies)" : "segmentby \(chosen.joined(separator: ", ")) (from the table's indexes)"
        return "WARNING: \(place)compression on \"\(table)\" is enabled without compress_segmentby: TimescaleDB picks a segmentby "
            + "for each chunk from the table's indexes and statistics; the figures use \(used), and the server may choose "
            + "otherwise on skewed statistics; give the segmentby (\(flag) or compress_segmentby) to be sure"
    }

    /// The warning for compression without `compress_orderby` where TimescaleDB's default from the
    /// indexes (``TimescaleOrderByDefault``) is more than the time column DESC: the figures use it,
    /// as the server would.
    public static func defaultedOrderByWarning(table: String, at: SQLLocation?, chosen: [CompressionOrderKey], flag: String) -> String {
        let place = at.map { "\($0.file):\($0.line): " } ?? ""
        let used = chosen.map(\.description).joined(separator: ", ")
        return "WARNING: \(place)compression on \"\(table)\" has no compress_orderby: TimescaleDB orders each segment by the "
            + "first unique index's columns, then the dimensions, then other indexes' leading columns, so the figures use "
            + "orderby \(used); give the orderby (\(flag) or compress_orderby) to choose it"
    }

    /// A warning for a command that does not model the space dimensions the migrations add (nil
    /// when they add none): its chunks would be split `number_partitions` ways on the server.
    public func unmodelledDimensionWarning(command: String) -> String? {
        guard let dims = table.hypertable?.additionalDimensions, !dims.isEmpty else { return nil }
        let listed = dims.map { d -> String in
            switch d.partitioning {
            case .hash(let n): return "\"\(d.column)\" (\(n) hash partitions)"
            case .range: return "\"\(d.column)\" (ranges)"
            }
        }.joined(separator: ", ")
        let at = sources[.dimensions].map { "\($0.file):\($0.line): " } ?? ""
        return "WARNING: \(at)the hypertable \"\(table.name)\" is also partitioned by \(listed); \(command) models the time dimension "
            + "only, so its chunk counts and per-chunk figures are those of one partition per time slice "
            + "(`chunkwise simulate` models a hash dimension, and `migrate` keeps it in the SQL it writes)"
    }

    /// Built-in names: the NQP tables and `market_data_numeric14_4`.
    public static var builtInNames: [String] { (NQPTables.all.keys.sorted() + ["market_data_numeric14_4"]) }

    /// The built-in definition for `name`, or nil.
    public static func builtIn(_ name: String) -> TableDefinition? {
        if name == "market_data_numeric14_4" { return NQPTables.marketDataNumeric14_4 }
        return NQPTables.all[name]
    }

    /// Resolves `table` from built-ins and the migration files (read from disk).
    public static func resolve(table name: String, files: [String], target: TimescaleTarget = TimescaleTarget()) throws(ScenarioError) -> TableResolution {
        var inputs: [(path: String, text: String)] = []
        for path in files {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw .file(path, "could not open file \"\(path)\" for reading: No such file or directory")
            }
            guard !isDirectory.boolValue, let data = FileManager.default.contents(atPath: path) else {
                throw .file(path, "could not read file \"\(path)\": it is a directory or not a regular file")
            }
            // psql sends the bytes as they are and the server refuses the statement holding them.
            if let bad = UTF8Validation.firstInvalid([UInt8](data)) {
                throw .file(path, "\(path):\(bad.line):\(bad.column): \(bad.message)")
            }
            inputs.append((path, String(decoding: data, as: UTF8.self)))
        }
        return try resolve(table: name, sources: inputs, target: target)
    }

    /// Resolves `table` from built-ins and migration texts (`path` names each in messages).
    public static func resolve(table given: String, sources: [(path: String, text: String)],
                               target: TimescaleTarget = TimescaleTarget()) throws(ScenarioError) -> TableResolution {
        do {
            return try resolve(exactly: given, sources: sources, target: target)
        } catch {
            // `--table trading.bars` names the table the migrations create as `trading.bars`, which
            // the catalog keeps by its relation name (one schema's tables; search_path is not
            // modelled). Tried second: a table's own name may hold dots or quotes.
            let relation = relationName(given)
            guard relation != given, case .unknownTable = error else { throw error }
            return try resolve(exactly: relation, sources: sources, target: target)
        }
    }

    private static func resolve(exactly name: String, sources: [(path: String, text: String)],
                                target: TimescaleTarget) throws(ScenarioError) -> TableResolution {
        guard !sources.isEmpty else {
            guard let t = builtIn(name) else { throw .unknownTable(name, known: builtInNames) }
            return TableResolution(table: t, warnings: uncheckedConstraintWarnings(t), droppedConstraints: [])
        }
        // Files that create the table replay on an empty catalog; files that only alter it
        // (a 008 migration on its own) replay on the built-in tables.
        do {
            return try replay(table: name, sources: sources, catalog: SchemaCatalog(), target: target)
        } catch {
            var builtIns = NQPTables.all.keys.sorted().compactMap { NQPTables.all[$0] }
            if name == "market_data_numeric14_4" { builtIns.append(NQPTables.marketDataNumeric14_4) }
            if let second = try? replay(table: name, sources: sources, catalog: SchemaCatalog(tables: builtIns), target: target) { return second }
            throw error
        }
    }

    /// The relation name of `schema.table` text as regclass reads it: the last dotted part, a
    /// quoted part taken as written (`"Odd.Name"` stays whole, `""` is `"`), an unquoted one folded
    /// to lower case.
    static func relationName(_ text: String) -> String {
        guard let last = QuotedIdentifier.nameParts(ofRegclass: text).last, !last.isEmpty else { return text }
        return last
    }

    /// One warning per CHECK constraint whose expression the evaluator does not model (a function
    /// call, a cast of a timestamp, an operator): a row whose verdict depends on that part is loaded
    /// (one the modelled parts decide is checked), so the user hears it is not fully applied.
    static func uncheckedConstraintWarnings(_ table: TableDefinition) -> [String] {
        table.checks.filter { !$0.predicate.isEvaluable }.map { check in
            "WARNING: check constraint \"\(check.name)\" on \(table.name) is not evaluated by Chunkwise where a part it does not model "
                + "decides (\(check.sql)): such rows are loaded, while PostgreSQL refuses any row that makes it false"
        } + table.columns.filter { $0.generated.map { !$0.isEvaluable } ?? false }.map { column in
            "WARNING: generated column \"\(column.name)\" of \"\(table.name)\" is not computed by Chunkwise: its values are NULL in the engine's rows and sizes"
        }
    }

    private static func replay(table name: String, sources: [(path: String, text: String)],
                               catalog start: SchemaCatalog, target: TimescaleTarget) throws(ScenarioError) -> TableResolution {
        var catalog = start
        var warnings: [String] = []
        var dropped: [IndexDefinition] = []
        var aggregates: [ContinuousAggregateSetup] = []
        var access: [(table: String, text: String)] = []
        var settingSources: [HypertableSetting: SQLLocation] = [:]
        for (path, text) in sources {
            let statements: [SQLStatement]
            do {
                statements = try SQLParser.parse(text: text, file: path)
            } catch {
                throw .migration(path, line: error.location.line, message: error.message)
            }
            // A CREATE TABLE … WITH (tsdb.hypertable, …) replays as the statements it stands for, so
            // that a key TimescaleDB refuses is dropped from the hypertable step as after create_hypertable.
            let replayed = statements.flatMap { s -> [SQLStatement] in
                if case .success(let steps)? = TimescaleCreateTable.expand(s, target: target) { return steps }
                return [s]
            }
            var block = TransactionBlock()
            for statement in replayed {
                // BEGIN … ROLLBACK undoes what the block did, as psql's session would.
                if case .notModelled = statement.kind, let control = TransactionBlock.Control(statement.text) {
                    _ = block.apply(control, catalog: &catalog, line: statement.location.line)
                    continue
                }
                var next = catalog
                var retryBase = catalog
                var diagnostics = MigrationCheck.apply(statement, to: &next, target: target)
                // One partitioning column at a time (time, then each space dimension): each retry
                // drops the constraints lacking the column the server named.
                var retries = 0
                while retries < 8, case .uniqueIndexLacksPartitioningColumn(let column)? = diagnostics.lazy.compactMap(\.reason).first {
                    retries += 1
                    let droppedBefore = dropped.count
                    next = retryBase
                    for tableName in retryBase.tableOrder {
                        guard var t = retryBase.tables[tableName], t.columnIndex(column) != nil else { continue }
                        let lacking = t.indexes.filter { $0.unique && !$0.keyColumns.contains(column) }
                        guard !lacking.isEmpty, statement.mentions(table: tableName) else { continue }
                        t.indexes.removeAll { $0.unique && !$0.keyColumns.contains(column) }
                        next.update(t)
                        for index in lacking {
                            dropped.append(index)
                            warnings.append("WARNING: \(path):\(statement.location.line): unique constraint \"\(index.name)\" on "
                                + "\(tableName)(\(index.keyColumns.joined(separator: ", "))) does not include the partitioning column "
                                + "\"\(column)\"; TimescaleDB rejects \(statement.functionName ?? "create_hypertable") here, so the constraint was dropped "
                                + "(run `chunkwise check` on the migrations to see the error)")
                        }
                    }
                    guard dropped.count > droppedBefore else { break }
                    retryBase = next
                    diagnostics = MigrationCheck.apply(statement, to: &next, target: target)
                }
                if let error = diagnostics.first(where: { $0.severity == .error }) {
                    throw .migration(path, line: statement.location.line,
                                     message: "\(error.message) (run `chunkwise check` for all findings)")
                }
                let before = catalog.tables[name]?.hypertable, after = next.tables[name]?.hypertable
                let here = statement.location
                if after != nil, before == nil { settingSources[.hypertable] = here }
                if after?.chunkInterval != before?.chunkInterval { settingSources[.chunkInterval] = here }
                if after?.compressAfter != before?.compressAfter { settingSources[.compressAfter] = here }
                if after?.dropAfter != before?.dropAfter { settingSources[.retain] = here }
                if after?.additionalDimensions != before?.additionalDimensions { settingSources[.dimensions] = here }
                if after?.compressionEnabled != before?.compressionEnabled || after?.segmentBy != before?.segmentBy
                    || after?.orderBy != before?.orderBy { settingSources[.compression] = here }
                catalog = next
                ContinuousAggregateSetup.record(statement, path: path, into: &aggregates)
                if let target = TableAccessStatements.table(of: statement.text) { access.append((target, statement.text)) }
                if let warning = UnmodelledStatement.warning(statement, path: path) { warnings.append(warning) }
            }
            if let note = block.endOfSession(catalog: &catalog) { warnings.append("WARNING: \(path): " + note) }
        }
        guard let table = catalog.tables[name] else {
            throw .unknownTable(name, known: catalog.tableOrder)
        }
        var resolution = TableResolution(table: table, warnings: warnings + uncheckedConstraintWarnings(table), droppedConstraints: dropped,
                                         sources: settingSources)
        resolution.referencedTables = referencedTables(of: table, in: catalog)
        resolution.continuousAggregates = aggregates
        resolution.accessStatements = access.filter { $0.table == name }.map(\.text)
        return resolution
    }
}

extension TableResolution {
    /// Every table `table`'s foreign keys reach (a table's own references first), itself excluded.
    static func referencedTables(of table: TableDefinition, in catalog: SchemaCatalog) -> [TableDefinition] {
        var ordered: [TableDefinition] = []
        var seen: Set<String> = [table.name]
        func visit(_ t: TableDefinition) {
            for key in t.foreignKeys where !seen.contains(key.referencedTable) {
                seen.insert(key.referencedTable)
                guard let target = catalog.tables[key.referencedTable] else { continue }
                visit(target)
                ordered.append(target)
            }
        }
        visit(table)
        return ordered
    }
}

extension SQLStatement {
    /// The called function's name, lower case, for a function-call statement.
    var functionName: String? {
        if case .functionCall(let call) = kind { return call.name.lowercased() }
        return nil
    }

    /// Whether a `create_hypertable(relation, …)` call (or any statement) names `table`.
    func mentions(table: String) -> Bool {
        guard case .functionCall(let call) = kind, let text = (call.argument("relation", position: 0) ?? call.named["hypertable"])?.textValue else { return true }
        let last = text.split(separator: ".").last.map(String.init) ?? text
        return last.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) == table
    }
}
