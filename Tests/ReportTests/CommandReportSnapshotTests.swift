import Foundation
import Testing
import Analytics
@testable import Planner
import PostgresModel
@testable import Report

/// Every command's report through the one rendering layer, against stored snapshots: the human
/// table, JSON and markdown of simulate, compare, size, check, query, generate and profile.
@Suite struct CommandReportSnapshotTests {
    static func render<R: RenderableReport>(_ report: R, _ name: String) throws {
        for format in R.formats where format != .html {
            Snapshot.assertMatches(try report.rendered(as: format) + "\n", named: "\(name).\(format == .table ? "table.txt" : format == .json ? "json" : "md")")
        }
    }

    @Test func simulateSnapshots() throws { try Self.render(CommandReportFixtures.simulation, "simulate") }
    @Test func sizeSnapshots() throws { try Self.render(CommandReportFixtures.size(), "size") }
    @Test func checkSnapshots() throws { try Self.render(CommandReportFixtures.check, "check") }
    @Test func querySnapshots() throws { try Self.render(CommandReportFixtures.query, "query") }
    @Test func generateSnapshots() throws { try Self.render(CommandReportFixtures.generate, "generate") }
    @Test func compareSnapshots() throws { try Self.render(try CompareFixture.report(), "compare") }
    @Test func profileSnapshots() throws {
        try Self.render(ProfileReport(profile: MarketDataProfile.futures, writtenTo: "futures.json"), "profile")
    }

    @Test func theSimulateTableKeepsItsLayout() {
        let text = CommandReportFixtures.simulation.tableText()
        #expect(text.hasPrefix("hypertable market_data: 30240 rows in 3 chunks (2 compressed), chunk interval 7 days, clock ends 2025-01-14 23:59:00+00\n"
                               + "engine bytes: 412345 (data 380000, metadata 20345, index 12000)\n\n"
                               + "chunk             range_start             range_end                rows  compressed  batches  engine_bytes\n"))
        #expect(text.hasSuffix("\ndropped chunks: 1"))
    }

    @Test func aReportLackingHTMLRefusesIt() {
        #expect(throws: ReportError.unsupportedFormat(.html, available: [.table, .json, .markdown])) {
            try CommandReportFixtures.size().rendered(as: .html)
        }
        #expect((try? CompareFixture.report().rendered(as: .html))?.hasPrefix("<!doctype html>") == true)
    }
}
