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

    /// Refuses a hypertable whose time dimension is an integer column: its unit (seconds,
    /// milliseconds, …) is the application's convention, which the SQL does not say, so chunk
    /// intervals, policies and timestamps cannot be turned into time (plan would have to guess).
    /// A UUID column is time: TimescaleDB partitions it by the time a UUIDv7 carries.
    public func requireTimeTypedDimension() throws(ScenarioError) {
        guard let hyper = table.hypertable, let ci = table.columnIndex(hyper.timeColumn) else { return }
        let type = table.columns[ci].type
        guard !type.partitionsByTime else { return }
        let what = type.isInteger ? "an integer time column whose unit (seconds, milliseconds, microseconds…) the SQL does not say"
            : "a column TimescaleDB partitions through a time partitioning function, which chunkwise does not run"
        let message = "the hypertable \"\(table.name)\" is partitioned by \"\(hyper.timeColumn)\" (\(table.columns[ci].type.sqlName)), "
            + what + "; chunkwise models time dimensions of type timestamptz, timestamp, date or uuid (UUIDv7), "
            + "so partition by such a column to plan this table"
        guard let at = sources[.hypertable] else { throw .invalidValue(flag: "table", message: message) }
        throw .migration(at.file, line: at.line, message: message)
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
