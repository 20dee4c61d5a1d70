import Foundation
import Schema
import Testing
import TestSupport

/// Interval text as flags and migrations spell it, read by ``PGInterval`` and by PostgreSQL 15's
/// `::interval`: the same interval (printed as PostgreSQL prints it) or both refuse.
@Suite("Interval text against PostgreSQL", .serialized)
struct IntervalPostgresAgreementTests {
    static let texts = [
        "5", "-5", "+7", "1.5", "1 day 5", "1 day -5", "3 4:00", "7 days 12:00:00", "12 hours", "1 week", "2 mons",
        "730 days", "00:30:00", "-3 days", "1 day ago", "-1 year -1 mon", "12h", "5 ago", "5 1 day", "1 2", "fortnight", "1 parsec",
    ]

    static var postgresAvailable: Bool { PostgresCluster.isInstalled || PostgresCluster.mustRun }

    @Test(.enabled(if: postgresAvailable, "needs PostgreSQL 15 (required in CI)"))
    func sameIntervalOrBothRefuse() throws {
        let pg = try PostgresCluster.shared()
        for text in Self.texts {
            let server: String?
            do { server = try pg.query("SELECT '\(text.replacingOccurrences(of: "'", with: "''"))'::interval;") } catch { server = nil }
            #expect(PGInterval(text: text)?.description == server.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }, "\(text)")
        }
    }

    @Test func aBareNumberCountsSecondsAtTheEndAndDaysBeforeAClock() throws {
        #expect(PGInterval(text: "5") == PGInterval(microseconds: 5_000_000))
        #expect(PGInterval(text: "1 day 5") == PGInterval(days: 1, microseconds: 5_000_000))
        #expect(PGInterval(text: "3 4:00") == PGInterval(days: 3, microseconds: 4 * 3_600_000_000))
        #expect(PGInterval(text: "5 1 day") == nil)
    }
}
