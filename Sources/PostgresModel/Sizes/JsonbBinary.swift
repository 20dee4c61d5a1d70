/// The bytes PostgreSQL 15 stores for a jsonb value, after its varlena header: what `pg_column_size`
/// counts, what pglz compresses (`toast_compress_datum` from `heap_toast_insert_or_update`, and
/// `index_form_tuple` for index entries) and what `heap_page_items(...).t_data` shows.
///
/// jsonb_util.c `convertToJsonb` writes a tree of containers (`convertJsonbArray`,
/// `convertJsonbObject`), each a 4-byte header (count | `JB_FARRAY` or `JB_FOBJECT`, plus
/// `JB_FSCALAR` for a top-level scalar stored as a one-element array) and one 4-byte JEntry per
/// element, or per key then per value for an object, followed by the children's data in that order:
/// - strings as their raw UTF-8 bytes (`convertJsonbScalar`);
/// - numbers as the in-memory NUMERIC varlena `numeric_in` makes (4-byte header, numeric.c
///   `make_result`), preceded by zero padding to a 4-byte boundary (`padBufferToInt`) that counts
///   in the JEntry's length;
/// - true, false and null as nothing (the JEntry type says which);
/// - nested containers padded to a 4-byte boundary the same way.
/// A JEntry holds its child's length, except every `JB_OFFSET_STRIDE`th (0, 32, 64, … counted over
/// keys and values together), which holds the end offset of the child's data with `JENTRY_HAS_OFF`.
/// Object keys are unique (the last duplicate wins) and ordered shorter first, then bytewise
/// (`uniqueifyJsonbObject`, `lengthCompareJsonbPair`). Alignment is relative to the varlena
/// header's start, which the 4-byte header leaves unchanged modulo 4.
public enum JsonbBinary {
    /// `JENTRY_OFFLENMASK`: the length or offset bits of a JEntry.
    static let lengthMask: UInt32 = 0x0FFF_FFFF
    /// `JENTRY_TYPEMASK`.
    static let typeMask: UInt32 = 0x7000_0000
    /// `JENTRY_HAS_OFF`: the JEntry holds an end offset, not a length.
    static let hasOffset: UInt32 = 0x8000_0000
    /// `JENTRY_ISSTRING`, `JENTRY_ISNUMERIC`, `JENTRY_ISBOOL_FALSE`, `JENTRY_ISBOOL_TRUE`,
    /// `JENTRY_ISNULL`, `JENTRY_ISCONTAINER`.
    static let isString: UInt32 = 0x0000_0000
    static let isNumeric: UInt32 = 0x1000_0000
    static let isFalse: UInt32 = 0x2000_0000
    static let isTrue: UInt32 = 0x3000_0000
    static let isNull: UInt32 = 0x4000_0000
    static let isContainer: UInt32 = 0x5000_0000
    /// Container header flags: `JB_FSCALAR`, `JB_FOBJECT`, `JB_FARRAY`.
    static let scalarFlag: UInt32 = 0x1000_0000
    static let objectFlag: UInt32 = 0x2000_0000
    static let arrayFlag: UInt32 = 0x4000_0000
    /// `JB_OFFSET_STRIDE`.
    static let offsetStride = 32

    /// The stored bytes (varlena header excluded) of a jsonb document given as canonical jsonb text
    /// (``Schema/JSONBText/canonical(_:)``; any valid JSON text is accepted: keys are sorted and
    /// de-duplicated here, exponents applied). Text that does not parse, which the loader never
    /// passes, is returned as its UTF-8 bytes behind an empty object's header.
    public static func encode(canonical text: String) -> [UInt8] {
        var parser = Parser(input: Array(text.utf8))
        guard parser.document() else { return [0, 0, 0, 0x20] + Array(text.utf8) }
        var writer = Writer(parser: parser)
        switch parser.tokens[0].kind {
        case .array, .object: _ = writer.value(0)
        default: _ = writer.container(0, rawScalar: true)
        }
        return writer.out
    }

    /// One value of a parsed document, in document order: a container's children follow it.
    struct Token {
        enum Kind: UInt8 { case string, escapedString, number, `true`, `false`, null, array, object }
        var kind: Kind
        /// The value's text in the input (for an escaped string, its decoded bytes in the pool);
        /// for a container, its number of elements or pairs in `start`.
        var start: Int32
        var end: Int32
        /// The index of the token after this value and its children.
        var next: Int32
    }

    /// A recursive-descent JSON reader (RFC 8259, as PostgreSQL's json lexer accepts it) into a
    /// flat token list.
    struct Parser {
        let input: [UInt8]
        var i = 0
        var tokens: [Token] = []
        /// Decoded bytes of strings with escapes.
        var pool: [UInt8] = []

