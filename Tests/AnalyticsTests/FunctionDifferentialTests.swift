import Testing
import TestSupport
@testable import Analytics
import Schema

/// The four functions in-process against migration 010 on PostgreSQL 15: every call's COPY CSV
/// must be byte-identical.
@Suite(.serialized) struct FunctionDifferentialTests {
    @Test(.enabled(if: PostgresCluster.canRun, "needs postgresql-15")) func adversarialCasesMatchPostgres() throws {
        let server = try #require(try ReferenceServer.shared())
        let (dataset, calls) = try AdversarialDataset.build()
        // The same calls over the engine: 1-day chunks, every other chunk compressed.
        var engine = dataset.analytics(session: AnalyticsSession(now: 0))
        engine.marketData = try HypertableMarketData(hypertable: HypertableMarketDataTests.hypertable(
            dataset.bars, chunk: 24 * HypertableMarketDataTests.hour, layout: .partiallyCompressed, extraIndexed: false))
        let (bad, distinct) = try server.mismatches(calls, on: dataset, alsoOver: [("hypertable", engine)])
        #expect(bad.isEmpty, "\(bad.count) of \(calls.count) calls differ:\n\(bad.prefix(5).joined(separator: "\n"))")
        #expect(distinct >= 100, "only \(distinct) distinct answers to \(calls.count) calls")
    }

    @Test(.enabled(if: PostgresCluster.canRun, "needs postgresql-15"), arguments: 0..<24)
    func randomDatasetsMatchPostgres(seed: Int) throws {
        let server = try #require(try ReferenceServer.shared())
        let (dataset, calls) = try RandomDataset.build(seed: UInt64(seed))
        let (bad, distinct) = try server.mismatches(calls, on: dataset)
        #expect(distinct > calls.count / 4, "seed \(seed): only \(distinct) distinct answers to \(calls.count) calls")
        #expect(bad.isEmpty, "seed \(seed): \(bad.count) of \(calls.count) calls differ:\n\(bad.prefix(5).joined(separator: "\n"))")
    }
}
