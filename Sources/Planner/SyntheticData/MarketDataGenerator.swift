import Schema
import Storage

/// Deterministic synthetic `market_data` rows: every requested interval for every ticker,
/// aggregated from one-minute paths (open first, close last, high max, low min, volume sum —
/// NULL only when every minute's volume is NULL, as SQL `sum` behaves), stamped at bar start.
///
/// Rows come in `(timestamp, ticker_id, interval)` order like the shared SQL-made set; `id` is a
/// seeded v4 uuid, `created_at` the bar end plus 0–3 s with microsecond jitter (a feed's delay),
/// `source` `synthetic`, `metadata` `{}`.
///
/// Any other table with the market_data shape works too (a team's own migrations): the time
/// column may have another name, `id` and `ticker_id` may be integers or text, the instrument and
/// interval columns may be others (``SeriesColumns``: a `symbol`, no interval column), bar columns
/// may go by other names (``barSynonyms``: `price`, `qty`), and other columns
/// take their DEFAULT (a constant, `now()` as the bar's arrival, a sequence, a random uuid), or,
/// without one, a value drawn from the bar: a nullable number the bar's close (an integer its
/// volume; ``readingRole(_:in:)``) as a reading table's `value` or `temperature` holds one, other
/// nullable columns NULL, and NOT NULL ones a value of their type (see
/// ``filledByType(table:timeColumn:series:)``).
///
/// ```swift
/// let rows = try MarketDataGenerator(spec: SyntheticDataSpec(tickers: 2, days: 5)).rows()
/// let csv = CopyWriter().write(rows)
/// ```
public struct MarketDataGenerator: Sendable {
    public var spec: SyntheticDataSpec
    public var table: TableDefinition
    /// The column bars are stamped in (`timestamp` in market_data).
    public var timeColumn: String
    /// The columns taking each ticker's value and the bar's interval (`ticker_id` and `interval`
    /// in market_data).
    public var series: SeriesColumns
    /// The unit of an integer time column's epoch values (a bar's start is written as that many
    /// units since 1970); nil writes microseconds.
    public var timeUnit: IntegerTimeUnit?
    /// NOT NULL columns without a default that take one value per ticker rather than one per row:
    /// the compression's segmentby columns. A team segments by columns of few values (an
    /// `exchange smallint` beside the symbol); numbered by row, each row would be a batch of its own
    /// and the compressed table larger than the uncompressed one. The table's own segmentby unless
    /// set (`plan` sets the scenario's, which `--segmentby` may have changed).
    public var perTickerColumns: Set<String>

    public init(spec: SyntheticDataSpec, table: TableDefinition = NQPTables.marketData, timeColumn: String = "timestamp",
                series: SeriesColumns = .marketData, timeUnit: IntegerTimeUnit? = nil) {
        self.spec = spec
        self.table = table
        self.timeColumn = timeColumn
        self.series = series
        self.timeUnit = timeUnit
        self.perTickerColumns = Set(table.hypertable?.segmentBy ?? [])
    }

    /// Columns the generator has neither a market_data meaning nor a DEFAULT for but must fill
    /// (NOT NULL), with what it puts there, nil when their type cannot be filled (the generator
    /// then fails); `plan` warns about the first kind and refuses the second.
    public static func filledByType(table: TableDefinition, timeColumn: String, series: SeriesColumns = .marketData,
                                    perTicker: Set<String> = []) -> [(column: ColumnDefinition, fill: String?)] {
        table.columns.compactMap { column in
            guard column.name != timeColumn, column.name != series.series, column.name != series.interval,
                  !knownColumns.contains(barRole(column, in: table)), column.notNull || column.domain?.notNull == true,
                  column.generated == nil else { return nil }
            switch column.defaultValue {
            case .value?, .now?, .randomUUID?, .sequence?: return nil
            case .expression?, nil:
                if let labels = column.enumLabels { return (column, labels.isEmpty ? nil : "the enum's labels in turn") }
                if labels(column, in: table, perTicker: false) != nil { return (column, "the values its CHECK allows, in turn") }
                if perTicker.contains(column.name), let fill = perTickerFill(column.type) { return (column, fill) }
                return (column, typeFill(column.type))
            }
        }
    }

