extension Scenario {
    /// The generator of this scenario's rows for `spec`: its table, time and series columns, time
    /// unit, and its compression's segmentby columns filled one value per ticker (``MarketDataGenerator/perTickerColumns``).
    func marketDataGenerator(_ spec: SyntheticDataSpec) -> MarketDataGenerator {
        var generator = MarketDataGenerator(spec: spec, table: table, timeColumn: timeColumn, series: series, timeUnit: timeUnit)
        if let compression { generator.perTickerColumns = Set(compression.segmentBy) }
        return generator
    }
}
