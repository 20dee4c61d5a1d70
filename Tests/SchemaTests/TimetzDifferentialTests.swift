import Testing
import TestSupport
@testable import Schema

/// `time with time zone` text against a real PostgreSQL 15 (session zone UTC, DateStyle ISO, MDY):
/// clock times in every spelling `timetz_in` reads (seconds, fractions, run-together `hhmmss`,
/// `t` labels, `am`/`pm`, numeric zones, abbreviations, zone names, a date in front) and damaged
/// ones; which it refuses, with what words and SQLSTATE, and how the accepted ones print.
@Suite("timetz input against PostgreSQL", .serialized)
struct TimetzDifferentialTests {
    static let functions = """
        CREATE TABLE lits (id integer, lit text);
        CREATE FUNCTION read_value(t text) RETURNS text LANGUAGE plpgsql AS $$
        BEGIN
          RETURN 'ok ' || t::timetz::text;
        EXCEPTION WHEN others THEN
          RETURN 'ERROR: ' || SQLSTATE || ' ' || SQLERRM;
        END $$;
        """

    static let fixed = [
        "", " ", "10:00", "10:00+05", "10:00-03:30", "10:00+05:30:15", " 10:00:00.123456 +05 ", "10:", "10:+05", "1000-05", "10.5",
        "1011.5", "101112", "1011", "101", "10:00 jan", "10:00 japan", "10:00 utc+3", "10:00 est5", "10:00 +foo", "10:00 america/new_york",
        "2024-07-01 10:00 america/new_york", "2024-01-05 10:00 America/New_York", "10:00 allballs", "allballs", "10:00 t", "t10:00",
        "t1000", "T101112", "10:00 pm", "13:00 pm", "12:00 am", "12:30 pm", "10:00 mon", "10:00 at", "10:00 +05 dst", "10:00 met dst",
        "10:00 dst", "10:00:60", "24:00", "24:00:00.1", "10:00:59.9999999", "10:00.5", "10:00:00.", "10:00+15:59:59", "10:00+16",
        "10:00+1:2:3", "10:00+0530", "10:00+530", "10:00 +05-3", "10:00+05:-3", "10:00 bc", "2024-02-30 10:00", "10:00 2024-02-30",
        "2024-02-29 10:00", "2023-02-29 10:00", "10:00 h 5", "h10m5", "10:00 j2451545", "j2451545.5", "10:00 etc/gmt+5", "10:00 zulu",
        "10:00 universal", "10:00 ist", "10:00 EST", "10:00 PST", "10:00 z", "10:00Z", "10:00 cet", "10:00 -infinity", "epoch",
        "10:00 today", "25:00", "10:60", "10:00:61", "-10:00", "10:00+99999999999", "99999999999:00", "10:00 +5", "10:00 -0", "1:2:3",
        "01:02:03.000000", "10:00:00.1234565", "10:00:00.1234575", "10-05", "10:00 05", "10:00,+05", "10:00;+05", "é", "10:00 é",
        "2024-01-05T10:00:00+05", "jan 5 2024 10:00", "5-jan-2024 10:00 +05", "10:00 +05 +06", "10:00 pst pdt", "10:00 am pm",
        "10:00 ad", "10:00 2024", "10:00 s 5", "10:00:00.5 +05:30 bc", "12:00:00 am +14", "10:00 +15", "10:00 -15:59",
        // Zones tzcode reads as POSIX specifications, with daylight time by the default rules.
        "10:00 am-03", "7:41 PM.16", "9:18 AM-05:24:60", "10:00 XYZ++4", "4:56 AM--0102", "10:00 c9t", "2024-07-05 1:49 AM-02t24",
        "2024-07-05 10:00 c9t", "2024-03-10 02:30 c9t", "2024-03-10 03:30 c9t", "2024-11-03 00:30 c9t", "2024-11-03 01:30 c9t",
        "1900-07-01 10:00 c9t", "99999999-07-01 10:00 c9t",
        // A date past the Julian-day range is taken as UTC by a zone with daylight time.
        "5000000-01-01 10:00 america/new_york", "99999999-01-01 10:00 america/new_york", "2147483647-01-01 10:00 america/new_york",
        "1960-07-01 10:00 America/New_York", "2147483648-01-01 10:00 america/new_york",
        // dst after a daylight, a dynamic or a standard abbreviation; a date with a dynamic one.
        "052242 nzdt dst", "10:00 msk dst", "10:00 dst est", "10:00 est dst", "10:00 dst", "10:00 dst dst +01", "1/5 10:00 msk",
        // The hour read as 64 bits, refused as an int after the rest of the field.
        "22147483647::48:25+7", "22147483647:48:25+7", "4294967306:05.5", "9223372036854775808:00", "08:,j82147483648:37 - 02",
        "mm5:01+10", "h05:39:53.551746 - 14", "T04:46:36 2147483648", "e8:51:50 y 12:38", "s0:41:+58748980+0243",
        // A POSIX zone whose daylight offset is its standard one is fixed.
        " 120546c9t.h09", "10:41 pm-0nan0", "10:00 abc5def5", "10:00 abc5def4",
    ]

