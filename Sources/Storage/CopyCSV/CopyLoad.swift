import Foundation
import Schema

/// One COPY in progress: the header's column mapping, the typed column builders and the row
/// constraint checks. Lives for a single ``CopyReader/read(bytes:file:)`` call.
struct CopyLoad {
    let reader: CopyReader
    let table: TableDefinition
    let file: String
    let base: UnsafePointer<UInt8>
    let count: Int
    var scanner: CSVRecordScanner
    /// Header field k holds table column `fieldColumn[k]`.
    var fieldColumn: [Int] = []
    /// Table columns the header leaves out.
    var omitted: [Int] = []
    /// The first (in table order) omitted NOT NULL column with no default: every row violates it.
    var omittedNotNull: Int = .max
    /// Physical line of each data row, for errors found after parsing (CHECK constraints).
    var rowLines: [Int32] = []
    /// The `gen_random_uuid()` generator as the first row of this load finds it.
    var random: SeededRandom
    /// The next value of omitted serial / identity columns as the first row of this load finds it.
    var sequenceNext: Int64
    /// Whether a header was read (false for a piece that continues a file).
    private let readsHeader: Bool

    /// What a load that reads the next piece of the same file needs: the header's mapping, where
    /// the piece starts, the file's line ending and the default generator's state.
    struct Continuation: Sendable {
        /// Whether an omitted column takes a value per row counted from the rows before it (a
        /// `gen_random_uuid()` or serial default): then a piece cannot be parsed before the one
        /// ahead of it is.
        func countsRows(in table: TableDefinition) -> Bool {
            omitted.contains { c in
                switch table.columns[c].defaultValue {
                case .randomUUID?, .sequence?: return true
                default: return false
                }
            }
        }

        var fieldColumn: [Int]
        var omitted: [Int]
        var omittedNotNull: Int
        var line: Int
        var lineEnding: CSVRecordScanner.LineEnding
        var random: SeededRandom
        var sequenceNext: Int64
        /// The data ended (a `\.` line): later pieces are not read.
        var ended: Bool
    }

    init(reader: CopyReader, file: String, base: UnsafePointer<UInt8>, count: Int) {
        self.reader = reader
        self.table = reader.table
        self.file = file
        self.base = base
        self.count = count
        self.scanner = CSVRecordScanner(base: base, count: count)
        self.random = SeededRandom(seed: reader.seed)
        self.sequenceNext = reader.sequenceStart
        self.readsHeader = true
    }

    /// A load of a piece of a file that starts at a record boundary after `continuation`'s piece.
    init(reader: CopyReader, file: String, base: UnsafePointer<UInt8>, count: Int, continuing continuation: Continuation) {
        self.reader = reader
        self.table = reader.table
        self.file = file
        self.base = base
        self.count = count
        self.scanner = CSVRecordScanner(base: base, count: count, line: continuation.line, lineEnding: continuation.lineEnding)
        self.random = continuation.random
        self.sequenceNext = continuation.sequenceNext
        self.readsHeader = false
        self.fieldColumn = continuation.fieldColumn
        self.omitted = continuation.omitted
        self.omittedNotNull = continuation.omittedNotNull
    }

    /// Where the next piece continues, after ``run()`` returned `rows` rows.
    func continuation(rows: Int) -> Continuation {
        var next = random
        for c in omitted where table.columns[c].defaultValue == .randomUUID {
            for _ in 0..<rows { _ = next.nextUUIDv4() }
        }
        return Continuation(fieldColumn: fieldColumn, omitted: omitted, omittedNotNull: omittedNotNull, line: scanner.line,
                            lineEnding: scanner.lineEnding, random: next, sequenceNext: sequenceNext &+ Int64(rows),
                            ended: scanner.sawEndMarker)
    }

    var zone: PGTimeZone { reader.zone }

    /// Reads the header alone: where the data starts and what a load of a piece after it needs,
    /// or nil when there is no data (not even a header).
    mutating func readHeaderAlone() throws(CopyError) -> (dataStart: Int, continuation: Continuation)? {
        guard try readHeader() else { return nil }
        return (scanner.position, continuation(rows: 0))
    }

    /// Columns that are a whole unique key by themselves (a one-column primary key or unique
    /// constraint or index, not partial): every row's value differs from the others'.
    static func distinctColumns(of table: TableDefinition) -> Set<String> {
        Set(table.uniqueIndexes.compactMap { index in
            index.predicate == nil && index.predicateSQL == nil && index.keys.count == 1 ? index.keys[0].column : nil
        })
    }

