import Testing
@testable import Codecs

@Suite struct ZstdTests {
    @Test func compressedFrameDecompressesToTheSameBytes() throws {
        let source = (0..<5000).map { UInt8(truncatingIfNeeded: $0 % 17) }
        let packed = try Zstd.compress(source, level: 3)
        #expect(packed.count < source.count)
        #expect(try Zstd.decompress(packed, rawCount: source.count) == source)
    }

    @Test func wrongRawLengthIsAnError() throws {
        let source = [UInt8](repeating: 7, count: 300)
        let packed = try Zstd.compress(source)
        #expect(throws: CodecError.self) { try Zstd.decompress(packed, rawCount: 299) }
        #expect(throws: CodecError.self) { try Zstd.decompress(packed, rawCount: 301) }
    }

    @Test func garbageIsAnErrorNotACrash() {
        #expect(throws: CodecError.self) { try Zstd.decompress([1, 2, 3, 4, 5], rawCount: 10) }
    }
}
