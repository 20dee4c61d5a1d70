import Foundation
import Planner
import Report
import Testing

/// The plan's HTML report opened in headless Chromium: it renders without console errors or
/// failed loads, every chart's SVG is laid out with all its data points, the page fits a phone's
/// width, and a screenshot can be taken. Skipped (not passed) without chromium outside CI.
@Suite(.enabled(if: HeadlessChromium.enabled, "needs Debian's chromium (or CI=true, where it is required)"))
struct PlanHTMLChromiumTests {
    /// chart id → (data points, bars) the fixture must show.
    static func expectedCharts(_ p: CapacityPlan) -> [String: (Int, Int)] {
        let relations = p.sizes.plain.relations.count
            + (p.sizes.plain009?.relations.filter { r in !p.sizes.plain.relations.contains { $0.name == r.name } }.count ?? 0)
        let tiers = 4 + (p.sizes.plain009 == nil ? 0 : 1) + (p.sizes.compressionStats.compressedChunks > 0 ? 2 : 0)
        return [
            "chart-storage-timeline": (4 * p.timeline.count, 0),
            "chart-storage-tiers": (0, tiers),
            "chart-relations": (0, relations),
            "chart-memory": (0, 1 + p.memory.candidates.count),
            "chart-latency": (0, p.latency.count),
        ].merging(p.columnBytes.isEmpty ? [:] : [
            "chart-columns": (0, p.columnBytes.count * (p.columnBytes.contains { $0.timescaledbCompressedBytes > 0 || $0.engineCompressedBytes > 0 } ? 3 : 1)),
        ]) { a, _ in a }.merging(p.continuousAggregates.isEmpty ? [:] : [
            // Table and indexes of each aggregate.
            "chart-continuous-aggregates": (0, 2 * p.continuousAggregates.count),
        ]) { a, _ in a }
    }

    @Test func rendersWithoutConsoleErrorsWithEveryDataPoint() throws {
        let plan = PlanFixture.plan()
        let run = try HeadlessChromium.load(html: HeadlessChromium.probed(PlanText.html([plan])))
        try Self.expectEveryChart(plan, run)
    }

    /// A real plan (the NQP defaults at 2026-12-01, latency model attached) renders with every
    /// chart's data points; with CHUNKWISE_RECORD_SCREENSHOT=1 its first screen becomes docs/plan-report.png.
    @Test func aRealPlanRendersEveryChart() throws {
        var input = ScenarioInput()
        input.now = "2026-12-01"
        let scenario = try Scenario.resolve(input, currentTime: 0) { path, _, _ throws(ScenarioError) in throw .profile("no profile file: \(path)") }
        var planner = CapacityPlanner(scenario: scenario)
        planner.latency = PlanLatency.model
        let plan = try planner.plan()
        #expect(plan.timeline.contains { $0.compressedBytes > 0 } && plan.columnBytes.contains { $0.timescaledbCompressedBytes > 0 })
        let run = try HeadlessChromium.load(html: HeadlessChromium.probed(PlanText.html([plan])))
        try Self.expectEveryChart(plan, run)
        let png = FileManager.default.temporaryDirectory.appendingPathComponent("chunkwise-real-plan-\(UUID().uuidString).png")
        defer { try? FileManager.default.removeItem(at: png) }
        _ = try HeadlessChromium.load(html: PlanText.html([plan]), width: 1000, height: 1500, screenshot: png)
        let data = try Data(contentsOf: png)
        #expect(data.count > 20_000, "a blank page compresses to a few KiB; the report drew \(data.count) bytes")
        if ProcessInfo.processInfo.environment["CHUNKWISE_RECORD_SCREENSHOT"] != nil {
            let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("docs/plan-report.png")
            try? FileManager.default.removeItem(at: docs)
            try FileManager.default.copyItem(at: png, to: docs)
        }
    }

    /// No console error, every chart laid out with exactly the plan's points and bars, and the DOM
    /// carrying each month × tier, column, latency, target and memory figure.
    static func expectEveryChart(_ plan: CapacityPlan, _ run: HeadlessChromium.Run) throws {
        #expect(run.console.isEmpty, "console: \(run.console)")
        let probe = try HeadlessChromium.probe(run.dom)
        let expected = Self.expectedCharts(plan)
        #expect(probe.svgs.count == expected.count, "\(probe.svgs)")
        for (id, (points, bars)) in expected {
            guard let svg = probe.svgs.first(where: { $0.hasPrefix(id + ":") }) else {
                Issue.record("chart \(id) missing from the rendered page: \(probe.svgs)")
                continue
            }
            let parts = svg.split(separator: ":")
            let size = parts[1].split(separator: "x").compactMap { Int($0) }
            #expect(size.count == 2 && size[0] > 200 && size[1] > 50, "\(id) laid out at \(parts[1])")
            #expect(Int(parts[2]) == points, "\(id): \(parts[2]) points, expected \(points)")
            #expect(Int(parts[3]) == bars, "\(id): \(parts[3]) bars, expected \(bars)")
        }
        #expect(!probe.overflow)
        // The data points carry the plan's figures through the browser's parse.
        for m in plan.timeline {
            for (tier, v) in [("plain table", m.plainBytes), ("hypertable, uncompressed", m.uncompressedBytes), ("compressed", m.compressedBytes),
                              ("dropped by retention", m.droppedBytes)] {
                #expect(run.dom.contains("data-series=\"\(tier)\" data-x=\"\(m.month)\" data-value=\"\(v)\""), "\(tier) \(m.month)")
            }
        }
        // Each column's bars carry its bytes; the memory chart its newest chunk.
        for c in plan.columnBytes {
            #expect(run.dom.contains("data-group=\"\(c.column)\" data-label=\"uncompressed values\" data-value=\"\(c.uncompressedBytes)\""), "\(c.column)")
            #expect(run.dom.contains("data-group=\"\(c.column)\" data-label=\"TimescaleDB, compressed chunks\" data-value=\"\(c.timescaledbCompressedBytes)\""),
                    "\(c.column)")
        }
        #expect(run.dom.contains("data-value=\"\(plan.memory.activeChunkBytes)\""))
        for f in plan.latency {
            let ms = String(format: "%.3f", f.planningMs + f.executionMs)
            #expect(run.dom.contains("data-group=\"\(f.query)\" data-label=\"\(f.config)\" data-value=\"\(ms)\""), "\(f.query) \(f.config)")
        }
        for t in plan.targets { #expect(run.dom.contains("data-label=\"target \(t.query)\" data-value=\"\(String(format: "%.3f", t.targetMs))\"")) }
    }

