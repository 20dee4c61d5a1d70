import Schema

extension ColumnVector {
    /// Selected rows of several vectors of one type, concatenated into one new vector with a
    /// single allocation per array: how a scan turns many small runs (one per chunk) into one.
    static func concatenating(_ pieces: [(vector: ColumnVector, rows: ColumnScan.Selection)], type: PGType) -> ColumnVector {
        let total = pieces.reduce(0) { $0 + $1.rows.count }
        @inline(__always) func pick<T>(_ array: (ColumnVector) -> [T]) -> [T] {
            var out: [T] = []
            out.reserveCapacity(total)
            for (vector, rows) in pieces {
                let a = array(vector)
                switch rows {
                case .range(let r): out.append(contentsOf: a[r])
                case .positions(let p): for i in p { out.append(a[i]) }
                }
            }
            return out
        }
        /// A dictionary-coded column's selected rows (codes translated once per piece; one range
        /// of one column is sliced as it is held).
        func coded<E>(_ column: (ColumnVector) -> DictionaryColumn<E>?) -> DictionaryColumn<E> {
            if pieces.count == 1, case .range(let r) = pieces[0].rows, let a = column(pieces[0].vector) { return a.slice(r) }
            var out = DictionaryColumn<E>()
            out.reserveCapacity(total)
            for (vector, rows) in pieces {
                guard let a = column(vector) else { continue }
                switch rows {
                case .range(let r): out.append(a, rows: r)
                case .positions(let p): out.append(a, rows: p)
                }
            }
            return out
        }
        let nulls: [Bool] = pieces.contains { $0.vector.hasNulls }
            ? pick { $0.hasNulls ? $0.isNull : Array(repeating: false, count: $0.count) } : []
        let storage: Storage
        switch pieces.first?.vector.storage ?? ColumnVector(type: type).storage {
        case .bool: storage = .bool(pick { if case .bool(let a) = $0.storage { return a } else { return [] } })
        case .int64: storage = .int64(pick { if case .int64(let a) = $0.storage { return a } else { return [] } })
        case .double: storage = .double(pick { if case .double(let a) = $0.storage { return a } else { return [] } })
        case .numeric where pieces.contains(where: { if case .wideNumeric = $0.vector.storage { return true } else { return false } }):
            storage = .wideNumeric(pick { $0.anyWidthNumerics })
        case .numeric:
            var scales = NumericScales()
            for (vector, rows) in pieces {
                guard case .numeric(_, let s) = vector.storage else { continue }
                switch rows {
                case .range(let r): scales.append(s, rows: r)
                case .positions(let p): scales.append(s, rows: p)
                }
            }
            storage = .numeric(unscaled: pick { if case .numeric(let u, _) = $0.storage { return u } else { return [] } },
                               scales: scales)
        case .wideNumeric: storage = .wideNumeric(pick { $0.anyWidthNumerics })
        case .uuid: storage = .uuid(coded { if case .uuid(let a) = $0.storage { return a } else { return nil } })
        case .time: storage = .time(pick { if case .time(let a) = $0.storage { return a } else { return [] } })
        case .string: storage = .string(coded { if case .string(let a) = $0.storage { return a } else { return nil } })
        }
        return ColumnVector(type: type, storage: storage, isNull: nulls)
    }
}
