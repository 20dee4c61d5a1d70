import Schema

/// Replays migration files in order against a modelled catalog and reports what PostgreSQL 15 and
/// TimescaleDB would reject (errors) or remark on (warnings: notices, statements not modelled).
///
/// ```swift
/// let findings = try MigrationCheck.run(files: [("001.sql", sql)])
/// let rejected = findings.contains { $0.severity == .error }
/// ```
public enum MigrationCheck {
    /// `singleTransaction`: each file runs as `psql --single-transaction` (or a migration tool that
    /// wraps every file in one transaction) runs it: inside BEGIN … COMMIT, all or nothing.
    public static func run(files: [(name: String, text: String)], target: TimescaleTarget = TimescaleTarget(),
                           catalog start: SchemaCatalog = SchemaCatalog(), singleTransaction: Bool = false) -> (findings: [CheckFinding], catalog: SchemaCatalog) {
        var catalog = start
        var findings: [CheckFinding] = []
        for file in files {
            let (statements, syntaxErrors) = SQLParser.parseRecovering(text: file.text, file: file.name)
            let lines = file.text.split(separator: "\n", omittingEmptySubsequences: false)
            var pending = syntaxErrors
            func flushSyntaxErrors(before line: Int) {
                while let e = pending.first, e.location.line <= line {
                    pending.removeFirst()
                    let text = e.location.line - 1 < lines.count ? String(lines[e.location.line - 1]) : ""
                    findings.append(CheckFinding(file: file.name, line: e.location.line, severity: .error,
                                                 statement: summary(text), message: "\(e.message) (column \(e.location.column))",
                                                 psqlLine: e.psqlLine))
                }
            }
            // psql runs each file in a session of its own; BEGIN … COMMIT opens a transaction block.
            var block = TransactionBlock()
            if singleTransaction { _ = block.apply(.begin, catalog: &catalog, line: 1) }
            for statement in statements {
                let flushedFrom = findings.count
                flushSyntaxErrors(before: statement.location.line)
                // A syntax error inside a block aborts it as any other error does (only the findings
                // just added are looked at: counting them all per statement was quadratic).
                if block.isOpen, findings[flushedFrom...].contains(where: { $0.severity == .error }) { block.abort(at: statement.location.line) }
                if case .notModelled = statement.kind, let control = TransactionBlock.Control(statement.text) {
                    if let note = block.apply(control, catalog: &catalog, line: statement.location.line) {
                        findings.append(CheckFinding(file: file.name, line: statement.location.line, severity: .warning,
                                                     statement: summary(statement.text), message: note, psqlLine: statement.psqlLine))
                    }
                    continue
                }
                if block.isAborted {
                    // src/backend/tcop/postgres.c: every statement but the block's end is refused.
                    findings.append(CheckFinding(file: file.name, line: statement.location.line, severity: .error,
                                                 statement: summary(statement.text),
                                                 message: "current transaction is aborted, commands ignored until end of transaction block",
                                                 psqlLine: statement.psqlLine, sqlState: "25P02"))
                    continue
                }
                if block.isOpen, let what = Self.refusedInTransactionBlock(statement, catalog: catalog) {
                    findings.append(CheckFinding(file: file.name, line: statement.location.line, severity: .error,
                                                 statement: summary(statement.text),
                                                 message: "\(what) cannot run inside a transaction block",
                                                 psqlLine: statement.psqlLine, sqlState: "25001"))
                    block.abort(at: statement.location.line)
                    continue
                }
                let diagnostics = apply(statement, to: &catalog, target: target)
                for d in diagnostics {
                    findings.append(CheckFinding(file: file.name, line: statement.location.line,
                                                 severity: d.severity == .error ? .error : .warning,
                                                 statement: summary(statement.text), message: d.message,
                                                 psqlLine: statement.psqlLine, kind: d.kind,
                                                 sqlState: d.sqlState, hint: d.hint))
                }
                if block.isOpen, diagnostics.contains(where: { $0.severity == .error }) { block.abort(at: statement.location.line) }
            }
            let flushedFrom = findings.count
            flushSyntaxErrors(before: Int.max)
            if block.isOpen, findings[flushedFrom...].contains(where: { $0.severity == .error }) { block.abort(at: Int.max) }
            // The file's last line with text (a final newline adds an empty one).
            let last = (lines.lastIndex { !$0.allSatisfy(\.isWhitespace) }).map { $0 + 1 } ?? 1
            // psql --single-transaction ends the file with its own COMMIT (a ROLLBACK when an error
            // aborted it; "there is no transaction in progress" when the file committed itself).
            let end = singleTransaction ? block.apply(.commit, catalog: &catalog, line: last) : block.endOfSession(catalog: &catalog)
            if let note = end {
                findings.append(CheckFinding(file: file.name, line: last, severity: .warning, statement: "(end of file)", message: note))
            }
        }
        return (findings, catalog)
    }

