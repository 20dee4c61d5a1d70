@testable import Codecs
import TestSupport

/// Random blocks shaped like real columns (and like their worst cases), from a seed.
enum BlockGenerators {
    /// Integer sequences of one of several shapes: regular time, random walk, tiny, extremes, random.
    static func integers(_ rng: inout SeededGenerator, count: Int) -> [Int64] {
        switch rng.next() % 7 {
        case 0: // minute bars with gaps, descending
            var t: Int64 = 1_700_000_000_000_000
            return (0..<count).map { _ in
                t -= rng.next() % 20 == 0 ? 60_000_000 * Int64(rng.next() % 100 + 1) : 60_000_000
                return t
            }
        case 1: // price random walk in ticks of 25
            var p: Int64 = 1_589_500
            return (0..<count).map { _ in
                p += 25 * (Int64(rng.next() % 41) - 20)
                return p
            }
        case 2: // small non-negative
            return (0..<count).map { _ in Int64(rng.next() % 16) }
        case 3: // extremes mixed in
            let pool: [Int64] = [.min, .max, 0, -1, 1, .min + 1, .max - 1]
            return (0..<count).map { _ in pool[Int(rng.next() % UInt64(pool.count))] }
        case 4: // constant
            let v = Int64(bitPattern: rng.next())
            return Array(repeating: v, count: count)
        case 5: // runs
            var out: [Int64] = []
            while out.count < count {
                let v = Int64(rng.next() % 5) - 2
                out.append(contentsOf: repeatElement(v, count: min(count - out.count, Int(rng.next() % 300) + 1)))
            }
            return out
        default: // uniformly random 64-bit
            return (0..<count).map { _ in Int64(bitPattern: rng.next()) }
        }
    }

    static func doubles(_ rng: inout SeededGenerator, count: Int) -> [Double] {
        switch rng.next() % 4 {
        case 0: // two-decimal prices
            var p = 15_895.0
            return (0..<count).map { _ in
                p = ((p * 4).rounded() + Double(Int(rng.next() % 21) - 10)) / 4
                return p
            }
        case 1: // specials and extremes mixed with decimals
            let pool: [Double] = [.nan, -.nan, .infinity, -.infinity, -0.0, 0.0, .greatestFiniteMagnitude,
                                  .leastNonzeroMagnitude, Double(bitPattern: 0x7FF0_0000_0000_0001), 1.5, -2.25]
            return (0..<count).map { _ in pool[Int(rng.next() % UInt64(pool.count))] }
        case 2: // arbitrary bit patterns
            return (0..<count).map { _ in Double(bitPattern: rng.next()) }
        default: // noisy measurements
            return (0..<count).map { _ in Double(rng.next() % 1_000_000) / 7.0 }
        }
    }

    static func block(_ rng: inout SeededGenerator, count: Int) -> ColumnBlock {
        let data: ColumnData
        switch rng.next() % 6 {
        case 0: data = .int64(integers(&rng, count: count))
        case 1: data = .float64(doubles(&rng, count: count))
        case 2:
            let unscaled = integers(&rng, count: count).map { $0 % 1_000_000_000_000_000_000 }
            let mixed = rng.next() % 2 == 0
            let scales = (0..<count).map { _ in mixed ? Int16(rng.next() % 19) : 2 }
            data = .decimal(unscaled: unscaled, scales: scales)
        case 3:
            let sticky = rng.next() % 2 == 0
            var b = false
            data = .bool((0..<count).map { _ in
                if !sticky || rng.next() % 50 == 0 { b = rng.next() % 2 == 0 }
                return b
            })
        case 4:
            let distinct = Int(rng.next() % 4) == 0 ? count : Int(rng.next() % 5) + 1
            let pool = (0..<max(1, distinct)).map { _ in (rng.next(), rng.next()) }
            let picks = (0..<count).map { _ in pool[Int(rng.next() % UInt64(pool.count))] }
            data = .uuid(high: picks.map(\.0), low: picks.map(\.1))
        default:
            let words = ["1m", "5m", "1h", "yfinance", "{}", "{\"a\": 1}", "", "ünïcødé"]
            let distinct = rng.next() % 3 == 0
            data = .bytes((0..<count).map { i in
                distinct ? Array("row-\(i)-\(rng.next() % 1000)".utf8) : Array(words[Int(rng.next() % UInt64(words.count))].utf8)
            })
        }
        var nulls: [Bool] = []
        switch rng.next() % 4 {
        case 0: nulls = (0..<count).map { _ in rng.next() % 5 == 0 }
        case 1: nulls = Array(repeating: true, count: count)
        default: break
        }
        return ColumnBlock(data: data, nulls: nulls)
    }
}
