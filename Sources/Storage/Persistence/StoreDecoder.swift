import Schema

/// Reads the primitives ``StoreEncoder`` writes, refusing (never trapping on) anything short or
/// malformed: every length is checked against the bytes left before anything is allocated.
struct StoreDecoder {
    /// Why a block's content is malformed (the reader adds the file and the block).
    struct Malformed: Error {
        var detail: String
    }

    let bytes: [UInt8]
    private(set) var position: Int
    let end: Int

    init(_ bytes: [UInt8], from start: Int = 0, to end: Int? = nil) {
        self.bytes = bytes
        self.position = start
        self.end = end ?? bytes.count
    }

    var remaining: Int { end - position }
    var atEnd: Bool { position == end }

    mutating func take(_ n: Int, _ what: @autoclosure () -> String) throws(Malformed) -> ArraySlice<UInt8> {
        guard n >= 0, n <= remaining else {
            throw Malformed(detail: "\(what()) needs \(n) bytes, \(remaining) left")
        }
        defer { position += n }
        return bytes[position..<(position + n)]
    }

    private mutating func little(_ n: Int, _ what: String) throws(Malformed) -> UInt64 {
        let s = try take(n, what)
        var v: UInt64 = 0
        for (i, b) in s.enumerated() { v |= UInt64(b) << (8 * UInt64(i)) }
        return v
    }

    mutating func u8(_ what: String) throws(Malformed) -> UInt8 { UInt8(try little(1, what)) }
    mutating func bool(_ what: String) throws(Malformed) -> Bool {
        switch try u8(what) {
        case 0: return false
        case 1: return true
        case let b: throw Malformed(detail: "\(what): \(b) is not a boolean")
        }
    }
    mutating func u16(_ what: String) throws(Malformed) -> UInt16 { UInt16(try little(2, what)) }
    mutating func u32(_ what: String) throws(Malformed) -> UInt32 { UInt32(try little(4, what)) }
    mutating func u64(_ what: String) throws(Malformed) -> UInt64 { try little(8, what) }
    mutating func i64(_ what: String) throws(Malformed) -> Int64 { Int64(bitPattern: try little(8, what)) }
    mutating func i32(_ what: String) throws(Malformed) -> Int32 { Int32(bitPattern: UInt32(try little(4, what))) }

    /// A count of items each at least `minimumBytes` long, refused when the block cannot hold that many.
    mutating func count(_ what: String, minimumBytes: Int = 1) throws(Malformed) -> Int {
        let n = Int(try u32(what))
        let (need, overflow) = n.multipliedReportingOverflow(by: max(minimumBytes, 0))
        guard !overflow, need <= remaining else {
            throw Malformed(detail: "\(what): \(n) items cannot fit in the \(remaining) bytes left")
        }
        return n
    }

    mutating func blob(_ what: String) throws(Malformed) -> [UInt8] {
        let n = Int(try u32(what + " length"))
        return Array(try take(n, what))
    }

    mutating func string(_ what: String) throws(Malformed) -> String {
        let b = try blob(what)
        guard let s = String(validating: b, as: UTF8.self) else { throw Malformed(detail: "\(what) is not valid UTF-8") }
        return s
    }

    mutating func strings(_ what: String) throws(Malformed) -> [String] {
        let n = try count(what, minimumBytes: 4)
        var list: [String] = []
        list.reserveCapacity(n)
        for _ in 0..<n { list.append(try string(what)) }
        return list
    }

    mutating func value(_ what: String) throws(Malformed) -> Value {
        switch try u8(what + " tag") {
        case 0: return .null
        case 1: return .bool(try bool(what))
        case 2: return .int(try i64(what))
        case 3: return .float(Double(bitPattern: try u64(what)))
        case 4:
            let unscaled = try i64(what)
            let scale = Int16(bitPattern: try u16(what))
            guard (0...Int16(PGWideNumeric.maximumScale)).contains(scale) || PGNumeric.special(scale: Int(scale)) != nil && unscaled == 0 else {
                throw Malformed(detail: "\(what): numeric scale \(scale) out of range")
            }
            return .numeric(PGNumeric(unscaled: unscaled, scale: Int(scale)))
        case 5: return .uuid(PGUUID(high: try u64(what), low: try u64(what)))
        case 6: return .timestamp(try i64(what))
        case 7: return .date(try i64(what))
        case 8: return .time(try i64(what))
        case 9: return .text(try string(what))
        case 10: return .jsonb(try string(what))
        case 12:
            let text = try string(what)
            guard case .wide(let n)? = try? NumericValue.parse(text) else {
                throw Malformed(detail: "\(what): wide numeric \(ValueError.quoted(text)) does not read back")
            }
            return .wideNumeric(n)
        case 11: return .interval(PGInterval(months: try i32(what), days: try i32(what), microseconds: try i64(what)))
        case let tag: throw Malformed(detail: "\(what): unknown value tag \(tag)")
        }
    }

    /// A column vector of `type` as ``StoreEncoder/column(_:)`` wrote it; a value of the wrong
    /// kind for the column is refused.
    mutating func column(_ type: PGType, _ what: String) throws(Malformed) -> ColumnVector {
        let n = try count(what + " row count", minimumBytes: 1)
        var vector = ColumnVector(type: type, capacity: n)
        for row in 0..<n {
            let v = try value(what)
            guard vector.append(v) else { throw Malformed(detail: "\(what) row \(row): a value that is not \(type.sqlName)") }
        }
        return vector
    }
}
