/// Why PostgreSQL 15's `json_in` or `jsonb_in` refuses a text: the error's DETAIL line (`Token
/// "p" is invalid.`, `Expected ":", but found "1".`) and CONTEXT line (`JSON data, line 1: {"a"
/// 1`), as the server's JSON lexer and recursive-descent parser (src/common/jsonapi.c) and its
/// `report_json_context` (jsonfuncs.c) give them.
///
/// ``JSONCanonicalizer`` decides whether a text is JSON on the hot path and says only yes or no;
/// this reads a text already known to be bad a second time, token by token as the server does,
/// to say where and why. `unescaping` is jsonb's reading (the server de-escapes strings there, so
/// lone surrogates and `\u0000` are refused); json only checks that an escape is well formed.
public struct JSONRefusal: Sendable, Hashable {
    /// The DETAIL line, or nil when the text reads as JSON here although the caller refused it
    /// (a number jsonb cannot hold, say).
    public let detail: String?
    /// The CONTEXT line (`JSON data, line N: …`), when ``detail`` is known.
    public let context: String?
    /// `unsupported Unicode escape sequence` (SQLSTATE 22P05, a `\u0000` in jsonb), not `invalid
    /// input syntax for type json` (22P02).
    public let isUnsupportedEscape: Bool

    public init(detail: String?, context: String?, isUnsupportedEscape: Bool) {
        self.detail = detail
        self.context = context
        self.isUnsupportedEscape = isUnsupportedEscape
    }

    /// The error's message: what the server says before the DETAIL line.
    public var message: String {
        isUnsupportedEscape ? "unsupported Unicode escape sequence" : "invalid input syntax for type json"
    }

    /// The first error the server meets in `text`, or nil when it reads as JSON.
    public static func find(in text: String, unescaping: Bool) -> JSONRefusal? {
        var lexer = Lexer(input: Array(text.utf8), unescaping: unescaping)
        do {
            try lexer.parseDocument()
            return nil
        } catch .nestingTooDeep {
            return nil
        } catch {
            return JSONRefusal(detail: lexer.detail(for: error), context: lexer.context(),
                               isUnsupportedEscape: error == .codePointZero)
        }
    }

    /// jsonapi.c's JsonParseErrorType, the ones `json_in` and `jsonb_in` can meet.
    enum Failure: Error, Equatable {
        case invalidToken, escapingInvalid, escapingRequired, expectedEnd, expectedArrayNext,
             expectedColon, expectedJSON, expectedMore, expectedObjectFirst, expectedObjectNext,
             expectedString, codePointZero, unicodeEscapeFormat, highSurrogate, lowSurrogate,
             /// Deeper than ``Lexer/depthLimit``: no detail is given.
             nestingTooDeep
    }

    enum Token: Equatable {
        case objectStart, objectEnd, arrayStart, arrayEnd, comma, colon, string, number, literal, end
    }

    /// What the parser expected when a token did not fit (jsonapi.c's JsonParseContext).
    enum Expectation { case value, string, arrayNext, objectStart, objectLabel, objectNext, end }

    struct Lexer {
        let input: [UInt8]
        let unescaping: Bool
        /// The current token: its first byte (nil at the end of input) and one past its last.
        var tokenStart: Int? = 0
        var tokenEnd = 0
        /// The last token read whole; nil before the first (the server's JSON_TOKEN_INVALID).
        var token: Token?
        var line = 1
        var lineStart = 0

        init(input: [UInt8], unescaping: Bool) {
            self.input = input
            self.unescaping = unescaping
        }

        // MARK: parser (pg_parse_json and its parse_* routines)

        /// How deep arrays and objects nest before the reading gives up without a detail (as
        /// ``JSONCanonicalizer/depthLimit``; the server stops at its stack depth limit).
        static let depthLimit = JSONCanonicalizer.depthLimit

        /// The recursive descent of jsonapi.c (a value; an object's fields; an array's elements;
        /// then the end of input), with the open containers on a stack of its own so no nesting
        /// deepens the thread's.
        mutating func parseDocument() throws(Failure) {
            enum Container { case array, object }
            var open: [Container] = []
            try lex()
            value: while true {
                // A value is expected.
                switch token {
                case .objectStart:
                    guard open.count < Self.depthLimit else { throw .nestingTooDeep }
                    try lex()
                    if token == .objectEnd {
                        try lex()
                    } else {
                        guard token == .string else { throw refusal(.objectStart) }
                        open.append(.object)
                        try lex()
                        try expect(.colon, else: .objectLabel)
                        continue value
                    }
                case .arrayStart:
                    guard open.count < Self.depthLimit else { throw .nestingTooDeep }
                    try lex()
                    if token == .arrayEnd {
                        try lex()
                    } else {
                        open.append(.array)
                        continue value
                    }
                case .string, .number, .literal:
                    try lex()
                default:
                    throw refusal(.value)
                }
                // A value ended: the next element or field, or the end of its container.
                while let container = open.last {
                    if token == .comma {
                        try lex()
                        if container == .object {
                            guard token == .string else { throw refusal(.string) }
                            try lex()
                            try expect(.colon, else: .objectLabel)
                        }
                        continue value
                    }
                    try expect(container == .array ? .arrayEnd : .objectEnd, else: container == .array ? .arrayNext : .objectNext)
                    open.removeLast()
                }
                if token != .end { throw refusal(.end) }
                return
            }
        }

