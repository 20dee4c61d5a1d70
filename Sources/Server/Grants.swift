import Foundation
import Schema

/// Who may do what, as the served migrations' `GRANT`/`REVOKE` statements leave it.
///
/// PostgreSQL's defaults hold: a new function is executable by `PUBLIC`; a table grants nothing
/// to other roles until a GRANT says so. Read: `GRANT EXECUTE ON FUNCTION f(…), g(…) TO anon,
/// authenticated`, `GRANT SELECT, INSERT ON [TABLE] t TO r`, `… ON ALL TABLES|FUNCTIONS IN SCHEMA
/// public …`, `ALL [PRIVILEGES]`, and the same with `REVOKE … FROM`.
public struct Grants: Sendable {
    public enum Object: Sendable, Hashable {
        case function(String)
        case table(String)
    }

    /// Object → privilege (`EXECUTE`, `SELECT`, `INSERT`, `UPDATE`, `DELETE`) → roles (`public` for PUBLIC).
    public private(set) var privileges: [Object: [String: Set<String>]] = [:]

    public init() {}

    /// Whether `role` (or PUBLIC) holds `privilege` on `object`.
    public func allows(_ role: String, _ privilege: String, on object: Object) -> Bool {
        guard let roles = privileges[object]?[privilege] else { return false }
        return roles.contains(role) || roles.contains("public")
    }

    /// A function was created: EXECUTE to PUBLIC, as PostgreSQL does.
    public mutating func functionCreated(_ name: String) {
        privileges[.function(name), default: [:]]["EXECUTE", default: []].insert("public")
    }

    static let tablePrivileges = ["SELECT", "INSERT", "UPDATE", "DELETE"]

    /// Applies one GRANT or REVOKE statement's text; `tables`/`functions` are those existing now
    /// (for `ALL … IN SCHEMA`). Other statements are ignored; returns whether it was one.
    @discardableResult
    public mutating func apply(statement text: String, tables: [String], functions: [String]) -> Bool {
        let words = Grants.tokens(text)
        guard let first = words.first?.lowercased(), first == "grant" || first == "revoke" else { return false }
        let granting = first == "grant"
        var i = 1
        if !granting, i + 2 < words.count, words[i].lowercased() == "grant", words[i + 1].lowercased() == "option" { i += 3 }
        // Privileges up to ON.
        var privs: [String] = []
        while i < words.count, words[i].lowercased() != "on" {
            let w = words[i].uppercased()
            if w != "," && w != "PRIVILEGES" { privs.append(w) }
            i += 1
        }
        guard i < words.count else { return true }
        i += 1
        // The objects up to TO / FROM.
        var objects: [Object] = []
        var kind = "table"
        var objectWords: [String] = []
        while i < words.count, !["to", "from"].contains(words[i].lowercased()) { objectWords.append(words[i]); i += 1 }
        let lowered = objectWords.map { $0.lowercased() }
        if lowered.first == "all", lowered.count >= 2 {
            if lowered[1] == "functions" || lowered[1] == "routines" { objects = functions.map { .function($0) } } else { objects = tables.map { .table($0) } }
        } else {
            var rest = objectWords[...]
            if let k = lowered.first, ["table", "function", "routine", "procedure"].contains(k) {
                kind = k == "table" ? "table" : "function"
                rest = rest.dropFirst()
            }
            var depth = 0
            for w in rest {
                if w == "(" { depth += 1; continue }
                if w == ")" { depth -= 1; continue }
                if depth > 0 || w == "," { continue }
                let name = Grants.objectName(w)
                objects.append(kind == "table" ? .table(name) : .function(name))
            }
        }
        i += 1
        var roles: [String] = []
        while i < words.count {
            let w = words[i].lowercased()
            if w == "with" || w == "cascade" || w == "restrict" || w == "granted" { break }
            if w != "," && w != "group" { roles.append(Grants.objectName(words[i]).lowercased() == "public" ? "public" : Grants.objectName(words[i])) }
            i += 1
        }
        for object in objects {
            var expanded: [String] = []
            for p in privs {
                if p == "ALL" {
                    if case .function = object { expanded.append("EXECUTE") } else { expanded += Grants.tablePrivileges }
                } else { expanded.append(p) }
            }
            for p in expanded {
                for r in roles {
                    if granting { privileges[object, default: [:]][p, default: []].insert(r) } else { privileges[object]?[p]?.remove(r) }
                }
            }
        }
        return true
    }

    /// `public."get_latest_price"` → `get_latest_price`.
    static func objectName(_ word: String) -> String {
        var w = word
        if let dot = w.lastIndex(of: "."), !w.hasSuffix("\"") || w[w.index(after: dot)...].hasPrefix("\"") {
            w = String(w[w.index(after: dot)...])
        }
        if w.count >= 2, w.hasPrefix("\""), w.hasSuffix("\"") { return String(w.dropFirst().dropLast()) }
        return w.lowercased()
    }

    /// Words, with `(`, `)` and `,` as their own tokens; quoted identifiers kept whole.
    static func tokens(_ text: String) -> [String] {
        var out: [String] = [], current = "", quoted = false
        func flush() { if !current.isEmpty { out.append(current); current = "" } }
        for c in text {
            if quoted { current.append(c); if c == "\"" { quoted = false }; continue }
            switch c {
            case "\"": quoted = true; current.append(c)
            case "(", ")", ",": flush(); out.append(String(c))
            case " ", "\n", "\t", "\r", ";": flush()
            default: current.append(c)
            }
        }
        flush()
        return out
    }
}
