import Foundation
import Schema
import Storage

extension MarketDataProfile {
    /// Errors measuring a profile from rows.
    public enum MeasureError: Error, Sendable, Equatable, CustomStringConvertible {
        case missingColumn(String)
        /// The time column holds something other than timestamps or dates (epoch integers, a
        /// UUIDv7), which a profile does not read.
        case unreadableTimeColumn(name: String, type: String)
        case noUsableRows(String)
        /// A price wider than 18 digits, which PostgreSQL stores but a profile's tick and level
        /// statistics do not read.
        case unsupportedPrice(column: String, row: Int, text: String)
        public var description: String {
            switch self {
            case .unsupportedPrice(let c, let row, let text):
                return "row \(row): the \(c) price \(ValueError.quoted(text)) has more than 18 digits; a market_data profile reads prices of up to 18 digits"
            case .missingColumn(let c):
                return "the data has no column \"\(c)\"; a market_data profile needs an instrument column (ticker_id, symbol, …), "
                    + "a time column and close (or price)"
            case .unreadableTimeColumn(let c, let type):
                return "the time column \"\(c)\" is of type \(type); a market_data profile reads a timestamptz, timestamp or date "
                    + "time column (plan models an integer time column from its chunk interval and --time-unit, without a profile)"
            case .noUsableRows(let why): return "no rows to measure a profile from: \(why)"
            }
        }
    }

    /// Zones tried when finding the zone a session follows, in order of preference on a tie
    /// (data that never crosses a daylight-saving change fits several equally).
    public static let candidateZones = ["America/New_York", "America/Chicago", "Europe/London", "UTC", "Europe/Berlin",
                                        "Asia/Tokyo", "Asia/Hong_Kong", "Australia/Sydney"]

