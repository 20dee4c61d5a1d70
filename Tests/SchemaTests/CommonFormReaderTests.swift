import Testing
import TestSupport
@testable import Schema

/// The one-pass readers of the common text forms (`PGTimestamp.parseCommon`, `PGNumeric.parsePlain`)
/// answer only what the general readers answer: on generated near-misses and edge cases, each
/// either declines (nil) or returns exactly the general reader's value, and declines nothing the
/// general reader accepts in the common form.
@Suite struct CommonFormReaderTests {
    static let zones: [PGTimeZone] = [.utc, PGTimeZone(name: "America/New_York")!, PGTimeZone(name: "Asia/Kolkata")!]

    /// A timestamp text built from random fields, some of them out of range or malformed.
    static func timestampText(_ rng: inout SeededGenerator) -> String {
        func pad(_ v: Int, _ w: Int) -> String { let s = String(v); return String(repeating: "0", count: max(0, w - s.count)) + s }
        let year = [0, 1, 999, 1000, 1969, 1970, 2000, 2023, 2024, 2100, 9999].randomElement(using: &rng)!
        let month = Int.random(in: 0...13, using: &rng), day = Int.random(in: 0...32, using: &rng)
        let hh = Int.random(in: 0...25, using: &rng), mm = Int.random(in: 0...60, using: &rng), ss = Int.random(in: 0...61, using: &rng)
        var text = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
        let separator = ["", " ", " ", " ", " ", "T"].randomElement(using: &rng)!
        // A date alone now and then (too short for the common form).
        if !separator.isEmpty { text += separator + pad(hh, 2) + ":" + pad(mm, 2) + ":" + pad(ss, 2) }
        let digits = Int.random(in: 0...8, using: &rng)
        if digits > 0 { text += "." + (0..<digits).map { _ in String(Int.random(in: 0...9, using: &rng)) }.joined() }
        if Int.random(in: 0...9, using: &rng) == 0 { text += "." }
        text += ["", "+00", "+00", "Z", "+00:00", "-05", "+05:30", " UTC", "+0", "+000", " "].randomElement(using: &rng)!
        return text
    }

    @Test func timestampsAgreeWithTheGeneralParser() throws {
        var rng = SeededGenerator(seed: 20261205)
        var accepted = 0
        // One day cache per zone and type, kept across the texts as a column's is: a date met
        // before must give the same day, and a new date (or a broken one) must not reuse it.
        var caches = [PGTimestamp.DayCache](repeating: PGTimestamp.DayCache(), count: 2 * Self.zones.count)
        for k in 0..<40_000 {
            let text = Self.timestampText(&rng)
            let zone = Self.zones[k % Self.zones.count]
            for (t, type) in [PGType.timestamptz, .timestamp].enumerated() {
                let general: Int64? = try InputText.parsing(text) { try? PGTimestamp.parseGeneral(bytes: $0, zone: zone, type: type, wholeDays: false) }
                let common = try InputText.parsing(text) { PGTimestamp.parseCommon($0, zone: zone, type: type, days: &caches[2 * (k % Self.zones.count) + t]) }
                var fresh = PGTimestamp.DayCache()
                #expect(try common == InputText.parsing(text) { PGTimestamp.parseCommon($0, zone: zone, type: type, days: &fresh) }, "\(text)")
                if let common {
                    accepted += 1
                    #expect(common == general, "\(text) as \(type.sqlName) in \(zone)")
                }
            }
        }
        // The common form is what most of these are: the fast reader must take them.
        #expect(accepted > 5_000)
        for text in ["2023-01-02 23:01:02.228835+00", "2024-02-29 00:00:00+00", "1970-01-01 00:00:00", "2026-03-01 23:01:01.2Z",
                     "2023-01-02T00:00:00+00", "2023-01-02T23:01:02.5Z", "2023-01-02T23:01:02+00:00"] {
            var days = PGTimestamp.DayCache()
            #expect(try InputText.parsing(text) { PGTimestamp.parseCommon($0, zone: .utc, type: .timestamptz, days: &days) } != nil, "\(text)")
        }
        for text in ["2023-02-29 00:00:00+00", "2023-01-02 24:00:00+00", "2016-12-31 23:59:60+00", "2023-01-02 23:01:02.1234567+00",
                     "0000-01-01 00:00:00+00", " 2023-01-02 00:00:00+00", "2023-01-02t00:00:00+00", "2023-01-02 00:00:00+01",
                     "2023-01-02T00:00:00+00:01", "2023-01-02T00:00:00+00:00:00"] {
            var days = PGTimestamp.DayCache()
            #expect(try InputText.parsing(text) { PGTimestamp.parseCommon($0, zone: .utc, type: .timestamptz, days: &days) } == nil, "\(text)")
        }
    }

