import Foundation
import Schema

/// Reads PostgreSQL `COPY … TO STDOUT WITH (FORMAT csv, HEADER)` data into a validated ``RowSet``.
///
/// The header names the table's columns, in any order; columns it leaves out take their DEFAULT
/// (`now()` is ``loadTime``, `gen_random_uuid()` draws from a generator seeded with ``seed`` so a
/// load is reproducible, a serial or identity column counts on from ``sequenceStart``) or NULL. Every field goes through the column type's input rules
/// (`numeric(p,s)` rounding and overflow, `varchar(n)` length, uuid and timestamptz syntax, integer
/// ranges, jsonb canonical form), then each row through NOT NULL and CHECK constraints, in the order
/// PostgreSQL applies them, so the first error reported is the one PostgreSQL would report.
///
/// A load is all-or-nothing: any error throws a ``CopyError`` and no rows are returned.
/// Unique constraints are not checked here (see ``UniqueKeyIndex``): they depend on rows already stored.
///
/// ```swift
/// let reader = CopyReader(table: NQPTables.marketData, loadTime: 0, seed: 1)
/// let rows = try reader.read(path: "mes_1m_2023q1.csv")
/// ```
public struct CopyReader: Sendable {
    public var table: TableDefinition
    /// The session time zone: applies to timestamps written without an offset.
    public var zone: PGTimeZone
    /// The transaction time `now()` defaults take, µs since the Unix epoch; nil means the time of the read.
    public var loadTime: Int64?
    /// Seeds the generator behind `gen_random_uuid()` defaults.
    public var seed: UInt64
    /// The value the first row takes in a serial or identity column the header leaves out (the
    /// sequence's next value: a caller loading several files continues it).
    public var sequenceStart: Int64 = 1
    /// Threads a large input held in memory is parsed on (see ``CopyPieces``); 1 parses sequentially.
    var parseThreads = ProcessInfo.processInfo.activeProcessorCount
    /// The smallest piece worth a thread of its own.
    var minimumPieceBytes = 1 << 20

    public init(table: TableDefinition, zone: PGTimeZone = .utc, loadTime: Int64? = nil, seed: UInt64 = 0) {
        self.table = table
        self.zone = zone
        self.loadTime = loadTime
        self.seed = seed
    }

    /// The reader for the `index`-th of several files loaded one after another, `rows` rows
    /// already read: defaults go on as one load would (distinct random uuids, the sequence
    /// counting on), where reading every file with the same reader would repeat them.
    public func continuing(file index: Int, after rows: Int) -> CopyReader {
        var next = self
        next.seed = seed &+ UInt64(truncatingIfNeeded: index)
        next.sequenceStart = sequenceStart &+ Int64(rows)
        return next
    }

    /// Reads a whole file (one read; the data is parsed in place).
    public func read(path: String) throws(CopyError) -> RowSet {
        try load(path: path).rows
    }

    /// Like ``read(path:)``, also giving each row's line, for errors found later (unique conflicts).
    ///
    /// `path` may be `-` (standard input), a pipe, FIFO or other special file, or a gzip or zstd
    /// export; see ``CopyInput``. A directory is refused.
    public func load(path: String) throws(CopyError) -> CopyLoadResult {
        let bytes: [UInt8]
        do { bytes = try CopyInput.readAll(path) } catch {
            let kind: CopyError.Kind
            var line = 0
            switch error {
            case .directory: kind = .isDirectory
            case .unreadable(let why): kind = .unreadable(reason: why)
            case .nulByte(let l, _): kind = .invalidUTF8(bytes: "0x00"); line = l
            case .corruptCompressed(let format, let detail): kind = .corruptCompressed(format: format, detail: detail)
            }
            throw CopyError(file: Self.displayName(path), line: line, table: table.name, kind: kind)
        }
        return try load(bytes: bytes, file: Self.displayName(path))
    }

    /// How a path is named in messages: `-` reads as `<stdin>`.
    static func displayName(_ path: String) -> String { path == CopyInput.standardInput ? "<stdin>" : path }

    /// Reads COPY CSV text held in memory; `file` names it in errors.
    public func read(string: String, file: String = "<input>") throws(CopyError) -> RowSet {
        try read(bytes: Array(string.utf8), file: file)
    }

    /// Reads COPY CSV bytes held in memory; `file` names it in errors.
    public func read(bytes: [UInt8], file: String = "<input>") throws(CopyError) -> RowSet {
        try load(bytes: bytes, file: file).rows
    }

    /// Like ``read(bytes:file:)``, also giving each row's line.
    public func load(bytes: [UInt8], file: String = "<input>") throws(CopyError) -> CopyLoadResult {
        let result: Result<CopyLoadResult, CopyError> = bytes.withUnsafeBufferPointer { buf in
            guard let base = buf.baseAddress, buf.count > 0 else { return .success(CopyLoadResult(rows: RowSet(table: table), lines: [])) }
            // PostgreSQL's encoding check refuses a NUL byte anywhere in text input.
            if let nul = memchr(base, 0, buf.count) {
                let offset = UnsafeRawPointer(nul) - UnsafeRawPointer(base)
                let line = 1 + buf[0..<offset].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
                return .failure(CopyError(file: file, line: line, table: table.name, kind: .invalidUTF8(bytes: "0x00")))
            }
            // Large inputs are parsed in pieces on every core; any error is reported by the
            // sequential parse below, which finds the whole input's first error.
            if let whole = CopyPieces(reader: self, file: file, base: base, count: buf.count)
                .load(pieces: parseThreads, minimumPieceBytes: minimumPieceBytes) {
                return .success(whole)
            }
            var load = CopyLoad(reader: self, file: file, base: base, count: buf.count)
            do throws(CopyError) {
                let rows = try load.run()
                return .success(CopyLoadResult(rows: rows, lines: load.rowLines, omittedColumns: load.omitted.map { table.columns[$0].name },
                                                   headerColumns: load.fieldColumn.map { table.columns[$0].name }))
            } catch { return .failure(error) }
        }
        return try result.get()
    }
}

/// Rows of a successful load with the physical line each row starts on.
public struct CopyLoadResult: Sendable {
    public var rows: RowSet
    /// `lines[i]` is the 1-based line of row i in the file.
    public var lines: [Int32]
    /// The table's columns the header does not name, in table order: their values are the
    /// columns' defaults (or generated), not data. Empty for empty input.
    public var omittedColumns: [String] = []
    /// The table columns the header names, in the file's field order (field k + 1 is
    /// `headerColumns[k]`). Empty for empty input.
    public var headerColumns: [String] = []
}
