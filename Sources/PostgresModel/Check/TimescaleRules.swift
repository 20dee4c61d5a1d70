import Schema

/// What TimescaleDB (not PostgreSQL) decides about a statement. TimescaleDB cannot be installed
/// here, so each rule cites where the behaviour and wording come from.
enum TimescaleRules {
    /// Apache-edition refusal: `ts_license_enable_module_loading` / `ts_cm_functions_default`
    /// (src/cross_module_fn.c, `error_no_default_fn_community`): "functionality not supported under
    /// the current "apache" license".
    static let apacheRefusal = "functionality not supported under the current \"apache\" license"

    /// Functions that need the TSL module (compression/columnstore and all policies).
    static let tslFunctions: Set<String> = [
        "add_compression_policy", "remove_compression_policy", "add_columnstore_policy", "remove_columnstore_policy",
        "add_retention_policy", "remove_retention_policy", "compress_chunk", "decompress_chunk", "convert_to_columnstore",
        "convert_to_rowstore", "add_reorder_policy", "add_continuous_aggregate_policy",
    ]

    /// A function-call statement against the catalog.
    static func apply(_ call: FunctionCall, catalog: inout SchemaCatalog, target: TimescaleTarget) -> [CatalogDiagnostic] {
        let name = call.name.lowercased()
        if let missing = unavailableFunction(call, target: target) { return [.error(missing)] }
        if target.edition == .apache && tslFunctions.contains(name) { return [.error(apacheRefusal)] }
        switch name {
        case "create_hypertable": return createHypertable(call, catalog: &catalog)
        case "add_compression_policy", "add_columnstore_policy": return addCompressionPolicy(call, catalog: &catalog)
        case "add_retention_policy": return addRetentionPolicy(call, catalog: &catalog)
        case "drop_chunks", "show_chunks", "set_chunk_time_interval":
            guard let table = call.argument("relation", position: 0)?.textValue ?? call.argument("hypertable", position: 0)?.textValue else { return [] }
            return requireHypertable(table, catalog: catalog).map { [$0] } ?? []
        default:
            return []
        }
    }

    /// API introduced after the targeted version: the dimension builders `by_range`/`by_hash` came with
    /// the generalized `create_hypertable` in TimescaleDB 2.13, the columnstore names
    /// (`add_columnstore_policy`, `convert_to_columnstore`, …) in 2.18 (TimescaleDB release notes).
    /// PostgreSQL then reports the call as an unknown function.
    static let introducedIn: [String: (Int, Int)] = [
        "by_range": (2, 13), "by_hash": (2, 13),
        "add_columnstore_policy": (2, 18), "remove_columnstore_policy": (2, 18),
        "convert_to_columnstore": (2, 18), "convert_to_rowstore": (2, 18),
    ]

    static func unavailableFunction(_ call: FunctionCall, target: TimescaleTarget) -> String? {
        func check(_ c: FunctionCall) -> String? {
            let n = c.name.lowercased()
            if let v = introducedIn[n], (target.version.major, target.version.minor) < v {
                return "function \(n)(\(signature(c))) does not exist"
            }
            for a in c.positional + Array(c.named.values) {
                if case .call(let inner) = a, let m = check(inner) { return m }
            }
            return nil
        }
        return check(call)
    }

    /// Argument types as PostgreSQL lists them in "function f(…) does not exist".
    static func signature(_ c: FunctionCall) -> String {
        func type(_ a: FunctionCall.Argument) -> String {
            switch a {
            case .text, .null, .expression: return "unknown"
            case .number: return "integer"
            case .bool: return "boolean"
            case .interval: return "interval"
            case .call(let inner): return introducedIn[inner.name.lowercased()] != nil ? "dimension_info" : "unknown"
            }
        }
        let positional = c.positional.map(type)
        let named = c.named.keys.sorted().compactMap { k in c.named[k].map { "\(k) => \(type($0))" } }
        return (positional + named).joined(separator: ", ")
    }

    /// `table "x" is not a hypertable` (src/hypertable_cache.c, `ts_hypertable_cache_get_cache_and_entry`),
    /// or PostgreSQL's `relation "x" does not exist` from the regclass cast when there is no table.
    static func requireHypertable(_ table: String, catalog: SchemaCatalog) -> CatalogDiagnostic? {
        let name = unqualified(table)
        guard let t = catalog.tables[name] else { return .error("relation \"\(table)\" does not exist") }
        if t.hypertable == nil { return .error("table \"\(name)\" is not a hypertable") }
        return nil
    }

