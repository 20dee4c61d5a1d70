import Codecs

/// Encodes one column's blocks across a chunk's batches, training and using a zstd dictionary
/// for the column when the ``ZstdDictionaryMode`` asks for one.
enum ColumnDictionaryTraining {
    /// The column's stored blocks (one per batch, in batch order) and the dictionary they use.
    static func encode(_ prepared: [PreparedColumn], mode: ZstdDictionaryMode, options: EncodingOptions,
                       averageRowsPerBatch: Double) -> (blocks: [StoredColumn], dictionary: ZstdDictionary?) {
        func withoutDictionary() -> [EncodedColumn] { prepared.map { ColumnCodecs.finish($0, options: options) } }
        func stored(_ blocks: [EncodedColumn]) -> [StoredColumn] { blocks.map(ColumnBlockAdapter.stored) }
        guard options.useZstd, mode != .off,
              mode == .on || averageRowsPerBatch < ZstdDictionaryMode.autoRowsPerBatchThreshold else {
            return (stored(withoutDictionary()), nil)
        }
        let without = withoutDictionary()
        let bytesWithout = without.reduce(0) { $0 + $1.count }
        let candidates = self.candidates(prepared, capacity: capacity(forColumnBytes: bytesWithout))
        if mode == .on {
            guard let dictionary = candidates.first else { return (stored(without), nil) }
            let blocks = prepared.map { ColumnCodecs.finish($0, level: options.zstdLevel, dictionary: dictionary) }
            guard blocks.contains(where: \.usedDictionary) else { return (stored(without), nil) }
            return (stored(blocks), dictionary)
        }
        var best = (blocks: without, dictionary: ZstdDictionary?.none, bytes: bytesWithout)
        for dictionary in candidates {
            // Per block the smaller of the two (ties keep the block that needs no dictionary).
            let blocks = zip(without, prepared).map { plain, p in
                let packed = ColumnCodecs.finish(p, level: options.zstdLevel, dictionary: dictionary)
                return packed.count < plain.count ? packed : plain
            }
            let bytes = blocks.reduce(dictionary.storedByteCount) { $0 + $1.count }
            if bytes < best.bytes, blocks.contains(where: \.usedDictionary) { best = (blocks, dictionary, bytes) }
        }
        return (stored(best.blocks), best.dictionary)
    }

    /// Dictionaries to try for one column, best guess first: one trained by libzstd on the
    /// bodies zstd would compress, and a raw-content one made of the bodies that recur most.
    /// The trainer needs several samples and ~1 KB of material (``Zstd/trainDictionary(samples:capacity:)``);
    /// the raw-content dictionary covers what it refuses: a column whose blocks are tiny and
    /// repeat from batch to batch (a few distinct strings or UUIDs per batch).
    static func candidates(_ prepared: [PreparedColumn], capacity size: Int) -> [ZstdDictionary] {
        // Bodies of 8 bytes or less never go through zstd (``ColumnCodecs``), so they teach nothing.
        let samples = prepared.map(\.body).filter { $0.count > 8 }
        guard !samples.isEmpty else { return [] }
        var found: [ZstdDictionary] = []
        if let trained = ZstdDictionary(trainingOn: samples, capacity: size) { found.append(trained) }
        if let raw = rawContent(samples, capacity: size) { found.append(raw) }
        return found
    }

    /// The bodies that occur most often (ties: first seen), concatenated up to `capacity` bytes;
    /// nil when no body occurs twice (then nothing repeats for the dictionary to cover).
    static func rawContent(_ samples: [[UInt8]], capacity: Int) -> ZstdDictionary? {
        var counts: [[UInt8]: (count: Int, first: Int)] = [:]
        for (i, body) in samples.enumerated() { counts[body, default: (0, i)].count += 1 }
        let recurring = counts.filter { $0.value.count > 1 }
            .sorted { $0.value.count != $1.value.count ? $0.value.count > $1.value.count : $0.value.first < $1.value.first }
        var bytes: [UInt8] = []
        for (body, _) in recurring where bytes.count + body.count <= capacity {
            // Most frequent last: zstd reaches the end of a dictionary with the shortest offsets.
            bytes.insert(contentsOf: body, at: 0)
        }
        // A raw-content dictionary must not start with zstd's dictionary magic number, or
        // libzstd would parse it as a trained one (zstd.h, `ZSTD_dct_auto`).
        guard !bytes.isEmpty, !bytes.starts(with: [0x37, 0xA4, 0x30, 0xEC]) else { return nil }
        return ZstdDictionary(bytes: bytes)
    }

    /// Dictionary size to ask for: an eighth of what the column's blocks take without one,
    /// between 256 bytes (`ZDICT_DICTSIZE_MIN` in zdict.h) and 16 KiB. zdict.h suggests ~100×
    /// as much sample material as dictionary; a chunk holds far less, and the dictionary is
    /// charged to the column, so it must stay a fraction of what it can save (on the real
    /// market data an eighth did better than a quarter or a tenth of the raw bodies).
    static func capacity(forColumnBytes total: Int) -> Int {
        min(16 * 1024, max(256, total / capacityDivisor))
    }

    static let capacityDivisor = 8
}
