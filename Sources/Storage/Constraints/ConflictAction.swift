/// What happens to an incoming row whose key is already present.
public enum ConflictAction: Sendable, Hashable {
    /// Refuse the whole load with a ``UniqueViolation`` (plain INSERT and COPY).
    case error
    /// `ON CONFLICT DO NOTHING`: keep the existing row, drop the incoming one (for every unique index).
    case nothing
    /// `ON CONFLICT (target) DO UPDATE`: the incoming row replaces the existing one. The arbiter
    /// index is ``UniqueKeyMerge/merge(existing:incoming:action:updateTarget:zone:)``'s
    /// `updateTarget`; by default the first non-primary-key unique index, else the primary key.
    case update
}
