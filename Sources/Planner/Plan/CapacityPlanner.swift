import Foundation
import PostgresModel
import Schema
import Storage
import Synchronization

/// Computes a ``CapacityPlan`` for a ``Scenario`` in seconds, at any scale.
///
/// Method (docs/PLANNER.md):
/// 1. **Calendar, exactly**: every bar and the chunk it lands in, from the session calendar
///    (``BarCalendar``); rows and chunks are counted, never sampled.
/// 2. **Chunk shapes**: chunks with the same bars per series are the same shape (a full session
///    day, a Sunday open, a partial first chunk …). Each distinct shape (at most
///    ``maximumSampledShapes``; others interpolate between the nearest sampled ones by rows) is
///    generated from the profile at full width when it fits the row budget, else at two widths
///    that separate the per-chunk fixed part from the per-series part, and run through the real
///    engine and the exact TimescaleDB model.
/// 3. **Plain table**: the exact PostgreSQL model on a sample of consecutive days, grown per row
///    (``SizeProfile``).
/// 4. **Policies** at `--now` and at every month end, computed arithmetically (``PolicyClock``).
public struct CapacityPlanner: Sendable {
    public var scenario: Scenario
    /// Rows a sampled chunk may hold before the sampler narrows it (cost control).
    public var rowBudget: Int = 12_000
    public var maximumSampledShapes: Int = 8
    /// Rows of the plain-table sample.
    public var plainSampleRows: Int = 16_000
    /// Fills `latency` and `targets` (the latency model), when present.
    public var latency: (@Sendable (Scenario, PlanFacts) -> ([CapacityPlan.QueryLatencyFigure], [CapacityPlan.TargetFigure]))?

    public init(scenario: Scenario) {
        self.scenario = scenario
    }

    /// What the latency model needs from the plan (relation sizes and structure at `--now`).
    public struct PlanFacts: Sendable {
        public var rowsAtNow: Int
        public var chunksAtNow: Int
        public var compressedChunksAtNow: Int
        /// The plain table's relations, for ``plainRows`` rows.
        public var plain: [RelationSize]
        public var plain009: [RelationSize]?
        /// Every row loaded by now: what the plain table holds (no retention there).
        public var plainRows: Int
        /// The newest full chunk: its uncompressed and compressed sizes, rows and batches.
        public var typicalChunk: ChunkSizes
        /// Bars per ticker per calendar day (closed days included), by interval.
        public var barsPerTickerPerDay: [String: Double]
        /// Days of data the hypertable holds at now (after retention).
        public var keptDays: Double
    }

    public func plan(progress: ((String) -> Void)? = nil) throws(PlanError) -> CapacityPlan {
        try planWithFacts(progress: progress).plan
    }

