import Foundation
import PostgresModel
import Schema
import Storage

/// The storage of a continuous aggregate on the planned table: its materialized hypertable, one
/// row per bucket and group, as TimescaleDB (2.7+, finalized form) builds it
/// (tsl/src/continuous_aggs/create.c):
///
/// - its columns are the view's output columns: the bucket in the time column's type, the
///   grouping columns in theirs, each aggregate in its result type (`avg(numeric)` numeric,
///   `count(*)` bigint, `first(price, time)` price's type);
/// - its chunks are 10 × the source's chunk interval (`MATPARTCOL_INTERVAL_FACTOR`), on the bucket;
/// - its indexes are TimescaleDB's default `(bucket DESC)` and one `(group column, bucket DESC)`
///   per grouping column (`mattablecolumninfo_add_mattable_index`);
/// - it holds a row for every bucket holding a bar, per group: the groups are the tickers (the
///   instrument column) and, when the query groups by it, the bar intervals (a WHERE on the
///   interval column narrows them); other grouping columns are taken as one value per ticker;
/// - buckets are `time_bucket`'s default alignment (origin 2000-01-03, months from 2000-01-01), up
///   to now less the refresh policy's `end_offset`; its own retention policy drops whole chunks.
///
/// The row widths come from the aggregates computed over sampled bars of the plan's profile
/// (count, sum, avg, min, max, first, last exactly; other aggregates as a value of their result
/// type), and PostgreSQL's heap and B-tree model (``SizeProfile``) sizes each chunk from them.
struct ContinuousAggregateSizing {
    let scenario: Scenario

    /// TimescaleDB's factor between the source's chunk interval and the materialization's.
    static let chunkIntervalFactor: Int64 = 10
    /// time_bucket's default origin for fixed widths: 2000-01-03 00:00 UTC (a Monday), in µs since 1970.
    static let fixedOrigin: Int64 = 946_857_600_000_000
    /// More buckets than this in the horizon are not counted one by one (the aggregate is not sized).
    static let maximumBuckets = 5_000_000
    /// At most this many groups of a bucket are in the size sample (its rows grow with them).
    static let maximumSampleGroups = 2_000

    /// A reason an aggregate is not sized, for the plan's warning.
    struct NotSized: Error { var reason: String }

    /// The figures of every aggregate on the scenario's table, and warnings for those not sized.
    func figures() -> (figures: [CapacityPlan.ContinuousAggregateFigure], warnings: [String]) {
        var out: [CapacityPlan.ContinuousAggregateFigure] = []
        var warnings: [String] = []
        for setup in scenario.continuousAggregates where setup.definition.source == scenario.table.name {
            do {
                out.append(try figure(setup))
            } catch {
                warnings.append("WARNING: \(setup.path):\(setup.line): continuous aggregate \(setup.definition.name) is not sized: \(error.reason); "
                                + "its materialized hypertable (one row per bucket and group, with its own chunks and indexes) comes on top of the figures")
            }
        }
        return (out, warnings)
    }

    /// The query's parts, classified.
    struct Shape {
        var bucketColumn: String
        var width: PGInterval
        var groupColumns: [String]
        /// Output columns: name, SQL type, and how a sample value is computed (nil: the bucket or a group column).
        var columns: [(name: String, type: String, expression: SQLExpression?)]
        var intervals: [String]
        var byInterval: Bool
        /// Grouped by the instrument column: a row per ticker in each bucket.
        var bySeries: Bool
        var notes: [String]
    }

