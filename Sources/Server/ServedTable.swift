import Analytics
import Foundation
import Schema
import Storage

/// One table the server answers for: its definition and its rows, held column-wise.
///
/// Reads filter and order the rows with PostgreSQL's comparison rules; writes go through the
/// engine's COPY input rules (types, NOT NULL, CHECK, defaults) and its unique-key merge
/// (``UniqueKeyMerge``), so an insert is refused or applied whole, as one statement is.
public struct ServedTable: Sendable {
    public var definition: TableDefinition
    public private(set) var rows: RowSet
    /// The next value of the table's serial / identity columns (PostgreSQL's sequence never
    /// hands a value out twice, even when the insert that drew it fails).
    private var sequenceNext: Int64 = 1

    public init(definition: TableDefinition, rows: RowSet? = nil) {
        self.definition = definition
        self.rows = rows ?? RowSet(table: definition)
        for (c, column) in definition.columns.enumerated() where column.defaultValue == .sequence {
            guard case .int64(let values) = self.rows.columns[c].storage, let top = values.max(), top < Int64.max else { continue }
            sequenceNext = max(sequenceNext, top + 1)
        }
    }

    var name: String { definition.name }

    func columnIndex(_ name: String) throws(RestError) -> Int {
        guard let i = definition.columnIndex(name) else {
            throw RestError.unknownColumn(name, table: definition.name, columns: definition.columns.map(\.name))
        }
        return i
    }

    // MARK: - Reading

    /// Row positions that pass every filter and logic tree, in the requested order (storage order
    /// otherwise). `clock` is the request's `now()` (µs), which `now`, `today`, `tomorrow` and
    /// `yesterday` in timestamp operands read. Rows that tie on every `order` key come out as
    /// PostgreSQL leaves them: in an index's order when `eq` filters and an index give the order
    /// (``IndexOrder``), else as its sort does (``PostgresSort``): with `bound` (the `LIMIT` +
    /// `OFFSET` the read ends with), the first `bound` positions are the server's and the rest
    /// only count.
    public func select(_ query: TableQuery, zone: PGTimeZone, clock: Int64, bound: Int? = nil) throws(RestError) -> [Int] {
        let condition = try RowCondition(query, table: self, zone: zone, clock: clock)
        let columns = rows.columns
        var keep: [Int] = []
        for r in 0..<rows.count where condition.matches(r, columns) { keep.append(r) }
        guard !query.order.isEmpty else { return keep }
        var terms: [(column: Int, ordering: TableQuery.Ordering)] = []
        // A JSON path's values, read once per row (`order=metadata->>key`; `->>` text only).
        var pathValues: [Int: [Int: Value]] = [:]
        for (k, o) in query.order.enumerated() {
            let c = try columnIndex(o.column)
            terms.append((c, o))
            guard !o.path.isEmpty else { continue }
            let type = definition.columns[c].type
            guard try JSONPathSelect.extract(.null, type: type, path: o.path).1 == .text else {
                throw RestError.postgres("0A000", "chunkwise serve orders by JSON paths ending in ->> (text) only")
            }
            var values: [Int: Value] = [:]
            for r in keep { values[r] = (try? JSONPathSelect.extract(columns[c].value(at: r), type: type, path: o.path).0) ?? .null }
            pathValues[k] = values
        }
        // An ORDER BY on columns `eq` fixes is no ORDER BY at all (the planner drops the pathkey).
        let fixed = IndexOrder.fixedColumns(query)
        guard query.order.contains(where: { !fixed.contains($0.column) || !$0.path.isEmpty }) else { return keep }
        var keys = terms.enumerated().map { (column: $1.column, descending: $1.ordering.descending, nullsFirst: $1.ordering.nullsFirst,
                                              values: pathValues[$0]) }
        // The planner's choice, approximated: an index scan over a table of more than a few pages,
        // or for a LIMIT of at most a third of the rows; a sequential scan and a sort otherwise.
        var index = IndexOrder(query, table: definition)
        if rows.count <= ServedTable.sortedTableRows && !(bound.map { $0 <= keep.count / 3 } ?? false) { index = nil }
        if let index { keys += index.tieKeys.map { (column: $0.column, descending: $0.descending, nullsFirst: $0.nullsFirst, values: nil) } }
        func compare(_ a: Int, _ b: Int) -> Int {
            for k in keys {
                let x = k.values?[a] ?? columns[k.column].value(at: a), y = k.values?[b] ?? columns[k.column].value(at: b)
                if x.isNull || y.isNull {
                    if x.isNull && y.isNull { continue }
                    return x.isNull == k.nullsFirst ? -1 : 1
                }
                let c = ValueOrdering.compare(x, y)
                if c != 0 { return k.descending ? (c > 0 ? -1 : 1) : (c < 0 ? -1 : 1) }
            }
            return 0
        }
        // Read from an index: its order, then heap position; else PostgreSQL's sort.
        if let index {
            return keep.sorted { a, b in
                let c = compare(a, b)
                return c != 0 ? c < 0 : (index.backward ? a > b : a < b)
            }
        }
        return PostgresSort.sorted(keep, bound: bound, compare: compare)
    }

