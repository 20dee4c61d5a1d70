import Analytics
import Schema

/// One call of one function with its session: the SQL a server runs and the in-process result.
struct AnalyticsCall: CustomStringConvertible {
    enum Function {
        case latestPrice(ticker: PGUUID, interval: String?)
        case priceRange(ticker: PGUUID, interval: String, start: Int64, end: Int64)
        case predictionAccuracy(ticker: PGUUID, days: Int32?)
        case blockPredictionAccuracy(ticker: PGUUID, days: Int32?)
    }

    var function: Function
    var session: AnalyticsSession

    /// `SELECT * FROM fn(...)`; omitted defaults are omitted in SQL too, so the SQL defaults are exercised.
    var select: String {
        func ts(_ t: Int64) -> String { "'\(PGTimestamp.format(t))'::timestamptz" }
        switch function {
        case .latestPrice(let t, let i): return "SELECT * FROM get_latest_price('\(t)'\(i.map { ", '\($0)'" } ?? ""))"
        case .priceRange(let t, let i, let s, let e): return "SELECT * FROM get_price_range('\(t)', '\(i)', \(ts(s)), \(ts(e)))"
        case .predictionAccuracy(let t, let d): return "SELECT * FROM get_prediction_accuracy('\(t)'\(d.map { ", \($0)" } ?? ""))"
        case .blockPredictionAccuracy(let t, let d): return "SELECT * FROM get_block_prediction_accuracy('\(t)'\(d.map { ", \($0)" } ?? ""))"
        }
    }

    /// The statements that set the session and print the call's result as COPY CSV.
    var script: String {
        "SET TimeZone = '\(session.timeZone)';\nSET chunkwise.now = '\(PGTimestamp.format(session.now))';\n"
            + "COPY (\(select)) TO STDOUT WITH (FORMAT csv, HEADER);\n"
    }

    /// What Chunkwise computes for the same call.
    func evaluate(_ stores: NQPAnalytics) throws -> QueryResult {
        var a = stores
        a.session = session
        switch function {
        case .latestPrice(let t, let i): return QueryResult(latestPrice: try a.getLatestPrice(ticker: t, interval: i ?? "1h"), zone: session.timeZone)
        case .priceRange(let t, let i, let s, let e): return QueryResult(priceRange: try a.getPriceRange(ticker: t, interval: i, start: s, end: e), zone: session.timeZone)
        case .predictionAccuracy(let t, let d): return QueryResult(try a.getPredictionAccuracy(ticker: t, days: d ?? 30))
        case .blockPredictionAccuracy(let t, let d): return QueryResult(try a.getBlockPredictionAccuracy(ticker: t, days: d ?? 30))
        }
    }

    var description: String { "\(select) [now \(PGTimestamp.format(session.now)), TimeZone \(session.timeZone)]" }
}