    /// The plan and the facts the latency model read from it (for `--explain`).
    public func planWithFacts(progress: ((String) -> Void)? = nil) throws(PlanError) -> (plan: CapacityPlan, facts: PlanFacts) {
        let clockStart = Date()
        let s = scenario
        progress?("calendar")
        let chunks = BarCalendar.chunks(calendar: s.calendar, intervals: s.intervals.compactMap(BarInterval.init(name:)), start: s.start, end: s.end, chunkInterval: s.chunkInterval)
        guard !chunks.isEmpty else {
            let between = "between \(PGTimestamp.format(s.start, zone: s.zone)) and \(PGTimestamp.format(s.end, zone: s.zone))"
            // Bars are stamped where their period starts: a window with open minutes can still hold
            // no 1w or 1M bar.
            if s.calendar.firstOpenMinute(atOrAfter: s.start).map({ $0 < s.end }) == true {
                throw .empty("no \(s.intervals.joined(separator: ", ")) bar starts \(between) (a bar is stamped at the start of its "
                             + "period); widen the span (--days, --start) or add a shorter interval")
            }
            throw .empty("the session calendar has no open minutes \(between)")
        }
        let coverage = s.intervals.map { s.profile.coverage(of: $0) }
        // A chunk's rows: its bars per series at each interval's coverage, times the tickers
        // (a closure, so the chunk-interval candidates count their chunks' rows the same way).
        let tickers = s.tickers
        let rowsOf: @Sendable (BarCalendar.ChunkBars) -> Int = { c in
            zip(c.barsPerSeries, coverage).reduce(0) { $0 + Int((Double($1.0) * $1.1).rounded()) } * tickers
        }
        func rows(of c: BarCalendar.ChunkBars) -> Int { rowsOf(c) }

        // Shapes: chunks with the same bars per series.
        var shapeOf: [Int] = []
        var shapes: [[Int]] = []
        var shapeIndex: [[Int]: Int] = [:]
        var representative: [Int] = []
        for (i, c) in chunks.enumerated() {
            if let k = shapeIndex[c.barsPerSeries] {
                shapeOf.append(k)
            } else {
                shapeIndex[c.barsPerSeries] = shapes.count
                shapeOf.append(shapes.count)
                shapes.append(c.barsPerSeries)
                representative.append(i)
            }
        }
        let byBars = shapes.indices.sorted { shapes[$0].reduce(0, +) < shapes[$1].reduce(0, +) }
        var sampled: [Int]
        if shapes.count <= maximumSampledShapes {
            sampled = Array(shapes.indices)
        } else {
            // Quantiles by bars, always including the smallest and the most common shape.
            var uses = [Int](repeating: 0, count: shapes.count)
            for k in shapeOf { uses[k] += 1 }
            let common = uses.indices.max { uses[$0] < uses[$1] } ?? 0
            var pick = Set([byBars.first!, byBars.last!, common])
            for q in 1..<(maximumSampledShapes - 2) { pick.insert(byBars[q * (byBars.count - 1) / (maximumSampledShapes - 2)]) }
            sampled = pick.sorted()
        }

        progress?("sampling \(sampled.count) chunk shapes")
        // A hash dimension splits each slice into chunks of fewer tickers: each sampled shape is
        // measured at those chunks' widths (the full ticker count without one).
        let partitions = HashPartitions(scenario: s)
        let jobs = sampled.flatMap { k in
            let c = chunks[representative[k]]
            return partitions.sampledWidths.map {
                ChunkSampler.SizingJob(key: k, width: $0, window: (max(c.rangeStart, s.start), min(c.rangeEnd, s.end)),
                                       barsPerTicker: c.barsPerTicker, chunkInterval: nil)
            }
        }
        let byWidth = try ChunkSampler.concurrentSizes(scenario: s, jobs: jobs, rowBudget: rowBudget)
        // A slice's sizes: its partitions' chunks summed (the one chunk without a hash dimension).
        let measured = byWidth.mapValues { widths in
            (partitions.slice(measured: widths.mapValues(\.sizes)), widths.values.reduce(0) { $0 + $1.runs }, widths.values.reduce(0) { $0 + $1.rows })
        }
        // One chunk's emptied relations (the root table's sizes, and no sum over partitions).
        let oneChunkEmptied = byWidth.values.first?.values.first?.0.emptied.pageRounded ?? TimescaleDBRelationSizes()
        var shapeSizes = [ChunkSizes](repeating: ChunkSizes(), count: shapes.count)
        let sortedSampled = sampled.sorted { shapes[$0].reduce(0, +) < shapes[$1].reduce(0, +) }
        for k in shapes.indices {
            if let m = measured[k] { shapeSizes[k] = m.0; continue }
            // Interpolate by bars between the nearest sampled shapes.
            let bars = Double(shapes[k].reduce(0, +))
            let lower = sortedSampled.last { Double(shapes[$0].reduce(0, +)) <= bars } ?? sortedSampled.first!
            let upper = sortedSampled.first { Double(shapes[$0].reduce(0, +)) >= bars } ?? sortedSampled.last!
            let lb = Double(shapes[lower].reduce(0, +)), ub = Double(shapes[upper].reduce(0, +))
            shapeSizes[k] = ub > lb ? ChunkSizes.lerp(measured[lower]!.0, measured[upper]!.0, (bars - lb) / (ub - lb)) : measured[lower]!.0
        }
        let sampleRuns = measured.values.reduce(0) { $0 + $1.1 }
        let sampleRows = measured.values.reduce(0) { $0 + $1.2 }

        // Plain table: the exact model on consecutive days, grown per row.
        progress?("plain table")
        let (plainModel, plainWidth) = try plainSizeProfile()
        let plainSeriesFactor = Double(s.tickers) / Double(max(1, plainWidth))
        let plainSeriesLed = Set((s.plainIndexes + (s.indexes009 ?? [])).filter { $0.keys.first?.column == (s.series.series ?? "ticker_id") }.map(\.name))

        // Policies.
        let firstRow = chunks.first!.firstBar
        let clock = PolicyClock(firstRow: firstRow, compressAfter: s.compression == nil ? nil : s.compressAfter,
                                compressionSchedule: s.compressionSchedule
                                    ?? PolicyJob.defaultCompressionSchedule(chunkInterval: s.chunkInterval, timeType: .timestamptz),
                                retain: s.retain, retentionSchedule: s.retentionSchedule ?? PolicyJob.defaultRetentionSchedule, zone: s.zone)
        let rootSizes = oneChunkEmptied
        let perSlice = partitions.chunksPerSlice

        struct State {
            /// `chunks`, `compressed` and `dropped` count chunks (a slice's partitions each); `slices`
            /// and `compressedSlices` count time slices.
            var rows = 0, totalRows = 0, chunks = 0, compressed = 0, dropped = 0, batches = 0, slices = 0, compressedSlices = 0
            var uncompressed = TimescaleDBRelationSizes(), detailed = TimescaleDBRelationSizes()
            var statsBefore = 0, statsAfter = 0
            var engine = 0.0
            var compressedBytes = 0, droppedBytes = 0
            var columns = ColumnTally()
            /// Per bar interval (in `s.intervals` order), with `detailed`: rows held (after
            /// retention) and rows loaded up to the instant.
            var intervalRows: [Int] = [], intervalLoadedRows: [Int] = []
        }
        let groupOf = Self.compressedMergeGroups(chunks, compressChunkInterval: s.compression == nil ? nil : s.compressChunkInterval)
        func state(at t: Int64, tallyColumns: Bool = false) -> State {
            var st = State()
            if tallyColumns {
                st.intervalRows = Array(repeating: 0, count: s.intervals.count)
                st.intervalLoadedRows = st.intervalRows
            }
            let cCut = clock.compressionCutoff(at: t), rCut = clock.retentionCutoff(at: t)
            // Where each group's merged compressed chunk ends at t (its compressed members' last end).
            var mergedEnd: [Int: Int64] = [:]
            if s.compression != nil && s.compressChunkInterval != nil {
                for (i, c) in chunks.enumerated() where c.firstBar <= t && c.rangeEnd <= cCut {
                    mergedEnd[groupOf[i]] = max(mergedEnd[groupOf[i]] ?? Int64.min, c.rangeEnd)
                }
            }
            for (i, c) in chunks.enumerated() where c.firstBar <= t {
                let full = rows(of: c)
                let fraction = c.lastBar <= t ? 1.0 : Double(t - c.firstBar + 1) / Double(c.lastBar - c.firstBar + 1)
                // (At its first bar's instant a chunk holds that bar of every ticker, not a rounded 0.)
                let present = c.lastBar <= t ? full : max(Int((Double(full) * fraction).rounded()), min(full, full / max(1, c.barsPerTicker)))
                st.totalRows += present
                // The chunk's rows by interval: each its bars at its coverage, a filling chunk's
                // share of them split in proportion (the sums stay `present`).
                let byInterval = tallyColumns
                    ? IntervalRowSplit.split(present, by: zip(c.barsPerSeries, coverage).map { Int((Double($0) * $1).rounded()) * tickers })
                    : []
                for (k, n) in byInterval.enumerated() { st.intervalLoadedRows[k] += n }
                let compressedNow = s.compression != nil && c.rangeEnd <= cCut
                // A compressed chunk merged into the one before it: no chunk (nor emptied relations)
                // of its own, and dropped with the merged chunk once all of it is past the cutoff.
                let merged = compressedNow ? mergedEnd[groupOf[i]] : nil
                let mergedIn = merged != nil && i > 0 && groupOf[i - 1] == groupOf[i]
                let ownEmptied = mergedIn ? TimescaleDBRelationSizes() : shapeSizes[shapeOf[i]].emptied.pageRounded
                if (merged ?? c.rangeEnd) <= rCut {
                    if !mergedIn { st.dropped += perSlice }
                    let gone = shapeSizes[shapeOf[i]]
                    st.droppedBytes += compressedNow ? (gone.after.pageRounded + ownEmptied).total : gone.before.pageRounded.total
                    continue
                }
                let sizes = c.lastBar <= t ? shapeSizes[shapeOf[i]] : shapeSizes[shapeOf[i]].scaled(rows: fraction)
                st.rows += present
                for (k, n) in byInterval.enumerated() { st.intervalRows[k] += n }
                if !mergedIn {
                    st.chunks += perSlice
                    st.slices += 1
                }
                let before = sizes.before.pageRounded
                st.uncompressed = st.uncompressed + before
                if compressedNow {
                    let after = sizes.after.pageRounded
                    if !mergedIn {
                        st.compressed += perSlice
                        st.compressedSlices += 1
                    }
                    st.detailed = st.detailed + after + ownEmptied
                    st.statsBefore += before.total
                    st.statsAfter += after.total
                    st.batches += Int(sizes.batches.rounded())
                    st.engine += sizes.engineCompressed
                    st.compressedBytes += (after + ownEmptied).total
                    if tallyColumns { st.columns.add(sizes, compressed: true) }
                } else {
                    if tallyColumns { st.columns.add(sizes, compressed: false) }
                    st.detailed = st.detailed + before
                    st.engine += sizes.engineUncompressed
                }
            }
            if st.chunks > 0 || st.dropped > 0 {
                st.uncompressed = st.uncompressed + rootSizes
                st.detailed = st.detailed + rootSizes
            }
            return st
        }

        progress?("policies and timeline")
        let nowState = state(at: s.now, tallyColumns: true)
        let plainRelations = plainModel.predict(rowCount: nowState.totalRows, seriesFactor: plainSeriesFactor, seriesLed: plainSeriesLed)
        let names009 = Set((s.indexes009 ?? []).map(\.name))
        let plain001 = plainRelations.filter { !names009.contains($0.name) }
        let plain = CapacityPlan.PlainSizes(totalBytes: plain001.reduce(0) { $0 + $1.totalBytes }, relations: plain001)
        let plain009 = s.indexes009 == nil ? nil
            : CapacityPlan.PlainSizes(totalBytes: plainRelations.reduce(0) { $0 + $1.totalBytes }, relations: plainRelations)
        func hyper(_ r: TimescaleDBRelationSizes) -> CapacityPlan.HypertableSizes {
            CapacityPlan.HypertableSizes(tableBytes: r.table, indexBytes: r.index, toastBytes: r.toast, totalBytes: r.total)
        }

        // Timeline: every month end in the zone, and the end itself (at --now when the data ends
        // there or before it, so the last point is the state the sizes above report, policy runs
        // at that instant included). A point is labelled with the month it ends: the state at an
        // exclusive end of 2026-01-01 00:00 is December's.
        let lastInstant = s.now >= s.end ? s.now : s.end - 1
        var timeline: [CapacityPlan.TimelineMonth] = []
        var monthStart = Self.monthStart(containing: s.start, zone: s.zone)
        // Each point plans every chunk: past 20 years the points are every few months (each labelled
        // with the month it ends), at most 240 of them.
        let spanMonths = Int((Double(s.end - s.start) / (30.44 * 86_400e6)).rounded(.up))
        let monthsPerPoint = max(1, (spanMonths + Self.maximumTimelinePoints - 1) / Self.maximumTimelinePoints)
        var guardCount = 0
        while monthStart < s.end && guardCount < 2_000 {
            guardCount += 1
            let next = PGInterval(months: Int32(monthsPerPoint)).added(to: monthStart, zone: s.zone)
            let at = next >= s.end ? lastInstant : next - 1
            let st = state(at: at)
            let plainAt = plainModel.predict(rowCount: st.totalRows, seriesFactor: plainSeriesFactor, seriesLed: plainSeriesLed).filter { !names009.contains($0.name) }.reduce(0) { $0 + $1.totalBytes }
            timeline.append(CapacityPlan.TimelineMonth(
                month: Self.monthLabel(at == s.end ? at - 1 : at, zone: s.zone), rows: st.rows, chunks: st.chunks, compressedChunks: st.compressed,
                // (The root table's pages stay once retention has dropped every chunk, as in the headline.)
                plainBytes: st.totalRows == 0 ? 0 : plainAt, hypertableBytes: st.detailed.total,
                engineBytes: Int(st.engine.rounded()),
                uncompressedBytes: st.detailed.total - st.compressedBytes, compressedBytes: st.compressedBytes,
                droppedBytes: st.droppedBytes))
            monthStart = next
        }
        let peak = timeline.max { $0.hypertableBytes < $1.hypertableBytes }
        let retentionReached = s.retain != nil && state(at: lastInstant).dropped > 0
        let steady = peak.map { p in
            CapacityPlan.SteadyState(reached: retentionReached, hypertableBytes: timeline.last?.hypertableBytes ?? 0,
                                     peakHypertableBytes: p.hypertableBytes, peakMonth: p.month)
        }

        // Memory fit.
        let typicalShape = shapeOf[chunks.indices.max { rows(of: chunks[$0]) < rows(of: chunks[$1]) }!]
        let typical = shapeSizes[typicalShape]
        // The newest chunk as it is once full: the largest of the last eight chunks up to now (the
        // newest itself is usually still filling, and a weekend or holiday chunk is small).
        let recent = chunks.indices.filter { chunks[$0].firstBar <= s.now }.suffix(8)
        let newest = recent.map { shapeSizes[shapeOf[$0]] }.max { $0.before.pageRounded.total < $1.before.pageRounded.total } ?? typical
        // The current interval as the candidates are measured: its newest chunk and the chunks held at now.
        let heldNow = chunks.filter { $0.firstBar <= s.now && $0.rangeEnd > clock.retentionCutoff(at: s.now) }
        let current = ChunkIntervalCandidates.Measure(
            name: s.resolved["chunk_interval"] ?? PGInterval(microseconds: s.chunkInterval).description, micros: s.chunkInterval,
            activeChunkBytes: Int(newest.before.pageRounded.total), chunksAtNow: heldNow.count * perSlice,
            rowsPerChunk: heldNow.isEmpty ? 0 : Double(heldNow.reduce(0) { $0 + rows(of: $1) }) / Double(heldNow.count))
        progress?("chunk interval candidates")
        // Longer candidates' sizes by bars per ticker on the line through the smallest and the
        // largest sampled shape (one shape: its emptied relations as the fixed part).
        let low = measured[sortedSampled.first!]!.0, high = measured[sortedSampled.last!]!.0
        let lowBars = Double(shapes[sortedSampled.first!].reduce(0, +)), highBars = Double(shapes[sortedSampled.last!].reduce(0, +))
        let candidates = try ChunkIntervalCandidates(
            scenario: s, rowBudget: rowBudget, partitions: partitions, clock: clock,
            rows: rowsOf,
            uncompressedBytes: { bars in
                let sizes: ChunkSizes.SizeTriple
                if highBars > lowBars {
                    sizes = ChunkSizes.lerp(low, high, (Double(bars) - lowBars) / (highBars - lowBars)).before
                } else {
                    let t = highBars > 0 ? Double(bars) / highBars : 0
                    sizes = high.emptied + (high.before + high.emptied.map { -$0 }).map { $0 * t }
                }
                return sizes.pageRounded.total
            }
        ).measures(current: current)
        let memory = memoryFit(current: current, candidates: candidates, typical: typical)

        var intervalFigures: [CapacityPlan.IntervalFigure] = []
        let weekBars = s.intervals.map { s.barsPerTicker(of: $0, days: 7) }
        let yearBars = s.intervals.map { s.barsPerTicker(of: $0, days: 364) }
        // At --now, as the top-level rows: held after retention, and loaded (the plain table's rows).
        for (k, interval) in s.intervals.enumerated() {
            intervalFigures.append(CapacityPlan.IntervalFigure(interval: interval, rows: nowState.intervalRows[k],
                                                               rowsPerTickerPerWeek: weekBars[k], loadedRows: nowState.intervalLoadedRows[k]))
        }

        var latencyFigures: [CapacityPlan.QueryLatencyFigure] = []
        var targets: [CapacityPlan.TargetFigure] = []
        var notes: [String] = [
            "rows and chunks: exact, from the session calendar",
            "hypertable sizes: TimescaleDB \(s.timescaledb) model on \(sampleRuns) sampled chunks of \(shapes.count) shapes, scaled to \(s.tickers) tickers",
            "plain sizes: PostgreSQL 15 model on a \(plainModel.sampleRows)-row sample, grown per row",
            "engine bytes: Chunkwise's own store on the same sampled chunks",
        ]
        if monthsPerPoint > 1 { notes.append("timeline: every \(monthsPerPoint) months (a span of \(spanMonths) months), each point the month it ends") }
        if s.compression != nil, let merge = s.compressChunkInterval {
            notes.append("compress_chunk_time_interval \(PGInterval(microseconds: merge).description): each compressed chunk merged into the adjacent "
                         + "compressed one before it while their ranges fit (one chunk, its relations holding both chunks' batches)")
        }
        if let d = s.hashDimension {
            notes.append("hash dimension \"\(d.column)\" (\(d.partitions) partitions): \(perSlice) chunks per time slice, of "
                         + "\(partitions.widths.map(String.init).joined(separator: ", ")) tickers, as PostgreSQL's hash places the "
                         + "synthetic tickers' keys (your own keys may fill the partitions differently)")
        }
        let perDay = Dictionary(uniqueKeysWithValues: s.intervals.enumerated().map { ($1, Double(yearBars[$0]) / 364) })
        let liveChunks = chunks.filter { $0.firstBar <= s.now && $0.rangeEnd > clock.retentionCutoff(at: s.now) }
        let keptDays = max(1.0 / 1440, Double(min(s.now, s.end) - (liveChunks.first?.firstBar ?? s.start)) / 86_400e6)
        // The queries name one ticker: with a hash dimension on it they read one partition's chunk
        // per slice (TimescaleDB excludes the others), so the latency model sees slices and the
        // widest partition's chunk.
        let queriedChunk = perSlice > 1 ? byWidth[typicalShape].map { partitions.chunk(width: partitions.widths.last!, measured: $0.mapValues(\.0)) } ?? typical : typical
        let facts = PlanFacts(rowsAtNow: nowState.rows, chunksAtNow: nowState.slices, compressedChunksAtNow: nowState.compressedSlices,
                              plain: plain001, plain009: s.indexes009 == nil ? nil : plainRelations, plainRows: nowState.totalRows, typicalChunk: queriedChunk,
                              barsPerTickerPerDay: perDay, keptDays: keptDays)
        if let model = self.latency {
            (latencyFigures, targets) = model(s, facts)
            notes.append("latency: PostgreSQL 15 / TimescaleDB cost model calibrated on ../shared/calibration (docs/LATENCY_MODEL.md); times for the calibration machine")
        } else {
            notes.append("latency: no latency model attached")
        }

        progress?("continuous aggregates")
        let aggregates = ContinuousAggregateSizing(scenario: s).figures()
        var warnings = s.warnings(handling: aggregates.figures.map(\.name))
        warnings += aggregates.warnings.filter { !warnings.contains($0) }
        if let c = s.compression, let growth = CompressionGrowth.warning(before: nowState.statsBefore, after: nowState.statsAfter, batches: nowState.batches,
                                                                          rowsPerChunkBatchLimit: c.batchSizeLimit, segmentBy: c.segmentBy) {
            warnings.append(growth)
        }
        var result = CapacityPlan(
            scenario: s.resolved, rows: nowState.rows, chunks: nowState.chunks, compressedChunks: nowState.compressed,
            droppedChunks: nowState.dropped,
            sizes: CapacityPlan.Sizes(
                plain: plain, plain009: plain009, hypertableUncompressed: hyper(nowState.uncompressed), hypertable: hyper(nowState.detailed),
                compressionStats: CapacityPlan.CompressionStats(compressedChunks: nowState.compressed, beforeCompressionTotalBytes: nowState.statsBefore,
                                                                afterCompressionTotalBytes: nowState.statsAfter, compressedBatches: nowState.batches),
                engineBytes: Int(nowState.engine.rounded())),
            timeline: timeline, steadyState: steady, memory: memory, latency: latencyFigures, targets: targets, intervals: intervalFigures,
            method: CapacityPlan.Method(sampledChunks: sampleRuns, chunkShapes: shapes.count, sampleRows: sampleRows + plainModel.sampleRows,
                                        seconds: (Date().timeIntervalSince(clockStart) * 1000).rounded() / 1000, notes: notes),
            warnings: warnings, columnBytes: nowState.columns.figures(s.table.columns.map(\.name)))
        result.continuousAggregates = aggregates.figures
        return (result, facts)
    }

