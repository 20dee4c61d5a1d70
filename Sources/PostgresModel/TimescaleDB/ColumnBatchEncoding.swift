import Schema
import Storage

/// One column of one batch as TimescaleDB writes it: the algorithm actually used, the datum's
/// size, and its bytes where PostgreSQL may compress them (ARRAY/DICTIONARY).
struct EncodedColumnBatch: Sendable {
    var algorithm: CompressionAlgorithm
    var size: Int
    var bytes: [UInt8]?
}

enum ColumnBatchEncoding {
    /// µs between 1970-01-01 and PostgreSQL's epoch 2000-01-01 (TS_EPOCH_DIFF_MICROSECONDS).
    static let postgresEpochMicros: Int64 = 946_684_800_000_000
    /// Days between the two epochs (POSTGRES_EPOCH_JDATE − UNIX_EPOCH_JDATE).
    static let postgresEpochDays: Int64 = 10_957

    /// Encodes `rows` of `column` with the column's default algorithm for `version`.
    /// All-NULL batches become TimescaleDB's 5-byte NULL block (compression.c, algorithms/null.c).
    /// `definition` (the table's column) sizes a type Chunkwise carries as text as its binary form
    /// (``UnmodelledTypeStorage``).
    static func encode(_ column: ColumnVector, rows: [Int], version: TimescaleDBVersion,
                       definition: ColumnDefinition? = nil) -> EncodedColumnBatch {
        if rows.allSatisfy({ column.isNull(at: $0) }) {
            return EncodedColumnBatch(algorithm: .null, size: 5, bytes: nil)
        }
        let algorithm = CompressionAlgorithm.default(for: definition ?? ColumnDefinition("", column.type), version: version)
        // A type carried as text: its binary datum where Chunkwise can build it, once per distinct
        // value of a dictionary-coded column.
        var carriedOfCode: [UInt16: SerializedDatum?] = [:]
        var text: StringColumn?
        if definition != nil, case .string(let a) = column.storage { text = a }
        let codes = text?.codes
        func carried(_ r: Int) -> SerializedDatum? {
            guard let definition, let a = text else { return nil }
            guard let code = codes?[r] else { return UnmodelledTypeStorage.datum(a[r], column: definition) }
            if let known = carriedOfCode[code] { return known }
            let d = UnmodelledTypeStorage.datum(a[r], column: definition)
            carriedOfCode[code] = d
            return d
        }
        func serialize(_ r: Int) -> SerializedDatum {
            carried(r) ?? DatumSerialization.serialize(column, at: r)
        }
        let oid = CompressionAlgorithm.typeOid(column.type)
        switch algorithm {
        case .deltadelta:
            var e = DeltaDeltaEncoder()
            for r in rows {
                if column.isNull(at: r) { e.appendNull(); continue }
                e.append(integerDatum(column, r))
            }
            let b = e.finish() ?? []
            return EncodedColumnBatch(algorithm: .deltadelta, size: b.count, bytes: nil)
        case .gorilla:
            var e = GorillaEncoder()
            if case .double(let a) = column.storage {
                for r in rows {
                    if column.isNull(at: r) { e.appendNull(); continue }
                    e.append(bits: column.type == .float4 ? UInt64(Float(a[r]).bitPattern) : a[r].bitPattern)
                }
            }
            return EncodedColumnBatch(algorithm: .gorilla, size: e.finishSize() ?? 5, bytes: nil)
        case .bool:
            var e = BoolEncoder()
            if case .bool(let a) = column.storage {
                for r in rows {
                    if column.isNull(at: r) { e.appendNull() } else { e.append(a[r]) }
                }
            }
            return EncodedColumnBatch(algorithm: .bool, size: e.finishSize() ?? 5, bytes: nil)
        case .uuid:
            var e = UUIDEncoder(elementTypeOid: oid)
            if case .uuid(let a) = column.storage {
                for r in rows {
                    if column.isNull(at: r) { e.appendNull() } else { e.append(a[r]) }
                }
            }
            guard let f = e.finish() else { return EncodedColumnBatch(algorithm: .null, size: 5, bytes: nil) }
            return EncodedColumnBatch(algorithm: CompressionAlgorithm(id: f.algorithm) ?? .uuid, size: f.size, bytes: f.bytes)
        case .array:
            var e = ArrayEncoder(elementTypeOid: oid)
            for r in rows {
                if column.isNull(at: r) { e.appendNull() } else { e.append(serialize(r)) }
            }
            let b = e.finish() ?? []
            return EncodedColumnBatch(algorithm: .array, size: b.count, bytes: b)
        case .dictionary, .null:
            var e = DictionaryEncoder(elementTypeOid: oid)
            for r in rows {
                if column.isNull(at: r) { e.appendNull() } else { e.append(serialize(r)) }
            }
            guard let f = e.finish() else { return EncodedColumnBatch(algorithm: .null, size: 5, bytes: nil) }
            return EncodedColumnBatch(algorithm: CompressionAlgorithm(id: f.algorithm) ?? .dictionary, size: f.bytes.count, bytes: f.bytes)
        }
    }

    /// The int64 Datum TimescaleDB feeds DELTADELTA: integers as is, timestamps in µs and dates
    /// in days since PostgreSQL's 2000-01-01 epoch.
    static func integerDatum(_ column: ColumnVector, _ r: Int) -> Int64 {
        switch column.storage {
        case .int64(let a): return a[r]
        case .time(let a):
            switch column.type {
            case .date: return a[r] &- postgresEpochDays
            case .timestamp, .timestamptz: return a[r] &- postgresEpochMicros
            default: return a[r]
            }
        default: return 0
        }
    }
}
