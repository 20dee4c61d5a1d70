/// A small model of Haskell's Parsec 3, enough to report a query-string parse error exactly as
/// PostgREST 12 does (its `QueryParams` parsers are Parsec's): the same position — the furthest
/// an alternative got, with `try` and labels as Parsec treats them — and the same message text
/// (`showErrorMessages "or" "unknown parse error" "expecting" "unexpected" "end of input"`).
/// Only what the grammar in ``PostgRESTGrammar`` uses is modelled.
enum Parsec {
    /// One message of an error; Parsec orders them by kind (`SysUnExpect` < `UnExpect` <
    /// `Expect` < `Message`), keeping their order within a kind.
    enum Message: Equatable {
        case sysUnExpect(String)
        case unExpect(String)
        case expect(String)
        case message(String)

        var kind: Int {
            switch self {
            case .sysUnExpect: return 0
            case .unExpect: return 1
            case .expect: return 2
            case .message: return 3
            }
        }

        var text: String {
            switch self {
            case .sysUnExpect(let s), .unExpect(let s), .expect(let s), .message(let s): return s
            }
        }
    }

    /// A parse error: the input index it is at and its messages.
    struct Failure {
        var index: Int
        var messages: [Message]

        static func unknown(_ index: Int) -> Failure { Failure(index: index, messages: []) }

        /// `mergeError`: a meaningful error over an empty one, else the one further on, both
        /// when they are at the same place.
        func merged(_ other: Failure) -> Failure {
            if other.messages.isEmpty && !messages.isEmpty { return self }
            if messages.isEmpty && !other.messages.isEmpty { return other }
            if index == other.index { return Failure(index: index, messages: messages + other.messages) }
            return index > other.index ? self : other
        }

        /// `setExpectErrors err [label]`.
        func expecting(_ label: String) -> Failure {
            Failure(index: index, messages: [.expect(label)] + messages.filter { if case .expect = $0 { return false }; return true })
        }

        /// `showErrorMessages` with PostgREST's words, its lines joined by spaces and trimmed.
        var details: String {
            let sorted = messages.enumerated().sorted { a, b in
                a.element.kind != b.element.kind ? a.element.kind < b.element.kind : a.offset < b.offset
            }.map(\.element)
            guard !sorted.isEmpty else { return "unknown parse error" }
            let sys = sorted.filter { $0.kind == 0 }, un = sorted.filter { $0.kind == 1 }
            let ex = sorted.filter { $0.kind == 2 }, other = sorted.filter { $0.kind == 3 }
            func clean(_ m: [Message]) -> [String] {
                var seen: [String] = []
                for s in m.map(\.text) where !s.isEmpty && !seen.contains(s) { seen.append(s) }
                return seen
            }
            func commasOr(_ ms: [String]) -> String {
                guard ms.count > 1 else { return ms.first ?? "" }
                return ms.dropLast().joined(separator: ", ") + " or " + ms[ms.count - 1]
            }
            func many(_ pre: String, _ m: [Message]) -> String {
                let ms = clean(m)
                guard !ms.isEmpty else { return "" }
                return pre.isEmpty ? commasOr(ms) : pre + " " + commasOr(ms)
            }
            var lines: [String] = []
            if un.isEmpty, let first = sys.first {
                lines.append("unexpected " + (first.text.isEmpty ? "end of input" : first.text))
            }
            lines.append(many("unexpected", un))
            lines.append(many("expecting", ex))
            lines.append(many("", other))
            return lines.filter { !$0.isEmpty }.joined(separator: " ").trimmingCharacters(in: .whitespaces)
        }
    }

    /// A parser's answer: a value or an error, and whether it consumed input.
    enum Reply<T> {
        case ok(T, consumed: Bool, next: Int, error: Failure)
        case failed(consumed: Bool, error: Failure)
    }

    /// A parser over the input's Unicode scalars (Haskell's `Char`s).
    struct Parser<T> {
        let run: (_ input: [Unicode.Scalar], _ at: Int) -> Reply<T>

        /// `>>=`, merging errors as Parsec's `parserBind` does.
        func then<U>(_ next: @escaping (T) -> Parser<U>) -> Parser<U> {
            Parser<U> { input, at in
                switch self.run(input, at) {
                case .failed(let c, let e): return .failed(consumed: c, error: e)
                case .ok(let x, let c1, let i, let e1):
                    switch next(x).run(input, i) {
                    case .ok(let y, let c2, let j, let e2): return .ok(y, consumed: c1 || c2, next: j, error: c2 ? e2 : e1.merged(e2))
                    case .failed(let c2, let e2): return .failed(consumed: c1 || c2, error: c2 ? e2 : e1.merged(e2))
                    }
                }
            }
        }

