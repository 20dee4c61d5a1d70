import Foundation

/// Where `migrate --out DIR` may write: never over a user's files without being told.
///
/// A directory that already holds `.sql` files (in it or in its `rollback/`) is refused unless
/// `force` is given: `psql -f DIR/*.sql` would otherwise run a stale step beside the new set, and
/// a file of the same name would be replaced. With `force`, only the files the migration writes
/// are replaced; every other `.sql` file is named in ``staleFiles(after:)`` so the caller warns
/// about it. A path that exists and is not a directory is refused either way.
public struct MigrationOutputDirectory: Sendable, Hashable {
    /// The directory as given.
    public var path: String
    /// The `.sql` files already there (relative paths, `rollback/` ones prefixed), sorted.
    public var existingSQL: [String]

    /// Inspects `path`; throws when it is a file, or holds `.sql` files and `force` is false.
    public init(path: String, force: Bool) throws(MigrationPlanError) {
        self.path = path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw .outputNotADirectory(path) }
        }
        existingSQL = Self.sqlFiles(in: path)
        if !existingSQL.isEmpty && !force { throw .outputHoldsSQL(directory: path, files: existingSQL) }
    }

    /// The `.sql` files under `path` and `path/rollback`, relative to `path`.
    static func sqlFiles(in path: String) -> [String] {
        var out: [String] = []
        for (sub, prefix) in [(path, ""), (path + "/rollback", "rollback/")] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: sub)) ?? []
            out += names.filter { $0.lowercased().hasSuffix(".sql") }.map { prefix + $0 }
        }
        return out.sorted()
    }

    /// The `.sql` files that were there before and that `migration` does not write (they stay).
    public func staleFiles(after migration: MigrationPlan) -> [String] {
        let written = Set(migration.steps.flatMap { [$0.fileName, "rollback/" + $0.fileName] })
        return existingSQL.filter { !written.contains($0) }
    }
}