    func figure(_ setup: ContinuousAggregateSetup) throws(NotSized) -> CapacityPlan.ContinuousAggregateFigure {
        let s = scenario
        guard s.timeUnit == nil, let timeIndex = s.table.columnIndex(s.timeColumn),
              [.timestamptz, .timestamp].contains(s.table.columns[timeIndex].type) else {
            throw NotSized(reason: "only aggregates over a timestamp time column are sized")
        }
        let shape = try classify(setup.definition)
        let table = try materializedTable(setup.definition.name, shape: shape)
        let aggregated = try aggregatedSample(table: table, shape: shape)
        let sample = tiled(aggregated, table: table, shape: shape, atLeast: 3000)
        guard sample.count >= 2 else { throw NotSized(reason: "the sampled bars give no materialized rows to size") }
        let profile: SizeProfile
        do {
            profile = try SizeProfile(sample: sample, build: { _ in .incremental }, context: EvaluationContext(now: s.now))
        } catch {
            throw NotSized(reason: "PostgreSQL size model: \(error)")
        }
        // Rows per materialization chunk.
        let matInterval = s.chunkInterval.multipliedReportingOverflow(by: Self.chunkIntervalFactor)
        guard !matInterval.overflow else { throw NotSized(reason: "chunk interval out of range") }
        var notes = shape.notes
        var materializedEnd = s.now
        if let offset = setup.refreshEndOffset {
            materializedEnd = s.now &- Self.approximateMicroseconds(offset)
        } else if !setup.refreshed {
            notes.append("no refresh policy: sized as if refreshed up to now")
        }
        let rowsPerChunk = try rowsPerMaterializationChunk(shape: shape, end: min(s.end, materializedEnd), chunkInterval: matInterval.partialValue)
        var kept = rowsPerChunk
        if let drop = setup.dropAfter {
            let horizon = s.now &- Self.approximateMicroseconds(drop)
            kept = rowsPerChunk.filter { $0.key &+ matInterval.partialValue > horizon }
            notes.append("its retention policy drops chunks older than \(drop.description)")
        }
        // Chunks the aggregate's compression policy has compressed by now, sized per row from one
        // full chunk through the TimescaleDB model.
        var compressedChunk: (rows: Int, bytes: TimescaleDBRelationSizes)?
        var compressedRange: Set<Int64> = []
        if setup.compressed, let after = setup.compressAfter {
            let cutoff = s.now &- Self.approximateMicroseconds(after)
            compressedRange = Set(kept.keys.filter { $0 &+ matInterval.partialValue <= cutoff })
            if let largest = compressedRange.compactMap({ kept[$0] }).max(), largest > 0 {
                compressedChunk = try compressedChunkSizes(aggregated, table: table, shape: shape, setup: setup,
                                                           rows: min(largest, Self.maximumCompressionSample))
            }
            let settings = Self.compressionSettings(setup, shape: shape)
            notes.append("compression policy: \(compressedRange.count) of \(kept.count) chunks compressed (segmentby "
                         + "'\(settings.segmentBy.joined(separator: ", "))', orderby '\(settings.orderBy.map { $0.column + ($0.descending ? " DESC" : "") }.joined(separator: ", "))')")
        } else if setup.compressed {
            notes.append("compression enabled, no compression policy: nothing compressed")
        }
        // A chunk of no more rows than the sample is sized exactly on the sample's first rows
        // (the profile's growth per row is for larger relations: a 200-row chunk's index is its
        // metapage and one leaf, not the profile's fixed pages plus a share).
        var exact: [Int: [RelationSize]] = [:]
        func sizes(_ rows: Int) -> [RelationSize] {
            guard rows <= sample.count else { return profile.predict(rowCount: rows) }
            if let known = exact[rows] { return known }
            let predicted = (try? RelationSizeModel.predict(rows: sample.gathering(Array(0..<rows)), build: { _ in .incremental },
                                                             context: EvaluationContext(now: s.now))) ?? profile.predict(rowCount: rows)
            exact[rows] = predicted
            return predicted
        }
        var table0 = 0, index = 0, toast = 0
        for (start, rows) in kept where rows > 0 {
            if compressedRange.contains(start), let model = compressedChunk, model.rows > 0 {
                let share = Double(rows) / Double(model.rows)
                table0 += Int((Double(model.bytes.table) * share).rounded())
                index += Int((Double(model.bytes.index) * share).rounded())
                toast += Int((Double(model.bytes.toast) * share).rounded())
                continue
            }
            for r in sizes(rows) {
                switch r.kind {
                case .heap: table0 += r.mainBytes + r.fsmBytes + r.vmBytes
                case .toast: toast += r.mainBytes + r.fsmBytes + r.vmBytes
                default: index += r.mainBytes + r.fsmBytes + r.vmBytes
                }
            }
        }
        let rows = kept.values.reduce(0, +)
        return CapacityPlan.ContinuousAggregateFigure(
            name: setup.definition.name, bucketWidth: shape.width.description, groupBy: shape.groupColumns,
            chunkInterval: Self.intervalText(matInterval.partialValue),
            rows: rows, chunks: kept.values.filter { $0 > 0 }.count, tableBytes: table0, indexBytes: index, toastBytes: toast,
            totalBytes: table0 + index + toast, indexes: table.indexes.map(\.name), notes: notes)
    }

