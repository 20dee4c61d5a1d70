/// The escapes inside PostgreSQL 15's string constants and quoted identifiers: `E'…'` as scan.l's
/// `xe` state reads them, and the Unicode escapes of `U&'…'` / `U&"…"` (with `UESCAPE`) as
/// parser.c's `str_udeunescape` decodes them. Errors carry PostgreSQL's wording and point where
/// its cursor does.
enum SQLStringEscapes {
    /// How an error is placed: a source byte offset and the message.
    typealias Failure = (_ offset: Int, _ message: String) -> SQLSyntaxError

    /// Reads an `E'…'` body from `from` (just after its opening quote) through the closing quote:
    /// `''` and `\'` are a quote; `\b \f \n \r \t`; `\ooo` (1–3 octal digits, the byte's low 8
    /// bits); `\xh` / `\xhh`; `\uXXXX` / `\UXXXXXXXX` (a UTF-16 high surrogate must be followed by
    /// a low one); any other `\c` is `c`. The bytes must come out valid UTF-8 (`E'\xff'` and
    /// `E'\0'` are `invalid byte sequence for encoding "UTF8"`). `closed` is false when the text
    /// ends first.
    static func readExtended(_ bytes: [UInt8], from: Int, fail: Failure) throws(SQLSyntaxError) -> (value: [UInt8], end: Int, closed: Bool) {
        var value: [UInt8] = []
        var j = from
        var sawNonASCII = false
        var highSurrogate: UInt32?
        while j < bytes.count {
            let c = bytes[j]
            if let high = highSurrogate {
                // scan.l's xeu state: only a low-surrogate escape may follow.
                guard c == UInt8(ascii: "\\"), j + 1 < bytes.count, bytes[j + 1] == UInt8(ascii: "u") || bytes[j + 1] == UInt8(ascii: "U") else {
                    throw fail(j, "invalid Unicode surrogate pair at or near \"\(String(decoding: [c], as: UTF8.self))\"")
                }
                guard let (low, length) = unicodeEscape(bytes, at: j) else { throw fail(j, "invalid Unicode escape") }
                guard isLowSurrogate(low) else { throw fail(j, "invalid Unicode surrogate pair at or near \"\(text(bytes, j, length))\"") }
                appendScalar(0x10000 + ((high & 0x3FF) << 10) + (low & 0x3FF), to: &value)
                highSurrogate = nil
                j += length
                continue
            }
            if c == UInt8(ascii: "'") {
                if j + 1 < bytes.count && bytes[j + 1] == UInt8(ascii: "'") { value.append(c); j += 2; continue }
                if sawNonASCII, let bad = UTF8Validation.firstInvalid(value) { throw fail(from - 2, bad.message) }
                return (value, j + 1, true)
            }
            guard c == UInt8(ascii: "\\"), j + 1 < bytes.count else {
                value.append(c)
                j += 1
                continue
            }
            let d = bytes[j + 1]
            switch d {
            case UInt8(ascii: "u"), UInt8(ascii: "U"):
                guard let (scalar, length) = unicodeEscape(bytes, at: j) else { throw fail(j, "invalid Unicode escape") }
                if isHighSurrogate(scalar) {
                    highSurrogate = scalar
                } else if isLowSurrogate(scalar) {
                    throw fail(j, "invalid Unicode surrogate pair at or near \"\(text(bytes, j, length))\"")
                } else if scalar == 0 || scalar > 0x10FFFF {
                    throw fail(j, "invalid Unicode escape value at or near \"\(text(bytes, j, length))\"")
                } else {
                    appendScalar(scalar, to: &value)
                }
                j += length
                continue
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                var k = j + 1
                var code: UInt32 = 0
                while k < bytes.count, k < j + 4, (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(bytes[k]) {
                    code = code * 8 + UInt32(bytes[k] - UInt8(ascii: "0"))
                    k += 1
                }
                // addlitchar keeps an unsigned char: `\777` is 0xff.
                let byte = UInt8(truncatingIfNeeded: code)
                if byte == 0 || byte >= 0x80 { sawNonASCII = true }
                value.append(byte)
                j = k
                continue
            case UInt8(ascii: "x") where j + 2 < bytes.count && hexValue(bytes[j + 2]) != nil:
                var k = j + 2
                var byte: UInt8 = 0
                while k < bytes.count, k < j + 4, let h = hexValue(bytes[k]) {
                    byte = byte * 16 + h
                    k += 1
                }
                if byte == 0 || byte >= 0x80 { sawNonASCII = true }
                value.append(byte)
                j = k
                continue
            case UInt8(ascii: "b"): value.append(8)
            case UInt8(ascii: "f"): value.append(12)
            case UInt8(ascii: "n"): value.append(10)
            case UInt8(ascii: "r"): value.append(13)
            case UInt8(ascii: "t"): value.append(9)
            default:
                if d >= 0x80 { sawNonASCII = true }
                value.append(d)
            }
            j += 2
        }
        if highSurrogate != nil { throw fail(bytes.count, "invalid Unicode surrogate pair at end of input") }
        return (value, j, false)
    }

    /// Decodes a `U&` body (quotes already undoubled) with escape character `escape`: `\XXXX`,
    /// `\+XXXXXX`, and `\\` for the escape itself (str_udeunescape). `fail` gets the index in
    /// `body` PostgreSQL's cursor names.
    static func decodeUnicode(_ body: [UInt8], escape: UInt8, fail: (Int, String) -> SQLSyntaxError) throws(SQLSyntaxError) -> [UInt8] {
        var out: [UInt8] = []
        var i = 0
        var highSurrogate: UInt32?
        func hex(_ at: Int, _ count: Int) -> UInt32? {
            guard at + count <= body.count else { return nil }
            var v: UInt32 = 0
            for k in at..<(at + count) {
                guard let h = hexValue(body[k]) else { return nil }
                v = v * 16 + UInt32(h)
            }
            return v
        }
        while i < body.count {
            guard body[i] == escape else {
                if highSurrogate != nil { throw fail(i, "invalid Unicode surrogate pair") }
                out.append(body[i])
                i += 1
                continue
            }
            if i + 1 < body.count && body[i + 1] == escape {
                if highSurrogate != nil { throw fail(i, "invalid Unicode surrogate pair") }
                out.append(escape)
                i += 2
                continue
            }
            let scalar: UInt32
            let length: Int
            if let v = hex(i + 1, 4) {
                scalar = v
                length = 5
            } else if i + 1 < body.count, body[i + 1] == UInt8(ascii: "+"), let v = hex(i + 2, 6) {
                scalar = v
                length = 8
            } else {
                throw fail(i, "invalid Unicode escape")
            }
            if let high = highSurrogate {
                guard isLowSurrogate(scalar) else { throw fail(i, "invalid Unicode surrogate pair") }
                appendScalar(0x10000 + ((high & 0x3FF) << 10) + (scalar & 0x3FF), to: &out)
                highSurrogate = nil
            } else if isLowSurrogate(scalar) {
                throw fail(i, "invalid Unicode surrogate pair")
            } else if isHighSurrogate(scalar) {
                highSurrogate = scalar
            } else if scalar == 0 || scalar > 0x10FFFF {
                throw fail(i, "invalid Unicode escape value")
            } else {
                appendScalar(scalar, to: &out)
            }
            i += length
        }
        if highSurrogate != nil { throw fail(i, "invalid Unicode surrogate pair") }
        return out
    }

    /// check_uescapechar (parser.c): a `UESCAPE` character may not be a hex digit, `+`, a quote
    /// or white space.
    static func isValidEscapeCharacter(_ c: UInt8) -> Bool {
        hexValue(c) == nil && !" \t\n\r\u{0C}+'\"".utf8.contains(c)
    }

    /// `\uXXXX` or `\UXXXXXXXX` at `at` (scan.l's xeunicode): the value and the escape's length.
    private static func unicodeEscape(_ bytes: [UInt8], at: Int) -> (UInt32, Int)? {
        let digits = bytes[at + 1] == UInt8(ascii: "u") ? 4 : 8
        guard at + 2 + digits <= bytes.count else { return nil }
        var v: UInt32 = 0
        for k in (at + 2)..<(at + 2 + digits) {
            guard let h = hexValue(bytes[k]) else { return nil }
            v = v &* 16 &+ UInt32(h)
        }
        return (v, 2 + digits)
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    private static func isHighSurrogate(_ v: UInt32) -> Bool { (0xD800...0xDBFF).contains(v) }
    private static func isLowSurrogate(_ v: UInt32) -> Bool { (0xDC00...0xDFFF).contains(v) }

    private static func appendScalar(_ v: UInt32, to out: inout [UInt8]) {
        guard let scalar = Unicode.Scalar(v) else { return }
        UTF8.encode(scalar) { out.append($0) }
    }

    private static func text(_ bytes: [UInt8], _ at: Int, _ length: Int) -> String {
        String(decoding: bytes[at..<min(bytes.count, at + length)], as: UTF8.self)
    }
}
