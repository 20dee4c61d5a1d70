import Foundation
import Testing
import TestSupport
@testable import Schema

/// `timestamptz`, `timestamp` and `date` text against a real PostgreSQL 15 (DateStyle ISO, MDY):
/// every spelling is read as each of the three types in a UTC session, and the printed value, or
/// the refusal's SQLSTATE and words, compared with the server's. Hand-written hard cases (ISO
/// forms, zones in every form, month names, month-day-year order, run-together digits, Julian
/// days, eras, the reserved words, fractions, leap seconds, calendar and range edges, damaged
/// text) then spellings a seeded generator builds from fragments and damages. A smaller block
/// reads timestamptz in an `America/New_York` session across its DST gaps and overlaps, with 300
/// generated spellings. (Run once with 30,000 generated spellings on three seeds, and 5,000 in the
/// New York session: no mismatch but the known ones below.)
///
/// The words that read the clock (`now`, `today`, `tomorrow`, `yesterday`) are compared on their
/// own, against the server's transaction time, read with that clock (Chunkwise without a clock
/// refuses them). Left out on purpose: timestamps the server accepts past Chunkwise's end
/// (TimescaleDB's, 294247-01-02, where PostgreSQL's is 294277-01-01), which Chunkwise refuses as
/// out of range.
@Suite("timestamp, timestamptz and date input against PostgreSQL", .serialized)
struct TimestampInputDifferentialTests {
    static let setup = """
        CREATE TABLE lits (id integer, lit text);
        CREATE FUNCTION r_tz(t text) RETURNS text LANGUAGE plpgsql SET TimeZone = 'UTC' AS $$
        BEGIN RETURN 'ok ' || t::timestamptz::text; EXCEPTION WHEN others THEN RETURN SQLSTATE || ' ' || SQLERRM; END $$;
        CREATE FUNCTION r_ts(t text) RETURNS text LANGUAGE plpgsql SET TimeZone = 'UTC' AS $$
        BEGIN RETURN 'ok ' || t::timestamp::text; EXCEPTION WHEN others THEN RETURN SQLSTATE || ' ' || SQLERRM; END $$;
        CREATE FUNCTION r_d(t text) RETURNS text LANGUAGE plpgsql SET TimeZone = 'UTC' AS $$
        BEGIN RETURN 'ok ' || t::date::text; EXCEPTION WHEN others THEN RETURN SQLSTATE || ' ' || SQLERRM; END $$;
        CREATE FUNCTION r_ny(t text) RETURNS text LANGUAGE plpgsql SET TimeZone = 'America/New_York' AS $$
        BEGIN RETURN 'ok ' || t::timestamptz::text; EXCEPTION WHEN others THEN RETURN SQLSTATE || ' ' || SQLERRM; END $$;
        """