    static func unqualified(_ s: String) -> String {
        let last = s.split(separator: ".").last.map(String.init) ?? s
        return last.hasPrefix("\"") && last.hasSuffix("\"") ? String(last.dropFirst().dropLast()) : last.lowercased()
    }

    /// `create_hypertable(relation, time_column_name, …, chunk_time_interval => …, if_not_exists => …)`
    /// and the 2.13+ form `create_hypertable(relation, by_range(column, interval))` (src/hypertable.c).
    static func createHypertable(_ call: FunctionCall, catalog: inout SchemaCatalog) -> [CatalogDiagnostic] {
        guard let relation = call.argument("relation", position: 0)?.textValue ?? call.named["main_table"]?.textValue else {
            return [.error("function create_hypertable() does not exist")]
        }
        let tableName = unqualified(relation)
        guard var table = catalog.tables[tableName] else { return [.error("relation \"\(relation)\" does not exist")] }
        var column: String?
        var interval: String?
        if case .call(let dim)? = call.argument("dimension", position: 1), dim.name == "by_range" {
            column = dim.argument("column_name", position: 0)?.textValue
            interval = dim.argument("partition_interval", position: 1)?.textValue
        } else {
            column = call.argument("time_column_name", position: 1)?.textValue
            interval = call.named["chunk_time_interval"]?.textValue ?? (call.positional.count > 5 ? call.positional[5].textValue : nil)
        }
        let ifNotExists: Bool = {
            if case .bool(let b)? = call.named["if_not_exists"] { return b }
            return false
        }()
        guard let column else { return [.error("function create_hypertable(unknown) does not exist")] }
        if table.hypertable != nil {
            // src/hypertable.c: ts_hypertable_create_internal.
            if ifNotExists { return [.notice("table \"\(tableName)\" is already a hypertable, skipping")] }
            return [.error("table \"\(tableName)\" is already a hypertable")]
        }
        guard let ci = table.columnIndex(column) else { return [.error("column \"\(column)\" does not exist")] }
        let type = table.columns[ci].type
        guard type.isTimeType || type.isInteger else {
            // src/dimension.c, dimension_type_is_valid / ts_dimension_info_validate.
            return [.error("invalid type for dimension \"\(column)\"")]
        }
        // src/indexing.c ts_indexing_verify_index: every unique index must contain the partitioning column.
        for index in table.uniqueIndexes where !index.keyColumns.contains(column) {
            return [.uniqueIndexLacksPartitioningColumn(column)]
        }
        var out: [CatalogDiagnostic] = []
        if !table.columns[ci].notNull {
            // src/dimension.c: the time column is made NOT NULL with this notice.
            out.append(.notice("adding not-null constraint to column \"\(column)\""))
            table.columns[ci].notNull = true
        }
        var parsedInterval: PGInterval?
        if let interval {
            if let micros = Int64(interval) { parsedInterval = PGInterval(microseconds: micros) } else { parsedInterval = PGInterval(text: interval) }
        }
        table.hypertable = HypertableDefinition(timeColumn: column, chunkInterval: parsedInterval)
        catalog.update(table)
        return out
    }

