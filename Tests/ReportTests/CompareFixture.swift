import Foundation
@testable import Planner
import Schema
import Storage

/// A comparison report from the real comparison on a small synthetic market_data set (two
/// tickers, one day of 1m and 5m bars), with the timing figures zeroed so renderings are stable.
enum CompareFixture {
    static func report() throws -> ComparisonReport {
        var csv = "ticker_id,timestamp,open,high,low,close,volume,interval,source\n"
        let start = 1_700_006_400
        for t in 0..<2 {
            let ticker = String(format: "00000000-0000-0000-0000-%012d", t + 1)
            for (interval, step) in [("1m", 60), ("5m", 300)] {
                var price = 15_000.0 + Double(t) * 100
                for m in stride(from: 0, to: 1440 * 60, by: step) {
                    price += Double((m / step * 7919) % 9) * 0.25 - 1.0
                    csv += "\(ticker),\(PGTimestamp.format(Int64(start + m) * 1_000_000)),\(price),\(price + 1),\(price - 1),\(price + 0.25),\(m % 977),\(interval),yfinance\n"
                }
            }
        }
        let rows = try CopyReader(table: NQPTables.marketData, loadTime: 0, seed: 7).read(string: csv)
        var report = try CompressionComparison(table: NQPTables.marketData).run(
            rows: rows, rawCopyBytes: csv.utf8.count,
            settings: [CompressionSettingText(segmentBy: "ticker_id, interval", orderBy: "timestamp DESC"),
                       CompressionSettingText(segmentBy: "", orderBy: "timestamp DESC")])
        for i in report.settings.indices {
            report.settings[i].compressMBPerSecond = 0
            report.settings[i].decompressMBPerSecond = 0
        }
        return report
    }
}
