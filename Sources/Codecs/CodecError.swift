/// Why an encoded column block could not be decoded.
///
/// Decoders never trust their input: every length, count and width is checked against the bytes
/// that are actually there, so a truncated or corrupted block ends in one of these, not a crash.
public enum CodecError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The block ended before a field that its header promised; `offset` is where the read began.
    case truncated(offset: Int, needed: Int, available: Int)
    /// A field holds a value no encoder writes (unknown type tag or codec id, impossible width).
    case corrupt(offset: Int, reason: String)
    /// libzstd rejected a frame or a dictionary.
    case zstd(String)

    public var description: String {
        switch self {
        case .truncated(let offset, let needed, let available):
            return "compressed data is truncated at byte \(offset): needed \(needed) bytes, \(available) available"
        case .corrupt(let offset, let reason):
            return "compressed data is corrupt at byte \(offset): \(reason)"
        case .zstd(let message):
            return "zstd error: \(message)"
        }
    }
}
