/// An array value's text read as PostgreSQL 15's `array_in` reads it: optional dimension
/// decoration (`[0:2]={…}`), then braces nesting up to six levels, elements separated by commas,
/// double quotes and backslashes quoting, whitespace around unquoted elements dropped, and an
/// unquoted, unescaped `NULL` (any case) for NULL. Every sub-array of a level must have the same
/// length. What it refuses it refuses with the server's words: `malformed array literal: "…"` and
/// the detail `ArrayCount` gives (`Unexpected end of input.`, `Unexpected "," character.`, …).
///
/// The elements come out as text for the element type's own input function to read.
public struct PGArrayLiteral: Sendable, Equatable {
    /// Elements in storage order (row-major); nil for NULL.
    public var elements: [String?]
    /// Each dimension's length, outermost first; empty for an empty array.
    public var lengths: [Int]

    /// Why a text is not an array literal: the server's message and detail.
    public struct Refusal: Error, Sendable, Equatable {
        public var message: String
        public var detail: String?
        /// invalid_text_representation, or program_limit_exceeded (dimensions), array_subscript_error
        /// (bounds), numeric_value_out_of_range (a bound past int4).
        public var sqlState = "22P02"
        /// For `malformed array literal`, the text the message quotes.
        public var quoted: String?
    }

    /// PostgreSQL's `MAXDIM`.
    public static let maximumDimensions = 6

    /// Reads `text`, or says why PostgreSQL would refuse it.
    public static func parse(_ text: String) -> Result<PGArrayLiteral, Refusal> {
        var reader = Reader(bytes: Array(text.utf8), text: text)
        do {
            return .success(try reader.read())
        } catch {
            return .failure(error)
        }
    }

    /// `array_isspace`: the C locale's white space.

    private struct Reader {
        let bytes: [UInt8]
        let text: String
        var i = 0

        /// `malformed array literal` quoting the text from byte `from` on: `array_in`'s own checks
        /// quote the whole input, `ArrayCount`'s the part from the first `{`.
        func malformed(_ detail: String, from: Int = 0) -> Refusal {
            let quoted = from == 0 ? text : String(decoding: bytes[from...], as: UTF8.self)
            return Refusal(message: "malformed array literal: \"\(quoted)\"", detail: detail, quoted: quoted)
        }

        func byte(_ k: Int) -> UInt8 { k < bytes.count ? bytes[k] : 0 }

        mutating func read() throws(Refusal) -> PGArrayLiteral {
            while Self.space(byte(i)) { i += 1 }
            var declared: [Int] = []
            while byte(i) == UInt8(ascii: "[") {
                i += 1
                guard declared.count < PGArrayLiteral.maximumDimensions else {
                    throw Refusal(message: "number of array dimensions (\(declared.count + 1)) exceeds the maximum allowed (\(PGArrayLiteral.maximumDimensions))", detail: nil, sqlState: "54000")
                }
                let first = try bound(missing: "\"[\" must introduce explicitly-specified array dimensions.")
                var lower = 1, upper = first
                if byte(i) == UInt8(ascii: ":") {
                    i += 1
                    lower = first
                    upper = try bound(missing: "Missing array dimension value.")
                }
                guard byte(i) == UInt8(ascii: "]") else { throw malformed("Missing \"]\" after array dimensions.") }
                i += 1
                guard upper >= lower else {
                    throw Refusal(message: "upper bound cannot be less than lower bound", detail: nil, sqlState: "2202E")
                }
                let (length, overflow) = (upper - lower).addingReportingOverflow(1)
                guard !overflow, length <= Int(Int32.max) else {
                    throw Refusal(message: "array size exceeds the maximum allowed (134217727)", detail: nil, sqlState: "54000")
                }
                declared.append(length)
            }
            if declared.isEmpty {
                guard byte(i) == UInt8(ascii: "{") else {
                    throw malformed("Array value must start with \"{\" or dimension information.")
                }
            } else {
                guard byte(i) == UInt8(ascii: "=") else { throw malformed("Missing \"=\" after array dimensions.") }
                i += 1
                while Self.space(byte(i)) { i += 1 }
                guard byte(i) == UInt8(ascii: "{") else { throw malformed("Array contents must start with \"{\".") }
            }
            let start = i
            let counted = try count()
            if !declared.isEmpty, declared != counted {
                throw malformed("Specified array dimensions do not match array contents.")
            }
            i = start
            let elements = try elementsOf(counted)
            return PGArrayLiteral(elements: elements, lengths: counted)
        }

