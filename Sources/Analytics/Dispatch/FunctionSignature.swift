import Foundation
import Schema

/// A function as its `CREATE FUNCTION` declares it: parameter names, types and DEFAULTs, and the
/// columns it returns. What a caller that names arguments (PostgREST's `/rpc/<fn>`) needs to
/// bind them as PostgreSQL binds them.
///
/// ```swift
/// let sig = try FunctionSignature(CreateFunction(name: "get_latest_price", orReplace: true,
///     arguments: "p_ticker_id uuid, p_interval varchar DEFAULT '1h'", returns: "TABLE (…)", language: "sql", body: "…"))
/// sig.parameters[1].defaultSQL   // "'1h'"
/// ```
public struct FunctionSignature: Sendable, Hashable {
    /// One input parameter.
    public struct Parameter: Sendable, Hashable {
        public var name: String
        /// The type as written (`varchar`, `timestamptz`).
        public var typeSQL: String
        public var type: PGType
        /// The DEFAULT expression as written, nil when the parameter has none.
        public var defaultSQL: String?
    }

    /// One returned column (`RETURNS TABLE (…)`), or the single value of a scalar function.
    public struct Column: Sendable, Hashable {
        public var name: String
        public var type: PGType
    }

    public var name: String
    public var parameters: [Parameter]
    public var columns: [Column]
    /// `RETURNS TABLE` / `RETURNS SETOF`: the result is a set of rows; otherwise one value.
    public var returnsSet: Bool

    public init(name: String, parameters: [Parameter], columns: [Column], returnsSet: Bool) {
        self.name = name
        self.parameters = parameters
        self.columns = columns
        self.returnsSet = returnsSet
    }

    /// Reads the argument list and RETURNS clause of a parsed `CREATE FUNCTION`.
    /// - Throws: a message naming what is not understood (an OUT parameter, a type Chunkwise
    ///   does not model).
    public init(_ function: CreateFunction) throws(FunctionCallError) {
        name = function.name.lowercased()
        parameters = []
        for part in FunctionSignature.splitTopLevel(function.arguments) {
            var words = FunctionSignature.words(part)
            guard !words.isEmpty else { continue }
            if let mode = words.first?.lowercased(), ["in", "out", "inout", "variadic"].contains(mode) {
                guard mode == "in" else { throw .signatureNotModelled(function: name, reason: "\(mode.uppercased()) parameters") }
                words.removeFirst()
            }
            guard words.count >= 2 else { throw .signatureNotModelled(function: name, reason: "unnamed parameters") }
            let paramName = FunctionSignature.unquote(words[0])
            var typeWords: [String] = []
            var defaultSQL: String?
            var k = 1
            while k < words.count {
                let w = words[k]
                if w.lowercased() == "default" || w == "=" {
                    defaultSQL = words[(k + 1)...].joined(separator: " ")
                    break
                }
                typeWords.append(w)
                k += 1
            }
            let typeSQL = typeWords.joined(separator: " ")
            guard let type = PGType(sql: typeSQL) else {
                throw .signatureNotModelled(function: name, reason: "parameter type \(typeSQL)")
            }
            parameters.append(Parameter(name: paramName, typeSQL: typeSQL, type: type, defaultSQL: defaultSQL))
        }
        let returns = function.returns.trimmingCharacters(in: .whitespacesAndNewlines)
        let lowered = returns.lowercased()
        if lowered.hasPrefix("table"), let open = returns.firstIndex(of: "("), let close = returns.lastIndex(of: ")"), open < close {
            returnsSet = true
            columns = []
            for part in FunctionSignature.splitTopLevel(String(returns[returns.index(after: open)..<close])) {
                let words = FunctionSignature.words(part)
                guard words.count >= 2 else { continue }
                let typeSQL = words[1...].joined(separator: " ")
                guard let type = PGType(sql: typeSQL) else {
                    throw .signatureNotModelled(function: name, reason: "result type \(typeSQL)")
                }
                columns.append(Column(name: FunctionSignature.unquote(words[0]), type: type))
            }
        } else {
            returnsSet = lowered.hasPrefix("setof ")
            let typeSQL = returnsSet ? String(returns.dropFirst(6)) : returns
            guard let type = PGType(sql: typeSQL) else {
                throw .signatureNotModelled(function: name, reason: "result type \(typeSQL)")
            }
            columns = [Column(name: name, type: type)]
        }
    }

    /// The parameter named `name` (PostgreSQL folds unquoted names to lower case; JSON keys are exact).
    public func parameter(named name: String) -> Parameter? { parameters.first { $0.name == name } }

    /// Splits on commas outside parentheses and quotes.
    static func splitTopLevel(_ text: String) -> [String] {
        var parts: [String] = [], current = "", depth = 0, quote: Character?
        for c in text {
            if let q = quote {
                current.append(c)
                if c == q { quote = nil }
                continue
            }
            switch c {
            case "'", "\"": quote = c; current.append(c)
            case "(": depth += 1; current.append(c)
            case ")": depth -= 1; current.append(c)
            case "," where depth == 0: parts.append(current); current = ""
            default: current.append(c)
            }
        }
        if !current.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { parts.append(current) }
        return parts
    }

    /// Whitespace-separated words, keeping quoted text and parenthesised modifiers whole
    /// (`numeric(12, 2)` is one word, `'a b'` is one word).
    static func words(_ text: String) -> [String] {
        var out: [String] = [], current = "", depth = 0, quote: Character?
        for c in text {
            if let q = quote {
                current.append(c)
                if c == q { quote = nil }
                continue
            }
            if c == "'" || c == "\"" { quote = c; current.append(c); continue }
            if c == "(" { depth += 1 }
            if c == ")" { depth -= 1 }
            if depth == 0 && (c == " " || c == "\t" || c == "\n" || c == "\r") {
                if !current.isEmpty { out.append(current); current = "" }
                continue
            }
            current.append(c)
        }
        if !current.isEmpty { out.append(current) }
        // `varchar (10)` written with a space: glue the modifier back to its type word.
        var glued: [String] = []
        for w in out {
            if w.hasPrefix("("), let last = glued.popLast() { glued.append(last + w) } else { glued.append(w) }
        }
        return glued
    }

    /// `"timestamp"` → `timestamp`; unquoted names fold to lower case.
    static func unquote(_ identifier: String) -> String {
        if identifier.count >= 2, identifier.hasPrefix("\""), identifier.hasSuffix("\"") {
            return String(identifier.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"")
        }
        return identifier.lowercased()
    }
}
