import Foundation
import Planner
import PostgresModel
import Schema

/// Resolves `--table` against the built-in NQP tables and any `--schema` migration files.
enum SchemaFiles {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The table as the migrations leave it (built-in definitions first, replaced by the files'),
    /// refusing files the server would reject.
    static func table(named name: String, schemaFiles: [String]) throws -> TableDefinition {
        guard !schemaFiles.isEmpty else {
            if let builtIn = TableResolution.builtIn(name) { return builtIn }
            throw Failure(description: "relation \"\(name)\" does not exist (built-in tables: \(TableResolution.builtInNames.joined(separator: ", ")))")
        }
        var inputs: [(name: String, text: String)] = []
        for f in schemaFiles {
            guard let data = FileManager.default.contents(atPath: f) else {
                throw Failure(description: "could not open file \"\(f)\" for reading: No such file or directory")
            }
            inputs.append((f, String(decoding: data, as: UTF8.self)))
        }
        let (findings, catalog) = MigrationCheck.run(files: inputs)
        for f in findings where f.severity == .error {
            throw Failure(description: "\(f.file):\(f.line): \(f.message) (run `chunkwise check` for all findings)")
        }
        if let t = catalog.tables[name] { return t }
        if let builtIn = TableResolution.builtIn(name) { return builtIn }
        throw Failure(description: "relation \"\(name)\" does not exist")
    }
}
