import Foundation
import Schema

/// Resolves `--table` against the built-in NQP tables and any `--schema` migration files.
enum SchemaFiles {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func table(named name: String, schemaFiles: [String]) throws -> TableDefinition {
        if let builtIn = NQPTables.all[name], schemaFiles.isEmpty { return builtIn }
        throw Failure(description: "relation \"\(name)\" does not exist")
    }
}
