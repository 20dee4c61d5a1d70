import Schema

/// Why a hypertable operation was refused. Nothing is stored when one of these is thrown.
public enum HypertableError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `create_hypertable` on a column the table does not have.
    case unknownColumn(table: String, column: String)
    /// The time dimension must be a timestamp, timestamptz, date, integer or (UUIDv7) uuid column.
    case invalidTimeColumnType(column: String, type: PGType)
    /// `chunk_time_interval` must be positive.
    case invalidChunkInterval(Int64)
    /// A space dimension needs at least one partition (TimescaleDB allows 1…32767).
    case invalidPartitionCount(Int)
    /// The rows belong to a different table definition.
    case tableMismatch(expected: String, got: String)
    /// A NULL in the time column (TimescaleDB makes it NOT NULL).
    case nullTime(column: String, row: Int)
    /// A row duplicates a key of a unique index (under `.error`, or on a non-arbiter index), or
    /// two rows of one `DO UPDATE` insert share a key; worded by the Constraints layer.
    case uniqueViolation(UniqueViolation)
    /// Compression settings that TimescaleDB would reject.
    case invalidCompressionSettings(String)
    /// A policy schedule interval that is not positive.
    case invalidSchedule(Int64)
    /// A stored batch could not be decoded (a codec bug, never user input).
    case corruptBatch(chunk: String, detail: String)
    /// The clock's end (`now`) is before the last row's time; the simulated clock cannot go back.
    case nowBeforeData(now: Int64, lastRow: Int64)
    /// An infinite value in the time column (TimescaleDB cannot place it in a chunk).
    case infiniteTime(column: String, row: Int)
    /// A UUID time column's value that is not a version-7 UUID: it carries no time to route it by
    /// (TimescaleDB: `%s is not a version 7 UUID`).
    case notVersion7UUID(column: String, row: Int, value: PGUUID)
    /// A ``ColumnRunView`` cannot be built from the table's columns (they are not the types it reads).
    case invalidView(columns: [String], table: String)

    public var description: String {
        switch self {
        case .unknownColumn(let t, let c):
            return "column \"\(c)\" does not exist in table \"\(t)\""
        case .invalidTimeColumnType(let c, let t):
            return "invalid type for dimension \"\(c)\": \(t.sqlName) (expected a timestamp, date, integer or uuid type)"
        case .invalidChunkInterval(let v):
            return "invalid interval: must be greater than zero (got \(v) µs)"
        case .invalidPartitionCount(let n):
            return "invalid number of partitions: must be between 1 and 32767 (got \(n))"
        case .tableMismatch(let e, let g):
            return "rows of table \"\(g)\" cannot be inserted into hypertable \"\(e)\""
        case .nullTime(let c, let r):
            return "null value in column \"\(c)\" violates not-null constraint (row \(r + 1))"
        case .uniqueViolation(let v):
            return "\(v.description) (row \(v.incomingRow + 1))"
        case .invalidCompressionSettings(let m):
            return m
        case .invalidSchedule(let v):
            return "schedule interval must be positive (got \(v) µs)"
        case .corruptBatch(let c, let d):
            return "could not decompress a batch of chunk \"\(c)\": \(d)"
        case .nowBeforeData(let now, let last):
            return "now (\(PGTimestamp.format(now))) is before the last row's time (\(PGTimestamp.format(last))); the simulated clock cannot go back"
        case .infiniteTime(let c, let r):
            return "timestamp out of range: infinite value in time column \"\(c)\" (row \(r + 1))"
        case .notVersion7UUID(let c, let r, let v):
            return "\(v) is not a version 7 UUID (time column \"\(c)\", row \(r + 1))"
        case .invalidView(let columns, let t):
            return columns.count == 1
                ? "column \(columns[0]) of table \"\(t)\" is not of a type the reader can read"
                : "columns \(columns.joined(separator: ", ")) of table \"\(t)\" are not of the types the reader expects"
        }
    }
}
