import Foundation
import Testing
import Schema
import Storage
@testable import Planner

/// Every field of a profile read from JSON is checked, and the error names the field (B6).
@Suite("ProfileValidationTests: a saved profile's fields are checked, the field named")
struct ProfileValidationTests {
    /// The futures profile as JSON with `edit` applied to its object.
    static func json(_ edit: (inout [String: Any]) -> Void) throws -> Data {
        var object = try #require(try JSONSerialization.jsonObject(with: Data(try MarketDataProfile.futures.jsonText().utf8)) as? [String: Any])
        edit(&object)
        return try JSONSerialization.data(withJSONObject: object)
    }

    static func set(_ object: inout [String: Any], _ section: String, _ key: String, _ value: Any) {
        var inner = object[section] as? [String: Any] ?? [:]
        inner[key] = value
        object[section] = inner
    }

    @Test("the built-in profiles and a written profile read back pass")
    func builtInsPass() throws {
        for name in MarketDataProfile.builtInNames {
            let p = try #require(MarketDataProfile.builtIn(named: name))
            #expect(throws: Never.self) { try p.validate() }
            #expect(try MarketDataProfile.decode(json: Data(try p.jsonText().utf8)) == p)
        }
    }

    @Test("a measured profile is brought into the usable ranges, not refused")
    func measuredProfilesAreClamped() throws {
        var p = MarketDataProfile.futures
        p.createdAt.lagMinMicros = -Int64(1) << 62
        p.createdAt.lagMaxMicros = Int64(1) << 62
        p.volume.activeHoursFactor = .infinity
        p.volume.logSigma = .nan
        p.price.level = 1e300
        p.coverage["1m"] = 7
        #expect(throws: MarketDataProfile.ValidationError.self) { try p.validate() }
        let clamped = p.clampedToUsableRanges()
        #expect(throws: Never.self) { try clamped.validate() }
        #expect(clamped.createdAt.lagMinMicros == -MarketDataProfile.maximumLagMicros && clamped.coverage["1m"] == 1)
        // A backfill's decades of lag are allowed as they are.
        p = MarketDataProfile.futures
        p.createdAt.lagMinMicros = 54 * 365 * 86_400_000_000
        p.createdAt.lagMaxMicros = 55 * 365 * 86_400_000_000
        #expect(throws: Never.self) { try p.validate() }
        #expect(p.clampedToUsableRanges() == p)
    }

    @Test("a field out of range is refused naming its JSON path",
          arguments: [("price", "level", "-5", "price.level"), ("price", "level", "1e308", "price.level"),
                      ("price", "tick", "\"0\"", "price.tick"), ("price", "tick", "\"-0.25\"", "price.tick"),
                      ("price", "tick", "\"0.000000000000000000001\"", "price.tick"), ("price", "minute_step_ticks", "1e19", "price.minute_step_ticks"),
                      ("price", "wick_ticks", "-783.46", "price.wick_ticks"), ("price", "ticker_spread", "-1", "price.ticker_spread"),
                      ("volume", "median_per_minute", "1e300", "volume.median_per_minute"), ("volume", "log_sigma", "50", "volume.log_sigma"),
                      ("volume", "null_fraction", "1.5", "volume.null_fraction"), ("created_at", "null_fraction", "-0.1", "created_at.null_fraction"),
                      ("coverage", "1m", "5", "coverage.1m"), ("coverage", "5m", "-1", "coverage.5m"), ("coverage", "7m", "0.5", "coverage"),
                      ("calendar", "zone", "\"Nowhere/X\"", "calendar.zone")])
    func outOfRange(section: String, key: String, valueJSON: String, field: String) throws {
        let value = try JSONSerialization.jsonObject(with: Data(valueJSON.utf8), options: .fragmentsAllowed)
        let data = try Self.json { Self.set(&$0, section, key, value) }
        #expect(throws: MarketDataProfile.ValidationError.self) { try MarketDataProfile.decode(json: data) }
        do {
            _ = try MarketDataProfile.decode(json: data)
        } catch let e as MarketDataProfile.ValidationError {
            #expect(e.field == field)
            #expect(!e.allowed.isEmpty)
        }
    }

    @Test("calendar ranges outside the week, reversed or missing are refused")
    func calendarRanges() throws {
        for (ranges, field) in [([[String: Int]](), "calendar.open_ranges"), ([["start": 500, "end": 100]], "calendar.open_ranges[0].end"),
                                ([["start": 0, "end": 100_000]], "calendar.open_ranges[0].end"), ([["start": -1, "end": 10]], "calendar.open_ranges[0].start")] {
            let data = try Self.json { Self.set(&$0, "calendar", "open_ranges", ranges) }
            #expect(throws: MarketDataProfile.ValidationError.self) { try MarketDataProfile.decode(json: data) }
            do { _ = try MarketDataProfile.decode(json: data) } catch let e as MarketDataProfile.ValidationError { #expect(e.field == field) }
        }
    }

    @Test("--profile FILE.json names the file and the field; a missing key is named by its path")
    func sourceNamesFileAndField() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("profile-validation-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("neglevel.json")
        try Self.json { Self.set(&$0, "price", "level", -5.0) }.write(to: bad)
        let missing = dir.appendingPathComponent("missing.json")
        try Self.json { var p = $0["price"] as! [String: Any]; p.removeValue(forKey: "tick"); $0["price"] = p }.write(to: missing)
        for (url, expected) in [(bad, "neglevel.json: price.level is -5.0; allowed: more than 0"), (missing, "missing.json: not a profile written by `chunkwise profile`: price.tick: missing")] {
            do {
                _ = try ProfileSource.load(url.path, table: NQPTables.marketData, zone: .utc)
                Issue.record("accepted \(url.lastPathComponent)")
            } catch {
                #expect("\(error)".contains(expected), "\(error)")
            }
        }
    }
}
