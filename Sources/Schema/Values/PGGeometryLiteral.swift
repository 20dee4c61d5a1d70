#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A value of one of PostgreSQL's fixed-size geometric types read as PostgreSQL 15's input
/// functions read it (src/backend/utils/adt/geo_ops.c) and printed as their output functions print
/// it:
///
/// - `point` (`point_in`): `x,y` or `(x,y)`; prints `(x,y)`.
/// - `lseg` (`lseg_in`): two points, optionally inside `[…]` or `(…)`; prints `[(x1,y1),(x2,y2)]`.
/// - `box` (`box_in`): two points, optionally inside `(…)` (not `[…]`), corners reordered so the
///   first is the upper right; prints `(x1,y1),(x2,y2)`.
/// - `line` (`line_in`): `{A,B,C}` (A and B not both within 1e-6 of zero), or two distinct points
///   turned into `Ax + By + C = 0`; prints `{A,B,C}`.
/// - `circle` (`circle_in`): a point and a radius (not negative), optionally inside `<…>` or `(…)`;
///   prints `<(x,y),r>`.
///
/// Every number is read by `float8in_internal` (C's `strtod`, `NaN` and `Infinity` in any case,
/// white space around it), so `1e400` is `"1e400" is out of range for type double precision`; any
/// other refusal is `invalid input syntax for type <type>: "<text>"`. Numbers print as `float8out`
/// does (``PGFloat/shortestText(_:)``).
///
///     PGGeometryLiteral.parse(" ( 1 , 2.50 ) ", type: "point")  // .success: (1,2.5)
///     PGGeometryLiteral.parse("(3,2),(1,4)", type: "box")        // .success: (3,4),(1,2)
///     PGGeometryLiteral.parse("{0,0,1}", type: "line")           // .failure: A and B cannot both be zero
public struct PGGeometryLiteral: Sendable {
    /// The type's catalog name: `point`, `line`, `lseg`, `box` or `circle`.
    public let type: String
    /// The value's float8 fields in their stored order: `x, y`; `A, B, C`; two points; the high
    /// then the low corner; the centre then the radius.
    public let numbers: [Double]

    /// The geometric types read here.
    public static let types: Set<String> = ["point", "line", "lseg", "box", "circle"]

    /// `text` read as a value of `type` (one of ``types``).
    public static func parse(_ text: String, type: String) -> Result<PGGeometryLiteral, ValueError> {
        var reader = Reader(text: text, type: type)
        do throws(ValueError) {
            let numbers: [Double]
            switch type {
            case "point": numbers = try reader.pair(endOfText: true)
            case "lseg": numbers = try reader.points(2, openAllowed: true)
            case "box": numbers = try boxCorners(reader.points(2, openAllowed: false))
            case "line": numbers = try reader.line()
            case "circle": numbers = try reader.circle()
            default: return .failure(reader.syntax)
            }
            return .success(PGGeometryLiteral(type: type, numbers: numbers))
        } catch {
            return .failure(error)
        }
    }

    /// The value as the type's output function prints it.
    public var text: String {
        let n = numbers.map(PGFloat.shortestText)
        func pair(_ i: Int) -> String { "(" + n[i] + "," + n[i + 1] + ")" }
        switch type {
        case "line": return "{" + n.joined(separator: ",") + "}"
        case "lseg": return "[" + pair(0) + "," + pair(2) + "]"
        case "box": return pair(0) + "," + pair(2)
        case "circle": return "<" + pair(0) + "," + n[2] + ">"
        default: return pair(0)
        }
    }

    /// The value as PostgreSQL stores it: its float8 fields in order, little-endian.
    public var storedBytes: [UInt8] {
        numbers.flatMap { d in (0..<8).map { UInt8(truncatingIfNeeded: d.bitPattern >> (8 * $0)) } }
    }

    /// `box_in`'s reordering: the high corner takes the larger x and the larger y (`float8_lt`,
    /// where NaN is larger than any number).
    private static func boxCorners(_ p: [Double]) -> [Double] {
        var p = p
        if float8Less(p[0], p[2]) { p.swapAt(0, 2) }
        if float8Less(p[1], p[3]) { p.swapAt(1, 3) }
        return p
    }

    /// `float8_lt`: NaN sorts above every number and equals itself.
    static func float8Less(_ a: Double, _ b: Double) -> Bool { !a.isNaN && (b.isNaN || a < b) }

    /// The reading position in the text's bytes, ended by a NUL as the C string is.
    private struct Reader {
        let text: String
        let type: String
        /// The bytes and a terminating NUL (a NUL inside the text ends it early, as in C).
        var bytes: [UInt8]
        var i = 0

