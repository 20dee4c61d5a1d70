import Schema

/// Statements the table replay (`plan`, `migrate`, `simulate`, `compare`, `size` over
/// `--schema`/`--migrations`) cannot model but that could change the table's settings or sizes:
/// each is reported as a warning naming its file and line, never dropped silently.
///
/// Modelled calls (`create_hypertable`, `set_chunk_time_interval`, the compression and retention
/// policies, `ALTER TABLE … SET (timescaledb.…)`) change the replayed table; read-only calls and
/// statements that leave the table's layout alone (GRANT, COMMENT, CREATE EXTENSION, rows a
/// migration inserts, …) pass without a word, as `chunkwise check` still lists them.
enum UnmodelledStatement {
    /// Calls the replay models (TimescaleRules) or that cannot change the table (read-only).
    static let neutralCalls: Set<String> = [
        "create_hypertable", "add_dimension", "set_chunk_time_interval", "set_integer_now_func", "add_compression_policy", "add_columnstore_policy",
        "remove_compression_policy", "remove_columnstore_policy", "add_retention_policy", "remove_retention_policy",
        "show_chunks", "drop_chunks", "hypertable_size", "hypertable_detailed_size", "chunks_detailed_size",
        "hypertable_compression_stats", "chunk_compression_stats", "hypertable_index_size", "approximate_row_count",
        "set_config", "current_setting", "pg_sleep", "version", "now", "timescaledb_pre_restore", "timescaledb_post_restore",
        "setval", "nextval", "currval", "pg_advisory_lock", "pg_advisory_unlock", "pg_advisory_xact_lock", "pg_notify",
    ]

    /// Leading keywords (``SQLParser``'s summary) of not-modelled statements that could change what
    /// the replay models: code that runs (`DO`, `EXECUTE`, procedures), row rewriting (triggers,
    /// rules) and SELECTs that are not one plain call.
    static let effectfulSummaries: Set<String> = [
        "DO", "EXECUTE", "CALL", "SELECT", "PERFORM", "WITH", "CREATE TRIGGER", "CREATE RULE",
        "CREATE CONSTRAINT", "ALTER TABLE", "IMPORT", "LOAD",
        // psql meta-commands that run another file (pass it to --migrations instead).
        "psql \\i", "psql \\ir", "psql \\include", "psql \\include_relative",
    ]

    /// Calls on continuous aggregates: their storage is named once, at the `CREATE MATERIALIZED
    /// VIEW … WITH (timescaledb.continuous)` (``continuousAggregateWarning(_:path:)``).
    static let continuousAggregateCalls: Set<String> = [
        "add_continuous_aggregate_policy", "remove_continuous_aggregate_policy", "refresh_continuous_aggregate",
    ]

    /// A continuous aggregate's materialized hypertable is storage of its own that the figures leave out.
    static func continuousAggregateWarning(_ statement: SQLStatement, path: String) -> String? {
        guard case .notModelled(let summary) = statement.kind, summary.hasPrefix("CREATE"),
              let name = SchemaCatalog.continuousAggregateName(definedBy: statement.text) else { return nil }
        return "WARNING: \(path):\(statement.location.line): continuous aggregate \(name) is not modelled here: its materialized hypertable "
            + "(one row per bucket and group, with its own chunks, indexes and policies) comes on top of the figures "
            + "(`chunkwise plan` sizes it)"
    }

    /// Whether `warning` is ``continuousAggregateWarning(_:path:)``'s for the aggregate `name`
    /// (`plan` replaces it by the aggregate's figures when it sizes it).
    static func isContinuousAggregateWarning(_ warning: String, name: String) -> Bool {
        warning.contains(": continuous aggregate \(name) is not modelled here: ")
    }

    /// The warning for `statement` in `path`, or nil when it is modelled or cannot change the table.
    static func warning(_ statement: SQLStatement, path: String) -> String? {
        if let cagg = continuousAggregateWarning(statement, path: path) { return cagg }
        let what: String
        switch statement.kind {
        case .functionCall(let call):
            let name = call.name.lowercased()
            guard !neutralCalls.contains(name), !continuousAggregateCalls.contains(name) else { return nil }
            what = name == "alter_job"
                ? "alter_job is not modelled (its job id is unknown offline): a policy it changes keeps the settings it was added with"
                : "\(call.viaCall ? "CALL" : "SELECT") \(name)(…) is not modelled"
        case .alterTable(let alter):
            // Columnstore options the replay reads, but whose effect the models leave out.
            var given: [String: String] = [:]
            for case .setOptions(let o) in alter.actions { given.merge(o) { a, _ in a } }
            guard case .success(let options) = TimescaleOptionList.read(given, definitions: TimescaleOptionList.alterTable) else { return nil }
            var notes: [String] = []
            if options["compress_chunk_interval"] != nil {
                notes.append("timescaledb.compress_chunk_time_interval is modelled by plan (compressed chunks merged into longer ones) "
                             + "but not by simulate or compare, whose chunks stay one per chunk interval")
            }
            if options["compress_index"] != nil {
                notes.append("the sparse-index option is not modelled (the server's compressed batches carry the extra min/max or bloom metadata it asks for)")
            }
            guard !notes.isEmpty else { return nil }
            return "WARNING: \(path):\(statement.location.line): " + notes.joined(separator: "; ")
        case .notModelled(let summary):
            // `CREATE OR REPLACE TRIGGER|RULE …`: the summary stops at three words.
            let fourth = statement.text.split(whereSeparator: \.isWhitespace).dropFirst(3).first?.uppercased()
            let shown = summary == "CREATE OR REPLACE" ? summary + " " + (fourth ?? "") : summary
            guard effectfulSummaries.contains(summary)
                    || (summary == "CREATE OR REPLACE" && ["TRIGGER", "RULE"].contains(fourth ?? "")) else { return nil }
            what = "\(shown) is not modelled"
        default:
            return nil
        }
        return "WARNING: \(path):\(statement.location.line): \(what); if it changes the table, its chunk interval, "
            + "compression or policies, the figures do not show it (pass the setting as a flag)"
    }
}