    /// `compress_chunk_time_interval` (tsl/src/compression/api.c `find_chunk_to_merge_into`): the
    /// policy compresses chunks oldest first, and each merges into the compressed chunk that ends
    /// where it starts while both ranges together stay within the interval; a gap (no chunk) or a
    /// full merged chunk starts a new one. The group of each chunk (its own index without an interval).
    static func compressedMergeGroups(_ chunks: [BarCalendar.ChunkBars], compressChunkInterval: Int64?) -> [Int] {
        guard let limit = compressChunkInterval, limit > 0 else { return Array(chunks.indices) }
        var groups: [Int] = []
        groups.reserveCapacity(chunks.count)
        var group = -1
        var groupStart = Int64.min, previousEnd = Int64.min
        for c in chunks {
            let (length, o1) = c.rangeEnd.subtractingReportingOverflow(c.rangeStart)
            let (merged, o2) = previousEnd.subtractingReportingOverflow(groupStart)
            let (together, o3) = merged.addingReportingOverflow(length)
            if group >= 0, previousEnd == c.rangeStart, !o1, !o2, !o3, together <= limit {
                groups.append(group)
            } else {
                group += 1
                groupStart = c.rangeStart
                groups.append(group)
            }
            previousEnd = c.rangeEnd
        }
        return groups
    }

