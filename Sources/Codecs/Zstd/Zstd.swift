import CZstd
import Synchronization

/// The general-purpose stage after the column codecs: libzstd, one frame per column block.
///
/// Frames are written without the content-size field and checksum (the block header already
/// stores the raw length, and a wrong length is caught on decode), which saves 1–5 bytes per
/// block; at ~12 columns per 1000-row batch that is worth having. Frames written against a
/// dictionary also leave out the 4-byte magic number (zstd's `ZSTD_f_zstd1_magicless` format):
/// dictionaries are for small blocks, where 4 bytes are a large share, and the block header
/// already says the body is a zstd frame. Decompress them with a dictionary argument too.
public enum Zstd {
    /// `ZSTD_c_format` / `ZSTD_d_format` and `ZSTD_f_zstd1_magicless` (zstd.h, experimental
    /// section: the parameters are reserved in the stable enums as `ZSTD_c_experimentalParam2`
    /// and `ZSTD_d_experimentalParam1`, accepted by the shared library since zstd 1.4).
    static let magiclessCompress = ZSTD_c_experimentalParam2
    static let magiclessDecompress = ZSTD_d_experimentalParam1
    static let magiclessFormat: Int32 = 1

    /// Compresses `source` at `level` (optionally against a dictionary's raw bytes).
    public static func compress(_ source: [UInt8], level: Int32 = 3, dictionary: [UInt8]? = nil) throws(CodecError) -> [UInt8] {
        try compress(source) { cctx throws(CodecError) in
            ZSTD_CCtx_setParameter(cctx, ZSTD_c_compressionLevel, level)
            if let dictionary {
                let r = dictionary.withUnsafeBytes { ZSTD_CCtx_loadDictionary(cctx, $0.baseAddress, $0.count) }
                if ZSTD_isError(r) != 0 { throw .zstd(errorName(r)) }
                ZSTD_CCtx_setParameter(cctx, magiclessCompress, magiclessFormat)
            }
        }
    }

    /// Compresses `source` against a column's dictionary, digested once for `level` and reused.
    public static func compress(_ source: [UInt8], level: Int32, dictionary: ZstdDictionary) throws(CodecError) -> [UInt8] {
        let cdict = try dictionary.compressionHandle(level: level)
        return try compress(source) { cctx throws(CodecError) in
            let r = ZSTD_CCtx_refCDict(cctx, cdict)
            if ZSTD_isError(r) != 0 { throw .zstd(errorName(r)) }
            ZSTD_CCtx_setParameter(cctx, magiclessCompress, magiclessFormat)
        }
    }

    /// One frame from a pooled context set up by `configure` (level and dictionary).
    private static func compress(_ source: [UInt8], configure: (OpaquePointer) throws(CodecError) -> Void) throws(CodecError) -> [UInt8] {
        let cctx = ContextPool.shared.takeCompressor()
        defer { ContextPool.shared.give(cctx) }
        ZSTD_CCtx_reset(cctx, ZSTD_reset_session_and_parameters)
        ZSTD_CCtx_setParameter(cctx, ZSTD_c_contentSizeFlag, 0)
        ZSTD_CCtx_setParameter(cctx, ZSTD_c_checksumFlag, 0)
        ZSTD_CCtx_setParameter(cctx, ZSTD_c_dictIDFlag, 0)
        try configure(cctx)
        let bound = ZSTD_compressBound(source.count)
        var written = 0
        // Uninitialized: zstd writes the frame, and only the written prefix becomes the array.
        let out = [UInt8](unsafeUninitializedCapacity: bound) { dst, n in
            written = source.withUnsafeBytes { src in
                ZSTD_compress2(cctx, dst.baseAddress, dst.count, src.baseAddress, src.count)
            }
            n = ZSTD_isError(written) != 0 ? 0 : written
        }
        if ZSTD_isError(written) != 0 { throw .zstd(errorName(written)) }
        return out
    }

    /// Decompresses one frame that must expand to exactly `rawCount` bytes.
    public static func decompress(_ source: ArraySlice<UInt8>, rawCount: Int, dictionary: [UInt8]? = nil) throws(CodecError) -> [UInt8] {
        try decompress(source, rawCount: rawCount) { dctx throws(CodecError) in
            if let dictionary {
                let r = dictionary.withUnsafeBytes { ZSTD_DCtx_loadDictionary(dctx, $0.baseAddress, $0.count) }
                if ZSTD_isError(r) != 0 { throw .zstd(errorName(r)) }
                ZSTD_DCtx_setParameter(dctx, magiclessDecompress, magiclessFormat)
            }
        }
    }

