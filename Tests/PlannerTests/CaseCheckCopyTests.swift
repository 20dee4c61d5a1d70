import Foundation
import Testing
import Schema
import Storage
import TestSupport
@testable import Planner

/// A CHECK written with CASE is evaluated on COPY rows as PostgreSQL 15 evaluates it: the same
/// rows refused, by the same constraint.
@Suite("CASE in CHECK constraints against PostgreSQL", .serialized)
struct CaseCheckCopyTests {
    static let ddl = """
        CREATE TABLE orders (ts timestamptz NOT NULL, side text NOT NULL, qty integer NOT NULL, price numeric(10,2),
                             CONSTRAINT signed_qty CHECK (CASE side WHEN 'B' THEN qty > 0 WHEN 'S' THEN qty < 0 ELSE false END),
                             CONSTRAINT priced CHECK (CASE WHEN qty <> 0 THEN price IS NOT NULL END));
        """

    static let files: [String] = [
        "ts,side,qty,price\n2024-01-01 00:00:00+00,B,5,1.00\n2024-01-01 00:01:00+00,S,-5,2.00\n",
        "ts,side,qty,price\n2024-01-01 00:00:00+00,B,5,1.00\n2024-01-01 00:01:00+00,S,5,2.00\n",
        "ts,side,qty,price\n2024-01-01 00:00:00+00,X,5,1.00\n",
        "ts,side,qty,price\n2024-01-01 00:00:00+00,B,5,\n",
        "ts,side,qty,price\n2024-01-01 00:00:00+00,B,0,\n",
    ]

    @Test(.enabled(if: PostgresCluster.canRun, "needs postgresql-15")) func sameRowsRefused() throws {
        let table = try TableResolution.resolve(table: "orders", sources: [("orders.sql", Self.ddl)]).table
        #expect(table.checks.allSatisfy { $0.predicate.isEvaluable })
        for (i, outcome) in try CopyRefusalAgreement.outcomes(ddl: Self.ddl, table: "orders", files: Self.files,
                                                              databasePrefix: "casecheck").enumerated() {
            #expect(outcome.ours == outcome.theirs, "file \(i)")
        }
    }
}
