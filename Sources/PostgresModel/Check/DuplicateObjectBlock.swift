import Foundation
import Schema

/// The idiom migrations use for statements that have no `IF NOT EXISTS` (`CREATE TYPE … AS ENUM`,
/// `CREATE DOMAIN`, `ADD CONSTRAINT`), as drizzle-kit writes every enum and `migrate` writes the
/// types of a table:
///
/// ```sql
/// DO $$ BEGIN
///     CREATE TYPE "public"."side" AS ENUM ('BUY', 'SELL');
/// EXCEPTION
///     WHEN duplicate_object THEN null;
/// END $$;
/// ```
///
/// The one statement inside is checked as if it stood alone; an error of SQLSTATE 42710
/// (`duplicate_object`: `type "side" already exists`) is caught by the block and leaves the
/// catalog as it was, any other error is the block's. Before, the block was "not modelled" and
/// every later column of the type was `type "side" does not exist`.
enum DuplicateObjectBlock {
    /// The statement inside `DO $$ BEGIN <statement>; EXCEPTION WHEN duplicate_object THEN
    /// null; END $$` (any dollar tag, any case and spacing), or nil for any other DO block.
    static func innerStatement(_ statement: SQLStatement) -> SQLStatement? {
        let text = statement.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.lowercased().hasPrefix("do"), let open = text.firstIndex(of: "$") else { return nil }
        guard text[text.index(after: text.startIndex)...].prefix(while: { $0 != "$" }).allSatisfy({ $0.isWhitespace || $0 == "o" || $0 == "O" })
        else { return nil }
        // The dollar tag: `$$` or `$tag$`.
        guard let tagEnd = text[text.index(after: open)...].firstIndex(of: "$") else { return nil }
        let tag = String(text[open...tagEnd])
        let bodyStart = text.index(after: tagEnd)
        guard let close = text.range(of: tag, range: bodyStart..<text.endIndex),
              text[close.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        var body = String(text[bodyStart..<close.lowerBound]).trimmingCharacters(in: .whitespacesAndNewlines)
        guard body.lowercased().hasPrefix("begin"), body.count > 5, body[body.index(body.startIndex, offsetBy: 5)].isWhitespace else { return nil }
        body.removeFirst(5)
        let words = try? Regex(#";\s*exception\s+when\s+duplicate_object\s+then\s+null\s*;\s*end\s*;?\s*$"#).ignoresCase()
        guard let words, let handler = body.firstMatch(of: words) else { return nil }
        let inner = String(body[..<handler.range.lowerBound])
        guard let parsed = try? SQLParser.parse(text: inner + ";", file: ""), parsed.count == 1, var one = parsed.first else { return nil }
        one.location = statement.location
        one.psqlLine = statement.psqlLine
        return one
    }

    /// The findings of the block: the inner statement's, with a `duplicate_object` error caught
    /// (the catalog is left as it was); `apply` checks the inner statement on a copy.
    static func apply(_ inner: SQLStatement, to catalog: inout SchemaCatalog,
                      checking apply: (SQLStatement, inout SchemaCatalog) -> [CatalogDiagnostic]) -> [CatalogDiagnostic] {
        var scratch = catalog
        let found = apply(inner, &scratch)
        let errors = found.filter { $0.severity == .error }
        if errors.isEmpty {
            catalog = scratch
            return found
        }
        if errors.allSatisfy({ $0.sqlState == "42710" }) { return [] }
        return errors
    }
}