    mutating func run() throws(CopyError) -> RowSet {
        if readsHeader {
            guard try readHeader() else { return RowSet(table: table) }
        }
        let capacity = estimatedRows()
        let distinct = Self.distinctColumns(of: table)
        var builders = table.columns.map { column in
            ColumnBuilder(type: column.type, capacity: fieldColumn.contains(table.columnIndex(column.name) ?? -1) ? capacity : 0,
                          distinct: distinct.contains(column.name),
                          enumType: column.enumLabels.map { (QuotedIdentifier.quote(column.catalogType ?? ""), Set($0)) },
                          carriedType: column.type == .text ? column.catalogType.flatMap(UnmodelledTypeInput.checkedType) : nil,
                          carriedElementType: column.arrayElementType, blankPaddedLength: column.blankPaddedLength,
                          bitLength: column.bitLength)
        }
        rowLines.reserveCapacity(capacity)
        var row = 0
        let stop = builders.withUnsafeMutableBufferPointer { readRows(into: $0, row: &row) }
        switch stop {
        case nil: break
        case .scan(let error)?: throw failure(scanFailure(error), row: row, builders)
        case .error(let error)?: throw failure(error, row: row, builders)
        case .notNull(let c)?:
            let rows = finish(builders, rows: row + 1)
            // An earlier row's CHECK, or this row's domain CHECK on a column read before this one, came first.
            if let earlier = firstCheckViolation(rows, lastRowDomainColumnsBelow: c) { throw earlier }
            // A NOT NULL domain refuses the NULL an omitted column's default gives it (no DETAIL).
            let domain = table.columns[c].notNull ? nil : table.columns[c].domain?.name
            let e = CopyError(file: file, line: scanner.recordLine, column: table.columns[c].name, table: table.name,
                              kind: domain.map { .domainNotNull(domain: $0) } ?? .notNull, detail: domain == nil ? failingRow(rows, row) : nil)
            throw failure(e, row: row, builders)
        }
        let rows = finish(builders, rows: row)
        if let violation = firstCheckViolation(rows) { throw violation }
        return rows
    }

    /// Why ``readRows(into:row:)`` stopped before the end of the data.
    private enum Stop {
        /// The CSV text is malformed.
        case scan(CSVRecordScanner.Failure)
        /// A record has too many or too few fields, or a field is not a value of its column.
        case error(CopyError)
        /// The record leaves NOT NULL column `column` (the first in table order) NULL.
        case notNull(column: Int)
    }

    /// Reads data records into `builders` (one per table column) until the data ends (nil) or a
    /// record fails; `row` counts the records read whole. The builders are reached through one
    /// buffer for the whole data instead of through the array, whose uniqueness would otherwise be
    /// checked on every field; the caller reports a failure once the array is its own again.
    private mutating func readRows(into builders: UnsafeMutableBufferPointer<ColumnBuilder>, row: inout Int) -> Stop? {
        // A NOT NULL domain refuses a NULL too (worded as the domain's when the column is not NOT NULL itself).
        let notNull = table.columns.map { $0.notNull || $0.domain?.notNull == true }
        let headerCount = fieldColumn.count
        let zone = self.zone
        while true {
            let more: Bool
            do { more = try scanner.nextRecord() } catch { return .scan(error) }
            if !more { return nil }
            rowLines.append(Int32(truncatingIfNeeded: scanner.recordLine))
            let fieldCount = scanner.fieldCount
            if fieldCount > headerCount {
                let f = scanner.fields[headerCount]
                return .error(CopyError(file: file, line: f.line, field: headerCount + 1, table: table.name, kind: .extraData))
            }
            var nullViolation = omittedNotNull
            for k in 0..<headerCount {
                let c = fieldColumn[k]
                guard k < fieldCount else {
                    let line = scanner.fields[fieldCount - 1].line
                    return .error(CopyError(file: file, line: line, field: k + 1, column: table.columns[c].name, table: table.name, kind: .missingData))
                }
                let f = scanner.fields[k]
                if f.start == f.end && !f.quoted {
                    builders[c].appendNull()
                    if notNull[c] && c < nullViolation { nullViolation = c }
                    continue
                }
                do throws(ValueError) {
                    if f.inScratch {
                        let bytes = Array(scanner.scratch[f.start..<f.end])
                        let outcome = bytes.withUnsafeBytes { raw in
                            Result { () throws(ValueError) in try builders[c].append(bytes: raw, zone: zone) }
                        }
                        try outcome.get()
                    } else {
                        try builders[c].append(bytes: UnsafeRawBufferPointer(start: base + f.start, count: f.end - f.start), zone: zone)
                    }
                } catch {
                    return .error(valueFailure(error, line: f.line, field: k + 1, column: c))
                }
            }
            if nullViolation != .max { return .notNull(column: nullViolation) }
            row += 1
        }
    }

