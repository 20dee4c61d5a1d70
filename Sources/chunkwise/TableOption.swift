import ArgumentParser
import Schema

/// Resolves `--table NAME` to a built-in table definition (REFERENCE.md §1).
enum TableOption {
    /// Built-in names, plus `market_data_numeric14_4` for the numeric(14,4) price variant.
    static func definition(_ name: String) throws -> TableDefinition {
        if name == "market_data_numeric14_4" { return NQPTables.marketDataNumeric14_4 }
        guard let t = NQPTables.all[name] else {
            let known = (NQPTables.all.keys.sorted() + ["market_data_numeric14_4"]).joined(separator: ", ")
            throw ValidationError("relation \"\(name)\" does not exist (built-in tables: \(known))")
        }
        return t
    }
}