    /// Measures a profile from `market_data`-shaped rows (any tickers, intervals and length).
    /// A team's table keyed otherwise (`symbol`, no interval column, a `price`) is read as
    /// market_data (``MarketDataShapedRows``).
    ///
    /// `omittedColumns` names the columns the export does not hold (``CopyLoadResult/omittedColumns``):
    /// their values are the table's defaults, not data, so nothing is measured from them (a
    /// `created_at DEFAULT now()` filled at load time would give a lag of decades).
    public static func measure(_ rows: RowSet, name: String, source: String,
                               omittedColumns: Set<String> = []) throws(MeasureError) -> MarketDataProfile {
        let createdAtColumn = rows.table.columns.first { $0.name == "created_at" }
        let ownColumns = Self.ownColumnStatistics(rows)
        let createdAtOmitted = omittedColumns.contains("created_at")
        let rows = try MarketDataShapedRows.view(rows)
        guard let tickerColumn = rows.column("ticker_id") else { throw .missingColumn("ticker_id") }
        let timeName = rows.table.marketDataTimeColumn ?? "timestamp"
        guard let timeColumn = rows.column(timeName) else { throw .missingColumn(timeName) }
        guard case .time(let times) = timeColumn.storage else {
            throw .unreadableTimeColumn(name: timeName, type: timeColumn.type.sqlName)
        }
        guard let intervalColumn = rows.column("interval"), case .string(let intervals) = intervalColumn.storage else { throw .missingColumn("interval") }
        guard let closeColumn = rows.column("close") else { throw .missingColumn("close") }
        let n = rows.count
        // Prices at one scale; a bar with a NaN or infinite price (PostgreSQL accepts both in
        // numeric) tells nothing about ticks, steps or levels: it is left out of the profile.
        let prices = try ProfilePrices.read(rows)
        let closes = prices.close, opens = prices.open, highs = prices.high, lows = prices.low, scale = prices.scale
        let specialPrice = prices.special
        let tickerKey: (Int) -> String = { "\(tickerColumn.value(at: $0))" }

        // Series: (ticker, interval) → row indexes in time order.
        var series: [String: [Int]] = [:]
        var tickers = Set<String>()
        for r in 0..<n where !timeColumn.isNull(at: r) && !closeColumn.isNull(at: r) && !intervalColumn.isNull(at: r) && !specialPrice[r] {
            guard BarInterval(name: intervals[r]) != nil else { continue }
            let t = tickerKey(r)
            tickers.insert(t)
            series[t + "|" + intervals[r], default: []].append(r)
        }
        guard !series.isEmpty else { throw .noUsableRows("no ticker has bars of a supported interval (\(BarInterval.supportedList))") }
        // The file's own order, before each series is sorted: live ingestion is in time order.
        var seriesOfRow = [Int?](repeating: nil, count: n)
        for (number, key) in series.keys.sorted().enumerated() { for r in series[key]! { seriesOfRow[r] = number } }
        let order = ProfileTimeOrder(times: (0..<n).map { timeColumn.isNull(at: $0) ? nil : times[$0] }, series: seriesOfRow)
        for k in series.keys { series[k]!.sort { times[$0] < times[$1] } }
        let observedIntervals = Set(series.keys.map { String($0.split(separator: "|").last!) })
            .sorted { (BarInterval(name: $0)?.nominalMicroseconds ?? 0) < (BarInterval(name: $1)?.nominalMicroseconds ?? 0) }
        let finest = observedIntervals[0]
        let finestLength = BarInterval(name: finest)!.nominalMicroseconds
        let finestMinutes = Double(finestLength / 60_000_000)

        // Tick: the largest common quantum of at least 99 % of prices.
        let finiteRows = (0..<n).filter { !specialPrice[$0] }
        let priceSample = [closes, opens, highs, lows].flatMap { column in column.map { c in finiteRows.map { c[$0] } } ?? [] }
        let tickUnits = Self.quantum(of: priceSample)
        let tick = PGNumeric(unscaled: tickUnits, scale: scale)

        // Steps, wicks and volumes on the finest interval.
        var activeSquares = 0.0, activeCount = 0, quietSquares = 0.0, quietCount = 0
        var wickSum = 0.0, wickCount = 0
        var logVolumesActive: [Double] = [], logVolumesQuiet: [Double] = []
        var volumeNulls = 0, volumeRows = 0
        let volumeColumn = rows.column("volume")
        let volumes = volumeColumn.flatMap(ProfileVolumes.values)
        // In key order: floating-point sums come out the same in every run (a dictionary's order is not).
        for key in series.keys.sorted() where key.hasSuffix("|" + finest) {
            let idx = series[key] ?? []
            var previous: Int?
            for r in idx {
                let minuteOfDay = Int(((times[r] % 86_400_000_000) + 86_400_000_000) % 86_400_000_000 / 60_000_000)
                let active = Self.activeHoursUTC.contains(minuteOfDay)
                if let p = previous, times[r] - times[p] == finestLength, Self.plausibleStep(from: closes[p], to: closes[r]) {
                    // In Double: exact for prices below 2^53 units, and no Int64 overflow on wild ones.
                    let d = (Double(closes[r]) - Double(closes[p])) / Double(tickUnits)
                    if active { activeSquares += d * d; activeCount += 1 } else { quietSquares += d * d; quietCount += 1 }
                }
                previous = r
                if let o = opens, let h = highs, let l = lows,
                   let w = Self.wick(open: o[r], high: h[r], low: l[r], close: closes[r]) {
                    wickSum += w / Double(tickUnits) / 2
                    wickCount += 1
                }
                if let volumes, let vc = volumeColumn {
                    volumeRows += 1
                    if vc.isNull(at: r) { volumeNulls += 1 } else if volumes[r] > 0, volumes[r].isFinite {
                        let lv = log(volumes[r] / finestMinutes)
                        if active { logVolumesActive.append(lv) } else { logVolumesQuiet.append(lv) }
                    }
                }
            }
        }
        let scaleStep = 1 / finestMinutes.squareRoot()
        let allSteps = activeCount + quietCount
        let overallSD = allSteps > 0 ? ((activeSquares + quietSquares) / Double(allSteps)).squareRoot() * scaleStep : 1
        var quietSD = overallSD, activeFactor = 1.0
        if quietCount >= 30 && activeCount >= 30 {
            quietSD = max(0.05, (quietSquares / Double(quietCount)).squareRoot() * scaleStep)
            activeFactor = max(0.05, (activeSquares / Double(activeCount)).squareRoot() * scaleStep) / quietSD
        } else if activeCount >= 30 && quietCount < 30 {
            // Only active-hours data (cash equities): one level, no extra factor.
            quietSD = max(0.05, overallSD)
        }
        // A volume a million times above or below the median (a float export's 1.5e300 or 1e-320)
        // is an error in the export, not trading: it would dominate the log-σ.
        if let center = Self.median(logVolumesActive + logVolumesQuiet) {
            let band = log(1e6)
            logVolumesActive.removeAll { abs($0 - center) > band }
            logVolumesQuiet.removeAll { abs($0 - center) > band }
        }
        let allLogs = logVolumesActive + logVolumesQuiet
        let meanLog = allLogs.isEmpty ? log(400.0) : allLogs.reduce(0, +) / Double(allLogs.count)
        let sdLog = allLogs.count > 1 ? (allLogs.map { ($0 - meanLog) * ($0 - meanLog) }.reduce(0, +) / Double(allLogs.count - 1)).squareRoot() : 1
        var volumeFactor = 1.0
        var quietMedian = exp(Self.median(allLogs) ?? meanLog)
        if logVolumesActive.count >= 30 && logVolumesQuiet.count >= 30 {
            quietMedian = exp(Self.median(logVolumesQuiet)!)
            volumeFactor = exp(Self.median(logVolumesActive)!) / quietMedian
        }
        // The spread around each hour's level, not the active/quiet difference itself.
        let withinSD: Double = {
            guard logVolumesActive.count >= 30 && logVolumesQuiet.count >= 30 else { return sdLog }
            let ma = logVolumesActive.reduce(0, +) / Double(logVolumesActive.count)
            let mq = logVolumesQuiet.reduce(0, +) / Double(logVolumesQuiet.count)
            let ss = logVolumesActive.map { ($0 - ma) * ($0 - ma) }.reduce(0, +) + logVolumesQuiet.map { ($0 - mq) * ($0 - mq) }.reduce(0, +)
            return (ss / Double(allLogs.count - 2)).squareRoot()
        }()

        // created_at lag after the bar's end.
        var lags: [Int64] = []
        var createdNulls = 0
        var subSecond = false
        if createdAtOmitted {
            // Every row takes the default: NULL for none, the load's transaction time for now().
            if let c = rows.column("created_at") { createdNulls = (0..<n).count { c.isNull(at: $0) } }
            subSecond = createdAtColumn?.defaultValue == .now
        } else if let c = rows.column("created_at"), case .time(let created) = c.storage {
            for r in 0..<n {
                if c.isNull(at: r) { createdNulls += 1; continue }
                if created[r] % 1_000_000 != 0 { subSecond = true }
                let end = BarInterval(name: intervals[r])?.barEnd(containing: times[r]) ?? times[r]
                lags.append(created[r] &- end)
            }
        }
        lags.sort()
        // No lag at all (the column omitted, absent or NULL throughout): not measured.
        let lagLow: Int64? = lags.isEmpty ? nil : lags[lags.count * 2 / 100]
        let lagHigh: Int64? = lags.isEmpty ? nil : lags[min(lags.count - 1, lags.count * 98 / 100)]

        // Price level and its spread across tickers.
        var tickerMedians: [Double] = []
        var allCloses: [Double] = []
        let unit = pow(10.0, Double(scale))
        for t in tickers.sorted() {
            // Positive closes only: a zero or negative price in an export is an error, not a level.
            let cs = series.filter { $0.key.hasPrefix(t + "|") }.flatMap { $0.value.filter { closes[$0] > 0 }.map { Double(closes[$0]) / unit } }
            if let m = Self.median(cs) { tickerMedians.append(m) }
            allCloses += cs
        }
        let level = Self.median(allCloses) ?? 100
        let logs = tickerMedians.filter { $0 > 0 }.map { log($0) }
        let meanLevel = logs.isEmpty ? 0 : logs.reduce(0, +) / Double(logs.count)
        let spread = logs.count > 1 ? (logs.map { ($0 - meanLevel) * ($0 - meanLevel) }.reduce(0, +) / Double(logs.count - 1)).squareRoot() : 0

        let weekly = Self.measureCalendar(series: series, times: times, intervals: intervals, finest: finest)
        let zone = PGTimeZone(name: weekly.zone) ?? .utc
        let rowDays = Self.localDays(of: times, zone: zone)
        let (activeDays, dataDays) = Self.measureActiveDays(rowDays: rowDays, calendar: weekly)
        var calendar = weekly
        calendar.activeDays = activeDays

        // Coverage: bars present / bars the calendar has between each series' first and last bar.
        // In a patchwork export: bars present / bars of the days the series has rows on, times
        // the share of (ticker, day with rows) pairs that have rows at all, since on a sample day
        // only some tickers trade.
        let day: Int64 = 86_400_000_000
        var tickerDays: [Substring: Set<Int64>] = [:]
        var seriesDays: [String: Set<Int64>] = [:]
        if activeDays != nil {
            for (key, idx) in series {
                let days = Set(idx.map { rowDays[$0] })
                seriesDays[key] = days
                tickerDays[key.split(separator: "|").first ?? "", default: []].formUnion(days)
            }
        }
        let occupancy = activeDays == nil || dataDays.isEmpty || tickerDays.isEmpty ? 1.0
            : Double(tickerDays.values.reduce(0) { $0 + $1.count }) / Double(dataDays.count * tickerDays.count)
        var coverage: [String: Double] = [:]
        for interval in observedIntervals {
            let bar = BarInterval(name: interval)!
            var present = 0, expected = 0
            for (key, idx) in series where key.hasSuffix("|" + interval) {
                guard let first = idx.first, let last = idx.last else { continue }
                present += idx.count
                guard let days = seriesDays[key] else {
                    expected += BarCalendar.bars(calendar: weekly, interval: bar, from: times[first], to: bar.barEnd(containing: times[last]))
                    continue
                }
                for d in days {
                    let dayStart = d * day - Int64(zone.offsetSeconds(atUTC: d * day)) * 1_000_000
                    expected += BarCalendar.bars(calendar: weekly, interval: bar, from: dayStart, to: dayStart + day)
                }
            }
            if expected > 0 { coverage[interval] = min(1, Double(present) / Double(expected)) * occupancy }
        }

        func commonText(_ column: String) -> String? {
            guard let c = rows.column(column), case .string(let values) = c.storage else { return nil }
            var counts: [String: Int] = [:]
            for r in 0..<n where !c.isNull(at: r) { counts[values[r], default: 0] += 1 }
            return counts.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key
        }
        let idKind: String = {
            guard let c = rows.column("id") else { return "null" }
            return (0..<n).contains { !c.isNull(at: $0) } ? "random_uuid" : "null"
        }()

        var profile = MarketDataProfile(
            name: name, source: source, measuredRows: n, calendar: calendar,
            price: PriceStatistics(level: level, tickerSpread: spread, tick: tick.description,
                                   minuteStepTicks: quietSD, activeHoursFactor: activeFactor,
                                   wickTicks: wickCount > 0 ? wickSum / Double(wickCount) : 1),
            volume: VolumeStatistics(medianPerMinute: quietMedian, logSigma: withinSD, activeHoursFactor: volumeFactor,
                                     nullFraction: volumeRows > 0 ? Double(volumeNulls) / Double(volumeRows) : 0),
            createdAt: CreatedAtStatistics(lagMinMicros: lagLow, lagMaxMicros: lagHigh, microsecondPrecision: subSecond,
                                           nullFraction: n > 0 ? Double(createdNulls) / Double(n) : 0),
            idKind: idKind, sourceText: commonText("source"), metadataText: commonText("metadata"),
            coverage: coverage, observedIntervals: observedIntervals, observedTickers: tickers.count, columns: ownColumns)
        if let warning = order.warning(timeColumn: timeName) { profile.warnings = [warning] }
        return profile
    }