    @Test(.enabled(if: PostgresCluster.canRun, "needs postgresql-15")) func randomTimesReadAsTheServerReadsThem() throws {
        var random = SeededGenerator(seed: 53)
        var cases = Self.fixed
        for _ in 0..<400 { cases.append(Self.time(&random)) }
        for _ in 0..<400 {
            cases.append(random.damage(Self.time(&random), replacements: [":", ".", "+", "-", " ", "0", "9", "5", "a", "z", "t", "/"], whenEmpty: "x"))
        }
        let answers = try PostgresCluster.answers(
            loading: cases.map { [$0] }, into: "lits", setup: Self.functions,
            select: "SELECT id, read_value(lit) FROM lits ORDER BY id", databasePrefix: "timetz")
        try #require(answers.count == cases.count && answers.allSatisfy { $0.count == 1 })
        var tally = DifferentialTally()
        for (i, text) in cases.enumerated() {
            let theirs = answers[i][0]
            let ours: String
            switch PGTimetzLiteral.parse(text) {
            case .success(let value): ours = "ok " + value.text
            case .failure(let error): ours = "ERROR: " + error.sqlState + " " + error.message
            }
            tally.compare(text.debugDescription, ours: ours, theirs: theirs, accepted: ours.hasPrefix("ok"))
        }
        tally.expectAgreement(of: "times", acceptedShare: 0.25...0.8)
    }

    /// A time of day in one of `timetz_in`'s spellings, mostly with a zone.
    static func time(_ random: inout SeededGenerator) -> String {
        func pick<T>(_ options: [T]) -> T { options[Int(random.next() % UInt64(options.count))] }
        func two(_ v: UInt64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let h = random.next() % 25, m = random.next() % 60, s = random.next() % 61
        let fraction = random.next() % 3 == 0 ? "." + String(random.next() % 10_000_000).prefix(Int(random.next() % 7) + 1) : ""
        var clock: String
        switch random.next() % 8 {
        case 0: clock = "\(h):\(two(m))"
        case 1: clock = two(h) + two(m) + two(s) + fraction
        case 2: clock = "T" + two(h) + ":" + two(m) + ":" + two(s)
        case 3: clock = "\(1 + h % 12):\(two(m)) " + pick(["am", "pm", "AM", "PM"])
        default: clock = two(h) + ":" + two(m) + ":" + two(s) + fraction
        }
        if random.next() % 8 == 0 { clock = pick(["2024-01-05 ", "1/5/2024 ", "Jan 5 2024 ", "20240105 ", "2023-12-31 "]) + clock }
        let zh = random.next() % 17, zm = random.next() % 60
        let sign = random.next() % 2 == 0 ? "+" : "-"
        let zone: String
        switch random.next() % 10 {
        case 0: zone = ""
        case 1: zone = sign + two(zh)
        case 2: zone = sign + two(zh) + ":" + two(zm)
        case 3: zone = sign + two(zh) + two(zm)
        case 4: zone = sign + "\(zh)"
        case 5: zone = sign + two(zh) + ":" + two(zm) + ":" + two(random.next() % 61)
        case 6: zone = " " + pick(["UTC", "EST", "pst", "ist", "cet", "z", "Zulu", "GMT", "nzdt", "Etc/GMT-3", "XYZ+4"])
        case 7: zone = " " + sign + " " + two(zh)
        default: zone = sign + two(zh % 15)
        }
        return (random.next() % 6 == 0 ? " " : "") + clock + zone + (random.next() % 6 == 0 ? "  " : "")
    }
}