        private mutating func expect(_ wanted: Token, else expectation: Expectation) throws(Failure) {
            guard token == wanted else { throw refusal(expectation) }
            try lex()
        }

        /// report_parse_error: the input ended, or the token is not what `expectation` allows.
        private func refusal(_ expectation: Expectation) -> Failure {
            if tokenStart == nil || token == .end { return .expectedMore }
            switch expectation {
            case .end: return .expectedEnd
            case .value: return .expectedJSON
            case .string: return .expectedString
            case .arrayNext: return .expectedArrayNext
            case .objectStart: return .expectedObjectFirst
            case .objectLabel: return .expectedColon
            case .objectNext: return .expectedObjectNext
            }
        }

        // MARK: lexer (json_lex, json_lex_string, json_lex_number)

        /// Letters, digits, `_` and any byte of a multibyte character: what a bad word runs over.
        private static func isWordByte(_ b: UInt8) -> Bool {
            (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == 0x5F || b >= 0x80
        }

        private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

        mutating func lex() throws(Failure) {
            var s = tokenEnd
            while s < input.count, input[s] == 0x20 || input[s] == 0x09 || input[s] == 0x0A || input[s] == 0x0D {
                if input[s] == 0x0A {
                    line += 1
                    lineStart = s + 1
                }
                s += 1
            }
            tokenStart = s
            guard s < input.count else {
                tokenStart = nil
                tokenEnd = s
                token = .end
                return
            }
            let punctuation: Token?
            switch input[s] {
            case 0x7B: punctuation = .objectStart
            case 0x7D: punctuation = .objectEnd
            case 0x5B: punctuation = .arrayStart
            case 0x5D: punctuation = .arrayEnd
            case 0x2C: punctuation = .comma
            case 0x3A: punctuation = .colon
            default: punctuation = nil
            }
            if let punctuation {
                tokenEnd = s + 1
                token = punctuation
                return
            }
            switch input[s] {
            case 0x22:
                try lexString(from: s)
                token = .string
            case 0x2D:
                try lexNumber(digitsFrom: s + 1)
                token = .number
            case 0x30...0x39:
                try lexNumber(digitsFrom: s)
                token = .number
            default:
                var p = s
                while p < input.count, Self.isWordByte(input[p]) { p += 1 }
                if p == s {
                    tokenEnd = s + 1
                    throw .invalidToken
                }
                tokenEnd = p
                let word = input[s..<p]
                guard word.elementsEqual("true".utf8) || word.elementsEqual("false".utf8) || word.elementsEqual("null".utf8) else {
                    throw .invalidToken
                }
                token = .literal
            }
        }

        /// Bytes of the UTF-8 character starting at `s` (pg_utf_mblen), kept inside the input.
        private func characterEnd(at s: Int) -> Int {
            min(s + InputText.characterLength(lead: input[s]), input.count)
        }

        private mutating func lexString(from start: Int) throws(Failure) {
            var s = start
            var highSurrogate: Int?
            while true {
                s += 1
                guard s < input.count else {
                    tokenEnd = s
                    throw .invalidToken
                }
                let c = input[s]
                if c == 0x22 { break }
                if c < 0x20 {
                    // The character is not printable: the context stops before it.
                    tokenEnd = s
                    throw .escapingRequired
                }
                if c != 0x5C {
                    if unescaping, highSurrogate != nil { throw stop(at: s, .lowSurrogate) }
                    continue
                }
                s += 1
                guard s < input.count else {
                    tokenEnd = s
                    throw .invalidToken
                }
                if input[s] == 0x75 {
                    var code = 0
                    for _ in 0..<4 {
                        s += 1
                        guard s < input.count else {
                            tokenEnd = s
                            throw .invalidToken
                        }
                        guard let digit = ASCIIHex.value(input[s]) else {
                            tokenEnd = characterEnd(at: s)
                            throw .unicodeEscapeFormat
                        }
                        code = code * 16 + Int(digit)
                    }
                    guard unescaping else { continue }
                    // These stop at the escape's last digit.
                    if (0xD800...0xDBFF).contains(code) {
                        if highSurrogate != nil { throw stop(at: s, .highSurrogate) }
                        highSurrogate = code
                        continue
                    }
                    if (0xDC00...0xDFFF).contains(code) {
                        if highSurrogate == nil { throw stop(at: s, .lowSurrogate) }
                        highSurrogate = nil
                        continue
                    }
                    if highSurrogate != nil { throw stop(at: s, .lowSurrogate) }
                    if code == 0 { throw stop(at: s, .codePointZero) }
                } else {
                    if unescaping, highSurrogate != nil { throw stop(at: s, .lowSurrogate) }
                    guard "\"\\/bfnrt".utf8.contains(input[s]) else {
                        tokenStart = s
                        tokenEnd = characterEnd(at: s)
                        throw .escapingInvalid
                    }
                }
            }
            tokenEnd = s + 1
            if unescaping, highSurrogate != nil { throw .lowSurrogate }
        }

        /// `failure`, the token ending with the character at `s`.
        private mutating func stop(at s: Int, _ failure: Failure) -> Failure {
            tokenEnd = characterEnd(at: s)
            return failure
        }

        /// A number from its first digit (after any `-`): one `0` or digits not starting with 0,
        /// an optional fraction and exponent, each with at least one digit; word bytes after it
        /// belong to the (bad) token.
        private mutating func lexNumber(digitsFrom start: Int) throws(Failure) {
            var s = start, bad = false
            let n = input.count
            if s < n, input[s] == 0x30 {
                s += 1
            } else if s < n, input[s] >= 0x31 && input[s] <= 0x39 {
                while s < n, Self.isDigit(input[s]) { s += 1 }
            } else {
                bad = true
            }
            if s < n, input[s] == 0x2E {
                s += 1
                if s == n || !Self.isDigit(input[s]) { bad = true } else { while s < n, Self.isDigit(input[s]) { s += 1 } }
            }
            if s < n, input[s] == 0x65 || input[s] == 0x45 {
                s += 1
                if s < n, input[s] == 0x2B || input[s] == 0x2D { s += 1 }
                if s == n || !Self.isDigit(input[s]) { bad = true } else { while s < n, Self.isDigit(input[s]) { s += 1 } }
            }
            while s < n, Self.isWordByte(input[s]) {
                bad = true
                s += 1
            }
            tokenEnd = s
            if bad { throw .invalidToken }
        }

        // MARK: messages (json_errdetail, report_json_context)

        private var tokenText: String {
            let start = min(tokenStart ?? tokenEnd, tokenEnd)
            return String(decoding: input[start..<tokenEnd], as: UTF8.self)
        }

        func detail(for failure: Failure) -> String {
            switch failure {
            case .invalidToken: return "Token \"\(tokenText)\" is invalid."
            case .escapingInvalid: return "Escape sequence \"\\\(tokenText)\" is invalid."
            case .escapingRequired:
                let byte = tokenEnd < input.count ? input[tokenEnd] : 0
                let hex = String(byte, radix: 16)
                return "Character with value 0x\(hex.count < 2 ? "0" + hex : hex) must be escaped."
            case .expectedEnd: return "Expected end of input, but found \"\(tokenText)\"."
            case .expectedArrayNext: return "Expected \",\" or \"]\", but found \"\(tokenText)\"."
            case .expectedColon: return "Expected \":\", but found \"\(tokenText)\"."
            case .expectedJSON: return "Expected JSON value, but found \"\(tokenText)\"."
            case .expectedMore: return "The input string ended unexpectedly."
            case .expectedObjectFirst: return "Expected string or \"}\", but found \"\(tokenText)\"."
            case .expectedObjectNext: return "Expected \",\" or \"}\", but found \"\(tokenText)\"."
            case .expectedString: return "Expected string, but found \"\(tokenText)\"."
            case .codePointZero: return "\\u0000 cannot be converted to text."
            case .unicodeEscapeFormat: return "\"\\u\" must be followed by four hexadecimal digits."
            case .highSurrogate: return "Unicode high surrogate must not follow a high surrogate."
            case .lowSurrogate: return "Unicode low surrogate must follow a high surrogate."
            case .nestingTooDeep: return "nested too deep"
            }
        }

        /// The line up to the end of the bad token, its last 50 bytes or so (whole characters;
        /// the whole line when that cuts three bytes or fewer), with `...` where it is cut.
        func context() -> String {
            let end = max(tokenEnd, lineStart)
            var start = lineStart
            while end - start >= 50 { start = characterEnd(at: start) }
            if start - lineStart <= 3 { start = lineStart }
            let prefix = start > lineStart ? "..." : ""
            let more = token != .end && end < input.count && input[end] != 0x0A && input[end] != 0x0D
            return "JSON data, line \(line): " + prefix + String(decoding: input[min(start, end)..<end], as: UTF8.self) + (more ? "..." : "")
        }
    }
}