    /// Statistics of the export's columns outside market_data's (its time column and a
    /// market_data column's other names aside); nil when it has none.
    static func ownColumnStatistics(_ rows: RowSet) -> [String: ColumnStatistics]? {
        let table = rows.table
        let time = table.marketDataTimeColumn
        var out: [String: ColumnStatistics] = [:]
        for (i, column) in table.columns.enumerated() where column.name != time && !MarketDataGenerator.knownColumns.contains(column.name)
            && !["ticker_id", "interval", "timestamp"].contains(column.name) && MarketDataGenerator.barRole(column, in: table) == column.name {
            out[column.name] = ColumnStatistics.measure(rows.columns[i])
        }
        return out.isEmpty ? nil : out
    }

    /// Whether a one-minute close-to-close step is a price move rather than an error in the
    /// export: both closes positive and neither more than twice the other (a stray zero, negative,
    /// denormal or absurdly large close would otherwise dominate the step's standard deviation).
    static func plausibleStep(from a: Int64, to b: Int64) -> Bool {
        guard a > 0, b > 0 else { return false }
        let (x, y) = (Double(a), Double(b))
        return y <= 2 * x && x <= 2 * y
    }

    /// Twice a bar's mean wick (high above max(open, close) plus low below min(open, close)) in
    /// price units, each side at least 0; nil for a bar that is not a plausible price (a price
    /// not above zero, or its highest price more than twice its lowest), which says nothing
    /// about wicks. Never negative.
    static func wick(open o: Int64, high h: Int64, low l: Int64, close c: Int64) -> Double? {
        let lowest = min(min(o, c), min(h, l)), highest = max(max(o, c), max(h, l))
        guard lowest > 0, Double(highest) <= 2 * Double(lowest) else { return nil }
        let (oc, cc) = (Double(o), Double(c))
        return max(0, Double(h) - max(oc, cc)) + max(0, min(oc, cc) - Double(l))
    }

    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let s = values.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    /// The largest quantum (1, 2, 5, 10, 25, 50, 100, … unscaled units) that at least 99 % of
    /// the values are multiples of.
    static func quantum(of all: [Int64]) -> Int64 {
        // Zero is a multiple of every quantum: it says nothing about the tick.
        let values = all.filter { $0 != 0 }
        guard !values.isEmpty else { return 1 }
        var best: Int64 = 1
        var base: Int64 = 1
        for _ in 0..<12 {
            for m: Int64 in [1, 2, 5, 25] {
                let (q, o) = base.multipliedReportingOverflow(by: m)
                guard !o, q > best else { continue }
                let fits = values.reduce(0) { $0 + ($1 % q == 0 ? 1 : 0) }
                if Double(fits) >= 0.99 * Double(values.count) { best = q }
            }
            let (next, o) = base.multipliedReportingOverflow(by: 10)
            if o { break }
            base = next
        }
        return best
    }

