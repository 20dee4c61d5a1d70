import Foundation
import PostgresModel
import Schema
import Storage

/// One fully resolved capacity scenario: what `plan` (and `migrate`) compute from. Built by
/// ``resolve(_:currentTime:)`` from a ``ScenarioInput`` layered as flags over scenario file over
/// migrations over defaults.
public struct Scenario: Sendable {
    /// The most chunk ranges (span ÷ chunk interval) a plan models.
    public static let maximumChunkRanges: Int64 = 1_000_000
    /// A measured profile from fewer rows than this is warned about (about a session day of 1-minute bars).
    static let smallProfileRows = 1_000

    /// The inputs after resolution, as text by flag name (the `scenario` object of `plan --json`).
    public var resolved: [String: String]
    /// The table as the migrations (or the built-in) define it.
    public var table: TableDefinition
    /// Indexes of the plain table (the table's own: the 001 set for the built-in).
    public var plainIndexes: [IndexDefinition]
    /// Migration 009's indexes, built after the load, when the table has their columns.
    public var indexes009: [IndexDefinition]?
    /// The hypertable's indexes: the plain ones TimescaleDB accepts (plus 009's with `--indexes 009`).
    public var hypertableIndexes: [IndexDefinition]
    /// Constraints TimescaleDB refuses, dropped for the hypertable (with ``warnings``).
    public var droppedForHypertable: [IndexDefinition]
    /// The tables the table's foreign keys reference (``TableResolution/referencedTables``).
    public var referencedTables: [TableDefinition] = []
    /// The continuous aggregates the migrations define (all of them; `plan` sizes those on `table`).
    public var continuousAggregates: [ContinuousAggregateSetup] = []
    /// The migrations' row-level security, policies and grants on the table, as written
    /// (``TableResolution/accessStatements``).
    public var accessStatements: [String] = []

    /// ``warnings`` without the replay's "not modelled here" for the continuous aggregates named
    /// (those `plan` sized or `migrate` writes).
    public func warnings(handling aggregates: [String]) -> [String] {
        warnings.filter { w in !aggregates.contains { UnmodelledStatement.isContinuousAggregateWarning(w, name: $0) } }
    }
    public var warnings: [String]
    public var timeColumn: String
    /// The columns each ticker's value and the bar interval go in (`ticker_id` and `interval` in
    /// market_data; a team's table may key its series by `symbol` and hold one interval).
    public var series: SeriesColumns
    public var tickers: Int
    public var intervals: [String]
    public var sessionName: String
    public var calendar: SessionCalendar
    public var profile: MarketDataProfile
    public var zone: PGTimeZone
    /// µs since the Unix epoch; `end` exclusive.
    public var start: Int64
    public var end: Int64
    public var now: Int64
    public var chunkInterval: Int64
    public var compression: CompressionSettings?
    public var compressAfter: PGInterval?
    public var retain: PGInterval?
    /// The migrations' compression policy chooses chunks by creation time (`compress_created_before`)
    /// and no flag replaced it: modelled as `compressAfter`, written back as given.
    public var compressByCreationTime = false
    /// The same for the retention policy (`drop_created_before`).
    public var dropByCreationTime = false
    /// The migrations' policy `schedule_interval`s in µs (nil: TimescaleDB's defaults), kept while
    /// no flag replaced the policy.
    public var compressionSchedule: Int64?
    public var retentionSchedule: Int64?
    /// The migrations' compression policy `initial_start` / `timezone`, written back by `migrate`.
    public var compressionTiming = PolicyJobTiming()
    /// The migrations' retention policy `initial_start` / `timezone`.
    public var retentionTiming = PolicyJobTiming()
    /// Whether the hypertable gets TimescaleDB's default `(time DESC)` index (the migrations'
    /// `create_default_indexes`, true without migrations).
    public var createDefaultIndexes = true
    public var memoryBytes: Int64
    public var sharedBuffersBytes: Int64
    public var timescaledb: TimescaleDBVersion
    public var edition: String
    public var indexSet: String
    /// The migrations' hash (space) dimension when `plan` models it: one hash dimension (no other)
    /// on a column the generator fills per ticker (a ticker id, a symbol), so each time slice is
    /// split into the partitions its tickers hash to. nil: one chunk per time slice.
    public var hashDimension: SpaceDimension?
    /// The migrations' `compress_chunk_time_interval` in µs (nil: none): `plan` merges each
    /// compressed chunk into the adjacent compressed one before it while they fit it.
    public var compressChunkInterval: Int64?
    /// The unit of an integer time column's epoch values (nil for a time-typed column): the plan
    /// runs in time, and sampled rows carry the column's integers.
    public var timeUnit: IntegerTimeUnit?

