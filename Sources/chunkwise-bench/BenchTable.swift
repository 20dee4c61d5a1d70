import ArgumentParser
import Foundation
import Planner
import Schema

/// Number formats shared by the bench commands (tables are the Report layer's `TextTable`).
enum BenchTable {
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
