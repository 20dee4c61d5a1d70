import Foundation
import PostgresModel

extension PlanLatency {
    /// A predicted plan tree in the planned table's own names: the latency model writes the NQP
    /// queries against market_data (`ticker_id = $1`, `"timestamp"`, `(interval)::text`); a team's
    /// table shows its instrument, time and interval columns and its name, and a condition on a
    /// column the table does not have (no interval column, one series) is left out, as the team's
    /// own query would not have it.
    static func inTableNames(_ text: String, _ s: Scenario) -> String {
        var out = text
        func replace(_ pattern: String, _ template: String) {
            guard let re = try? NSRegularExpression(pattern: pattern) else { return }
            out = re.stringByReplacingMatches(in: out, range: NSRange(out.startIndex..., in: out), withTemplate: template)
        }
        func literal(_ s: String) -> String { NSRegularExpression.escapedTemplate(for: s) }
        // Conditions on a column the table lacks: dropped from the AND lists, whole lines when alone.
        var absent: [String] = []
        if s.series.interval == nil { absent.append(#"\(\(interval\)::text = '[^']*'::text\)"#) }
        if s.series.series == nil { absent.append(#"\(ticker_id = \$1\)"#) }
        for condition in absent {
            replace(" AND " + condition, "")
            replace(condition + " AND ", "")
            replace(#"(?m)^ *(Filter|Index Cond|Recheck Cond): (vectorized: )?"# + condition + #"\n( *Rows Removed by Filter: \d+\n)?"#, "")
        }
        if let interval = s.series.interval, interval != "interval" {
            replace(#"\(interval\)::text"#, "(" + literal(SQLQuote.ident(interval)) + ")::text")
        }
        if let series = s.series.series, series != "ticker_id" {
            replace(#"\bticker_id\b"#, literal(SQLQuote.ident(series)))
        }
        if s.timeColumn != "timestamp" {
            replace(#""timestamp""#, literal(SQLQuote.ident(s.timeColumn)))
            replace(#"_ts_meta_v2_(min|max)_timestamp\b"#, "_ts_meta_v2_$1_" + literal(s.timeColumn))
        }
        if s.table.name != "market_data" {
            replace(#"\bon market_data\b"#, "on " + literal(SQLQuote.ident(s.table.name)))
        }
        return out
    }

    /// A change the latency targets propose (`add AND timestamp > now() - …`, `keep 90 days of
    /// market_data`) in the planned table's names: its time column and its name.
    static func changeInTableNames(_ text: String, _ s: Scenario) -> String {
        var out = text
        if s.timeColumn != "timestamp" {
            out = out.replacingOccurrences(of: "AND timestamp >", with: "AND \(SQLQuote.ident(s.timeColumn)) >")
        }
        // An integer time column compares with integers of its unit: now() in them, less the days'.
        if let unit = s.timeUnit, let type = s.table.column(s.timeColumn)?.type.sqlName,
           let match = out.firstMatch(of: #/now\(\) - interval '(\d+) days?'/#), let days = Int64(match.1) {
            let scale = unit.perSecond == 1 ? "" : " * \(unit.perSecond)"
            let (span, overflow) = days.multipliedReportingOverflow(by: 86_400 * unit.perSecond)
            if !overflow {
                out.replaceSubrange(match.range, with: "(extract(epoch FROM now())\(scale))::\(type) - \(span)")
            }
        }
        if s.table.name != "market_data" {
            out = out.replacingOccurrences(of: " of market_data ", with: " of \(SQLQuote.ident(s.table.name)) ")
        }
        return out
    }
}
