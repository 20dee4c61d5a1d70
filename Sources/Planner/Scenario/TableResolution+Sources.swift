import Schema

extension TableResolution {
    /// Runs `read` on a setting's value; when the value came from the migrations (no flag or
    /// scenario field `given` it), a refusal names the migration's file and line instead of the flag.
    public func fromMigrations<T>(_ setting: HypertableSetting, unless given: String?,
                                  _ read: () throws(ScenarioError) -> T) throws(ScenarioError) -> T {
        do {
            return try read()
        } catch {
            guard given == nil, let at = sources[setting], case .invalidValue(_, let message) = error else { throw error }
            throw .migration(at.file, line: at.line, message: "\(setting.sqlName): \(message)")
        }
    }

    /// The unit of the hypertable's integer time column (nil for a time-typed one): `given`
    /// (`--time-unit`), else the one under which the migrations' `chunk_time_interval` is a common
    /// span (86400000: a day of milliseconds). The SQL does not say it otherwise (the
    /// `integer_now` function's body is not read), so a column no unit fits is refused, naming the
    /// flag, and so is a column TimescaleDB partitions through a time partitioning function.
    /// A UUID column is time: TimescaleDB partitions it by the time a UUIDv7 carries.
    public func integerTimeUnit(given: String?) throws(ScenarioError) -> IntegerTimeUnit? {
        guard let hyper = table.hypertable, let ci = table.columnIndex(hyper.timeColumn) else {
            if given != nil { throw .invalidValue(flag: "time-unit", message: "applies to a hypertable partitioned by an integer time column; \"\(table.name)\" is not one") }
            return nil
        }
        let type = table.columns[ci].type
        let column = "\"\(hyper.timeColumn)\" (\(type.sqlName))"
        guard !type.partitionsByTime else {
            // A unit for a column that has none is a mistake worth saying (it would change nothing).
            if given != nil { throw .invalidValue(flag: "time-unit", message: "applies to an integer time column; \(column) is a time type") }
            return nil
        }
        if type.isInteger {
            if let given {
                guard let unit = IntegerTimeUnit(text: given) else {
                    throw .invalidValue(flag: "time-unit", message: "must be s, ms, us or ns, got \"\(given)\"")
                }
                return unit
            }
            let raw = hyper.chunkInterval.flatMap { $0.months == 0 && $0.days == 0 ? $0.microseconds : nil }
            if let raw, let unit = IntegerTimeUnit.inferred(fromChunkInterval: raw) { return unit }
            let message = "the hypertable \"\(table.name)\" is partitioned by \(column), an integer time column whose unit (seconds, "
                + "milliseconds, microseconds…) the SQL does not say\(raw.map { " (its chunk_time_interval \($0) is no common span in any unit)" } ?? ""); "
                + "pass --time-unit s, ms, us or ns for epoch values of that unit"
            guard let at = sources[.hypertable] else { throw .invalidValue(flag: "time-unit", message: message) }
            throw .migration(at.file, line: at.line, message: message)
        }
        let message = "the hypertable \"\(table.name)\" is partitioned by \(column), a column TimescaleDB partitions through a time "
            + "partitioning function, which chunkwise does not run; chunkwise models time dimensions of type timestamptz, timestamp, "
            + "date, uuid (UUIDv7) or an integer of epoch time, so partition by such a column to plan this table"
        guard let at = sources[.hypertable] else { throw .invalidValue(flag: "table", message: message) }
        throw .migration(at.file, line: at.line, message: message)
    }

    /// An integer time column's `raw` chunk interval or lag (in its units, as the catalog keeps
    /// it) as interval text of the time it spans in `unit` (`1 day`, `7 days`, `06:00:00`).
    public static func intervalText(units raw: Int64, unit: IntegerTimeUnit) -> String? {
        guard let us = unit.microseconds(fromUnits: raw) else { return nil }
        let day: Int64 = 86_400_000_000
        guard us / day <= Int64(Int32.max) else { return nil }
        return PGInterval(days: Int32(us / day), microseconds: us % day).description
    }
}

extension TableResolution.HypertableSetting {
    /// The TimescaleDB argument that carries the setting, for messages.
    var sqlName: String {
        switch self {
        case .hypertable: return "create_hypertable"
        case .chunkInterval: return "chunk_time_interval"
        case .compressAfter: return "compress_after"
        case .retain: return "drop_after"
        case .dimensions: return "add_dimension"
        case .compression: return "timescaledb.compress"
        }
    }
}