    /// Up to this many rows, a read ordered by an indexed column is taken as PostgreSQL plans it
    /// on a table of a few pages: a sequential scan and a sort (unless a small LIMIT).
    static let sortedTableRows = 1_000

    /// A filter operand read by the input function of the column's type without its modifier:
    /// PostgREST's `"open" > '1e400'` compares as `numeric`, and `"interval" = 'a long text'` as
    /// text, so an operand beyond `numeric(12,2)` or `varchar(10)` matches nothing rather than fails.
    /// A timestamp reads `now`, `today`, `tomorrow` and `yesterday` off `clock` (µs), as PostgreSQL
    /// reads them at the start of the request's transaction.
    static func parse(_ text: String, type declared: PGType, zone: PGTimeZone, clock: Int64) throws(RestError) -> Value {
        let type: PGType
        switch declared {
        case .numeric: type = .numeric(precision: nil, scale: nil)
        case .varchar: type = .varchar(nil)
        default: type = declared
        }
        if type == .timestamptz || type == .timestamp {
            switch text.lowercased() {
            case "infinity", "+infinity": return .timestamp(Int64.max)
            case "-infinity": return .timestamp(Int64.min)
            default: break
            }
        }
        do {
            if type == .timestamptz || type == .timestamp { return .timestamp(try PGTimestamp.parse(text, zone: zone, type: type, clock: clock)) }
            return try Value.parse(text, as: type, zone: zone)
        } catch {
            throw RestError.postgres(error.sqlState, error.message, details: error.detail, hint: error.hint)
        }
    }

    /// The output columns of `select` (nil is `*`) and their positions in the table; `42703`
    /// for a column the table does not have.
    func resolve(_ select: [TableQuery.Selected]?) throws(RestError) -> (selected: [TableQuery.Selected], indexes: [Int]) {
        let every = definition.columns.map { TableQuery.Selected(column: $0.name, key: $0.name) }
        let selected = select.map { $0.flatMap { $0 == .everyColumn ? every : [$0] } } ?? every
        var indexes: [Int] = []
        for s in selected {
            indexes.append(try columnIndex(s.column))
            // PostgreSQL refuses a cast it has no way to make while planning, before any row.
            if let cast = s.cast, s.path.isEmpty {
                let column = definition.columns[indexes[indexes.count - 1]]
                let source = column.type
                let target = try SelectCast.target(cast)
                if let carried = column.catalogType, SelectCast.castableCarried.contains(carried), source == .text {
                    if let refusal = target.refusal(fromCarried: carried) { throw refusal }
                    continue
                }
                switch target {
                case .carried(let target): if let refusal = SelectCast.refusal(from: source, to: target) { throw refusal }
                case .type(let target) where !ValueCast.castExists(from: source, to: target):
                    throw RestError.postgres("42846", "cannot cast type \(SelectCast.formatName(source)) to \(SelectCast.formatName(target))")
                default: break
                }
            }
            // An operator the column's type lacks is refused before any row is read.
            if !s.path.isEmpty { _ = try JSONPathSelect.extract(.null, type: definition.columns[indexes[indexes.count - 1]].type, path: s.path) }
        }
        return (selected, indexes)
    }

