/// Splits SQL text into tokens: `--` and nested `/* */` comments, `'…'` strings with doubled
/// quotes, `E'…'` escapes, `$tag$…$tag$` dollar quoting, `"quoted"` identifiers (case kept) and
/// unquoted ones folded to lower case, numbers, and operators.
public struct SQLLexer {
    let bytes: [UInt8]
    let file: String

    public init(text: String, file: String) {
        bytes = Array(text.utf8)
        self.file = file
    }

    public func tokens() throws(SQLSyntaxError) -> [SQLToken] {
        var out: [SQLToken] = []
        var i = 0
        var line = 1
        var lineStart = 0
        func location(_ at: Int) -> SQLLocation { SQLLocation(file: file, line: line, column: at - lineStart + 1) }
        func advance(to j: Int) {
            while i < j {
                if bytes[i] == UInt8(ascii: "\n") { line += 1; lineStart = i + 1 }
                i += 1
            }
        }
        func isIdentStart(_ b: UInt8) -> Bool { (b >= 97 && b <= 122) || (b >= 65 && b <= 90) || b == 95 || b >= 128 }
        func isIdentPart(_ b: UInt8) -> Bool { isIdentStart(b) || (b >= 48 && b <= 57) || b == 36 }
        func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }

        while i < bytes.count {
            let b = bytes[i]
            if b == 32 || b == 9 || b == 13 || b == 10 || b == 12 { advance(to: i + 1); continue }
            let start = i
            let loc = location(i)
            if b == UInt8(ascii: "-"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "-") {
                var j = i
                while j < bytes.count && bytes[j] != 10 { j += 1 }
                advance(to: j)
                continue
            }
            if b == UInt8(ascii: "/"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "*") {
                var depth = 0
                var j = i
                repeat {
                    if j + 1 < bytes.count && bytes[j] == UInt8(ascii: "/") && bytes[j + 1] == UInt8(ascii: "*") { depth += 1; j += 2 }
                    else if j + 1 < bytes.count && bytes[j] == UInt8(ascii: "*") && bytes[j + 1] == UInt8(ascii: "/") { depth -= 1; j += 2 }
                    else { j += 1 }
                } while depth > 0 && j < bytes.count
                if depth > 0 { throw SQLSyntaxError(location: loc, message: "unterminated /* comment at or near \"/*\"") }
                advance(to: j)
                continue
            }
            if b == UInt8(ascii: "'") || ((b == UInt8(ascii: "E") || b == UInt8(ascii: "e")) && i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "'")) {
                let escapes = b != UInt8(ascii: "'")
                var j = escapes ? i + 2 : i + 1
                var value: [UInt8] = []
                var closed = false
                while j < bytes.count {
                    let c = bytes[j]
                    if c == UInt8(ascii: "'") {
                        if j + 1 < bytes.count && bytes[j + 1] == UInt8(ascii: "'") { value.append(c); j += 2; continue }
                        closed = true
                        j += 1
                        break
                    }
                    if escapes && c == UInt8(ascii: "\\") && j + 1 < bytes.count {
                        let n = bytes[j + 1]
                        switch n {
                        case UInt8(ascii: "n"): value.append(10)
                        case UInt8(ascii: "t"): value.append(9)
                        case UInt8(ascii: "r"): value.append(13)
                        default: value.append(n)
                        }
                        j += 2
                        continue
                    }
                    value.append(c)
                    j += 1
                }
                if !closed { throw SQLSyntaxError(location: loc, message: "unterminated quoted string at or near \"\(String(decoding: bytes[start..<min(bytes.count, start + 20)], as: UTF8.self))\"") }
                advance(to: j)
                out.append(SQLToken(kind: .string(String(decoding: value, as: UTF8.self)), location: loc, start: start, end: j))
                continue
            }
            if b == UInt8(ascii: "$") {
                // $tag$ … $tag$ (tag may be empty); a bare $1 is a parameter symbol.
                var j = i + 1
                while j < bytes.count && isIdentPart(bytes[j]) && bytes[j] != UInt8(ascii: "$") { j += 1 }
                if j < bytes.count && bytes[j] == UInt8(ascii: "$") && !(j > i + 1 && isDigit(bytes[i + 1])) {
                    let tag = Array(bytes[i...j])
                    var k = j + 1
                    var found = -1
                    while k + tag.count <= bytes.count {
                        if bytes[k] == UInt8(ascii: "$") && Array(bytes[k..<(k + tag.count)]) == tag { found = k; break }
                        k += 1
                    }
                    if found < 0 { throw SQLSyntaxError(location: loc, message: "unterminated dollar-quoted string at or near \"\(String(decoding: tag, as: UTF8.self))\"") }
                    let body = String(decoding: bytes[(j + 1)..<found], as: UTF8.self)
                    advance(to: found + tag.count)
                    out.append(SQLToken(kind: .string(body), location: loc, start: start, end: i))
                    continue
                }
            }
            if b == UInt8(ascii: "\"") {
                var j = i + 1
                var value: [UInt8] = []
                var closed = false
                while j < bytes.count {
                    if bytes[j] == UInt8(ascii: "\"") {
                        if j + 1 < bytes.count && bytes[j + 1] == UInt8(ascii: "\"") { value.append(34); j += 2; continue }
                        closed = true
                        j += 1
                        break
                    }
                    value.append(bytes[j])
                    j += 1
                }
                if !closed { throw SQLSyntaxError(location: loc, message: "unterminated quoted identifier at or near \"\(String(decoding: bytes[start..<min(bytes.count, start + 20)], as: UTF8.self))\"") }
                advance(to: j)
                out.append(SQLToken(kind: .identifier(String(decoding: value, as: UTF8.self), quoted: true), location: loc, start: start, end: j))
                continue
            }
            if isIdentStart(b) {
                var j = i
                while j < bytes.count && isIdentPart(bytes[j]) { j += 1 }
                let word = String(decoding: bytes[i..<j], as: UTF8.self).lowercased()
                advance(to: j)
                out.append(SQLToken(kind: .identifier(word, quoted: false), location: loc, start: start, end: j))
                continue
            }
            if isDigit(b) || (b == UInt8(ascii: ".") && i + 1 < bytes.count && isDigit(bytes[i + 1])) {
                var j = i
                while j < bytes.count && (isDigit(bytes[j]) || bytes[j] == UInt8(ascii: ".")) { j += 1 }
                if j < bytes.count && (bytes[j] == UInt8(ascii: "e") || bytes[j] == UInt8(ascii: "E")) {
                    var k = j + 1
                    if k < bytes.count && (bytes[k] == UInt8(ascii: "+") || bytes[k] == UInt8(ascii: "-")) { k += 1 }
                    if k < bytes.count && isDigit(bytes[k]) {
                        j = k
                        while j < bytes.count && isDigit(bytes[j]) { j += 1 }
                    }
                }
                let text = String(decoding: bytes[i..<j], as: UTF8.self)
                advance(to: j)
                out.append(SQLToken(kind: .number(text), location: loc, start: start, end: j))
                continue
            }
            // A psql meta-command (`\set`, `\i file`, `\connect`) runs to the end of its line and
            // becomes one token `\name` followed by a `;`, which the parser reads as a statement not
            // modelled. Between statements, or for the `\g` family (which sends the query buffer and
            // so ends the statement before it); any other inside a statement leaves psql's query
            // buffer as it is, so it is skipped.
            if b == UInt8(ascii: "\\") {
                var j = i
                while j < bytes.count && bytes[j] != 10 { j += 1 }
                var nameEnd = i + 1
                while nameEnd < j && bytes[nameEnd] != 32 && bytes[nameEnd] != 9 && bytes[nameEnd] != 13 { nameEnd += 1 }
                let name = String(decoding: bytes[i..<nameEnd], as: UTF8.self)
                advance(to: j)
                let betweenStatements = out.last.map { $0.isSymbol(";") } ?? true
                let sendsBuffer = ["\\g", "\\gx", "\\gset", "\\gexec", "\\gdesc"].contains(name)
                guard betweenStatements || sendsBuffer else { continue }
                if !betweenStatements { out.append(SQLToken(kind: .symbol(";"), location: loc, start: start, end: start)) }
                out.append(SQLToken(kind: .symbol(name), location: loc, start: start, end: j))
                out.append(SQLToken(kind: .symbol(";"), location: loc, start: j, end: j))
                continue
            }
            // Operators as scan.l reads them: `::`, `:=` and `=>` alone; otherwise the longest run
            // of operator characters (ended early by `--` or `/*`), losing trailing `+`/`-` unless
            // it holds one of ~!@#%^&|`? (so `a>-1` is `>` then `-1`, `d->>'k'` is `->>`).
            let two = i + 1 < bytes.count ? String(decoding: bytes[i...(i + 1)], as: UTF8.self) : ""
            var symbol: String
            var length = 1
            if ["::", ":=", "=>"].contains(two) {
                symbol = two
                length = 2
            } else if Self.operatorCharacters.contains(b) {
                var j = i + 1
                while j < bytes.count, Self.operatorCharacters.contains(bytes[j]) {
                    if j + 1 < bytes.count, (bytes[j] == UInt8(ascii: "-") && bytes[j + 1] == UInt8(ascii: "-"))
                        || (bytes[j] == UInt8(ascii: "/") && bytes[j + 1] == UInt8(ascii: "*")) { break }
                    j += 1
                }
                var run = Array(bytes[i..<j])
                if run.count > 1, !run.contains(where: Self.operatorSpecials.contains) {
                    while run.count > 1, run.last == UInt8(ascii: "+") || run.last == UInt8(ascii: "-") { run.removeLast() }
                }
                length = run.count
                symbol = String(decoding: run, as: UTF8.self)
                if symbol == "!=" { symbol = "<>" }
            } else {
                symbol = String(decoding: [b], as: UTF8.self)
            }
            advance(to: i + length)
            out.append(SQLToken(kind: .symbol(symbol), location: loc, start: start, end: i))
            // `COPY … FROM STDIN;` in a psql script: the rows follow on the next line, up to a line
            // `\.` (or the end of input). They are data, not SQL, and are skipped.
            if symbol == ";" && Self.isCopyFromStdin(out) {
                var j = i
                while j < bytes.count && bytes[j] != 10 { j += 1 }
                var lineStartAt = j + 1
                while lineStartAt < bytes.count {
                    var e = lineStartAt
                    while e < bytes.count && bytes[e] != 10 { e += 1 }
                    var content = bytes[lineStartAt..<e]
                    if content.last == 13 { content = content.dropLast() }
                    lineStartAt = e + 1
                    if content.elementsEqual([UInt8(ascii: "\\"), UInt8(ascii: ".")]) { break }
                }
                advance(to: min(lineStartAt, bytes.count))
            }
        }
        out.append(SQLToken(kind: .end, location: location(bytes.count), start: bytes.count, end: bytes.count))
        return out
    }

    /// scan.l's `op_chars`, and the ones that keep a trailing `+`/`-` in an operator.
    static let operatorCharacters = Set("~!@#^&|`?+-*/%<>=".utf8)
    static let operatorSpecials = Set("~!@#^&|`?%".utf8)

    /// Whether the tokens since the previous `;` are `COPY … FROM STDIN …;`.
    static func isCopyFromStdin(_ tokens: [SQLToken]) -> Bool {
        var k = tokens.count - 2
        while k >= 0, !tokens[k].isSymbol(";") { k -= 1 }
        let statement = tokens[(k + 1)...].dropLast()
        guard statement.first?.word == "copy" else { return false }
        let words = statement.map { $0.word ?? "" }
        return zip(words, words.dropFirst()).contains { $0 == "from" && $1 == "stdin" }
    }
}
