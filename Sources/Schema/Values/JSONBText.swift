/// Validates JSON text and rewrites it the way PostgreSQL prints a `jsonb` value.
///
/// jsonb does not keep the input text: object keys are de-duplicated (last wins) and ordered
/// shorter-first then bytewise, whitespace is normalized to `", "` and `": "`, numbers become
/// NUMERIC text (`1e2` → `100`), and strings are re-escaped.
public enum JSONBText {
    indirect enum Node {
        case object([(String, Node)])
        case array([Node])
        case string(String)
        case number(String)
        case literal(String)
    }

    /// The canonical text, or `invalid input syntax for type json`.
    public static func canonical(_ text: String) throws(ValueError) -> String {
        if text == "{}" { return text }
        var parser = Parser(bytes: Array(text.utf8))
        guard let node = parser.parseDocument() else {
            throw parser.refusedZeroEscape ? .unsupportedUnicodeEscape : .invalidSyntax(type: "json", text: text)
        }
        var out = ""
        render(node, into: &out)
        return out
    }

    /// `text` itself once it parses as JSON (what `json_in` stores), or `invalid input syntax for
    /// type json`.
    public static func validated(_ text: String) throws(ValueError) -> String {
        if text == "{}" { return text }
        var parser = Parser(bytes: Array(text.utf8))
        // json_in only checks escapes: `\u0000` is refused where text is de-escaped (jsonb), not here.
        parser.acceptsZeroEscape = true
        guard parser.parseDocument() != nil else { throw .invalidSyntax(type: "json", text: text) }
        return text
    }

    static func render(_ node: Node, into out: inout String) {
        switch node {
        case .object(let members):
            var unique: [String: Node] = [:]
            for (k, v) in members { unique[k] = v }
            // Shorter first, then bytewise; the UTF-8 views compare without copying.
            let keys = unique.keys.sorted { a, b in
                let x = a.utf8, y = b.utf8
                return x.count != y.count ? x.count < y.count : x.lexicographicallyPrecedes(y)
            }
            out += "{"
            for (i, k) in keys.enumerated() {
                if i > 0 { out += ", " }
                renderString(k, into: &out)
                out += ": "
                render(unique[k]!, into: &out)
            }
            out += "}"
        case .array(let items):
            out += "["
            for (i, v) in items.enumerated() {
                if i > 0 { out += ", " }
                render(v, into: &out)
            }
            out += "]"
        case .string(let s): renderString(s, into: &out)
        case .number(let n): out += n
        case .literal(let l): out += l
        }
    }

    /// `s` as a quoted JSON string, escaped as PostgreSQL's `escape_json` does: `"` and `\`
    /// backslashed, `\b \f \n \r \t` by name, other control characters below U+0020 as `\u00XX`,
    /// everything else as is. Public so other JSON Chunkwise prints (query results) spells strings
    /// exactly as jsonb output does.
    public static func quotedString(_ s: String) -> String {
        var out = ""
        renderString(s, into: &out)
        return out
    }

    /// Appends ``quotedString(_:)`` of `s` to `out` (no intermediate string).
    public static func appendQuoted(_ s: String, to out: inout String) {
        renderString(s, into: &out)
    }

