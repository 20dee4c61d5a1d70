import Foundation
import Testing
@testable import PostgresModel
import Schema
import Storage
import TestSupport

/// The model against ../shared/calibration (`plain`): what PostgreSQL 15.20 measured for the real
/// files loaded by COPY with the original indexes present (`relations_001`), then the migration-009
/// indexes built on the loaded table (`relations_with_009`).
@Suite(.serialized) struct CalibrationTests {
    struct Measured {
        var file: URL
        var numeric: String
        var with009: [String: (main: Int, fsm: Int, vm: Int)]
        var total009: Int
    }

    static func calibrations() throws -> [Measured] {
        var out: [Measured] = []
        for url in SharedData.calibrationFiles where !url.lastPathComponent.contains("chunk7d") {
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] ?? [:]
            guard let plain = json["plain"] as? [String: Any], let file = json["file"] as? String,
                  let numeric = json["numeric"] as? String, let rel = plain["relations_with_009"] as? [String: [String: Int]],
                  let root = SharedData.root else { continue }
            var sizes: [String: (Int, Int, Int)] = [:]
            for (k, v) in rel { sizes[k] = (v["main"] ?? 0, v["fsm"] ?? 0, v["vm"] ?? 0) }
            out.append(Measured(file: root.appendingPathComponent("data/real/\(file)"), numeric: numeric, with009: sizes,
                                total009: plain["total_bytes_with_009"] as? Int ?? 0))
        }
        return out
    }

    static func table(numeric: String) throws -> TableDefinition {
        let sql = NQPMigrations.initial(numeric: "numeric(\(numeric))") + NQPMigrations.indexes009
        let (findings, catalog) = MigrationCheck.run(files: [("nqp.sql", sql)])
        #expect(findings.isEmpty)
        guard let t = catalog.tables["market_data"] else { throw SizeModelError.unknownTable("market_data") }
        return t
    }

    @Test(.enabled(if: SharedData.isAvailable, "needs ../shared")) func everyRelationMatchesTheRealServer() throws {
        _ = try #require(try SharedData.require("calibration"))
        let measured = try Self.calibrations()
        #expect(!measured.isEmpty)
        for m in measured {
            let table = try Self.table(numeric: m.numeric)
            let rows = try CopyReader(table: table, loadTime: 0).read(path: m.file.path)
            let predicted = try RelationSizeModel.predict(rows: rows, build: { NQPMigrations.names009.contains($0.name) ? .bulk : .incremental })
            var total = 0
            for r in predicted {
                total += r.totalBytes
                let key = r.kind == .toast ? "toast" : r.name
                guard let real = m.with009[key] else {
                    Issue.record("\(m.file.lastPathComponent): no measurement for \(r.name)")
                    continue
                }
                // Heap, B-tree and BRIN main forks: page for page. (The calibration lists no BRIN FSM,
                // though its total includes one; the total is compared below.)
                #expect(r.mainBytes == real.main, "\(m.file.lastPathComponent) \(r.name): predicted \(r.mainBytes), measured \(real.main)")
                if r.kind == .heap {
                    #expect(r.fsmBytes == real.fsm && r.vmBytes == real.vm)
                }
            }
            #expect(total == m.total009, "\(m.file.lastPathComponent): total \(total) vs \(m.total009)")
        }
    }
}