    /// One statement: PostgreSQL's catalog rules, then the rules TimescaleDB layers on hypertables.
    public static func apply(_ statement: SQLStatement, to catalog: inout SchemaCatalog, target: TimescaleTarget) -> [CatalogDiagnostic] {
        if let expanded = TimescaleCreateTable.expand(statement, target: target) {
            // One statement: the table and its hypertable, columnstore and policy, or none of them.
            guard case .success(let steps) = expanded else {
                if case .failure(let d) = expanded { return [d] }
                return []
            }
            var scratch = catalog
            var out: [CatalogDiagnostic] = []
            for step in steps {
                let found = apply(step, to: &scratch, target: target)
                if let error = found.first(where: { $0.severity == .error }) { return [error] }
                out += found
            }
            catalog = scratch
            return out
        }
        switch statement.kind {
        case .functionCall(let call):
            return TimescaleRules.apply(call, catalog: &catalog, target: target)
        case .createTrigger:
            // Its table and function are checked; the engine does not run triggers.
            let found = catalog.apply(statement)
            if found.contains(where: { $0.severity == .error }) { return found }
            return found + [.warning("statement not modelled: CREATE TRIGGER (the engine stores rows as loaded)")]
        case .notModelled(let summary):
            if summary == "DO", let inner = DuplicateObjectBlock.innerStatement(statement) {
                return DuplicateObjectBlock.apply(inner, to: &catalog) { apply($0, to: &$1, target: target) }
            }
            if let refusal = ContinuousAggregateRules.refusal(statement.text, catalog: catalog) { return [refusal] }
            // The catalog still notes the names CREATE TYPE / DOMAIN / EXTENSION define, and
            // refuses what it can tell is wrong (a partition of a table that is not partitioned).
            let found = catalog.apply(statement)
            if let error = found.first(where: { $0.severity == .error }) { return [error] }
            if modelledAsIs(statement, summary: summary, catalog: catalog) { return found }
            return [.warning("statement not modelled: \(summary)")]
        case .setSearchPath:
            // The catalog follows a search_path (an unqualified CREATE TABLE lands where it says).
            return catalog.apply(statement)
        case .createIndex(var c):
            // src/process_utility.c process_index_start: TimescaleDB's own options are read (and
            // taken out of PostgreSQL's) first, then CONCURRENTLY is refused before anything is built.
            let perChunk: Bool
            switch TimescaleRules.indexOptions(c, catalog: catalog) {
            case .failure(let refusal): return [refusal]
            case .success(let given): perChunk = given
            }
            c.options = c.options.filter { !TimescaleOptionList.isTimescaleKey($0.key) }
            if c.concurrently, catalog.tables[c.table]?.hypertable != nil {
                return [TimescaleError.concurrentIndexOnHypertable.diagnostic]
            }
            if perChunk, c.unique {
                return [CatalogDiagnostic(severity: .error, message: "cannot use timescaledb.transaction_per_chunk with UNIQUE or PRIMARY KEY",
                                          sqlState: "0A000")]
            }
            // src/indexing.c ts_indexing_verify_index: unique indexes on hypertables need every partitioning column.
            if c.unique, let hyper = catalog.tables[c.table]?.hypertable,
               let missing = TimescaleRules.missingPartitioningColumn(c.keys.compactMap(\.column), hypertable: hyper) {
                return [.uniqueIndexLacksPartitioningColumn(missing)]
            }
            var applied = statement
            applied.kind = .createIndex(c)
            return catalog.apply(applied)
        case .alterTable(let a):
            if let hyper = catalog.tables[a.table]?.hypertable {
                for action in a.actions {
                    if let refusal = TimescaleRules.alterTableRefusal(action, hypertable: hyper, target: target) { return [refusal] }
                    if case .addConstraint(let c) = action {
                        let columns: [String]?
                        switch c.kind {
                        case .primaryKey(let cols, _), .unique(let cols, _): columns = cols
                        default: columns = nil
                        }
                        if let columns, let missing = TimescaleRules.missingPartitioningColumn(columns, hypertable: hyper) {
                            return [.uniqueIndexLacksPartitioningColumn(missing)]
                        }
                    }
                }
            }
            var out = catalog.apply(statement)
            if out.contains(where: { $0.severity == .error }) { return out }
            for action in a.actions {
                if case .setOptions(let options) = action {
                    out += TimescaleRules.setCompressionOptions(options, table: a.table, catalog: &catalog, target: target)
                }
            }
            return out
        default:
            return catalog.apply(statement)
        }
    }

    static func summary(_ text: String) -> String {
        let collapsed = text.split(whereSeparator: { $0 == "\n" || $0 == "\t" || $0 == " " }).joined(separator: " ")
        return collapsed.count > 120 ? String(collapsed.prefix(117)) + "..." : collapsed
    }