        init(input: [UInt8]) {
            self.input = input
            tokens.reserveCapacity(input.count / 4 + 1)
        }

        mutating func document() -> Bool {
            guard value() else { return false }
            space()
            return i == input.count
        }

        mutating func space() {
            while i < input.count, input[i] == 0x20 || input[i] == 0x0A || input[i] == 0x09 || input[i] == 0x0D { i += 1 }
        }

        mutating func add(_ kind: Token.Kind, _ start: Int, _ end: Int) {
            tokens.append(Token(kind: kind, start: Int32(start), end: Int32(end), next: Int32(tokens.count + 1)))
        }

        mutating func value() -> Bool {
            space()
            guard i < input.count else { return false }
            switch input[i] {
            case UInt8(ascii: "{"), UInt8(ascii: "["): return container()
            case UInt8(ascii: "\""): return string()
            case UInt8(ascii: "t"): return literal("true", .true)
            case UInt8(ascii: "f"): return literal("false", .false)
            case UInt8(ascii: "n"): return literal("null", .null)
            default: return number()
            }
        }

        mutating func literal(_ word: StaticString, _ kind: Token.Kind) -> Bool {
            let n = word.utf8CodeUnitCount
            guard i + n <= input.count else { return false }
            for k in 0..<n where input[i + k] != word.utf8Start[k] { return false }
            add(kind, i, i + n)
            i += n
            return true
        }

        mutating func number() -> Bool {
            let start = i
            while i < input.count {
                let b = input[i]
                guard (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: "-") || b == UInt8(ascii: "+") || b == UInt8(ascii: ".")
                        || b == UInt8(ascii: "e") || b == UInt8(ascii: "E") else { break }
                i += 1
            }
            guard i > start else { return false }
            add(.number, start, i)
            return true
        }

        /// An array, or an object whose keys and values alternate as its children.
        mutating func container() -> Bool {
            let isObject = input[i] == UInt8(ascii: "{")
            let close = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
            let me = tokens.count
            add(isObject ? .object : .array, 0, 0)
            i += 1
            var count = 0
            space()
            if i < input.count, input[i] == close {
                i += 1
            } else {
                while true {
                    if isObject {
                        space()
                        guard i < input.count, input[i] == UInt8(ascii: "\""), string() else { return false }
                        space()
                        guard i < input.count, input[i] == UInt8(ascii: ":") else { return false }
                        i += 1
                    }
                    guard value() else { return false }
                    count += 1
                    space()
                    guard i < input.count else { return false }
                    if input[i] == UInt8(ascii: ",") { i += 1; continue }
                    if input[i] == close { i += 1; break }
                    return false
                }
            }
            tokens[me].start = Int32(count)
            tokens[me].next = Int32(tokens.count)
            return true
        }

        /// A string: its text range when it has no escapes, else its decoded bytes in the pool.
        mutating func string() -> Bool {
            i += 1
            let start = i
            while i < input.count, input[i] != UInt8(ascii: "\""), input[i] != UInt8(ascii: "\\") { i += 1 }
            guard i < input.count else { return false }
            if input[i] == UInt8(ascii: "\"") {
                add(.string, start, i)
                i += 1
                return true
            }
            let from = pool.count
            pool.append(contentsOf: input[start..<i])
            while i < input.count {
                let b = input[i]
                if b == UInt8(ascii: "\"") {
                    add(.escapedString, from, pool.count)
                    i += 1
                    return true
                }
                guard b == UInt8(ascii: "\\") else { pool.append(b); i += 1; continue }
                guard i + 1 < input.count else { return false }
                let e = input[i + 1]
                i += 2
                switch e {
                case UInt8(ascii: "n"): pool.append(0x0A)
                case UInt8(ascii: "t"): pool.append(0x09)
                case UInt8(ascii: "r"): pool.append(0x0D)
                case UInt8(ascii: "b"): pool.append(0x08)
                case UInt8(ascii: "f"): pool.append(0x0C)
                case UInt8(ascii: "u"):
                    guard var code = hex4() else { return false }
                    // A high surrogate joins the low one after it (json_lex_string).
                    if code >= 0xD800, code < 0xDC00, i + 1 < input.count, input[i] == UInt8(ascii: "\\"), input[i + 1] == UInt8(ascii: "u") {
                        i += 2
                        guard let low = hex4(), low >= 0xDC00, low < 0xE000 else { return false }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(code), let encoded = UTF8.encode(scalar) else { return false }
                    pool.append(contentsOf: encoded)
                default: pool.append(e)
                }
            }
            return false
        }

        mutating func hex4() -> UInt32? {
            guard i + 4 <= input.count else { return nil }
            var v: UInt32 = 0
            for k in 0..<4 {
                guard let d = Character(Unicode.Scalar(input[i + k])).hexDigitValue else { return nil }
                v = v << 4 | UInt32(d)
            }
            i += 4
            return v
        }
    }

