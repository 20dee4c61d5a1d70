import Testing
import Schema
import Storage
import TestSupport
@testable import PostgresModel

@Suite("TimescaleDB compression algorithms, byte for byte")
struct TimescaleDBAlgorithmTests {
    @Test("a run of equal small values becomes one RLE block: 8-byte header, one selector word, one block")
    func runIsOneRLEBlock() {
        let bytes = Simple8bRLE.serialize(Array(repeating: 0, count: 1000))
        #expect(bytes?.count == 24)
        // num_elements = 1000, num_blocks = 1, selector 15 in the low nibble.
        #expect(bytes.map { Array($0[0..<8]) } == [0xE8, 0x03, 0, 0, 1, 0, 0, 0])
        #expect(bytes?[8] == 0x0F)
    }

    @Test("a block packs as many values as the widest one allows (21 values of 3 bits)")
    func greedySelector() {
        // 7 needs 3 bits; 21 per block; 42 values → 2 blocks.
        let bytes = Simple8bRLE.serialize((0..<42).map { UInt64($0 % 2 == 0 ? 7 : 5) })
        #expect(bytes?.count == Simple8bRLE.serializedSize(blocks: 2))
    }

    @Test("an empty stream is NULL, as TimescaleDB returns")
    func emptyStream() {
        #expect(Simple8bRLE.serialize([]) == nil)
    }

    @Test("zigzag maps small negatives and positives to small unsigned values")
    func zigzag() {
        #expect(DeltaDeltaEncoder.zigzag(0) == 0)
        #expect(DeltaDeltaEncoder.zigzag(-1) == 1)
        #expect(DeltaDeltaEncoder.zigzag(1) == 2)
        #expect(DeltaDeltaEncoder.zigzag(Int64.min) == UInt64.max)
    }

    @Test("1000 regular minute timestamps take 64 bytes: 24 header + 8 + 8 selector + 3 blocks")
    func regularTimestamps() {
        var e = DeltaDeltaEncoder()
        for i in 0..<1000 { e.append(788_000_000_000_000 + Int64(i) * 60_000_000) }
        #expect(e.finish()?.count == 64)
    }

    @Test("NULLs add a simple8b bitmap after the deltas")
    func deltaDeltaNulls() {
        var plain = DeltaDeltaEncoder(), withNull = DeltaDeltaEncoder()
        for i in 0..<10 { plain.append(Int64(i)); withNull.append(Int64(i)) }
        withNull.appendNull()
        let a = plain.finish()?.count ?? 0, b = withNull.finish()?.count ?? 0
        #expect(b == a + 24)
    }

    @Test("numeric is stored in PostgreSQL's short format with base-10000 digits")
    func numericPayload() {
        #expect(DatumSerialization.numericPayload(unscaled: 388575, scale: 2) == [0x00, 0x81, 0x2D, 0x0F, 0x4C, 0x1D])
        // 15895.00: weight 1, digits 1 and 5895, trailing zero digit stripped.
        #expect(DatumSerialization.numericPayload(unscaled: 1589500, scale: 2) == [0x01, 0x81, 0x01, 0x00, 0x07, 0x17])
        // 0.05: weight −1 (0x7F), digit 500.
        #expect(DatumSerialization.numericPayload(unscaled: 5, scale: 2) == [0x7F, 0x81, 0xF4, 0x01])
        #expect(DatumSerialization.numericPayload(unscaled: 0, scale: 4) == [0x00, 0x82])
        #expect(DatumSerialization.numericPayload(unscaled: -12, scale: 0) == [0x00, 0xA0, 0x0C, 0x00])
    }

    @Test("short varlenas take a 1-byte header and no alignment")
    func shortVarlena() {
        let d = DatumSerialization.varlena(payload: Array("1m".utf8))
        #expect(d.bytes == [0x07, 0x31, 0x6D])
        #expect(d.alignment == 1)
        #expect(DatumSerialization.varlena(payload: Array(repeating: 1, count: 200)).bytes.count == 204)
    }

    @Test("a batch of one repeated string stays a dictionary")
    func repeatedStringIsDictionary() {
        var e = DictionaryEncoder(elementTypeOid: 1043)
        for _ in 0..<1000 { e.append(DatumSerialization.varlena(payload: Array("yfinance".utf8))) }
        let r = e.finish()
        #expect(r?.algorithm == DictionaryEncoder.algorithmID)
        // 16 header + 24 RLE indexes + sizes stream (24) + 9 bytes of data.
        #expect(r?.bytes.count == 16 + 24 + 24 + 9)
    }

    @Test("a batch of all-distinct strings switches to ARRAY by TimescaleDB's rule")
    func distinctStringsBecomeArray() {
        var e = DictionaryEncoder(elementTypeOid: 25)
        for i in 0..<1000 { e.append(DatumSerialization.varlena(payload: Array("value-\(i)".utf8))) }
        #expect(e.finish()?.algorithm == ArrayEncoder.algorithmID)
    }

    @Test("random v4 UUIDs end up as ARRAY: the HLL estimate sends them to the dictionary, whose own rule picks ARRAY")
    func randomUUIDs() {
        var g = SeededGenerator(seed: 7)
        var e = UUIDEncoder(elementTypeOid: 2950)
        for _ in 0..<1000 { e.append(PGUUID(high: g.next(), low: g.next())) }
        let r = e.finish()
        // UUID form: 16 + (24 + 8 + 63·8 + 1000·8) + 8000 = 16552; ARRAY: 16 + 24 + 16000 = 16040.
        #expect(r?.algorithm == ArrayEncoder.algorithmID)
        #expect(r?.size == 16_040)
    }

    @Test("a batch of one repeated UUID falls back to a dictionary")
    func repeatedUUIDIsDictionary() {
        var e = UUIDEncoder(elementTypeOid: 2950)
        for _ in 0..<1000 { e.append(PGUUID(high: 0xA195_767F_12D8_EDE4, low: 0xE262_52F9_B971_474A)) }
        let r = e.finish()
        #expect(r?.algorithm == DictionaryEncoder.algorithmID)
        #expect((r?.size ?? Int.max) < 100)
    }

    @Test("pglz leaves inputs under 32 bytes alone")
    func pglzMinimumInput() {
        #expect(PGLZ.compressedSize(Array(repeating: 0x61, count: 31)) == nil)
    }

    @Test("pglz codes 100 equal bytes as one literal and one long match: 5 bytes")
    func pglzRun() {
        #expect(PGLZ.compressedSize(Array(repeating: 0x61, count: 100)) == 5)
    }

    @Test("pglz gives up on incompressible input")
    func pglzRandom() {
        var g = SeededGenerator(seed: 3)
        let bytes = (0..<4000).map { _ in UInt8(truncatingIfNeeded: g.next()) }
        #expect(PGLZ.compressedSize(bytes) == nil)
    }

    @Test("a boolean batch is 8 header bytes plus a simple8b stream")
    func boolBatch() {
        var e = BoolEncoder()
        for i in 0..<1000 { e.append(i % 3 == 0) }
        // 1000 one-bit values: 16 blocks of 64 → 8 + 8 + 128 bytes of stream.
        #expect(e.finishSize() == 8 + 8 + 8 + 16 * 8)
    }
}
