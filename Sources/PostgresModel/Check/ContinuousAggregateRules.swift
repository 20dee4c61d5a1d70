import Schema

/// What TimescaleDB checks of a continuous aggregate's definition (`CREATE MATERIALIZED VIEW …
/// WITH (timescaledb.continuous) AS SELECT …`), as far as Chunkwise reads it: its one source
/// relation must exist and be a hypertable (or a continuous aggregate, for a hierarchical one), the
/// query must GROUP BY, and a `time_bucket` must bucket it (tsl/src/continuous_aggs/create.c and
/// common.c, `cagg_validate_query`). Joins, subqueries and other schemas are not judged.
enum ContinuousAggregateRules {
    static func refusal(_ text: String, catalog: SchemaCatalog) -> CatalogDiagnostic? {
        guard let definition = ContinuousAggregateDefinition(text: text) else { return nil }
        // PostgreSQL's parse analysis of the query comes first: its relation must exist.
        if !definition.startsWithCTE, !definition.joined, let source = definition.source, !catalog.relationExists(source),
           !catalog.hasUnreadDefinitions {
            return CatalogDiagnostic(severity: .error, message: "relation \"\(source)\" does not exist", sqlState: "42P01")
        }
        // Then tsl_process_continuous_agg_viewstmt: the name must be free (any relation's), before
        // the query is validated; IF NOT EXISTS makes it a NOTICE and creates nothing.
        if catalog.relationExists(definition.name) {
            if definition.ifNotExists {
                return CatalogDiagnostic(severity: .notice, message: "continuous aggregate \"\(definition.name)\" already exists, skipping",
                                         sqlState: "42P07")
            }
            return CatalogDiagnostic(severity: .error, message: "continuous aggregate \"\(definition.name)\" already exists", sqlState: "42P07",
                                     hint: "Drop or rename the existing continuous aggregate first or use another name.")
        }
        if definition.startsWithCTE {
            // cagg_query_supported
            return CatalogDiagnostic(severity: .error, message: "invalid continuous aggregate query", sqlState: "0A000")
        }
        guard let source = definition.source, !definition.joined else { return nil }
        // Parse analysis first: the relation must exist.
        guard catalog.relationExists(source) else {
            if catalog.hasUnreadDefinitions { return nil }
            return CatalogDiagnostic(severity: .error, message: "relation \"\(source)\" does not exist", sqlState: "42P01")
        }
        if !definition.grouped {
            return CatalogDiagnostic(severity: .error, message: "invalid continuous aggregate query", sqlState: "0A000",
                                     hint: "Include at least one aggregate function and a GROUP BY clause with time bucket.")
        }
        let isHypertable = catalog.tables[source]?.hypertable != nil
        let isAggregate = catalog.otherRelations[source] == SchemaCatalog.continuousAggregateKind
        if !isHypertable && !isAggregate {
            return CatalogDiagnostic(severity: .error, message: "invalid continuous aggregate view", sqlState: "0A000")
        }
        if !definition.bucketed {
            return CatalogDiagnostic(severity: .error, message: "continuous aggregate view must include a valid time bucket function")
        }
        // The view and its materialization table are created last: their column names must differ.
        if let query = definition.query, definition.columnNames.count > query.items.count {
            return CatalogDiagnostic(severity: .error, message: "CREATE MATERIALIZED VIEW specifies too many column names", sqlState: "42601")
        }
        if let names = definition.outputNames {
            var seen = Set<String>()
            for n in names where !seen.insert(n).inserted {
                return CatalogDiagnostic(severity: .error, message: "column \"\(n)\" specified more than once", sqlState: "42701")
            }
        }
        return nil
    }

    /// `add_continuous_aggregate_policy` and `remove_continuous_aggregate_policy` on a relation that
    /// exists (the regclass check comes first): tsl/src/bgw_policy/continuous_aggregate_api.c
    /// `policy_refresh_cagg_add` / `policy_refresh_cagg_remove`. One refresh policy per aggregate:
    /// a second is an error (42710), or with `if_not_exists => true` a NOTICE when its offsets are
    /// the same and a WARNING when they differ; removing none is an error (42704) unless
    /// `if_exists => true` (a NOTICE). A relation that is not a continuous aggregate is refused.
    static func refreshPolicy(_ call: FunctionCall, catalog: inout SchemaCatalog) -> [CatalogDiagnostic] {
        let adding = call.name.lowercased() == "add_continuous_aggregate_policy"
        guard let relation = call.argument("continuous_aggregate", position: 0)?.textValue,
              let name = QuotedIdentifier.nameParts(ofRegclass: relation).last, catalog.relationExists(name) else { return [] }
        guard catalog.otherRelations[name] == SchemaCatalog.continuousAggregateKind else {
            // A relation from a statement Chunkwise did not read may be one.
            if catalog.hasUnreadDefinitions && catalog.tables[name] == nil && catalog.otherRelations[name] == nil { return [] }
            return [CatalogDiagnostic(severity: .error, message: "\"\(name)\" is not a continuous aggregate",
                                      sqlState: adding ? "0A000" : "22023")]
        }
        if adding {
            let given = [("start_offset", 1), ("end_offset", 2), ("schedule_interval", 3)].map { key, position in
                Self.argumentText(call.argument(key, position: position))
            }
            guard let existing = catalog.refreshPolicies[name] else {
                catalog.setRefreshPolicy(on: name, arguments: given)
                return []
            }
            guard case .bool(true)? = call.argument("if_not_exists", position: 4) else {
                return [CatalogDiagnostic(severity: .error, message: "continuous aggregate policy already exists for \"\(name)\"",
                                          sqlState: "42710")]
            }
            // TimescaleDB compares the two offsets (policy_config_check_hypertable_lag_equality).
            if existing.prefix(2) == given.prefix(2) {
                return [.notice("continuous aggregate policy already exists for \"\(name)\", skipping")]
            }
            return [CatalogDiagnostic(severity: .warning, message: "continuous aggregate policy already exists for \"\(name)\"",
                                      hint: "Remove the existing policy before adding a new one.")]
        }
        guard catalog.refreshPolicies[name] != nil else {
            let message = "continuous aggregate policy not found for \"\(name)\""
            if case .bool(true)? = call.argument("if_exists", position: 1) { return [.notice(message + ", skipping")] }
            return [CatalogDiagnostic(severity: .error, message: message, sqlState: "42704")]
        }
        catalog.setRefreshPolicy(on: name, arguments: nil)
        return []
    }

    /// An offset argument as compared: intervals and numbers by their text, NULL as itself.
    private static func argumentText(_ argument: FunctionCall.Argument?) -> String {
        switch argument {
        case .interval(let t)?: return "interval " + (PGInterval(text: t).map { "\($0)" } ?? t)
        case .text(let t)?: return "text " + (PGInterval(text: t).map { "\($0)" } ?? t)
        case .number(let n)?: return "number " + n
        case .null?, nil: return "null"
        case let other?: return "\(other)"
        }
    }
}
