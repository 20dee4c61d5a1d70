import Schema

/// The dimensions after the time dimension (space partitioning), as TimescaleDB validates them:
/// legacy `create_hypertable(…, partitioning_column, number_partitions)`, `add_dimension` in both
/// forms, and the statements that must respect every partitioning column afterwards.
extension TimescaleRules {
    /// The largest `number_partitions` (`IS_VALID_NUM_SLICES`: 1 … `PG_INT16_MAX`).
    static let maximumPartitions = Int(Int16.max)

    /// src/dimension.c `dimension_info_validate_closed`: the column exists and the number of
    /// partitions is 1 … 32767. `int16Argument`: legacy `create_hypertable` reads its int4
    /// `number_partitions` with `PG_GETARG_INT16`, keeping the low 16 bits (65,537 reads as 1).
    static func closedDimension(column: String, partitions argument: FunctionCall.Argument?, in table: TableDefinition,
                                int16Argument: Bool) -> Result<HypertableDefinition.AdditionalDimension, CatalogDiagnostic> {
        guard table.columnIndex(column) != nil else {
            return .failure(CatalogDiagnostic(severity: .error, message: "column \"\(column)\" does not exist", sqlState: "42703"))
        }
        var count: Int?
        if let text = argument?.textValue, let v = Int32(text.trimmingCharacters(in: .whitespaces)) {
            count = int16Argument ? Int(Int16(truncatingIfNeeded: v)) : Int(v)
        }
        guard let n = count, (1...maximumPartitions).contains(n) else {
            return .failure(CatalogDiagnostic(severity: .error, message: "invalid number of partitions for dimension \"\(column)\"",
                                              kind: .invalidArgument, sqlState: "22023",
                                              hint: "A closed (space) dimension must specify between 1 and \(maximumPartitions) partitions."))
        }
        return .success(.init(column: column, partitioning: .hash(partitions: n)))
    }

    /// src/indexing.c `ts_indexing_verify_index`: the first partitioning column (time first) some
    /// unique index lacks, or nil.
    static func firstMissingPartitioningColumn(in indexes: [IndexDefinition], partitioning: [String]) -> String? {
        for index in indexes where index.unique {
            if let missing = partitioning.first(where: { !index.keyColumns.contains($0) }) { return missing }
        }
        return nil
    }

    /// The first partitioning column a unique key of `keyColumns` lacks on `table`, or nil.
    static func missingPartitioningColumn(_ keyColumns: [String], hypertable: HypertableDefinition) -> String? {
        hypertable.partitioningColumns.first { !keyColumns.contains($0) }
    }

    /// `add_dimension(hypertable, column_name, number_partitions => …| chunk_time_interval => …,
    /// partitioning_func, if_not_exists)` (src/dimension.c `ts_dimension_add`) and 2.13+'s
    /// `add_dimension(hypertable, by_hash(column, n) | by_range(column, interval), if_not_exists)`,
    /// in the order the C code checks: what was given, the hypertable, the dimension
    /// (`ts_dimension_info_validate`), chunks, then every unique index.
    static func addDimension(_ call: FunctionCall, catalog: inout SchemaCatalog, target: TimescaleTarget) -> [CatalogDiagnostic] {
        guard let relation = call.argument("hypertable", position: 0)?.textValue else { return [] }
        func invalid(_ message: String) -> [CatalogDiagnostic] {
            [CatalogDiagnostic(severity: .error, message: message, kind: .invalidArgument, sqlState: "22023")]
        }
        let column: String?
        var partitions: FunctionCall.Argument?
        var interval: FunctionCall.Argument?
        let closed: Bool
        let ifNotExists: Bool
        let generalized: Bool
        if case .call(let info)? = call.argument("dimension", position: 1) {
            generalized = true
            column = info.argument("column_name", position: 0)?.textValue
            closed = info.name.lowercased() == "by_hash"
            if closed { partitions = info.argument("number_partitions", position: 1) } else { interval = info.argument("partition_interval", position: 1) }
            if case .bool(let b)? = call.argument("if_not_exists", position: 2) { ifNotExists = b } else { ifNotExists = false }
        } else {
            generalized = false
            column = call.argument("column_name", position: 1)?.textValue
            partitions = call.argument("number_partitions", position: 2).flatMap { $0 == .null ? nil : $0 }
            interval = call.argument("chunk_time_interval", position: 3).flatMap { $0 == .null ? nil : $0 }
            if case .bool(let b)? = call.argument("if_not_exists", position: 5) { ifNotExists = b } else { ifNotExists = false }
            if partitions == nil && interval == nil { return invalid("must specify either the number of partitions or an interval") }
            closed = partitions != nil
        }
        if let d = requireHypertable(relation, catalog: catalog) { return [d] }
        if !generalized && partitions != nil && interval != nil { return invalid("cannot specify both the number of partitions and an interval") }
        let name = unqualified(relation)
        guard var table = catalog.tables[name], var hyper = table.hypertable, let column else { return [] }
        guard let ci = table.columnIndex(column) else {
            return [CatalogDiagnostic(severity: .error, message: "column \"\(column)\" does not exist", sqlState: "42703")]
        }
        if hyper.partitioningColumns.contains(column) {
            if ifNotExists { return [.notice("column \"\(column)\" is already a dimension, skipping")] }
            return [CatalogDiagnostic(severity: .error, message: "column \"\(column)\" is already a dimension", kind: .invalidArgument)]
        }
        let dimension: HypertableDefinition.AdditionalDimension
        var out: [CatalogDiagnostic] = []
        if closed {
            switch closedDimension(column: column, partitions: partitions, in: table, int16Argument: false) {
            case .failure(let d): return [d]
            case .success(let d): dimension = d
            }
        } else {
            switch dimensionInterval(interval, column: column, type: table.columns[ci].type, target: target) {
            case .failure(let e): return [e.diagnostic]
            case .success(let i): dimension = .init(column: column, partitioning: .range(interval: i))
            }
        }
        if catalog.tablesWithRows.contains(name) {
            return [CatalogDiagnostic(severity: .error, message: "hypertable \"\(name)\" has tuples or empty chunks", kind: .invalidArgument,
                                      sqlState: "0A000")]
        }
        hyper.additionalDimensions.append(dimension)
        if let missing = firstMissingPartitioningColumn(in: table.uniqueIndexes, partitioning: hyper.partitioningColumns) {
            return [.uniqueIndexLacksPartitioningColumn(missing)]
        }
        if !closed && !table.columns[ci].notNull {
            // src/dimension.c dimension_add_not_null_on_column: open dimensions only.
            out.append(.notice("adding not-null constraint to column \"\(column)\""))
            table.columns[ci].notNull = true
        }
        table.hypertable = hyper
        catalog.update(table)
        return out
    }

