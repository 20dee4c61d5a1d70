import Schema

/// What a scan asks for: rows in a time window whose columns equal given values.
///
/// The analytics functions translate their SQL predicates into this: `timestamp BETWEEN a AND b`
/// is `time: a...b`; `created_at >= now - 30 days` on the time column is `time: cutoff...Int64.max`;
/// `ticker_id = $1 AND interval = $2` are two ``Equality`` filters. Filters on other columns are the
/// caller's to apply on the returned rows.
public struct ScanRequest: Sendable, Hashable {
    /// `column = value`. Comparing with NULL matches nothing, as in SQL.
    public struct Equality: Sendable, Hashable {
        public var column: String
        public var value: Value

        public init(_ column: String, _ value: Value) {
            self.column = column
            self.value = value
        }
    }

    /// The inclusive window on the time column, in internal time (µs since the Unix epoch for
    /// timestamp/timestamptz/date columns, raw values for integer columns); nil for all time.
    public var time: ClosedRange<Int64>?
    public var equals: [Equality]

    public init(time: ClosedRange<Int64>? = nil, equals: [Equality] = []) {
        self.time = time
        self.equals = equals
    }
}

/// How much a scan read and how much it skipped, the engine's equivalent of EXPLAIN's
/// "Chunks excluded" and "Batches/Rows Removed by Filter".
public struct ScanStatistics: Sendable, Hashable {
    /// Live chunks of the hypertable when the scan ran.
    public var chunks = 0
    /// Chunks excluded by their time or hash range without reading anything.
    public var chunksExcluded = 0
    /// Uncompressed blocks read row by row / skipped by their block-index summary.
    public var blocksRead = 0
    public var blocksSkipped = 0
    /// Compressed batches decoded / skipped by segmentby values or orderby min/max.
    public var batchesRead = 0
    public var batchesSkipped = 0
    /// Rows whose values were tested, and rows returned.
    public var rowsExamined = 0
    public var rowsReturned = 0

    public init() {}
}

/// The rows a scan found, in storage order (chunks in creation order; in each chunk its batches
/// in compression order, then its uncompressed rows), plus what it skipped. Callers that need an
/// order sort the rows themselves.
public struct ScanResult: Sendable {
    public var rows: RowSet
    public var statistics: ScanStatistics
}
