import Testing
@testable import Codecs

/// Column blocks compressed against a shared ``ZstdDictionary``.
@Suite struct ZstdDictionaryTests {
    /// Forty small string blocks that repeat each other's text, as batches of one column do.
    static let blocks: [ColumnBlock] = (0..<40).map { b in
        ColumnBlock(data: .bytes((0..<30).map { i in Array("{\"site\": \"north-field\", \"unit\": \"kPa\", \"reading\": \((b * 30 + i) * 37 % 1000)}".utf8) }))
    }

    static func dictionary() throws -> ZstdDictionary {
        let samples = blocks.map { ColumnCodecs.prepare($0).body }
        return try #require(ZstdDictionary(trainingOn: samples, capacity: 2048))
    }

    @Test func blocksRoundTripThroughTheDictionary() throws {
        let dictionary = try Self.dictionary()
        for block in Self.blocks {
            let encoded = ColumnCodecs.finish(ColumnCodecs.prepare(block), level: 3, dictionary: dictionary)
            #expect(encoded.usedDictionary)
            #expect(try ColumnCodecs.decode(encoded.bytes, zstdDictionary: dictionary) == block)
        }
    }

    @Test func theDictionaryShrinksSmallAlikeBlocks() throws {
        let dictionary = try Self.dictionary()
        let without = Self.blocks.reduce(0) { $0 + ColumnCodecs.encode($1).count }
        let with = Self.blocks.reduce(dictionary.storedByteCount) {
            $0 + ColumnCodecs.finish(ColumnCodecs.prepare($1), level: 3, dictionary: dictionary).count
        }
        #expect(with < without)
    }

    @Test func prepareThenFinishWritesWhatEncodeWrites() {
        for block in Self.blocks.prefix(3) {
            #expect(ColumnCodecs.finish(ColumnCodecs.prepare(block)) == ColumnCodecs.encode(block))
        }
    }

    @Test func aDamagedDictionaryIsAnErrorNotWrongValues() throws {
        let dictionary = try Self.dictionary()
        let encoded = ColumnCodecs.finish(ColumnCodecs.prepare(Self.blocks[0]), level: 3, dictionary: dictionary)
        var bytes = dictionary.bytes
        bytes[bytes.count - 1] ^= 0xFF
        let damaged = ZstdDictionary(bytes: bytes, checksum: dictionary.checksum)
        #expect(!damaged.isIntact)
        #expect(throws: CodecError.self) { try ColumnCodecs.decode(encoded.bytes, zstdDictionary: damaged) }
    }

    @Test func aBlockThatNeedsADictionaryIsAnErrorWithoutOne() throws {
        let dictionary = try Self.dictionary()
        let encoded = ColumnCodecs.finish(ColumnCodecs.prepare(Self.blocks[1]), level: 3, dictionary: dictionary)
        #expect(throws: CodecError.self) { try ColumnCodecs.decode(encoded.bytes, zstdDictionary: nil) }
        #expect(throws: CodecError.self) { try ColumnCodecs.decode(encoded.bytes) }
    }

    @Test func aRawContentDictionaryWorksLikeATrainedOne() throws {
        let body = ColumnCodecs.prepare(Self.blocks[2]).body
        let dictionary = ZstdDictionary(bytes: body)
        let encoded = ColumnCodecs.finish(ColumnCodecs.prepare(Self.blocks[2]), level: 3, dictionary: dictionary)
        #expect(encoded.usedDictionary)
        #expect(encoded.count < ColumnCodecs.encode(Self.blocks[2]).count)
        #expect(try ColumnCodecs.decode(encoded.bytes, zstdDictionary: dictionary) == Self.blocks[2])
    }
}
