import Schema

/// Appends the little-endian primitives of the table-store format (docs/STORE.md) to a byte buffer.
struct StoreEncoder {
    private(set) var bytes: [UInt8] = []

    mutating func u8(_ v: UInt8) { bytes.append(v) }
    mutating func bool(_ v: Bool) { bytes.append(v ? 1 : 0) }
    mutating func u16(_ v: UInt16) { for i in 0..<2 { bytes.append(UInt8(truncatingIfNeeded: v >> (8 * i))) } }
    mutating func u32(_ v: UInt32) { for i in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: v >> (8 * i))) } }
    mutating func u64(_ v: UInt64) { for i in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: v >> (8 * i))) } }
    mutating func i64(_ v: Int64) { u64(UInt64(bitPattern: v)) }
    mutating func i32(_ v: Int32) { u32(UInt32(bitPattern: v)) }
    /// A count or length; the format caps them at UInt32.max.
    mutating func count(_ n: Int) { u32(UInt32(clamping: n)) }
    mutating func raw(_ b: [UInt8]) { bytes.append(contentsOf: b) }
    mutating func blob(_ b: [UInt8]) { count(b.count); raw(b) }
    mutating func string(_ s: String) { blob(Array(s.utf8)) }
    mutating func strings(_ list: [String]) { count(list.count); for s in list { string(s) } }

    /// A value with a one-byte tag (the tags are listed in docs/STORE.md).
    mutating func value(_ v: Value) {
        switch v {
        case .null: u8(0)
        case .bool(let b): u8(1); bool(b)
        case .int(let i): u8(2); i64(i)
        case .float(let d): u8(3); u64(d.bitPattern)
        case .numeric(let n): u8(4); i64(n.unscaled); u16(UInt16(bitPattern: Int16(clamping: n.scale)))
        case .wideNumeric(let n): u8(12); string(n.description)
        case .uuid(let u): u8(5); u64(u.high); u64(u.low)
        case .timestamp(let t): u8(6); i64(t)
        case .date(let d): u8(7); i64(d)
        case .time(let t): u8(8); i64(t)
        case .text(let s): u8(9); string(s)
        case .jsonb(let s): u8(10); string(s)
        case .interval(let i): u8(11); i32(i.months); i32(i.days); i64(i.microseconds)
        }
    }

    /// A column vector through its public values: the row count, then one tagged value per row.
    mutating func column(_ vector: ColumnVector) {
        count(vector.count)
        for i in 0..<vector.count { value(vector.value(at: i)) }
    }
}
