/// A table's storage parameters (`CREATE TABLE … WITH (…)`, `ALTER TABLE … SET (…)`) as PostgreSQL
/// 15 checks them (src/backend/access/common/reloptions.c): the heap's own (`fillfactor`,
/// `autovacuum_*`, `parallel_workers`, …) and the `toast.` namespace's autovacuum subset, each by
/// its type and bounds, in PostgreSQL's words. TimescaleDB's namespaces are read elsewhere
/// (``TimescaleOptionList``).
enum TableStorageOptions {
    enum Kind {
        case int(ClosedRange<Int64>)
        case real(ClosedRange<Double>)
        case bool
        /// `vacuum_index_cleanup`: on, off, auto (and the boolean spellings).
        case indexCleanup
    }

    static let heap: [String: Kind] = [
        "fillfactor": .int(10...100), "toast_tuple_target": .int(128...8160), "parallel_workers": .int(0...1024),
        "autovacuum_enabled": .bool, "user_catalog_table": .bool, "vacuum_truncate": .bool, "vacuum_index_cleanup": .indexCleanup,
        "autovacuum_vacuum_threshold": .int(0...Int64(Int32.max)), "autovacuum_vacuum_insert_threshold": .int(-1...Int64(Int32.max)),
        "autovacuum_analyze_threshold": .int(0...Int64(Int32.max)), "autovacuum_vacuum_cost_limit": .int(1...10_000),
        "autovacuum_freeze_min_age": .int(0...1_000_000_000), "autovacuum_freeze_max_age": .int(100_000...2_000_000_000),
        "autovacuum_freeze_table_age": .int(0...2_000_000_000), "autovacuum_multixact_freeze_min_age": .int(0...1_000_000_000),
        "autovacuum_multixact_freeze_max_age": .int(10_000...2_000_000_000), "autovacuum_multixact_freeze_table_age": .int(0...2_000_000_000),
        "log_autovacuum_min_duration": .int(-1...Int64(Int32.max)), "autovacuum_vacuum_cost_delay": .real(0...100),
        "autovacuum_vacuum_scale_factor": .real(0...100), "autovacuum_vacuum_insert_scale_factor": .real(0...100),
        "autovacuum_analyze_scale_factor": .real(0...100),
    ]

    /// The `toast.` namespace: the heap's vacuum settings without those of ANALYZE (a TOAST table is
    /// never analyzed) and without the heap's layout settings.
    static let toast: Set<String> = Set(heap.keys.filter {
        $0.hasPrefix("autovacuum_") && !$0.contains("analyze") || ["log_autovacuum_min_duration", "vacuum_index_cleanup", "vacuum_truncate"].contains($0)
    })

    /// Checks every storage parameter of `options` (TimescaleDB's keys are left to its rules) and
    /// keeps the fillfactor and toast_tuple_target on `table`; PostgreSQL's refusal of the first bad one, in key order.
    static func apply(_ options: [String: String], to table: inout TableDefinition) -> CatalogDiagnostic? {
        for key in options.keys.sorted() where !TimescaleOptionList.isTimescaleKey(key) {
            let value = options[key] ?? ""
            if let refusal = refusal(key, value) { return refusal }
            if key.lowercased() == "fillfactor", let v = Int(value.trimmingCharacters(in: .whitespaces)) { table.fillfactor = v }
            if key.lowercased() == "toast_tuple_target", let v = Int(value.trimmingCharacters(in: .whitespaces)) { table.toastTupleTarget = v }
        }
        return nil
    }

    /// PostgreSQL's refusal of `key = value`, or nil when it takes it.
    static func refusal(_ key: String, _ value: String) -> CatalogDiagnostic? {
        var name = key.lowercased()
        if let dot = name.firstIndex(of: ".") {
            let namespace = String(name[..<dot])
            guard namespace == "toast" else {
                return CatalogDiagnostic(severity: .error, message: "unrecognized parameter namespace \"\(namespace)\"", sqlState: "22023")
            }
            name = String(name[name.index(after: dot)...])
            guard toast.contains(name) else { return unrecognized(name) }
        }
        guard let kind = heap[name] else { return unrecognized(name) }
        let text = value.trimmingCharacters(in: .whitespaces)
        switch kind {
        case .int(let bounds):
            guard let v = Int64(text) else { return invalid("integer", name, value) }
            guard bounds.contains(v) else {
                return outOfBounds(name, value, detail: "Valid values are between \"\(bounds.lowerBound)\" and \"\(bounds.upperBound)\".")
            }
        case .real(let bounds):
            guard let v = Double(text), v.isFinite else { return invalid("floating point", name, value) }
            guard bounds.contains(v) else {
                return outOfBounds(name, value, detail: String(format: "Valid values are between \"%f\" and \"%f\".", bounds.lowerBound, bounds.upperBound))
            }
        case .bool:
            guard Value.parseBoolean(text) != nil else { return invalid("boolean", name, value) }
        case .indexCleanup:
            guard text.lowercased() == "auto" || Value.parseBoolean(text) != nil else {
                return CatalogDiagnostic(severity: .error, message: "invalid value for enum option \"\(name)\": \(value)", sqlState: "22023",
                                         hint: "Valid values are \"on\", \"off\", and \"auto\".")
            }
        }
        return nil
    }

    private static func unrecognized(_ name: String) -> CatalogDiagnostic {
        CatalogDiagnostic(severity: .error, message: "unrecognized parameter \"\(name)\"", sqlState: "22023")
    }

    private static func invalid(_ type: String, _ name: String, _ value: String) -> CatalogDiagnostic {
        CatalogDiagnostic(severity: .error, message: "invalid value for \(type) option \"\(name)\": \(value)", sqlState: "22023")
    }

    private static func outOfBounds(_ name: String, _ value: String, detail: String) -> CatalogDiagnostic {
        CatalogDiagnostic(severity: .error, message: "value \(value) out of bounds for option \"\(name)\"", sqlState: "22023", hint: detail)
    }
}
