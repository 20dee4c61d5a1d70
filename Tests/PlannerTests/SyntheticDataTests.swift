import Foundation
import Planner
import Schema
import Storage
import Testing

@Suite("Synthetic data generator")
struct SyntheticDataTests {
    static let spec = SyntheticDataSpec(tickers: 2, intervals: ["1m", "5m"], days: 3, start: 1_704_067_200_000_000, seed: 11)

    func marketData(_ spec: SyntheticDataSpec = spec) throws -> RowSet { try MarketDataGenerator(spec: spec).rows() }

    @Test func sameSeedGivesIdenticalBytes() throws {
        #expect(CopyWriter().write(try marketData()) == CopyWriter().write(try marketData()))
        #expect(CopyWriter().write(PredictionGenerator(spec: Self.spec).rows()) == CopyWriter().write(PredictionGenerator(spec: Self.spec).rows()))
        #expect(CopyWriter().write(BlockPredictionGenerator(spec: Self.spec).rows()) == CopyWriter().write(BlockPredictionGenerator(spec: Self.spec).rows()))
    }

    @Test func anotherSeedGivesOtherData() throws {
        var other = Self.spec
        other.seed = 12
        #expect(CopyWriter().write(try marketData()) != CopyWriter().write(try marketData(other)))
    }

    @Test func tickerIDsAreMD5OfTheSymbol() {
        // md5('SYN1') = 631eb6fc3ea7f5f6319d66ac0ff5c73b (Python hashlib), as in the shared SQL-made set.
        #expect(Self.spec.tickerIDs[0].description == "631eb6fc-3ea7-f5f6-319d-66ac0ff5c73b")
    }

    /// Output goes back through the COPY reader, which enforces types, NOT NULL and every CHECK.
    @Test func everyTableReadsBackThroughTheCopyReader() throws {
        let tables: [(RowSet, TableDefinition)] = [
            (try marketData(), NQPTables.marketData),
            (PredictionGenerator(spec: Self.spec).rows(), NQPTables.predictions),
            (BlockPredictionGenerator(spec: Self.spec).rows(), NQPTables.blockPredictions),
        ]
        for (rows, table) in tables {
            #expect(rows.count > 0)
            let reread = try CopyReader(table: table, loadTime: 0).read(bytes: CopyWriter().write(rows), file: table.name)
            #expect(reread == rows, "\(table.name)")
        }
    }

    @Test func uniqueKeysHold() throws {
        for rows in [try marketData(), BlockPredictionGenerator(spec: Self.spec).rows()] {
            let merged = try UniqueKeyMerge.merge(existing: RowSet(table: rows.table), incoming: rows)
            #expect(merged.inserted.count == rows.count)
        }
    }

    @Test func barsAreConsistentAndOnTheTick() throws {
        let rows = try marketData()
        guard case .numeric(let o, _) = rows.column("open")?.storage, case .numeric(let h, _) = rows.column("high")?.storage,
              case .numeric(let l, _) = rows.column("low")?.storage, case .numeric(let c, _) = rows.column("close")?.storage else {
            Issue.record("prices are not numeric"); return
        }
        for i in 0..<rows.count {
            #expect(h[i] >= max(o[i], c[i]) && l[i] <= min(o[i], c[i]) && l[i] > 0)
            #expect([o[i], h[i], l[i], c[i]].allSatisfy { $0 % 25 == 0 })
        }
    }

    @Test func fiveMinuteBarsAggregateTheirMinutes() throws {
        let rows = try marketData()
        var minutes: [String: [[Value]]] = [:], fives: [[Value]] = []
        for i in 0..<rows.count {
            let r = rows.row(i)
            guard case .timestamp(let t) = r[2], case .uuid(let u) = r[1] else { continue }
            if r[8] == .text("1m") { minutes["\(u)|\(t / 300_000_000)", default: []].append(r) } else { fives.append(r) }
        }
        #expect(!fives.isEmpty)
        for f in fives {
            guard case .timestamp(let t) = f[2], case .uuid(let u) = f[1], let group = minutes["\(u)|\(t / 300_000_000)"] else {
                Issue.record("5m bar without minutes"); continue
            }
            #expect(f[3] == group.first?[3] && f[6] == group.last?[6])
            let volumes = group.compactMap { v -> Int64? in if case .int(let x) = v[7] { return x } else { return nil } }
            #expect(f[7] == (volumes.isEmpty ? .null : .int(volumes.reduce(0, +))))
        }
    }

