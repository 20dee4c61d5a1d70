import Schema
import Storage

/// libFuzzer entry: any bytes as a COPY CSV file for `market_data` (uuid, timestamptz, numeric,
/// bigint, varchar, text and jsonb columns). It must load or throw a CopyError, never trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCopyReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let reader = CopyReader(table: NQPTables.marketData, loadTime: 0, seed: 1)
    _ = try? reader.read(bytes: bytes, file: "fuzz.csv")
    return 0
}