    /// The rows at `positions` as PostgREST's JSON array of objects (`json_agg`), with the
    /// selected columns under their keys.
    public func json(_ positions: [Int], select: [TableQuery.Selected]?, zone: PGTimeZone) throws(RestError) -> String {
        let p = try projection(select)
        let columns = rows.columns
        guard !positions.isEmpty else { return "[]" }
        // Array columns (carried as their literal text) print as JSON arrays, as to_json does;
        // other carried types whose output differs from their input text by their output function.
        let elementTypes: [String?] = p.indexes.map { i in
            definition.columns[i].catalogType.flatMap { $0.hasPrefix("_") ? PostgresBuiltinCatalog.shared.types[$0]?.element : nil }
        }
        try refuseReshaping(p) { elementTypes[$0] != nil || p.outputTypes[$0] != nil }
        let printedAsStored = !elementTypes.contains(where: { $0 != nil }) && !p.outputTypes.contains(where: { $0 != nil })
            && p.indexes.indices.allSatisfy { !p.isReshaped($0) }
        var out = "["
        for (k, r) in positions.enumerated() {
            if k > 0 { out += PostgresJSON.aggregateSeparator }
            guard !printedAsStored else {
                PostgresJSON.appendObject(names: p.keys, types: p.types, values: p.indexes.map { columns[$0].value(at: r) }, zone: zone, to: &out)
                continue
            }
            out += "{"
            for (n, i) in p.indexes.enumerated() {
                if n > 0 { out += "," }
                JSONBText.appendQuoted(p.keys[n], to: &out)
                out += ":"
                let value = columns[i].value(at: r)
                if p.isReshaped(n) {
                    let (v, t) = try reshaped(p, n, row: r, zone: zone)
                    PostgresJSON.append(v, type: t, zone: zone, to: &out)
                } else if let element = elementTypes[n], case .text(let literal) = value {
                    PostgresJSON.appendArray(literal: literal, elementType: element, zone: zone, to: &out)
                } else if let output = p.outputTypes[n], case .text(let stored) = value {
                    JSONBText.appendQuoted(UnmodelledTypeOutput.text(stored, catalogType: output) ?? stored, to: &out)
                } else {
                    PostgresJSON.append(value, type: p.types[n], zone: zone, to: &out)
                }
            }
            out += "}"
        }
        out += "]"
        return out
    }

    /// One row as a JSON object (`Accept: application/vnd.pgrst.object+json`).
    public func jsonObject(_ position: Int, select: [TableQuery.Selected]?, zone: PGTimeZone) throws(RestError) -> String {
        let array = try json([position], select: select, zone: zone)
        return String(array.dropFirst().dropLast())
    }

    /// The rows at `positions` as the request asked for them: the JSON array, or with `single`
    /// (``SingleObject``, one position) the one object.
    public func json(_ positions: [Int], select: [TableQuery.Selected]?, zone: PGTimeZone, single: Bool) throws(RestError) -> String {
        guard single else { return try json(positions, select: select, zone: zone) }
        try SingleObject.require(rows: positions.count)
        return try jsonObject(positions[0], select: select, zone: zone)
    }

    // MARK: - Writing

    /// How an insert treats rows whose unique key is already stored.
    public enum Resolution: Sendable, Equatable {
        /// Plain INSERT: a duplicate key refuses the whole request (23505, 409).
        case error
        /// `Prefer: resolution=ignore-duplicates`: `ON CONFLICT DO NOTHING`.
        case ignoreDuplicates
        /// `Prefer: resolution=merge-duplicates`: `ON CONFLICT (key) DO UPDATE SET` the sent columns.
        case mergeDuplicates
    }