    @Test func futuresSessionHaltsDailyAndSkipsSaturday() {
        let monday = Int64(1_704_067_200_000_000)  // 2024-01-01 00:00 UTC, a Monday
        let hour: Int64 = 3_600_000_000
        #expect(TradingSession.futures.isOpen(minute: monday))
        #expect(!TradingSession.futures.isOpen(minute: monday + 21 * hour))
        #expect(TradingSession.futures.isOpen(minute: monday + 22 * hour))
        #expect(!TradingSession.futures.isOpen(minute: monday + 4 * 24 * hour + 22 * hour))  // Friday 22:00
        #expect(!TradingSession.futures.isOpen(minute: monday + 5 * 24 * hour + 12 * hour))  // Saturday
        #expect(TradingSession.futures.isOpen(minute: monday - 2 * hour))  // Sunday 22:00 opens the week
        #expect(!TradingSession.futures.isOpen(minute: monday - 2 * hour - 60_000_000))  // Sunday 21:59
    }

    @Test func futuresWeekHasFiveSessionsOf23Hours() throws {
        let spec = SyntheticDataSpec(tickers: 1, intervals: ["1m"], days: 7, start: 1_704_067_200_000_000 - 86_400_000_000, nullVolumeFraction: 0)
        #expect(try marketData(spec).count == 5 * 23 * 60)
    }

    @Test func equitySessionIsUSCashHours() throws {
        let spec = SyntheticDataSpec(tickers: 1, intervals: ["1m"], days: 7, start: 1_704_067_200_000_000, session: .equity)
        #expect(try marketData(spec).count == 5 * 390)
    }

    @Test func nullVolumeFractionIsHonoured() throws {
        var spec = Self.spec
        spec.nullVolumeFraction = 0.5
        let volume = try #require(try marketData(spec).column("volume"))
        let nulls = (0..<volume.count).filter { volume.isNull(at: $0) }.count
        #expect(nulls > volume.count / 4 && nulls < volume.count * 3 / 4)
        #expect(try marketData().column("volume").map { v in (0..<v.count).filter { v.isNull(at: $0) }.count } ?? 0 < 20)
    }

    @Test func predictionsMixResultsIncludingNullAndPending() {
        let rows = PredictionGenerator(spec: Self.spec).rows()
        let results = Set((0..<rows.count).map { rows.column("actual_result")?.value(at: $0) ?? .null })
        #expect(results == [.text("CORRECT"), .text("WRONG"), .text("PENDING"), .null])
    }

    @Test func oneBlockPredictionPerTickerPerTradingHour() {
        let rows = BlockPredictionGenerator(spec: Self.spec).rows()
        // 3 futures days from Monday: 23 h each, 2 tickers.
        #expect(rows.count == 3 * 23 * 2)
    }

    @Test func unsupportedIntervalIsRefused() {
        var spec = Self.spec
        spec.intervals = ["2h"]
        #expect(throws: MarketDataGenerator.Failure.unsupportedInterval("2h")) { try MarketDataGenerator(spec: spec).rows() }
    }

    @Test func weeklyAndMonthlyBarsAggregateTheirPeriods() throws {
        // Futures from Sunday 2024-01-07 22:00 for 30 days (to 2024-02-06 22:00): weekly bars on
        // the Mondays 8, 15, 22, 29 January and 5 February; one monthly bar, February's (January's
        // period began before the start).
        var spec = SyntheticDataSpec(tickers: 1, intervals: ["1m", "1w", "1M"], days: 30, start: 1_704_664_800_000_000, session: .futures)
        spec.seed = 3
        let rows = try MarketDataGenerator(spec: spec).rows()
        let intervals = try #require(rows.column("interval")), times = try #require(rows.column("timestamp"))
        guard case .string(let names) = intervals.storage, case .time(let stamps) = times.storage else {
            Issue.record("unexpected column storage"); return
        }
        let weekly = names.indices.filter { names[$0] == "1w" }.map { stamps[$0] }
        let monday: Int64 = 1_704_672_000_000_000  // 2024-01-08 00:00 UTC
        #expect(weekly == (0..<5).map { monday + Int64($0) * 7 * 86_400_000_000 })
        let monthly = names.indices.filter { names[$0] == "1M" }.map { stamps[$0] }
        #expect(monthly == [1_706_745_600_000_000], "February's bar, stamped 2024-02-01 00:00")
        #expect(stamps.allSatisfy { $0 >= spec.start })
    }
}
