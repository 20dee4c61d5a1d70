import Schema

/// Identifiers and literals quoted as PostgreSQL 15's `quote_ident` and `quote_literal` quote them
/// (src/backend/utils/adt/ruleutils.c `quote_identifier`, quote.c `quote_literal_cstr`).
public enum SQLQuote {
    /// `quote_ident`: Schema's ``QuotedIdentifier`` (the keyword categories come from the exported catalog).
    public static func ident(_ name: String) -> String { QuotedIdentifier.quote(name) }

    /// `quote_literal`: single quotes doubled; with any backslash, backslashes doubled and the
    /// literal written as an `E'…'` escape string.
    public static func literal(_ text: String) -> String {
        let quoted = text.replacingOccurrences(of: "'", with: "''")
        if text.contains("\\") { return "E'" + quoted.replacingOccurrences(of: "\\", with: "\\\\") + "'" }
        return "'" + quoted + "'"
    }
}
