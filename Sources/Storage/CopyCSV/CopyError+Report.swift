import Schema

extension CopyError {
    /// The error as psql prints PostgreSQL's: ``description``, then the `DETAIL:` line PostgreSQL
    /// adds (numeric overflow's precision, `Failing row contains (…).` for a NOT NULL or CHECK
    /// violation, `Key (…)=(…) already exists.` for a duplicate key), then JSON's `CONTEXT:` line.
    ///
    /// ```
    /// dup.csv:3: duplicate key value violates unique constraint "readings_pkey"
    /// DETAIL:  Key (device_id, ts)=(1, 2024-01-01 00:00:00+00) already exists.
    /// ```
    public var report: String {
        var lines = description
        // A header naming no column carries its hint in ``description`` already.
        if case .unknownColumn = kind { return lines }
        if let detail = valueDetail {
            // ON CONFLICT DO UPDATE reaching a row twice says why in a HINT line.
            var label = "DETAIL"
            if case .uniqueViolation(let violation) = kind { label = violation.detailLabel }
            lines += "\n\(label):  " + detail
        }
        if case .value(let value) = kind, case .invalidJSON(let refusal) = value, let context = refusal.context {
            lines += "\nCONTEXT:  " + context
        }
        return lines
    }
}
