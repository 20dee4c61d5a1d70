import Testing
@testable import Planner

@Suite struct CompressionSettingTextTests {
    @Test func parsesSegmentbyAndOrderby() throws {
        let s = try CompressionSettingText(parsing: "segmentby=ticker_id,interval;orderby=timestamp DESC")
        #expect(s.segmentBy == "ticker_id,interval")
        #expect(s.orderBy == "timestamp DESC")
    }

    @Test func emptySegmentbyMeansNone() throws {
        let s = try CompressionSettingText(parsing: "segmentby=;orderby=ticker_id, interval, timestamp DESC")
        #expect(s.segmentBy == "")
        #expect(s.orderBy == "ticker_id, interval, timestamp DESC")
    }

    @Test func missingOrderbyLeavesTimescaleDBsDefault() throws {
        let s = try CompressionSettingText(parsing: "segmentby=ticker_id")
        #expect(s.orderBy == nil)
    }

    @Test func aKeyGivenTwiceIsAnError() {
        #expect(throws: ComparisonError.self) { try CompressionSettingText(parsing: "segmentby=a;orderby=timestamp DESC;orderby=timestamp") }
        #expect(throws: ComparisonError.self) { try CompressionSettingText(parsing: "segmentby=a;compress_segmentby=b") }
        #expect((try? CompressionSettingText(parsing: "compress_segmentby=a;compress_orderby=ts")) != nil)
    }

    @Test func unknownKeyIsAnError() {
        #expect(throws: ComparisonError.self) { try CompressionSettingText(parsing: "segment=ticker_id") }
        #expect(throws: ComparisonError.self) { try CompressionSettingText(parsing: "orderby") }
    }
}