    /// Each instant's local day number (days since 1970-01-01) in `zone`, the offset looked up once
    /// per hour.
    static func localDays(of times: [Int64], zone: PGTimeZone) -> [Int64] {
        let day: Int64 = 86_400_000_000, hour: Int64 = 3_600_000_000
        var offsets: [Int64: Int64] = [:]
        return times.map { t in
            let h = CivilTime.floorDiv(t, hour)
            let offset: Int64
            if let o = offsets[h] { offset = o } else { offset = Int64(zone.offsetSeconds(atUTC: t)) * 1_000_000; offsets[h] = offset }
            return CivilTime.floorDiv(t + offset, day)
        }
    }

    /// The days an export has rows on (`rowDays`: each row's local day), and, when they are fewer than half the session days of its
    /// span (a patchwork of sample days rather than a continuous export), a repeating window that
    /// reproduces their density and clustering: as many windows as the export has runs of
    /// consecutive session days with rows, spread evenly over the span, each as long as the runs'
    /// share of the span's session days requires. Nil for a continuous export.
    static func measureActiveDays(rowDays: [Int64], calendar: SessionCalendar) -> (SessionCalendar.ActiveDays?, [Int64]) {
        let days = Set(rowDays)
        let sorted = days.sorted()
        guard let first = sorted.first, let last = sorted.last, last > first else { return (nil, sorted) }
        var sessionDays = 0, runs = 0
        var previousActive = false
        for d in first...last where calendar.isSessionDay(localDay: d) || days.contains(d) {
            sessionDays += 1
            let active = days.contains(d)
            if active && !previousActive { runs += 1 }
            previousActive = active
        }
        guard sessionDays > 0, days.count * 2 < sessionDays, runs > 0 else { return (nil, sorted) }
        let span = Double(last - first + 1)
        let period = max(1, Int((span / Double(runs)).rounded()))
        let window = Int((Double(period) * Double(days.count) / Double(sessionDays)).rounded())
        return (SessionCalendar.ActiveDays(anchorDay: first, periodDays: period, windowDays: window,
                                           observedDays: days.count, sessionDays: sessionDays), sorted)
    }

