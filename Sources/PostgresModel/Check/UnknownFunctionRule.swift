import Schema

/// `SELECT f(…)` / `CALL p(…)` of a name nothing defines: PostgreSQL's `function f(integer) does
/// not exist` (42883, parse_func.c `ParseFuncOrColumn`), `procedure p(…) does not exist` for CALL.
/// A typo (`create_hypertabel`), a function dropped from TimescaleDB (multi-node's
/// `create_distributed_hypertable`, gone in 2.14) or one the migrations never create.
///
/// Known: PostgreSQL 15's built-ins, the migrations' own functions and procedures, and the
/// TimescaleDB API. A call is not judged when it names another schema, or when the migrations
/// may define functions Chunkwise does not read (another extension, a `DO` block, an include).
enum UnknownFunctionRule {
    /// TimescaleDB's SQL-callable names in the `public` schema (the extension's function list,
    /// tsl/test/shared/expected/extension.out, plus `get_telemetry_report` and `cagg_migrate`).
    static let timescaleNames: Set<String> = [
        "add_columnstore_policy", "add_compaction_policy", "add_compression_policy", "add_continuous_aggregate_policy",
        "add_dimension", "add_job", "add_reorder_policy", "add_retention_policy", "alter_job", "approximate_row_count",
        "attach_chunk", "attach_tablespace", "by_hash", "by_range", "cagg_migrate", "chunk_columnstore_stats",
        "chunk_compression_stats", "chunks_detailed_size", "compress_chunk", "convert_to_columnstore", "convert_to_rowstore",
        "create_hypertable", "decompress_chunk", "delete_job", "detach_chunk", "detach_tablespace", "detach_tablespaces",
        "disable_chunk_skipping", "drop_chunks", "enable_chunk_skipping", "first", "generate_uuidv7", "get_telemetry_report",
        "histogram", "hypertable_approximate_detailed_size", "hypertable_approximate_size", "hypertable_columnstore_stats",
        "hypertable_compression_stats", "hypertable_detailed_size", "hypertable_index_size", "hypertable_size", "interpolate",
        "last", "locf", "merge_chunks", "merge_chunks_concurrently", "move_chunk", "recompress_chunk",
        "refresh_continuous_aggregate", "remove_columnstore_policy", "remove_compaction_policy", "remove_compression_policy",
        "remove_continuous_aggregate_policy", "remove_reorder_policy", "remove_retention_policy", "reorder_chunk", "run_job",
        "set_chunk_time_interval", "set_integer_now_func", "set_number_partitions", "set_partitioning_interval", "show_chunks",
        "show_tablespaces", "split_chunk", "time_bucket", "time_bucket_gapfill", "timescaledb_post_restore",
        "timescaledb_pre_restore", "to_uuidv7", "to_uuidv7_boundary", "uuid_timestamp", "uuid_timestamp_micros", "uuid_version",
    ]

    /// Multi-node's API, removed in TimescaleDB 2.14 (sql/updates/2.13.1--2.14.0.sql).
    static let multiNodeNames: Set<String> = [
        "create_distributed_hypertable", "add_data_node", "attach_data_node", "delete_data_node", "detach_data_node",
        "alter_data_node", "distributed_exec", "create_distributed_restore_point", "set_replication_factor",
        "cleanup_data_node_chunks",
    ]

    static func refusal(_ call: FunctionCall, catalog: SchemaCatalog, target: TimescaleTarget) -> CatalogDiagnostic? {
        if let schema = call.schema, schema != "public", schema != "pg_catalog" { return nil }
        if catalog.hasForeignDefinitions || catalog.hasUnreadDefinitions { return nil }
        let name = call.name
        if catalog.functions[name] != nil || catalog.functions[name.lowercased()] != nil { return nil }
        if PostgresBuiltinCatalog.shared.functions[name] != nil { return nil }
        if call.schema != "pg_catalog" {
            if timescaleNames.contains(name) { return nil }
            if multiNodeNames.contains(name), (target.version.major, target.version.minor) < (2, 14) { return nil }
        }
        return undefined(call, catalog: catalog)
    }

    /// PostgreSQL's refusal of a call no function matches (42883, with its hint), the arguments
    /// typed as ``signature(_:catalog:)`` types them.
    static func undefined(_ call: FunctionCall, catalog: SchemaCatalog) -> CatalogDiagnostic {
        let what = call.viaCall ? "procedure" : "function"
        let shown = (call.schema.map { $0 + "." } ?? "") + call.name
        return CatalogDiagnostic(severity: .error, message: "\(what) \(shown)(\(signature(call, catalog: catalog))) does not exist",
                                 kind: .undefinedFunction(name: call.name.lowercased()), sqlState: "42883",
                                 hint: "No \(what) matches the given name and argument types. You might need to add explicit type casts.")
    }

    /// The argument types as `func_signature_string` lists them: positional, then `name => type`
    /// in the order written.
    static func signature(_ call: FunctionCall, catalog: SchemaCatalog) -> String {
        func type(_ a: FunctionCall.Argument) -> String {
            switch a {
            case .text, .null: return "unknown"
            case .bool: return "boolean"
            case .interval: return "interval"
            case .number(let n):
                switch TimescaleAPI.argumentType(a, minor: 99) {
                case "int4": return "integer"
                case "int8": return "bigint"
                default: return n.isEmpty ? "unknown" : "numeric"
                }
            case .expression(let text): return catalog.typeName(ofArgument: text) ?? "unknown"
            case .call(let inner):
                if TimescaleAPI.isAPI(inner.name.lowercased()) && inner.name.lowercased().hasPrefix("by_") { return "dimension_info" }
                // A call without arguments (`now()`) types as the function's result.
                guard inner.positional.isEmpty, inner.named.isEmpty else { return "unknown" }
                return catalog.typeName(ofArgument: "\(inner.name)()") ?? "unknown"
            }
        }
        let positional = call.positional.map(type)
        let order = call.namedOrder.isEmpty ? call.named.keys.sorted() : call.namedOrder
        let named = order.compactMap { k in call.named[k].map { "\(k) => \(type($0))" } }
        return (positional + named).joined(separator: ", ")
    }
}
