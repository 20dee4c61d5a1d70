/// A PostgreSQL `uuid`: 16 bytes, printed as lowercase 8-4-4-4-12 hex.
public struct PGUUID: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Bytes 0–7, big-endian (so integer order is PostgreSQL's memcmp order).
    public var high: UInt64
    /// Bytes 8–15, big-endian.
    public var low: UInt64

    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    public static func < (a: PGUUID, b: PGUUID) -> Bool {
        a.high != b.high ? a.high < b.high : a.low < b.low
    }

    /// The 16 bytes in order.
    public var bytes: [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: high >> (56 - 8 * $0)) } + (0..<8).map { UInt8(truncatingIfNeeded: low >> (56 - 8 * $0)) }
    }

    public var description: String {
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(36)
        for i in 0..<16 {
            if i == 4 || i == 6 || i == 8 || i == 10 { out.append(UInt8(ascii: "-")) }
            let byte = i < 8 ? UInt8(truncatingIfNeeded: high >> (56 - 8 * i)) : UInt8(truncatingIfNeeded: low >> (56 - 8 * (i - 8)))
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Parses the forms `uuid_in` accepts: 32 hex digits, optionally with hyphens after any group of
    /// four digits, optionally in braces, upper or lower case.
    public static func parse<S: StringProtocol>(_ text: S) throws(ValueError) -> PGUUID {
        try InputText.parsing(text) { bytes throws(ValueError) in try parse(bytes: bytes) }
    }

    /// Byte-level parser used by the COPY reader.
    public static func parse(bytes: UnsafeRawBufferPointer) throws(ValueError) -> PGUUID {
        var i = 0
        var end = bytes.count
        if end >= 2, bytes[0] == UInt8(ascii: "{"), bytes[end - 1] == UInt8(ascii: "}") { i = 1; end -= 1 }
        var hi: UInt64 = 0, lo: UInt64 = 0
        var nibbles = 0
        var lastWasHyphen = false
        while i < end {
            let c = bytes[i]
            let v: UInt8
            switch c {
            case 0x30...0x39: v = c - 0x30
            case 0x61...0x66: v = c - 0x61 + 10
            case 0x41...0x46: v = c - 0x41 + 10
            case UInt8(ascii: "-"):
                // A hyphen may follow any complete group of four hex digits, never twice in a row or at the end.
                guard nibbles > 0, nibbles % 4 == 0, !lastWasHyphen, i != end - 1, nibbles < 32 else { throw syntax(bytes) }
                lastWasHyphen = true
                i += 1
                continue
            default: throw syntax(bytes)
            }
            lastWasHyphen = false
            guard nibbles < 32 else { throw syntax(bytes) }
            if nibbles < 16 { hi = hi << 4 | UInt64(v) } else { lo = lo << 4 | UInt64(v) }
            nibbles += 1
            i += 1
        }
        guard nibbles == 32 else { throw syntax(bytes) }
        return PGUUID(high: hi, low: lo)
    }

    private static func syntax(_ bytes: UnsafeRawBufferPointer) -> ValueError {
        .invalidSyntax(type: "uuid", text: String(decoding: bytes, as: UTF8.self))
    }
}
