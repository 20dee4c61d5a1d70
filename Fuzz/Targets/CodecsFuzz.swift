import Codecs

/// libFuzzer entry: any bytes as an encoded column block (every codec, with or without the zstd
/// stage). Decoding must return a block or throw CodecError, never trap or read out of bounds.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCodecs(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? ColumnCodecs.decode(bytes)
    return 0
}
