import Foundation
import LocalPostgres
import Schema

/// `bench analytics`'s PostgreSQL side: a throwaway PostgreSQL 15 database with sql/001 and
/// sql/010 and the generated data, and the server-side time of one call.
///
/// `now()` is pinned with ``PinnedClock``, as in the differential suite (docs/ANALYTICS.md).
final class BenchPostgres {
    let cluster: PostgresCluster
    let database: String
    let prologue: String
    /// `EXPLAIN ANALYZE` runs per timing.
    let runs: Int

    init(data: BenchAnalyticsData, sqlDirectory: URL, runs: Int) throws {
        cluster = try PostgresCluster.shared()
        database = try cluster.createDatabase("bench")
        let schema = try String(contentsOf: sqlDirectory.appendingPathComponent("001_nqp_schema.sql"), encoding: .utf8)
        let functions = try String(contentsOf: sqlDirectory.appendingPathComponent("010_analytics_functions.sql"), encoding: .utf8)
        try cluster.query(schema + functions + "\n" + PinnedClock.schema + data.loadScript, database: database)
        prologue = PinnedClock.session(now: PGTimestamp.format(data.now))
        self.runs = runs
    }

    deinit { _ = try? cluster.query("DROP DATABASE \(database)") }

    private func psql(_ script: String) throws -> String {
        try cluster.psql(["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", database], input: prologue + script)
    }

    /// Median `Execution Time` and `Planning Time` (ns) of `runs` × `EXPLAIN (ANALYZE, TIMING OFF) SELECT * FROM call`.
    func time(_ call: String) throws -> (execution: Double, planning: Double) {
        let text = try psql(String(repeating: "EXPLAIN (ANALYZE, TIMING OFF) SELECT * FROM \(call);\n", count: runs))
        func median(_ label: String) -> Double {
            let values = text.split(separator: "\n").compactMap { line -> Double? in
                guard line.hasPrefix(label) else { return nil }
                return Double(line.dropFirst(label.count).split(separator: " ").first ?? "")
            }.sorted()
            return values.isEmpty ? .nan : values[values.count / 2] * 1_000_000
        }
        return (median("Execution Time: "), median("Planning Time: "))
    }

    /// Median `Execution Time` (ns) of the first `EXPLAIN (ANALYZE, TIMING OFF) SELECT * FROM call`
    /// in each of `sessions` new sessions: PostgreSQL's own first call, in a backend whose caches
    /// (catalog, function, plan) hold nothing of it yet, with the data in shared buffers.
    func firstCall(_ call: String, sessions: Int) throws -> Double {
        var values: [Double] = []
        for _ in 0..<max(1, sessions) {
            let text = try psql("EXPLAIN (ANALYZE, TIMING OFF) SELECT * FROM \(call);\n")
            for line in text.split(separator: "\n") where line.hasPrefix("Execution Time: ") {
                if let ms = Double(line.dropFirst("Execution Time: ".count).split(separator: " ").first ?? "") { values.append(ms * 1_000_000) }
            }
        }
        values.sort()
        return values.isEmpty ? .nan : values[values.count / 2]
    }

    /// `COPY (SELECT * FROM call) TO STDOUT WITH (FORMAT csv, HEADER)`, to check the answers agree.
    func csv(_ call: String) throws -> String {
        try psql("COPY (SELECT * FROM \(call)) TO STDOUT WITH (FORMAT csv, HEADER);\n") + "\n"
    }
}
