import Foundation
import Schema
@testable import Storage
import Testing

/// COPY's fast reading of `uuid_out`'s 8-4-4-4-12 form (eight hex digits per step) against the
/// general parser: the same value for every canonical spelling, nil for anything else.
@Suite struct CanonicalUUIDTests {
    static func fast(_ text: String) -> PGUUID? {
        Array(text.utf8).withUnsafeBytes { ColumnBuilder.canonicalUUID($0) }
    }

    @Test func everyCanonicalSpellingReadsAsTheGeneralParserReadsIt() throws {
        var random = SeededRandom(seed: 11)
        var samples = [PGUUID(high: 0, low: 0), PGUUID(high: .max, low: .max), PGUUID(high: 0x0123_4567_89AB_CDEF, low: 0xFEDC_BA98_7654_3210)]
        for _ in 0..<2_000 { samples.append(random.nextUUIDv4()) }
        for u in samples {
            let text = u.description
            #expect(Self.fast(text) == u, "\(text)")
            #expect(Self.fast(text.uppercased()) == u, "\(text)")
            #expect(try PGUUID.parse(text.uppercased()) == u)
        }
    }

    @Test func anyOtherByteIsLeftToTheGeneralParser() {
        let good = "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"
        #expect(Self.fast(good) != nil)
        let hyphens: Set<Int> = [8, 13, 18, 23]
        // Every position, with bytes just outside each hex range and a few others.
        let bad: [UInt8] = [0x2F, 0x3A, 0x40, 0x47, 0x60, 0x67, 0x20, 0x00, 0x7F, 0x80, 0xC3, 0xFF, 0x2D, 0x7B]
        for i in 0..<36 {
            for byte in bad {
                var bytes = Array(good.utf8)
                if hyphens.contains(i) && byte == 0x2D { continue }
                bytes[i] = byte
                let fast = bytes.withUnsafeBytes { ColumnBuilder.canonicalUUID($0) }
                #expect(fast == nil, "byte \(byte) at \(i)")
            }
        }
        #expect(Self.fast("{" + good + "}") == nil)
        #expect(Self.fast(good.replacingOccurrences(of: "-", with: "")) == nil)
    }
}
