import Foundation
import LocalPostgres

/// PostgreSQL 15's side of the ingest row: `\copy market_data FROM FILE (FORMAT csv, HEADER)` into
/// the plain NQP table of sql/001 (primary key, unique key, foreign key to tickers, three indexes),
/// in a fresh database of the suite's throwaway cluster.
enum PostgresCopyWorkload {
    struct Result {
        var rows: Int
        /// psql's `\timing` of the COPY commands (client and server, one connection).
        var seconds: Double
        /// `pg_total_relation_size('market_data')`: heap, TOAST and indexes.
        var totalBytes: Int
    }

    static func run(_ files: [String], sqlDirectory: URL) throws -> Result {
        let cluster = try PostgresCluster.shared()
        let database = try cluster.createDatabase("copy")
        defer { _ = try? cluster.query("DROP DATABASE \(database)") }
        let schema = try String(contentsOf: sqlDirectory.appendingPathComponent("001_nqp_schema.sql"), encoding: .utf8)
        // The foreign key needs the tickers first; their ids are read from the files (not timed).
        var tickers = Set<Substring>()
        for path in files { tickers.formUnion(try tickerIDs(path)) }
        let inserts = tickers.sorted().enumerated().map { i, id in "('\(id)', 'T\(i)')" }.joined(separator: ",")
        try cluster.query(schema + (inserts.isEmpty ? "" : "\nINSERT INTO tickers (id, symbol) VALUES \(inserts);\n"), database: database)
        var script = "\\timing on\n"
        for path in files { script += "\\copy market_data FROM '\(path.replacingOccurrences(of: "'", with: "''"))' WITH (FORMAT csv, HEADER)\n" }
        let out = try cluster.psql(["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", database], input: script)
        let milliseconds = out.split(separator: "\n").compactMap { line -> Double? in
            guard line.hasPrefix("Time: ") else { return nil }
            return Double(line.dropFirst(6).split(separator: " ").first ?? "")
        }.reduce(0, +)
        let counts = try cluster.query("SELECT count(*), pg_total_relation_size('market_data') FROM market_data", database: database)
        let parts = counts.split(separator: "|").compactMap { Int($0) }
        guard parts.count == 2, milliseconds > 0 else { throw CommandFailure(message: "PostgreSQL COPY: unexpected psql output: \(out)") }
        return Result(rows: parts[0], seconds: milliseconds / 1000, totalBytes: parts[1])
    }

    /// The distinct second fields (ticker_id) of a market_data COPY CSV file.
    static func tickerIDs(_ path: String) throws -> Set<Substring> {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var ids = Set<Substring>()
        for line in text.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",", maxSplits: 2, omittingEmptySubsequences: false)
            if fields.count > 1 { ids.insert(fields[1]) }
        }
        return ids
    }
}
