/// TOAST (access/heaptoast.h, detoast.h): tuples over 2032 bytes have their widest EXTENDED values
/// compressed or moved out of line into `pg_toast_<oid>`, in chunks of at most 1996 bytes.
///
/// Values are compressed with ``PGLZ`` first (a compressed value has an 8-byte header:
/// `VARHDRSZ_COMPRESSED`); an out-of-line value leaves an 18-byte pointer (`TOAST_POINTER_SIZE`) in the tuple.
public enum Toast {
    /// `TOAST_TUPLE_THRESHOLD` for 8 kB pages.
    public static let tupleThreshold = 2032
    /// `TOAST_TUPLE_TARGET`: what TOAST shrinks a tuple to unless the table's `toast_tuple_target`
    /// says otherwise (the same 2032 B as the threshold by default).
    public static let tupleTarget = 2032
    /// `TOAST_TUPLE_TARGET_MAIN`: MAIN values go out of line only past this (8192 − MAXALIGN(24 + 4)).
    public static let tupleTargetMain = 8160
    /// `TOAST_MAX_CHUNK_SIZE` for 8 kB pages: 2032 − MAXALIGN(23) − 4 − 4 − 4.
    public static let maxChunkSize = 1996
    /// `TOAST_POINTER_SIZE`.
    public static let pointerSize = 18
    /// `VARHDRSZ_COMPRESSED`: the 4-byte length word plus the 4-byte raw size and method word.
    public static let compressedHeaderSize = 8

    /// The size (`VARSIZE`, header included) of the compressed value `toast_compress_datum` makes
    /// from a value whose data bytes (varlena header excluded) are `payload`, or nil when it keeps
    /// the value uncompressed: pglz refused, or the compressed datum does not save more than 2
    /// bytes over the payload (the slack PostgreSQL keeps for header and alignment padding).
    public static func compressedDatumSize(payload: [UInt8]) -> Int? {
        guard let z = PGLZ.compressedSize(payload) else { return nil }
        let size = compressedHeaderSize + z
        return size < payload.count - 2 ? size : nil
    }

    /// Out-of-line chunk sizes of one value of `bytes` data bytes.
    public static func chunks(bytes: Int) -> [Int] {
        var out: [Int] = []
        var left = bytes
        while left > 0 {
            out.append(min(left, maxChunkSize))
            left -= maxChunkSize
        }
        return out
    }

    /// `t_len` of a toast tuple (chunk_id oid, chunk_seq int4, chunk_data bytea) holding `chunk` bytes.
    public static func chunkTupleLength(_ chunk: Int) -> Int {
        let dataMem = 4 + chunk
        let stored = VarlenaStorage.storedSize(inMemory: dataMem)
        return 24 + 4 + 4 + stored
    }
}
