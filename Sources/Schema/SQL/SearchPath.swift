import Foundation

/// The schema an unqualified `CREATE TABLE` lands in after `SET search_path`: PostgreSQL creates
/// a relation in the first schema of the path that exists (namespace.c, `recomputeNamespacePath`
/// and `RangeVarGetCreationNamespace`). The migrations' own sessions are modelled: psql runs each
/// file in a session of its own, so a path set in one file does not reach the next, and a `SET
/// LOCAL` lasts until the transaction block ends.
///
/// `$user` (a schema named after the role) and `pg_temp` are skipped: the role's schema is
/// rarely created, and a temporary table is not the team's hypertable. Any other schema named
/// is taken to exist, since it may be created outside the migrations (a Supabase project's
/// schemas, say). `public` first gives nil: the catalog's unqualified tables are public's.
public struct SearchPath: Sendable, Hashable {
    /// The file whose session set the path.
    public var file: String
    /// The creation schema the path gives, nil for public.
    public var creationSchema: String?
    /// `SET LOCAL`: ends with the transaction block.
    public var local: Bool

    /// What a `SET [SESSION | LOCAL] search_path {TO | =} …`, `SET SCHEMA '…'` or `RESET
    /// search_path` statement sets, or nil when `text` is another statement. `DEFAULT` and RESET
    /// give the server's default path (`"$user", public`).
    public static func setting(_ text: String, file: String) -> SearchPath? {
        guard let tokens = try? SQLLexer(text: text, file: file).tokens() else { return nil }
        return setting(tokens: tokens, from: 0, file: file)
    }

    /// The same, read from a statement's tokens starting at `start` (the parser's way in).
    static func setting(tokens: [SQLToken], from start: Int, file: String) -> SearchPath? {
        var i = start
        func word(_ w: String) -> Bool {
            guard i < tokens.count, tokens[i].isWord(w) else { return false }
            i += 1
            return true
        }
        var local = false
        if word("reset") {
            guard word("search_path") else { return nil }
            return SearchPath(file: file, creationSchema: nil, local: false)
        }
        guard word("set") else { return nil }
        if word("local") { local = true } else { _ = word("session") }
        var entries: [String] = []
        if word("schema") {
            guard i < tokens.count, case .string(let s) = tokens[i].kind else { return nil }
            entries = [s]
        } else {
            guard word("search_path") else { return nil }
            guard i < tokens.count, tokens[i].isWord("to") || tokens[i].isSymbol("=") else { return nil }
            i += 1
            if word("default") { return SearchPath(file: file, creationSchema: nil, local: local) }
            while i < tokens.count {
                switch tokens[i].kind {
                case .identifier(let name, _):
                    entries.append(name)
                case .string(let s):
                    // search_path is a GUC_LIST_QUOTE setting: a string constant is one name, its
                    // case kept (guc_funcs.c flatten_set_variable_args quotes it as an identifier).
                    entries.append(s)
                case .symbol(","):
                    break
                case .symbol(";"), .end:
                    i = tokens.count
                    continue
                default:
                    return nil
                }
                i += 1
            }
        }
        let schema = entries.first { $0 != "$user" && $0 != "pg_temp" && $0 != "pg_catalog" }
        return SearchPath(file: file, creationSchema: schema == "public" ? nil : schema, local: local)
    }
}
