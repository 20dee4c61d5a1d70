import Foundation
import Schema
import Storage

/// Reads a `COPY … TO STDOUT WITH (FORMAT csv, HEADER)` file into a row set.
///
/// A stand-in until the Storage COPY reader (branch `ingest`) lands: quoted fields, doubled quotes,
/// empty unquoted field = NULL, header naming a subset of the table's columns (the rest take their
/// constant DEFAULT or NULL).
struct CopyCSVRows {
    struct Failure: Error, CustomStringConvertible {
        var file: String
        var line: Int
        var column: Int
        var message: String
        var description: String { "\(file):\(line):\(column): \(message)" }
    }

    static func read(path: String, table: TableDefinition) throws -> RowSet {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure(file: path, line: 0, column: 0, message: "could not open file \"\(path)\" for reading")
        }
        var rows = RowSet(table: table)
        var header: [Int] = []
        var lineNumber = 0
        var fields: [String?] = []
        var field = [UInt8]()
        var quoted = false, inQuotes = false
        var i = 0
        let bytes = [UInt8](data)
        func finishField() {
            fields.append(field.isEmpty && !quoted ? nil : String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            quoted = false
        }
        func finishRow() throws {
            lineNumber += 1
            defer { fields.removeAll(keepingCapacity: true) }
            if lineNumber == 1 {
                for (n, name) in fields.enumerated() {
                    guard let name, let c = table.columnIndex(name) else {
                        throw Failure(file: path, line: 1, column: n + 1,
                                      message: "column \"\(fields[n] ?? "")\" of relation \"\(table.name)\" does not exist")
                    }
                    header.append(c)
                }
                return
            }
            guard fields.count == header.count else {
                throw Failure(file: path, line: lineNumber, column: fields.count, message: "extra data after last expected column")
            }
            var row = table.columns.map { column -> Value in
                if case .value(let v)? = column.defaultValue { return v }
                return .null
            }
            for (n, text) in fields.enumerated() {
                let column = table.columns[header[n]]
                guard let text else { row[header[n]] = .null; continue }
                do { row[header[n]] = try Value.parse(text, as: column.type) } catch {
                    throw Failure(file: path, line: lineNumber, column: n + 1, message: "\(error)")
                }
            }
            rows.append(row: row)
        }
        while i < bytes.count {
            let b = bytes[i]
            if inQuotes {
                if b == UInt8(ascii: "\"") {
                    if i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\"") { field.append(b); i += 1 } else { inQuotes = false }
                } else { field.append(b) }
            } else if b == UInt8(ascii: "\"") {
                inQuotes = true
                quoted = true
            } else if b == UInt8(ascii: ",") {
                finishField()
            } else if b == UInt8(ascii: "\n") {
                finishField()
                try finishRow()
            } else if b != UInt8(ascii: "\r") {
                field.append(b)
            }
            i += 1
        }
        if !field.isEmpty || !fields.isEmpty {
            finishField()
            try finishRow()
        }
        return rows
    }
}
