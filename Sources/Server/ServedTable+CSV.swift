import Analytics
import Schema

extension ServedTable {
    /// The rows at `positions` as PostgREST's `text/csv` body lists them (``CSVBody``): the
    /// selected keys (as the JSON body names them) and, per row, each selected value's text output
    /// in the session `zone` (what `record_out` prints: timestamptz as `2024-01-02 03:04:05+00`,
    /// numeric with its scale, json as written, jsonb normalized, booleans `t`/`f`), nil for NULL.
    /// Casts and JSON paths apply as in ``json(_:select:zone:)``.
    func csvFields(_ positions: [Int], select: [TableQuery.Selected]?, zone: PGTimeZone) throws(RestError) -> (keys: [String], rows: [[String?]]) {
        let (selected, indexes) = try resolve(select)
        var casts: [PGType?] = []
        for s in selected { casts.append(try s.cast.map { name throws(RestError) in try ServedTable.castTarget(name) }) }
        // Array columns are carried as their literal (array_out's text); other carried types whose
        // output differs from their input text are written by their output function.
        let carried: [Bool] = indexes.map { i in
            definition.columns[i].catalogType.map { $0.hasPrefix("_") } ?? false
        }
        let outputTypes: [String?] = indexes.map { i in
            definition.columns[i].type == .text ? definition.columns[i].catalogType.flatMap { UnmodelledTypeOutput.types.contains($0) ? $0 : nil } : nil
        }
        for n in indexes.indices where (casts[n] != nil || !selected[n].path.isEmpty) && (carried[n] || outputTypes[n] != nil) {
            throw RestError.postgres("0A000", "chunkwise serve does not cast a column of type \(definition.columns[indexes[n]].catalogType ?? "")")
        }
        let columns = rows.columns
        var out: [[String?]] = []
        out.reserveCapacity(positions.count)
        for r in positions {
            var fields: [String?] = []
            fields.reserveCapacity(indexes.count)
            for (n, i) in indexes.enumerated() {
                var value = columns[i].value(at: r), type = definition.columns[i].type
                if !selected[n].path.isEmpty { (value, type) = try JSONPathSelect.extract(value, type: type, path: selected[n].path) }
                if let target = casts[n] {
                    fields.append(try ServedTable.cast(value, from: type, to: target, zone: zone).text(as: target, zone: zone))
                } else if let output = outputTypes[n], case .text(let stored) = value {
                    fields.append(UnmodelledTypeOutput.text(stored, catalogType: output) ?? stored)
                } else {
                    fields.append(value.text(as: type, zone: zone))
                }
            }
            out.append(fields)
        }
        return (selected.map(\.key), out)
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