    /// Maps header names to table columns; false when the data is empty (not even a header).
    private mutating func readHeader() throws(CopyError) -> Bool {
        let more: Bool
        do { more = try scanner.nextRecord() } catch { throw scanFailure(error) }
        guard more else { return false }
        var seen = Set<Int>()
        func fieldText(_ k: Int) -> String {
            let f = scanner.fields[k]
            var name: String
            if f.inScratch {
                name = String(decoding: scanner.scratch[f.start..<f.end], as: UTF8.self)
            } else {
                name = String(decoding: UnsafeBufferPointer(start: base + f.start, count: f.end - f.start), as: UTF8.self)
            }
            // A byte-order mark before the first name (spreadsheet exports): PostgreSQL's COPY
            // skips the whole header line, so the names are read without it.
            if k == 0, name.unicodeScalars.first == "\u{FEFF}" { name = String(name.unicodeScalars.dropFirst()) }
            return name
        }
        for k in 0..<scanner.fieldCount {
            let f = scanner.fields[k]
            let name = fieldText(k)
            guard let c = table.columnIndex(name) else {
                // A name that differs from a column only in case or surrounding spaces (`TS`,
                // ` price`): names match exactly, as quoted identifiers do, so say which column.
                let loose = { (text: String) in
                    String(text.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed()).lowercased()
                }
                if let near = table.columns.first(where: { loose($0.name) == loose(name) }) {
                    throw CopyError(file: file, line: f.line, field: k + 1, column: name, table: table.name, kind: .unknownColumn,
                                    detail: "header names match columns exactly (case and spaces count, as in a quoted identifier): "
                                        + "\"\(name)\" would be \"\(near.name)\"")
                }
                // No field of the line names a column: most likely a file without its header line.
                let noName = (0..<scanner.fieldCount).allSatisfy { table.columnIndex(fieldText($0)) == nil }
                throw CopyError(file: file, line: f.line, field: k + 1, column: name, table: table.name, kind: .unknownColumn,
                                detail: noName ? "the first line is read as the header (COPY … WITH (FORMAT csv, HEADER)) and none of its "
                                    + "fields names a column of \"\(table.name)\": add the header line the export lacks" : nil)
            }
            guard seen.insert(c).inserted else {
                throw CopyError(file: file, line: f.line, field: k + 1, column: name, table: table.name, kind: .duplicateColumn)
            }
            // COPY neither reads nor writes a generated column (CopyGetAttnums).
            if table.columns[c].generated != nil {
                throw CopyError(file: file, line: f.line, field: k + 1, column: name, table: table.name, kind: .generatedColumn,
                                detail: "Generated columns cannot be used in COPY.")
            }
            fieldColumn.append(c)
        }
        for (c, column) in table.columns.enumerated() where !seen.contains(c) {
            omitted.append(c)
            // Computed from the row (GeneratedColumns), not defaulted.
            if column.generated != nil { continue }
            switch column.defaultValue {
            case .expression(let sql)?:
                throw CopyError(file: file, line: 1, column: column.name, table: table.name, kind: .defaultNotModelled(sql: sql))
            case nil:
                if column.notNull || column.domain?.notNull == true { omittedNotNull = min(omittedNotNull, c) }
            default: break
            }
        }
        return true
    }

    /// An upper bound on the data rows: the line feeds left in the data.
    private func estimatedRows() -> Int {
        var n = 0
        var p = UnsafeRawPointer(base + scanner.position)
        var left = count - scanner.position
        while left > 0, let hit = memchr(p, 0x0A, left) {
            n += 1
            let next = UnsafeRawPointer(hit) + 1
            left -= next - p
            p = next
        }
        return n + 1
    }

