import Schema

/// What TimescaleDB checks of a continuous aggregate's definition (`CREATE MATERIALIZED VIEW …
/// WITH (timescaledb.continuous) AS SELECT …`), as far as Chunkwise reads it: its one source
/// relation must exist and be a hypertable (or a continuous aggregate, for a hierarchical one), the
/// query must GROUP BY, and a `time_bucket` must bucket it (tsl/src/continuous_aggs/create.c and
/// common.c, `cagg_validate_query`). Joins, subqueries and other schemas are not judged.
enum ContinuousAggregateRules {
    static func refusal(_ text: String, catalog: SchemaCatalog) -> CatalogDiagnostic? {
        guard let definition = ContinuousAggregateDefinition(text: text) else { return nil }
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
}