    /// Nullable columns with neither a market_data meaning nor a DEFAULT that the generator fills
    /// as readings (``readingRole(_:in:)``), with the bar column each takes; `plan` says so.
    public static func filledAsReadings(table: TableDefinition, timeColumn: String,
                                        series: SeriesColumns = .marketData) -> [(column: ColumnDefinition, role: String)] {
        table.columns.compactMap { column in
            guard column.name != timeColumn, column.name != series.series, column.name != series.interval,
                  let role = readingRole(column, in: table) else { return nil }
            return (column, role)
        }
    }

    /// Other names a team's table gives market_data's bar columns, tried where the table has no
    /// column of the market_data name: a `price` or `last` column takes the bar's close, a `qty`
    /// the bar's volume.
    static let barSynonyms: [String: [String]] = [
        "open": ["o", "open_price", "price_open", "opening_price"],
        "high": ["h", "high_price", "price_high"],
        "low": ["l", "low_price", "price_low"],
        "close": ["c", "close_price", "price_close", "closing_price", "last", "last_price", "price", "value", "val", "reading"],
        "volume": ["v", "vol", "qty", "quantity", "size", "shares", "contracts", "base_volume"],
    ]

    /// The market_data column `column` stands for in `table`: its own name, or the bar column
    /// (`open` … `volume`) it is another name for when the table has no column of that name and
    /// it is numeric, floating-point or integer.
    static func barRole(_ column: ColumnDefinition, in table: TableDefinition) -> String {
        switch column.type {
        case .numeric, .float4, .float8, .int2, .int4, .int8:
            guard column.catalogType == nil else { return column.name }
        default: return column.name
        }
        let lowered = column.name.lowercased()
        for (role, names) in barSynonyms where names.contains(lowered) && table.columnIndex(role) == nil { return role }
        return column.name
    }

    /// The bar column a nullable number with no DEFAULT and no market_data meaning takes (a
    /// reading: `value`, `temperature`, `vwap`, `trades`): `close` for numeric and floating-point
    /// columns, `volume` for integers; nil for other columns, which stay NULL, and for integers
    /// named like a key (`parent_id`), which a reading is not. NULL in every row would store
    /// nothing, where a team's column holds values.
    static func readingRole(_ column: ColumnDefinition, in table: TableDefinition) -> String? {
        guard column.defaultValue == nil, column.generated == nil, !(column.notNull || column.domain?.notNull == true), column.catalogType == nil,
              column.enumLabels == nil, barRole(column, in: table) == column.name, !knownColumns.contains(column.name) else { return nil }
        switch column.type {
        case .numeric, .float4, .float8: return "close"
        case .int2, .int4, .int8:
            let lowered = column.name.lowercased()
            return lowered == "id" || lowered.hasSuffix("_id") ? nil : "volume"
        default: return nil
        }
    }

