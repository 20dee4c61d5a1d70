import ArgumentParser
import Planner
import Schema

/// Resolves `--table NAME` to a built-in table definition (REFERENCE.md §1), through the same
/// `TableResolution` every data command uses.
enum TableOption {
    /// Built-in names, plus `market_data_numeric14_4` for the numeric(14,4) price variant.
    static func definition(_ name: String) throws -> TableDefinition {
        guard let t = TableResolution.builtIn(name) else {
            throw ValidationError("relation \"\(name)\" does not exist (built-in tables: \(TableResolution.builtInNames.joined(separator: ", ")))")
        }
        return t
    }
}