    /// The chunk interval on the time column's own axis, as the engine and the TimescaleDB model
    /// place sampled rows: µs, or an integer column's units.
    public var columnChunkInterval: Int64 {
        guard let timeUnit else { return chunkInterval }
        return max(1, timeUnit.units(fromMicroseconds: chunkInterval) ?? Int64.max)
    }

    /// NQP roadmap defaults (REFERENCE.md §2, migration 008): 1-day chunks, segment by ticker and
    /// interval, compress after 7 days, drop after 730 days; two years of futures bars at 1m, 5m
    /// and 1h. The ticker count reproduces the roadmap's "≈2 GB per year" of market_data
    /// (docs/PLANNER.md shows the arithmetic).
    public static let defaults: ScenarioInput = {
        var d = ScenarioInput()
        d.table = "market_data"
        d.tickers = 10
        d.intervals = ["1m", "5m", "1h"]
        d.session = "futures"
        d.years = 2
        d.timezone = "UTC"
        d.chunkInterval = "1 day"
        d.segmentby = "ticker_id, interval"
        d.orderby = "timestamp DESC"
        d.compressAfter = "7 days"
        d.retain = "730 days"
        d.indexes = "001"
        d.memory = "16GB"
        d.timescaledb = "2.28"
        d.edition = "community"
        return d
    }()

