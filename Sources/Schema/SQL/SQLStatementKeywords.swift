/// The words PostgreSQL 15's grammar (`gram.y`, `stmt`) lets a statement start with, and the
/// objects it lets follow `CREATE`: a statement starting otherwise is a syntax error at its first
/// word there (`FROBNICATE THE WIDGETS;`), so it is one here too, not a statement "not modelled".
enum SQLStatementKeywords {
    static let statements: Set<String> = [
        "abort", "alter", "analyze", "analyse", "begin", "call", "checkpoint", "close", "cluster", "comment",
        "commit", "copy", "create", "deallocate", "declare", "delete", "discard", "do", "drop", "end",
        "execute", "explain", "fetch", "grant", "import", "insert", "listen", "load", "lock", "merge", "move",
        "notify", "prepare", "reassign", "refresh", "reindex", "release", "reset", "revoke", "rollback",
        "savepoint", "security", "select", "set", "show", "start", "table", "truncate", "unlisten",
        "update", "vacuum", "values", "with", "perform",
    ]

    static let createObjects: Set<String> = [
        "access", "aggregate", "cast", "collation", "constraint", "conversion", "database", "default", "domain",
        "event", "extension", "foreign", "function", "global", "group", "index", "language", "local",
        "materialized", "operator", "policy", "procedure", "publication", "recursive", "role", "rule",
        "schema", "sequence", "server", "statistics", "subscription", "table", "tablespace", "temp",
        "temporary", "text", "transform", "trigger", "trusted", "type", "unique", "unlogged", "user", "view",
        "or", "procedural",
    ]
}