    /// At most this many rows make the full chunk the compressed sizes are taken from.
    static let maximumCompressionSample = 200_000

    /// The aggregate's compression settings: the given ones, else TimescaleDB's for an aggregate
    /// (tsl/src/continuous_aggs/options.c `cagg_get_compression_params`: segment by the grouping
    /// columns, order by the bucket).
    static func compressionSettings(_ setup: ContinuousAggregateSetup, shape: Shape) -> CompressionSettings {
        CompressionSettings(segmentBy: setup.segmentBy ?? shape.groupColumns,
                            orderBy: setup.orderBy ?? [CompressionOrderKey(column: shape.bucketColumn)])
    }

    /// One compressed chunk of `rows` materialized rows: its compressed relations plus what
    /// compression leaves of the uncompressed chunk (TimescaleDB's size model).
    func compressedChunkSizes(_ sample: AggregatedSample, table: TableDefinition, shape: Shape, setup: ContinuousAggregateSetup,
                              rows: Int) throws(NotSized) -> (rows: Int, bytes: TimescaleDBRelationSizes) {
        let full = tiled(sample, table: table, shape: shape, atLeast: rows)
        let chunk = full.gathering(Array(0..<min(rows, full.count)))
        let settings = Self.compressionSettings(setup, shape: shape)
        for c in settings.segmentBy + settings.orderBy.map(\.column) where table.columnIndex(c) == nil {
            throw NotSized(reason: "its compression names \"\(c)\", not one of its columns")
        }
        do {
            let predicted = try TimescaleDBSizePrediction.predict(rows: chunk, timeColumn: shape.bucketColumn, chunkInterval: Int64.max / 4,
                                                                  compression: settings, version: scenario.timescaledb,
                                                                  indexes: table.indexes, createDefaultIndexes: false)
            guard let c = predicted.chunks.first, let after = c.after else { throw NotSized(reason: "the compressed chunk model gave no chunk") }
            return (c.rows, TimescaleDBRelationSizes(table: after.table + c.emptied.table, index: after.index + c.emptied.index,
                                                     toast: after.toast + c.emptied.toast))
        } catch let e as NotSized {
            throw e
        } catch {
            throw NotSized(reason: "TimescaleDB size model: \(error)")
        }
    }

    // MARK: the query

