import ArgumentParser
import Storage

/// `--on-conflict error|nothing|update`: what a unique-key conflict does during a load.
enum ConflictOption: String, ExpressibleByArgument, CaseIterable {
    /// Refuse the whole load, as COPY does.
    case error
    /// `INSERT … ON CONFLICT DO NOTHING`: the row already stored wins.
    case nothing
    /// `INSERT … ON CONFLICT DO UPDATE` (the NQP ingest upserts): the incoming row replaces the stored one.
    case update

    var action: ConflictAction {
        switch self {
        case .error: return .error
        case .nothing: return .nothing
        case .update: return .update(target: nil)
        }
    }
}
