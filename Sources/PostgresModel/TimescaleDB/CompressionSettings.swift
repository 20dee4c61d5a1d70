import Foundation

/// `ALTER TABLE … SET (timescaledb.compress, compress_segmentby, compress_orderby)`.
public struct CompressionSettings: Sendable, Hashable {
    public struct OrderBy: Sendable, Hashable {
        public var column: String
        public var descending: Bool
        /// nil = PostgreSQL's default (NULLS FIRST for DESC, LAST for ASC).
        public var nullsFirst: Bool?

        public init(column: String, descending: Bool = false, nullsFirst: Bool? = nil) {
            self.column = column
            self.descending = descending
            self.nullsFirst = nullsFirst
        }

        var effectiveNullsFirst: Bool { nullsFirst ?? descending }
    }

    public var segmentBy: [String]
    public var orderBy: [OrderBy]
    /// `timescaledb.compression_batch_size_limit` (default TARGET_COMPRESSED_BATCH_SIZE = 1000).
    public var batchSize: Int

    public init(segmentBy: [String], orderBy: [OrderBy], batchSize: Int = 1000) {
        self.segmentBy = segmentBy
        self.orderBy = orderBy
        self.batchSize = batchSize
    }

    /// Parses the option texts as TimescaleDB accepts them: `"ticker_id, interval"` and
    /// `"timestamp DESC"` (ASC/DESC and NULLS FIRST/LAST per column).
    public init(segmentBy: String, orderBy: String, batchSize: Int = 1000) throws(TimescaleDBModelError) {
        let seg = segmentBy.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var order: [OrderBy] = []
        for part in orderBy.split(separator: ",") {
            let words = part.split(separator: " ").map { $0.lowercased() }
            guard let name = part.split(separator: " ").first.map(String.init) else { continue }
            var o = OrderBy(column: name.trimmingCharacters(in: CharacterSet(charactersIn: "\"")))
            var k = 1
            while k < words.count {
                switch words[k] {
                case "asc": o.descending = false
                case "desc": o.descending = true
                case "nulls":
                    guard k + 1 < words.count, words[k + 1] == "first" || words[k + 1] == "last" else {
                        throw .invalidSetting("syntax error at or near \"\(part)\" in compress_orderby")
                    }
                    o.nullsFirst = words[k + 1] == "first"
                    k += 1
                default: throw .invalidSetting("syntax error at or near \"\(words[k])\" in compress_orderby")
                }
                k += 1
            }
            order.append(o)
        }
        guard batchSize >= 1, batchSize <= 32767 else {
            throw .invalidSetting("\(batchSize) is outside the valid range for parameter \"timescaledb.compression_batch_size_limit\" (1 .. 32767)")
        }
        self.init(segmentBy: seg, orderBy: order, batchSize: batchSize)
    }
}


/// Errors of the TimescaleDB size model, worded like the server's messages.
public enum TimescaleDBModelError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidSetting(String)
    case unknownColumn(String)
    case notATimeColumn(String)
    case invalidInterval(String)

    public var description: String {
        switch self {
        case .invalidSetting(let m): return m
        case .unknownColumn(let c): return "column \"\(c)\" does not exist"
        case .notATimeColumn(let c): return "invalid type for dimension \"\(c)\""
        case .invalidInterval(let m): return m
        }
    }
}
