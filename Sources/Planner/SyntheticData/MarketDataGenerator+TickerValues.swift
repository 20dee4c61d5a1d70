import Schema

extension MarketDataGenerator {
    /// The value every generated row of each ticker carries in `column` (index: the ticker), when
    /// the generator fills the column per ticker or with one value for all rows; nil when values
    /// vary from row to row (times, prices, random ids, sequences, the bar interval, arrival times).
    ///
    /// Mirrors ``rows()``'s choices column by column (`MarketDataGeneratorTickerValuesTests` checks
    /// the two against each other), so `plan` can place each ticker in a hash partition without
    /// generating its bars.
    public func tickerValues(of name: String) -> [Value]? {
        guard name != timeColumn, let column = table.columns.first(where: { $0.name == name }) else { return nil }
        let count = max(1, spec.tickers)
        let tickers = 0..<count
        /// `byType(column, ticker:)` of ``rows()``: per ticker, or nil where it varies by row.
        func byType(ticker: Bool) -> [Value]? {
            switch column.type {
            case .uuid:
                guard ticker else { return nil }
                let ids = spec.tickerIDs
                return tickers.map { .uuid(ids[$0]) }
            case .int2, .int4, .int8:
                return ticker ? tickers.map { .int(Int64($0 + 1)) } : nil
            case .text, .varchar:
                if let labels = Self.labels(column, in: table, perTicker: ticker) {
                    guard !labels.isEmpty else { return nil }
                    return tickers.map { .text(labels[$0 % labels.count]) }
                }
                let symbols = spec.symbols
                return tickers.map { .text(symbols[$0]) }
            case .bool: return Array(repeating: .bool(false), count: count)
            case .jsonb: return Array(repeating: .jsonb("{}"), count: count)
            default: return nil
            }
        }
        if name == series.series { return byType(ticker: true) }
        if name == series.interval { return nil }
        switch Self.readingRole(column, in: table) ?? Self.barRole(column, in: table) {
        case "id" where column.defaultValue == nil || column.defaultValue == .randomUUID || column.defaultValue == .sequence:
            return byType(ticker: false)
        case "open", "high", "low", "close", "volume", "created_at": return nil
        case "source", "metadata":
            let text = name == "source" ? spec.profile.sourceText : spec.profile.metadataText
            return Array(repeating: text.map { column.type == .jsonb ? .jsonb($0) : .text($0) } ?? .null, count: count)
        default:
            switch column.defaultValue {
            case .value(let v)?: return Array(repeating: v, count: count)
            case .now?: return nil
            case .randomUUID?, .sequence?: return byType(ticker: false)
            case .expression?, nil:
                return column.notNull || column.domain?.notNull == true ? byType(ticker: perTickerColumns.contains(name)) : Array(repeating: .null, count: count)
            }
        }
    }
}
