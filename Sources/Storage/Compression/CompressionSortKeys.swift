import Schema

/// The keys compression sorts a chunk's rows by, as integers: each row's segment as a dense rank
/// (segments in ascending segmentby order, NULLS LAST), and each orderby key of an integer or
/// time column as an `Int64` whose ascending order is the key's order (DESC flips the bits, so no
/// value overflows). Sorting by these compares a few integers per pair of rows instead of
/// switching over column storage and comparing UUIDs and UTF-8 strings each time.
///
/// The ranks are exact: distinct values are found by hashing (UUID and integer values, strings by
/// their UTF-8 bytes, as ``ValueOrdering`` compares them) and ordered by ``ColumnVector/compareRows(_:_:nullsFirst:)``
/// on one row of each, so the order is the one the generic comparison gives. Columns of other
/// types, and orderby keys that are not integer or time columns or hold NULLs, are not covered:
/// ``make(_:segmentColumns:orderKeys:)`` returns nil and the caller compares values.
struct CompressionSortKeys {
    /// Row i's segment rank.
    var segment: [Int]
    /// Per orderby key, row i's key.
    var order: [[Int64]]

    static func make(_ rows: RowSet, segmentColumns: [Int], orderKeys: [(column: Int, descending: Bool)]) -> CompressionSortKeys? {
        var order: [[Int64]] = []
        for key in orderKeys {
            let column = rows.columns[key.column]
            guard !column.hasNulls else { return nil }
            switch column.storage {
            case .int64(let a), .time(let a): order.append(key.descending ? a.map { ~$0 } : a)
            default: return nil
            }
        }
        var segment = [Int](repeating: 0, count: rows.count)
        for c in segmentColumns {
            guard let (ranks, distinct) = denseRanks(rows.columns[c]) else { return nil }
            // Mixed radix, most significant first: ranks of earlier segmentby columns dominate.
            let (scaled, overflow) = segment.isEmpty ? (0, false) : (segment.max() ?? 0).multipliedReportingOverflow(by: distinct)
            guard !overflow, scaled <= Int.max - distinct else { return nil }
            for i in segment.indices { segment[i] = segment[i] * distinct + ranks[i] }
        }
        return CompressionSortKeys(segment: segment, order: order)
    }

    /// Each row's rank among the column's distinct values (NULL after every value), and how many
    /// ranks there are; nil for storage this does not cover.
    static func denseRanks(_ column: ColumnVector) -> (ranks: [Int], distinct: Int)? {
        switch column.storage {
        case .uuid(let a): return ranks(column, a) { $0 }
        case .int64(let a), .time(let a): return ranks(column, a) { $0 }
        case .bool(let a): return ranks(column, a) { $0 }
        case .string(let a): return ranks(column, a) { UTF8Key($0) }
        case .double, .numeric: return nil
        }
    }

    private static func ranks<T, K: Hashable>(_ column: ColumnVector, _ values: [T], key: (T) -> K) -> (ranks: [Int], distinct: Int) {
        var firstRow: [Int] = []
        var ids: [K: Int] = [:]
        var ranks = [Int](repeating: 0, count: values.count)
        var nullID: Int?
        for i in values.indices {
            if column.isNull(at: i) {
                if nullID == nil { nullID = firstRow.count; firstRow.append(i) }
                ranks[i] = nullID ?? 0
                continue
            }
            let k = key(values[i])
            if let id = ids[k] { ranks[i] = id; continue }
            ids[k] = firstRow.count
            ranks[i] = firstRow.count
            firstRow.append(i)
        }
        // Ids are in first-seen order; renumber them in value order (compareRows puts NULL last).
        let sorted = firstRow.indices.sorted { column.compareRows(firstRow[$0], firstRow[$1]) < 0 }
        var rankOfID = [Int](repeating: 0, count: firstRow.count)
        for (rank, id) in sorted.enumerated() { rankOfID[id] = rank }
        for i in ranks.indices { ranks[i] = rankOfID[ranks[i]] }
        return (ranks, firstRow.count)
    }

    /// A string compared and hashed by its UTF-8 bytes (not Unicode canonical equivalence, which
    /// `String`'s own `==` uses), matching ``ValueOrdering``'s byte order.
    struct UTF8Key: Hashable {
        let text: String
        init(_ text: String) { self.text = text }
        static func == (a: UTF8Key, b: UTF8Key) -> Bool { a.text.utf8.elementsEqual(b.text.utf8) }
        func hash(into hasher: inout Hasher) {
            var copy = text
            copy.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
    }
}