    /// The plain table's model: PostgreSQL 15 sizes per row from a sample of consecutive days at
    /// the start of the scenario (001 indexes built during the load, 009's after it).
    ///
    /// The sample is up to 8 tickers wide, wider when the scenario's span is too short for 8
    /// tickers to reach ``plainSampleRows`` (a day of hourly bars of 2,000 tickers): a sample of a
    /// few pages grows per row by its page rounding, not by the rows' widths. Returns the model
    /// and the sample's tickers.
    func plainSizeProfile() throws(PlanError) -> (SizeProfile, Int) {
        let s = scenario
        let yearBars = s.intervals.reduce(0) { $0 + s.barsPerTicker(of: $1, days: 364) }
        let perDay = max(1.0, Double(yearBars) / 364)
        let days = max(2.0, min(Double(s.end - s.start) / 86_400e6, Double(plainSampleRows) / (perDay * Double(min(s.tickers, 8)))))
        let window = (s.start, min(s.end, s.start + Int64(days.rounded(.up)) * 86_400_000_000))
        var table = s.table
        table.indexes = s.plainIndexes + (s.indexes009 ?? [])
        let sampler = ChunkSampler(scenario: { var t = s; t.table = table; t.calendar = s.calendar.everyDay; return t }())
        var width = min(s.tickers, 8)
        if window.1 == s.end {
            // The whole span is sampled: only more tickers add rows.
            let perTicker = max(1, sampler.barsPerTickerIn(from: window.0, to: window.1))
            if perTicker < plainSampleRows / width { width = min(s.tickers, (plainSampleRows + perTicker - 1) / perTicker) }
        }
        let sample = try sampler.rows(window: window, tickers: width, seed: 1)
        guard sample.count >= 2 else { throw .empty("the plain-table sample has no rows") }
        let bulk = Set((s.indexes009 ?? []).map(\.name))
        do {
            return (try SizeProfile(sample: sample, build: { bulk.contains($0.name) ? .bulk : .incremental },
                                    context: EvaluationContext(now: s.now)), width)
        } catch {
            throw .sampling("PostgreSQL size model: \(error)")
        }
    }

