import CZstd
import Synchronization

/// A zstd dictionary shared by the blocks of one column of one compressed chunk, with a checksum
/// so that a damaged dictionary is reported instead of silently decoding wrong values.
///
/// A trained dictionary whose content bytes changed still loads in libzstd and then expands
/// frames into wrong bytes (the frames carry no checksum, see ``Zstd``), so the dictionary keeps
/// a 64-bit FNV-1a of its bytes taken when it was trained and checks it once, the first time a
/// block is decoded with it. The digested forms libzstd works with (`ZSTD_CDict`, `ZSTD_DDict`)
/// are built once per dictionary and reused for every block: loading a dictionary into a context
/// rebuilds its entropy tables, which costs more than decoding a 1000-row block.
public final class ZstdDictionary: Sendable, Equatable, CustomStringConvertible {
    /// The dictionary as libzstd trained it (`ZDICT_trainFromBuffer`'s output).
    public let bytes: [UInt8]
    /// FNV-1a 64 of `bytes` when the dictionary was made; stored beside it.
    public let checksum: UInt64

    /// What a stored dictionary costs beyond its bytes: the 8-byte checksum.
    public static let checksumByteCount = 8

    private let compressors = Mutex<[Int32: Handle]>([:])
    private let decompressor = Mutex<Handle?>(nil)

    // libzstd's digested dictionaries are immutable after creation and documented as usable by
    // several contexts at once ("a DDict can be shared by multiple DCtx, including in parallel").
    struct Handle: @unchecked Sendable { let pointer: OpaquePointer }

    /// A dictionary with its stored checksum (as read back from storage).
    public init(bytes: [UInt8], checksum: UInt64) {
        self.bytes = bytes
        self.checksum = checksum
    }

    /// A new dictionary: the checksum is taken now.
    public convenience init(bytes: [UInt8]) {
        self.init(bytes: bytes, checksum: Self.fnv1a(bytes))
    }

    /// Trains a dictionary on sample blocks (see ``Zstd/trainDictionary(samples:capacity:)``);
    /// nil when libzstd finds nothing worth keeping.
    public convenience init?(trainingOn samples: [[UInt8]], capacity: Int) {
        guard let trained = Zstd.trainDictionary(samples: samples, capacity: capacity) else { return nil }
        self.init(bytes: trained)
    }

    deinit {
        compressors.withLock { all in
            for handle in all.values { ZSTD_freeCDict(handle.pointer) }
        }
        decompressor.withLock { handle in
            if let handle { ZSTD_freeDDict(handle.pointer) }
        }
    }

    /// Bytes the dictionary occupies where it is stored: its bytes plus the checksum.
    public var storedByteCount: Int { bytes.count + Self.checksumByteCount }

    /// Whether the bytes still match the checksum taken when the dictionary was made.
    public var isIntact: Bool { Self.fnv1a(bytes) == checksum }

    public static func == (a: ZstdDictionary, b: ZstdDictionary) -> Bool {
        a === b || (a.checksum == b.checksum && a.bytes == b.bytes)
    }

    public var description: String { "zstd dictionary (\(bytes.count) bytes)" }

    /// The digested form for compressing at `level`, built on first use.
    func compressionHandle(level: Int32) throws(CodecError) -> OpaquePointer {
        let made: OpaquePointer? = compressors.withLock { all in
            if let handle = all[level] { return handle.pointer }
            let created = bytes.withUnsafeBytes { ZSTD_createCDict($0.baseAddress, $0.count, level) }
            if let created { all[level] = Handle(pointer: created) }
            return created
        }
        guard let made else { throw .zstd("could not digest the dictionary for compression") }
        return made
    }

    /// The digested form for decompressing, built on first use after the checksum is verified.
    func decompressionHandle() throws(CodecError) -> OpaquePointer {
        let made: Result<OpaquePointer, CodecError> = decompressor.withLock { handle in
            if let handle { return .success(handle.pointer) }
            guard isIntact else {
                return .failure(.zstd("dictionary is corrupt: its checksum does not match its \(bytes.count) bytes"))
            }
            guard let created = bytes.withUnsafeBytes({ ZSTD_createDDict($0.baseAddress, $0.count) }) else {
                return .failure(.zstd("could not digest the dictionary for decompression"))
            }
            handle = Handle(pointer: created)
            return .success(created)
        }
        return try made.get()
    }

    /// 64-bit FNV-1a (offset basis 14695981039346656037, prime 1099511628211, from the FNV
    /// reference by Fowler, Noll and Vo): enough to tell a damaged dictionary from an intact one.
    static func fnv1a(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 14_695_981_039_346_656_037
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 1_099_511_628_211
        }
        return hash
    }
}
