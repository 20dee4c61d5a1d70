/// Identifiers and literals quoted as PostgreSQL 15's `quote_ident` and `quote_literal` quote them
/// (src/backend/utils/adt/ruleutils.c `quote_identifier`, quote.c `quote_literal_cstr`).
public enum SQLQuote {
    /// `quote_ident`: left bare when it is lower-case letters, digits and underscores, starts with a
    /// letter or underscore, and is not a keyword PostgreSQL reserves in some position; otherwise in
    /// double quotes with inner double quotes doubled.
    public static func ident(_ name: String) -> String {
        var safe = !name.isEmpty
        for (i, u) in name.utf8.enumerated() {
            let lower = u >= 0x61 && u <= 0x7A, digit = u >= 0x30 && u <= 0x39, underscore = u == 0x5F
            if !(lower || underscore || (digit && i > 0)) { safe = false; break }
        }
        if safe && !reservedSomewhere.contains(name) { return name }
        return "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `quote_literal`: single quotes doubled; with any backslash, backslashes doubled and the
    /// literal written as an `E'…'` escape string.
    public static func literal(_ text: String) -> String {
        let quoted = text.replacingOccurrences(of: "'", with: "''")
        if text.contains("\\") { return "E'" + quoted.replacingOccurrences(of: "\\", with: "\\\\") + "'" }
        return "'" + quoted + "'"
    }

    /// PostgreSQL 15's keywords that are not UNRESERVED_KEYWORD (src/include/parser/kwlist.h:
    /// reserved, column-name and type/function-name keywords); `quote_ident` quotes these.
    static let reservedSomewhere: Set<String> = [
        // RESERVED_KEYWORD
        "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both", "case", "cast", "check", "collate",
        "column", "constraint", "create", "current_catalog", "current_date", "current_role", "current_time", "current_timestamp",
        "current_user", "default", "deferrable", "desc", "distinct", "do", "else", "end", "except", "false", "fetch", "for",
        "foreign", "from", "grant", "group", "having", "in", "initially", "intersect", "into", "lateral", "leading", "limit",
        "localtime", "localtimestamp", "not", "null", "offset", "on", "only", "or", "order", "placing", "primary", "references",
        "returning", "select", "session_user", "some", "symmetric", "table", "then", "to", "trailing", "true", "union", "unique",
        "user", "using", "variadic", "when", "where", "window", "with",
        // COL_NAME_KEYWORD
        "between", "bigint", "bit", "boolean", "char", "character", "coalesce", "dec", "decimal", "exists", "extract", "float",
        "greatest", "grouping", "inout", "int", "integer", "interval", "least", "national", "nchar", "none", "normalize", "nullif",
        "numeric", "out", "overlay", "position", "precision", "real", "row", "setof", "smallint", "substring", "time", "timestamp",
        "treat", "trim", "values", "varchar", "xmlattributes", "xmlconcat", "xmlelement", "xmlexists", "xmlforest",
        "xmlnamespaces", "xmlparse", "xmlpi", "xmlroot", "xmlserialize", "xmltable",
        // TYPE_FUNC_NAME_KEYWORD
        "authorization", "binary", "collation", "concurrently", "cross", "current_schema", "freeze", "full", "ilike", "inner",
        "is", "isnull", "join", "left", "like", "natural", "notnull", "outer", "overlaps", "right", "similar", "tablesample",
        "verbose",
    ]
}
