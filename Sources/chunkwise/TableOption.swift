import ArgumentParser
import Planner
import Schema

/// The help texts of the inputs every data command shares (CLI.md "Inputs every data command
/// shares"): `--table`, `--schema` and the chunk interval's default, worded once.
enum TableHelp {
    static var table: String {
        "The table whose definition applies: built-in \(TableResolution.builtInNames.joined(separator: ", ")) "
            + "(market_data_numeric14_4 is market_data with numeric(14,4) prices), or one the --schema files define."
    }

    static let schema = "Migration SQL files replayed in order (CREATE TABLE, indexes, create_hypertable, compression, policies): "
        + "they replace or add table definitions and give the hypertable settings no flag gives."

    static var chunkInterval: String {
        "chunk_time_interval as interval text (default: the --schema migrations' create_hypertable, else '"
            + TableResolution.timescaleDefaultChunkIntervalText + "', TimescaleDB's default)."
    }
}

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
