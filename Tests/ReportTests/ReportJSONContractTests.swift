import Foundation
import Testing
import Analytics
@testable import Planner
@testable import Report

/// The JSON documents keep the field names CLI.md specifies (scripts depend on them) and share one
/// style: snake_case keys from the encoder's strategy, sorted, Codable models only.
@Suite struct ReportJSONContractTests {
    static func object(_ report: some RenderableReport) throws -> [String: Any] {
        let text = try report.rendered(as: .json)
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static func keys(_ value: Any?) -> Set<String> { Set((value as? [String: Any])?.keys.map { $0 } ?? []) }
    static func first(_ value: Any?) -> Any? { (value as? [Any])?.first }

    /// Every object key anywhere in the document (dictionary-valued fields such as codec counts included).
    static func allKeys(_ value: Any) -> [String] {
        if let o = value as? [String: Any] { return o.keys.map { $0 } + o.values.flatMap(allKeys) }
        if let a = value as? [Any] { return a.flatMap(allKeys) }
        return []
    }

    @Test func simulateHasCLIFields() throws {
        let o = try Self.object(CommandReportFixtures.simulation)
        #expect(Self.keys(o).isSuperset(of: ["hypertable", "chunks", "jobs", "dropped_chunks"]))
        #expect(Self.keys(o["hypertable"]).isSuperset(of: ["table", "chunk_interval_us", "rows", "chunks", "compressed_chunks", "engine_bytes"]))
        #expect(Self.keys(Self.first(o["chunks"])) == ["name", "range_start", "range_end", "rows", "is_compressed", "batches", "engine_bytes"])
        #expect(Self.keys(Self.first(o["jobs"])) == ["kind", "runs", "chunks_affected"])
        #expect(o["dropped_chunks"] as? Int == 1)
    }

    @Test func compareHasCLIFields() throws {
        let o = try Self.object(try CompareFixture.report())
        #expect(Self.keys(o).isSuperset(of: ["rows", "settings"]))
        let setting = (o["settings"] as? [[String: Any]])?.first ?? [:]
        let settingKeys = Self.keys(setting)
        #expect(settingKeys.isSuperset(of: ["segmentby", "orderby", "chunks", "batches", "engine_bytes", "columns", "predicted_timescaledb"]))
        let columnKeys = Self.keys(Self.first(setting["columns"]))
        #expect(columnKeys.isSuperset(of: ["name", "codec", "engine_bytes"]))
        let predictedKeys = Self.keys(setting["predicted_timescaledb"])
        #expect(predictedKeys.isSuperset(of: [
            "before_compression_total_bytes", "after_compression_table_bytes", "after_compression_index_bytes",
            "after_compression_toast_bytes", "after_compression_total_bytes", "compressed_batches"]))
    }

    @Test func sizeHasCLIFields() throws {
        let o = try Self.object(CommandReportFixtures.size())
        #expect(Self.keys(o).isSuperset(of: ["relations", "total_bytes"]))
        #expect(Self.keys(Self.first(o["relations"])) == ["name", "kind", "main_bytes", "fsm_bytes", "vm_bytes"])
        #expect(o["total_bytes"] as? Int == CommandReportFixtures.sizes.reduce(0) { $0 + $1.totalBytes })
    }

    @Test func checkHasCLIFields() throws {
        let o = try Self.object(CommandReportFixtures.check)
        #expect(Self.keys(Self.first(o["findings"])) == ["file", "line", "psql_line", "severity", "statement", "message"])
    }

    @Test func queryIsExactlyColumnsAndRowsWithNulls() throws {
        let text = try CommandReportFixtures.query.rendered(as: .json)
        #expect(text == #"{"columns":["timestamp","open","high","low","close","volume"],"rows":[["2025-01-02 14:30:00+00","150.25","151.00","149.75","150.50","1200"],["2025-01-02 14:31:00+00","150.50","152.125","150.00","1512.00",null]]}"#)
    }

    @Test func queryJSONEscapesAndRoundTrips() throws {
        let report = QueryReport(QueryResult(columns: ["a\"b"], rows: [["x\\y\n\t/é"], [nil]]))
        let text = try report.rendered(as: .json)
        #expect(text.hasSuffix(#",[null]]}"#))
        #expect(text.contains(#"x\\y\n\t"#))
        let decoded = try JSONDecoder().decode(QueryReport.self, from: Data(text.utf8))
        #expect(decoded.columns == ["a\"b"] && decoded.rows == [["x\\y\n\t/é"], [nil]])
    }

    @Test func everyReportUsesSnakeCaseKeys() throws {
        let documents: [Any] = [
            try Self.object(CommandReportFixtures.simulation), try Self.object(try CompareFixture.report()),
            try Self.object(CommandReportFixtures.size()), try Self.object(CommandReportFixtures.check),
            try Self.object(CommandReportFixtures.query), try Self.object(CommandReportFixtures.generate),
            try Self.object(ProfileReport(profile: MarketDataProfile.futures, writtenTo: nil)),
        ]
        for document in documents {
            for key in Self.allKeys(document) {
                #expect(key == key.lowercased() && !key.contains(" "), "key \(key) is not snake_case")
            }
        }
    }

    @Test func theProfileDocumentIsReadBackAsAProfile() throws {
        let text = try ProfileReport(profile: MarketDataProfile.futures, writtenTo: nil).rendered(as: .json)
        #expect(try MarketDataProfile.decode(json: Data(text.utf8)) == MarketDataProfile.futures)
        #expect(try MarketDataProfile.decode(json: Data(try MarketDataProfile.futures.jsonText().utf8)) == MarketDataProfile.futures)
    }

    @Test func aTOASTRelationIsNamedAsPgClassShowsItOnlyWithTheOID() throws {
        let unknown = CommandReportFixtures.size()
        #expect(unknown.relations[1].name == "pg_toast.pg_toast_<oid>")
        #expect(unknown.toastName?.predictable == false)
        #expect(unknown.tableText().contains("cannot be predicted offline"))
        let known = CommandReportFixtures.size(tableOID: 16_402)
        #expect(known.relations[1].name == "pg_toast.pg_toast_16402")
        #expect(known.toastName?.predictable == true)
        #expect(!known.tableText().contains("cannot be predicted"))
    }
}
