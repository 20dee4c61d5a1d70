import Analytics
import Schema

extension ServedTable {
    /// The rows at `positions` as PostgREST's `text/csv` body lists them (``CSVBody``): the
    /// selected keys (as the JSON body names them) and, per row, each selected value's text output
    /// in the session `zone` (what `record_out` prints: timestamptz as `2024-01-02 03:04:05+00`,
    /// numeric with its scale, json as written, jsonb normalized, booleans `t`/`f`), nil for NULL.
    /// Casts and JSON paths apply as in ``json(_:select:zone:)``.
    func csvFields(_ positions: [Int], select: [TableQuery.Selected]?, zone: PGTimeZone) throws(RestError) -> (keys: [String], rows: [[String?]]) {
        let p = try projection(select)
        // Array columns are carried as their literal (array_out's text): printed as stored.
        try refuseReshaping(p) { definition.columns[p.indexes[$0]].catalogType?.hasPrefix("_") == true || p.outputTypes[$0] != nil }
        let columns = rows.columns
        var out: [[String?]] = []
        out.reserveCapacity(positions.count)
        for r in positions {
            var fields: [String?] = []
            fields.reserveCapacity(p.indexes.count)
            for (n, i) in p.indexes.enumerated() {
                let value = columns[i].value(at: r)
                if p.isReshaped(n) {
                    let (v, t) = try reshaped(p, n, row: r, zone: zone)
                    fields.append(v.text(as: t, zone: zone))
                } else if let output = p.outputTypes[n], case .text(let stored) = value {
                    fields.append(UnmodelledTypeOutput.text(stored, catalogType: output) ?? stored)
                } else {
                    fields.append(value.text(as: p.types[n], zone: zone))
                }
            }
            out.append(fields)
        }
        return (p.keys, out)
    }
}

extension ServedTable {
    /// The columns a write's `RETURNING` gives (`return=representation`), PostgREST's
    /// `pgrst_source` for a write, which names its CSV header: every column when the `select`
    /// has `*` (or there is none), else the selected columns and the primary key's, once each
    /// in code-point order (Plan.inferColsEmbedNeeds: `S.toList . S.fromList`).
    func returningColumns(_ select: [TableQuery.Selected]?) -> [String] {
        guard let select, !select.contains(.everyColumn) else { return definition.columns.map(\.name) }
        let key = definition.primaryKey?.keys.compactMap(\.column) ?? []
        return Set(select.map(\.column) + key).sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
    }

    /// The rows at `positions` (those a write returned) as PostgREST's CSV body: headed by
    /// ``returningColumns(_:)`` when there is a row, the selected values below.
    func csvReturned(_ positions: [Int], select: [TableQuery.Selected]?, zone: PGTimeZone) throws(RestError) -> String {
        let (_, fields) = try csvFields(positions, select: select, zone: zone)
        let header = positions.isEmpty ? "" : returningColumns(select).joined(separator: ",")
        return CSVBody.body(header: header, rows: fields)
    }
}
