import Foundation
import Schema
import Storage
import TestSupport
@testable import Planner

/// The same COPY files through Chunkwise's reader and through PostgreSQL 15 after the same DDL:
/// each file's outcome on both sides, `(accepted)` or the refusal's message line.
enum CopyRefusalAgreement {
    static func outcomes(ddl: String, table name: String, files: [String], databasePrefix: String) throws -> [(ours: String, theirs: String)] {
        let table = try TableResolution.resolve(table: name, sources: [("\(name).sql", ddl)]).table
        var outcomes: [(ours: String, theirs: String)] = []
        for file in files {
            let ours: String
            do {
                _ = try CopyReader(table: table).read(string: file)
                ours = "(accepted)"
            } catch {
                ours = error.message
            }
            let script = ddl + "COPY \(name) FROM STDIN WITH (FORMAT csv, HEADER);\n" + file + "\\.\n"
            let theirs: String
            do {
                _ = try PostgresCluster.output(ofScript: script, databasePrefix: databasePrefix)
                theirs = "(accepted)"
            } catch PostgresCluster.Failure.command(_, _, let output) {
                theirs = output.split(separator: "\n").first { $0.hasPrefix("ERROR:  ") }.map { String($0.dropFirst(8)) } ?? output
            }
            outcomes.append((ours, theirs))
        }
        return outcomes
    }
}