    /// The rows `builders` read so far (the first `rows`), with defaults filled in for omitted columns.
    func finish(_ builders: [ColumnBuilder], rows n: Int) -> RowSet {
        var columns: [ColumnVector] = []
        columns.reserveCapacity(builders.count)
        var random = self.random
        let loadTime = reader.loadTime ?? WallClock.microseconds
        for (c, var builder) in builders.enumerated() {
            builder.truncate(to: n)
            if omitted.contains(c) {
                let fill: () -> Value
                switch table.columns[c].defaultValue {
                case .value(let v)?: fill = { v }
                case .now?: fill = { .timestamp(loadTime) }
                case .randomUUID?:
                    var ids: [PGUUID] = []
                    ids.reserveCapacity(n)
                    for _ in 0..<n { ids.append(random.nextUUIDv4()) }
                    columns.append(ColumnVector(type: builder.type, storage: .uuid(UUIDColumn(uncoded: ids))))
                    continue
                case .sequence?:
                    let first = sequenceNext
                    columns.append(ColumnVector(type: builder.type, storage: .int64((0..<Int64(n)).map { first &+ $0 })))
                    continue
                case .expression?, nil: fill = { .null }
                }
                let v = fill()
                for _ in 0..<n { builder.append(value: v) }
            }
            columns.append(builder.vector())
        }
        return GeneratedColumns.filled(RowSet(table: table, columns: columns), context: EvaluationContext(now: loadTime, zone: zone))
    }

    /// An error at data row `row`, unless an earlier row already breaks a CHECK constraint: PostgreSQL
    /// checks each row before reading the next, so that earlier violation is what it reports.
    private func failure(_ error: CopyError, row: Int, _ builders: [ColumnBuilder]) -> CopyError {
        guard row > 0, !checks.isEmpty else { return error }
        return firstCheckViolation(finish(builders, rows: row)) ?? error
    }

