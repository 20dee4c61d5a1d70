import Foundation
import Planner
@testable import Report
import Testing

/// Each plan renderer on the fixed ``PlanFixture`` plan, against stored snapshots, plus the
/// properties of the HTML report a snapshot alone would not say (self-contained, escaped, one
/// data point per figure).
@Suite struct PlanRendererSnapshotTests {
    @Test("predicted plans read as a few words", arguments: [
        ("Limit>Index Scan", "index scan, first row"),
        ("Aggregate>Bitmap Heap Scan>Bitmap Index Scan", "bitmap scan, aggregate"),
        ("Limit>Custom Scan (ChunkAppend)>Index Scan", "ChunkAppend, index scan, first row"),
        ("Sort>Append>31x(Bitmap Heap Scan>Bitmap Index Scan)", "Append: 31 bitmap, sort"),
        ("Custom Scan (ChunkAppend)>[24x(Custom Scan (ColumnarScan)>Sort>Seq Scan) + 7xIndex Scan]",
         "ChunkAppend: 24 decompressed + 7 index"),
    ])
    func planPhrases(_ plan: String, _ phrase: String) {
        #expect(PlanText.planPhrase(plan) == phrase)
    }

    @Test func longLinesWrapWithAHangingIndent() {
        let line = "  " + Array(repeating: "word", count: 40).joined(separator: " ")
        let wrapped = PlanText.wrap(line)
        #expect(wrapped.count > 1)
        #expect(wrapped.allSatisfy { $0.count <= PlanText.screenWidth })
        #expect(wrapped.dropFirst().allSatisfy { $0.hasPrefix("      word") })
        #expect(wrapped.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ") == line.trimmingCharacters(in: .whitespaces))
    }

    @Test func tableSnapshot() {
        Snapshot.assertMatches(PlanText.table(PlanFixture.plan()) + "\n", named: "plan.table.txt")
    }