    /// `ALTER TABLE … SET (timescaledb.compress, timescaledb.compress_segmentby, …_orderby)`
    /// (tsl/src/compression/create.c, src/ts_catalog/compression_settings.c).
    static func setCompressionOptions(_ options: [String: String], table tableName: String, catalog: inout SchemaCatalog,
                                      target: TimescaleTarget) -> [CatalogDiagnostic] {
        let ts = options.filter { $0.key.hasPrefix("timescaledb.") }
        guard !ts.isEmpty else { return [] }
        guard var table = catalog.tables[tableName] else { return [] }
        guard var hyper = table.hypertable else {
            // PostgreSQL rejects the option namespace on a plain table (timescale/timescaledb#7158).
            return [.error("unrecognized parameter namespace \"timescaledb\"")]
        }
        if target.edition == .apache { return [.error(apacheRefusal)] }
        for key in ts.keys {
            let option = String(key.dropFirst("timescaledb.".count))
            let known = ["compress", "compress_segmentby", "compress_orderby", "compress_chunk_time_interval", "enable_columnstore",
                         "segmentby", "orderby", "compress_index"]
            if !known.contains(option) { return [.error("unrecognized parameter \"\(key)\"")] }
        }
        let enable = ts["timescaledb.compress"] ?? ts["timescaledb.enable_columnstore"]
        if let enable, ["false", "off", "0"].contains(enable.lowercased()) {
            hyper.compressionEnabled = false
            table.hypertable = hyper
            catalog.update(table)
            return []
        }
        hyper.compressionEnabled = true
        var segmentBy = hyper.segmentBy
        var orderBy = hyper.orderBy
        if let s = ts["timescaledb.compress_segmentby"] ?? ts["timescaledb.segmentby"] {
            segmentBy = s.split(separator: ",").map { unqualified($0.trimmingCharacters(in: .whitespaces)) }.filter { !$0.isEmpty }
        }
        if let o = ts["timescaledb.compress_orderby"] ?? ts["timescaledb.orderby"] {
            orderBy = []
            for part in o.split(separator: ",") {
                let words = part.split(separator: " ").map { String($0) }
                guard let first = words.first else { continue }
                let lower = words.map { $0.lowercased() }
                var nullsFirst: Bool?
                if let n = lower.firstIndex(of: "nulls"), n + 1 < lower.count { nullsFirst = lower[n + 1] == "first" }
                orderBy.append(.init(column: unqualified(first), descending: lower.contains("desc"), nullsFirst: nullsFirst))
            }
        }
        for c in segmentBy where table.columnIndex(c) == nil {
            // tsl/src/compression/create.c: "column \"%s\" does not exist", hint names the option.
            return [.error("column \"\(c)\" does not exist")]
        }
        for o in orderBy where table.columnIndex(o.column) == nil {
            return [.error("column \"\(o.column)\" does not exist")]
        }
        for o in orderBy where segmentBy.contains(o.column) {
            // tsl/src/compression/create.c compression_settings validation.
            return [.error("cannot use column \"\(o.column)\" for both ordering and segmenting")]
        }
        hyper.segmentBy = segmentBy
        hyper.orderBy = orderBy
        table.hypertable = hyper
        catalog.update(table)
        return []
    }

    /// `add_compression_policy(hypertable, compress_after, if_not_exists => …)` (tsl/src/bgw_policy/compression_api.c).
    static func addCompressionPolicy(_ call: FunctionCall, catalog: inout SchemaCatalog) -> [CatalogDiagnostic] {
        guard let relation = call.argument("hypertable", position: 0)?.textValue else { return [] }
        if let d = requireHypertable(relation, catalog: catalog) { return [d] }
        let name = unqualified(relation)
        guard var table = catalog.tables[name], var hyper = table.hypertable else { return [] }
        if !hyper.compressionEnabled {
            return [.error("columnstore not enabled on hypertable \"\(name)\"")]
        }
        if hyper.compressAfter != nil {
            if case .bool(true)? = call.named["if_not_exists"] { return [.notice("compression policy already exists for hypertable \"\(name)\", skipping")] }
            return [.error("compression policy already exists for hypertable or continuous aggregate \"\(name)\"")]
        }
        let after = call.argument("compress_after", position: 1)?.textValue ?? call.named["after"]?.textValue
        hyper.compressAfter = after.flatMap { PGInterval(text: $0) } ?? PGInterval()
        table.hypertable = hyper
        catalog.update(table)
        return []
    }

    /// `add_retention_policy(relation, drop_after, …)` (tsl/src/bgw_policy/retention_api.c).
    static func addRetentionPolicy(_ call: FunctionCall, catalog: inout SchemaCatalog) -> [CatalogDiagnostic] {
        guard let relation = call.argument("relation", position: 0)?.textValue else { return [] }
        if let d = requireHypertable(relation, catalog: catalog) { return [d] }
        let name = unqualified(relation)
        guard var table = catalog.tables[name], var hyper = table.hypertable else { return [] }
        if hyper.dropAfter != nil {
            if case .bool(true)? = call.named["if_not_exists"] { return [.notice("retention policy already exists for hypertable \"\(name)\", skipping")] }
            return [.error("retention policy already exists for hypertable \"\(name)\"")]
        }
        let after = call.argument("drop_after", position: 1)?.textValue
        hyper.dropAfter = after.flatMap { PGInterval(text: $0) } ?? PGInterval()
        table.hypertable = hyper
        catalog.update(table)
        return []
    }
}
