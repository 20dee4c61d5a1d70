import Foundation
import Testing
import Schema
import Storage
@testable import Planner

/// A column an export does not hold takes the table's default when the export is read; a profile
/// measures nothing from it. An export without `created_at` (DEFAULT now()) measured a lag of
/// −54 years (the load time 0 minus each bar's end) before.
@Suite("ProfileOmittedColumnTests: no created_at lag from an export without created_at")
struct ProfileOmittedColumnTests {
    /// Two tickers of futures bars over three days as COPY text, with and without created_at.
    static func exports() throws -> (full: String, withoutCreatedAt: String) {
        var spec = SyntheticDataSpec(tickers: 2, intervals: ["1m", "5m"], days: 3, start: 1_709_251_200_000_000, session: .futures)
        spec.seed = 11
        let rows = try MarketDataGenerator(spec: spec).rows()
        let full = CopyWriter().writeString(rows)
        let lines = full.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let column = lines[0].split(separator: ",").firstIndex(of: "created_at") else {
            Issue.record("the export has no created_at column")
            return (full, full)
        }
        // The generated values hold no commas or quotes, so fields split on commas.
        let without = lines.map { line -> String in
            guard !line.isEmpty else { return line }
            var fields = line.split(separator: ",", omittingEmptySubsequences: false)
            fields.remove(at: column)
            return fields.joined(separator: ",")
        }
        return (full, without.joined(separator: "\n"))
    }

    static func write(_ text: String, name: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("chunkwise-\(UUID().uuidString)-\(name)").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("the lag is not measured, its JSON leaves lag_min_us and lag_max_us out, and it reads back so")
    func lagNotMeasured() throws {
        let path = try Self.write(try Self.exports().withoutCreatedAt, name: "no_created_at.csv")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let profile = try ProfileSource.load(path, table: NQPTables.marketData, zone: .utc, flag: "data")
        #expect(profile.createdAt.lagMinMicros == nil && profile.createdAt.lagMaxMicros == nil)
        #expect(!profile.createdAt.lagMeasured)
        #expect(profile.createdAt.nullFraction == 0, "now() is never NULL")
        let json = try profile.jsonText()
        #expect(!json.contains("lag_min_us") && !json.contains("lag_max_us"))
        let back = try MarketDataProfile.decode(json: Data(json.utf8))
        #expect(back.createdAt == profile.createdAt)
    }

    @Test("an export holding created_at still measures its lag")
    func lagMeasured() throws {
        let path = try Self.write(try Self.exports().full, name: "created_at.csv")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let lag = try ProfileSource.load(path, table: NQPTables.marketData, zone: .utc, flag: "data").createdAt
        let builtIn = MarketDataProfile.futures.createdAt
        let low = try #require(lag.lagMinMicros), high = try #require(lag.lagMaxMicros)
        #expect(builtIn.lagRangeMicros.contains(low) && builtIn.lagRangeMicros.contains(high) && low <= high)
    }

    @Test("bars drawn from a profile without a lag arrive within the default lag of their end")
    func drawnWithTheDefaultLag() throws {
        let path = try Self.write(try Self.exports().withoutCreatedAt, name: "no_created_at.csv")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let profile = try ProfileSource.load(path, table: NQPTables.marketData, zone: .utc, flag: "data")
        let spec = SyntheticDataSpec(tickers: 1, intervals: ["1m"], days: 2, start: 1_735_689_600_000_000, session: .futures, profile: profile)
        let rows = try MarketDataGenerator(spec: spec).rows()
        guard let times = rows.column("timestamp"), case .time(let starts) = times.storage,
              let created = rows.column("created_at"), case .time(let stamps) = created.storage else {
            Issue.record("no timestamp or created_at column")
            return
        }
        #expect(rows.count > 0)
        let range = MarketDataProfile.CreatedAtStatistics.defaultLagMicros
        for r in 0..<rows.count {
            let lag = stamps[r] - (starts[r] + 60_000_000)
            #expect(range.contains(lag), "row \(r): lag \(lag) µs")
            if !range.contains(lag) { break }
        }
    }

    @Test("a profile JSON with only one end of the lag is refused naming the missing field")
    func oneEndMissing() throws {
        var profile = MarketDataProfile.futures
        profile.createdAt.lagMaxMicros = nil
        #expect(throws: MarketDataProfile.ValidationError.self) { try profile.validate() }
        do { try profile.validate() } catch { #expect(error.field == "created_at.lag_max_us") }
    }
}