    /// `convertJsonbValue` into a growing buffer.
    struct Writer {
        let input: [UInt8]
        let pool: [UInt8]
        let tokens: [Token]
        var out: [UInt8] = []

        init(parser: Parser) {
            input = parser.input
            pool = parser.pool
            tokens = parser.tokens
            out.reserveCapacity(input.count * 2 + 16)
        }

        /// `padBufferToInt`: zero bytes up to a 4-byte boundary; returns how many.
        mutating func pad() -> Int {
            let n = (4 - out.count & 3) & 3
            for _ in 0..<n { out.append(0) }
            return n
        }

        mutating func put(_ v: UInt32, at offset: Int) {
            out[offset] = UInt8(truncatingIfNeeded: v)
            out[offset + 1] = UInt8(truncatingIfNeeded: v >> 8)
            out[offset + 2] = UInt8(truncatingIfNeeded: v >> 16)
            out[offset + 3] = UInt8(truncatingIfNeeded: v >> 24)
        }

        mutating func append(_ v: UInt32) {
            out.append(UInt8(truncatingIfNeeded: v))
            out.append(UInt8(truncatingIfNeeded: v >> 8))
            out.append(UInt8(truncatingIfNeeded: v >> 16))
            out.append(UInt8(truncatingIfNeeded: v >> 24))
        }

        mutating func append16(_ v: UInt16) {
            out.append(UInt8(truncatingIfNeeded: v))
            out.append(UInt8(truncatingIfNeeded: v >> 8))
        }

        /// Writes token `t`'s data and returns its JEntry (with its length).
        mutating func value(_ t: Int) -> UInt32 {
            let token = tokens[t]
            switch token.kind {
            case .string:
                out.append(contentsOf: input[Int(token.start)..<Int(token.end)])
                return isString | UInt32(token.end - token.start)
            case .escapedString:
                out.append(contentsOf: pool[Int(token.start)..<Int(token.end)])
                return isString | UInt32(token.end - token.start)
            case .number:
                let padding = pad()
                return isNumeric | UInt32(padding + numeric(Int(token.start)..<Int(token.end)))
            case .true: return isTrue
            case .false: return isFalse
            case .null: return isNull
            case .array, .object: return container(t, rawScalar: false)
            }
        }

        /// `convertJsonbArray` and `convertJsonbObject` (all keys, then all values); with
        /// `rawScalar`, token `t` is a top-level scalar written as a one-element array.
        mutating func container(_ t: Int, rawScalar: Bool) -> UInt32 {
            let base = out.count
            _ = pad()
            let isObject = !rawScalar && tokens[t].kind == .object
            var children: [Int] = []
            if rawScalar {
                children = [t]
            } else {
                children.reserveCapacity(Int(tokens[t].start) * (isObject ? 2 : 1))
                var c = t + 1
                while c < Int(tokens[t].next) { children.append(c); c = Int(tokens[c].next) }
            }
            if isObject { children = uniqueSortedPairs(children) }
            let count = isObject ? children.count / 2 : children.count
            append(UInt32(count) | (isObject ? objectFlag : arrayFlag) | (rawScalar ? scalarFlag : 0))
            let entries = out.count
            for _ in 0..<(4 * children.count) { out.append(0) }
            var total: UInt32 = 0
            for n in 0..<children.count {
                // An object's keys are its even children, its values the odd ones.
                let k = !isObject ? n : n < count ? 2 * n : 2 * (n - count) + 1
                let meta = value(children[k])
                total += meta & lengthMask
                put(n % offsetStride == 0 ? (meta & typeMask) | total | hasOffset : meta, at: entries + 4 * n)
            }
            return isContainer | UInt32(out.count - base)
        }

        func keyBytes(_ t: Int) -> ArraySlice<UInt8> {
            let token = tokens[t]
            return token.kind == .string ? input[Int(token.start)..<Int(token.end)] : pool[Int(token.start)..<Int(token.end)]
        }

