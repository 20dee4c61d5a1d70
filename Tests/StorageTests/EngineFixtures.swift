import Schema
@testable import Storage

/// Small tables and rows for the engine's specifications.
enum EngineFixtures {
    static let hour: Int64 = 3_600_000_000
    static let day: Int64 = 86_400_000_000

    /// `ticks(ts timestamptz, symbol text, price numeric(12,2), volume bigint, UNIQUE(symbol, ts))`.
    static let ticks = TableDefinition(
        name: "ticks",
        columns: [
            ColumnDefinition("ts", .timestamptz, notNull: true),
            ColumnDefinition("symbol", .text, notNull: true),
            ColumnDefinition("price", .numeric(precision: 12, scale: 2)),
            ColumnDefinition("volume", .int8),
        ],
        indexes: [IndexDefinition(name: "ticks_symbol_ts_key", table: "ticks", keys: [.init(column: "symbol"), .init(column: "ts")],
                                  unique: true, origin: .uniqueConstraint)])

    static func rows(_ values: [(Int64, String, Int64?, Int64?)]) -> RowSet {
        var set = RowSet(table: ticks)
        for (t, s, p, v) in values {
            set.append(row: [.timestamp(t), .text(s), p.map { .numeric(PGNumeric(unscaled: $0, scale: 2)) } ?? .null, v.map { .int($0) } ?? .null])
        }
        return set
    }

    /// `count` rows one minute apart from `start`, cycling over `symbols`, with deterministic prices.
    static func minuteRows(start: Int64, count: Int, symbols: [String] = ["A", "B", "C"]) -> RowSet {
        var set = RowSet(table: ticks, capacity: count)
        for i in 0..<count {
            let t = start + Int64(i / symbols.count) * 60_000_000
            let nullVolume = i % 17 == 0
            set.append(row: [.timestamp(t), .text(symbols[i % symbols.count]),
                             .numeric(PGNumeric(unscaled: 100_000 + Int64((i * 7919) % 5000), scale: 2)),
                             nullVolume ? .null : .int(Int64(i % 1000))])
        }
        return set
    }

    static func hypertable(interval: Int64 = day, space: SpaceDimension? = nil, compress: Bool = true) throws -> Hypertable {
        var ht = try Hypertable(table: ticks, options: HypertableOptions(timeColumn: "ts", chunkInterval: interval, space: space,
                                                                          blockSize: 16, indexedColumns: ["symbol"]))
        if compress {
            try ht.enableCompression(CompressionSettings(segmentBy: "symbol", orderBy: "ts DESC", timeColumn: "ts", batchSizeLimit: 100))
        }
        return ht
    }

    /// Every row of a row set as value arrays, sorted, for multiset comparison.
    static func multiset(_ rows: RowSet) -> [[Value]] {
        (0..<rows.count).map { rows.row($0) }.sorted { a, b in
            for (x, y) in zip(a, b) {
                let c = ValueOrdering.compare(x, y)
                if c != 0 { return c < 0 }
            }
            return false
        }
    }

    /// Row i's field of a CSV whose fields cycle through quoted delimiters and line endings, doubled
    /// quotes, empty and quoted-empty values (the texts that cutting a file at record ends must survive).
    static func quotedCSVField(_ i: Int, ending: String) -> String {
        switch i % 5 {
        case 0: return "\"a,\(ending)b \"\"q\"\" \(i)\""
        case 1: return ""
        case 2: return "\"\""
        case 3: return "plain \(i)"
        default: return "x\"y,\(ending)z\"w"
        }
    }
}