    /// The only texts a column takes: an enum's labels, or (unless each ticker needs a value of
    /// its own) the list a CHECK constraint holds it to (`side IN ('B', 'S')`, `side = 'B' OR
    /// side = 'S'`, under top-level ANDs); nil when neither limits it.
    static func labels(_ column: ColumnDefinition, in table: TableDefinition, perTicker: Bool) -> [String]? {
        if let labels = column.enumLabels { return labels }
        guard !perTicker else { return nil }
        func isColumn(_ e: SQLExpression) -> Bool { Self.reads(e, column: column.name) }
        func text(_ e: SQLExpression) -> String? {
            switch e {
            case .literal(.text(let t)): return t
            case .cast(let inner, _): return text(inner)
            default: return nil
            }
        }
        /// The texts `e` allows the column, when it is an IN list or ORed equalities of constants.
        func allowed(_ e: SQLExpression) -> [String]? {
            switch e {
            case .inList(let subject, let list, negated: false) where isColumn(subject):
                let texts = list.compactMap(text)
                return texts.count == list.count ? texts : nil
            case .comparison(.eq, let a, let b):
                if isColumn(a), let t = text(b) { return [t] }
                if isColumn(b), let t = text(a) { return [t] }
                return nil
            case .or(let a, let b):
                guard let x = allowed(a), let y = allowed(b) else { return nil }
                return x + y.filter { !x.contains($0) }
            default: return nil
            }
        }
        func conjuncts(_ e: SQLExpression) -> [SQLExpression] {
            if case .and(let a, let b) = e { return conjuncts(a) + conjuncts(b) }
            return [e]
        }
        for check in table.checks {
            for part in conjuncts(check.predicate) {
                if let texts = allowed(part), !texts.isEmpty { return texts }
            }
        }
        return nil
    }

    /// market_data's columns with a meaning of their own here, besides the series columns.
    static let knownColumns: Set<String> = ["id", "open", "high", "low", "close", "volume", "source", "metadata", "created_at"]

    /// A seed of a column's name (FNV-1a), so each measured column draws its own NULLs.
    static func nameSeed(_ name: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in name.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        return h
    }

    /// What a NOT NULL column of `type` without a default is filled with, or nil when it cannot be.
    /// What a ``perTickerColumns`` column is filled with, where it differs from ``typeFill(_:)``.
    static func perTickerFill(_ type: PGType) -> String? {
        switch type {
        case .uuid: return "the ticker's uuid (a segmentby column)"
        case .int2, .int4, .int8: return "1, 2, 3, … by ticker (a segmentby column)"
        default: return nil
        }
    }

    static func typeFill(_ type: PGType) -> String? {
        switch type {
        case .uuid: return "random uuids"
        case .int2, .int4, .int8: return "1, 2, 3, …"
        case .numeric, .float4, .float8: return "the bar's close"
        case .text, .varchar: return "the ticker's symbol"
        case .bool: return "false"
        case .timestamptz, .timestamp, .date: return "the bar's time"
        case .jsonb: return "{}"
        default: return nil
        }
    }

    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case unsupportedInterval(String)
        case tableLacksColumn(String)
        /// A price or volume column of a type bars are not drawn in (text, say).
        case unsupportedColumnType(String, PGType)
        /// An integer time column whose type cannot hold a bar's time in its unit (seconds after
        /// 2038 in an `integer`, milliseconds in one at all).
        case timeOutOfRange(String)

