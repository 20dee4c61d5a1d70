import Schema

/// `CREATE TABLE … WITH (tsdb.hypertable, …)` (TimescaleDB 2.20+; `timescaledb.` is the same
/// namespace): the table, then what the options ask TimescaleDB to do with it, written as the
/// statements that do the same: `create_hypertable(…, by_range(column, interval))`, the
/// columnstore settings, and the columnstore policy TimescaleDB adds with them.
///
/// Option names and defaults are those of src/with_clause/create_table_with_clause.c
/// (`create_table_with_clauses_def`): `hypertable`; `columnstore` / `enable_columnstore` /
/// `compress` (default true); `partition_column` / `partitioning_column` (default: the first
/// column of a time type, as TimescaleDB's documentation of CREATE TABLE says); `chunk_interval`
/// (text, read as the column's interval type); `create_default_indexes`; `segmentby` / `segment_by`
/// / `compress_segmentby`; `orderby` / `order_by` / `compress_orderby`; the sparse-index and origin
/// options and the associated schema or prefix (accepted, not modelled). With the columnstore on,
/// TimescaleDB adds a columnstore policy whose `after` is the chunk interval (its CREATE TABLE
/// documentation).
public enum TimescaleCreateTable {
    /// Whether `statement` is a CREATE TABLE with TimescaleDB options.
    public static func applies(to statement: SQLStatement) -> Bool {
        guard case .createTable(let c) = statement.kind else { return false }
        return c.options.keys.contains(where: TimescaleOptionList.isTimescaleKey)
    }

    /// The statements `statement` stands for, in order (the plain CREATE TABLE first), or the
    /// refusal of its options; nil when it is not a CREATE TABLE with TimescaleDB options.
    public static func expand(_ statement: SQLStatement, target: TimescaleTarget) -> Result<[SQLStatement], CatalogDiagnostic>? {
        guard applies(to: statement), case .createTable(var create) = statement.kind else { return nil }
        let options: TimescaleOptionList
        switch TimescaleOptionList.read(create.options, definitions: TimescaleOptionList.createTable) {
        case .failure(let d): return .failure(d)
        case .success(let o): options = o
        }
        for key in create.options.keys where TimescaleOptionList.isTimescaleKey(key) { create.options[key] = nil }
        func flag(_ name: String, default value: Bool) -> Result<Bool, CatalogDiagnostic> { options.bool(name, default: value) }
        var out = [SQLStatement(location: statement.location, text: statement.text, kind: .createTable(create), psqlLine: statement.psqlLine)]
        let hypertable: Bool
        switch flag("hypertable", default: false) {
        case .failure(let d): return .failure(d)
        case .success(let b): hypertable = b
        }
        guard hypertable else { return .success(out) }
        let column: String
        if let given = options["partition_column"] {
            column = given
        } else if let first = create.columns.first(where: { $0.type?.isTimeType == true }) {
            column = first.name
        } else {
            return .failure(CatalogDiagnostic(severity: .error,
                                              message: "no partition column for hypertable \"\(create.name)\": "
                                                  + "set tsdb.partition_column (no column has a time type)",
                                              kind: .invalidArgument, sqlState: "22023"))
        }
        let type = create.columns.first { $0.name == column }?.type
        var range: [FunctionCall.Argument] = [.text(column)]
        if let interval = options["chunk_interval"] {
            // ts_create_table_parse_chunk_time_interval: the text through the column's input function
            // (int2in/int4in/int8in for integer columns, interval_in otherwise).
            if let type, type.isInteger {
                let trimmed = interval.trimmingCharacters(in: .whitespaces)
                guard let v = Int64(trimmed) else {
                    return .failure(CatalogDiagnostic(severity: .error, message: "invalid input syntax for type \(type.sqlName): \"\(interval)\"",
                                                      kind: .invalidArgument, sqlState: "22P02"))
                }
                let limit: Int64 = type == .int2 ? Int64(Int16.max) : type == .int4 ? Int64(Int32.max) : Int64.max
                guard v >= -limit - 1, v <= limit else {
                    return .failure(CatalogDiagnostic(severity: .error, message: "value \"\(interval)\" is out of range for type \(type.sqlName)",
                                                      kind: .invalidArgument, sqlState: "22003"))
                }
                range.append(.number(trimmed))
            } else {
                guard PGInterval(text: interval) != nil else {
                    return .failure(CatalogDiagnostic(severity: .error, message: "invalid input syntax for type interval: \"\(interval)\"",
                                                      kind: .invalidArgument, sqlState: "22007"))
                }
                range.append(.interval(interval))
            }
        }
        var call = FunctionCall(name: "create_hypertable", positional: [.text(create.name), .call(FunctionCall(name: "by_range", positional: range, named: [:]))],
                                named: [:])
        switch flag("create_default_indexes", default: true) {
        case .failure(let d): return .failure(d)
        case .success(let b): if !b { call.named["create_default_indexes"] = .bool(false); call.namedOrder.append("create_default_indexes") }
        }
        func synthesized(_ kind: SQLStatement.Kind) -> SQLStatement {
            SQLStatement(location: statement.location, text: statement.text, kind: kind, psqlLine: statement.psqlLine)
        }
        out.append(synthesized(.functionCall(call)))
        let columnstore: Bool
        switch flag("columnstore", default: target.edition == .community) {
        case .failure(let d): return .failure(d)
        case .success(let b): columnstore = b
        }
        guard columnstore else { return .success(out) }
        var settings = ["timescaledb.compress": "true"]
        if let s = options["segmentby"] { settings["timescaledb.compress_segmentby"] = s }
        if let o = options["orderby"] { settings["timescaledb.compress_orderby"] = o }
        if let i = options["compress_index"] { settings["timescaledb.compress_index"] = i }
        out.append(synthesized(.alterTable(AlterTable(table: create.name, ifExists: false, actions: [.setOptions(settings)]))))
        // The columnstore policy, `after` the chunk interval (TimescaleDB's default 7 days when none
        // is given), added since 2.23.0 (#8588; 2.20-2.22 leave the policy to the migration).
        guard target.version >= (2, 23) else { return .success(out) }
        let after: FunctionCall.Argument = options["chunk_interval"].map { type?.isInteger == true ? .number($0) : .interval($0) } ?? .interval("7 days")
        out.append(synthesized(.functionCall(FunctionCall(name: "add_compression_policy", positional: [.text(create.name), after], named: [:]))))
        return .success(out)
    }
}
