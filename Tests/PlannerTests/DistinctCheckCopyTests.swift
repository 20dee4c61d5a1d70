import Foundation
import Testing
import Schema
import Storage
import TestSupport
@testable import Planner

/// `IS [NOT] DISTINCT FROM` in CHECK constraints is evaluated on COPY rows as PostgreSQL 15
/// evaluates it (NULL is a value: two NULLs are not distinct); it was kept as text, so rows the
/// server refuses were loaded.
@Suite("IS DISTINCT FROM in CHECK constraints against PostgreSQL", .serialized)
struct DistinctCheckCopyTests {
    static let ddl = """
        CREATE TABLE quotes (ts timestamptz NOT NULL, bid numeric(10,2), ask numeric(10,2), venue text,
                             CONSTRAINT crossed CHECK (bid IS DISTINCT FROM ask),
                             CONSTRAINT known CHECK (venue IS NOT DISTINCT FROM 'X' OR venue IS NOT DISTINCT FROM 'Y'));
        """

    static let files: [String] = [
        "ts,bid,ask,venue\n2024-01-01 00:00:00+00,1.00,1.01,X\n2024-01-01 00:01:00+00,,1.01,Y\n",
        "ts,bid,ask,venue\n2024-01-01 00:00:00+00,1.00,1.00,X\n",
        "ts,bid,ask,venue\n2024-01-01 00:00:00+00,,,X\n",
        "ts,bid,ask,venue\n2024-01-01 00:00:00+00,1.00,,Z\n",
        "ts,bid,ask,venue\n2024-01-01 00:00:00+00,1.00,,\n",
        "ts,bid,ask,venue\n2024-01-01 00:00:00+00,2,2.00,Y\n",
    ]

    @Test(.enabled(if: PostgresCluster.canRun, "needs postgresql-15")) func sameRowsRefused() throws {
        let table = try TableResolution.resolve(table: "quotes", sources: [("quotes.sql", Self.ddl)]).table
        #expect(table.checks.allSatisfy { $0.predicate.isEvaluable })
        for (i, outcome) in try CopyRefusalAgreement.outcomes(ddl: Self.ddl, table: "quotes", files: Self.files,
                                                              databasePrefix: "distinctcheck").enumerated() {
            #expect(outcome.ours == outcome.theirs, "file \(i)")
        }
    }
}
