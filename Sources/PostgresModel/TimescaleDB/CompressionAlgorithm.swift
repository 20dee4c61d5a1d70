import Schema

/// TimescaleDB's per-column compression algorithms (`compression.h` ids) and the TOAST storage
/// each leaves on the compressed column (`compressed_data_storage` in `algorithms/*.h`).
enum CompressionAlgorithm: String, Sendable, Hashable, Codable {
    case array, dictionary, gorilla, deltadelta, bool, null, uuid

    init?(id: UInt8) {
        switch id {
        case 1: self = .array
        case 2: self = .dictionary
        case 3: self = .gorilla
        case 4: self = .deltadelta
        case 5: self = .bool
        case 6: self = .null
        case 7: self = .uuid
        default: return nil
        }
    }

    /// `compression_get_default_algorithm` (compression.c): what a column of this type uses.
    static func `default`(for type: PGType, version: TimescaleDBVersion) -> CompressionAlgorithm {
        `default`(for: ColumnDefinition("", type), version: version)
    }

    /// The same for a table's column: a type Chunkwise carries as text without a hash operator
    /// class (money, point, …) falls back to ARRAY; a domain's column takes the default branch.
    static func `default`(for column: ColumnDefinition, version: TimescaleDBVersion) -> CompressionAlgorithm {
        if UnmodelledTypeStorage.lacksHash(column) { return .array }
        // The switch is over the column's type OID, and a domain's OID is none of the listed ones:
        // a domain over bigint or timestamptz gets DICTIONARY (its base type's equality and hash),
        // never DELTADELTA or GORILLA; one over json (no equality) ARRAY.
        if column.domain != nil { return column.type == .json ? .array : .dictionary }
        switch column.type {
        case .int2, .int4, .int8, .date, .timestamp, .timestamptz: return .deltadelta
        case .float4, .float8: return .gorilla
        case .numeric: return .array
        case .bool: return version.boolAlgorithmDefault ? .bool : .dictionary
        case .uuid: return version.uuidAlgorithmDefault ? .uuid : .dictionary
        case .time, .varchar, .text, .jsonb: return .dictionary
        // json has no equality operator or hash function: the default's ARRAY fallback.
        case .json: return .array
        }
    }

    /// ARRAY and DICTIONARY columns are switched to EXTENDED (pglz may apply); the others stay
    /// EXTERNAL, the `compressed_data` type's own storage (compression_storage.c).
    var columnStorage: ToastedTuple.Storage {
        switch self {
        case .array, .dictionary: return .extended
        default: return .external
        }
    }

    /// PostgreSQL type OIDs stored in ARRAY/DICTIONARY headers (pg_type.dat).
    static func typeOid(_ type: PGType) -> UInt32 {
        switch type {
        case .bool: return 16
        case .int8: return 20
        case .int2: return 21
        case .int4: return 23
        case .text: return 25
        case .float4: return 700
        case .float8: return 701
        case .varchar: return 1043
        case .date: return 1082
        case .time: return 1083
        case .timestamp: return 1114
        case .timestamptz: return 1184
        case .numeric: return 1700
        case .uuid: return 2950
        case .json: return 114
        case .jsonb: return 3802
        }
    }
}