    /// The weekly session pattern and the zone it follows. A minute of the week is open when bars
    /// cover it on at least half of the observed days of that weekday on which the data's span
    /// reaches that minute. Monday–Friday minutes the data never reaches take the pattern of the
    /// observed Monday–Thursday (Friday only up to its afternoon close, when the pattern has
    /// one: sessions close for the weekend); Saturday and Sunday stay closed unless seen, or take
    /// that pattern too when a weekend day is open wherever the data reaches it. Of the
    /// candidate zones the one whose pattern is most consistent across days wins (a session that
    /// crosses a daylight-saving change shows its zone).
    static func measureCalendar(series: [String: [Int]], times: [Int64], intervals: StringColumn, finest: String) -> SessionCalendar {
        let length = BarInterval(name: finest)!.nominalMicroseconds
        let span = Int(min(length / 60_000_000, 60))
        var minutes = Set<Int64>()
        for (key, idx) in series where key.hasSuffix("|" + finest) {
            for r in idx {
                for k in 0..<span { minutes.insert(times[r] + Int64(k) * 60_000_000) }
            }
        }
        let sorted = minutes.sorted()
        guard let firstInstant = sorted.first, let lastInstant = sorted.last else { return .crypto }
        let week = SessionCalendar.minutesPerWeek
        var best: (score: Int, calendar: SessionCalendar)?
        for zoneName in candidateZones {
            guard let zone = PGTimeZone(name: zoneName) else { continue }
            var open = [Int](repeating: 0, count: week)
            var days = Set<Int64>()
            var offsetCache: [Int64: Int] = [:]
            func local(_ t: Int64) -> Int64 {
                let hour = CivilTime.floorDiv(t, 3_600_000_000)
                let offset: Int
                if let o = offsetCache[hour] { offset = o } else { offset = zone.offsetSeconds(atUTC: t); offsetCache[hour] = offset }
                return CivilTime.floorDiv(t + Int64(offset) * 1_000_000, 60_000_000)
            }
            for t in sorted {
                let m = local(t)
                let mow = Int(((m + 4 * 1440) % Int64(week) + Int64(week)) % Int64(week))
                open[mow] += 1
                days.insert(CivilTime.floorDiv(m, 1440))
            }
            let firstLocal = local(firstInstant), lastLocal = local(lastInstant)
            var covering = [Int](repeating: 0, count: week)
            for d in days {
                let weekday = Int(((d + 4) % 7 + 7) % 7)
                // A local minute a daylight-saving change skips (02:00–03:00 on New York's spring
                // Sunday) is not reached: counted, it closed that hour of every week of a one-week export.
                let midnight = d * 86_400_000_000
                let offsets = Set([zone.offsetSeconds(atUTC: midnight - 50_400_000_000), zone.offsetSeconds(atUTC: midnight + 136_800_000_000)])
                for m in 0..<1440 {
                    let instant = d * 1440 + Int64(m)
                    guard instant >= firstLocal && instant <= lastLocal else { continue }
                    if offsets.count > 1, !offsets.contains(where: { local((instant * 60 - Int64($0)) * 1_000_000) == instant }) { continue }
                    covering[weekday * 1440 + m] += 1
                }
            }
            var mask = [Bool](repeating: false, count: week)
            var score = 0
            for m in 0..<week where covering[m] > 0 {
                mask[m] = open[m] > 0 && open[m] * 2 >= covering[m]
                score += min(open[m], covering[m] - open[m])
            }
            // A market open through every minute seen of a weekend day (six hours at least, some
            // before noon: not a futures Sunday evening) trades at the weekend (crypto): the
            // weekend's minutes the data never reaches take the typical day too. A sample of a
            // Friday and a Saturday closed every Sunday before; and the weekend is the typical day
            // where no weekday is reached (a Saturday + Sunday export had weekdays open 19:00–24:00).
            let openWeekend = [0, 6].contains { d in
                let seen = (0..<1440).filter { covering[d * 1440 + $0] > 0 }
                return seen.count >= 360 && seen[0] < 720 && seen.allSatisfy { mask[d * 1440 + $0] }
            }
            // A typical weekday from Monday–Thursday (else Monday–Friday) where observed.
            var typical = [Bool](repeating: false, count: 1440)
            var typicalSeen = [Bool](repeating: false, count: 1440)
            for m in 0..<1440 {
                for pool in openWeekend ? [Array(1...4), Array(1...5), [0, 6]] : [Array(1...4), Array(1...5)] {
                    let seen = pool.filter { covering[$0 * 1440 + m] > 0 }
                    guard !seen.isEmpty else { continue }
                    let votes = seen.filter { mask[$0 * 1440 + m] }.count
                    typical[m] = votes * 2 >= seen.count && votes > 0
                    typicalSeen[m] = true
                    break
                }
            }
            // Friday closes for the weekend at the end of the open range holding noon, if any.
            var fridayCut = 1440
            if typical[12 * 60], (12 * 60..<1440).contains(where: { typicalSeen[$0] && !typical[$0] }) {
                var m = 12 * 60
                while m < 1440 && typical[m] { m += 1 }
                fridayCut = m
            }
            for d in 1...5 {
                for m in 0..<1440 where covering[d * 1440 + m] == 0 && typicalSeen[m] {
                    mask[d * 1440 + m] = typical[m] && (d != 5 || m < fridayCut)
                }
            }
            if openWeekend {
                for d in [0, 6] {
                    for m in 0..<1440 where covering[d * 1440 + m] == 0 && typicalSeen[m] { mask[d * 1440 + m] = typical[m] }
                }
            }
            let calendar = SessionCalendar(zone: zoneName, mask: mask)
            if best == nil || score < best!.score { best = (score, calendar) }
        }
        return best?.calendar ?? .crypto
    }
}