    static let handWritten: [String] = [
        // ISO forms.
        "2024-01-05", "2024-01-05 10:30", "2024-01-05 10:30:00", "2024-01-05T10:30:00", "2024-01-05t10:30:00", "2024-01-05 T10:30:00",
        "2024-01-05T103000", "2024-01-05 T 10:30", "2024-01-05T10:30:00Z", "2024-01-05T10:30:00.123456Z", "2024-01-05 10:30:00 Z",
        "2024-01-05T", "T10:30:00", "2024-01-05TT10:30", "2024-01-05T10", "2024-01-05T1030", "2024-01-05T10:30:00+05", " 2024-01-05 ",
        "\t2024-01-05\n10:00\r", "2024-1-5", "2024-1-5 1:2:3", "2024-01-05 10:30:00.", "2024-01-05 10:30:00.5.5", "2024-01-05 .5",
        "2024-01-05 10:30.5", "2024-01-05 30.5", "2024-01-05 10:30:00,5", "2024-01-05 10:30:00 ,", "2024-01-05,10:30",
        // Zones in every form.
        "2024-01-05 10:00Z", "2024-01-05 10:00 z", "2024-01-05 10:00+5", "2024-01-05 10:00 +5", "2024-01-05 10:00-0530",
        "2024-01-05 10:00 -0530", "2024-01-05 10:00+05:30:15", "2024-01-05 10:00-05:30:15", "2024-01-05 10:00+053015",
        "2024-01-05 10:00+0530:15", "2024-01-05 10:00 + 05", "2024-01-05 10:00 - 05:30", "2024-01-05 10:00+15:59:59",
        "2024-01-05 10:00+16", "2024-01-05 10:00-16:00", "2024-01-05 10:00+15:60", "2024-01-05 10:00+05:00:60", "2024-01-05 10:00+99999999999",
        "2024-01-05 10:00+", "2024-01-05 10:00 -", "2024-01-05 10:00+05+06", "2024-01-05 10:00 UTC", "2024-01-05 10:00 utc",
        "2024-01-05 10:00 GMT", "2024-01-05 10:00 UT", "2024-01-05 10:00 EST", "2024-01-05 10:00 EDT", "2024-07-05 10:00 EST",
        "2024-07-05 10:00 EDT", "2024-01-05 10:00 PST", "2024-01-05 10:00 CET", "2024-07-05 10:00 CEST", "2024-01-05 10:00 IST",
        "2024-01-05 10:00 JST", "2024-01-05 10:00 NZDT", "2024-01-05 10:00 MSK", "1999-09-28 22:15 AZST", "2024-01-05 10:00 ZULU", "2024-01-05 10:00 America/New_York",
        "2024-07-05 10:00 America/New_York", "2024-01-05 10:00 america/new_york", "2024-01-05 10:00 Europe/Berlin",
        "2024-01-05 10:00 Asia/Kolkata", "2024-01-05 10:00 Australia/Lord_Howe", "2024-01-05 10:00 PST8PDT", "2024-07-05 10:00 PST8PDT",
        "2024-01-05 10:00 EST5EDT", "2024-01-05 10:00 EST5", "2024-01-05 10:00 Etc/GMT+5", "2024-01-05 10:00 Etc/GMT-14",
        "2024-01-05 10:00 UTC+3", "2024-01-05 10:00 utc-3", "2024-01-05 10:00 Japan", "2024-01-05 10:00 Universal",
        "2024-01-05 10:00 Nowhere/Special", "2024-01-05 10:00 bogus", "2024-01-05 10:00 xyz+5", "2024-07-05 10:00 c9t",
        "2024-01-05 10:00 MET DST", "2024-01-05 10:00 DST", "2024-01-05 10:00 EDT DST", "2024-01-05 10:00 +05 DST",
        "2024-01-05 10:00 America/New_York DST", "2024-01-05 10:00 MSK DST", "2024-01-05 10:00 EST PST", "2024-01-05 10:00 UTC+05",
        "America/New_York 2024-01-05 10:00", "2024-01-05 America/New_York", "2024-01-05 America/New_York 10:00",
        "2024-01-05 10:00 +05 America/New_York", "2024-01-05 103000-05", "2024-01-05 103000+05", "2024-01-05 1030-05",
        // Month names.
        "Jan 5 2024", "5 January 2024", "2024-Jan-05", "05-Jan-2024", "Jan-05-2024", "January 5, 2024", "jan 5, 2024 10:00",
        "Fri Jan 05 10:00:00 2024", "Fri Jan 05 10:00:00 2024 UTC", "Fri Jan 05 10:00:00.5 2024 PST", "Friday, January 5, 2024",
        "Sept 9 2024", "Sep 9 2024", "September 31 2024", "Jan 5", "5 Jan", "Jan 2024", "Jan Feb 5 2024", "5 Jan 24", "Jan 5 24",
        "Jan 5 99", "Jan 5 100", "Jan 5 10000", "Jan 5 123456", "2024 Jan 5", "24 Jan 5", "Jan 5 2024 Jan", "Jan-5-2024-6",
        "1 5 Jan 2024", "5 Jan 2024 10:00 am", "Jan 5 2024 12:00 am", "Jan 5 2024 12:00 pm", "Jan 5 2024 12:30am",
        "Jan 5 2024 13:00 pm", "Jan 5 2024 0:30 am", "Jan 5 2024 10pm", "Jan 5 2024 10 pm", "Jan 5 2024 am", "Jan 5 2024 am pm",
        "mon Jan 5 2024", "mon tue Jan 5 2024", "Jan 5 2024 on", "at Jan 5 2024", "Janu 5 2024", "jAN 5 2024", "Jan5 2024", "Jan 5th 2024",
        "5/Jan/2024", "2024/Jan/5", "Jan.5.2024", "2024.jan.05", "jan-2024-05", "Jan 05 103000 2024", "Jan 05 103000 America/New_York 2024",
        // Month-day-year order and other digit forms.
        "01/02/2024", "1/2/2024", "01/02/24", "01/02/99", "01/02/100", "13/02/2024", "01/32/2024", "01-02-2024", "01.02.2024",
        "2024/01/02", "2024/1/2", "01/02", "01/02/2024/03", "1/2/3", "99/99/99", "2024.01.05", "2024.5", "2024.360", "2024.366", "2023.366",
        "2024-360", "2024 360", "20240105", "20240105T103000", "20240105T1030", "20240105 103000", "20240105 1030", "20240105T103000.5",
        "20240105T103000Z", "20240105T103000+05", "20240105T103000-05", "240105", "240105 103000", "0105", "105", "2024 01 05",
        "2024 1 5", "1 2 2024", "20240105103000", "2024010510", "202401051", "2024-01-05 103000", "2024-01-05 1030", "2024-01-05 10300",
        "2024-01-05 256199", "2024-01-05 2561", "2024-01-05 103000.5", "2024-01-05 1030.5", "2024-01-05 10.5", "2024-01-05 12345",
        "20240105 12345", "2024-01-05 10", "2024-01-05 10 11", "10000-01-05", "Jan 5 2024 10000",
        // ISO labels and Julian days.
        "J2451545", "j2451545", "J2451545.5", "J2451545.25 10:00", "J 2451545", "julian 2451545", "jd 2451545", "J0", "J-1", "J2451545-05",
        "J2451545+05:30", "J2451545 10:00", "J2451545 10:00 +05", "J5373484", "J2147483647", "J2147483648", "J1", "J2451545.",
        "y2024m01d05", "y2024 m01 d05", "y2024m1d5h10mm30s15", "2024-01-05 h10 mm30 s15.5", "2024-01-05 h 99", "2024-01-05 s 5",
        "y2024", "d5 m1 y2024", "2024-01-05 t103000", "2024-01-05 t10:30", "2024-01-05 t", "t 2024-01-05", "2024-01-05 t103000-05",
        "2024-01-05 t1030.5", "2024-01-05 dow 5", "2024-01-05 doy 5", "2024-01-05 j", "epoch j",
        // Eras.
        "2024-01-05 BC", "2024-01-05 AD", "2024-01-05 bc", "2024-01-05 10:00 BC", "0001-01-01 BC", "0001-01-01 AD", "0000-01-01",
        "0000-01-01 BC", "4713-01-01 BC", "4713-11-24 BC", "4714-11-24 BC", "4714-11-23 BC", "4714-11-24 00:00:00+01 BC",
        "4714-11-23 23:00:00-01 BC", "4714-12-31 BC", "4715-01-01 BC", "4714-01-01 BC", "5000-01-01 BC", "Jan 5 2024 BC", "BC 2024-01-05",
        "2024-01-05 BC BC", "2024-01-05 BC AD", "1/2/24 BC", "2024-01-05 10:00 +05 BC", "J1 BC", "0 BC",
        // The reserved words.
        "epoch", "EPOCH", " epoch ", "infinity", "Infinity", "-infinity", "+infinity", "- infinity", "-Infinity", "infinity 2024",
        "epoch 10:00", "epoch +05", "epoch bc", "infinity pm", "allballs", "2024-01-05 allballs", "2024-01-05 10:00 allballs",
        "allballs 2024-01-05", "current", "infinite", "epochs", "-epoch",
        // Fractions: 0 to 10 digits and rounding.
        "2024-01-05 10:00:00.", "2024-01-05 10:00:00.1", "2024-01-05 10:00:00.12", "2024-01-05 10:00:00.123",
        "2024-01-05 10:00:00.1234", "2024-01-05 10:00:00.12345", "2024-01-05 10:00:00.123456", "2024-01-05 10:00:00.1234565",
        "2024-01-05 10:00:00.1234575", "2024-01-05 10:00:00.12345678", "2024-01-05 10:00:00.123456789", "2024-01-05 10:00:00.1234567890",
        "2024-01-05 10:00:00.9999995", "2024-01-05 23:59:59.9999999", "2024-01-05 23:59:60.9999999", "2024-01-05 10:00:00.000000000001",
        // Leap seconds and the end of the day.
        "2024-01-05 23:59:60", "2024-12-31 23:59:60", "2024-01-05 23:59:60.5", "2024-01-05 23:59:61", "2024-01-05 24:00:00",
        "2024-01-05 24:00", "2024-01-05 24:00:00.1", "2024-01-05 24:00:01", "2024-01-05 24:01", "2024-01-05 25:00", "2024-01-05 10:60",
        "2024-01-05 10:59:60", "2024-01-05 -10:00", "2024-01-05 00:00", "2024-01-05 0:0:0", "2024-01-05 000:000:000", "2024-01-05 1:2",
        "2024-01-05 10:30:00:00", "2024-01-05 10::30", "2024-01-05 10:", "2024-01-05 :30", "2024-12-31 24:00:00", "2024-01-05 99999999999:00",
        "2024-01-05 9223372036854775808:00", "2024-01-05 2147483648:00", "2024-01-05 4294967306:05.5",
        // Leap days and centuries.
        "2024-02-29", "2023-02-29", "2000-02-29", "1900-02-29", "2100-02-29", "2400-02-29", "1600-02-29", "0004-02-29", "0100-02-29",
        "0400-02-29", "0004-02-29 BC", "0005-02-29 BC", "0001-02-29 BC", "02/29/2023", "Feb 29 1900", "Feb 29 2000", "2024-02-30",
        "2024-04-31", "2024-06-30", "2024-00-05", "2024-13-05", "2024-01-00", "2024-01-32", "2024-12-31", "2024-366",
        // Years: 0, 1, 99, 100, big ones and the ends of both ranges.
        "0-01-01", "1-01-01", "01-01-01", "001-01-01", "0001-01-01", "99-01-05", "099-01-05", "100-01-05", "0100-01-05", "999-12-31",
        "294246-12-31", "294247-01-01", "294247-01-01 23:59:59.999999", "294247-01-02", "294247-01-01 23:00:00-05",
        "294276-12-31 23:59:59.999999", "294277-01-01", "294277-01-01 00:00:00+01", "294276-12-31 23:59:59-01", "5874897-12-31",
        "5874898-01-01", "5874898-05-31", "5874898-06-01", "5874897-12-31 BC", "1000000-01-01", "99999999-01-01", "100000000-01-01",
        "999999999-01-01", "2147483647-01-01", "2147483648-01-01", "3000000000-01-01", "10000000000-01-01", "99999999999999999999-01-01",
        "2147483647-100", "99999999-100", "Jan 5 2147483647", "Jan 5 2147483648", "2024-01-2147483648", "2024-2147483648-05",
        // Damage: doubled separators, trailing garbage, lone signs, empty, blanks, unicode.
        "", " ", "   ", "\t", "-", "+", "--", "++", ":", ".", "/", "T", "Z", "2024--01-05", "2024-01--05", "2024-01-05  10:00",
        "2024-01-05 10::00", "2024-01-05 10:00:", "2024//01/05", "2024-01-05x", "2024-01-05 x", "2024-01-05 10:00 x", "2024-01-05!",
        "2024-01-05 10:00;", "2024-01-05 10:00 ...", "2024-01-05-", "2024-01-05/", "2024-01-05 -", "2024-01-05 +", "x2024-01-05",
        "2024-01-05 10:00 é", "é", "2024-01-05 ü", "2024‐01‐05", "２０２４-01-05", "2024-01-05 10:00 🙂", "2024-01-05\u{00A0}10:00",
        "2024-01-05 10:00 Z Z", "2024-01-05 10:00 +05 +06", "2024-01-05 10:00 10:00", "2024-01-05 2024-01-05", "10:00", "10:00 +05",
        "2024", "2024-01", "2024-01-05-06", "2024-01-05-06-07", "1-2-3-4-5-6-7-8-9-10-11-12-13-14-15-16-17-18-19-20-21-22-23-24-25-26",
        "a-b-c", "2024-ab-05", "2024-01-ab", "2024-01-05abc", "2024-01-05 abc+5", "2024-01-05 10:00abc", "12345678901234567890",
        "1234567890123456789012345678901234567890", String(repeating: "9", count: 200), String(repeating: "1", count: 5000),
        String(repeating: "2024-01-05 ", count: 13), String(repeating: "x ", count: 30), String(repeating: "1 ", count: 25),
        String(repeating: "1 ", count: 26), String(repeating: "1 ", count: 24) + "2024-01-05",
        "2024-01-05 10:00 " + String(repeating: "a", count: 110), "2024-01-05 10:00 " + String(repeating: "a", count: 130),
        "2024-01-05 10:00 " + String(repeating: "a", count: 140), "2024-01-05 " + String(repeating: " ", count: 200) + "10:00",
        "2024-01-05 10:00:00." + String(repeating: "1", count: 104), "2024-01-05 10:00:00." + String(repeating: "1", count: 120),
        "2024-01-05 10:00:00." + String(repeating: "1", count: 130), "2024-01-05 10:00:00." + String(repeating: "1", count: 140),
        String(repeating: "0", count: 123) + "20240105", String(repeating: "0", count: 140) + "20240105",
        String(repeating: "at ", count: 30) + "2024-01-05", String(repeating: "at ", count: 24) + "2024-01-05",
    ]

