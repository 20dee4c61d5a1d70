import Testing
import TestSupport
@testable import Schema

/// The COPY reader's plain-decimal float path gives exactly what the general reader gives, and
/// steps aside (nil) for every spelling it does not cover, so that reader's errors stay PostgreSQL's.
@Suite struct PGFloatPlainDecimalTests {
    static func fast(_ text: String, _ type: PGType) -> Double? {
        Array(text.utf8).withUnsafeBytes { PGFloat.parsePlainDecimal(bytes: $0, type: type) }
    }

    @Test(arguments: [PGType.float8, .float4])
    func randomDecimalsMatchTheGeneralReader(type: PGType) throws {
        var random = SeededGenerator(seed: 9)
        for _ in 0..<20_000 {
            var text = ["", "-", "+"][Int(random.next() % 3)]
            text += String(random.next() % 1_000_000_000)
            if random.next() % 2 == 0 { text += "." + String(random.next() % 100_000) }
            if random.next() % 3 == 0 { text += (random.next() % 2 == 0 ? "e" : "E") + ["", "-", "+"][Int(random.next() % 3)] + String(random.next() % 330) }
            let general: Double?
            do { general = try PGFloat.parse(text, type: type) } catch { general = nil }
            let plain = Self.fast(text, type)
            if let plain {
                #expect(plain.bitPattern == general?.bitPattern, "\(text)")
            } else {
                // Only out-of-range values leave the fast path among these spellings.
                #expect(general == nil, "\(text)")
            }
        }
    }

    @Test func otherSpellingsGoToTheGeneralReader() throws {
        for text in [" 1", "1 ", "inf", "-Infinity", "NaN", "0x1p3", "1e400", "-1e400", "1e-400", "", "-", ".", "+.",
                     "1.2.3", "1e", "1e+", "1e5.5", "\u{661}", "1_000", "12a", String(repeating: "1", count: 65)] {
            #expect(Self.fast(text, .float8) == nil, "\(text)")
        }
        #expect(Self.fast("3.5e38", .float4) == nil)  // past real's range: the general reader refuses it
        #expect(throws: ValueError.self) { try PGFloat.parse("3.5e38", type: .float4) }
        #expect(Self.fast("4.9e-324", .float8) == (try PGFloat.parse("4.9e-324", type: .float8)))
        #expect(Self.fast("-0", .float8)?.sign == .minus)
        #expect(Self.fast(".5", .float8) == 0.5)
        #expect(Self.fast("5.", .float8) == 5)
    }
}