        /// `*>`.
        func then<U>(_ next: Parser<U>) -> Parser<U> { then { _ in next } }

        /// `<*`.
        func before<U>(_ next: Parser<U>) -> Parser<T> { then { x in next.map { _ in x } } }

        func map<U>(_ f: @escaping (T) -> U) -> Parser<U> {
            Parser<U> { input, at in
                switch self.run(input, at) {
                case .ok(let x, let c, let i, let e): return .ok(f(x), consumed: c, next: i, error: e)
                case .failed(let c, let e): return .failed(consumed: c, error: e)
                }
            }
        }

        /// `<|>`: the other parser only when this one failed without consuming.
        func or(_ other: Parser<T>) -> Parser<T> {
            Parser { input, at in
                switch self.run(input, at) {
                case .failed(false, let e1):
                    switch other.run(input, at) {
                    case .ok(let y, false, let j, let e2): return .ok(y, consumed: false, next: j, error: e1.merged(e2))
                    case .failed(false, let e2): return .failed(consumed: false, error: e1.merged(e2))
                    case let reply: return reply
                    }
                case let reply: return reply
                }
            }
        }

        /// `try`.
        var attempt: Parser<T> {
            Parser { input, at in
                let reply = self.run(input, at)
                if case .failed(true, let e) = reply { return .failed(consumed: false, error: e) }
                return reply
            }
        }

        /// `<?>`.
        func label(_ name: String) -> Parser<T> {
            Parser { input, at in
                switch self.run(input, at) {
                case .ok(let x, false, let i, let e): return .ok(x, consumed: false, next: i, error: e.messages.isEmpty ? e : e.expecting(name))
                case .failed(false, let e): return .failed(consumed: false, error: e.expecting(name))
                case let reply: return reply
                }
            }
        }

        /// `many`.
        var many: Parser<[T]> {
            Parser<[T]> { input, at in
                var items: [T] = [], i = at, consumed = false
                while true {
                    switch self.run(input, i) {
                    case .ok(let x, let c, let j, _):
                        // A parser that succeeds without consuming would loop (Parsec raises); stop.
                        guard c else { return .ok(items + [x], consumed: consumed, next: j, error: .unknown(j)) }
                        items.append(x); i = j; consumed = true
                    case .failed(true, let e): return .failed(consumed: true, error: e)
                    case .failed(false, let e): return .ok(items, consumed: consumed, next: i, error: e)
                    }
                }
            }
        }

        /// `many1`.
        var many1: Parser<[T]> { then { x in self.many.map { [x] + $0 } } }

        /// `optionMaybe`.
        var optional: Parser<T?> { map { Optional($0) }.or(.pure(nil)) }

        /// `p `sepBy1` sep`.
        func separated<S>(by separator: Parser<S>) -> Parser<[T]> {
            then { x in separator.then(self).many.map { [x] + $0 } }
        }

        /// `lookAhead`.
        var lookAhead: Parser<T> {
            Parser { input, at in
                switch self.run(input, at) {
                case .ok(let x, _, _, _): return .ok(x, consumed: false, next: at, error: .unknown(at))
                case let reply: return reply
                }
            }
        }

        static func pure(_ x: T) -> Parser<T> { Parser { _, at in .ok(x, consumed: false, next: at, error: .unknown(at)) } }

        /// `mzero` (a failed `guard`): an error with no message.
        static var zero: Parser<T> { Parser { _, at in .failed(consumed: false, error: .unknown(at)) } }

        /// `parserFail`.
        static func fail(_ message: String) -> Parser<T> { Parser { _, at in .failed(consumed: false, error: Failure(index: at, messages: [.message(message)])) } }
    }

    /// `satisfy`.
    static func satisfy(_ test: @escaping (Unicode.Scalar) -> Bool) -> Parser<Unicode.Scalar> {
        Parser { input, at in
            guard at < input.count else { return .failed(consumed: false, error: Failure(index: at, messages: [.sysUnExpect("")])) }
            let c = input[at]
            guard test(c) else { return .failed(consumed: false, error: Failure(index: at, messages: [.sysUnExpect(showString([c]))])) }
            return .ok(c, consumed: true, next: at + 1, error: .unknown(at + 1))
        }
    }

    /// `char c`.
    static func char(_ c: Unicode.Scalar) -> Parser<Unicode.Scalar> { satisfy { $0 == c }.label(showString([c])) }

