/// Splits SQL text into tokens: `--` and nested `/* */` comments, `'…'` strings with doubled
/// quotes, `E'…'` escapes, `U&'…'` and `U&"…"` Unicode escapes (with `UESCAPE`), `$tag$…$tag$`
/// dollar quoting, `"quoted"` identifiers (case kept) and unquoted ones folded to lower case,
/// numbers, and operators.
///
/// A UTF-8 byte-order mark opening the text is skipped, as psql skips it on a file's first line
/// (mainloop.c), so the server never sees it: columns on that line count from after it. A mark
/// anywhere else is an identifier character, as the server reads it.
public struct SQLLexer {
    let bytes: [UInt8]
    let file: String

    public init(text: String, file: String) {
        bytes = Array(text.utf8)
        self.file = file
    }

    public func tokens() throws(SQLSyntaxError) -> [SQLToken] {
        var out: [SQLToken] = []
        let byteOrderMark = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var i = byteOrderMark
        var line = 1
        var lineStart = byteOrderMark
        func location(_ at: Int) -> SQLLocation { SQLLocation(file: file, line: line, column: at - lineStart + 1) }
        // Where any offset is (for errors inside a token that spans lines).
        func location(ofOffset at: Int) -> SQLLocation {
            var l = 1, start = byteOrderMark
            for k in byteOrderMark..<min(at, bytes.count) where bytes[k] == 10 { l += 1; start = k + 1 }
            return SQLLocation(file: file, line: l, column: at - start + 1)
        }
        // `U&` tokens whose escapes wait for a possible `UESCAPE` (parser.c decodes them after
        // looking ahead): the token's index and its body with quotes undoubled.
        var unicodeTokens: [(index: Int, body: [UInt8])] = []
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
                let value: [UInt8], j: Int, closed: Bool
                if b == UInt8(ascii: "'") {
                    (value, j, closed) = Self.readQuoted(bytes, from: i + 1, quote: UInt8(ascii: "'"))
                } else {
                    (value, j, closed) = try SQLStringEscapes.readExtended(bytes, from: i + 2) { offset, message in
                        SQLSyntaxError(location: location(ofOffset: offset), message: message)
                    }
                }
                if !closed { throw SQLSyntaxError(location: loc, message: "unterminated quoted string at or near \"\(String(decoding: bytes[start..<min(bytes.count, start + 20)], as: UTF8.self))\"") }
                advance(to: j)
                out.append(SQLToken(kind: .string(String(decoding: value, as: UTF8.self)), location: loc, start: start, end: j))
                continue
            }
            // scan.l's xusstart / xuistart: `U&'…'` and `U&"…"`, read raw here and decoded below.
            if b == UInt8(ascii: "U") || b == UInt8(ascii: "u"), i + 2 < bytes.count, bytes[i + 1] == UInt8(ascii: "&"),
               bytes[i + 2] == UInt8(ascii: "'") || bytes[i + 2] == UInt8(ascii: "\"") {
                let quote = bytes[i + 2]
                let (body, j, closed) = Self.readQuoted(bytes, from: i + 3, quote: quote)
                if !closed {
                    let what = quote == UInt8(ascii: "'") ? "quoted string" : "quoted identifier"
                    throw SQLSyntaxError(location: loc, message: "unterminated \(what) at or near \"\(String(decoding: bytes[start..<min(bytes.count, start + 20)], as: UTF8.self))\"")
                }
                if quote == UInt8(ascii: "\""), body.isEmpty {
                    throw SQLSyntaxError(location: loc, message: "zero-length delimited identifier at or near \"U&\"\"\"")
                }
                advance(to: j)
                unicodeTokens.append((out.count, body))
                let kind: SQLToken.Kind = quote == UInt8(ascii: "'") ? .string("") : .identifier("", quoted: true)
                out.append(SQLToken(kind: kind, location: loc, start: start, end: j))
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
                let (value, j, closed) = Self.readQuoted(bytes, from: i + 1, quote: b)
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
        return try Self.decodingUnicodeEscapes(out, unicodeTokens) { offset, message in
            SQLSyntaxError(location: location(ofOffset: offset), message: message)
        }
    }

    /// A quoted body from `from` (after the opening quote) through the closing one, a doubled
    /// quote inside being one; `closed` is false when the text ends first.
    static func readQuoted(_ bytes: [UInt8], from: Int, quote: UInt8) -> (value: [UInt8], end: Int, closed: Bool) {
        var value: [UInt8] = []
        var j = from
        while j < bytes.count {
            if bytes[j] == quote {
                guard j + 1 < bytes.count, bytes[j + 1] == quote else { return (value, j + 1, true) }
                j += 1
            }
            value.append(bytes[j])
            j += 1
        }
        return (value, j, false)
    }

    /// The `U&` tokens decoded as parser.c's base_yylex does: a following `UESCAPE 'c'` names the
    /// escape character (`\` otherwise) and is folded into the token; the errors point as
    /// PostgreSQL's do (at the escape character's string, or 3 bytes past the `U&'` start plus the
    /// escape's index in the undoubled body).
    static func decodingUnicodeEscapes(_ tokens: [SQLToken], _ pending: [(index: Int, body: [UInt8])],
                                       fail: SQLStringEscapes.Failure) throws(SQLSyntaxError) -> [SQLToken] {
        guard !pending.isEmpty else { return tokens }
        var out = tokens
        var removed: Set<Int> = []
        for (index, body) in pending {
            var token = out[index]
            var escape = UInt8(ascii: "\\")
            let next = out[index + 1]
            if next.isWord("uescape") {
                let literal = out[index + 2]
                guard case .string(let s) = literal.kind, !pending.contains(where: { $0.index == index + 2 }) else {
                    let near = literal.kind == .end ? "at end of input" : "at or near \"\(literal.display)\""
                    throw SQLSyntaxError(location: literal.location, message: "UESCAPE must be followed by a simple string literal \(near)")
                }
                let characters = Array(s.utf8)
                guard characters.count == 1, SQLStringEscapes.isValidEscapeCharacter(characters[0]) else {
                    throw SQLSyntaxError(location: literal.location, message: "invalid Unicode escape character at or near \"\(literal.display)\"")
                }
                escape = characters[0]
                removed.formUnion([index + 1, index + 2])
                token.end = literal.end
            }
            let decoded = try SQLStringEscapes.decodeUnicode(body, escape: escape) { at, message in fail(token.start + 3 + at, message) }
            let text = String(decoding: decoded, as: UTF8.self)
            if case .string = token.kind { token.kind = .string(text) } else { token.kind = .identifier(text, quoted: true) }
            out[index] = token
        }
        return out.enumerated().filter { !removed.contains($0.offset) }.map(\.element)
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
