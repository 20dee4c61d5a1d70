import Foundation
import Schema
import Storage

/// What an export says about one of a team's own columns, beyond market_data's (a reading's NULL
/// rate, a text column's width and usual values), so `plan` draws that column as the team's data
/// holds it: a `humidity` NULL in 60 % of rows stores 60 % fewer values, and a partial index
/// `WHERE error_code IS NOT NULL` holds only the rows that have one.
public struct ColumnStatistics: Sendable, Hashable, Codable {
    /// Share of rows where the column is NULL (0…1).
    public var nullFraction: Double
    /// Mean UTF-8 bytes of a non-NULL text value (text, varchar and char columns only).
    public var averageBytes: Double?
    /// The values a text column takes, most common first, when at most
    /// ``ColumnStatistics/commonValueLimit`` values make up nearly all of its non-NULL rows.
    public var commonValues: [String]?

    /// At most this many common values are kept (a status or a firmware version, not a name).
    public static let commonValueLimit = 8

    public init(nullFraction: Double, averageBytes: Double? = nil, commonValues: [String]? = nil) {
        self.nullFraction = nullFraction
        self.averageBytes = averageBytes
        self.commonValues = commonValues
    }

    enum CodingKeys: String, CodingKey {
        case nullFraction = "null_fraction", averageBytes = "average_bytes", commonValues = "common_values"
    }

    /// The statistics of `column`'s `vector`.
    public static func measure(_ vector: ColumnVector) -> ColumnStatistics {
        let n = vector.count
        guard n > 0 else { return ColumnStatistics(nullFraction: 0) }
        var nulls = 0
        for r in 0..<n where vector.isNull(at: r) { nulls += 1 }
        var stats = ColumnStatistics(nullFraction: Double(nulls) / Double(n))
        guard case .string(let strings) = vector.storage, Self.isText(vector.type), nulls < n else { return stats }
        var bytes = 0
        var counts: [String: Int] = [:]
        var tooMany = false
        for r in 0..<n where !vector.isNull(at: r) {
            let s = strings[r]
            bytes += s.utf8.count
            guard !tooMany else { continue }
            counts[s, default: 0] += 1
            if counts.count > 4 * commonValueLimit { tooMany = true }
        }
        let present = n - nulls
        stats.averageBytes = Double(bytes) / Double(present)
        if !tooMany {
            let common = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(commonValueLimit)
            if common.reduce(0, { $0 + $1.value }) * 100 >= present * 95 { stats.commonValues = common.map(\.key) }
        }
        return stats
    }

    /// text and varchar (character(n) too: both carried as strings).
    static func isText(_ type: PGType) -> Bool {
        switch type {
        case .text, .varchar: true
        default: false
        }
    }

    /// Whether the statistics are usable: a fraction in 0…1, a finite non-negative width.
    var isValid: Bool {
        nullFraction.isFinite && (0...1).contains(nullFraction) && (averageBytes.map { $0.isFinite && $0 >= 0 && $0 <= 1_000_000_000 } ?? true)
    }

    /// `vector` (n rows of a nullable column) as the statistics draw it: NULL in their share of
    /// rows, and a column the generator left NULL throughout given values (`values`, else text of
    /// the measured width). Deterministic for a seed.
    func drawn(_ vector: ColumnVector, values: () -> ColumnVector?, seed: UInt64) -> ColumnVector {
        let n = vector.count
        var random = SeededRandom(seed: seed)
        var base = vector
        let allNull = n > 0 && (0..<n).allSatisfy { vector.isNull(at: $0) }
        if allNull, nullFraction < 1 {
            if Self.isText(vector.type), averageBytes != nil || commonValues != nil {
                let texts = (0..<n).map { _ in text(&random) }
                base = ColumnVector(type: vector.type, storage: .string(StringColumn(texts)))
            } else if let filled = values() {
                base = filled
            } else {
                return vector
            }
        }
        let nulls = (0..<n).map { _ in random.nextUnit() < nullFraction }
        var out = ColumnVector(type: base.type)
        for r in 0..<n {
            guard out.append(nulls[r] ? .null : base.value(at: r)) else { return vector }
        }
        return out
    }

    /// One text value: one of the common values at random, or letters of the measured width.
    func text(_ random: inout SeededRandom) -> String {
        if let common = commonValues, !common.isEmpty { return common[Int(random.next() % UInt64(common.count))] }
        let width = max(0, Int((averageBytes ?? 0).rounded()))
        let letters = Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8)
        return String(decoding: (0..<min(width, 1_000_000)).map { _ in letters[Int(random.next() % UInt64(letters.count))] }, as: UTF8.self)
    }
}
