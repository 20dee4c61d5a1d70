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
    /// Per column (by name): the engine's plain bytes of the uncompressed rows, the engine's bytes
    /// once compressed (encoded batch columns, zstd dictionaries, segmentby values), and
    /// TimescaleDB's compressed column datums after TOAST (segmentby columns are stored inline and
    /// have none).
    public var columnPlain: [String: Double] = [:]
    public var columnEngineCompressed: [String: Double] = [:]
    public var columnTimescaleCompressed: [String: Double] = [:]

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
        func ld(_ x: [String: Double], _ y: [String: Double]) -> [String: Double] {
            Dictionary(uniqueKeysWithValues: Set(x.keys).union(y.keys).map { ($0, l(x[$0] ?? 0, y[$0] ?? 0)) })
        }
        r.columnPlain = ld(a.columnPlain, b.columnPlain)
        r.columnEngineCompressed = ld(a.columnEngineCompressed, b.columnEngineCompressed)
        r.columnTimescaleCompressed = ld(a.columnTimescaleCompressed, b.columnTimescaleCompressed)
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
        r.columnPlain = columnPlain.mapValues { $0 * f }
        r.columnEngineCompressed = columnEngineCompressed.mapValues { $0 * f }
        r.columnTimescaleCompressed = columnTimescaleCompressed.mapValues { $0 * f }
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
        let minutesEnd = minutesEnd(window: window)
        spec.end = minutesEnd
        let rows: RowSet
        do {
            rows = try scenario.marketDataGenerator(spec).rows()
        } catch {
            throw .sampling("cannot generate sample rows: \(error)")
        }
        guard minutesEnd > window.end, let time = rows.column(scenario.timeColumn) else { return rows }
        switch time.storage {
        case .time(let stamps) where time.type == .date:
            return rows.gathering(stamps.indices.filter { stamps[$0] < CivilTime.floorDiv(window.end - 1, CivilTime.microsecondsPerDay) + 1 })
        case .time(let stamps): return rows.gathering(stamps.indices.filter { stamps[$0] < window.end })
        case .uuid(let ids): return rows.gathering(ids.indices.filter { ids[$0].version7InternalTime < window.end })
        case .int64(let values):
            guard let unit = scenario.timeUnit, let end = unit.units(fromMicroseconds: window.end) else { return rows }
            return rows.gathering(values.indices.filter { values[$0] < end })
        default: return rows
        }
    }

    /// Where the window's one-minute paths must run to: its end, unless a bar stamped in the
    /// window has no open minute in it (a monthly bar stamped on a closed Saturday, a weekly bar
    /// on a holiday), when the path runs on to that bar's first open minute so the bar exists, as
    /// it does in ``BarCalendar``. Bars stamped after the window are dropped again.
    func minutesEnd(window: (start: Int64, end: Int64)) -> Int64 {
        var end = window.end
        let limit = min(scenario.end, Int64.max - 60_000_000)
        for name in scenario.intervals {
            guard let bar = BarInterval(name: name), bar.barEnd(containing: window.end &- 1) > window.end else { continue }
            var b = bar.bucket(containing: window.start)
            if bar.start(ofBucket: b) < window.start { b += 1 }
            while bar.start(ofBucket: b) < window.end {
                let periodEnd = min(bar.start(ofBucket: b + 1), limit)
                let first = scenario.calendar.firstOpenMinute(atOrAfter: bar.start(ofBucket: b))
                if let first, first >= window.end, first < periodEnd { end = max(end, first + 60_000_000) }
                b += 1
            }
        }
        return end
    }

    /// Measures one chunk window at a width of `tickers` tickers.
    func measure(window: (start: Int64, end: Int64), tickers: Int, seed: UInt64, compressedWidthFactor: Double = 1) throws(PlanError) -> ChunkSizes {
        let sample = try rows(window: window, tickers: tickers, seed: seed)
        var sizes = ChunkSizes()
        sizes.rows = Double(sample.count)
        guard sample.count > 0 else { return sizes }
        do {
            let prediction = try TimescaleDBSizePrediction.predict(
                rows: sample, timeColumn: scenario.timeColumn, chunkInterval: scenario.columnChunkInterval,
                compression: scenario.compression, version: scenario.timescaledb, indexes: scenario.hypertableIndexes,
                createDefaultIndexes: scenario.createDefaultIndexes, compressedWidthFactor: compressedWidthFactor)
            sizes.before = ChunkSizes.SizeTriple(prediction.compressionStatsBefore)
            sizes.after = ChunkSizes.SizeTriple(prediction.compressionStatsAfter)
            sizes.emptied = ChunkSizes.SizeTriple(prediction.chunks.first?.emptied ?? TimescaleDBRelationSizes())
            sizes.batches = Double(prediction.compressedBatches)
            for c in prediction.columns { sizes.columnTimescaleCompressed[c.column] = Double(c.storedBytes) }
        } catch {
            throw .sampling("TimescaleDB model: \(error)")
        }
        do {
            var hypertable = try Hypertable(table: scenario.table, options: HypertableOptions(
                timeColumn: scenario.timeColumn, chunkInterval: scenario.columnChunkInterval))
            _ = try hypertable.insert(sample)
            sizes.engineUncompressed = Double(hypertable.chunks.reduce(0) { $0 + EngineBytes.chunk($1).total })
            let columns = scenario.table.columns
            for chunk in hypertable.chunks {
                for (c, column) in chunk.rows.columns.enumerated() where c < columns.count {
                    sizes.columnPlain[columns[c].name, default: 0] += Double(EngineBytes.width(of: column))
                }
            }
            if let compression = scenario.compression {
                try hypertable.enableCompression(compression)
                for chunk in hypertable.chunks { _ = try hypertable.compressChunk(named: chunk.name) }
                sizes.engineCompressed = Double(hypertable.chunks.reduce(0) { $0 + EngineBytes.chunk($1).total })
                sizes.columnEngineCompressed = Self.engineColumnBytes(hypertable.chunks, columns: columns, segmentBy: compression.segmentBy)
            } else {
                sizes.engineCompressed = sizes.engineUncompressed
                sizes.columnEngineCompressed = sizes.columnPlain
            }
        } catch {
            throw .sampling("engine: \(error)")
        }
        return sizes
    }

    /// Engine bytes per column of compressed chunks: each batch's encoded column, the chunk's zstd
    /// dictionary for the column, and the segmentby values each batch carries (plain width).
    static func engineColumnBytes(_ chunks: [Chunk], columns: [ColumnDefinition], segmentBy: [String]) -> [String: Double] {
        var bytes = [Double](repeating: 0, count: columns.count)
        let segmentPositions = segmentBy.compactMap { name in columns.firstIndex { $0.name == name } }
        for chunk in chunks {
            for c in columns.indices { bytes[c] += Double(chunk.zstdDictionaries.storedBytes(ofColumn: c)) }
            for batch in chunk.batches {
                for (c, stored) in batch.columns.enumerated() where c < columns.count { bytes[c] += Double(stored?.bytes.count ?? 0) }
                for (k, c) in segmentPositions.enumerated() where k < batch.segmentValues.count {
                    bytes[c] += Double(EngineBytes.width(of: batch.segmentValues[k]))
                }
            }
            for (c, column) in chunk.rows.columns.enumerated() where c < columns.count { bytes[c] += Double(EngineBytes.width(of: column)) }
        }
        return Dictionary(uniqueKeysWithValues: columns.indices.map { (columns[$0].name, bytes[$0]) })
    }

    /// Sample widths `2^(k−1) − 1` and `2^k − 1` (at least 3 and 7): the generator stratifies
    /// ticker levels by the van der Corput sequence, so the tickers added between the two widths
    /// are exactly the odd 2^k-quantiles of the level distribution — the per-series slope sees
    /// the whole distribution, not a few random tickers.
    static func extrapolationWidths(budgetWidth w: Int) -> (Int, Int) {
        var k = 3
        while (1 << (k + 1)) - 1 <= w && k < 20 { k += 1 }
        return ((1 << (k - 1)) - 1, (1 << k) - 1)
    }

    /// Largest sample width (tickers) that keeps a sample near `rowBudget` rows.
    static func width(barsPerTicker: Int, tickers: Int, rowBudget: Int) -> Int {
        max(1, min(tickers, rowBudget / max(1, barsPerTicker)))
    }

    /// Sizes of a chunk window at the scenario's full ticker count: exact when the whole width fits
    /// the row budget, else extrapolated linearly from two widths (``extrapolationWidths(budgetWidth:)``;
    /// every size is a fixed part plus a part per series, and the two points separate them).
    func sizes(window: (start: Int64, end: Int64), barsPerTicker: Int, rowBudget: Int) throws(PlanError) -> (ChunkSizes, runs: Int) {
        let n = scenario.tickers
        let w = Self.width(barsPerTicker: barsPerTicker, tickers: n, rowBudget: rowBudget)
        if w >= n { return (try measure(window: window, tickers: n, seed: 1), 1) }
        let (w1, w2) = Self.extrapolationWidths(budgetWidth: w)
        if w2 >= n { return (try measure(window: window, tickers: n, seed: 1), 1) }
        let a = try measure(window: window, tickers: w1, seed: 1)
        let b = try measure(window: window, tickers: w2, seed: 1, compressedWidthFactor: Double(n) / Double(w2))
        var full = ChunkSizes.lerp(a, b, Double(n - w1) / Double(w2 - w1))
        // The compressed chunk was modelled at full width already (its batches repeated), so its
        // page filling, TOAST chunks and FSM are those of the real width, not a straight line.
        full.after = b.after
        full.batches = b.batches
        full.columnTimescaleCompressed = b.columnTimescaleCompressed
        return (full, 2)
    }
}
