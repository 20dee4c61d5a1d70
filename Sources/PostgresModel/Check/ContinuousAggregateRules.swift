import Schema

/// What TimescaleDB checks of a continuous aggregate's definition (`CREATE MATERIALIZED VIEW …
/// WITH (timescaledb.continuous) AS SELECT …`), as far as Chunkwise reads it: its one source
/// relation must exist and be a hypertable (or a continuous aggregate, for a hierarchical one), the
/// query must GROUP BY, and a `time_bucket` must bucket it (tsl/src/continuous_aggs/create.c and
/// common.c, `cagg_validate_query`). Joins, subqueries and other schemas are not judged.
enum ContinuousAggregateRules {
    static func refusal(_ text: String, catalog: SchemaCatalog) -> CatalogDiagnostic? {
        guard SchemaCatalog.continuousAggregateName(definedBy: text) != nil,
              let tokens = try? SQLLexer(text: text, file: "").tokens() else { return nil }
        // The SELECT after AS, and its clauses at the SELECT's own depth.
        var level = 0
        var top: Int?
        for (k, t) in tokens.enumerated() {
            if t.isSymbol("(") { level += 1 } else if t.isSymbol(")") { level -= 1 }
            if level == 0, t.isWord("as") { top = k; break }
        }
        guard let asSelect = top, asSelect + 1 < tokens.count else { return nil }
        if tokens[asSelect + 1].isWord("with") {
            // A CTE (cagg_query_supported).
            return CatalogDiagnostic(severity: .error, message: "invalid continuous aggregate query", sqlState: "0A000")
        }
        guard tokens[asSelect + 1].isWord("select") || tokens[asSelect + 1].isSymbol("(") else { return nil }
        var depth = 0
        var from: Int?
        var groupBy = false, joined = false, bucketed = false, inFromList = false
        var i = asSelect + 1
        while i < tokens.count {
            let t = tokens[i]
            if t.isSymbol("(") { depth += 1 } else if t.isSymbol(")") { depth -= 1 }
            if t.isWord("time_bucket") || t.isWord("time_bucket_ng"), i + 1 < tokens.count, tokens[i + 1].isSymbol("(") { bucketed = true }
            if depth == 0 || (depth == 1 && tokens[asSelect + 1].isSymbol("(")) {
                if t.isWord("from"), from == nil { from = i; inFromList = true }
                if t.isWord("where") || t.isWord("group") || t.isWord("having") || t.isWord("order") || t.isWord("limit") || t.isWord("window") {
                    inFromList = false
                }
                if t.isWord("group"), i + 1 < tokens.count, tokens[i + 1].isWord("by") { groupBy = true }
                if inFromList, t.isWord("join") || t.isSymbol(",") { joined = true }
            }
            i += 1
        }
        guard let f = from, f + 1 < tokens.count, case .identifier(let first, _) = tokens[f + 1].kind else { return nil }
        var source = first
        if f + 3 < tokens.count, tokens[f + 2].isSymbol("."), case .identifier(let second, _) = tokens[f + 3].kind {
            guard first == "public" else { return nil }
            source = second
        }
        if joined { return nil }
        // Parse analysis first: the relation must exist.
        guard catalog.relationExists(source) else {
            if catalog.hasUnreadDefinitions { return nil }
            return CatalogDiagnostic(severity: .error, message: "relation \"\(source)\" does not exist", sqlState: "42P01")
        }
        if !groupBy {
            return CatalogDiagnostic(severity: .error, message: "invalid continuous aggregate query", sqlState: "0A000",
                                     hint: "Include at least one aggregate function and a GROUP BY clause with time bucket.")
        }
        let isHypertable = catalog.tables[source]?.hypertable != nil
        let isAggregate = catalog.otherRelations[source] == SchemaCatalog.continuousAggregateKind
        if !isHypertable && !isAggregate {
            return CatalogDiagnostic(severity: .error, message: "invalid continuous aggregate view", sqlState: "0A000")
        }
        if !bucketed {
            return CatalogDiagnostic(severity: .error, message: "continuous aggregate view must include a valid time bucket function")
        }
        return nil
    }
}