    /// Memory fit of the newest chunk and a recommended chunk interval, from the current interval's
    /// figures and every candidate's (``ChunkIntervalCandidates``).
    func memoryFit(current: ChunkIntervalCandidates.Measure, candidates: [ChunkIntervalCandidates.Measure],
                   typical: ChunkSizes) -> CapacityPlan.MemoryFit {
        let s = scenario
        let active = current.activeChunkBytes
        let budget = Int(s.memoryBytes / 4)
        let bytesPerRow = typical.rows > 0 ? typical.before.total / typical.rows : 0
        let overheadPerChunk = typical.emptied.total + 10 * 8192  // an emptied chunk plus a compressed chunk's fixed pages
        let compressDays = s.compressAfter.map { Double($0.months) * 30 + Double($0.days) + Double($0.microseconds) / 86_400e6 }
        let currentDays = Double(s.chunkInterval) / 86_400e6
        /// Per-chunk fixed cost as a share of an average chunk's bytes.
        func overheadShare(_ m: ChunkIntervalCandidates.Measure) -> Double {
            overheadPerChunk / max(1, bytesPerRow * m.rowsPerChunk + overheadPerChunk)
        }
        var figures: [CapacityPlan.MemoryFit.Candidate] = []
        var best: (String, Double)?
        for m in candidates {
            let days = Double(m.micros) / 86_400e6
            let fits = m.activeChunkBytes <= budget
            figures.append(.init(chunkInterval: m.name, activeChunkBytes: m.activeChunkBytes, chunks: m.chunksAtNow, fits: fits))
            // Usable: fits the budget, no more than 1,000 chunks to plan over, per-chunk overhead
            // under 25 % of the data, and not longer than compress_after (compression waits for whole chunks).
            if fits && m.chunksAtNow <= 1_000 && overheadShare(m) < 0.25 && (compressDays.map { days <= max($0, 1) } ?? true) {
                if best == nil { best = (m.name, days) }
            }
        }
        let currentCount = current.chunksAtNow
        let currentOverhead = overheadShare(current)
        var reason: String
        var recommended: String
        if active > budget {
            if let fitting = figures.last(where: { $0.fits }) {
                recommended = fitting.chunkInterval
                reason = "the newest chunk (\(ByteCount.text(active))) exceeds 25 % of memory (\(ByteCount.text(budget))); \(recommended) chunks fit"
            } else {
                let smallest = figures.first
                recommended = smallest?.chunkInterval ?? "1 hour"
                reason = "the newest chunk (\(ByteCount.text(active))) exceeds 25 % of memory (\(ByteCount.text(budget))) and even \(recommended) chunks "
                    + "(\(ByteCount.text(smallest?.activeChunkBytes ?? 0))) would: more memory, or a space partition to split each time slice"
            }
        } else if currentCount > 1_000 {
            recommended = best?.0 ?? figures.first { $0.chunks <= 1_000 && $0.fits }?.chunkInterval ?? s.resolved["chunk_interval"] ?? ""
            reason = "\(currentCount) chunks over the retention window: planning time grows with chunks the query cannot exclude"
        } else if currentOverhead >= 0.25, let b = best, b.1 > currentDays {
            recommended = b.0
            reason = "per-chunk overhead is \(Int((currentOverhead * 100).rounded())) % of each chunk's bytes; \(b.0) chunks amortise it"
        } else {
            recommended = s.resolved["chunk_interval"] ?? ""
            reason = "the newest chunk fits in 25 % of memory with \(ByteCount.text(budget - active)) to spare; keep \(recommended)"
        }
        return CapacityPlan.MemoryFit(activeChunkBytes: active, budgetBytes: budget, sharedBuffersBytes: Int(s.sharedBuffersBytes),
                                      fits: active <= budget, fitsSharedBuffers: active <= Int(s.sharedBuffersBytes),
                                      recommendedChunkInterval: recommended, reason: reason, candidates: figures)
    }

