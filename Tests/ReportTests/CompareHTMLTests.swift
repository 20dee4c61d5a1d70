import Foundation
import Planner
import Report
import Testing

/// `compare --format html` on a real comparison: a snapshot, every setting and column drawn, and
/// the page rendered in headless Chromium without console errors.
@Suite struct CompareHTMLTests {
    @Test func snapshot() throws {
        Snapshot.assertMatches(CompareHTML.page(try CompareFixture.report(), chunkInterval: "1 day"), named: "compare.html")
    }

    @Test func everySettingAndColumnIsDrawn() throws {
        let report = try CompareFixture.report()
        let html = CompareHTML.page(report, chunkInterval: "1 day")
        for (i, s) in report.settings.enumerated() {
            #expect(html.contains("data-label=\"engine\" data-value=\"\(s.engineBytes)\""), "#\(i + 1)")
            for c in s.columns {
                #expect(html.contains("data-group=\"\(c.name)\" data-label=\"#\(i + 1)\" data-value=\"\(String(format: "%.3f", c.bytesPerRow))\""), "\(c.name)")
            }
        }
        #expect(!html.contains("<script") && !html.contains("src="))
    }

    @Test(.enabled(if: HeadlessChromium.enabled, "needs Debian's chromium (or CI=true, where it is required)"))
    func rendersInChromium() throws {
        let report = try CompareFixture.report()
        let run = try HeadlessChromium.load(html: HeadlessChromium.probed(CompareHTML.page(report, chunkInterval: "1 day")))
        #expect(run.console.isEmpty, "console: \(run.console)")
        let probe = try HeadlessChromium.probe(run.dom)
        let bars = report.settings.reduce(0) { $0 + 1 + ($1.predictedTimescaledb == nil ? 0 : 1) }
        #expect(probe.svgs.contains { $0.hasPrefix("chart-sizes:") && $0.hasSuffix(":0:\(bars)") }, "\(probe.svgs)")
        let columnBars = report.settings.reduce(0) { $0 + $1.columns.count }
        #expect(probe.svgs.contains { $0.hasPrefix("chart-columns:") && $0.hasSuffix(":0:\(columnBars)") }, "\(probe.svgs)")
        #expect(!probe.overflow)
    }
}