        public var description: String {
            switch self {
            case .unsupportedInterval(let i):
                return "interval \"\(i)\" cannot be generated (supported: \(BarInterval.supportedList))"
            case .tableLacksColumn(let c): return "column \"\(c)\" is NOT NULL but the generator has no values for it"
            case .unsupportedColumnType(let c, let t):
                return "column \"\(c)\" is \(t.sqlName); bars are drawn for numeric, floating-point or integer prices and volumes"
            case .timeOutOfRange(let c):
                return "the bars' times do not fit integer time column \"\(c)\" in its unit (an integer holds epoch seconds until 2038, no milliseconds)"
            }
        }
    }

    struct Bar {
        var start: Int64, ticker: Int, interval: String
        var open: Int64, high: Int64, low: Int64, close: Int64, volume: Int64?
    }

    public func rows() throws(Failure) -> RowSet {
        for i in spec.intervals where BarInterval(name: i) == nil { throw .unsupportedInterval(i) }
        let ids = spec.tickerIDs
        var bars: [Bar] = []
        for k in 0..<ids.count {
            // Every interval's bars built as the minutes stream by: memory holds bars, not minutes.
            var accumulators = spec.intervals.compactMap { name in BarInterval(name: name).map { BarAccumulator(bars: $0, ticker: k) } }
            MinuteBars.forEachMinute(spec: spec, tickerIndex: k) { minute in
                for j in accumulators.indices { accumulators[j].add(minute) }
            }
            for (j, interval) in spec.intervals.enumerated() {
                // Bars whose period began before the window are not the window's (as in BarCalendar).
                let all = accumulators[j].finish().filter { $0.start >= spec.start }
                let keep = spec.profile.coverage(of: interval)
                if keep >= 1 {
                    bars += all
                } else {
                    // Gaps: a series has only the profile's share of its calendar bars.
                    var gaps = SeededRandom(seed: spec.seed ^ 0x5851_F42D_4C95_7F2D &+ UInt64(k) &* 31 &+ UInt64(interval.utf8.count))
                    bars += all.filter { _ in gaps.nextUnit() < keep }
                }
            }
        }
        bars.sort { a, b in
            if a.start != b.start { return a.start < b.start }
            if a.ticker != b.ticker { return ids[a.ticker] < ids[b.ticker] }
            return a.interval.utf8.lexicographicallyPrecedes(b.interval.utf8)
        }
        return try build(bars, ids: ids)
    }

    /// One interval's bars of one ticker, built minute by minute: open first, close last, high
    /// max, low min, volume summed (NULL only while every minute's volume is NULL), stamped at
    /// the start of the bucket holding the bar's first minute.
    struct BarAccumulator {
        let bars: BarInterval
        let ticker: Int
        private var current: Bar?
        /// The exclusive end of `current`'s bucket.
        private var end: Int64 = 0
        private var done: [Bar] = []

        init(bars: BarInterval, ticker: Int) {
            self.bars = bars
            self.ticker = ticker
        }

        /// Adds the next minute (minutes come in time order).
        mutating func add(_ m: MinuteBars.Minute) {
            if var bar = current, m.start < end {
                bar.high = max(bar.high, m.high)
                bar.low = min(bar.low, m.low)
                bar.close = m.close
                if let v = m.volume { bar.volume = (bar.volume ?? 0) + v }
                current = bar
                return
            }
            if let bar = current { done.append(bar) }
            let bucket = bars.bucket(containing: m.start)
            end = bars.start(ofBucket: bucket + 1)
            current = Bar(start: bars.start(ofBucket: bucket), ticker: ticker, interval: bars.name, open: m.open, high: m.high,
                          low: m.low, close: m.close, volume: m.volume)
        }

        /// Every bar, the last one included.
        mutating func finish() -> [Bar] {
            if let bar = current { done.append(bar) }
            current = nil
            defer { done = [] }
            return done
        }
    }

    /// `ticks × tick` as an unscaled integer at `scale`.
    static func scaled(ticks: Int64, tickUnscaled: Int64, tickScale: Int, to scale: Int) -> Int64 {
        let (raw, o) = ticks.multipliedReportingOverflow(by: tickUnscaled)
        guard !o else { return Int64.max }
        if scale >= tickScale {
            let (v, o2) = raw.multipliedReportingOverflow(by: PGNumeric.powersOfTen[min(18, scale - tickScale)])
            return o2 ? Int64.max : v
        }
        let d = PGNumeric.powersOfTen[min(18, tickScale - scale)]
        let q = raw / d, r = raw % d
        return r * 2 >= d ? q + 1 : (r * 2 <= -d ? q - 1 : q)
    }

    /// The largest magnitude a column of `type` holds, in units of its scale: `numeric(p, s)`'s
    /// 10ᵖ − 1, a smallint's or integer's maximum; nil when bars always fit (bigint, numeric
    /// without a precision, floats).
    /// The values an integer column's type holds.
    static func integerLimit(of type: PGType) -> ClosedRange<Int64> {
        switch type {
        case .int2: return Int64(Int16.min)...Int64(Int16.max)
        case .int4: return Int64(Int32.min)...Int64(Int32.max)
        default: return Int64.min...Int64.max
        }
    }

    static func magnitudeLimit(of type: PGType) -> Int64? {
        switch type {
        case .numeric(let p?, _) where p < 19: return PGNumeric.powersOfTen[max(0, p)] - 1
        case .int2: return Int64(Int16.max)
        case .int4: return Int64(Int32.max)
        default: return nil
        }
    }

    /// Whether `e` is the column `name`, cast or not (`side`, `side::text`).
    static func reads(_ e: SQLExpression, column name: String) -> Bool {
        switch e {
        case .column(let c): return c == name
        case .cast(let inner, _): return reads(inner, column: name)
        default: return false
        }
    }

    /// The largest magnitude `column` takes at `scale`: its type's (``magnitudeLimit(of:)``) or,
    /// when lower, what a CHECK of the table holds it under (`price < 100`, `qty <= 5000`,
    /// `temperature BETWEEN -50 AND 60`, `100 > price`, under top-level ANDs).
    static func magnitudeLimit(of column: ColumnDefinition, in table: TableDefinition, scale: Int) -> Int64? {
        var limit = magnitudeLimit(of: column.type)
        func isColumn(_ e: SQLExpression) -> Bool { Self.reads(e, column: column.name) }
        func number(_ e: SQLExpression) -> Double? {
            switch e {
            case .literal(.int(let v)): return Double(v)
            case .literal(.numeric(let v)): return v.approximateValue
            case .literal(.float(let v)): return v
            case .cast(let inner, _): return number(inner)
            default: return nil
            }
        }
        func tighten(_ bound: Double, strict: Bool) {
            let units = (bound * Double(PGNumeric.powersOfTen[min(18, max(0, scale))])).rounded(.down)
            guard units.isFinite, units >= 0, units < 9.0e18 else { return }
            var v = Int64(units)
            if strict && units == bound * Double(PGNumeric.powersOfTen[min(18, max(0, scale))]) { v -= 1 }
            limit = min(limit ?? Int64.max, max(0, v))
        }
        func visit(_ e: SQLExpression) {
            switch e {
            case .and(let a, let b): visit(a); visit(b)
            case .comparison(let op, let a, let b):
                if isColumn(a), let c = number(b) {
                    if op == .lt { tighten(c, strict: true) } else if op == .le { tighten(c, strict: false) }
                } else if isColumn(b), let c = number(a) {
                    if op == .gt { tighten(c, strict: true) } else if op == .ge { tighten(c, strict: false) }
                }
            case .between(let subject, _, let high, negated: false) where isColumn(subject):
                if let c = number(high) { tighten(c, strict: false) }
            default: break
            }
        }
        for check in table.checks { visit(check.predicate) }
        return limit
    }

    /// `values` divided by the least power of ten (rounded half away from zero) that brings
    /// `largest` within `limit`: a `numeric(5,2)` reading or a smallint volume keeps the walk's
    /// shape at a magnitude the column takes, where the bar's own value would overflow it.
    static func fitted(_ values: [Int64], largest: Int64, limit: Int64?) -> [Int64] {
        guard let limit, largest > limit else { return values }
        var d: Int64 = 1, top = largest
        while top > limit, d < PGNumeric.powersOfTen[18] { top /= 10; d *= 10 }
        return values.map { v in
            let q = v / d, r = v % d
            return r * 2 >= d ? q + 1 : (r * 2 <= -d ? q - 1 : q)
        }
    }

    private func build(_ bars: [Bar], ids: [PGUUID]) throws(Failure) -> RowSet {
        var random = SeededRandom(seed: spec.seed ^ 0xD1B5_4A32_D192_ED03)
        let n = bars.count
        var columns: [ColumnVector] = []
        let tickUnscaled = spec.tick.unscaled, tickScale = spec.tick.scale
        let barCount = n
        let symbols = spec.symbols
        func arrival(_ bar: Bar, _ lag: MarketDataProfile.CreatedAtStatistics, _ span: UInt64) -> Int64 {
            let end = BarInterval(name: bar.interval)?.barEnd(containing: bar.start) ?? bar.start + 60_000_000
            let t = end + lag.lagRangeMicros.lowerBound + Int64(random.next() % span)
            return lag.microsecondPrecision ? t : CivilTime.floorDiv(t, 1_000_000) * 1_000_000
        }
        /// The largest magnitude of any bar's price at `scale` (high and low bound the others), so
        /// the price columns of one type shrink alike and a bar's high stays above its low.
        var largestPrices: [Int: Int64] = [:]
        func largestPrice(_ scale: Int) -> Int64 {
            if let known = largestPrices[scale] { return known }
            var top: Int64 = 0
            for bar in bars {
                for t in [bar.high, bar.low] {
                    let v = Self.scaled(ticks: t, tickUnscaled: tickUnscaled, tickScale: tickScale, to: scale)
                    top = max(top, v == Int64.min ? Int64.max : abs(v))
                }
            }
            largestPrices[scale] = top
            return top
        }
        /// A column filled by its type from each bar (ids, tickers and NOT NULL columns without a default).
        func byType(_ column: ColumnDefinition, ticker: Bool) throws(Failure) -> ColumnVector {
            switch column.type {
            case .uuid:
                return ColumnVector(type: column.type, storage: .uuid(UUIDColumn(ticker ? bars.map { ids[$0.ticker] } : (0..<n).map { _ in random.nextUUIDv4() })))
            case .int2, .int4, .int8:
                return ColumnVector(type: column.type, storage: .int64(ticker ? bars.map { Int64($0.ticker + 1) } : (0..<n).map { Int64($0 + 1) }))
            case .text, .varchar:
                // An enum column, or one a CHECK limits to a list, takes only those values: one per ticker, in turn.
                if let labels = Self.labels(column, in: table, perTicker: ticker) {
                    guard !labels.isEmpty else { throw .tableLacksColumn(column.name) }
                    return ColumnVector(type: column.type, storage: .string(StringColumn(bars.map { labels[$0.ticker % labels.count] })))
                }
                return ColumnVector(type: column.type, storage: .string(StringColumn(bars.map { symbols[$0.ticker] })))
            case .timestamptz, .timestamp:
                return ColumnVector(type: column.type, storage: .time(bars.map(\.start)))
            default:
                var out = ColumnVector(type: column.type)
                var numberScale = tickScale
                if case .numeric(_, let s?) = column.type { numberScale = s }
                let limit = Self.magnitudeLimit(of: column, in: table, scale: numberScale)
                for bar in bars {
                    let value: Value
                    switch column.type {
                    case .numeric(_, let s):
                        let scale = s ?? tickScale
                        value = .numeric(PGNumeric(unscaled: Self.fitted([Self.scaled(ticks: bar.close, tickUnscaled: tickUnscaled, tickScale: tickScale, to: scale)],
                                                                         largest: largestPrice(scale), limit: limit)[0], scale: scale))
                    case .float4, .float8:
                        let unscaled = Self.fitted([Self.scaled(ticks: bar.close, tickUnscaled: tickUnscaled, tickScale: tickScale, to: tickScale)],
                                                   largest: largestPrice(tickScale), limit: limit)[0]
                        value = .float(PGNumeric(unscaled: unscaled, scale: tickScale).approximateValue)
                    case .bool: value = .bool(false)
                    case .date: value = .date(CivilTime.floorDiv(bar.start, CivilTime.microsecondsPerDay))
                    case .jsonb: value = .jsonb("{}")
                    default: throw .tableLacksColumn(column.name)
                    }
                    guard out.append(value) else { throw .tableLacksColumn(column.name) }
                }
                return out
            }
        }
        for column in table.columns {
            var vector: ColumnVector
            // Computed from the row once the other columns are drawn (GeneratedColumns).
            if column.generated != nil {
                columns.append(ColumnVector(type: column.type, repeating: .null, count: n))
                continue
            }
            if column.name == timeColumn {
                switch column.type {
                case .uuid:
                    // A UUIDv7 time column (TimescaleDB 2.23+): each bar's time in the first 48 bits, the rest random.
                    let ids = bars.map { PGUUID(version7At: $0.start, randomBits: (random.next(), random.next())) }
                    columns.append(ColumnVector(type: column.type, storage: .uuid(UUIDColumn(ids))))
                case .date:
                    // A date column holds day numbers (µs would be read as days and overflow to +∞).
                    columns.append(ColumnVector(type: column.type, storage: .time(bars.map { CivilTime.floorDiv($0.start, CivilTime.microsecondsPerDay) })))
                case .int2, .int4, .int8:
                    // An integer time column holds epoch units; one that does not fit its type is refused.
                    let unit = timeUnit ?? .microseconds
                    let limit = Self.integerLimit(of: column.type)
                    var values: [Int64] = []
                    values.reserveCapacity(bars.count)
                    for bar in bars {
                        guard let v = unit.units(fromMicroseconds: bar.start), limit.contains(v) else { throw .timeOutOfRange(column.name) }
                        values.append(v)
                    }
                    columns.append(ColumnVector(type: column.type, storage: .int64(values)))
                default:
                    columns.append(ColumnVector(type: column.type, storage: .time(bars.map(\.start))))
                }
                continue
            }
            if column.name == series.series {
                columns.append(try byType(column, ticker: true))
                continue
            }
            if column.name == series.interval {
                columns.append(ColumnVector(type: column.type, storage: .string(StringColumn(bars.map(\.interval)))))
                continue
            }
            let role = Self.readingRole(column, in: table) ?? Self.barRole(column, in: table)
            switch role {
            case "id" where column.defaultValue == nil || column.defaultValue == .randomUUID || column.defaultValue == .sequence:
                vector = try byType(column, ticker: false)
            case "open", "high", "low", "close":
                let pick: (Bar) -> Int64 = role == "open" ? { $0.open } : role == "high" ? { $0.high }
                    : role == "low" ? { $0.low } : { $0.close }
                // ticks × tick in the column's own type: rescaled exactly to a numeric column's scale
                // (a finer tick than the column keeps is rounded half away from zero, as numeric
                // input is), the nearest float for a float column, whole units for an integer one.
                // A column too narrow for the bars' prices (`numeric(5,2)`, a smallint) takes them
                // shrunk by a power of ten (``fitted(_:largest:limit:)``).
                func at(_ scale: Int) -> [Int64] {
                    Self.fitted(bars.map { Self.scaled(ticks: pick($0), tickUnscaled: tickUnscaled, tickScale: tickScale, to: scale) },
                                largest: largestPrice(scale), limit: Self.magnitudeLimit(of: column, in: table, scale: scale))
                }
                switch column.type {
                case .numeric(_, let s):
                    let scale = s ?? tickScale
                    vector = ColumnVector(type: column.type, storage: .numeric(unscaled: at(scale), scales: NumericScales(repeating: Int16(scale), count: barCount)))
                case .float8:
                    vector = ColumnVector(type: column.type, storage: .double(at(tickScale).map { PGNumeric(unscaled: $0, scale: tickScale).approximateValue }))
                case .float4:
                    vector = ColumnVector(type: column.type, storage: .double(at(tickScale).map { Double(Float(PGNumeric(unscaled: $0, scale: tickScale).approximateValue)) }))
                case .int2, .int4, .int8:
                    vector = ColumnVector(type: column.type, storage: .int64(at(0)))
                default: throw .unsupportedColumnType(column.name, column.type)
                }
            case "volume":
                // A bar without volume is NULL where the column takes NULL, and the least volume
                // (1, which a `CHECK (qty > 0)` takes too) in a NOT NULL one.
                let notNull = column.notNull || column.domain?.notNull == true
                // A column too narrow for the volumes (or held under a bound by a CHECK) takes them
                // shrunk by a power of ten, at least 1; a numeric one at its own scale.
                var scale = 0
                if case .numeric(_, let s?) = column.type { scale = min(18, max(0, s)) }
                let raw = bars.map { bar -> Int64 in
                    let (v, o) = (bar.volume ?? (notNull ? 1 : 0)).multipliedReportingOverflow(by: PGNumeric.powersOfTen[scale])
                    return o ? Int64.max : v
                }
                var volumes = Self.fitted(raw, largest: raw.max() ?? 0, limit: Self.magnitudeLimit(of: column, in: table, scale: scale))
                if volumes != raw { volumes = volumes.map { max($0, PGNumeric.powersOfTen[scale]) } }
                let nulls = notNull ? [] : bars.map { $0.volume == nil }
                switch column.type {
                case .int2, .int4, .int8: vector = ColumnVector(type: column.type, storage: .int64(volumes), isNull: nulls)
                case .numeric: vector = ColumnVector(type: column.type, storage: .numeric(unscaled: volumes, scales: NumericScales(repeating: Int16(scale), count: barCount)), isNull: nulls)
                case .float4, .float8: vector = ColumnVector(type: column.type, storage: .double(volumes.map(Double.init)), isNull: nulls)
                default: throw .unsupportedColumnType(column.name, column.type)
                }
            case "source", "metadata":
                let text = column.name == "source" ? spec.profile.sourceText : spec.profile.metadataText
                if let text {
                    vector = ColumnVector(type: column.type, storage: .string(StringColumn(repeating: text, count: n)))
                } else {
                    vector = ColumnVector(type: column.type, storage: .string(StringColumn(repeating: "", count: n)),
                                          isNull: Array(repeating: true, count: n))
                }
            case "created_at":
                let lag = spec.profile.createdAt
                let span = UInt64(lag.lagRangeMicros.upperBound &- lag.lagRangeMicros.lowerBound) &+ 1
                var nulls: [Bool] = []
                if lag.nullFraction > 0 { nulls = (0..<n).map { _ in random.nextUnit() < lag.nullFraction } }
                vector = ColumnVector(type: column.type, storage: .time(bars.map { arrival($0, lag, span) }), isNull: nulls)
            default:
                switch column.defaultValue {
                case .value(let v)?:
                    var out = ColumnVector(type: column.type)
                    for _ in 0..<n { guard out.append(v) else { throw .tableLacksColumn(column.name) } }
                    vector = out
                case .now?:
                    let lag = spec.profile.createdAt
                    let span = UInt64(lag.lagRangeMicros.upperBound &- lag.lagRangeMicros.lowerBound) &+ 1
                    vector = ColumnVector(type: column.type, storage: .time(bars.map { arrival($0, lag, span) }))
                case .randomUUID?, .sequence?:
                    vector = try byType(column, ticker: false)
                case .expression?, nil:
                    if column.notNull || column.domain?.notNull == true {
                        vector = try byType(column, ticker: perTickerColumns.contains(column.name))
                    } else {
                        var nulls = ColumnVector(type: column.type)
                        for _ in 0..<n { nulls.append(.null) }
                        vector = nulls
                    }
                }
            }
            // A nullable column of the team's own that their export measured: NULL as often as there.
            if let stats = spec.profile.columns?[column.name], !(column.notNull || column.domain?.notNull == true) {
                var filled: ColumnVector?
                vector = stats.drawn(vector, values: {
                    if filled == nil { filled = try? byType(column, ticker: false) }
                    return filled
                }, seed: spec.seed ^ Self.nameSeed(column.name))
            }
            columns.append(vector)
        }
        return GeneratedColumns.filled(RowSet(table: table, columns: columns))
    }
}