    /// Spellings for a session in America/New_York: its gaps (02:00–03:00 on the second Sunday of
    /// March since 2007) and overlaps (01:00–02:00 on the first Sunday of November), history
    /// (1883's local mean time, 1918's first DST, 1974's winter DST), zones written or not.
    static let newYork: [String] = {
        var out = [
            "2024-03-10 01:59:59", "2024-03-10 02:00:00", "2024-03-10 02:30:00", "2024-03-10 02:59:59.999999", "2024-03-10 03:00:00",
            "2024-11-03 00:59:59", "2024-11-03 01:00:00", "2024-11-03 01:30:00", "2024-11-03 01:59:59", "2024-11-03 02:00:00",
            "2024-11-03 01:30:00 EDT", "2024-11-03 01:30:00 EST", "2024-11-03 01:30:00-04", "2024-03-10 02:30:00 America/New_York",
            "2024-03-10 02:30:00 UTC", "2024-03-10 02:30:00 Europe/London", "2024-03-31 01:30:00 Europe/London", "2024-10-27 01:30 Europe/London",
            "Mar 10 2024 2:30 am", "03/10/2024 02:30", "20240310T023000", "2024-03-10", "2024-11-03", "epoch", "infinity", "-infinity",
            "1883-11-18 12:00:00", "1883-11-18 11:59:59", "1800-01-01 00:00", "1918-03-31 02:30", "1974-01-06 02:30", "1974-01-06 03:30",
            "2007-03-11 02:30", "2006-04-02 02:30", "2006-03-12 02:30", "2037-03-08 02:30", "2100-03-14 02:30", "2100-11-07 01:30",
            "4714-11-24 00:00:00 BC", "4714-11-24 04:56:02 BC", "4714-11-24 04:56:01 BC", "294246-12-31 18:00", "294247-01-01 18:59:59",
            "294247-01-01 19:00", "294247-01-01 19:00 UTC", "2024-03-10 02:30 PST8PDT", "2024-03-10 02:30 EST5EDT", "2024-03-10 02:30 c9t",
            "J2451545", "allballs 2024-03-10", "2024-03-10 allballs", "2024-07-04 12:00 MSK",
        ]
        for day in [9, 10, 11] {
            for hour in [0, 1, 2, 3, 23] { out.append("2024-03-\(day) \(hour):15:00") }
        }
        for day in [2, 3, 4] {
            for hour in [0, 1, 2, 23] { out.append("2024-11-0\(day) \(hour):45:00") }
        }
        for year in [1950, 1966, 1987, 2000, 2020, 2050, 3000] {
            out.append("\(year)-03-15 02:30")
            out.append("\(year)-11-05 01:30")
            out.append("\(year)-04-28 02:30")
            out.append("\(year)-10-29 01:30")
        }
        return out
    }()