    @Test func fitsAPhoneWidth() throws {
        let run = try HeadlessChromium.load(html: HeadlessChromium.probed(PlanText.html([PlanFixture.plan()])), width: 390, height: 844)
        #expect(run.console.isEmpty, "console: \(run.console)")
        let probe = try HeadlessChromium.probe(run.dom)
        // Headless Chromium keeps a minimum window width (about 500 px); below 760 px the report is
        // one column, so each chart spans the width and nothing scrolls sideways.
        #expect(probe.width < 760, "window \(probe.width) px wide")
        #expect(!probe.overflow, "the page is wider than a \(probe.width) px screen")
        for svg in probe.svgs {
            let width = Int(svg.split(separator: ":")[1].split(separator: "x")[0]) ?? 0
            #expect(width > probe.width * 8 / 10 && width <= probe.width, "\(svg) in a \(probe.width) px window")
        }
    }

    @Test func severalScenariosRender() throws {
        let plans = [PlanFixture.plan(chunkInterval: "1 day"), PlanFixture.plan(chunkInterval: "7 days")]
        let run = try HeadlessChromium.load(html: HeadlessChromium.probed(PlanText.html(plans)))
        #expect(run.console.isEmpty, "console: \(run.console)")
        let probe = try HeadlessChromium.probe(run.dom)
        #expect(probe.svgs.contains { $0.hasPrefix("chart-comparison:") && $0.hasSuffix(":0:6") }, "\(probe.svgs)")
        #expect(probe.svgs.count == 1 + 2 * Self.expectedCharts(plans[0]).count)
    }

    @Test func takesAScreenshot() throws {
        let png = FileManager.default.temporaryDirectory.appendingPathComponent("chunkwise-plan-\(UUID().uuidString).png")
        defer { try? FileManager.default.removeItem(at: png) }
        _ = try HeadlessChromium.load(html: PlanText.html([PlanFixture.plan()]), width: 1000, height: 1400, screenshot: png)
        let data = try Data(contentsOf: png)
        #expect(data.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        // IHDR: width and height, big-endian, at bytes 16..<24.
        let be = { (o: Int) in data[o..<(o + 4)].reduce(0) { $0 << 8 | Int($1) } }
        #expect(be(16) == 1000 && be(20) == 1400)
        #expect(data.count > 20_000, "a blank page compresses to a few KiB; the report drew \(data.count) bytes")
    }

    @Test func printsOnA4Pages() throws {
        let pdf = FileManager.default.temporaryDirectory.appendingPathComponent("chunkwise-plan-\(UUID().uuidString).pdf")
        defer { try? FileManager.default.removeItem(at: pdf) }
        let run = try HeadlessChromium.load(html: PlanText.html([PlanFixture.plan()]), pdf: pdf)
        #expect(run.console.isEmpty, "console: \(run.console)")
        let data = try Data(contentsOf: pdf)
        #expect(data.starts(with: Array("%PDF".utf8)))
        // The page tree's /Count: the report is several printed pages, none lost.
        let text = String(decoding: data, as: UTF8.self)
        let pages = text.components(separatedBy: "/Count ").dropFirst().compactMap { Int($0.prefix { $0.isNumber }) }.max() ?? 0
        #expect(pages >= 2 && pages <= 12, "\(pages) pages")
    }

    // The checks above can fail: pages with the faults they look for are caught.

    @Test func catchesAConsoleError() throws {
        let run = try HeadlessChromium.load(html: HeadlessChromium.probed("<!doctype html><html><head></head><body><script>console.error('boom')</script></body></html>"))
        #expect(run.console.contains { $0.contains("boom") })
    }

    @Test func catchesAFailedLoad() throws {
        let run = try HeadlessChromium.load(html: HeadlessChromium.probed("<!doctype html><html><head></head><body><img src=\"http://example.invalid/x.png\"></body></html>"))
        #expect(run.console.contains { $0.contains("RESOURCE-ERROR") })
    }
}