    static func renderString(_ s: String, into out: inout String) {
        out += "\""
        // Most strings (uuids, intervals, column names) need no escape: one append.
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            out += s
            out += "\""
            return
        }
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    // escape_json: `\u%04x`, lowercase hex.
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out += "\""
    }

    struct Parser {
        let bytes: [UInt8]
        var i = 0
        var depth = 0
        /// Whether `\u0000` is a valid escape (json's check; jsonb refuses it).
        var acceptsZeroEscape = false
        /// Set when the parse stopped at a `\u0000` it does not accept.
        private(set) var refusedZeroEscape = false

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func parseDocument() -> Node? {
            skipSpace()
            guard let v = parseValue() else { return nil }
            skipSpace()
            return i == bytes.count ? v : nil
        }

        mutating func skipSpace() {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
        }

        mutating func parseValue() -> Node? {
            guard i < bytes.count else { return nil }
            switch bytes[i] {
            case UInt8(ascii: "{"):
                depth += 1
                guard depth < 6400 else { return nil }
                defer { depth -= 1 }
                i += 1
                var members: [(String, Node)] = []
                skipSpace()
                if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return .object(members) }
                while true {
                    skipSpace()
                    guard i < bytes.count, bytes[i] == UInt8(ascii: "\""), let k = parseString() else { return nil }
                    skipSpace()
                    guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return nil }
                    i += 1
                    skipSpace()
                    guard let v = parseValue() else { return nil }
                    members.append((k, v))
                    skipSpace()
                    guard i < bytes.count else { return nil }
                    if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                    if bytes[i] == UInt8(ascii: "}") { i += 1; return .object(members) }
                    return nil
                }
            case UInt8(ascii: "["):
                depth += 1
                guard depth < 6400 else { return nil }
                defer { depth -= 1 }
                i += 1
                var items: [Node] = []
                skipSpace()
                if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
                while true {
                    skipSpace()
                    guard let v = parseValue() else { return nil }
                    items.append(v)
                    skipSpace()
                    guard i < bytes.count else { return nil }
                    if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                    if bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
                    return nil
                }
            case UInt8(ascii: "\""):
                return parseString().map { .string($0) }
            case UInt8(ascii: "t"): return literal("true")
            case UInt8(ascii: "f"): return literal("false")
            case UInt8(ascii: "n"): return literal("null")
            default: return parseNumber()
            }
        }

        mutating func literal(_ word: String) -> Node? {
            let w = Array(word.utf8)
            guard i + w.count <= bytes.count, Array(bytes[i..<i + w.count]) == w else { return nil }
            i += w.count
            return .literal(word)
        }

        mutating func parseString() -> String? {
            i += 1
            var scalars = String.UnicodeScalarView()
            var raw: [UInt8] = []
            func flush() -> Bool {
                if raw.isEmpty { return true }
                guard let s = String(validating: raw, as: UTF8.self) else { return false }
                scalars.append(contentsOf: s.unicodeScalars)
                raw.removeAll(keepingCapacity: true)
                return true
            }
            while i < bytes.count {
                let c = bytes[i]
                if c == UInt8(ascii: "\"") { i += 1; guard flush() else { return nil }; return String(scalars) }
                if c < 0x20 { return nil }
                if c == UInt8(ascii: "\\") {
                    guard flush(), i + 1 < bytes.count else { return nil }
                    let e = bytes[i + 1]
                    i += 2
                    switch e {
                    case UInt8(ascii: "\""): scalars.append("\"")
                    case UInt8(ascii: "\\"): scalars.append("\\")
                    case UInt8(ascii: "/"): scalars.append("/")
                    case UInt8(ascii: "b"): scalars.append("\u{08}")
                    case UInt8(ascii: "f"): scalars.append("\u{0C}")
                    case UInt8(ascii: "n"): scalars.append("\n")
                    case UInt8(ascii: "r"): scalars.append("\r")
                    case UInt8(ascii: "t"): scalars.append("\t")
                    case UInt8(ascii: "u"):
                        guard var code = hex4() else { return nil }
                        if (0xD800..<0xDC00).contains(code) {
                            guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else { return nil }
                            i += 2
                            guard let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        }
                        // PostgreSQL refuses \u0000 in jsonb (unsupported Unicode escape sequence).
                        if code == 0 && !acceptsZeroEscape { refusedZeroEscape = true; return nil }
                        guard let u = Unicode.Scalar(code) else { return nil }
                        scalars.append(u)
                    default: return nil
                    }
                    continue
                }
                raw.append(c)
                i += 1
            }
            return nil
        }

        mutating func hex4() -> UInt32? {
            guard i + 4 <= bytes.count else { return nil }
            var v: UInt32 = 0
            for k in 0..<4 {
                let c = bytes[i + k]
                let d: UInt32
                switch c {
                case 0x30...0x39: d = UInt32(c - 0x30)
                case 0x61...0x66: d = UInt32(c - 0x61 + 10)
                case 0x41...0x46: d = UInt32(c - 0x41 + 10)
                default: return nil
                }
                v = v << 4 | d
            }
            i += 4
            return v
        }

        /// JSON number grammar, rendered as PostgreSQL's numeric output.
        mutating func parseNumber() -> Node? {
            var negative = false
            if i < bytes.count, bytes[i] == UInt8(ascii: "-") { negative = true; i += 1 }
            var intDigits: [UInt8] = []
            while i < bytes.count, bytes[i] >= 0x30 && bytes[i] <= 0x39 { intDigits.append(bytes[i]); i += 1 }
            guard !intDigits.isEmpty, !(intDigits.count > 1 && intDigits[0] == 0x30) else { return nil }
            var fracDigits: [UInt8] = []
            if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
                i += 1
                while i < bytes.count, bytes[i] >= 0x30 && bytes[i] <= 0x39 { fracDigits.append(bytes[i]); i += 1 }
                guard !fracDigits.isEmpty else { return nil }
            }
            var exponent = 0
            if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
                i += 1
                var expNegative = false
                if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { expNegative = bytes[i] == UInt8(ascii: "-"); i += 1 }
                var any = false
                while i < bytes.count, bytes[i] >= 0x30 && bytes[i] <= 0x39 {
                    exponent = min(exponent * 10 + Int(bytes[i] - 0x30), 100_000)
                    i += 1
                    any = true
                }
                guard any else { return nil }
                if expNegative { exponent = -exponent }
            }
            // value = digits × 10^(exponent − fraction digits); display scale = max(0, fraction digits − exponent).
            let digits = intDigits + fracDigits
            let pointFromRight = fracDigits.count - exponent
            let scale = max(0, pointFromRight)
            var all = digits
            if pointFromRight < 0 { all += [UInt8](repeating: 0x30, count: -pointFromRight) }
            if all.count <= scale { all = [UInt8](repeating: 0x30, count: scale - all.count + 1) + all }
            var integerPart = Array(all[..<(all.count - scale)])
            while integerPart.count > 1, integerPart[0] == 0x30 { integerPart.removeFirst() }
            let fractionPart = all[(all.count - scale)...]
            var text = String(decoding: integerPart, as: UTF8.self)
            if scale > 0 { text += "." + String(decoding: fractionPart, as: UTF8.self) }
            let isZero = !all.contains(where: { $0 != 0x30 })
            return .number((negative && !isZero ? "-" : "") + text)
        }
    }
}
