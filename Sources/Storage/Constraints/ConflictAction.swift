/// What happens to an incoming row whose key is already present.
public enum ConflictAction: Sendable, Hashable {
    /// Refuse the whole load with a ``UniqueViolation`` (plain INSERT and COPY).
    case error
    /// `ON CONFLICT DO NOTHING`: keep the existing row, drop the incoming one (for every unique index).
    case nothing
    /// `ON CONFLICT (target) DO UPDATE`: the incoming row replaces the existing one. `target` names
    /// the arbiter index; nil picks the first non-primary-key unique index, else the primary key.
    case update(target: String? = nil)
}
