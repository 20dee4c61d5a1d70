import Codecs
import Schema

/// Converts a batch's column between the engine's ``ColumnVector`` and the Codecs layer's
/// ``ColumnBlock``, and stores what the codecs write.
///
/// The only file in Storage that calls the Codecs API. Type mapping: integers, timestamps,
/// dates and times → `.int64`; float4/float8 → `.float64`; NUMERIC → `.decimal` (exact scaled
/// integers), or `.bytes` of each value's text once the column holds a value wider than 18 digits; bool → `.bool`; uuid → `.uuid` halves; varchar/text/jsonb → `.bytes` (UTF-8).
public enum ColumnBlockAdapter {
    /// The Codecs layer's view of a column (public for benchmarks and tools that feed the codecs real columns).
    public static func block(_ column: ColumnVector) -> ColumnBlock {
        let data: ColumnData
        switch column.storage {
        case .bool(let a): data = .bool(a)
        case .int64(let a), .time(let a): data = .int64(a)
        case .double(let a): data = .float64(a)
        case .numeric(let u, let s): data = .decimal(unscaled: u, scales: Array(s))
        case .wideNumeric(let a): data = .bytes(a.map { Array($0.description.utf8) })
        case .uuid(let a): data = .uuid(high: a.map(\.high), low: a.map(\.low))
        case .string(let a): data = .bytes(utf8Arrays(a, rows: Array(a.indices)))
        }
        return ColumnBlock(data: data, nulls: column.hasNulls ? (0..<column.count).map { column.isNull(at: $0) } : [])
    }

    /// The Codecs layer's view of rows `positions` of a column, gathered straight into the codec
    /// arrays (no intermediate column). This and ``block(_:)`` are all compression reads of a chunk's
    /// uncompressed storage.
    static func block(_ column: ColumnVector, rows positions: [Int]) -> ColumnBlock {
        let data: ColumnData
        switch column.storage {
        case .bool(let a): data = .bool(gather(a, positions) { $0 })
        case .int64(let a), .time(let a): data = .int64(gather(a, positions) { $0 })
        case .double(let a): data = .float64(gather(a, positions) { $0 })
        case .numeric(let u, let s):
            let scales = s.commonScale.map { [Int16](repeating: $0, count: positions.count) } ?? positions.map { s[$0] }
            data = .decimal(unscaled: gather(u, positions) { $0 }, scales: scales)
        case .wideNumeric(let a): data = .bytes(gather(a, positions) { Array($0.description.utf8) })
        case .uuid(let a):
            if let codes = a.codes, let distinct = a.distinctValues {
                data = .uuid(high: gather(codes, positions) { distinct[Int($0)].high }, low: gather(codes, positions) { distinct[Int($0)].low })
            } else {
                let plain = a.plainValues ?? []
                data = .uuid(high: gather(plain, positions) { $0.high }, low: gather(plain, positions) { $0.low })
            }
        case .string(let a): data = .bytes(utf8Arrays(a, rows: positions))
        }
        return ColumnBlock(data: data, nulls: column.hasNulls ? gather(column.isNull, positions) { $0 } : [])
    }

    /// `positions.map { part(values[$0]) }` in one uninitialized array, without the generic
    /// closure call and bounds check per row (the positions are a chunk's own rows).
    @inline(__always)
    static func gather<T, U>(_ values: [T], _ positions: [Int], _ part: (T) -> U) -> [U] {
        [U](unsafeUninitializedCapacity: positions.count) { out, n in
            values.withUnsafeBufferPointer { src in
                positions.withUnsafeBufferPointer { rows in
                    guard var slot = out.baseAddress else { return }
                    for p in rows {
                        precondition(p >= 0 && p < src.count, "row \(p) outside the column")
                        slot.initialize(to: part(src[p]))
                        slot += 1
                    }
                }
            }
            n = positions.count
        }
    }

    /// Each row's UTF-8 bytes; a row equal to the row before shares that row's array instead of
    /// allocating its own (a segment's `source`/`metadata` repeat one value for a whole batch).
    static func utf8Arrays(_ strings: StringColumn, rows positions: [Int]) -> [[UInt8]] {
        var out: [[UInt8]] = []
        out.reserveCapacity(positions.count)
        if let codes = strings.codes, let distinct = strings.distinctValues {
            // Coded: each distinct value's bytes made once and shared by its rows.
            var bytesOfCode = [[UInt8]?](repeating: nil, count: distinct.count)
            for p in positions {
                let c = Int(codes[p])
                if let bytes = bytesOfCode[c] { out.append(bytes); continue }
                let bytes = Array(distinct[c].utf8)
                bytesOfCode[c] = bytes
                out.append(bytes)
            }
            return out
        }
        var previous: (text: String, bytes: [UInt8])?
        for p in positions {
            let text = strings[p]
            if let previous, UTF8Equality.same(previous.text, text) {
                out.append(previous.bytes)
                continue
            }
            let bytes = Array(text.utf8)
            out.append(bytes)
            previous = (text, bytes)
        }
        return out
    }