        init(text: String, type: String) {
            self.text = text
            self.type = type
            var b = Array(text.utf8)
            if let nul = b.firstIndex(of: 0) { b.removeSubrange(nul...) }
            b.append(0)
            bytes = b
        }

        var syntax: ValueError { .invalidSyntax(type: type, text: text) }
        var current: UInt8 { bytes[i] }

        mutating func skipSpace() { while InputText.isSpace(bytes[i]) { i += 1 } }

        /// `float8in_internal` with an end pointer: white space, a number (or `NaN`, `Infinity`,
        /// `inf` with a sign, in any case), white space.
        mutating func number() throws(ValueError) -> Double {
            skipSpace()
            guard current != 0 else { throw syntax }
            let start = i
            var consumed = 0
            var failed = false
            let value: Double = bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    guard let base = chars.baseAddress else { return 0 }
                    let begin = base + start
                    var end: UnsafeMutablePointer<CChar>?
                    errno = 0
                    let v = strtod(begin, &end)
                    failed = errno != 0
                    consumed = end.map { UnsafePointer($0) - begin } ?? 0
                    return v
                }
            }
            var result = value
            if consumed == 0 || failed {
                // strtod refused it or set ERANGE: the words float8in_internal checks itself, then
                // a true overflow or underflow (a denormal result is kept).
                let words: [(String, Double)] = [("nan", .nan), ("infinity", .infinity), ("+infinity", .infinity),
                                                 ("-infinity", -.infinity), ("inf", .infinity), ("+inf", .infinity), ("-inf", -.infinity)]
                if let (word, v) = words.first(where: { hasPrefix($0.0, at: start) }) {
                    result = v
                    consumed = word.utf8.count
                } else if failed && consumed > 0 {
                    if value == 0 || value.isInfinite {
                        let spelled = String(decoding: bytes[start..<start + consumed], as: UTF8.self)
                        throw .refused(message: "\"\(spelled)\" is out of range for type double precision", sqlState: "22003")
                    }
                } else {
                    throw syntax
                }
            }
            i = start + consumed
            skipSpace()
            return result
        }

        /// Whether the bytes at `at` start with `word`, ignoring ASCII case (`pg_strncasecmp`).
        func hasPrefix(_ word: String, at: Int) -> Bool {
            var k = at
            for w in word.utf8 {
                let c = bytes[k]
                guard c != 0, (c >= 0x41 && c <= 0x5A ? c | 0x20 : c) == w else { return false }
                k += 1
            }
            return true
        }

        /// `pair_decode`: `x,y` or `(x,y)` (then white space); with `endOfText` nothing may follow.
        mutating func pair(endOfText: Bool) throws(ValueError) -> [Double] {
            skipSpace()
            let delimited = current == UInt8(ascii: "(")
            if delimited { i += 1 }
            let x = try number()
            guard current == UInt8(ascii: ",") else { throw syntax }
            i += 1
            let y = try number()
            if delimited {
                guard current == UInt8(ascii: ")") else { throw syntax }
                i += 1
                skipSpace()
            }
            if endOfText && current != 0 { throw syntax }
            return [x, y]
        }

        /// `path_decode` for `count` points: an opening `[` (when `openAllowed`) or a `(` that
        /// encloses the points (a second `(` follows, or it is the text's last `(`), each point
        /// then an optional comma, the closing brackets, and nothing after.
        mutating func points(_ count: Int, openAllowed: Bool) throws(ValueError) -> [Double] {
            skipSpace()
            var depth = 0
            let isOpen = current == UInt8(ascii: "[")
            if isOpen {
                guard openAllowed else { throw syntax }
                depth += 1
                i += 1
            } else if current == UInt8(ascii: "(") {
                var k = i + 1
                while InputText.isSpace(bytes[k]) { k += 1 }
                if bytes[k] == UInt8(ascii: "(") || bytes.lastIndex(of: UInt8(ascii: "(")) == i {
                    depth += 1
                    i = k
                }
            }
            var numbers: [Double] = []
            for _ in 0..<count {
                numbers += try pair(endOfText: false)
                if current == UInt8(ascii: ",") { i += 1 }
            }
            while depth > 0 {
                guard current == UInt8(ascii: ")") || (current == UInt8(ascii: "]") && isOpen && depth == 1) else { throw syntax }
                depth -= 1
                i += 1
                skipSpace()
            }
            guard current == 0 else { throw syntax }
            return numbers
        }

        /// `line_in`: `{A,B,C}`, or two points through `line_construct`.
        mutating func line() throws(ValueError) -> [Double] {
            skipSpace()
            if current == UInt8(ascii: "{") {
                i += 1
                var abc: [Double] = []
                for close in [UInt8(ascii: ","), UInt8(ascii: ","), UInt8(ascii: "}")] {
                    abc.append(try number())
                    guard current == close else { throw syntax }
                    i += 1
                }
                skipSpace()
                guard current == 0 else { throw syntax }
                if abs(abc[0]) <= Self.epsilon && abs(abc[1]) <= Self.epsilon {
                    throw .refused(message: "invalid line specification: A and B cannot both be zero", sqlState: "22P02")
                }
                return abc
            }
            let p = try points(2, openAllowed: true)
            if Self.samePoint(p) {
                throw .refused(message: "invalid line specification: must be two distinct points", sqlState: "22P02")
            }
            return try Self.lineThrough(x: p[0], y: p[1], slope: Self.slope(p))
        }

        /// `circle_in`: `<(x,y),r>`, `((x,y),r)`, `(x,y),r`, `x,y,r`; a radius below zero refused.
        mutating func circle() throws(ValueError) -> [Double] {
            skipSpace()
            var depth = 0
            if current == UInt8(ascii: "<") {
                depth += 1
                i += 1
            } else if current == UInt8(ascii: "(") {
                var k = i + 1
                while InputText.isSpace(bytes[k]) { k += 1 }
                if bytes[k] == UInt8(ascii: "(") {
                    depth += 1
                    i = k
                }
            }
            let center = try pair(endOfText: false)
            if current == UInt8(ascii: ",") { i += 1 }
            let radius = try number()
            if radius < 0 { throw syntax }
            while depth > 0 {
                guard current == UInt8(ascii: ")") || (current == UInt8(ascii: ">") && depth == 1) else { throw syntax }
                depth -= 1
                i += 1
                skipSpace()
            }
            guard current == 0 else { throw syntax }
            return center + [radius]
        }

        /// geo_decls.h `EPSILON`: how near two coordinates count as equal (`FPeq`, `FPzero`).
        static let epsilon = 1.0e-06

        static func fpEqual(_ a: Double, _ b: Double) -> Bool { a == b || abs(a - b) <= epsilon }

        /// `point_eq_point`: within `EPSILON`, or exactly equal (NaN equal to NaN) when a NaN is involved.
        static func samePoint(_ p: [Double]) -> Bool {
            if p.contains(where: \.isNaN) {
                func eq(_ a: Double, _ b: Double) -> Bool { a.isNaN ? b.isNaN : a == b }
                return eq(p[0], p[2]) && eq(p[1], p[3])
            }
            return fpEqual(p[0], p[2]) && fpEqual(p[1], p[3])
        }

        /// `point_sl`: infinity for a vertical pair, 0 for a horizontal one, else Δy/Δx with
        /// `float8_mi`'s and `float8_div`'s overflow and underflow refusals.
        static func slope(_ p: [Double]) throws(ValueError) -> Double {
            if fpEqual(p[0], p[2]) { return .infinity }
            if fpEqual(p[1], p[3]) { return 0 }
            return try divide(subtract(p[1], p[3]), subtract(p[0], p[2]))
        }

        /// `line_construct`: `x = C` for an infinite slope (either sign: Δy overflowing counts),
        /// `y = C` for 0, else `mx − y + c = 0`.
        static func lineThrough(x: Double, y: Double, slope m: Double) throws(ValueError) -> [Double] {
            if m.isInfinite { return [-1, 0, x] }
            if m == 0 { return [0, -1, y] }
            let c = try subtract(y, multiply(m, x))
            return [m, -1, c == 0 ? 0 : c]
        }

        static let overflow = ValueError.refused(message: "value out of range: overflow", sqlState: "22003")
        static let underflow = ValueError.refused(message: "value out of range: underflow", sqlState: "22003")

        static func subtract(_ a: Double, _ b: Double) throws(ValueError) -> Double {
            let r = a - b
            if r.isInfinite && !a.isInfinite && !b.isInfinite { throw overflow }
            return r
        }

        static func multiply(_ a: Double, _ b: Double) throws(ValueError) -> Double {
            let r = a * b
            if r.isInfinite && !a.isInfinite && !b.isInfinite { throw overflow }
            if r == 0 && a != 0 && b != 0 { throw underflow }
            return r
        }

        static func divide(_ a: Double, _ b: Double) throws(ValueError) -> Double {
            if b == 0 { throw .refused(message: "division by zero", sqlState: "22012") }
            let r = a / b
            if r.isInfinite && !a.isInfinite { throw overflow }
            if r == 0 && a != 0 && !b.isInfinite { throw underflow }
            return r
        }
    }
}
