/// A range value's text read as PostgreSQL 15's `range_parse` reads it: `empty` (any case), or
/// `[` / `(`, a lower bound, a comma, an upper bound, `]` / `)`, white space around; a bound is
/// its characters up to the next unquoted `,` `)` `]`, with `"…"` quoting (`""` inside for a
/// quote) and `\` escaping, and an absent bound is infinite. What it refuses it refuses with the
/// server's words: `malformed range literal: "…"` and a detail (`Missing comma after lower bound.`).
public struct PGRangeLiteral: Sendable, Equatable {
    public var isEmpty = false
    /// The bounds' text; nil for an infinite bound.
    public var lower: String?
    public var upper: String?
    /// Whether a finite bound is included (`[`, `]`); false for an infinite one.
    public var lowerInclusive = false
    public var upperInclusive = false

    /// Why a text is not a range literal.
    public struct Refusal: Error, Sendable, Equatable {
        public var detail: String
    }

    /// The subtype of the built-in range types, by catalog name.
    public static let subtypes: [String: PGType] = [
        "int4range": .int4, "int8range": .int8, "numrange": .numeric(precision: nil, scale: nil),
        "tsrange": .timestamp, "tstzrange": .timestamptz, "daterange": .date,
    ]

    public static func parse(_ text: String) -> Result<PGRangeLiteral, Refusal> {
        let bytes = Array(text.utf8)
        var i = 0
        func byte(_ k: Int) -> UInt8 { k < bytes.count ? bytes[k] : 0 }
        func space(_ c: UInt8) -> Bool { c == 0x20 || (c >= 0x09 && c <= 0x0D) }
        while space(byte(i)) { i += 1 }
        var literal = PGRangeLiteral()
        let empty = Array("empty".utf8)
        if i + empty.count <= bytes.count,
           zip(bytes[i..<(i + empty.count)], empty).allSatisfy({ ($0 | 0x20) == $1 }) {
            i += empty.count
            while space(byte(i)) { i += 1 }
            guard i == bytes.count else { return .failure(Refusal(detail: "Junk after \"empty\" key word.")) }
            literal.isEmpty = true
            return .success(literal)
        }
        switch byte(i) {
        case UInt8(ascii: "["): literal.lowerInclusive = true
        case UInt8(ascii: "("): break
        default: return .failure(Refusal(detail: "Missing left parenthesis or bracket."))
        }
        i += 1
        /// One bound from `i`: nil when it is absent (infinite).
        func bound() -> Result<String?, Refusal> {
            func ends(_ c: UInt8) -> Bool { c == UInt8(ascii: ",") || c == UInt8(ascii: ")") || c == UInt8(ascii: "]") }
            if ends(byte(i)) { return .success(nil) }
            var value: [UInt8] = []
            var inQuote = false
            while inQuote || !ends(byte(i)) {
                let c = byte(i)
                i += 1
                guard i <= bytes.count else { return .failure(Refusal(detail: "Unexpected end of input.")) }
                if c == UInt8(ascii: "\\") {
                    guard i < bytes.count else { return .failure(Refusal(detail: "Unexpected end of input.")) }
                    value.append(bytes[i])
                    i += 1
                } else if c == UInt8(ascii: "\"") {
                    if !inQuote {
                        inQuote = true
                    } else if byte(i) == UInt8(ascii: "\"") {
                        value.append(bytes[i])
                        i += 1
                    } else {
                        inQuote = false
                    }
                } else {
                    value.append(c)
                }
            }
            return .success(String(decoding: value, as: UTF8.self))
        }
        switch bound() {
        case .failure(let r): return .failure(r)
        case .success(let v): literal.lower = v
        }
        guard byte(i) == UInt8(ascii: ",") else { return .failure(Refusal(detail: "Missing comma after lower bound.")) }
        i += 1
        switch bound() {
        case .failure(let r): return .failure(r)
        case .success(let v): literal.upper = v
        }
        switch byte(i) {
        case UInt8(ascii: "]"): literal.upperInclusive = true
        case UInt8(ascii: ")"): break
        default: return .failure(Refusal(detail: "Too many commas."))
        }
        i += 1
        while space(byte(i)) { i += 1 }
        guard i == bytes.count else { return .failure(Refusal(detail: "Junk after right parenthesis or bracket.")) }
        if literal.lower == nil { literal.lowerInclusive = false }
        if literal.upper == nil { literal.upperInclusive = false }
        return .success(literal)
    }
}