    /// Resolves `input` (already layered flags over scenario file) against its migrations and the
    /// defaults. `currentTime` stands in for `--now` when neither `--now` nor `--end` is given.
    /// `loadProfile` reads `--profile FILE` (CSV or JSON) for the resolved table.
    public static func resolve(_ given: ScenarioInput, currentTime: Int64,
                               loadProfile: (String, TableDefinition, PGTimeZone) throws(ScenarioError) -> MarketDataProfile) throws(ScenarioError) -> Scenario {
        let migrationFiles = given.migrations ?? []
        let tableName: String
        switch given.table.map(Result.success) ?? TableResolution.defaultTable(files: migrationFiles) {
        case .success(let name): tableName = name
        case .failure(let ambiguous): throw .invalidValue(flag: "table", message: ambiguous.description)
        }
        // The migrations replay on the targeted TimescaleDB (what its version adds or refuses).
        let versionText = given.timescaledb ?? "2.28"
        guard let version = TimescaleDBVersion(versionText), version >= TimescaleDBVersion(2, 16), version <= TimescaleDBVersion(2, 28, 99) else {
            throw .invalidValue(flag: "timescaledb", message: "unsupported TimescaleDB version \"\(versionText)\" (2.16 to 2.28)")
        }
        let target = TimescaleTarget(version: (version.major, version.minor), edition: given.edition == "apache" ? .apache : .community)
        let resolution = try TableResolution.resolve(table: tableName, files: migrationFiles, target: target)
        var table = resolution.table
        if let column = given.timeColumn {
            guard let c = table.column(column) else {
                throw .invalidValue(flag: "time-column", message: "column \"\(column)\" does not exist in \"\(table.name)\"")
            }
            if let h = table.hypertable {
                guard h.timeColumn == column else {
                    throw .invalidValue(flag: "time-column", message: "the migrations partition \"\(table.name)\" by \"\(h.timeColumn)\" (create_hypertable)")
                }
            } else {
                guard c.type == .timestamptz || c.type == .timestamp else {
                    throw .invalidValue(flag: "time-column", message: "\"\(column)\" is \(c.type.sqlName); without create_hypertable in the migrations "
                                        + "the time column is a timestamptz or timestamp one")
                }
                // Planned as the hypertable create_hypertable on that column would make.
                table.hypertable = HypertableDefinition(timeColumn: column)
            }
        }
        // An integer time column's unit turns its chunk interval and lags into time (the plan's axis).
        let timeUnit = try resolution.integerTimeUnit(given: given.timeUnit)
        func fromColumn(_ i: PGInterval?) -> String? {
            guard let i else { return nil }
            guard let timeUnit else { return i.description }
            return TableResolution.intervalText(units: i.microseconds, unit: timeUnit) ?? i.description
        }
        // Settings the migrations give sit between the defaults and the flags; with migrations,
        // what they leave out is TimescaleDB's default (7-day chunks, no compression or retention).
        var base = defaults
        if migrationFiles.isEmpty {
            // A built-in table other than market_data (predictions, block_predictions): the
            // roadmap's compression settings on the columns it has, ordered by its time column.
            let segment = ["ticker_id", "interval"].filter { table.columnIndex($0) != nil }
            if segment.count < 2 || table.marketDataTimeColumn != "timestamp" {
                base.segmentby = segment.map(SQLQuote.ident).joined(separator: ", ")
                base.orderby = table.marketDataTimeColumn.map { SQLQuote.ident($0) + " DESC" }
            }
        } else {
            base.chunkInterval = "7 days"
            base.segmentby = nil
            base.orderby = nil
            base.compressAfter = nil
            base.retain = nil
            if let h = table.hypertable {
                if let c = fromColumn(h.chunkInterval) { base.chunkInterval = c }
                if h.compressionEnabled {
                    // Without compress_segmentby TimescaleDB picks one from the indexes (with a warning below).
                    // (Written as flag text, so each name is quoted as it needs: `"Symbol"` stays itself.)
                    base.segmentby = h.segmentByDefaulted
                        ? TimescaleSegmentByDefault.column(of: table, partitioning: h.partitioningColumns).map(SQLQuote.ident) ?? ""
                        : h.segmentBy.map(SQLQuote.ident).joined(separator: ", ")
                    base.orderby = h.orderBy.isEmpty ? nil : h.orderBy.map(\.sqlText).joined(separator: ", ")
                }
                // A policy added before `timescaledb.compress = false` compresses nothing (its job fails).
                base.compressAfter = h.compressionEnabled ? fromColumn(h.compressAfter) : nil
                base.retain = fromColumn(h.dropAfter)
            }
        }
        let input = base.overriding(given)
        var resolved: [String: String] = [:]

        guard let zone = PGTimeZone(name: input.timezone ?? "UTC") else {
            throw .invalidValue(flag: "timezone", message: "time zone \"\(input.timezone ?? "")\" not recognized")
        }
        // A fixed offset is echoed as written: its description keeps whole hours only, with the
        // ISO sign, which a POSIX spelling (`UTC+3`, `+05:30`: west of Greenwich) reads reversed.
        resolved["timezone"] = zone.isFixed && zone != .utc ? (input.timezone ?? "UTC") : zone.description
        resolved["table"] = table.name
        if !migrationFiles.isEmpty { resolved["migrations"] = migrationFiles.joined(separator: ",") }

        let timeColumn = table.marketDataTimeColumn ?? ""
        guard !timeColumn.isEmpty else {
            throw .invalidValue(flag: "table", message: "table \"\(table.name)\" has no timestamptz or timestamp column to partition by")
        }
        resolved["time_column"] = timeColumn
        if let timeUnit { resolved["time_unit"] = timeUnit.rawValue }
        let segmentByNames = (input.segmentby ?? "").split(separator: ",").map {
            $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        let series = SeriesColumns.resolve(table, timeColumn: timeColumn, segmentBy: segmentByNames)

        // A table with no column to tell instruments apart holds one series: one ticker unless
        // --tickers asks for more, which it cannot hold apart.
        let tickers = series.series == nil && given.tickers == nil ? 1 : input.tickers ?? 1
        guard (1...1_000_000).contains(tickers) else {
            throw .invalidValue(flag: "tickers", message: "must be between 1 and 1,000,000, got \(tickers)")
        }
        if series.series == nil && tickers > 1 {
            throw .invalidValue(flag: "tickers", message: "\"\(table.name)\" has no column to tell instruments apart, so its rows are one series "
                                + "and --tickers must be 1 (got \(tickers)); a ticker_id, a compress_segmentby column, or a column named symbol, "
                                + "ticker, instrument_id or device_id (uuid, integer or text) would hold one value per series")
        }
        resolved["tickers"] = String(tickers)
        var intervals = input.intervals ?? ["1m"]
        // A table without an interval column holds one bar interval: the finest of the defaults
        // unless one is given.
        if series.interval == nil && given.intervals == nil && intervals.count > 1 { intervals = ["1m"] }
        guard !intervals.isEmpty else { throw .invalidValue(flag: "intervals", message: "needs at least one interval") }
        if series.interval == nil && intervals.count > 1 {
            throw .invalidValue(flag: "intervals", message: "\"\(table.name)\" has no interval column, so its rows are one bar interval "
                                + "(\(series.series.map { "\($0) and " } ?? "")\(timeColumn) tell\(series.series == nil ? "s" : "") bars apart); got \(intervals.joined(separator: ",")): plan each interval's table on its own")
        }
        for i in intervals where BarInterval(name: i) == nil {
            throw .invalidValue(flag: "intervals", message: "interval \"\(i)\" is not supported (supported: \(BarInterval.supportedList))")
        }
        guard Set(intervals).count == intervals.count else { throw .invalidValue(flag: "intervals", message: "an interval is listed twice") }
        resolved["intervals"] = intervals.joined(separator: ",")

        // Profile and calendar: a given session overrides the profile's calendar.
        let sessionGiven = given.session.flatMap { TradingSession(name: $0) }
        if let s = given.session, sessionGiven == nil {
            throw .invalidValue(flag: "session", message: "unknown session \"\(s)\" (futures, equities or crypto)")
        }
        let profile: MarketDataProfile
        if let p = input.profile {
            if let b = MarketDataProfile.builtIn(named: p) { profile = b } else { profile = try loadProfile(p, table, zone) }
        } else {
            profile = MarketDataProfile.builtIn(for: sessionGiven ?? TradingSession(name: input.session ?? "futures") ?? .futures)
        }
        resolved["profile"] = input.profile ?? profile.name
        let calendar: SessionCalendar
        let sessionName: String
        if let s = sessionGiven {
            calendar = s.calendar
            sessionName = s.planName
        } else if input.profile != nil {
            calendar = profile.calendar
            sessionName = MarketDataProfile.builtIn(named: profile.name) != nil ? profile.name : "profile (\(profile.calendar.zone))"
        } else {
            let s = TradingSession(name: input.session ?? "futures") ?? .futures
            calendar = s.calendar
            sessionName = s.planName
        }
        guard calendar.minutesOpenPerWeek > 0 else {
            throw .invalidValue(flag: "profile", message: "the profile's session calendar has no open minutes")
        }
        resolved["session"] = sessionName
        // A profile measured from coarser bars than the plan asks for knows neither the session's
        // minutes nor the finer bars' movement: say what the plan then stands on.
        let finestMeasured = profile.observedIntervals.compactMap(BarInterval.init(name:)).map(\.nominalMicroseconds).min()
        let finer = intervals.filter { i in finestMeasured.map { (BarInterval(name: i)?.nominalMicroseconds ?? 0) < $0 } ?? false }
        let coarseProfileWarning: String? = input.profile == nil || finer.isEmpty ? nil
            : "WARNING: the profile was measured from \(profile.observedIntervals.joined(separator: ",")) bars only; the \(finer.joined(separator: ","))"
                + " bars are drawn from them (session minutes\(sessionGiven == nil ? " from the coarser bars' stamps" : " from --session"), movement scaled per minute)"
                + (sessionGiven == nil ? ". Give --session for the market's real hours." : ".")
        let patchworkWarning = calendar.activeDays.map { a in
            "WARNING: the profile's export has rows on \(a.observedDays) of the \(a.sessionDays) session days in its span; "
                + "the plan assumes the same patchwork (\(a.windowDays)-day windows every \(a.periodDays) days). "
                + "Give --session to plan every session day."
        }

        // Time: --end exclusive, --now defaults to --end, --start to the first open minute on or
        // after --now minus the horizon.
        func time(_ text: String, _ flag: String) throws(ScenarioError) -> Int64 {
            // PostgreSQL's special inputs that read the clock (now; midnight in the zone of today,
            // tomorrow and yesterday, `tomorrow 09:30` too) read it; a plain `now` is taken to the
            // minute, as the plan's calendar counts minutes.
            if text.trimmingCharacters(in: .whitespaces).lowercased() == "now" {
                return CivilTime.floorDiv(currentTime, 60_000_000) * 60_000_000
            }
            do {
                return try PGTimestamp.parse(text, zone: zone, clock: currentTime)
            } catch {
                throw .invalidValue(flag: flag, message: error.description)
            }
        }
        let limit: Int64 = 1 << 60
        let horizon: PGInterval
        if let d = input.days {
            guard (1...36_500).contains(d) else { throw .invalidValue(flag: "days", message: "must be between 1 and 36500, got \(d)") }
            horizon = PGInterval(days: Int32(d))
            resolved["days"] = String(d)
        } else {
            let y = input.years ?? 2
            guard (1...100).contains(y) else { throw .invalidValue(flag: "years", message: "must be between 1 and 100, got \(y)") }
            horizon = PGInterval(months: Int32(y * 12))
            resolved["years"] = String(y)
        }
        var start: Int64, end: Int64, now: Int64
        let givenNow = try input.now.map { (t: String) throws(ScenarioError) -> Int64 in try time(t, "now") }
        let givenStart = try input.start.map { (t: String) throws(ScenarioError) -> Int64 in try time(t, "start") }
        let givenEnd = try input.end.map { (t: String) throws(ScenarioError) -> Int64 in try time(t, "end") }
        for (flag, v) in [("now", givenNow), ("start", givenStart), ("end", givenEnd)] {
            if let v, v.magnitude >= UInt64(limit / 2) { throw .invalidValue(flag: flag, message: "timestamp out of range for a plan") }
        }
        let horizonGiven = given.days != nil || given.years != nil
        if givenStart != nil && givenEnd != nil && horizonGiven {
            throw .invalidValue(flag: given.days != nil ? "days" : "years",
                                message: "--start and --end already fix the span; drop --\(given.days != nil ? "days" : "years")")
        }
        if let e = givenEnd {
            end = e
            now = givenNow ?? e
        } else if let s = givenStart, horizonGiven {
            // --start with --days/--years fixes the span; --now only moves the policy clock.
            end = horizon.added(to: s, zone: zone)
            now = givenNow ?? end
        } else if let n = givenNow {
            end = n
            now = n
        } else if let s = givenStart {
            end = horizon.added(to: s, zone: zone)
            now = end
        } else {
            end = CivilTime.floorDiv(currentTime, 60_000_000) * 60_000_000
            now = end
        }
        // --start with --end, or with --now and no horizon flag, fixes the span: the horizon (2
        // years by default) was not used, so it is not echoed as a resolved input.
        if givenStart != nil, givenEnd != nil || (givenNow != nil && !horizonGiven) {
            resolved["years"] = nil
            resolved["days"] = nil
        }
        if let s = givenStart {
            start = s
        } else {
            let from = horizon.negated.added(to: now, zone: zone)
            start = calendar.firstOpenMinute(atOrAfter: from) ?? from
        }
        guard start < end else {
            throw .invalidValue(flag: givenStart != nil ? "start" : "end",
                                message: "the plan's start (\(PGTimestamp.format(start, zone: zone))) is not before its end (\(PGTimestamp.format(end, zone: zone)))")
        }
        guard end - start <= 101 * 366 * 86_400_000_000 else {
            throw .invalidValue(flag: "end", message: "a plan spans at most 100 years")
        }
        guard now >= start else {
            throw .invalidValue(flag: "now", message: "--now (\(PGTimestamp.format(now, zone: zone))) is before the plan's start (\(PGTimestamp.format(start, zone: zone)))")
        }
        resolved["start"] = PGTimestamp.format(start, zone: zone)
        resolved["end"] = PGTimestamp.format(end, zone: zone)
        resolved["now"] = PGTimestamp.format(now, zone: zone)

        let chunkText = input.chunkInterval ?? "7 days"
        let chunkInterval = try resolution.fromMigrations(.chunkInterval, unless: given.chunkInterval) { () throws(ScenarioError) in
            try IntervalText.chunkInterval(chunkText)
        }
        resolved["chunk_interval"] = IntervalText.chunkIntervalDisplay(chunkText, microseconds: chunkInterval)
        // Every chunk range is planned at each timeline point: millions of them would run for hours.
        let ranges = (end - start) / max(1, chunkInterval)
        if ranges > Scenario.maximumChunkRanges {
            throw .invalidValue(flag: "chunk-interval", message: "chunks of \(resolved["chunk_interval"] ?? chunkText) over the plan's span are "
                                + "\(ranges.formatted()) chunk ranges; plan models at most \(Scenario.maximumChunkRanges.formatted()) "
                                + "(TimescaleDB plans every chunk a query may touch): choose a longer chunk interval or a shorter span")
        }

        // Compression: any compression setting turns it on, as in simulate.
        var compression: CompressionSettings?
        let compressAfter = try input.compressAfter.flatMap { $0.lowercased() == "none" ? nil : $0 }.map { (t: String) throws(ScenarioError) -> PGInterval in
            try resolution.fromMigrations(.compressAfter, unless: given.compressAfter) { () throws(ScenarioError) in
                try IntervalText.policyInterval(t, flag: "compress-after")
            }
        }
        var defaultedOrderWarning: String?
        // Without an orderby anywhere, TimescaleDB's default from the indexes, for the segmentby in force.
        var orderby = input.orderby
        var defaultedOrder: [CompressionOrderKey]?
        if orderby == nil, !migrationFiles.isEmpty {
            let keys = TimescaleOrderByDefault.keys(of: table, segmentByText: input.segmentby ?? "",
                                                    partitioning: table.hypertable?.partitioningColumns ?? [timeColumn]) ?? []
            if let text = TimescaleOrderByDefault.text(keys) { orderby = text }
            if TimescaleOrderByDefault.isNotable(keys, timeColumn: timeColumn) { defaultedOrder = keys }
        }
        if input.segmentby != nil || input.orderby != nil || compressAfter != nil {
            let batch = input.batchSize ?? CompressionSettings.defaultBatchSizeLimit
            guard (1...CompressionSettings.maximumBatchSizeLimit).contains(batch) else {
                throw .invalidValue(flag: "batch-size", message: "must be between 1 and \(CompressionSettings.maximumBatchSizeLimit)")
            }
            do {
                let settings = try CompressionSettings(segmentBy: input.segmentby ?? "", orderBy: orderby, timeColumn: timeColumn,
                                                       batchSizeLimit: batch)
                for c in settings.segmentBy where table.columnIndex(c) == nil {
                    throw ScenarioError.invalidValue(flag: "segmentby", message: "column \"\(c)\" does not exist in \"\(table.name)\"")
                }
                for c in settings.orderBy.map(\.column) where table.columnIndex(c) == nil {
                    throw ScenarioError.invalidValue(flag: "orderby", message: "column \"\(c)\" does not exist in \"\(table.name)\"")
                }
                // TimescaleDB refuses a column in both (the default orderby is the time column).
                for c in settings.segmentBy where settings.orderBy.contains(where: { $0.column == c }) {
                    throw ScenarioError.invalidValue(flag: "segmentby", message: "cannot use column \"\(c)\" for both ordering and segmenting "
                                                     + "(orderby is \"\(settings.orderBy.map(\.description).joined(separator: ", "))\")")
                }
                compression = settings
            } catch let e as ScenarioError {
                throw e
            } catch {
                throw .invalidValue(flag: "orderby", message: "\(error)")
            }
            resolved["segmentby"] = input.segmentby ?? ""
            // As the server keeps it: the default from the indexes, or the time key appended.
            resolved["orderby"] = compression?.orderBy.map(\.description).joined(separator: ", ") ?? ""
            if let keys = defaultedOrder {
                defaultedOrderWarning = TableResolution.defaultedOrderByWarning(table: table.name, at: resolution.sources[.compression] ?? resolution.sources[.hypertable],
                                                                                chosen: keys, flag: "--orderby")
            }
            resolved["batch_size"] = String(batch)
        }
        // Every resolved input is echoed, a policy that is off as `none` (the flag's own word).
        resolved["compress_after"] = compressAfter?.description ?? "none"
        let retain = try input.retain.flatMap { $0.lowercased() == "none" ? nil : $0 }.map { (t: String) throws(ScenarioError) -> PGInterval in
            try resolution.fromMigrations(.retain, unless: given.retain) { () throws(ScenarioError) in try IntervalText.policyInterval(t, flag: "retain") }
        }
        resolved["retain"] = retain?.description ?? "none"

        let memory = try IntervalText.bytes(input.memory ?? "16GB", flag: "memory")
        let shared = try input.sharedBuffers.map { (t: String) throws(ScenarioError) -> Int64 in try IntervalText.bytes(t, flag: "shared-buffers") } ?? memory / 4
        if shared > memory {
            throw .invalidValue(flag: "shared-buffers", message: "\(ByteCount.text(shared)) is more than --memory \(ByteCount.text(memory))")
        }
        resolved["memory"] = ByteCount.text(memory)
        resolved["shared_buffers"] = ByteCount.text(shared)
        let effectiveVersion = version.minor == 28 ? TimescaleDBVersion.calibrated : version
        resolved["timescaledb"] = versionText
        let edition = (input.edition ?? "community").lowercased()
        guard ["community", "apache"].contains(edition) else {
            throw .invalidValue(flag: "edition", message: "must be community or apache, got \"\(edition)\"")
        }
        resolved["edition"] = edition
        var warnings = resolution.warnings
        if let defaultedOrderWarning { warnings.append(defaultedOrderWarning) }
        if let patchworkWarning { warnings.append(patchworkWarning) }
        if let coarseProfileWarning { warnings.append(coarseProfileWarning) }
        // What measuring found wrong with the export (rounded prices, rows out of time order).
        warnings += (profile.warnings ?? []).map { "WARNING: the profile \(profile.name): " + $0 }
        // A measured profile of a few hundred rows stands for a session, prices and volumes it
        // barely saw (a 100-minute export is planned as a 98-minute session every weekday).
        // (Daily or coarser bars say little about session minutes either way: no warning for them.)
        if input.profile != nil, MarketDataProfile.builtIn(named: profile.name) == nil, profile.measuredRows < Self.smallProfileRows,
           sessionGiven == nil, let finest = finestMeasured, finest < 86_400_000_000 {
            warnings.append("WARNING: the profile comes from \(profile.measuredRows) rows only; its session calendar is the minutes "
                            + "those rows reach (\(calendar.minutesOpenPerWeek / 60) open hours a week) and its prices and volumes are theirs. "
                            + "Give --session for the market's real hours, or profile a longer export.")
        }
        if let h = table.hypertable, !h.compressionEnabled, h.compressAfter != nil, given.compressAfter == nil {
            warnings.append("WARNING: the migrations add a compression policy to \"\(table.name)\" and then disable compression "
                            + "(timescaledb.compress = false): TimescaleDB keeps the policy's job, which fails on every run; "
                            + "no chunk is planned compressed (remove_compression_policy drops the job)")
        }
        let perTicker = MarketDataGenerator(spec: SyntheticDataSpec(tickers: 1, intervals: ["1m"], days: 1, profile: profile),
                                            table: table, timeColumn: timeColumn, series: series)
        // A date time column holds one value a day: a ticker's intraday bars of one interval collide
        // on a unique index whose other columns are the same for all of them (the server refuses them).
        if let ci = table.columnIndex(timeColumn), table.columns[ci].type == .date {
            let intraday = intervals.filter { (BarInterval(name: $0)?.nominalMicroseconds ?? 0) < 86_400_000_000 }
            let colliding = table.uniqueIndexes.first { index in
                index.keys.count == index.keyColumns.count && index.keyColumns.contains(timeColumn)
                    && index.keyColumns.allSatisfy { $0 == timeColumn || $0 == series.interval || perTicker.tickerValues(of: $0) != nil }
            }
            if !intraday.isEmpty, let key = colliding {
                throw .invalidValue(flag: "intervals", message: "\(intraday.joined(separator: ", ")) bars would be stamped by \"\(timeColumn)\", a date column: "
                    + "a ticker's bars of one day share its value, so the unique index \"\(key.name)\" (\(key.keyColumns.joined(separator: ", "))) "
                    + "refuses all but one of them; plan daily or longer bars (--intervals 1d, 1w, 1M) or partition by a timestamp column")
            }
        }
        // A single hash dimension on a column filled per ticker is modelled; anything else is warned about.
        var hashDimension: SpaceDimension?
        if let dims = table.hypertable?.additionalDimensions, dims.count == 1, let hash = table.hypertable?.hashDimension,
           perTicker.tickerValues(of: hash.column) != nil {
            hashDimension = SpaceDimension(column: hash.column, partitions: hash.partitions)
        } else if let dimensionWarning = resolution.unmodelledDimensionWarning(command: "plan") {
            warnings.append(dimensionWarning)
        }
        if edition == "apache" && (compression != nil || retain != nil) {
            warnings.append("WARNING: the apache edition has no compression (columnstore) and no policies: "
                            + "the hypertable figures show what the community edition would store; `chunkwise check --edition apache` lists the refusals")
        }
        if series != .marketData {
            let intervalText = series.interval.map { "its bar interval in \"\($0)\"" } ?? "one bar interval (the table has no interval column)"
            let seriesText = series.series.map { "each ticker's bars carry its own value in \"\($0)\"" }
                ?? "its rows are one series (no column tells instruments apart)"
            warnings.append("WARNING: \"\(table.name)\" is planned as market_data is: \(seriesText) "
                            + "and \(intervalText); the latency figures are the NQP queries (a series' latest price, its last 24 h and 30 days) "
                            + "on a table of these sizes, written against market_data's columns")
        }
        let filled = MarketDataGenerator.filledByType(table: table, timeColumn: timeColumn, series: series,
                                                      perTicker: Set(compression?.segmentBy ?? []))
        if let unfillable = filled.first(where: { $0.fill == nil })?.column {
            throw .invalidValue(flag: "table", message: "column \"\(unfillable.name)\" of \"\(table.name)\" is NOT NULL with no default and of type \(unfillable.type.sqlName), which plan cannot fill")
        }
        let readings = MarketDataGenerator.filledAsReadings(table: table, timeColumn: timeColumn, series: series)
        // A reading the profile measured is NULL as often as in the export; the others are never NULL.
        let measured = profile.columns ?? [:]
        let unmeasured = readings.filter { measured[$0.column.name] == nil }
        if !unmeasured.isEmpty {
            warnings.append("WARNING: " + unmeasured.map { "\"\($0.column.name)\" takes the bar's \($0.role)" }.joined(separator: ", ")
                            + " (nullable, no default: a reading, not NULL): a profile has no statistics for columns outside market_data's")
        }
        let drawn = readings.filter { measured[$0.column.name] != nil }
        if !drawn.isEmpty {
            warnings.append("WARNING: " + drawn.map { r in
                "\"\(r.column.name)\" takes the bar's \(r.role), NULL in \(String(format: "%.1f", 100 * measured[r.column.name]!.nullFraction)) % of rows"
            }.joined(separator: "; ") + " (as the profile measured; a reading table's own values are not modelled)")
        }
        if !filled.isEmpty {
            warnings.append("WARNING: " + filled.map { "\"\($0.column.name)\" (NOT NULL, no default) is filled with \($0.fill ?? "")" }.joined(separator: "; ")
                            + ": a profile has no statistics for columns outside market_data's")
        }

        let indexSet = input.indexes ?? "001"
        guard ["001", "009"].contains(indexSet) else { throw .invalidValue(flag: "indexes", message: "must be 001 or 009, got \"\(indexSet)\"") }
        resolved["indexes"] = indexSet
        var plainIndexes: [IndexDefinition] = []
        for index in table.indexes {
            if let why = RelationSizeModel.unmodelledReason(index) {
                warnings.append("WARNING: index \"\(index.name)\" is left out of every size (\(why)): the real table and hypertable are larger by its size")
            } else {
                plainIndexes.append(index)
            }
        }
        let extra = NQPIndexes.migration009(for: table)
        // A unique index without the time column cannot exist on a hypertable.
        var dropped = resolution.droppedConstraints
        var hyperIndexes: [IndexDefinition] = []
        for index in plainIndexes + (indexSet == "009" ? extra ?? [] : []) {
            if index.unique && !index.keyColumns.contains(timeColumn) {
                dropped.append(index)
                warnings.append("WARNING: unique constraint \"\(index.name)\" on \(table.name)(\(index.keyColumns.joined(separator: ", "))) "
                                + "does not include the partitioning column \"\(timeColumn)\"; TimescaleDB rejects it on a hypertable, "
                                + "so the hypertable figures leave it out (run `chunkwise check` on the migrations to see the error)")
            } else {
                hyperIndexes.append(index)
            }
        }
        // The (space, time DESC) index create_hypertable added with a space dimension (the time
        // index is added by the size model's own rule, `createDefaultIndexes`).
        hyperIndexes += table.hypertable?.defaultSpaceIndexes ?? []
        var scenario = Scenario(resolved: resolved, table: table, plainIndexes: plainIndexes, indexes009: extra, hypertableIndexes: hyperIndexes,
                                droppedForHypertable: dropped, warnings: warnings, timeColumn: timeColumn, series: series, tickers: tickers,
                                intervals: intervals, sessionName: sessionName, calendar: calendar, profile: profile, zone: zone,
                                start: start, end: end, now: now, chunkInterval: chunkInterval, compression: compression,
                                compressAfter: compressAfter, retain: retain, memoryBytes: memory, sharedBuffersBytes: shared,
                                timescaledb: effectiveVersion, edition: edition, indexSet: indexSet)
        let hyper = table.hypertable
        scenario.hashDimension = hashDimension
        scenario.timeUnit = timeUnit
        scenario.referencedTables = resolution.referencedTables
        scenario.continuousAggregates = resolution.continuousAggregates
        scenario.accessStatements = resolution.accessStatements
        // (An integer column's compress_chunk_time_interval is not read as its units: left unmodelled.)
        if scenario.compression != nil, timeUnit == nil { scenario.compressChunkInterval = hyper?.compressChunkInterval?.exactTimescaleMicroseconds }
        scenario.createDefaultIndexes = hyper?.hasDefaultTimeIndex ?? true
        let micros = HypertableDefinition.scheduleMicroseconds
        if compressAfter != nil, given.compressAfter == nil {
            scenario.compressionSchedule = micros(hyper?.compressSchedule)
            scenario.compressionTiming = hyper?.compressTiming ?? PolicyJobTiming()
        }
        if retain != nil, given.retain == nil {
            scenario.retentionSchedule = micros(hyper?.retentionSchedule)
            scenario.retentionTiming = hyper?.retentionTiming ?? PolicyJobTiming()
        }
        if scenario.compression != nil, given.segmentby == nil, hyper?.segmentByDefaulted == true {
            scenario.warnings.append(TableResolution.defaultedSegmentByWarning(table: table.name, at: resolution.sources[.compression] ?? resolution.sources[.hypertable],
                                                                                chosen: scenario.compression?.segmentBy ?? [], flag: "--segmentby"))
        }
        scenario.compressByCreationTime = compressAfter != nil && given.compressAfter == nil && hyper?.compressByCreationTime == true
        scenario.dropByCreationTime = retain != nil && given.retain == nil && hyper?.dropByCreationTime == true
        if let key = table.partitionKey {
            scenario.warnings.append("WARNING: \(table.name) is partitioned (PARTITION BY \(key.strategy.rawValue.uppercased()) "
                                     + "(\(key.columns.joined(separator: ", ")))): create_hypertable refuses a partitioned table; the figures plan "
                                     + "a hypertable of its columns filled with its rows (`chunkwise migrate` sets the partitioned table aside and copies them)")
        }
        // Both policies count the same age (the rows' time, or the chunk's creation): retention
        // that comes first leaves nothing to compress.
        if let retain, let compressAfter, compression != nil, scenario.compressByCreationTime == scenario.dropByCreationTime,
           let keep = retain.exactTimescaleMicroseconds, let wait = compressAfter.exactTimescaleMicroseconds, keep <= wait {
            scenario.warnings.append("WARNING: retention drops chunks at \(retain.description), before the compression policy compresses "
                                     + "them at \(compressAfter.description): no chunk is ever compressed")
        }
        for (byCreation, parameter, plain) in [(scenario.compressByCreationTime, "compress_created_before", "compress_after"),
                                               (scenario.dropByCreationTime, "drop_created_before", "drop_after")] where byCreation {
            let at = resolution.sources[parameter == "drop_created_before" ? .retain : .compressAfter].map { "\($0.file):\($0.line): " } ?? ""
            scenario.warnings.append("WARNING: \(at)the policy's \(parameter) is modelled as \(plain) of the same interval: the server "
                + "picks chunks by when they were created, so with rows arriving live each chunk goes about one chunk interval "
                + "sooner than the figures show, and after a backfill none until the interval has passed in wall-clock time; "
                + "migrate writes \(parameter) as given")
        }
        return scenario
    }
}
