/// One typed PostgreSQL value, or NULL.
///
/// The engine stores columns, not `Value`s; this type is for rows at the edges (COPY, tests,
/// query results) where one value at a time is convenient.
public enum Value: Sendable, Hashable {
    case null
    case bool(Bool)
    /// int2, int4, int8.
    case int(Int64)
    /// float4, float8.
    case float(Double)
    /// NUMERIC of up to 18 digits, and NaN, ±Infinity.
    case numeric(PGNumeric)
    /// NUMERIC wider than 18 digits (see ``NumericValue``); equal to a `.numeric` of the same value.
    case wideNumeric(PGWideNumeric)
    case uuid(PGUUID)
    /// timestamptz or timestamp: microseconds since the Unix epoch (UTC for timestamptz).
    case timestamp(Int64)
    /// date: days since 1970-01-01.
    case date(Int64)
    /// time: microseconds since midnight.
    case time(Int64)
    /// varchar, text.
    case text(String)
    /// A JSON document: a jsonb value in PostgreSQL's canonical output form, a json value as typed.
    case jsonb(String)
    /// An interval; only appears in expressions (`now() - '30 days'::interval`), never in a column.
    case interval(PGInterval)

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// A NUMERIC value in whichever case holds its width.
    public init(_ numeric: NumericValue) {
        switch numeric {
        case .narrow(let n): self = .numeric(n)
        case .wide(let w): self = .wideNumeric(w)
        }
    }

    /// The NUMERIC this is, of either width; nil for every other kind.
    public var numericValue: NumericValue? {
        switch self {
        case .numeric(let n): return .narrow(n)
        case .wideNumeric(let w): return .wide(w)
        default: return nil
        }
    }
}

extension Value {
    /// The type a value of this kind is read and printed as when nothing else says (an integer as
    /// bigint, a timestamp as timestamptz); nil for kinds whose type depends on the column (text,
    /// jsonb, uuid, time, interval) and for NULL.
    public var ownType: PGType? {
        switch self {
        case .bool: return .bool
        case .int: return .int8
        case .float: return .float8
        case .numeric, .wideNumeric: return .numeric(precision: nil, scale: nil)
        case .date: return .date
        case .timestamp: return .timestamptz
        default: return nil
        }
    }

    /// Equality as the synthesized one, except that NUMERIC compares by value across widths.
    public static func == (a: Value, b: Value) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.float(let x), .float(let y)): return x == y
        case (.numeric(let x), .numeric(let y)): return x == y
        case (.numeric, .wideNumeric), (.wideNumeric, .numeric), (.wideNumeric, .wideNumeric):
            return a.numericValue == b.numericValue
        case (.uuid(let x), .uuid(let y)): return x == y
        case (.timestamp(let x), .timestamp(let y)): return x == y
        case (.date(let x), .date(let y)): return x == y
        case (.time(let x), .time(let y)): return x == y
        case (.text(let x), .text(let y)): return x == y
        case (.jsonb(let x), .jsonb(let y)): return x == y
        case (.interval(let x), .interval(let y)): return x == y
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let x): hasher.combine(1); hasher.combine(x)
        case .int(let x): hasher.combine(2); hasher.combine(x)
        case .float(let x): hasher.combine(3); hasher.combine(x)
        // Both widths hash as NumericValue does, so equal values hash alike.
        case .numeric(let x): hasher.combine(4); x.hash(into: &hasher)
        case .wideNumeric(let x): hasher.combine(4); x.hash(into: &hasher)
        case .uuid(let x): hasher.combine(5); hasher.combine(x)
        case .timestamp(let x): hasher.combine(6); hasher.combine(x)
        case .date(let x): hasher.combine(7); hasher.combine(x)
        case .time(let x): hasher.combine(8); hasher.combine(x)
        case .text(let x): hasher.combine(9); hasher.combine(x)
        case .jsonb(let x): hasher.combine(10); hasher.combine(x)
        case .interval(let x): hasher.combine(11); hasher.combine(x)
        }
    }
}