    @Test func sideBySideSnapshot() {
        let plans = [PlanFixture.plan(chunkInterval: "1 day"), PlanFixture.plan(chunkInterval: "7 days")]
        let text = PlanText.sideBySide(plans, varied: ["chunk-interval=1 day,7 days"])
        Snapshot.assertMatches(text + "\n", named: "plan.vary.table.txt")
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= PlanText.screenWidth }, "one screen wide")
        #expect(PlanText.table(PlanFixture.plan()).split(separator: "\n").allSatisfy { $0.count <= PlanText.screenWidth })
    }

    /// `--vary` gives `{"scenarios": […]}` however many values it lists (CLI.md); without it, the plan document.
    @Test func varyJSONIsAlwaysTheScenariosDocument() throws {
        func keys(_ report: PlanReport) throws -> [String] {
            let data = try JSONEncoder().encode(report)
            return try #require(JSONSerialization.jsonObject(with: data) as? [String: Any]).keys.sorted()
        }
        #expect(try keys(PlanReport(plans: [PlanFixture.plan()], varied: ["tickers=5"])) == ["scenarios"])
        #expect(try keys(PlanReport(plans: [PlanFixture.plan()])).contains("rows"))
    }

    @Test func markdownSnapshot() {
        Snapshot.assertMatches(PlanText.markdown([PlanFixture.plan()]), named: "plan.md")
    }

    /// `--vary --format markdown` puts the scenarios side by side first, as the table does, then
    /// each scenario's sections under a heading naming its values (it printed the sections only).
    @Test func markdownVarySnapshot() {
        let plans = [PlanFixture.plan(chunkInterval: "1 day", withLatency: false), PlanFixture.plan(chunkInterval: "7 days", withLatency: false)]
        let text = PlanReport(plans: plans, varied: ["chunk-interval=1 day,7 days"]).markdownText()
        #expect(text.hasPrefix("# Capacity plans: 2 scenarios (varying chunk_interval)\n\n| scenario | rows | chunks |"))
        #expect(text.contains("# Capacity plan: market_data (chunk_interval=7 days)"))
        Snapshot.assertMatches(text, named: "plan.vary.md")
    }

    @Test func jsonSnapshot() throws {
        Snapshot.assertMatches(try PlanFixture.plan().jsonText() + "\n", named: "plan.json")
    }

    @Test func htmlSnapshot() {
        Snapshot.assertMatches(PlanText.html([PlanFixture.plan()]), named: "plan.html")
    }

    @Test func htmlVarySnapshot() {
        let plans = [PlanFixture.plan(chunkInterval: "1 day", withLatency: false), PlanFixture.plan(chunkInterval: "7 days", withLatency: false)]
        Snapshot.assertMatches(PlanText.html(plans), named: "plan.vary.html")
    }

    @Test func htmlIsSelfContained() {
        let html = PlanText.html([PlanFixture.plan()])
        for needle in ["<script", "src=", "@import", "url(", "<link", "href=\"http", "@font-face"] {
            #expect(!html.contains(needle), "the report references \(needle)")
        }
        // The only URL is the SVG namespace name, which is never fetched.
        let urls = html.components(separatedBy: "http").count - 1
        let namespaces = html.components(separatedBy: "xmlns=\"http://www.w3.org/2000/svg\"").count - 1
        #expect(urls == namespaces)
    }

    @Test func htmlHasOnePointPerMonthAndSeries() {
        let p = PlanFixture.plan()
        let html = PlanText.html([p])
        for m in p.timeline {
            #expect(html.contains("data-series=\"plain table\" data-x=\"\(m.month)\" data-value=\"\(m.plainBytes)\""))
            #expect(html.contains("data-series=\"hypertable, uncompressed\" data-x=\"\(m.month)\" data-value=\"\(m.uncompressedBytes)\""))
            #expect(html.contains("data-series=\"compressed\" data-x=\"\(m.month)\" data-value=\"\(m.compressedBytes)\""))
            #expect(html.contains("data-series=\"dropped by retention\" data-x=\"\(m.month)\" data-value=\"\(m.droppedBytes)\""))
        }
        #expect(html.components(separatedBy: "<circle class=\"point").count - 1 == 4 * p.timeline.count)
        for c in p.columnBytes {
            #expect(html.contains("data-group=\"\(c.column)\" data-label=\"engine, compressed chunks\" data-value=\"\(c.engineCompressedBytes)\""))
        }
        for r in p.sizes.plain.relations {
            #expect(html.contains("data-group=\"\(r.name)\" data-label=\"\(r.kind.rawValue)\" data-value=\"\(r.totalBytes)\""))
        }
        #expect(html.contains("data-label=\"budget (25 % of memory)\" data-value=\"\(p.memory.budgetBytes)\""))
        for f in p.latency {
            #expect(html.contains("data-group=\"\(f.query)\" data-label=\"\(f.config)\" data-value=\"\(String(format: "%.3f", f.executionMs + f.planningMs))\""))
        }
        for t in p.targets {
            #expect(html.contains("data-label=\"target \(t.query)\" data-value=\"\(String(format: "%.3f", t.targetMs))\""))
        }
    }

    @Test func htmlWithoutLatencyHasNoLatencyChart() {
        let html = PlanText.html([PlanFixture.plan(withLatency: false)])
        #expect(!html.contains("chart-latency"))
        #expect(html.contains("chart-storage-timeline"))
        #expect(html.contains("chart-memory"))
    }

    @Test func hostileNamesAreEscaped() {
        let hostile = "x\"><script>alert('1')</script>&amp;"
        let html = PlanText.html([PlanFixture.plan(table: hostile)])
        #expect(!html.contains("<script"))
        #expect(!html.contains(hostile))
        #expect(html.contains("x&quot;&gt;&lt;script&gt;alert(&#39;1&#39;)&lt;/script&gt;&amp;amp;"))
    }

    @Test func scalesAreRound() {
        let s = ValueScale(maximum: 22_000_000, unit: .bytes)
        #expect(s.top >= 22_000_000)
        #expect(s.ticks.first == 0 && s.ticks.last == s.top)
        #expect(s.ticks.count >= 3 && s.ticks.count <= 6)
        #expect(s.ticks.map(s.label) == ["0 B", "5 MiB", "10 MiB", "15 MiB", "20 MiB", "25 MiB"])
        let ms = ValueScale(maximum: 6.8, unit: .milliseconds)
        #expect(ms.ticks.map(ms.label) == ["0 ms", "2 ms", "4 ms", "6 ms", "8 ms"])
        #expect(ValueScale.milliseconds(0.42) == "0.42 ms" && ValueScale.milliseconds(14.6) == "14.6 ms")
        let empty = ValueScale(maximum: 0, unit: .count)
        #expect(empty.top > 0)
    }
}
