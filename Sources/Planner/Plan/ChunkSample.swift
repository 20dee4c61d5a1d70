import PostgresModel
import Schema
import Storage

/// What one chunk of a given shape holds, in every unit the plan reports: the uncompressed chunk
/// (TimescaleDB's `before`), the compressed chunk (`after`), what compression leaves of the
/// uncompressed chunk, compressed batches, and engine bytes before and after compression.
/// Values are Doubles because they are extrapolated; ``pageRounded`` turns relation sizes back
/// into whole pages.
public struct ChunkSizes: Sendable, Hashable {
    public var rows: Double = 0
    public var before = SizeTriple()
    public var after = SizeTriple()
    public var emptied = SizeTriple()
    public var batches: Double = 0
    public var engineUncompressed: Double = 0
    public var engineCompressed: Double = 0

    /// Heap, index, TOAST bytes as Doubles.
    public struct SizeTriple: Sendable, Hashable {
        public var table: Double = 0, index: Double = 0, toast: Double = 0
        public var total: Double { table + index + toast }
        init() {}
        init(_ s: TimescaleDBRelationSizes) {
            table = Double(s.table); index = Double(s.index); toast = Double(s.toast)
        }
        func map(_ f: (Double) -> Double) -> SizeTriple {
            var r = SizeTriple()
            r.table = f(table); r.index = f(index); r.toast = f(toast)
            return r
        }
        static func + (a: SizeTriple, b: SizeTriple) -> SizeTriple {
            var r = SizeTriple()
            r.table = a.table + b.table; r.index = a.index + b.index; r.toast = a.toast + b.toast
            return r
        }
        /// Whole 8 kB pages, rounded up.
        var pageRounded: TimescaleDBRelationSizes {
            func p(_ v: Double) -> Int { Int((max(0, v) / 8192).rounded(.up)) * 8192 }
            return TimescaleDBRelationSizes(table: p(table), index: p(index), toast: p(toast))
        }
    }

    /// `a + (b − a) · t` component-wise (extrapolation between two sample widths, or between shapes).
    static func lerp(_ a: ChunkSizes, _ b: ChunkSizes, _ t: Double) -> ChunkSizes {
        func l(_ x: Double, _ y: Double) -> Double { x + (y - x) * t }
        func lt(_ x: SizeTriple, _ y: SizeTriple) -> SizeTriple {
            var r = SizeTriple()
            r.table = l(x.table, y.table); r.index = l(x.index, y.index); r.toast = l(x.toast, y.toast)
            return r
        }
        var r = ChunkSizes()
        r.rows = l(a.rows, b.rows)
        r.before = lt(a.before, b.before)
        r.after = lt(a.after, b.after)
        r.emptied = b.emptied
        r.batches = l(a.batches, b.batches)
        r.engineUncompressed = l(a.engineUncompressed, b.engineUncompressed)
        r.engineCompressed = l(a.engineCompressed, b.engineCompressed)
        return r
    }

    /// The share `fraction` of a chunk (a chunk still filling up): data parts scale, fixed parts stay.
    func scaled(rows fraction: Double) -> ChunkSizes {
        var r = self
        let f = max(0, min(1, fraction))
        r.rows = rows * f
        r.before = before.map { $0 * f }
        r.after = after.map { $0 * f }
        r.batches = batches * f
        r.engineUncompressed = engineUncompressed * f
        r.engineCompressed = engineCompressed * f
        return r
    }
}

/// Runs the real engine and the exact TimescaleDB model on synthetic chunks drawn from a profile.
struct ChunkSampler: Sendable {
    var scenario: Scenario

    /// Rows of one chunk window for `tickers` tickers (SYN1…), in the generator's load order.
    func rows(window: (start: Int64, end: Int64), tickers: Int, seed: UInt64) throws(PlanError) -> RowSet {
        var spec = SyntheticDataSpec(tickers: tickers, intervals: scenario.intervals, days: 1, start: window.start,
                                     seed: seed, profile: scenario.profile, calendar: scenario.calendar)
        spec.end = window.end
        do {
            return try MarketDataGenerator(spec: spec, table: scenario.table).rows()
        } catch {
            throw .sampling("cannot generate sample rows: \(error)")
        }
    }

    /// Measures one chunk window at a width of `tickers` tickers.
    func measure(window: (start: Int64, end: Int64), tickers: Int, seed: UInt64) throws(PlanError) -> ChunkSizes {
        let sample = try rows(window: window, tickers: tickers, seed: seed)
        var sizes = ChunkSizes()
        sizes.rows = Double(sample.count)
        guard sample.count > 0 else { return sizes }
        do {
            let prediction = try TimescaleDBSizePrediction.predict(
                rows: sample, timeColumn: scenario.timeColumn, chunkInterval: scenario.chunkInterval,
                compression: scenario.compression, version: scenario.timescaledb, indexes: scenario.hypertableIndexes)
            sizes.before = ChunkSizes.SizeTriple(prediction.compressionStatsBefore)
            sizes.after = ChunkSizes.SizeTriple(prediction.compressionStatsAfter)
            sizes.emptied = ChunkSizes.SizeTriple(prediction.chunks.first?.emptied ?? TimescaleDBRelationSizes())
            sizes.batches = Double(prediction.compressedBatches)
        } catch {
            throw .sampling("TimescaleDB model: \(error)")
        }
        do {
            var hypertable = try Hypertable(table: scenario.table, options: HypertableOptions(
                timeColumn: scenario.timeColumn, chunkInterval: scenario.chunkInterval))
            _ = try hypertable.insert(sample)
            sizes.engineUncompressed = Double(hypertable.chunks.reduce(0) { $0 + EngineBytes.chunk($1).total })
            if let compression = scenario.compression {
                try hypertable.enableCompression(compression)
                for chunk in hypertable.chunks { _ = try hypertable.compressChunk(named: chunk.name) }
                sizes.engineCompressed = Double(hypertable.chunks.reduce(0) { $0 + EngineBytes.chunk($1).total })
            } else {
                sizes.engineCompressed = sizes.engineUncompressed
            }
        } catch {
            throw .sampling("engine: \(error)")
        }
        return sizes
    }

    /// Largest sample width (tickers) that keeps a sample near `rowBudget` rows.
    static func width(barsPerTicker: Int, tickers: Int, rowBudget: Int) -> Int {
        max(1, min(tickers, rowBudget / max(1, barsPerTicker)))
    }

    /// Sizes of a chunk window at the scenario's full ticker count: exact when the whole width fits
    /// the row budget, else extrapolated linearly from two widths (w/2 and w tickers; every size is
    /// a fixed part plus a part per series, and the two points separate them).
    func sizes(window: (start: Int64, end: Int64), barsPerTicker: Int, rowBudget: Int) throws(PlanError) -> (ChunkSizes, runs: Int) {
        let n = scenario.tickers
        let w = Self.width(barsPerTicker: barsPerTicker, tickers: n, rowBudget: rowBudget)
        if w >= n { return (try measure(window: window, tickers: n, seed: 1), 1) }
        let w2 = max(2, w)
        let w1 = max(1, w2 / 2)
        let a = try measure(window: window, tickers: w1, seed: 1)
        let b = try measure(window: window, tickers: w2, seed: 1)
        return (ChunkSizes.lerp(a, b, Double(n - w1) / Double(w2 - w1)), 2)
    }
}
