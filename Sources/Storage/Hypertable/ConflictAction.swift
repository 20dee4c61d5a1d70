/// What an insert does with a row whose unique key already exists, as `INSERT … ON CONFLICT`.
public enum ConflictAction: Sendable, Hashable {
    /// Reject the whole insert (plain `INSERT`/`COPY`).
    case error
    /// `ON CONFLICT DO NOTHING`: skip the conflicting row.
    case nothing
    /// `ON CONFLICT DO UPDATE SET <every column> = EXCLUDED.<column>`: the new row replaces the old one.
    case update
}