    /// The CHECKs a row's values must pass, in the order the server meets them: each domain
    /// column's checks (column order, each domain's by name; over `VALUE`, read here as the
    /// column), which run as the field is read, then the table's checks by name.
    var checks: [(check: CheckConstraint, domain: String?, column: Int?)] {
        var out: [(check: CheckConstraint, domain: String?, column: Int?)] = []
        for (c, column) in table.columns.enumerated() {
            guard let domain = column.domain else { continue }
            for d in domain.checks.sorted(by: { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }) {
                out.append((CheckConstraint(name: d.name, predicate: d.predicate.renamingColumn("value", to: column.name), sql: d.sql), domain.name, c))
            }
        }
        return out + table.checks.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }.map { ($0, nil, nil) }
    }

    /// The first row (in file order) that makes a CHECK constraint false; constraints are tried in
    /// name order, as PostgreSQL sorts them (`CheckConstraintFetch`). Each constraint is checked a
    /// column at a time up to the earliest failure found so far, which gives the same answer as
    /// checking row by row: the earliest failing row, and at that row the first constraint.
    func firstCheckViolation(_ rows: RowSet, lastRowDomainColumnsBelow: Int? = nil) -> CopyError? {
        let checks = self.checks
        guard !checks.isEmpty, rows.count > 0 else { return nil }
        let context = EvaluationContext(now: reader.loadTime, zone: zone)
        var first: (row: Int, error: CopyError)?
        for (check, domain, column) in checks {
            // With `lastRowDomainColumnsBelow`, the last row counts only for the domain checks of
            // columns read before that one (a NOT NULL column there stopped the row).
            let onLastRow = lastRowDomainColumnsBelow.map { below in column.map { $0 < below } ?? false } ?? true
            let limit = first?.row ?? (onLastRow ? rows.count : rows.count - 1)
            guard limit > 0 else { break }
            let columns = Array(Set(check.predicate.referencedColumns.compactMap { table.columnIndex($0) })).sorted()
            // Whether the evaluator models every part of the predicate and some part can fail on a
            // row's values (arithmetic out of range): then a row it cannot evaluate is refused. A
            // constraint it does not model at all passes every row (TableResolution warns of it).
            let modelled = check.predicate.isEvaluable && check.predicate.canFailOnRow
            let fails: (SQLTruth) -> Bool = { !$0.passesCheck || ($0 == .notEvaluated && modelled) }
            let failure: (row: Int, truth: SQLTruth)?
            if columns.count == 1 {
                failure = firstFailure(of: check, column: columns[0], in: rows, below: limit, context: context, fails: fails)
            } else {
                failure = (0..<limit).lazy.map { r in
                    (r, check.predicate.truth(context: context) { name in rows.column(name)?.value(at: r) })
                }.first { fails($0.1) }
            }
            guard let failure else { continue }
            let kind: CopyError.Kind = failure.truth.passesCheck
                ? .checkNotEvaluated(constraint: check.name)
                : domain.map { .domainCheckViolation(domain: $0, constraint: check.name) } ?? .checkViolation(constraint: check.name)
            first = (failure.row, CopyError(file: file, line: Int(rowLines[failure.row]), table: table.name,
                                            kind: kind, detail: domain == nil ? failingRow(rows, failure.row) : nil))
        }
        return first?.error
    }

    /// The first row below `limit` on which a one-column CHECK fails. A dictionary-coded column is
    /// evaluated once per distinct value (codes compare bytes, as PostgreSQL's text does); other
    /// columns remember recent answers for values that compare alike exactly.
    private func firstFailure(of check: CheckConstraint, column c: Int, in rows: RowSet, below limit: Int,
                              context: EvaluationContext, fails: (SQLTruth) -> Bool) -> (row: Int, truth: SQLTruth)? {
        let vector = rows.columns[c]
        let name = table.columns[c].name
        let evaluate: (Value) -> SQLTruth = { v in check.predicate.truth(context: context) { $0 == name ? v : nil } }
        let isNull = vector.isNull
        var nullTruth: SQLTruth?
        let codes: [UInt16]?
        let distinct: Int
        switch vector.storage {
        case .string(let strings): codes = strings.codes; distinct = strings.distinctValues?.count ?? 0
        case .uuid(let uuids): codes = uuids.codes; distinct = uuids.distinctValues?.count ?? 0
        default: codes = nil; distinct = 0
        }
        if let codes {
            // Per code, the truth once evaluated.
            var known = [SQLTruth?](repeating: nil, count: distinct)
            for r in 0..<limit {
                let truth: SQLTruth
                if !isNull.isEmpty && isNull[r] {
                    truth = nullTruth ?? evaluate(.null)
                    nullTruth = truth
                } else {
                    let k = Int(codes[r])
                    if let t = known[k] {
                        truth = t
                    } else {
                        truth = evaluate(vector.value(at: r))
                        known[k] = truth
                    }
                }
                if fails(truth) { return (r, truth) }
            }
            return nil
        }
        /// Recent values first: bar intervals and enum-like text repeat, and `==` on short strings is cheap.
        var recent: [(Value, SQLTruth)] = []
        var memo: [Value: SQLTruth] = [:]
        for r in 0..<limit {
            let v = vector.value(at: r)
            let truth: SQLTruth
            if !Self.memoizable(v) {
                truth = evaluate(v)
            } else if let t = recent.first(where: { $0.0 == v })?.1 {
                truth = t
            } else if let t = memo[v] {
                truth = t
            } else {
                truth = evaluate(v)
                if recent.count < 8 { recent.append((v, truth)) } else if memo.count < 10_000 { memo[v] = truth }
            }
            if fails(truth) { return (r, truth) }
        }
        return nil
    }

    /// Whether equal `Value`s are sure to evaluate alike: Swift compares non-ASCII strings by
    /// canonical equivalence, PostgreSQL's deterministic collations by bytes, so those are not memoised.
    static func memoizable(_ v: Value) -> Bool {
        switch v {
        case .text(let s), .jsonb(let s): return s.utf8.allSatisfy { $0 < 0x80 }
        default: return true
        }
    }

    /// PostgreSQL's `Failing row contains (…).` detail: each value's output text, `null` for NULL.
    func failingRow(_ rows: RowSet, _ r: Int) -> String {
        let texts = zip(rows.columns, table.columns).map { vector, column in
            vector.value(at: r).text(as: column.type, zone: zone) ?? "null"
        }
        return "Failing row contains (\(texts.joined(separator: ", ")))."
    }

    private func scanFailure(_ error: CSVRecordScanner.Failure) -> CopyError {
        switch error {
        case .unterminatedQuotedField(let line, let field):
            return CopyError(file: file, line: line, field: field, column: columnName(field), table: table.name, kind: .unterminatedQuotedField)
        case .unquotedCarriageReturn(let line, let field):
            return CopyError(file: file, line: line, field: field, column: columnName(field), table: table.name, kind: .unquotedCarriageReturn)
        case .unquotedNewline(let line, let field):
            return CopyError(file: file, line: line, field: field, column: columnName(field), table: table.name, kind: .unquotedNewline)
        }
    }

    private func columnName(_ field: Int) -> String? {
        guard field >= 1, field <= fieldColumn.count else { return nil }
        return table.columns[fieldColumn[field - 1]].name
    }

    private func valueFailure(_ error: ValueError, line: Int, field: Int, column c: Int) -> CopyError {
        let kind: CopyError.Kind
        switch error {
        case .invalidSyntax("UTF8", let hex): kind = .invalidUTF8(bytes: hex)
        case .dateTimeFieldOutOfRange(let text, _): kind = .dateTimeFieldOutOfRange(text: text)
        default: kind = .value(error)
        }
        return CopyError(file: file, line: line, field: field, column: table.columns[c].name, table: table.name, kind: kind)
    }
}
