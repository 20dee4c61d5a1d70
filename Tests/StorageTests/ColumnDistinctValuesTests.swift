import Testing
import Schema
@testable import Storage

/// Distinct counts per vector and over several, against counting `Value`s the way PostgreSQL
/// compares them (text by bytes, numerics by value, floats with −0 = 0 and one NaN, NULL once).
@Suite struct ColumnDistinctValuesTests {
    /// A value's identity under PostgreSQL's equality, as text.
    static func identity(_ v: Value) -> String {
        switch v {
        case .null: return "null"
        case .float(let d): return d.isNaN ? "f:nan" : "f:\(d == 0 ? 0 : d)"
        case .numeric(let n):
            guard n.isFinite else { return "n:\(n)" }
            var u = n.unscaled, s = n.scale
            while s > 0 && u % 10 == 0 { u /= 10; s -= 1 }
            return "n:\(u)e-\(s)"
        case .text(let t): return "t:" + t.utf8.map { String($0) }.joined(separator: ".")
        default: return "\(v)"
        }
    }

    @Test(arguments: [PGType.int8, .timestamptz, .float8, .numeric(precision: nil, scale: nil), .text, .uuid, .bool])
    func countsLikePostgresEquality(type: PGType) {
        var random = SeededRandom(seed: 41)
        let floats: [Double] = [0, -0.0, .nan, -.nan, 1.5, -1.5, .infinity]
        let numerics: [PGNumeric] = [PGNumeric(unscaled: 15, scale: 1), PGNumeric(unscaled: 150, scale: 2), .nan,
                                     PGNumeric(unscaled: 0, scale: 3), PGNumeric(unscaled: 0, scale: 0), PGNumeric(unscaled: -7, scale: 0)]
        let texts = ["é", "e\u{301}", "", "a", "A", "日本"]
        func value(_ k: UInt64) -> Value {
            switch type {
            case .int8: return .int(Int64(k % 9) - 4)
            case .timestamptz: return .timestamp(Int64(k % 11) * 60_000_000)
            case .float8: return .float(floats[Int(k % UInt64(floats.count))])
            case .text: return .text(texts[Int(k % UInt64(texts.count))])
            case .uuid: return .uuid(PGUUID(high: k % 5, low: 1))
            case .bool: return .bool(k % 2 == 0)
            default: return .numeric(numerics[Int(k % UInt64(numerics.count))])
            }
        }
        var distinct = ColumnDistinctValues()
        var all = Set<String>()
        // Short vectors (dictionary-coded text and uuids) and a long one with many plain values.
        for length in [0, 1, 40, 300, 5_000] {
            var column = ColumnVector(type: type)
            var here = Set<String>()
            for _ in 0..<length {
                let r = random.next()
                let v: Value = r % 7 == 0 ? .null : value(length > 1_000 && type == .text ? r % 6 + UInt64(r % 3) : r >> 3)
                let stored = length > 1_000 && (type == .text || type == .uuid) && r % 2 == 0
                    ? (type == .text ? Value.text("plain \(r % 2_000)") : Value.uuid(PGUUID(high: r % 2_000, low: 2))) : v
                _ = column.append(stored)
                here.insert(Self.identity(stored))
                all.insert(Self.identity(stored))
            }
            #expect(distinct.add(column) == here.count, "\(type) length \(length)")
        }
        #expect(distinct.count == all.count, "\(type)")
    }
}