    /// A column's run of times through one day cache: each day of a leap year at several times,
    /// each time against the general parser (the cache hits on every text but the day's first).
    @Test func aColumnsDayCacheGivesTheGeneralParsersDays() throws {
        var days = PGTimestamp.DayCache()
        let start = try PGTimestamp.parse("2024-01-01 00:00:00+00")
        for d in 0..<366 {
            for time in ["00:00:00", "09:30:00.5", "23:59:59.999999"] {
                let date = PGTimestamp.formatLocal(start + Int64(d) * CivilTime.microsecondsPerDay).prefix(10)
                let text = date + " " + time + "+00"
                let general = try InputText.parsing(text) { bytes throws(ValueError) in try PGTimestamp.parseGeneral(bytes: bytes, zone: .utc, type: .timestamptz, wholeDays: false) }
                #expect(try InputText.parsing(text) { bytes throws(ValueError) in try PGTimestamp.parse(bytes: bytes, zone: .utc, type: .timestamptz, days: &days) } == general, "\(text)")
            }
        }
        // A broken date after a cached one is still refused.
        #expect(throws: ValueError.self) { try InputText.parsing("2023-02-29 00:00:00+00") { bytes throws(ValueError) in try PGTimestamp.parse(bytes: bytes, zone: .utc, type: .timestamptz, days: &days) } }
    }

    /// A numeric text of random digits, points, signs and stray characters.
    static func numericText(_ rng: inout SeededGenerator) -> String {
        let alphabet = Array("0123456789") + Array("0123456789") + Array(".") + Array("-+ e")
        let length = Int.random(in: 0...22, using: &rng)
        var text = ""
        if Bool.random(using: &rng) { text = String((0..<length).map { _ in alphabet.randomElement(using: &rng)! }) }
        else {
            // Mostly well-formed: sign, digits, point, digits.
            text = ["", "", "-", "+"].randomElement(using: &rng)!
            text += String((0..<Int.random(in: 0...12, using: &rng)).map { _ in "0123456789".randomElement(using: &rng)! })
            if Bool.random(using: &rng) { text += "." + String((0..<Int.random(in: 0...8, using: &rng)).map { _ in "0123456789".randomElement(using: &rng)! }) }
        }
        return text
    }

    @Test func numericsAgreeWithTheGeneralReader() throws {
        var rng = SeededGenerator(seed: 12052026)
        let typmods: [(Int?, Int?)] = [(nil, nil), (12, 2), (14, 4), (18, 0), (18, 6), (5, 5), (6, -2), (20, 2), (38, 10), (3, 0)]
        var accepted = 0
        for _ in 0..<60_000 {
            let text = Self.numericText(&rng)
            for (p, s) in typmods {
                let general: PGNumeric?? = try InputText.parsing(text) { try? PGNumeric.parseFixedWidthGeneral(bytes: $0, precision: p, scale: s) }
                let plain = try InputText.parsing(text) { PGNumeric.parsePlain(bytes: $0, precision: p, scale: s) }
                if let plain {
                    accepted += 1
                    // Same value and the same display scale (1.50 stays 1.50).
                    #expect(general == .some(plain), "\(text) as numeric(\(String(describing: p)), \(String(describing: s)))")
                    #expect(general??.scale == plain.scale)
                }
            }
        }
        #expect(accepted > 100_000)
        for text in ["6820.00", "-0.5", "+12", "5.", ".5", "000123.40", "999999999999999999"] {
            #expect(try InputText.parsing(text) { PGNumeric.parsePlain(bytes: $0, precision: nil, scale: nil) } != nil, "\(text)")
        }
        for text in ["", "-", ".", "1.2.3", " 1", "1e3", "NaN", "1234567890123456789", "--1"] {
            #expect(try InputText.parsing(text) { PGNumeric.parsePlain(bytes: $0, precision: nil, scale: nil) } == nil, "\(text)")
        }
        // Past the column's precision the fast reader declines and the general reader reports the overflow.
        #expect(try InputText.parsing("123456789012.5") { PGNumeric.parsePlain(bytes: $0, precision: 12, scale: 2) } == nil)
        #expect(throws: ValueError.self) { try InputText.parsing("123456789012.5") { bytes throws(ValueError) in try PGNumeric.parseFixedWidth(bytes: bytes, precision: 12, scale: 2) } }
    }
}
