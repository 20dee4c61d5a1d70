import Schema

/// A `SET [SESSION | LOCAL] name {TO | =} value` or `RESET name` statement, read far enough to tell
/// whether the setting changes anything `check` models.
///
/// pg_dump's preamble (and the structure files migration tools keep, such as Rails'
/// `structure.sql`) opens with a dozen settings: time-outs, the client's messages, function-body
/// checks, row security. None of them changes how the statements after them are parsed, which
/// catalog rows they create or what a table stores, so they are read without a warning. Settings
/// that do (`TimeZone`, `DateStyle`, `IntervalStyle`, `standard_conforming_strings = off`, a
/// client encoding other than UTF-8, a table access method other than heap, TimescaleDB's own
/// settings) are still reported as not modelled. `search_path` is its own statement kind.
struct SessionSetting {
    /// The setting's name, lower-cased.
    let name: String
    /// The value's text, lower-cased without quotes; nil for RESET and `TO DEFAULT`.
    let value: String?

    init?(_ text: String) {
        guard let lexed = try? SQLLexer(text: text, file: "").tokens() else { return nil }
        let tokens = lexed.filter { $0.kind != .end && !$0.isSymbol(";") }
        guard let first = tokens.first, first.isWord("set") || first.isWord("reset") else { return nil }
        var i = 1
        if first.isWord("set"), i < tokens.count, tokens[i].isWord("session") || tokens[i].isWord("local") { i += 1 }
        guard i < tokens.count, case .identifier(let word, _) = tokens[i].kind else { return nil }
        var name = word.lowercased()
        i += 1
        // A dotted custom setting (`timescaledb.max_background_workers`).
        while i + 1 < tokens.count, tokens[i].isSymbol("."), case .identifier(let part, _) = tokens[i + 1].kind {
            name += "." + part.lowercased()
            i += 2
        }
        self.name = name
        guard first.isWord("set") else {
            guard i == tokens.count else { return nil }
            value = nil
            return
        }
        guard i < tokens.count, tokens[i].isWord("to") || tokens[i].isSymbol("=") else { return nil }
        i += 1
        guard i + 1 == tokens.count else { return nil }
        switch tokens[i].kind {
        case .identifier(let w, _): value = w.lowercased() == "default" ? nil : w.lowercased()
        case .string(let s): value = s.lowercased()
        case .number(let n): value = n
        default: return nil
        }
    }

    /// Settings that change nothing `check` reads, whatever their value.
    static let inert: Set<String> = [
        "statement_timeout", "lock_timeout", "idle_in_transaction_session_timeout", "idle_session_timeout",
        "client_min_messages", "log_min_messages", "check_function_bodies", "xmloption", "row_security",
        "default_tablespace", "application_name", "maintenance_work_mem", "work_mem", "synchronous_commit",
        "jit", "max_parallel_workers_per_gather", "max_parallel_maintenance_workers", "default_with_oids",
        "escape_string_warning", "lo_compat_privileges", "session_replication_role", "temp_buffers",
    ]

    /// Whether the statement leaves everything `check` models as it was.
    var changesNothingModelled: Bool {
        if Self.inert.contains(name) { return true }
        guard let value else {
            // RESET / TO DEFAULT of the settings below brings back the value the check assumes.
            return ["standard_conforming_strings", "client_encoding", "default_table_access_method"].contains(name)
        }
        switch name {
        case "standard_conforming_strings": return ["on", "true", "yes", "1"].contains(value)
        case "client_encoding": return ["utf8", "utf-8", "unicode"].contains(value)
        case "default_table_access_method": return value == "heap"
        default: return false
        }
    }
}
