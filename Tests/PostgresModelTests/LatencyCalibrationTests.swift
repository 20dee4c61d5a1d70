import Foundation
import Testing
@testable import PostgresModel
import TestSupport

/// The latency model against every entry of ../shared/calibration/latency_*.json (real PostgreSQL
/// 15.20 + TimescaleDB 2.28.3). Bars (issue #11): plan shape equal, shared buffers (hit + read)
/// within ±25 %, execution and planning time within 2×. The scenario is built from each file's
/// data shape and relation sizes only.
@Suite struct LatencyCalibrationTests {
    static var files: [URL] {
        guard let dir = SharedData.root?.appendingPathComponent("calibration"),
              let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { return [] }
        return names.filter { $0.hasPrefix("latency_") && $0.hasSuffix(".json") }.sorted().map { dir.appendingPathComponent($0) }
    }

    struct Row {
        var file: String
        var m: LatencyCalibration.Measurement
        var p: LatencyPrediction
        var indexes: Set<String>
        var buffersRatio: Double { Double(p.sharedHitBlocks + p.sharedReadBlocks) / Double(max(1, m.sharedHitBlocks + m.sharedReadBlocks)) }
        var execRatio: Double { p.executionMs / max(m.executionMs, 0.001) }
        var planRatio: Double { p.planningMs / max(m.planningMs, 0.001) }
        var firstRatio: Double { p.firstRunMs / max(m.firstRunPlanningMs + m.firstRunExecutionMs, 0.001) }
    }

    static func rows(model: LatencyModel = LatencyModel()) throws -> [Row] {
        var out: [Row] = []
        for url in files {
            let cal = try LatencyCalibration.load(url)
            for m in cal.measurements {
                guard let plan = model.explain(m.query, m.config, cal.scenario) else { continue }
                out.append(Row(file: cal.name, m: m, p: plan.prediction, indexes: executedIndexes(plan.root)))
            }
        }
        return out
    }

    static func executedIndexes(_ n: PredictedPlanNode) -> Set<String> {
        guard n.loops > 0 else { return [] }
        return n.children.reduce(Set(n.index.map { [$0] } ?? [])) { $0.union(executedIndexes($1)) }
    }

    static func table(_ rows: [Row]) -> String {
        var s = "| file | Q | C | plan (measured / predicted) | buffers m/p | exec ms m/p | plan ms m/p | first ms m/p |\n|---|---|---|---|---|---|---|---|\n"
        for r in rows {
            let same = r.m.plan == r.p.plan ? "= \(r.m.plan)" : "\(r.m.plan) / **\(r.p.plan)**"
            s += "| \(r.file.replacingOccurrences(of: "latency_", with: "").replacingOccurrences(of: ".json", with: "")) | \(r.m.query.rawValue) | \(r.m.config.rawValue) | \(same) | "
            s += "\(r.m.sharedHitBlocks + r.m.sharedReadBlocks) / \(r.p.sharedHitBlocks + r.p.sharedReadBlocks) | "
            s += String(format: "%.3f / %.3f | %.3f / %.3f | %.2f / %.2f |\n", r.m.executionMs, r.p.executionMs, r.m.planningMs, r.p.planningMs,
                        r.m.firstRunPlanningMs + r.m.firstRunExecutionMs, r.p.firstRunMs)
        }
        return s
    }

    @Test func everyCalibrationEntryWithinBars() throws {
        guard try SharedData.require("calibration/README.md") != nil else { return }
        let rows = try Self.rows()
        #expect(rows.count >= 40, "expected both latency files × 4 configurations × 5 queries")
        print(Self.table(rows))
        for r in rows {
            let tag = "\(r.file) \(r.m.query.rawValue) \(r.m.config.rawValue)"
            #expect(r.p.plan == r.m.plan, "\(tag) plan \(r.p.plan) vs \(r.m.plan)")
            #expect(abs(r.buffersRatio - 1) <= 0.25, "\(tag) buffers \(r.p.sharedHitBlocks + r.p.sharedReadBlocks) vs \(r.m.sharedHitBlocks + r.m.sharedReadBlocks)")
            #expect(r.execRatio <= 2 && r.execRatio >= 0.5, "\(tag) execution \(r.p.executionMs) vs \(r.m.executionMs)")
            #expect(r.planRatio <= 2 && r.planRatio >= 0.5, "\(tag) planning \(r.p.planningMs) vs \(r.m.planningMs)")
            #expect(r.p.rows == r.m.rows, "\(tag) rows \(r.p.rows) vs \(r.m.rows)")
            // The same indexes. On hypertables the choice between the ticker-leading indexes of one
            // chunk is a near tie (costs within 0.1 %, decided by a chunk's exact index size, which
            // the file gives only as a sum over chunks): reported, not asserted.
            let used = r.m.indexesUsed.filter { !$0.hasPrefix("compress_") }
            let predicted = r.indexes.filter { !$0.hasPrefix("compress_") }
            if r.m.config.isHypertable && r.m.query.readsMarketData {
                if used != predicted { print("\(tag): index choice differs in \(used.symmetricDifference(predicted).count / 2) of \(used.count) chunks") }
            } else {
                #expect(used == predicted, "\(tag) indexes \(predicted.sorted()) vs \(used.sorted())")
            }
        }
    }
}
