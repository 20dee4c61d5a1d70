import Foundation
import TestSupport

/// Helpers for tests that ask the throwaway PostgreSQL 15 the same question as the model.
enum ServerCase {
    /// The cluster, or nil (with a notice) when PostgreSQL is not installed outside CI.
    static func cluster(_ test: String = #function) throws -> PostgresCluster? {
        guard PostgresCluster.isInstalled || PostgresCluster.mustRun else {
            print("skipped \(test): PostgreSQL 15 is not installed (apt-get install postgresql-15)")
            return nil
        }
        return try PostgresCluster.shared()
    }

    /// The server's error message for SQL that must fail (the text after `ERROR:  `), or nil if it succeeded.
    static func serverError(_ pg: PostgresCluster, database: String, _ sql: String) -> String? {
        do {
            try pg.query(sql, database: database)
            return nil
        } catch {
            let text = "\(error)"
            guard let r = text.range(of: "ERROR:  ") else { return text }
            let rest = text[r.upperBound...]
            return String(rest.prefix { $0 != "\n" })
        }
    }

    /// `pg_relation_size` per relation and fork for a table, its indexes, and its TOAST relation
    /// (TOAST table and TOAST index main forks summed under "toast").
    static func relationSizes(_ pg: PostgresCluster, database: String, table: String) throws -> [String: (main: Int, fsm: Int, vm: Int)] {
        let sql = """
            SELECT c.relname, pg_relation_size(c.oid, 'main'), pg_relation_size(c.oid, 'fsm'), pg_relation_size(c.oid, 'vm')
              FROM pg_class c WHERE c.oid = '\(table)'::regclass OR c.oid IN (SELECT indexrelid FROM pg_index WHERE indrelid = '\(table)'::regclass)
            UNION ALL
            SELECT 'toast', pg_relation_size(t.oid, 'main') + (SELECT coalesce(sum(pg_relation_size(indexrelid)), 0) FROM pg_index WHERE indrelid = t.oid),
                   pg_relation_size(t.oid, 'fsm'), pg_relation_size(t.oid, 'vm')
              FROM pg_class c JOIN pg_class t ON t.oid = c.reltoastrelid WHERE c.oid = '\(table)'::regclass
            """
        var out: [String: (Int, Int, Int)] = [:]
        for line in try pg.query(sql, database: database).split(separator: "\n") {
            let f = line.split(separator: "|").map(String.init)
            guard f.count == 4 else { continue }
            out[f[0]] = (Int(f[1]) ?? 0, Int(f[2]) ?? 0, Int(f[3]) ?? 0)
        }
        return out
    }
}
