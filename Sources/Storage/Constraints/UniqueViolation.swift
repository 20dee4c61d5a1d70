/// A row that would break a unique index, worded as PostgreSQL words it:
/// `duplicate key value violates unique constraint "market_data_ticker_id_timestamp_interval_key"`
/// with detail `Key (ticker_id, "timestamp", "interval")=(…, 2023-01-02 23:00:00+00, 1m) already exists.`
public struct UniqueViolation: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// `duplicate key value violates unique constraint "name"`
        case duplicateKey
        /// `ON CONFLICT DO UPDATE command cannot affect row a second time`: two incoming rows with one key.
        case updateAffectsRowTwice
    }

    public var kind: Kind
    /// The index (constraint) name.
    public var constraint: String
    /// Key columns as PostgreSQL quotes them in the detail.
    public var keyColumns: [String]
    /// Key values as text (`null` only under `NULLS NOT DISTINCT`: other NULL keys do not conflict).
    public var keyValues: [String]
    /// Position of the offending row among the incoming rows (0-based).
    public var incomingRow: Int

    public init(kind: Kind = .duplicateKey, constraint: String, keyColumns: [String], keyValues: [String], incomingRow: Int) {
        self.kind = kind
        self.constraint = constraint
        self.keyColumns = keyColumns
        self.keyValues = keyValues
        self.incomingRow = incomingRow
    }

    public var message: String {
        switch kind {
        case .duplicateKey: return "duplicate key value violates unique constraint \"\(constraint)\""
        case .updateAffectsRowTwice: return "ON CONFLICT DO UPDATE command cannot affect row a second time"
        }
    }

    /// The label psql prints before ``detail``: `DETAIL` for a duplicate key, `HINT` for an update
    /// affecting a row twice (PostgreSQL raises that one with `errhint`).
    public var detailLabel: String { kind == .updateAffectsRowTwice ? "HINT" : "DETAIL" }

    /// PostgreSQL's DETAIL line (its HINT line for ``Kind/updateAffectsRowTwice``, see ``detailLabel``).
    public var detail: String {
        switch kind {
        case .duplicateKey:
            return "Key (\(keyColumns.joined(separator: ", ")))=(\(keyValues.joined(separator: ", "))) already exists."
        case .updateAffectsRowTwice:
            return "Ensure that no rows proposed for insertion within the same command have duplicate constrained values."
        }
    }

    public var description: String { "\(message)\n\(detailLabel):  \(detail)" }
}
