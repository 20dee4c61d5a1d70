import Storage

/// libFuzzer entry: any bytes as a table-store file (docs/STORE.md). The first byte picks whether
/// the checksums are taken as they are (nearly every mutation is then a checksum mismatch) or
/// recomputed first, so the block decoders and the hypertable rebuild see malformed content behind
/// valid checksums. Reading must return a store or throw StoreError, never trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStoreReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let mode = data[0]
    var bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    if mode & 1 == 1 { bytes = TableStore.resealed(bytes) }
    if let stored = try? TableStore.decode(bytes, file: "fuzz.cwstore") {
        _ = try? stored.hypertable()
        _ = try? stored.rows()
    }
    return 0
}