    func classify(_ definition: ContinuousAggregateDefinition) throws(NotSized) -> Shape {
        guard let query = definition.query, let names = definition.outputNames else {
            throw NotSized(reason: "its query is not read (DISTINCT, FILTER or a window in it)")
        }
        let s = scenario
        func columnName(_ e: SQLExpression) -> String? {
            guard case .column(let c) = e else { return nil }
            let name = String(c.split(separator: ".").last ?? "")
            return s.table.columnIndex(name) != nil ? name : nil
        }
        // GROUP BY entries as output items (by position, output name or expression).
        var grouped = Set<Int>()
        for g in query.groupBy {
            if case .literal(.int(let n)) = g, n >= 1, n <= query.items.count { grouped.insert(Int(n) - 1); continue }
            if case .column(let c) = g, let k = query.items.firstIndex(where: { $0.alias == c }) { grouped.insert(k); continue }
            if let k = query.items.firstIndex(where: { $0.expression == g }) { grouped.insert(k); continue }
            if let c = columnName(g), let k = query.items.firstIndex(where: { columnName($0.expression) == c }) { grouped.insert(k); continue }
            // A grouping expression not in the output: a grouping level of its own.
            throw NotSized(reason: "it groups by an expression that is not one of its output columns")
        }
        var bucket: (Int, String, PGInterval)?
        var notes: [String] = []
        for k in grouped.sorted() {
            guard case .function(let f, let args) = query.items[k].expression, ["time_bucket", "time_bucket_ng"].contains(f.lowercased()),
                  args.count >= 2, columnName(args[1]) == s.timeColumn else { continue }
            let widthText: String?
            switch args[0] {
            case .literal(.text(let t)), .cast(.literal(.text(let t)), _): widthText = t
            case .literal(.interval(let i)): widthText = i.description
            default: widthText = nil
            }
            guard let w = widthText.flatMap(PGInterval.init(text:)), w.microseconds >= 0, w.days >= 0, w.months >= 0,
                  (w.months > 0) != (w.days > 0 || w.microseconds > 0) else {
                throw NotSized(reason: "its bucket width is not a constant interval of months or of days and time")
            }
            // (Bounded so that the bucket arithmetic cannot overflow: a century is wider than any plan.)
            guard w.months <= 1_200, w.days <= 36_600, w.microseconds <= 36_600 * 86_400_000_000 else {
                throw NotSized(reason: "its bucket width is wider than a century")
            }
            if args.count > 2 { notes.append("time_bucket's origin, offset or time zone argument is not modelled: buckets have the default alignment") }
            bucket = (k, names[k], w)
            break
        }
        guard let (bucketItem, _, width) = bucket else {
            throw NotSized(reason: "no time_bucket on \"\(s.timeColumn)\" among its grouping columns")
        }
        var groupColumns: [String] = []
        var intervals = s.intervals
        var byInterval = false
        var columns: [(name: String, type: String, expression: SQLExpression?)] = []
        let timeColumn = s.table.columns[s.table.columnIndex(s.timeColumn)!]
        for (k, item) in query.items.enumerated() {
            let name = names[k]
            if k == bucketItem {
                columns.append((name, timeColumn.declaredType ?? timeColumn.type.sqlName, nil))
            } else if grouped.contains(k) {
                guard let c = columnName(item.expression), let def = s.table.column(c) else {
                    throw NotSized(reason: "it groups by \(item.text), not a column of \(s.table.name)")
                }
                groupColumns.append(name)
                if c == s.series.interval { byInterval = true } else if c != s.series.series {
                    notes.append("\"\(c)\" is taken as one value per ticker")
                }
                columns.append((name, def.declaredType ?? def.type.sqlName, .column(c)))
            } else {
                let typed = Self.replacingFirstLast(item.expression)
                guard let t = Self.builtins.typeName(ofOutput: typed, columns: s.table.columns) else {
                    throw NotSized(reason: "the type of \(item.text) is not resolved")
                }
                columns.append((name, PostgresBuiltinCatalog.shared.display(t), item.expression))
            }
        }
        guard Set(columns.map(\.name)).count == columns.count else { throw NotSized(reason: "two output columns share a name") }
        let bySeries = s.series.series.map { series in grouped.contains { columnName(query.items[$0].expression) == series } } ?? false
        if let series = s.series.series, !bySeries {
            notes.append("it does not group by \"\(series)\": one row per bucket for all tickers")
        }
        if let w = query.whereClause {
            if let wanted = Self.intervalFilter(w, column: s.series.interval) {
                intervals = s.intervals.filter { wanted.contains($0) }
                if intervals.isEmpty { throw NotSized(reason: "its WHERE keeps none of the planned intervals") }
            } else {
                notes.append("its WHERE is not modelled: every bar counts")
            }
        }
        return Shape(bucketColumn: columns[bucketItem].name, width: width, groupColumns: groupColumns, columns: columns,
                     intervals: intervals, byInterval: byInterval, bySeries: bySeries, notes: notes)
    }

    /// PostgreSQL's built-ins (an empty catalog): the aggregates and operators an output expression calls.
    static let builtins = SchemaCatalog()

    /// `first(x, t)` / `last(x, t)` (TimescaleDB's) typed as `min(x)`: the type of x.
    static func replacingFirstLast(_ e: SQLExpression) -> SQLExpression {
        switch e {
        case .function(let f, let args) where ["first", "last"].contains(f.lowercased()) && args.count == 2:
            return .function("min", [replacingFirstLast(args[0])])
        case .function(let f, let args): return .function(f, args.map(replacingFirstLast))
        case .arithmetic(let op, let a, let b): return .arithmetic(op, replacingFirstLast(a), replacingFirstLast(b))
        case .cast(let a, let t): return .cast(replacingFirstLast(a), t)
        default: return e
        }
    }

