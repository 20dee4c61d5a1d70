/// A PostgreSQL column type, with its type modifier where it has one.
///
/// Only the types the NQP schema and common time-series migrations use are modelled.
/// The case names follow PostgreSQL's own internal names (`int8`, `timestamptz`, …);
/// ``sqlName`` gives the spelling PostgreSQL uses in error messages.
public enum PGType: Sendable, Hashable {
    case bool
    case int2
    case int4
    case int8
    /// `numeric(precision, scale)`; both nil for unconstrained `numeric`.
    case numeric(precision: Int?, scale: Int?)
    case float4
    case float8
    case uuid
    case timestamptz
    /// `timestamp without time zone`; stored like timestamptz but printed without an offset.
    case timestamp
    case date
    /// `time without time zone`.
    case time
    /// `varchar(n)`; nil length means unbounded `varchar`.
    case varchar(Int?)
    case text
    /// `json`: the document text exactly as given (validated, never rewritten).
    case json
    /// `jsonb`: the parsed document, printed in canonical form.
    case jsonb

    /// The name PostgreSQL prints for the type, e.g. in `value too long for type character varying(10)`.
    public var sqlName: String {
        switch self {
        case .bool: return "boolean"
        case .int2: return "smallint"
        case .int4: return "integer"
        case .int8: return "bigint"
        case .numeric(let p, let s):
            guard let p else { return "numeric" }
            return "numeric(\(p),\(s ?? 0))"
        case .float4: return "real"
        case .float8: return "double precision"
        case .uuid: return "uuid"
        case .timestamptz: return "timestamp with time zone"
        case .timestamp: return "timestamp without time zone"
        case .date: return "date"
        case .time: return "time without time zone"
        case .varchar(let n): return n.map { "character varying(\($0))" } ?? "character varying"
        case .text: return "text"
        case .json: return "json"
        case .jsonb: return "jsonb"
        }
    }

    /// `pg_type.typlen`: a fixed width in bytes, or -1 for varlena types.
    public var typlen: Int {
        switch self {
        case .bool: return 1
        case .int2: return 2
        case .int4, .float4, .date: return 4
        case .int8, .float8, .timestamptz, .timestamp, .time: return 8
        case .uuid: return 16
        case .numeric, .varchar, .text, .json, .jsonb: return -1
        }
    }

    /// `pg_type.typalign` in bytes (c=1, s=2, i=4, d=8).
    public var typalign: Int {
        switch self {
        case .bool, .uuid: return 1
        case .int2: return 2
        case .int4, .float4, .date, .numeric, .varchar, .text, .json, .jsonb: return 4
        case .int8, .float8, .timestamptz, .timestamp, .time: return 8
        }
    }

    /// Whether values are variable-length (`typlen = -1`).
    public var isVarlena: Bool { typlen == -1 }

    /// Whether the column is a time type usable as a hypertable time dimension.
    public var isTimeType: Bool {
        switch self {
        case .timestamptz, .timestamp, .date: return true
        default: return false
        }
    }

    /// Whether a hypertable time dimension on the type counts Unix-epoch µs and takes
    /// intervals: the time types, and `uuid` (TimescaleDB 2.23+ partitions a UUID column by the
    /// time a UUIDv7 carries; src/dimension.h `IS_VALID_OPEN_DIM_TYPE` includes `IS_UUID_TYPE`).
    public var partitionsByTime: Bool { isTimeType || self == .uuid }

    /// Whether the type is an integer type (also usable as a hypertable dimension).
    public var isInteger: Bool {
        switch self {
        case .int2, .int4, .int8: return true
        default: return false
        }
    }
}
