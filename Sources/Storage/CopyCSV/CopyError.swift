import Schema

/// Why a COPY-CSV load was refused, and where.
///
/// A load is all-or-nothing, like PostgreSQL's COPY FROM inside one transaction: the first error
/// ends it and no row of the file is kept. The location is the file as named by the caller, the
/// 1-based *physical* line (a quoted field spanning lines moves later rows down, as an editor shows
/// them), and, for value errors, the 1-based field position in the file and the table column name.
///
/// ```swift
/// do { _ = try CopyReader(table: NQPTables.marketData).read(path: "mes.csv") }
/// catch { print(error) }   // mes.csv:1234:5: column "open": numeric field overflow
/// ```
public struct CopyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, each case worded as PostgreSQL words it (see ``message``).
    public enum Kind: Sendable, Equatable {
        /// A value the column type's input function rejects.
        case value(ValueError)
        /// `null value in column "x" of relation "t" violates not-null constraint`
        case notNull
        /// `new row for relation "t" violates check constraint "name"`
        case checkViolation(constraint: String)
        /// `domain d does not allow null values`: a NULL in a column of a NOT NULL domain.
        case domainNotNull(domain: String)
        /// `value for domain d violates check constraint "name"`
        case domainCheckViolation(domain: String, constraint: String)
        /// A CHECK constraint the evaluator models whose value it could not compute for this row:
        /// an arithmetic result PostgreSQL reports as out of range, or a product past the work bound.
        case checkNotEvaluated(constraint: String)
        /// `unterminated CSV quoted field`
        case unterminatedQuotedField
        /// `extra data after last expected column`
        case extraData
        /// `missing data for column "x"`
        case missingData
        /// `unquoted carriage return found in data` (a lone CR outside quotes, or mixed line endings)
        case unquotedCarriageReturn
        /// `unquoted newline found in data`
        case unquotedNewline
        /// `column "x" of relation "t" does not exist` (a header name the table lacks)
        case unknownColumn
        /// `column "x" specified more than once`
        case duplicateColumn
        /// `column "x" is a generated column` (a header naming one: COPY does not take them)
        case generatedColumn
        /// `invalid byte sequence for encoding "UTF8": 0x..`
        case invalidUTF8(bytes: String)
        /// `date/time field value out of range: "…"` (a month, day or time field past its range)
        case dateTimeFieldOutOfRange(text: String)
        /// A DEFAULT expression Chunkwise does not evaluate, needed because the header omits the column.
        case defaultNotModelled(sql: String)
        /// A unique index refused the row (found where rows are stored, see ``UniqueKeyMerge``).
        case uniqueViolation(UniqueViolation)
        /// An index row over PostgreSQL's size limits (found where index sizes are modelled).
        case indexRowTooLarge(IndexRowSizeViolation)
        /// `%s is not a version 7 UUID`: a UUID time column's value TimescaleDB cannot route to a
        /// chunk (found where rows are routed, after the COPY reader accepted the uuid).
        case notVersion7UUID(text: String)
        /// The file could not be read.
        case unreadable(reason: String)
        /// The path names a directory (`"x" is a directory`, as PostgreSQL's COPY says).
        case isDirectory
        /// A `.gz` or `.zst` export that does not decompress.
        case corruptCompressed(format: String, detail: String)
    }

    /// The file as the caller named it (`<input>` for in-memory data).
    public var file: String
    /// 1-based physical line.
    public var line: Int
    /// 1-based field position in the file's header order; nil for row-level errors.
    public var field: Int?
    /// The table column concerned, when there is one.
    public var column: String?
    /// The table the rows were for.
    public var table: String
    public var kind: Kind
    /// PostgreSQL's DETAIL line, when it has one (`Failing row contains (…).`).
    public var detail: String?

    public init(file: String, line: Int, field: Int? = nil, column: String? = nil, table: String, kind: Kind, detail: String? = nil) {
        self.file = file
        self.line = line
        self.field = field
        self.column = column
        self.table = table
        self.kind = kind
        self.detail = detail
    }

    /// A unique violation at the file position of the incoming row it concerns (from
    /// ``CopyLoadResult/lines``), so conflicts read like every other load error.
    public init(_ violation: UniqueViolation, file: String, line: Int, table: String) {
        self.init(file: file, line: line, table: table, kind: .uniqueViolation(violation), detail: violation.detail)
    }

    /// An index row too large at the file position of the row it concerns, naming the index
    /// attribute widest in that row by its field in the file's header (`field`, when known).
    public init(_ violation: IndexRowSizeViolation, file: String, line: Int, field: Int?, table: String) {
        self.init(file: file, line: line, field: field, column: violation.column, table: table, kind: .indexRowTooLarge(violation),
                  detail: violation.detail)
    }

    /// PostgreSQL's primary message for the error, without location.
    public var message: String {
        let col = column ?? "?"
        switch kind {
        // The DETAIL lines (numeric overflow's precision, a literal's unexpected character, a
        // cidr's host bits, JSON's bad token) are ``valueDetail``, not part of the message.
        case .value(let v): return v.message
        case .notNull: return "null value in column \"\(col)\" of relation \"\(table)\" violates not-null constraint"
        case .checkViolation(let name): return "new row for relation \"\(table)\" violates check constraint \"\(name)\""
        case .domainNotNull(let domain): return "domain \(QuotedIdentifier.quote(domain)) does not allow null values"
        case .domainCheckViolation(let domain, let name): return "value for domain \(QuotedIdentifier.quote(domain)) violates check constraint \"\(name)\""
        case .checkNotEvaluated(let name):
            return "check constraint \"\(name)\" of relation \"\(table)\" could not be evaluated for this row "
                + "(an arithmetic result out of range or too large to compute here); PostgreSQL refuses a row whose check raises an error"
        case .unterminatedQuotedField: return "unterminated CSV quoted field"
        case .extraData: return "extra data after last expected column"
        case .missingData: return "missing data for column \"\(col)\""
        case .unquotedCarriageReturn: return "unquoted carriage return found in data"
        case .unquotedNewline: return "unquoted newline found in data"
        case .unknownColumn: return "column \"\(col)\" of relation \"\(table)\" does not exist"
        case .duplicateColumn: return "column \"\(col)\" specified more than once"
        case .generatedColumn: return "column \"\(col)\" is a generated column"
        case .invalidUTF8(let bytes): return "invalid byte sequence for encoding \"UTF8\": \(bytes)"
        case .dateTimeFieldOutOfRange(let text): return "date/time field value out of range: \(ValueError.quoted(text))"
        case .defaultNotModelled(let sql):
            return "default expression for column \"\(col)\" of relation \"\(table)\" is not modelled: \(sql)"
        case .uniqueViolation(let v): return v.message
        case .indexRowTooLarge(let v): return v.message
        case .notVersion7UUID(let text): return "\(text) is not a version 7 UUID"
        case .unreadable(let reason): return "could not open file \"\(file)\" for reading: \(reason)"
        case .isDirectory: return "\"\(file)\" is a directory"
        case .corruptCompressed(let format, let detail): return "could not read file \"\(file)\": not a valid \(format) stream: \(detail)"
        }
    }

    /// The detail PostgreSQL adds for a value error (numeric overflow's precision explanation, which
    /// brace or quote an array or range literal lacks, a cidr's host bits, JSON's bad token).
    public var valueDetail: String? {
        if case .value(let value) = kind, let valueDetail = value.detail { return valueDetail }
        if case .uniqueViolation(let v) = kind { return v.detail }
        if case .indexRowTooLarge(let v) = kind { return v.detail }
        return detail
    }

    /// `file:line:field: column "name": message`, the field and column parts only where known.
    public var description: String {
        // Line 0: the file as a whole (it could not be read).
        var out = line > 0 ? "\(file):\(line)" : file
        if let field { out += ":\(field)" }
        out += ": "
        if field != nil, let column { out += "column \"\(column)\": " }
        out += message
        // A header naming no column says why it stopped (the detail is the hint).
        if case .unknownColumn = kind, let detail { out += "\nHINT:  " + detail }
        return out
    }
}
