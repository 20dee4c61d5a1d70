import Testing
@testable import Schema

/// Interval text in the spellings PostgreSQL's `interval_in` reads, against what PostgreSQL 15.18
/// printed for each (`SELECT '…'::interval`) on a throwaway cluster here.
@Suite struct PGIntervalInputTests {
    static let answers: [(String, String)] = [
        ("7d", "7 days"), ("2w", "14 days"), ("1h30m", "01:30:00"), ("1d2h", "1 day 02:00:00"), ("1.5h", "01:30:00"),
        ("P1Y2M3DT4H5M6S", "1 year 2 mons 3 days 04:05:06"), ("P1W", "7 days"), ("PT1.5H", "01:30:00"),
        ("P0001-02-03T04:05:06", "1 year 2 mons 3 days 04:05:06"), ("P1DT", "1 day"), ("PT", "00:00:00"), ("P-1D", "-1 days"),
        ("1 c", "100 years"), ("2 centuries", "200 years"), ("3 decades", "30 years"), ("1 dec", "10 years"),
        ("2 millennia", "2000 years"), ("1 mil", "1000 years"), ("5 mseconds", "00:00:00.005"), ("5 useconds", "00:00:00.000005"),
        ("1 DAY", "1 day"), ("1h30", "01:00:30"), ("P0001-02T04:05", "1 year 2 mons 04:05:00"),
        ("P1", "1 year"), ("P1.5", "1 year 6 mons"), ("P1-2", "1 year 2 mons"), ("PT04:05:06", "04:05:06"), ("@ 1 hour", "01:00:00"), ("1 day 2 hours", "1 day 02:00:00"), ("3 days ago", "-3 days"),
    ]

    @Test func readsWhatPostgreSQLReads() {
        for (text, printed) in Self.answers {
            #expect(PGInterval(text: text)?.description == printed, "\(text)")
        }
    }

    @Test func refusesWhatPostgreSQLRefuses() {
        for text in ["P", "-P1D", "1 qtr", "PT1X", "P1Y2", "P1-2-3-4"] {
            #expect(PGInterval(text: text) == nil, "\(text)")
        }
    }
}