    /// Inserts JSON objects. `columns` are the payload's columns (PostgREST's `columns=` or the
    /// first object's keys); a payload column missing from an object is NULL, or the column
    /// DEFAULT with `missingDefault`; other columns take their DEFAULT.
    /// `written` holds each object's member texts as the body wrote them (``JSONDocument/rowMemberTexts(_:)``).
    /// - Returns: positions (in the new rows) of the rows inserted or updated, in payload order.
    public mutating func insert(_ objects: [JSONDocument], written: [[String: String]] = [], columns: [String], missingDefault: Bool,
                                resolution: Resolution, onConflict: [String]?, loadTime: Int64, seed: UInt64, zone: PGTimeZone) throws(RestError) -> [Int] {
        for c in columns where definition.columnIndex(c) == nil {
            throw RestError(status: 400, code: "PGRST204", message: "Could not find the '\(c)' column of '\(name)' in the schema cache")
        }
        guard !objects.isEmpty else { return [] }
        // The arbiter: the unique index on exactly the on_conflict columns, else the primary key.
        var target: String?
        if resolution != .error {
            if let onConflict {
                guard let index = definition.uniqueIndexes.first(where: { Set($0.keyColumns) == Set(onConflict) && $0.predicate == nil }) else {
                    throw RestError.postgres("42P10", "there is no unique or exclusion constraint matching the ON CONFLICT specification")
                }
                target = index.name
            } else {
                target = definition.primaryKey?.name
            }
        }
        // The payload as COPY CSV, so values pass the engine's input rules and defaults.
        var csv = columns.map(ServedTable.csvField).joined(separator: ",") + "\n"
        var sequence = sequenceNext
        defer { sequenceNext = sequence }
        for (k, object) in objects.enumerated() {
            guard case .object = object else { throw RestError.keysMustMatch }
            let texts = k < written.count ? written[k] : [:]
            var fields: [String] = []
            for c in columns {
                guard let v = object[c] else {
                    if missingDefault { fields.append(try defaultField(c, loadTime: loadTime, sequence: &sequence)) } else { fields.append("") }
                    continue
                }
                fields.append(try ServedTable.csvField(v, column: definition.columns[definition.columnIndex(c)!], written: texts[c]))
            }
            csv += fields.joined(separator: ",") + "\n"
        }
        let incoming: RowSet
        do {
            var reader = CopyReader(table: definition, zone: zone, loadTime: loadTime, seed: seed)
            reader.sequenceStart = sequence
            if definition.columns.contains(where: { $0.defaultValue == .sequence && !columns.contains($0.name) }) {
                sequence &+= Int64(objects.count)
            }
            incoming = try reader.read(string: csv, file: "<request body>")
        } catch {
            throw ServedTable.restError(error)
        }
        let action: ConflictAction
        switch resolution {
        case .error: action = .error
        case .ignoreDuplicates: action = target == nil ? .error : .nothing
        case .mergeDuplicates: action = target == nil ? .error : .update(target: target)
        }
        let merged: UniqueKeyMerge.Result
        do { merged = try UniqueKeyMerge.merge(existing: rows, incoming: incoming, action: action, zone: zone) } catch {
            switch error.kind {
            case .duplicateKey: throw RestError.postgres("23505", error.message, details: error.detail)
            case .updateAffectsRowTwice: throw RestError.postgres("21000", error.message, hint: error.detail)
            }
        }
        let base = rows.count
        var newRows = merged.rows
        // DO UPDATE SET only the sent columns: the others keep the stored row's values.
        let sent = Set(columns)
        let kept = definition.columns.indices.filter { !sent.contains(definition.columns[$0].name) }
        if !merged.updated.isEmpty && !kept.isEmpty {
            var patched = RowSet(table: definition, capacity: newRows.count)
            var original: [Int: Int] = [:]
            for u in merged.updated { original[u.existing] = u.existing }
            for r in 0..<newRows.count {
                var row = newRows.row(r)
                if original[r] != nil { for k in kept { row[k] = rows.columns[k].value(at: r) } }
                patched.append(row: row)
            }
            newRows = patched
        }
        var returned: [(incoming: Int, position: Int)] = merged.updated.map { ($0.incoming, $0.existing) }
        for (k, j) in merged.inserted.enumerated() { returned.append((j, base + k)) }
        rows = newRows
        return returned.sorted { $0.incoming < $1.incoming }.map(\.position)
    }

    /// A JSON value as the COPY CSV field `column`'s input rules read, as `json_to_recordset`
    /// hands it to them (``JSONRecordField``, `written` the value's text in the body; NULL unquoted).
    static func csvField(_ v: JSONDocument, column: ColumnDefinition, written: String? = nil) throws(RestError) -> String {
        try JSONRecordField.text(v, column: column, written: written).map(csvField) ?? ""
    }

