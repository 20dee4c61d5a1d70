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
