/// The values of one column block, in the few physical shapes the codecs know.
///
/// The Codecs layer knows nothing about tables or PostgreSQL types: Storage maps each
/// PostgreSQL type onto one of these shapes (int2/int4/int8, timestamps, dates and times become
/// `int64`; NUMERIC becomes exact scaled integers; text-like types become UTF-8 bytes).
public enum ColumnData: Sendable, Equatable {
    /// int2/int4/int8, timestamptz/timestamp (µs), date (days), time (µs).
    case int64([Int64])
    /// float4/float8, compared bit for bit (NaN payloads and −0.0 survive a round trip).
    case float64([Double])
    /// Exact NUMERIC: `unscaled[i] × 10^-scales[i]`. Never passes through floating point.
    case decimal(unscaled: [Int64], scales: [Int16])
    case bool([Bool])
    /// UUIDs as two big-endian halves: `high` is bytes 0-7, `low` bytes 8-15.
    case uuid(high: [UInt64], low: [UInt64])
    /// varchar/text/jsonb as UTF-8 bytes.
    case bytes([[UInt8]])

    public var count: Int {
        switch self {
        case .int64(let v): return v.count
        case .float64(let v): return v.count
        case .decimal(let u, _): return u.count
        case .bool(let v): return v.count
        case .uuid(let h, _): return h.count
        case .bytes(let v): return v.count
        }
    }

    /// What the values occupy uncompressed, the denominator of every ratio and throughput:
    /// 8 bytes per int64/float64, 8 + 2 per decimal, 1 per bool, 16 per uuid, and the UTF-8
    /// length plus a 4-byte length word per string.
    public var uncompressedByteCount: Int {
        switch self {
        case .int64(let v): return v.count * 8
        case .float64(let v): return v.count * 8
        case .decimal(let u, _): return u.count * 10
        case .bool(let v): return v.count
        case .uuid(let h, _): return h.count * 16
        case .bytes(let v): return v.reduce(0) { $0 + $1.count + 4 }
        }
    }

    var typeTag: ColumnTypeTag {
        switch self {
        case .int64: return .int64
        case .float64: return .float64
        case .decimal: return .decimal
        case .bool: return .bool
        case .uuid: return .uuid
        case .bytes: return .bytes
        }
    }
}

/// The one-byte type tag at the start of every encoded block.
enum ColumnTypeTag: UInt8, Sendable {
    case int64 = 1, float64 = 2, decimal = 3, bool = 4, uuid = 5, bytes = 6
}

/// A column block: values plus which rows are NULL.
///
/// ```swift
/// let block = ColumnBlock(data: .int64([1, 0, 3]), nulls: [false, true, false])
/// let encoded = ColumnCodecs.encode(block)
/// let back = try ColumnCodecs.decode(encoded.bytes)   // == block
/// ```
/// A NULL row's slot in `data` holds a placeholder; encoding drops it and decoding puts back
/// the zero value of the shape (0, 0.0, false, the nil UUID, empty bytes, scale 0), so blocks
/// round-trip exactly when their placeholders are zero values.
public struct ColumnBlock: Sendable, Equatable {
    public var data: ColumnData
    /// `nulls[i]` is true where row i is NULL; empty means no NULL at all.
    public var nulls: [Bool]

    public init(data: ColumnData, nulls: [Bool] = []) {
        self.data = data
        self.nulls = nulls
    }

    public var count: Int { data.count }

    /// How many rows are NULL.
    public var nullCount: Int { nulls.reduce(0) { $0 + ($1 ? 1 : 0) } }
}