    /// `UPDATE … SET <object's columns> WHERE <the rows at positions>`: the new values pass the
    /// column types' input rules, NOT NULL and CHECK on the whole new row, and every unique index
    /// (`23505` when an updated row collides). Updated rows move to the end, as new row versions
    /// do in PostgreSQL's heap.
    /// - Returns: positions (in the new rows) of the updated rows, in the order of `positions`.
    /// `written` holds the object's member texts as the body wrote them.
    public mutating func update(_ object: JSONDocument, written: [String: String] = [:], positions: [Int], zone: PGTimeZone) throws(RestError) -> [Int] {
        guard case .object(let members) = object else { throw RestError.badBody("the body of an update must be a JSON object") }
        for m in members where definition.columnIndex(m.key) == nil {
            throw RestError(status: 400, code: "PGRST204", message: "Could not find the '\(m.key)' column of '\(name)' in the schema cache")
        }
        guard !positions.isEmpty, !members.isEmpty else { return [] }
        // The new rows as COPY CSV: sent values where given, the stored row's text elsewhere.
        let columns = definition.columns
        var sent: [Int: String] = [:]
        for m in members {
            if let c = definition.columnIndex(m.key) { sent[c] = try ServedTable.csvField(m.value, column: columns[c], written: written[m.key]) }
        }
        var csv = columns.map { ServedTable.csvField($0.name) }.joined(separator: ",") + "\n"
        for r in positions {
            var fields: [String] = []
            for (c, column) in columns.enumerated() {
                if let field = sent[c] { fields.append(field); continue }
                let v = rows.columns[c].value(at: r)
                fields.append(v.isNull ? "" : ServedTable.csvField(v.text(as: column.type, zone: zone) ?? ""))
            }
            csv += fields.joined(separator: ",") + "\n"
        }
        let updated: RowSet
        do {
            updated = try CopyReader(table: definition, zone: zone, loadTime: 0, seed: 0).read(string: csv, file: "<request body>")
        } catch {
            throw ServedTable.restError(error)
        }
        let touched = Set(positions)
        let untouched = rows.gathering((0..<rows.count).filter { !touched.contains($0) })
        let merged: UniqueKeyMerge.Result
        do { merged = try UniqueKeyMerge.merge(existing: untouched, incoming: updated, action: .error, zone: zone) } catch {
            throw RestError.postgres("23505", error.message, details: error.detail)
        }
        rows = merged.rows
        return Array(untouched.count..<(untouched.count + updated.count))
    }

    /// `DELETE … WHERE <the rows at positions>`.
    public mutating func delete(positions: [Int]) {
        guard !positions.isEmpty else { return }
        let removed = Set(positions)
        rows = rows.gathering((0..<rows.count).filter { !removed.contains($0) })
    }

    /// The CSV field of a column's DEFAULT (`Prefer: missing=default` for a key an object lacks).
    func defaultField(_ column: String, loadTime: Int64, sequence: inout Int64) throws(RestError) -> String {
        guard let c = definition.column(column) else { return "" }
        switch c.defaultValue {
        case nil: return ""
        case .value(let v)?: return v.text(as: c.type).map(ServedTable.csvField) ?? ""
        case .now?: return PGTimestamp.format(loadTime)
        case .randomUUID?: return UUID().uuidString.lowercased()
        case .sequence?:
            defer { sequence &+= 1 }
            return String(sequence)
        case .expression(let sql)?:
            throw RestError.postgres("0A000", "default expression for column \"\(column)\" of relation \"\(name)\" is not modelled: \(sql)")
        }
    }

    static func csvField(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A COPY input error as the INSERT's PostgreSQL error.
    static func restError(_ e: CopyError) -> RestError {
        let state: String
        switch e.kind {
        case .value(let v): state = v.sqlState
        case .notNull, .domainNotNull: state = "23502"
        case .checkViolation, .domainCheckViolation: state = "23514"
        // An arithmetic result out of range in the check: PostgreSQL's numeric_value_out_of_range.
        case .checkNotEvaluated: state = "22003"
        case .dateTimeFieldOutOfRange: state = "22008"
        case .invalidUTF8: state = "22021"
        case .defaultNotModelled: state = "0A000"
        case .uniqueViolation: state = "23505"
        default: return RestError.badBody(e.message)
        }
        return RestError.postgres(state, e.message, details: e.detail ?? e.valueDetail)
    }
}