    static func noneOf(_ set: String) -> Parser<Unicode.Scalar> { satisfy { !set.unicodeScalars.contains($0) } }
    static func oneOf(_ set: String) -> Parser<Unicode.Scalar> { satisfy { set.unicodeScalars.contains($0) } }
    static var anyChar: Parser<Unicode.Scalar> { satisfy { _ in true } }
    /// `letter` (`isAlpha`) and `digit`.
    static var letter: Parser<Unicode.Scalar> { satisfy { $0.properties.isAlphabetic }.label("letter") }
    static var digit: Parser<Unicode.Scalar> { satisfy { $0.value >= 0x30 && $0.value <= 0x39 }.label("digit") }

    /// `string s` (Parsec's `tokens`): an error is at where the string began, and consumed once
    /// a first character matched.
    static func string(_ s: String) -> Parser<String> {
        let wanted = Array(s.unicodeScalars)
        return Parser { input, at in
            for (k, w) in wanted.enumerated() {
                let i = at + k
                guard i < input.count, input[i] == w else {
                    let error = Failure(index: at, messages: [.expect(showString(wanted)), .sysUnExpect(i < input.count ? showString([input[i]]) : "")])
                    return .failed(consumed: k > 0, error: error)
                }
            }
            return .ok(s, consumed: !wanted.isEmpty, next: at + wanted.count, error: .unknown(at + wanted.count))
        }
    }

    /// `eof` (`notFollowedBy anyToken <?> "end of input"`).
    static var eof: Parser<Void> {
        Parser { input, at in
            guard at < input.count else { return .ok((), consumed: false, next: at, error: Failure(index: at, messages: [.expect("end of input"), .sysUnExpect("")])) }
            return .failed(consumed: false, error: Failure(index: at, messages: [.expect("end of input"), .unExpect(showChar(input[at]))]))
        }
    }

    /// `notFollowedBy p` for a one-character `p`: `unexpected` after the character, else
    /// success carrying `p`'s error.
    static func notFollowedBy(_ p: Parser<Unicode.Scalar>) -> Parser<Void> {
        Parser { input, at in
            switch p.run(input, at) {
            case .ok(let c, _, let next, _): return .failed(consumed: false, error: Failure(index: next, messages: [.unExpect(showChar(c))]))
            case .failed(_, let e): return .ok((), consumed: false, next: at, error: e)
            }
        }
    }

    /// Haskell's `show` of a `String`.
    static func showString(_ s: [Unicode.Scalar]) -> String {
        "\"" + s.map { c in c == "\"" ? "\\\"" : c == "'" ? "'" : escaped(c) }.joined() + "\""
    }

    /// Haskell's `show` of a `Char`.
    static func showChar(_ c: Unicode.Scalar) -> String {
        "'" + (c == "'" ? "\\'" : c == "\"" ? "\"" : escaped(c)) + "'"
    }

    /// `showLitChar`.
    private static func escaped(_ c: Unicode.Scalar) -> String {
        let names = ["NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "a", "b", "t", "n", "v", "f", "r", "SO", "SI", "DLE", "DC1", "DC2",
                     "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB", "ESC", "FS", "GS", "RS", "US"]
        switch c.value {
        case 0x5C: return "\\\\"
        case 0x7F: return "\\DEL"
        case 0..<0x20: return "\\" + names[Int(c.value)]
        case 0x20..<0x7F: return String(Character(c))
        default: return "\\" + String(c.value)
        }
    }

    /// Parsec's `SourcePos` of input index `index`: tabs to the next multiple of 8 plus one,
    /// a newline to the next line.
    static func position(of index: Int, in input: [Unicode.Scalar]) -> (line: Int, column: Int) {
        var line = 1, column = 1
        for c in input.prefix(index) {
            switch c {
            case "\n": line += 1; column = 1
            case "\t": column += 8 - ((column - 1) % 8)
            default: column += 1
            }
        }
        return (line, column)
    }

    /// `P.parse p name text`: nil when it parses, else PostgREST's PGRST100 for the error
    /// (`mapError`: the message the source name and position, the details the messages).
    static func error<T>(_ p: Parser<T>, name: String, text: String) -> RestError? {
        let input = Array(text.unicodeScalars)
        guard case .failed(_, let e) = p.run(input, 0) else { return nil }
        let (line, column) = position(of: e.index, in: input)
        return RestError.badQuery("\"\(name)\" (line \(line), column \(column))", details: e.details)
    }
}