        /// `uniqueifyJsonbObject`: keys shorter first, then by bytes; of equal keys the last read
        /// stays. Canonical text is already in this order, which one pass confirms.
        func uniqueSortedPairs(_ children: [Int]) -> [Int] {
            func precedes(_ a: Int, _ b: Int) -> Bool {
                let x = keyBytes(a), y = keyBytes(b)
                return x.count != y.count ? x.count < y.count : x.lexicographicallyPrecedes(y)
            }
            let pairs = children.count / 2
            if (0..<max(0, pairs - 1)).allSatisfy({ precedes(children[2 * $0], children[2 * $0 + 2]) }) { return children }
            // Stable by read order, so the last of equal keys ends each run.
            let order = (0..<pairs).sorted { a, b in
                precedes(children[2 * a], children[2 * b]) || (!precedes(children[2 * b], children[2 * a]) && a < b)
            }
            var out: [Int] = []
            for (n, p) in order.enumerated() {
                if n + 1 < order.count, keyBytes(children[2 * p]) == keyBytes(children[2 * order[n + 1]]) { continue }
                out += [children[2 * p], children[2 * p + 1]]
            }
            return out
        }

        /// Appends the NUMERIC varlena `numeric_in` makes of a JSON number's text and returns its
        /// length: the in-memory 4-byte header (`SET_VARSIZE`), then the short header (sign,
        /// display scale, 7-bit weight) when the display scale is ≤ 63 and the weight within
        /// −64…63 (`NUMERIC_CAN_BE_SHORT`), else the long one (sign | display scale, int16 weight),
        /// then base-10000 digits without leading or trailing zero digits (`make_result`). The
        /// display scale is the fraction digits less the exponent, at least 0 (`set_var_from_str`);
        /// zero is positive with weight 0.
        mutating func numeric(_ r: Range<Int>) -> Int {
            var k = r.lowerBound
            let negative = input[k] == UInt8(ascii: "-")
            if negative { k += 1 }
            var integerDigits = 0, fractionDigits = 0, inFraction = false
            // Positions of the first and last non-zero digits, and how many digits precede the first.
            var first = -1, last = -1, leadingZeros = 0
            while k < r.upperBound {
                let b = input[k]
                if b >= 0x30 && b <= 0x39 {
                    if b != 0x30 { if first < 0 { first = k }; last = k } else if first < 0 { leadingZeros += 1 }
                    if inFraction { fractionDigits += 1 } else { integerDigits += 1 }
                } else if b == UInt8(ascii: ".") {
                    inFraction = true
                } else {
                    break
                }
                k += 1
            }
            var exponent = 0
            if k < r.upperBound {
                // 'e' or 'E', an optional sign, digits.
                k += 1
                var sign = 1
                if k < r.upperBound, input[k] == UInt8(ascii: "-") || input[k] == UInt8(ascii: "+") { sign = input[k] == UInt8(ascii: "-") ? -1 : 1; k += 1 }
                var e = 0
                while k < r.upperBound, input[k] >= 0x30, input[k] <= 0x39, e < 1_000_000 { e = e * 10 + Int(input[k] - 0x30); k += 1 }
                exponent = sign * e
            }
            let dscale = max(0, fractionDigits - exponent)
            var weight = 0, groups = 0, lead = 0
            if first >= 0 {
                // The value is 0.d₁d₂…dₙ × 10^point with d₁ non-zero; pad on the left so the decimal
                // point falls between base-10000 digits.
                let point = integerDigits + exponent - leadingZeros
                lead = ((-point) % 4 + 4) % 4
                weight = (point + lead) / 4 - 1
                var significant = 0
                for p in first...last where input[p] != UInt8(ascii: ".") { significant += 1 }
                groups = (lead + significant + 3) / 4
            }
            let short = dscale <= 63 && weight >= -64 && weight <= 63
            let size = 4 + (short ? 2 : 4) + 2 * groups
            append(UInt32(size) << 2)
            let isNegative = negative && groups > 0
            if short {
                let sign: UInt16 = isNegative ? 0xA000 : 0x8000
                append16(sign | UInt16(dscale << 7) | (weight < 0 ? 0x40 : 0) | UInt16(weight & 0x3F))
            } else {
                append16((isNegative ? 0x4000 : 0) | UInt16(dscale & 0x3FFF))
                append16(UInt16(bitPattern: Int16(truncatingIfNeeded: weight)))
            }
            guard first >= 0 else { return size }
            var group = 0, filled = lead
            for p in first...last where input[p] != UInt8(ascii: ".") {
                group = group * 10 + Int(input[p] - 0x30)
                filled += 1
                if filled == 4 { append16(UInt16(group)); group = 0; filled = 0 }
            }
            if filled > 0 {
                for _ in filled..<4 { group *= 10 }
                append16(UInt16(group))
            }
            return size
        }
    }
}