    /// The most timeline points a plan reports (20 years of months).
    static let maximumTimelinePoints = 240

    static func monthStart(containing t: Int64, zone: PGTimeZone) -> Int64 {
        let offset = Int64(zone.offsetSeconds(atUTC: t)) * 1_000_000
        let day = CivilTime.floorDiv(t + offset, CivilTime.microsecondsPerDay)
        let (y, m, _) = CivilTime.civil(days: day)
        return zone.utc(fromLocal: CivilTime.days(year: y, month: m, day: 1) * CivilTime.microsecondsPerDay)
    }

    static func monthLabel(_ t: Int64, zone: PGTimeZone) -> String {
        let offset = Int64(zone.offsetSeconds(atUTC: t)) * 1_000_000
        let (y, m, _) = CivilTime.civil(days: CivilTime.floorDiv(t + offset, CivilTime.microsecondsPerDay))
        return String(format: "%04d-%02d", y, m)
    }
}

extension Scenario {
    /// Bars one ticker has of `interval` stamped in the `days` days from the scenario's start, on
    /// the calendar with every day's session open (the patchwork windows left out).
    func barsPerTicker(of interval: String, days: Int64) -> Int {
        guard let bar = BarInterval(name: interval) else { return 0 }
        return BarCalendar.barsStamped(calendar: calendar.everyDay, interval: bar, from: start, to: start &+ days &* 86_400_000_000)
    }
}