    /// Decompresses one frame written against a column's dictionary; throws when the dictionary
    /// is damaged (see ``ZstdDictionary``).
    public static func decompress(_ source: ArraySlice<UInt8>, rawCount: Int, dictionary: ZstdDictionary) throws(CodecError) -> [UInt8] {
        let ddict = try dictionary.decompressionHandle()
        return try decompress(source, rawCount: rawCount) { dctx throws(CodecError) in
            let r = ZSTD_DCtx_refDDict(dctx, ddict)
            if ZSTD_isError(r) != 0 { throw .zstd(errorName(r)) }
            ZSTD_DCtx_setParameter(dctx, magiclessDecompress, magiclessFormat)
        }
    }

    private static func decompress(_ source: ArraySlice<UInt8>, rawCount: Int,
                                   configure: (OpaquePointer) throws(CodecError) -> Void) throws(CodecError) -> [UInt8] {
        let dctx = ContextPool.shared.takeDecompressor()
        defer { ContextPool.shared.giveDecompressor(dctx) }
        ZSTD_DCtx_reset(dctx, ZSTD_reset_session_and_parameters)
        try configure(dctx)
        // One spare byte: a frame that expands past rawCount is then seen as a length mismatch.
        // Uninitialized: zstd writes the bytes, and only a frame of exactly rawCount is kept.
        var written = 0
        let out = [UInt8](unsafeUninitializedCapacity: rawCount + 1) { dst, n in
            written = source.withUnsafeBytes { src in
                ZSTD_decompressDCtx(dctx, dst.baseAddress, dst.count, src.baseAddress, src.count)
            }
            n = ZSTD_isError(written) == 0 && written == rawCount ? rawCount : 0
        }
        if ZSTD_isError(written) != 0 { throw .zstd(errorName(written)) }
        guard written == rawCount else {
            throw .zstd("frame expands to \(written) bytes, header says \(rawCount)")
        }
        return out
    }

    public static func decompress(_ source: [UInt8], rawCount: Int, dictionary: [UInt8]? = nil) throws(CodecError) -> [UInt8] {
        try decompress(source[...], rawCount: rawCount, dictionary: dictionary)
    }

    /// Trains a dictionary from sample blocks (e.g. one column's encoded batches across a chunk).
    ///
    /// Per `zdict.h`, dictionaries pay for "many small files that are similar", around 100 KB of
    /// dictionary trained on ~100× its size of samples; for batches of a few KB a few KB suffice.
    /// Returns nil when libzstd finds nothing worth keeping (too few or too small samples).
    public static func trainDictionary(samples: [[UInt8]], capacity: Int = 16 * 1024) -> [UInt8]? {
        let sizes = samples.map { $0.count }
        let total = sizes.reduce(0, +)
        // zdict refuses fewer than a handful of samples or very little material.
        guard samples.count >= 8, total >= 1024 else { return nil }
        let joined = samples.flatMap { $0 }
        var dict = [UInt8](repeating: 0, count: capacity)
        let n = dict.withUnsafeMutableBytes { d in
            joined.withUnsafeBytes { s in
                sizes.withUnsafeBufferPointer { z in
                    ZDICT_trainFromBuffer(d.baseAddress, d.count, s.baseAddress, z.baseAddress, UInt32(samples.count))
                }
            }
        }
        if ZDICT_isError(n) != 0 { return nil }
        dict.removeLast(capacity - n)
        return dict
    }

    static func errorName(_ code: Int) -> String {
        String(cString: ZSTD_getErrorName(code))
    }
}

/// Reuses libzstd contexts across calls: creating one allocates its tables, which costs more
/// than compressing a 1000-row column block.
final class ContextPool: Sendable {
    static let shared = ContextPool()

    // Opaque pointers wrapped so the Mutex's contents are Sendable; each context is used by one
    // caller at a time (taken out of the pool while in use).
    struct Handle: @unchecked Sendable { let pointer: OpaquePointer }

    private let compressors = Mutex<[Handle]>([])
    private let decompressors = Mutex<[Handle]>([])

    func takeCompressor() -> OpaquePointer {
        if let h = compressors.withLock({ $0.popLast() }) { return h.pointer }
        return ZSTD_createCCtx()
    }

    func give(_ cctx: OpaquePointer) {
        compressors.withLock { $0.append(Handle(pointer: cctx)) }
    }

    func takeDecompressor() -> OpaquePointer {
        if let h = decompressors.withLock({ $0.popLast() }) { return h.pointer }
        return ZSTD_createDCtx()
    }

    func giveDecompressor(_ dctx: OpaquePointer) {
        decompressors.withLock { $0.append(Handle(pointer: dctx)) }
    }
}