    /// Statements the parser leaves unread that nothing is lost by: creating the extensions the
    /// check models (TimescaleDB, whose API it checks, and PL/pgSQL, which every database has), a
    /// continuous aggregate's definition, which ``ContinuousAggregateRules`` checks and `plan` and
    /// `migrate` model, dropping materialized views and setting an aggregate's TimescaleDB options,
    /// creating a schema or a sequence (whose name the catalog records), comments on objects the check does not read, and the session settings a dump's preamble sets
    /// that change nothing the check reads (``SessionSetting``). Saying "not modelled" of them told a
    /// team their first lines were ignored.
    static func modelledAsIs(_ statement: SQLStatement, summary: String, catalog: SchemaCatalog) -> Bool {
        switch summary {
        case "CREATE EXTENSION":
            guard let tokens = try? SQLLexer(text: statement.text, file: "").tokens() else { return false }
            let words = tokens.filter { $0.kind != .end }
            var i = 2
            if i + 2 < words.count, words[i].isWord("if"), words[i + 1].isWord("not"), words[i + 2].isWord("exists") { i += 3 }
            guard i < words.count, case .identifier(let name, _) = words[i].kind else { return false }
            return name == "timescaledb" || name == "plpgsql"
        case "CREATE MATERIALIZED VIEW":
            return ContinuousAggregateDefinition(text: statement.text) != nil
        case "DROP MATERIALIZED VIEW":
            // The catalog forgets the names (and an aggregate's refresh policy); plan drops the aggregates.
            return true
        case "ALTER MATERIALIZED VIEW":
            return settingContinuousAggregateOptions(statement.text, catalog: catalog)
        case "SET", "RESET":
            return SessionSetting(statement.text)?.changesNothingModelled ?? false
        case "CREATE SCHEMA":
            // A namespace: the catalog keys relations by name, so creating one changes nothing it reads.
            return true
        case "CREATE SEQUENCE":
            // The catalog records its name (a `nextval('…')` default must name a relation).
            return true
        case "COMMENT":
            // COMMENT ON EXTENSION / INDEX / FUNCTION …: a description in pg_description, nothing
            // stored or checked (COMMENT ON TABLE / COLUMN are read, and their target must exist).
            return true
        default:
            return false
        }
    }

    /// `ALTER MATERIALIZED VIEW [IF EXISTS] name SET (timescaledb.… [= …], …)` on a continuous
    /// aggregate the catalog knows, with TimescaleDB's options only (`materialized_only`,
    /// compression / columnstore and their segmentby / orderby): what `plan` reads of it.
    static func settingContinuousAggregateOptions(_ text: String, catalog: SchemaCatalog) -> Bool {
        guard let lexed = try? SQLLexer(text: text, file: "").tokens() else { return false }
        let tokens = lexed.filter { $0.kind != .end && !$0.isSymbol(";") }
        var i = 3
        if i + 1 < tokens.count, tokens[i].isWord("if"), tokens[i + 1].isWord("exists") { i += 2 }
        guard i < tokens.count, case .identifier(var name, _) = tokens[i].kind else { return false }
        i += 1
        if i + 1 < tokens.count, tokens[i].isSymbol("."), case .identifier(let n, _) = tokens[i + 1].kind {
            name = n
            i += 2
        }
        guard catalog.otherRelations[name] == SchemaCatalog.continuousAggregateKind,
              i + 1 < tokens.count, tokens[i].isWord("set"), tokens[i + 1].isSymbol("("), tokens.last?.isSymbol(")") == true else { return false }
        // Each option starts after `(` or `,` at the list's own depth and is TimescaleDB's.
        var depth = 0
        for k in (i + 1)..<tokens.count {
            let t = tokens[k]
            if t.isSymbol("(") { depth += 1 } else if t.isSymbol(")") { depth -= 1 }
            guard depth == 1, t.isSymbol("(") || t.isSymbol(","), k + 1 < tokens.count else { continue }
            guard let prefix = tokens[k + 1].word, prefix == "timescaledb" || prefix == "tsdb" else { return false }
        }
        return true
    }

    /// What `PreventInTransactionBlock` refuses inside BEGIN … COMMIT, named as the server names it,
    /// before anything is built: CREATE INDEX CONCURRENTLY (src/backend/access/transam/xact.c) and
    /// TimescaleDB's one-transaction-per-chunk index build (src/process_utility.c); a continuous
    /// aggregate created WITH DATA (the default without `WITH NO DATA`) and `CALL
    /// refresh_continuous_aggregate(…)`, which commit as they go (tsl/src/continuous_aggs/create.c,
    /// refresh.c).
    static func refusedInTransactionBlock(_ statement: SQLStatement, catalog: SchemaCatalog) -> String? {
        switch statement.kind {
        case .createIndex(let c) where c.concurrently:
            return "CREATE INDEX CONCURRENTLY"
        case .createIndex(let c) where (try? TimescaleRules.indexOptions(c, catalog: catalog).get()) == true:
            return "CREATE INDEX ... WITH (timescaledb.transaction_per_chunk)"
        case .functionCall(let call) where call.viaCall && call.name.lowercased() == "refresh_continuous_aggregate":
            return "refresh_continuous_aggregate()"
        case .notModelled:
            guard let definition = ContinuousAggregateDefinition(text: statement.text), !definition.withNoData else { return nil }
            return "CREATE MATERIALIZED VIEW ... WITH DATA"
        default:
            return nil
        }
    }

}