    /// Strings from UTF-8 arrays; consecutive rows that share one array (a dictionary-coded
    /// block's rows share their entry's storage) share one decoded `String`.
    static func strings(_ arrays: [[UInt8]]) -> [String] {
        var out: [String] = []
        out.reserveCapacity(arrays.count)
        var previous: (base: UnsafeRawPointer?, count: Int, text: String)?
        for bytes in arrays {
            let (base, count) = bytes.withUnsafeBytes { ($0.baseAddress, $0.count) }
            if let previous, previous.base == base, previous.count == count {
                out.append(previous.text)
                continue
            }
            let text = String(decoding: bytes, as: UTF8.self)
            out.append(text)
            previous = (base, count, text)
        }
        return out
    }

    /// UUIDs from their two halves.
    static func uuids(high: [UInt64], low: [UInt64]) -> [PGUUID] {
        let n = min(high.count, low.count)
        return [PGUUID](unsafeUninitializedCapacity: n) { out, initialized in
            high.withUnsafeBufferPointer { h in
                low.withUnsafeBufferPointer { l in
                    for i in 0..<n { (out.baseAddress! + i).initialize(to: PGUUID(high: h[i], low: l[i])) }
                }
            }
            initialized = n
        }
    }

    static func vector(_ block: ColumnBlock, type: PGType) throws(HypertableError) -> ColumnVector {
        let storage: ColumnVector.Storage
        switch (block.data, ColumnVector(type: type).storage) {
        case (.bool(let a), .bool): storage = .bool(a)
        case (.int64(let a), .int64): storage = .int64(a)
        case (.int64(let a), .time): storage = .time(a)
        case (.float64(let a), .double): storage = .double(a)
        case (.decimal(let u, let s), .numeric): storage = .numeric(unscaled: u, scales: NumericScales(s))
        case (.uuid(let h, let l), .uuid): storage = .uuid(UUIDColumn(uncoded: uuids(high: h, low: l)))
        case (.bytes(let a), .string): storage = .string(StringColumn(strings(a)))
        case (.bytes(let a), .numeric):
            // A wide NUMERIC column's block: each value's text, read back exactly.
            var values: [NumericValue] = []
            values.reserveCapacity(a.count)
            for (row, bytes) in a.enumerated() {
                if row < block.nulls.count && block.nulls[row] {
                    values.append(.narrow(PGNumeric(unscaled: 0, scale: 0)))
                    continue
                }
                guard let v = bytes.withUnsafeBytes({ try? NumericValue.parse(bytes: $0, precision: nil, scale: nil) }) else {
                    throw .corruptBatch(chunk: "", detail: "a NUMERIC value that does not read back")
                }
                values.append(v)
            }
            storage = .wideNumeric(values)
        default: throw .corruptBatch(chunk: "", detail: "a block of the wrong kind for type \(type.sqlName)")
        }
        return ColumnVector(type: type, storage: storage, isNull: block.nulls)
    }

    /// The codec stage of rows `positions` of a column.
    static func prepare(_ column: ColumnVector, rows positions: [Int], options: EncodingOptions) -> PreparedColumn {
        ColumnCodecs.prepare(block(column, rows: positions), options: options)
    }

    static func stored(_ encoded: EncodedColumn) -> StoredColumn {
        let suffix = encoded.usedDictionary ? "+zstd+dict" : (encoded.zstd ? "+zstd" : "")
        return StoredColumn(bytes: encoded.bytes, codec: encoded.codec + suffix, usesDictionary: encoded.usedDictionary)
    }

    static func decode(_ stored: StoredColumn, type: PGType, dictionary: ZstdDictionary?) throws(HypertableError) -> ColumnVector {
        switch type {
        case .varchar, .text, .json, .jsonb:
            // Straight to strings; another kind of block falls through to the error below.
            var values: [String] = []
            let nulls: [Bool]?
            do {
                nulls = try ColumnCodecs.decodeText(stored.bytes, zstdDictionary: dictionary, appendingTo: &values)
            } catch {
                throw .corruptBatch(chunk: "", detail: "\(error)")
            }
            if let nulls { return ColumnVector(type: type, storage: .string(StringColumn(values)), isNull: nulls) }
        default:
            break
        }
        let block: ColumnBlock
        do {
            block = try ColumnCodecs.decode(stored.bytes, zstdDictionary: dictionary)
        } catch {
            throw .corruptBatch(chunk: "", detail: "\(error)")
        }
        return try vector(block, type: type)
    }
}
