import ArgumentParser
import Foundation
import Planner
import Schema

/// Plain-text tables and number formats shared by the bench commands.
enum BenchTable {
    /// A header, a rule and the rows, columns padded to their widest cell.
    static func table(_ header: [String], _ rows: [[String]], rightAligned: Set<Int>) -> [String] {
        var widths = header.map(\.count)
        for row in rows { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) } }
        func line(_ cells: [String]) -> String {
            var text = cells.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: max(0, widths[i] - cell.count))
                return rightAligned.contains(i) ? pad + cell : cell + pad
            }.joined(separator: "  ")
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }
        return [line(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")] + rows.map(line)
    }

    static func fixed(_ v: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", v) }
}

/// Resolves `--table NAME` to a built-in table definition.
enum TableOption {
    static func definition(_ name: String) throws -> TableDefinition {
        guard let t = TableResolution.builtIn(name) else {
            throw ValidationError("relation \"\(name)\" does not exist (built-in tables: \(TableResolution.builtInNames.joined(separator: ", ")))")
        }
        return t
    }
}

/// An error already worded for stderr; exits non-zero.
struct CommandFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

extension String {
    func leftPad(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