    /// `interval = '1m'`, `interval IN ('1m', '5m')`, either AND-ed with other conditions: the intervals kept.
    static func intervalFilter(_ e: SQLExpression, column: String?) -> Set<String>? {
        guard let column else { return nil }
        func isColumn(_ x: SQLExpression) -> Bool {
            if case .column(let c) = x { return String(c.split(separator: ".").last ?? "") == column }
            return false
        }
        func text(_ x: SQLExpression) -> String? {
            switch x {
            case .literal(.text(let t)), .cast(.literal(.text(let t)), _): return t
            default: return nil
            }
        }
        switch e {
        case .comparison(.eq, let a, let b):
            if isColumn(a), let t = text(b) { return [t] }
            if isColumn(b), let t = text(a) { return [t] }
            return nil
        case .inList(let a, let list, negated: false) where isColumn(a):
            let values = list.compactMap(text)
            return values.count == list.count ? Set(values) : nil
        case .and(let a, let b):
            switch (intervalFilter(a, column: column), intervalFilter(b, column: column)) {
            case (let x?, let y?): return x.intersection(y)
            case (let x?, nil): return x
            case (nil, let y?): return y
            default: return nil
            }
        default:
            return nil
        }
    }

    // MARK: the materialized table

    func materializedTable(_ name: String, shape: Shape) throws(NotSized) -> TableDefinition {
        let tableName = "_materialized_hypertable_" + name
        let columnsSQL = shape.columns.map { "\(SQLQuote.ident($0.name)) \($0.type)" }.joined(separator: ", ")
        let sql = "CREATE TABLE \(SQLQuote.ident(tableName)) (\(columnsSQL));"
        var catalog = SchemaCatalog()
        guard let statements = try? SQLParser.parse(text: sql, file: "cagg"), statements.count == 1 else {
            throw NotSized(reason: "its output columns do not make a table")
        }
        let diagnostics = catalog.apply(statements[0])
        guard !diagnostics.contains(where: { $0.severity == .error }), var table = catalog.tables[tableName] else {
            throw NotSized(reason: "its output columns do not make a table (\(diagnostics.first?.message ?? ""))")
        }
        var indexes = shape.groupColumns.map { g in
            IndexDefinition(name: "\(tableName)_\(g)_\(shape.bucketColumn)_idx", table: tableName,
                            keys: [.init(column: g), .init(column: shape.bucketColumn, descending: true)])
        }
        indexes.append(IndexDefinition(name: "\(tableName)_\(shape.bucketColumn)_idx", table: tableName,
                                       keys: [.init(column: shape.bucketColumn, descending: true)]))
        table.indexes = indexes
        return table
    }

    // MARK: rows

    /// `time_bucket(width, t)` with the default origin.
    static func bucket(_ t: Int64, width: PGInterval) -> Int64 {
        let day: Int64 = 86_400_000_000
        if width.months > 0 {
            let civil = CivilTime.civil(days: CivilTime.floorDiv(t, day))
            let months = Int64(civil.year - 2000) * 12 + Int64(civil.month - 1)
            let b = CivilTime.floorDiv(months, Int64(width.months)) * Int64(width.months)
            let year = 2000 + Int(CivilTime.floorDiv(b, 12))
            let month = Int(b - CivilTime.floorDiv(b, 12) * 12) + 1
            return CivilTime.days(year: year, month: month, day: 1) * day
        }
        let w = Int64(width.days) &* day &+ width.microseconds
        return fixedOrigin &+ CivilTime.floorDiv(t &- fixedOrigin, w) &* w
    }

    /// Rows of each materialization chunk (by range start) up to `end`: buckets holding a bar ×
    /// tickers (× intervals when grouped by them).
    func rowsPerMaterializationChunk(shape: Shape, end: Int64, chunkInterval: Int64) throws(NotSized) -> [Int64: Int] {
        let s = scenario
        let bars = shape.intervals.compactMap(BarInterval.init(name:))
        guard !bars.isEmpty else { throw NotSized(reason: "no bar interval to aggregate") }
        var perChunk: [Int64: Int] = [:]
        var lastStamp = Array(repeating: Int64.min, count: bars.count)
        var lastBucket = Array(repeating: Int64.min, count: bars.count)
        var union = Set<Int64>()
        var counted = 0
        s.calendar.forEachOpenMinute(from: s.start, to: end) { t in
            for (k, bar) in bars.enumerated() {
                let stamp = bar.start(ofBucket: bar.bucket(containing: t))
                guard stamp != lastStamp[k] else { continue }
                lastStamp[k] = stamp
                guard stamp >= s.start, stamp < end else { continue }
                let b = Self.bucket(stamp, width: shape.width)
                if shape.byInterval {
                    guard b != lastBucket[k] else { continue }
                    lastBucket[k] = b
                } else {
                    guard union.insert(b).inserted else { continue }
                }
                counted += 1
                let chunk = (b >= 0 ? b / chunkInterval : -((-b + chunkInterval - 1) / chunkInterval)) * chunkInterval
                perChunk[chunk, default: 0] += 1
            }
        }
        guard counted <= Self.maximumBuckets else { throw NotSized(reason: "more than \(Self.maximumBuckets) buckets in the horizon") }
        let groups = shape.bySeries ? s.tickers : 1
        return perChunk.mapValues { $0 * groups }
    }