        static func space(_ c: UInt8) -> Bool { InputText.isSpace(c) }

        /// A dimension bound: an optional sign and digits (`atoi` of them, as array_in reads it).
        mutating func bound(missing: String) throws(Refusal) -> Int {
            let start = i
            if byte(i) == UInt8(ascii: "-") || byte(i) == UInt8(ascii: "+") { i += 1 }
            let digitsStart = i
            while byte(i) >= 0x30 && byte(i) <= 0x39 { i += 1 }
            guard i > digitsStart else {
                i = start
                throw malformed(missing)
            }
            var value = 0
            for k in digitsStart..<i {
                let (m, o1) = value.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(Int(bytes[k] - 0x30))
                guard !o1, !o2, a <= Int(Int32.max) else {
                    throw Refusal(message: "value \"\(String(decoding: bytes[start..<i], as: UTF8.self))\" is out of range for type integer", detail: nil, sqlState: "22003")
                }
                value = a
            }
            return bytes[start] == UInt8(ascii: "-") ? -value : value
        }

        enum State: UInt8 {
            case noLevel, levelStarted, elementStarted, quotedStarted, quotedCompleted, elementDelimited, levelCompleted, levelDelimited

            /// Whether this is one of `states` (a set as bits: no array per character).
            func isOne(of states: UInt16) -> Bool { states & (1 << rawValue) != 0 }
            static func set(_ states: State...) -> UInt16 { states.reduce(0) { $0 | 1 << $1.rawValue } }
        }
        /// Where ArrayCount allows a backslash, a quote, `{`, `}` or `,`, and another character.
        static let afterBackslash = State.set(.levelStarted, .elementStarted, .quotedStarted, .elementDelimited)
        static let afterQuote = State.set(.levelStarted, .quotedStarted, .elementDelimited)
        static let afterOpen = State.set(.noLevel, .levelStarted, .levelDelimited)
        static let afterItem = State.set(.elementStarted, .quotedCompleted, .levelCompleted)
        static let beforeElement = State.set(.levelStarted, .elementStarted, .elementDelimited)
        static let nullWord = Array("null".utf8)

        /// `ArrayCount`: checks the braces, quotes and delimiters from the `{` at `i` and returns
        /// each dimension's length (empty for `{}`).
        mutating func count() throws(Refusal) -> [Int] {
            let origin = i
            var nest = 0, dimensions = 1
            var temp = [Int](repeating: 0, count: PGArrayLiteral.maximumDimensions)
            var elementsAt = [Int](repeating: 1, count: PGArrayLiteral.maximumDimensions)
            var lastElementsAt = [Int](repeating: 0, count: PGArrayLiteral.maximumDimensions)
            var inQuotes = false, empty = true, done = false
            var state = State.noLevel
            while !done {
                var itemDone = false
                while !itemDone {
                    if state == .elementStarted || state == .quotedStarted { empty = false }
                    let c = byte(i)
                    switch c {
                    case 0:
                        throw malformed("Unexpected end of input.", from: origin)
                    case UInt8(ascii: "\\"):
                        guard state.isOne(of: Self.afterBackslash) else {
                            throw malformed("Unexpected \"\\\" character.", from: origin)
                        }
                        if state != .quotedStarted { state = .elementStarted }
                        guard byte(i + 1) != 0 else { throw malformed("Unexpected end of input.", from: origin) }
                        i += 1
                    case UInt8(ascii: "\""):
                        guard state.isOne(of: Self.afterQuote) else {
                            throw malformed("Unexpected array element.", from: origin)
                        }
                        inQuotes.toggle()
                        state = inQuotes ? .quotedStarted : .quotedCompleted
                    case UInt8(ascii: "{") where !inQuotes:
                        guard state.isOne(of: Self.afterOpen) else {
                            throw malformed("Unexpected \"{\" character.", from: origin)
                        }
                        state = .levelStarted
                        guard nest < PGArrayLiteral.maximumDimensions else {
                            throw Refusal(message: "number of array dimensions (\(nest + 1)) exceeds the maximum allowed (\(PGArrayLiteral.maximumDimensions))", detail: nil, sqlState: "54000")
                        }
                        temp[nest] = 0
                        nest += 1
                        dimensions = max(dimensions, nest)
                    case UInt8(ascii: "}") where !inQuotes:
                        guard state.isOne(of: Self.afterItem)
                                || (nest == 1 && state == .levelStarted) else {
                            throw malformed("Unexpected \"}\" character.", from: origin)
                        }
                        state = .levelCompleted
                        guard nest > 0 else { throw malformed("Unmatched \"}\" character.", from: origin) }
                        nest -= 1
                        if lastElementsAt[nest] != 0 && elementsAt[nest] != lastElementsAt[nest] {
                            throw malformed("Multidimensional arrays must have sub-arrays with matching dimensions.", from: origin)
                        }
                        lastElementsAt[nest] = elementsAt[nest]
                        elementsAt[nest] = 1
                        if nest == 0 {
                            done = true
                            itemDone = true
                        } else {
                            temp[nest - 1] += 1
                        }
                    case UInt8(ascii: ",") where !inQuotes:
                        guard state.isOne(of: Self.afterItem) else {
                            throw malformed("Unexpected \",\" character.", from: origin)
                        }
                        state = state == .levelCompleted ? .levelDelimited : .elementDelimited
                        itemDone = true
                        elementsAt[nest - 1] += 1
                    default:
                        if !inQuotes && !Self.space(c) {
                            guard state.isOne(of: Self.beforeElement) else {
                                throw malformed("Unexpected array element.", from: origin)
                            }
                            state = .elementStarted
                        }
                    }
                    if !itemDone { i += 1 }
                }
                temp[dimensions - 1] += 1
                i += 1
            }
            while i < bytes.count {
                guard Self.space(bytes[i]) else { throw malformed("Junk after closing right brace.", from: origin) }
                i += 1
            }
            return empty ? [] : Array(temp[0..<dimensions])
        }