    /// What TimescaleDB's ALTER TABLE hooks refuse on a hypertable before PostgreSQL runs the
    /// action: dropping a partitioning column (src/process_utility.c
    /// `process_altertable_drop_column`), a segmentby or orderby column while compression is on
    /// (tsl/src/compression/create.c `tsl_process_compress_table_drop_column`), and the time
    /// column's NOT NULL (`process_altertable_drop_not_null`).
    static func alterTableRefusal(_ action: AlterTable.Action, hypertable hyper: HypertableDefinition,
                                  target: TimescaleTarget) -> CatalogDiagnostic? {
        switch action {
        case .addConstraint(let c):
            // src/process_utility.c process_altertable_start_table (AT_AddIndexConstraint).
            if case .usingIndex = c.kind {
                return CatalogDiagnostic(severity: .error, message: "hypertables do not support adding a constraint using an existing index",
                                         kind: .invalidArgument, sqlState: "0A000")
            }
            return nil
        case .dropColumn(let column, _):
            if hyper.partitioningColumns.contains(column) {
                return CatalogDiagnostic(severity: .error, message: "cannot drop column named in partition key",
                                         kind: .invalidArgument, sqlState: "42P16")
            }
            if hyper.compressionEnabled, hyper.segmentBy.contains(column) || hyper.orderBy.contains(where: { $0.column == column }) {
                // 2.18 renamed compression to columnstore in this message, as in the policy errors.
                let word = target.columnstoreWord
                return CatalogDiagnostic(severity: .error, message: "cannot drop orderby or segmentby column from a hypertable with \(word) enabled",
                                         kind: .invalidArgument, sqlState: "0A000")
            }
        case .other(let text):
            // src/process_utility.c: on a hypertable with the columnstore enabled only the listed
            // subcommands pass; row security and VALIDATE CONSTRAINT are not among them.
            let words = text.uppercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
            let blocked = words.hasSuffix("ROW LEVEL SECURITY") || words.hasPrefix("VALIDATE CONSTRAINT")
            if hyper.compressionEnabled, blocked {
                let word = target.columnstoreWord
                return CatalogDiagnostic(severity: .error, message: "operation not supported on hypertables that have \(word) enabled",
                                         kind: .invalidArgument, sqlState: "0A000")
            }
        case .alterColumnNotNull(let column, let set):
            let open = [hyper.timeColumn] + hyper.additionalDimensions.compactMap {
                if case .range = $0.partitioning { return $0.column } else { return nil }
            }
            if !set && open.contains(column) {
                return CatalogDiagnostic(severity: .error, message: "cannot drop not-null constraint from a time-partitioned column",
                                         kind: .invalidArgument)
            }
        default:
            break
        }
        return nil
    }
}
