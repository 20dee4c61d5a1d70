import Foundation
import Schema
import Storage

/// A tiny COPY-CSV splitter for tests (the Storage COPY reader replaces it once merged): header
/// names columns, empty unquoted field = NULL, `"…"` with doubled quotes.
enum CopyCSVFixture {
    struct Failure: Error { var message: String }

    static func rows(path: URL, table: TableDefinition, limit: Int = .max) throws -> RowSet {
        let text = try String(contentsOf: path, encoding: .utf8)
        return try rows(text: text, table: table, limit: limit)
    }

    static func rows(text: String, table: TableDefinition, limit: Int = .max) throws -> RowSet {
        var set = RowSet(table: table)
        var header: [Int] = []
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: true).enumerated() {
            let fields = split(line)
            if n == 0 {
                header = try fields.map { f in
                    guard let f, let c = table.columnIndex(f) else { throw Failure(message: "unknown column \(f ?? "")") }
                    return c
                }
                continue
            }
            if n > limit { break }
            var row = table.columns.map { col -> Value in
                if case .value(let v)? = col.defaultValue { return v }
                return .null
            }
            for (i, f) in fields.enumerated() {
                row[header[i]] = try f.map { try Value.parse($0, as: table.columns[header[i]].type) } ?? .null
            }
            set.append(row: row)
        }
        return set
    }

    static func split(_ line: Substring) -> [String?] {
        var out: [String?] = []
        var field = ""
        var quoted = false, inQuotes = false
        var chars = line.makeIterator()
        var pending: Character? = nil
        while let c = pending ?? chars.next() {
            pending = nil
            if inQuotes {
                if c == "\"" {
                    if let n = chars.next() {
                        if n == "\"" { field.append("\"") } else { inQuotes = false; pending = n }
                    } else { inQuotes = false }
                } else { field.append(c) }
            } else if c == "\"" { inQuotes = true; quoted = true }
            else if c == "," { out.append(field.isEmpty && !quoted ? nil : field); field = ""; quoted = false }
            else if c != "\r" { field.append(c) }
        }
        out.append(field.isEmpty && !quoted ? nil : field)
        return out
    }
}
