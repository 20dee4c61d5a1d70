/// The shape every integer codec has (DuckDB's analyze / compress / scan): report the exact
/// encoded size without writing, write, read back.
///
/// Integer codecs are the workhorses: int and timestamp columns use them directly, and NUMERIC
/// unscaled values, ALP-encoded doubles, string lengths and dictionary indices are all integer
/// streams underneath.
protocol IntegerCodec {
    static var id: IntegerCodecID { get }
    /// Exact payload bytes for `values`, or nil when the codec cannot represent them. A codec may
    /// also answer nil as soon as it knows its size would be at least `limit` (the best so far).
    static func analyze(_ analysis: inout IntegerAnalysis, limit: Int) -> Int?
    /// Appends the payload; only called when `analyze` returned a size, and writes exactly that many bytes.
    static func encode(_ analysis: inout IntegerAnalysis, into writer: inout ByteWriter)
    /// Reads `out.count` values.
    static func decode(_ reader: inout ByteReader, into out: UnsafeMutableBufferPointer<Int64>) throws(CodecError)
}

/// The integer codec ids as written in headers and nested streams. Never renumber: they are
/// part of the byte format.
enum IntegerCodecID: UInt8, Sendable, CaseIterable {
    /// The order the writer tries codecs in: cheap analyses first, so the early-stopping ones
    /// (Simple-8b) usually meet a small limit. Ties keep the earlier codec.
    static let trialOrder: [IntegerCodecID] = [.constant, .frameOfReference, .delta, .deltaOfDeltaFOR, .deltaPatched, .patchedFrameOfReference, .deltaOfDelta, .deltaSimple8b, .simple8b]

    case plain = 0
    case constant = 1
    case frameOfReference = 2
    case delta = 3
    case deltaOfDelta = 4
    case simple8b = 5
    case deltaSimple8b = 6
    case deltaOfDeltaFOR = 7
    case patchedFrameOfReference = 8
    case deltaPatched = 9

    var name: String {
        switch self {
        case .plain: return "plain"
        case .constant: return "constant"
        case .frameOfReference: return "frame-of-reference"
        case .delta: return "delta"
        case .deltaOfDelta: return "delta-of-delta"
        case .simple8b: return "simple8b"
        case .deltaSimple8b: return "delta-simple8b"
        case .deltaOfDeltaFOR: return "delta-of-delta-for"
        case .patchedFrameOfReference: return "patched-for"
        case .deltaPatched: return "delta-patched"
        }
    }

    var codec: any IntegerCodec.Type {
        switch self {
        case .plain: return PlainIntegerCodec.self
        case .constant: return ConstantIntegerCodec.self
        case .frameOfReference: return FrameOfReferenceCodec.self
        case .delta: return DeltaCodec.self
        case .deltaOfDelta: return DeltaOfDeltaCodec.self
        case .simple8b: return Simple8bCodec.self
        case .deltaSimple8b: return DeltaSimple8bCodec.self
        case .deltaOfDeltaFOR: return DeltaOfDeltaFORCodec.self
        case .patchedFrameOfReference: return PatchedFORCodec.self
        case .deltaPatched: return DeltaPatchedCodec.self
        }
    }
}