    /// Materialized rows computed from sampled bars (a few tickers, enough buckets), repeated
    /// later in time to at least `minimum` rows for the size model.
    func sampleRows(table: TableDefinition, shape: Shape, atLeast minimum: Int = 3000) throws(NotSized) -> RowSet {
        tiled(try aggregatedSample(table: table, shape: shape), table: table, shape: shape, atLeast: minimum)
    }

    /// The rows the aggregate materializes from a few sampled tickers' bars, in bucket order, and
    /// the time step that repeats them later.
    struct AggregatedSample {
        var rows: [[Value]]
        var shiftBy: Int64
    }

    func aggregatedSample(table: TableDefinition, shape: Shape) throws(NotSized) -> AggregatedSample {
        let s = scenario
        let widthMicros = shape.width.months > 0 ? Int64(shape.width.months) * 30 * 86_400_000_000
            : Int64(shape.width.days) * 86_400_000_000 + shape.width.microseconds
        let day: Int64 = 86_400_000_000
        let span = max(2 * day, min(45 * day, widthMicros.multipliedReportingOverflow(by: 12).partialValue))
        let start = max(s.start, s.end &- span)
        var sampling = s
        sampling.intervals = shape.intervals
        let tickers = min(s.tickers, 3)
        let source: RowSet
        do {
            source = try ChunkSampler(scenario: sampling).rows(window: (start, s.end), tickers: tickers, seed: 7)
        } catch {
            throw NotSized(reason: "sampling bars: \(error)")
        }
        guard source.count > 0, let timeColumn = source.column(s.timeColumn) else { throw NotSized(reason: "no sampled bars") }
        // Group the sampled bars by bucket and grouping values.
        let groupSources = shape.columns.compactMap { c -> String? in
            guard shape.groupColumns.contains(c.name), case .column(let src)? = c.expression else { return nil }
            return src
        }
        struct Key: Hashable { var bucket: Int64; var group: [String] }
        var order: [Key] = []
        var members: [Key: [Int]] = [:]
        for r in 0..<source.count {
            guard case .timestamp(let t) = timeColumn.value(at: r) else { continue }
            let key = Key(bucket: Self.bucket(t, width: shape.width),
                          group: groupSources.map { source.column($0).map { String(describing: $0.value(at: r)) } ?? "" })
            if members[key] == nil { order.append(key) }
            members[key, default: []].append(r)
        }
        order.sort { ($0.bucket, $0.group.joined(separator: "\u{1}")) < ($1.bucket, $1.group.joined(separator: "\u{1}")) }
        let context = EvaluationContext(now: s.now)
        var rows: [[Value]] = []
        for key in order {
            let members = members[key] ?? []
            guard let first = members.first else { continue }
            var row: [Value] = []
            for (c, column) in zip(shape.columns, table.columns) {
                let v: Value
                if c.name == shape.bucketColumn {
                    v = .timestamp(key.bucket)
                } else if case .column(let src)? = c.expression {
                    v = source.column(src)?.value(at: first) ?? .null
                } else if let e = c.expression {
                    v = AggregateValue.evaluate(e, rows: members, source: source, context: context)
                } else {
                    v = .null
                }
                row.append(Self.coerce(v, to: column, context: context))
            }
            rows.append(row)
        }
        guard !rows.isEmpty else { throw NotSized(reason: "no sampled buckets") }
        return AggregatedSample(rows: rows, shiftBy: max(widthMicros, ((span + widthMicros - 1) / max(widthMicros, 1)) * widthMicros))
    }