extension Value {
    /// Parses the text form of a value of `type` (not NULL: the caller decides what NULL looks like).
    public static func parse<S: StringProtocol>(_ text: S, as type: PGType, zone: PGTimeZone = .utc) throws(ValueError) -> Value {
        switch type {
        case .bool:
            guard let b = Value.parseBoolean(text) else { throw .invalidSyntax(type: "boolean", text: String(text)) }
            return .bool(b)
        case .int2, .int4, .int8:
            return .int(try PGInteger.parse(text, type: type))
        case .numeric(let p, let s):
            return Value(try NumericValue.parse(text, precision: p, scale: s))
        case .float4, .float8:
            return .float(try PGFloat.parse(text, type: type))
        case .uuid: return .uuid(try PGUUID.parse(text))
        case .timestamptz, .timestamp: return .timestamp(try PGTimestamp.parse(text, zone: zone, type: type))
        case .date: return .date(try PGTimestamp.parseDate(text))
        case .time: return .time(try PGTimestamp.parseTime(text))
        case .varchar(let n):
            if let n, text.unicodeScalars.count > n {
                // PostgreSQL lets trailing spaces past the limit through by truncating them.
                let scalars = Array(text.unicodeScalars)
                if scalars[n...].allSatisfy({ $0 == " " }) {
                    var s = String.UnicodeScalarView()
                    s.append(contentsOf: scalars[..<n])
                    return .text(String(s))
                }
                throw .valueTooLong(type: type.sqlName)
            }
            return .text(String(text))
        case .text: return .text(String(text))
        case .json: return .jsonb(try JSONBText.validated(String(text)))
        case .jsonb: return .jsonb(try JSONBText.canonical(String(text)))
        }
    }

    /// PostgreSQL's text output for this value as a value of `type`; nil for NULL.
    public func text(as type: PGType, zone: PGTimeZone = .utc) -> String? {
        switch self {
        case .null: return nil
        case .bool(let b): return b ? "t" : "f"
        case .int(let v): return String(v)
        case .float(let d): return Value.floatText(d, type: type)
        case .numeric(let n): return n.description
        case .wideNumeric(let n): return n.description
        case .uuid(let u): return u.description
        case .timestamp(let t): return type == .timestamp ? PGTimestamp.formatLocal(t) : PGTimestamp.format(t, zone: zone)
        case .date(let d): return PGTimestamp.formatDate(d)
        case .time(let t): return PGTimestamp.formatTime(t)
        case .text(let s): return s
        case .jsonb(let s): return s
        case .interval(let i): return i.description
        }
    }

    /// `boolin` (`parse_bool_with_len`): white space around the word is ignored, case too, and any
    /// unambiguous prefix of `true`, `false`, `yes`, `no`, of `on`/`off` from two letters, or `1`/`0`.
    static func parseBoolean<S: StringProtocol>(_ text: S) -> Bool? {
        var bytes = Array(text.utf8)
        while let last = bytes.last, InputText.isSpace(last) { bytes.removeLast() }
        let word = bytes.drop(while: InputText.isSpace).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        guard let first = word.first else { return nil }
        func isPrefix(of full: String, atLeast minimum: Int = 1) -> Bool {
            word.count >= minimum && word.count <= full.utf8.count && full.utf8.starts(with: word)
        }
        switch first {
        case UInt8(ascii: "t"): return isPrefix(of: "true") ? true : nil
        case UInt8(ascii: "f"): return isPrefix(of: "false") ? false : nil
        case UInt8(ascii: "y"): return isPrefix(of: "yes") ? true : nil
        case UInt8(ascii: "n"): return isPrefix(of: "no") ? false : nil
        case UInt8(ascii: "o"):
            if isPrefix(of: "on", atLeast: 2) { return true }
            return isPrefix(of: "off", atLeast: 2) ? false : nil
        case UInt8(ascii: "1"): return word.count == 1 ? true : nil
        case UInt8(ascii: "0"): return word.count == 1 ? false : nil
        default: return nil
        }
    }

    /// `float4out` / `float8out` (the shortest text that reads back, `extra_float_digits = 1`,
    /// exponential from 10⁶ and 10¹⁵ respectively).
    static func floatText(_ d: Double, type: PGType) -> String {
        type == .float4 ? PGFloat.shortestText(Float(d)) : PGFloat.shortestText(d)
    }
}
