import Analytics
import Foundation
import TestSupport

/// The throwaway PostgreSQL 15 with the NQP schema and migration 010 applied, and a test clock.
///
/// The functions are created from sql/010 unchanged; `now()` is pinned with
/// `LocalPostgres.PinnedClock` (checked by `testClockReplacesNow`).
final class ReferenceServer: @unchecked Sendable {
    let cluster: PostgresCluster
    let database: String
    private let lock = NSLock()

    nonisolated(unsafe) private static var instance: ReferenceServer?
    private static let instanceLock = NSLock()

    /// nil (with a printed notice) when PostgreSQL is not installed outside CI.
    static func shared(for test: String = #function) throws -> ReferenceServer? {
        guard PostgresCluster.isInstalled || PostgresCluster.mustRun else {
            print("skipped \(test): PostgreSQL 15 is not installed (\(PostgresCluster.binDirectory))")
            return nil
        }
        instanceLock.lock()
        defer { instanceLock.unlock() }
        if let s = instance { return s }
        let s = try ReferenceServer()
        instance = s
        return s
    }

    private init() throws {
        cluster = try PostgresCluster.shared()
        database = try cluster.createDatabase("analytics")
        let root = SharedData.packageRoot.appendingPathComponent("sql")
        let schema = try String(contentsOf: root.appendingPathComponent("001_nqp_schema.sql"), encoding: .utf8)
        let functions = try String(contentsOf: root.appendingPathComponent("010_analytics_functions.sql"), encoding: .utf8)
        try cluster.query(schema + "\n" + functions + "\n" + PinnedClock.schema, database: database)
    }

    /// Runs a script in one session with the test clock in front of `pg_catalog`; returns stdout.
    /// Scripts run one at a time: datasets share the tables.
    func run(_ script: String) throws -> String {
        lock.lock()
        defer { lock.unlock() }
        let prologue = PinnedClock.session(now: "2000-01-01 00:00:00+00")
        return try cluster.psql(["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", database], input: prologue + script)
    }

    /// Loads a dataset and returns each call's COPY CSV output, in call order.
    func results(of calls: [AnalyticsCall], on dataset: AnalyticsDataset) throws -> [String] {
        var script = dataset.loadScript
        for (i, call) in calls.enumerated() {
            script += "\\echo '#call \(i)'\n" + call.script
        }
        let out = try run(script)
        var results: [String] = []
        var current: [Substring]?
        for line in out.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("#call ") {
                if let c = current { results.append(c.joined(separator: "\n") + "\n") }
                current = []
            } else {
                current?.append(line)
            }
        }
        if let c = current { results.append(c.joined(separator: "\n") + "\n") }
        return results
    }

    /// Every call whose in-process CSV differs from the server's, described, and how many distinct
    /// answers the server gave (a guard against suites that only ever compare empty results).
    func mismatches(_ calls: [AnalyticsCall], on dataset: AnalyticsDataset,
                    alsoOver others: [(String, NQPAnalytics)] = []) throws -> (mismatches: [String], distinctAnswers: Int) {
        let expected = try results(of: calls, on: dataset)
        guard expected.count == calls.count else { return (["server answered \(expected.count) of \(calls.count) calls"], 0) }
        let stores = [("in-memory", dataset.analytics(session: AnalyticsSession(now: 0)))] + others
        var bad: [String] = []
        for (call, pg) in zip(calls, expected) {
            for (name, analytics) in stores {
                let mine = try call.evaluate(analytics).csv
                if mine != pg { bad.append("\(call) over \(name)\n  PostgreSQL: \(pg.debugDescription)\n  Chunkwise:  \(mine.debugDescription)") }
            }
        }
        return (bad, Set(expected).count)
    }
}
