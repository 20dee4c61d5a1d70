import Schema

extension ServedTable {
    /// What a read's `select` takes from the table, resolved once for every body that renders it
    /// (the JSON array and object, CSV): per selected item its key, column, type, `::type` cast
    /// target (``SelectCast``) and JSON path, and the carried type whose output function prints it.
    struct Projection {
        var keys: [String]
        var indexes: [Int]
        var types: [PGType]
        var casts: [SelectCast?]
        var paths: [[JSONPathSelect.Step]]
        /// A carried (text-stored) type printed by its output function (``UnmodelledTypeOutput``).
        var outputTypes: [String?]

        /// Whether item `n` is reshaped before it prints (a JSON path or a cast).
        func isReshaped(_ n: Int) -> Bool { casts[n] != nil || !paths[n].isEmpty }

        /// The carried type of item `n` when it is a column of such a type cast (no JSON path)
        /// that ``SelectCast/apply(carried:_:)`` converts from its printed text.
        func castCarried(_ n: Int) -> String? {
            guard casts[n] != nil, paths[n].isEmpty, let type = outputTypes[n], SelectCast.castableCarried.contains(type) else { return nil }
            return type
        }
    }

    /// The projection of `select` (nil: every column), its casts' target types checked.
    func projection(_ select: [TableQuery.Selected]?) throws(RestError) -> Projection {
        let (selected, indexes) = try resolve(select)
        var casts: [SelectCast?] = []
        for s in selected { casts.append(try s.cast.map { name throws(RestError) in try SelectCast.target(name) }) }
        let outputTypes: [String?] = indexes.map { i in
            definition.columns[i].type == .text ? definition.columns[i].catalogType.flatMap { UnmodelledTypeOutput.types.contains($0) ? $0 : nil } : nil
        }
        return Projection(keys: selected.map(\.key), indexes: indexes, types: indexes.map { definition.columns[$0].type },
                          casts: casts, paths: selected.map(\.path), outputTypes: outputTypes)
    }

    /// Refuses a cast or a JSON path on an item whose column is of a carried type (`refused`),
    /// whose stored text is not the value the cast or path would read.
    func refuseReshaping(_ p: Projection, where refused: (Int) -> Bool) throws(RestError) {
        for n in p.indexes.indices where p.isReshaped(n) && refused(n) && p.castCarried(n) == nil {
            throw RestError.postgres("0A000", "chunkwise serve does not cast a column of type \(definition.columns[p.indexes[n]].catalogType ?? "")")
        }
    }

    /// Item `n` of row `r` after its JSON path and its cast, with the type it then has.
    func reshaped(_ p: Projection, _ n: Int, row r: Int, zone: PGTimeZone) throws(RestError) -> (Value, PGType) {
        var value = rows.columns[p.indexes[n]].value(at: r), type = p.types[n]
        if let carried = p.castCarried(n), let target = p.casts[n] {
            guard case .text(let stored) = value else { return (.null, .text) }
            return try target.apply(carried: carried, .text(UnmodelledTypeOutput.text(stored, catalogType: carried) ?? stored), zone: zone)
        }
        if !p.paths[n].isEmpty { (value, type) = try JSONPathSelect.extract(value, type: type, path: p.paths[n]) }
        if let target = p.casts[n] { return try target.apply(value, from: type, zone: zone) }
        return (value, type)
    }
}
