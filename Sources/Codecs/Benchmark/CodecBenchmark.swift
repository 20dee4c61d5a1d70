#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Encode and decode throughput of the column writer over a set of blocks, one thread.
///
/// Throughput is uncompressed column bytes (`ColumnData.uncompressedByteCount`) per second, so
/// numbers compare across types and with the bars (encode ≥ 200 MB/s, decode ≥ 1 GB/s).
/// Time is the calling thread's CPU time (`CLOCK_THREAD_CPUTIME_ID`), so the numbers mean "one
/// core" even when other processes share the machine; each figure is the median round. Timing belongs in `chunkwise bench codecs`,
/// never in unit tests.
public struct CodecBenchmark: Sendable {
    public struct Measurement: Sendable, Equatable {
        public var label: String
        public var blocks: Int
        public var uncompressedBytes: Int
        public var encodedBytes: Int
        public var encodeSeconds: Double
        public var decodeSeconds: Double
        public var rounds: Int
        /// Rows decoded over all decode rounds (keeps the decode work observable).
        public var decodedRows: Int

        public var encodeMBPerSecond: Double { encodeSeconds > 0 ? Double(uncompressedBytes * rounds) / encodeSeconds / 1e6 : 0 }
        public var decodeMBPerSecond: Double { decodeSeconds > 0 ? Double(uncompressedBytes * rounds) / decodeSeconds / 1e6 : 0 }
    }

    public var options: EncodingOptions
    /// Each measurement repeats until it has run at least this long.
    public var minimumSeconds: Double

    public init(options: EncodingOptions = .init(), minimumSeconds: Double = 1) {
        self.options = options
        self.minimumSeconds = minimumSeconds
    }

    /// Measures `blocks` as one workload.
    public func measure(_ label: String, _ blocks: [ColumnBlock]) throws(CodecError) -> Measurement {
        let uncompressed = blocks.reduce(0) { $0 + $1.data.uncompressedByteCount }
        var encoded: [[UInt8]] = blocks.map { ColumnCodecs.encode($0, options: options).bytes }
        let encodedBytes = encoded.reduce(0) { $0 + $1.count }

        var encodeRounds: [Double] = []
        var encodeTime = 0.0
        repeat {
            let start = Self.threadSeconds()
            for (i, b) in blocks.enumerated() { encoded[i] = ColumnCodecs.encode(b, options: options).bytes }
            let elapsed = Self.threadSeconds() - start
            encodeRounds.append(elapsed)
            encodeTime += elapsed
        } while encodeTime < minimumSeconds

        var decodeRounds: [Double] = []
        var decodeTime = 0.0
        var checksum = 0
        repeat {
            let start = Self.threadSeconds()
            for bytes in encoded { checksum &+= try ColumnCodecs.decode(bytes, dictionary: options.zstdDictionary).count }
            let elapsed = Self.threadSeconds() - start
            decodeRounds.append(elapsed)
            decodeTime += elapsed
        } while decodeTime < minimumSeconds
        // The median round, scaled to the encode round count (so both MB/s use one `rounds`): on a
        // shared virtual machine a few rounds run slow (cache and frequency interference from
        // neighbours, which thread CPU time still counts), and one slow stretch should not move
        // the figure the way it moves a mean.
        let rounds = encodeRounds.count
        return Measurement(label: label, blocks: blocks.count, uncompressedBytes: uncompressed, encodedBytes: encodedBytes,
                           encodeSeconds: Self.median(encodeRounds) * Double(rounds), decodeSeconds: Self.median(decodeRounds) * Double(rounds),
                           rounds: rounds, decodedRows: checksum)
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    /// CPU seconds this thread has used.
    public static func threadSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