    /// `sample` with every group of each bucket (see below), repeated later in time to at least `minimum` rows.
    func tiled(_ sample: AggregatedSample, table: TableDefinition, shape: Shape, atLeast minimum: Int) -> RowSet {
        let s = scenario
        let rows = sample.rows, shiftBy = sample.shiftBy
        // Every group of a bucket, as the chunk holds them: the sampled tickers' rows stand for
        // all tickers (their instrument value replaced), so the indexes see as many equal bucket
        // keys as the real chunk (B-tree deduplication depends on it); then repeated later in time
        // until the sample shows the page fill patterns.
        let bucketIndex = table.columnIndex(shape.bucketColumn)!
        let seriesOutput = shape.columns.firstIndex { c in
            if case .column(let src)? = c.expression { return src == s.series.series && shape.groupColumns.contains(c.name) }
            return false
        }
        let groups = shape.bySeries ? min(s.tickers, Self.maximumSampleGroups) : 1
        var spec = SyntheticDataSpec(tickers: groups, intervals: shape.intervals, days: 1, start: s.start, seed: 7, profile: s.profile, calendar: s.calendar)
        spec.end = s.start
        let tickerValues = seriesOutput.flatMap { _ in
            s.marketDataGenerator(spec).tickerValues(of: s.series.series ?? "")
        }
        var byBucket: [Int64: [[Value]]] = [:]
        var bucketOrder: [Int64] = []
        for row in rows {
            guard case .timestamp(let b) = row[bucketIndex] else { continue }
            if byBucket[b] == nil { bucketOrder.append(b) }
            byBucket[b, default: []].append(row)
        }
        let target = max(minimum, 2 * groups)
        var columns = table.columns.map { ColumnVector(type: $0.type, capacity: target + groups * shape.intervals.count) }
        var round: Int64 = 0
        while columns[0].count < target {
            let before = columns[0].count
            for b in bucketOrder {
                let bucketRows = byBucket[b] ?? []
                // The sampled rows of each sampled ticker, in their order.
                var perTicker: [[[Value]]] = []
                if let k = seriesOutput {
                    var index: [String: Int] = [:]
                    for row in bucketRows {
                        let key = String(describing: row[k])
                        if let i = index[key] { perTicker[i].append(row) } else { index[key] = perTicker.count; perTicker.append([row]) }
                    }
                } else {
                    perTicker = [bucketRows]
                }
                guard !perTicker.isEmpty else { continue }
                for g in 0..<(seriesOutput == nil ? 1 : groups) {
                    for row in perTicker[g % perTicker.count] {
                        var copy = row
                        copy[bucketIndex] = .timestamp(b &+ round &* shiftBy)
                        if let k = seriesOutput, let values = tickerValues, g < values.count { copy[k] = values[g] }
                        for (c, v) in copy.enumerated() { columns[c].append(v) }
                    }
                }
                if columns[0].count >= target { break }
            }
            // (A round that adds nothing, say a sample whose buckets did not survive the column
            // types, would repeat forever: the sample is what it is.)
            if columns[0].count == before { break }
            round += 1
        }
        return RowSet(table: table, columns: columns)
    }

    /// `v` as a value of `column`'s type (the aggregate computed in its own arithmetic).
    static func coerce(_ v: Value, to column: ColumnDefinition, context: EvaluationContext) -> Value {
        if case .null = v { return v }
        var probe = ColumnVector(type: column.type, capacity: 1)
        if probe.append(v) { return v }
        if let cast = SQLExpression.cast(.literal(v), column.declaredType ?? column.type.sqlName).scalar(context: context, value: { _ in nil }) {
            probe = ColumnVector(type: column.type, capacity: 1)
            if probe.append(cast) { return cast }
        }
        return .null
    }

    /// An interval of µs as PostgreSQL prints it, in days when it is whole days (`10 days`, as
    /// TimescaleDB's dimension shows ten 1-day chunks), else as a time (`10:00:00`).
    static func intervalText(_ micros: Int64) -> String {
        let day: Int64 = 86_400_000_000
        if micros % day == 0, micros / day <= Int64(Int32.max) { return PGInterval(days: Int32(micros / day)).description }
        return PGInterval(microseconds: micros).description
    }

    /// A policy interval in µs, months as 30 days (as TimescaleDB's policies convert them).
    static func approximateMicroseconds(_ i: PGInterval) -> Int64 {
        let days = Int64(i.months) * 30 + Int64(i.days)
        let (micros, overflow) = days.multipliedReportingOverflow(by: 86_400_000_000)
        let (total, overflow2) = micros.addingReportingOverflow(i.microseconds)
        if overflow || overflow2 { return days < 0 || (days == 0 && i.microseconds < 0) ? Int64.min / 2 : Int64.max / 2 }
        return total
    }
}