        /// `ReadArrayStr`: the elements, dequoted, of the literal `count()` accepted.
        mutating func elementsOf(_ lengths: [Int]) throws(Refusal) -> [String?] {
            guard !lengths.isEmpty else { return [] }
            var elements: [String?] = []
            var current: [UInt8] = []
            var quoted = false, inQuotes = false
            // Bytes up to here belong to the element even when they are spaces (escaped or quoted).
            var keepTo = 0
            var started = false
            func finish() {
                guard started else { return }
                let value = Array(current[0..<max(keepTo, trimmedEnd(current, from: keepTo))])
                // pg_strcasecmp(…, "NULL"): ASCII case only.
                let isNull = !quoted && value.count == 4 && zip(value, Self.nullWord).allSatisfy { $0 | 0x20 == $1 }
                elements.append(isNull ? nil : String(decoding: value, as: UTF8.self))
                current = []
                quoted = false
                keepTo = 0
                started = false
            }
            while i < bytes.count {
                let c = bytes[i]
                if inQuotes {
                    if c == UInt8(ascii: "\\") {
                        i += 1
                        current.append(byte(i))
                        keepTo = current.count
                    } else if c == UInt8(ascii: "\"") {
                        inQuotes = false
                    } else {
                        current.append(c)
                        keepTo = current.count
                    }
                    i += 1
                    continue
                }
                switch c {
                case UInt8(ascii: "{"):
                    break
                case UInt8(ascii: "}"), UInt8(ascii: ","):
                    finish()
                case UInt8(ascii: "\\"):
                    started = true
                    quoted = true
                    i += 1
                    current.append(byte(i))
                    keepTo = current.count
                case UInt8(ascii: "\""):
                    started = true
                    quoted = true
                    inQuotes = true
                default:
                    if Self.space(c) && !started { break } // leading white space
                    started = true
                    current.append(c)
                }
                i += 1
            }
            let expected = lengths.reduce(1, *)
            guard elements.count == expected else {
                throw malformed("Multidimensional arrays must have sub-arrays with matching dimensions.")
            }
            return elements
        }

        /// Where an unquoted element's trailing white space starts (not before `from`).
        func trimmedEnd(_ value: [UInt8], from: Int) -> Int {
            var end = value.count
            while end > from, Self.space(value[end - 1]) { end -= 1 }
            return end
        }
    }
}