    // MARK: Generated spellings

    static func pick<T>(_ options: [T], _ random: inout SeededGenerator) -> T { options[Int(random.next() % UInt64(options.count))] }
    static func pad(_ v: UInt64, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    /// A year: mostly ordinary, sometimes at an edge.
    static func year(_ random: inout SeededGenerator) -> UInt64 {
        switch random.next() % 8 {
        case 0: return pick([0, 1, 2, 99, 100, 400, 1582, 1600, 1900, 1970, 2000, 2100, 4713, 4714, 4715, 9999, 10000,
                             294246, 294247, 294276, 294277, 5874897, 5874898, 99999999, 100000000, 2147483647], &random)
        case 1: return random.next() % 10_000
        default: return 1900 + random.next() % 200
        }
    }

    static func date(_ random: inout SeededGenerator) -> String {
        let y = year(&random), m = random.next() % 14, d = random.next() % 33
        let mm = pad(m, random.next() % 2 == 0 ? 2 : 1), dd = pad(d, random.next() % 2 == 0 ? 2 : 1)
        let months = ["Jan", "feb", "MARCH", "Apr", "may", "June", "jul", "Aug", "sept", "Oct", "november", "DEC"]
        let name = m >= 1 && m <= 12 ? months[Int(m) - 1] : pick(["Foo", "Janu", "J"], &random)
        let yy = pad(y % 100, 2)
        switch random.next() % 14 {
        case 0, 1, 2, 3: return "\(pad(y, 4))-\(mm)-\(dd)"
        case 4: return "\(mm)/\(dd)/\(pad(y, 4))"
        case 5: return "\(mm)/\(dd)/\(yy)"
        case 6: return "\(name) \(d) \(y)"
        case 7: return "\(d) \(name) \(y)"
        case 8: return "\(pad(y, 4))-\(name)-\(dd)"
        case 9: return "\(dd)-\(name)-\(pad(y, 4))"
        case 10: return "\(pad(y, 4))\(pad(m, 2))\(pad(d, 2))"
        case 11: return "\(yy)\(pad(m, 2))\(pad(d, 2))"
        case 12: return "J\(random.next() % 6_000_000)"
        default: return "\(pad(y, 4)).\(pad(random.next() % 370, 3))"
        }
    }

    static func time(_ random: inout SeededGenerator) -> String {
        let h = random.next() % 26, m = random.next() % 61, s = random.next() % 62
        let digits = Int(random.next() % 11)
        let fraction = random.next() % 3 == 0 ? "." + String(String(random.next()).prefix(digits)) : ""
        switch random.next() % 7 {
        case 0: return "\(pad(h, 2)):\(pad(m, 2))"
        case 1: return "\(pad(h, 2))\(pad(m, 2))\(pad(s, 2))\(fraction)"
        case 2: return "\(h % 13):\(pad(m, 2)) \(pick(["am", "pm", "AM", "PM"], &random))"
        default: return "\(pad(h, 2)):\(pad(m, 2)):\(pad(s, 2))\(fraction)"
        }
    }

    static func zone(_ random: inout SeededGenerator) -> String {
        let sign = pick(["+", "-"], &random)
        let h = random.next() % 17, m = random.next() % 61
        switch random.next() % 12 {
        case 0: return "Z"
        case 1: return "\(sign)\(h)"
        case 2: return "\(sign)\(pad(h, 2))\(pad(m, 2))"
        case 3: return "\(sign)\(pad(h, 2)):\(pad(m, 2))"
        case 4: return "\(sign)\(pad(h, 2)):\(pad(m, 2)):\(pad(random.next() % 61, 2))"
        case 5, 6: return " " + pick(["UTC", "GMT", "EST", "EDT", "PST", "PDT", "CET", "CEST", "IST", "JST", "NZDT", "AEST", "BST", "z"], &random)
        case 7, 8: return " " + pick(["America/New_York", "Europe/Berlin", "Asia/Tokyo", "Australia/Adelaide", "PST8PDT", "EST5EDT",
                                      "Etc/GMT+3", "UTC+2", "Japan", "Asia/Kathmandu", "America/St_Johns"], &random)
        case 9: return " \(sign)\(pad(h, 2))"
        case 10: return " " + pick(["DST", "MET DST", "bogus", "Mars/Olympus"], &random)
        default: return ""
        }
    }

    /// Fields of every kind `ParseDateTime` cuts, for spellings of loose fields in any order.
    static let soup = [
        "2024", "24", "5", "05", "12", "31", "366", "10000", "240105", "20240105", "103000", "1030", "103000.5", "2024.01.05",
        "10:30", "10:30:00.5", "25:00", "24:00", "10:30:60", "2024-01-05", "1/5/2024", "5-jan-2024", "jan", "January", "fri",
        "am", "pm", "bc", "ad", "at", "on", "t", "j", "y", "m", "d", "h", "mm", "s", "dow", "dst", "z", "utc", "est", "edt", "msk",
        "+05", "-0530", "+05:30:15", "+16", "america/new_york", "europe/berlin", "pst8pdt", "utc+3", "c9t", "epoch", "infinity",
        "-infinity", "allballs", ".5", "2451545", "103000-05", "foo", "é", ",", "-", "/",
    ]

    /// A spelling built from fragments, sometimes damaged.
    static func generated(_ random: inout SeededGenerator) -> String {
        var text: String
        if random.next() % 5 == 0 {
            let count = 1 + Int(random.next() % 6)
            return (0..<count).map { _ in pick(soup, &random) }.joined(separator: pick([" ", " ", "", ",", "  "], &random))
        }
        switch random.next() % 6 {
        case 0: text = date(&random)
        case 1: text = time(&random) + " " + date(&random)
        default:
            let separator = pick([" ", " ", " ", "T", "t", "  ", ", "], &random)
            text = date(&random) + separator + time(&random) + zone(&random)
        }
        if random.next() % 6 == 0 { text += pick([" BC", " AD", " bc", " pm", " mon", " at", " allballs", " 2024"], &random) }
        if random.next() % 5 == 0 { text = pick(["Fri ", "monday ", "on ", "t", "j ", "y"], &random) + text }
        if random.next() % 4 == 0 {
            text = random.damage(text, replacements: [":", ".", "+", "-", " ", "/", "0", "9", "1", "a", "T", "Z", "j", "é"], whenEmpty: "x")
        }
        return text
    }

    // MARK: Comparison

    static let clockWords = ["now", "today", "tomorrow", "yesterday"]

    /// The words that read the clock: the server gives the time of the query, Chunkwise refuses.
    static func readsClock(_ text: String) -> Bool {
        let lower = text.lowercased()
        return clockWords.contains { lower.contains($0) }
    }

    /// A timestamp the server accepts at or past Chunkwise's end (294247-01-02, TimescaleDB's) and
    /// Chunkwise refuses as out of range: the one intended difference between the two ranges.
    static func pastChunkwisesEnd(ours: String, theirs: String) -> Bool {
        guard theirs.hasPrefix("ok "), !theirs.hasSuffix(" BC"), ours.hasPrefix("22008 timestamp out of range") else { return false }
        let year = theirs.dropFirst(3).prefix(while: { $0.isNumber })
        return (Int(year) ?? 0) >= 294_247
    }

    /// The server's words with the text as Chunkwise quotes it: past 256 bytes Chunkwise shows
    /// the first 256 and the length (``ValueError/quoted(_:)``), the server all of it.
    static func theirs(_ answer: String, text: String) -> String {
        guard text.utf8.count > 256, !answer.hasPrefix("ok "), let quote = answer.firstIndex(of: "\"") else { return answer }
        return answer[..<quote] + ValueError.quoted(text)
    }

    /// A difference known and not the reader's: the POSIX-named zones `PST8PDT`, `EST5EDT`,
    /// `CST6CDT` and `MST7MDT` before 1967. The server's zone data keeps them as zones of their own
    /// (standard time back to the beginning, daylight time by the US-wide rules: the wars, then
    /// from 1967); Foundation's, which ``PGTimeZone`` reads, has them as links to Los Angeles, New
    /// York, Chicago and Denver: local mean time before 1883-11-18, the cities' own summer times.
    ///
    /// And one of the reader's, left: an abbreviation the `Default` set defines through a zone
    /// (`DYNTZ`: `MSK`, `AZST`, …) takes the offset it had in that zone's history on the date
    /// written on the server, and today's offset here (``PGZoneAbbreviations/dynamic``).
    static func knownDifference(_ text: String, ours: String, theirs: String) -> String? {
        let lower = text.lowercased()
        let words = lower.split(whereSeparator: { !$0.isLetter }).map(String.init)
        if ours.hasPrefix("ok "), theirs.hasPrefix("ok "), words.contains(where: { PGZoneAbbreviations.dynamic.contains($0) }) {
            return "dynamic zone abbreviation: the server takes its offset on the date written, Chunkwise today's"
        }
        guard ["pst8pdt", "est5edt", "cst6cdt", "mst7mdt"].contains(where: { lower.contains($0) }),
              ours.hasPrefix("ok "), theirs.hasPrefix("ok ") else { return nil }
        let year = Int(theirs.dropFirst(3).prefix(while: { $0.isNumber })) ?? 0
        guard theirs.hasSuffix(" BC") || year < 1967 else { return nil }
        return "PST8PDT-style zone before 1967: the server's zone data has its own history, Foundation's the city's it links to"
    }

    static func ours(_ text: String, _ type: PGType, zone: PGTimeZone = .utc, clock: Int64? = nil) -> String {
        do throws(ValueError) {
            func read(_ type: PGType) throws(ValueError) -> Int64 {
                if let clock { return try PGTimestamp.parse(text, zone: zone, type: type, clock: clock) }
                return try PGTimestamp.parse(text, zone: zone, type: type)
            }
            switch type {
            case .date: return "ok " + PGTimestamp.formatDate(try PGTimestamp.parseDate(text))
            case .timestamp: return "ok " + PGTimestamp.formatLocal(try read(.timestamp))
            default: return "ok " + PGTimestamp.format(try read(.timestamptz), zone: zone)
            }
        } catch {
            return error.sqlState + " " + error.message
        }
    }

    static func spellings() -> [String] {
        var random = SeededGenerator(seed: 2024_0105)
        var all = handWritten
        for _ in 0..<1_400 { all.append(generated(&random)) }
        // Not compared: the clock words (see the suite's note).
        return all.filter { !readsClock($0) }
    }

    @Test(.enabled(if: PostgresCluster.canRun, "needs postgresql-15")) func spellingsReadAsTheServerReadsThem() throws {
        let cases = Self.spellings()
        #expect(cases.count >= 1_500)
        let answers = try PostgresCluster.answers(
            loading: cases.map { [$0] }, into: "lits", setup: Self.setup,
            select: "SELECT id, r_tz(lit), r_ts(lit), r_d(lit) FROM lits ORDER BY id", databasePrefix: "tsinput")
        try #require(answers.count == cases.count && answers.allSatisfy { $0.count == 3 })
        var mismatches = 0, compared = 0, pastEnd = 0, accepted = 0, known = 0
        for (i, text) in cases.enumerated() {
            for (k, type) in [PGType.timestamptz, .timestamp, .date].enumerated() {
                let theirs = Self.theirs(answers[i][k], text: text), ours = Self.ours(text, type)
                if Self.pastChunkwisesEnd(ours: ours, theirs: theirs) { pastEnd += 1; continue }
                compared += 1
                if theirs.hasPrefix("ok ") { accepted += 1 }
                guard ours != theirs else { continue }
                let line = "\(type.sqlName) \(text.debugDescription): ours \(ours.debugDescription) theirs \(theirs.debugDescription)"
                if let reason = Self.knownDifference(text, ours: ours, theirs: theirs) {
                    known += 1
                    withKnownIssue(Comment(rawValue: reason), isIntermittent: true) { Issue.record(Comment(rawValue: line)) }
                } else {
                    mismatches += 1
                    Issue.record(Comment(rawValue: line))
                }
            }
        }
        print("timestamp input differential: \(cases.count) spellings, \(compared) readings compared, \(mismatches) mismatches, \(known) known, \(pastEnd) past Chunkwise's end left out, \(accepted) accepted")
        #expect(mismatches == 0, "\(mismatches) of \(compared) readings differ (\(cases.count) spellings, \(pastEnd) past Chunkwise's end left out)")
        // Both what is read and what is refused are tested.
        #expect(accepted > compared / 5 && accepted < compared * 4 / 5, "\(accepted) of \(compared) accepted")
    }

    @Test(.enabled(if: PostgresCluster.canRun, "needs postgresql-15")) func aNewYorkSessionReadsLocalTimeAsTheServerDoes() throws {
        let ny = try #require(PGTimeZone(name: "America/New_York"))
        var random = SeededGenerator(seed: 1_883_11_18)
        var cases = Self.newYork
        for _ in 0..<300 { cases.append(Self.generated(&random)) }
        cases = cases.filter { !Self.readsClock($0) }
        let answers = try PostgresCluster.answers(
            loading: cases.map { [$0] }, into: "lits", setup: Self.setup,
            select: "SELECT id, r_ny(lit) FROM lits ORDER BY id", databasePrefix: "tsinputny")
        try #require(answers.count == cases.count && answers.allSatisfy { $0.count == 1 })
        var mismatches = 0
        for (i, text) in cases.enumerated() {
            let theirs = Self.theirs(answers[i][0], text: text), ours = Self.ours(text, .timestamptz, zone: ny)
            if Self.pastChunkwisesEnd(ours: ours, theirs: theirs) { continue }
            if ours != theirs {
                if let reason = Self.knownDifference(text, ours: ours, theirs: theirs) {
                    withKnownIssue(Comment(rawValue: reason), isIntermittent: true) {
                        Issue.record(Comment(rawValue: "\(text.debugDescription): ours \(ours.debugDescription) theirs \(theirs.debugDescription)"))
                    }
                    continue
                }
                mismatches += 1
                Issue.record("\(text.debugDescription): ours \(ours.debugDescription) theirs \(theirs.debugDescription)")
            }
        }
        print("timestamp input differential, New York session: \(cases.count) spellings, \(mismatches) mismatches")
        #expect(mismatches == 0, "\(mismatches) of \(cases.count) New York readings differ")
    }

    /// Spellings with the words that read the clock, read in a UTC and a New York session at the
    /// server's transaction time (one statement: one `now()`) and by Chunkwise with that clock.
    static let clockSpellings = [
        "now", "NOW", " now ", "today", "Today", "tomorrow", "yesterday", "tomorrow 10:00", "today 23:59:59.5",
        "yesterday 10:00 +05", "today America/Chicago", "today 10:00 America/Chicago", "now +05", "now 10:00", "now utc",
        "today 2024-01-05", "today epoch", "today bc", "tomorrow pm", "today 10:00 pm", "today allballs", "today j2451545",
        "today tomorrow", "now today", "today 02:30", "tomorrow 02:30", "yesterday 01:30", "today 10:00 EST", "today 10:00 EDT",
        "10:00 today", "today 10", "today 1030", "today t10:30", "today Jan", "today 5", "+05 today", "today +05 10:00",
        "now bc", "now z", "today 24:00", "today 23:59:60", "yesterday 25:00", "nowhere", "todays", "today now",
    ]

    @Test(.enabled(if: PostgresCluster.canRun, "needs postgresql-15")) func clockWordsReadTheTransactionsClock() throws {
        let ny = try #require(PGTimeZone(name: "America/New_York"))
        var random = SeededGenerator(seed: 2026_1207)
        var cases = Self.clockSpellings + Self.handWritten.filter(Self.readsClock)
        for _ in 0..<3_000 {
            let text = Self.generated(&random)
            if Self.readsClock(text) { cases.append(text) }
        }
        let answers = try PostgresCluster.answers(
            loading: cases.map { [$0] }, into: "lits", setup: Self.setup,
            select: "SELECT id, r_tz(lit), r_ts(lit), r_ny(lit), (extract(epoch FROM now()) * 1000000)::bigint FROM lits ORDER BY id",
            databasePrefix: "tsclock")
        try #require(answers.count == cases.count && answers.allSatisfy { $0.count == 4 })
        let clock = try #require(Int64(answers[0][3]))
        var mismatches = 0, accepted = 0
        for (i, text) in cases.enumerated() {
            for (k, (type, zone)) in [(PGType.timestamptz, PGTimeZone.utc), (.timestamp, .utc), (.timestamptz, ny)].enumerated() {
                let theirs = Self.theirs(answers[i][k], text: text), ours = Self.ours(text, type, zone: zone, clock: clock)
                if theirs.hasPrefix("ok ") { accepted += 1 }
                guard ours != theirs else { continue }
                let line = "\(type.sqlName) in \(zone) \(text.debugDescription): ours \(ours.debugDescription) theirs \(theirs.debugDescription)"
                if let reason = Self.knownDifference(text, ours: ours, theirs: theirs) {
                    withKnownIssue(Comment(rawValue: reason), isIntermittent: true) { Issue.record(Comment(rawValue: line)) }
                } else {
                    mismatches += 1
                    Issue.record(Comment(rawValue: line))
                }
            }
        }
        print("timestamp input differential, clock words: \(cases.count) spellings, \(mismatches) mismatches, \(accepted) readings accepted")
        #expect(mismatches == 0)
        #expect(accepted > cases.count / 2, "\(accepted) readings accepted of \(3 * cases.count)")
        // Without a clock the words are refused, as before.
        #expect(!Self.ours("today", .timestamptz).hasPrefix("ok "))
    }
}
