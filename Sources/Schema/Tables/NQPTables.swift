/// The NASDAQ-predictor (NQP) tables as they exist before the TimescaleDB migration
/// (REFERENCE.md §1): the built-in definitions behind `--table`.
public enum NQPTables {
    /// Every built-in table, by name.
    public static let all: [String: TableDefinition] = [
        "tickers": tickers, "market_data": marketData, "predictions": predictions, "block_predictions": blockPredictions,
    ]

    static func pk(_ table: String, _ column: String = "id") -> IndexDefinition {
        IndexDefinition(name: "\(table)_pkey", table: table, keys: [.init(column: column)], unique: true, origin: .primaryKey)
    }

    static func unique(_ table: String, _ columns: [String]) -> IndexDefinition {
        IndexDefinition(name: TableDefinition.generatedName(table: table, columns: columns, suffix: "key"), table: table,
                        keys: columns.map { .init(column: $0) }, unique: true, origin: .uniqueConstraint)
    }

    static func inCheck(_ table: String, _ column: String, _ values: [String]) -> CheckConstraint {
        let list = values.map { "'\($0)'" }.joined(separator: ", ")
        return CheckConstraint(
            name: "\(table)_\(column)_check",
            predicate: .inList(.column(column), values.map { .literal(.text($0)) }, negated: false),
            sql: "CHECK (\(column) IN (\(list)))")
    }

    static func rangeCheck(_ table: String, _ column: String, _ lo: String, _ hi: String) -> CheckConstraint {
        let l = (try? PGNumeric.parse(lo)) ?? PGNumeric(unscaled: 0, scale: 0)
        let h = (try? PGNumeric.parse(hi)) ?? PGNumeric(unscaled: 0, scale: 0)
        return CheckConstraint(
            name: "\(table)_\(column)_check",
            predicate: .and(.comparison(.ge, .column(column), .literal(.numeric(l))), .comparison(.le, .column(column), .literal(.numeric(h)))),
            sql: "CHECK (\(column) >= \(lo) AND \(column) <= \(hi))")
    }

    public static let tickers = TableDefinition(
        name: "tickers",
        columns: [
            ColumnDefinition("id", .uuid, notNull: true, default: .randomUUID),
            ColumnDefinition("symbol", .varchar(20), notNull: true),
            ColumnDefinition("name", .varchar(100)),
            ColumnDefinition("type", .varchar(20)),
            ColumnDefinition("enabled", .bool, default: .value(.bool(true))),
            ColumnDefinition("trading_hours_start", .time),
            ColumnDefinition("trading_hours_end", .time),
            ColumnDefinition("timezone", .varchar(50), default: .value(.text("UTC"))),
            ColumnDefinition("metadata", .jsonb, default: .value(.jsonb("{}"))),
            ColumnDefinition("created_at", .timestamptz, default: .now),
            ColumnDefinition("updated_at", .timestamptz, default: .now),
        ],
        indexes: [pk("tickers"), unique("tickers", ["symbol"])])

    /// The intervals `market_data.interval` accepts.
    public static let barIntervals = ["1m", "5m", "15m", "30m", "1h", "4h", "1d", "1w", "1M"]

    public static let marketData = TableDefinition(
        name: "market_data",
        columns: [
            ColumnDefinition("id", .uuid, notNull: true, default: .randomUUID),
            ColumnDefinition("ticker_id", .uuid, notNull: true),
            ColumnDefinition("timestamp", .timestamptz, notNull: true),
            ColumnDefinition("open", .numeric(precision: 12, scale: 2), notNull: true),
            ColumnDefinition("high", .numeric(precision: 12, scale: 2), notNull: true),
            ColumnDefinition("low", .numeric(precision: 12, scale: 2), notNull: true),
            ColumnDefinition("close", .numeric(precision: 12, scale: 2), notNull: true),
            ColumnDefinition("volume", .int8),
            ColumnDefinition("interval", .varchar(10), notNull: true),
            ColumnDefinition("source", .varchar(50), default: .value(.text("yfinance"))),
            ColumnDefinition("metadata", .jsonb, default: .value(.jsonb("{}"))),
            ColumnDefinition("created_at", .timestamptz, default: .now),
        ],
        checks: [inCheck("market_data", "interval", barIntervals)],
        indexes: [
            pk("market_data"),
            unique("market_data", ["ticker_id", "timestamp", "interval"]),
            IndexDefinition(name: "idx_market_data_ticker_timestamp", table: "market_data",
                            keys: [.init(column: "ticker_id"), .init(column: "timestamp", descending: true)]),
            IndexDefinition(name: "idx_market_data_ticker_interval_timestamp", table: "market_data",
                            keys: [.init(column: "ticker_id"), .init(column: "interval"), .init(column: "timestamp", descending: true)]),
            IndexDefinition(name: "idx_market_data_timestamp", table: "market_data",
                            keys: [.init(column: "timestamp", descending: true)]),
        ])

    /// `market_data` with prices as `numeric(14,4)`, the variant a later review proposes.
    public static var marketDataNumeric14_4: TableDefinition {
        var t = marketData
        for name in ["open", "high", "low", "close"] {
            if let i = t.columnIndex(name) { t.columns[i].type = .numeric(precision: 14, scale: 4) }
        }
        return t
    }

    public static let predictions = TableDefinition(
        name: "predictions",
        columns: [
            ColumnDefinition("id", .uuid, notNull: true, default: .randomUUID),
            ColumnDefinition("ticker_id", .uuid, notNull: true),
            ColumnDefinition("timestamp", .timestamptz, notNull: true),
            ColumnDefinition("prediction", .varchar(20), notNull: true),
            ColumnDefinition("confidence", .numeric(precision: 5, scale: 2), notNull: true),
            ColumnDefinition("weighted_score", .numeric(precision: 5, scale: 4)),
            ColumnDefinition("bullish_count", .int4),
            ColumnDefinition("bearish_count", .int4),
            ColumnDefinition("total_signals", .int4),
            ColumnDefinition("actual_result", .varchar(20)),
            ColumnDefinition("actual_price_change", .numeric(precision: 12, scale: 2)),
            ColumnDefinition("verification_timestamp", .timestamptz),
            ColumnDefinition("market_status", .varchar(20)),
            ColumnDefinition("volatility_level", .varchar(20)),
            ColumnDefinition("session", .varchar(50)),
            ColumnDefinition("metadata", .jsonb, default: .value(.jsonb("{}"))),
            ColumnDefinition("created_at", .timestamptz, default: .now),
            ColumnDefinition("updated_at", .timestamptz, default: .now),
        ],
        checks: [
            inCheck("predictions", "prediction", ["BULLISH", "BEARISH", "NEUTRAL"]),
            rangeCheck("predictions", "confidence", "0", "100"),
            rangeCheck("predictions", "weighted_score", "0", "1"),
            CheckConstraint(name: "predictions_total_signals_check",
                            predicate: .comparison(.gt, .column("total_signals"), .literal(.int(0))),
                            sql: "CHECK (total_signals > 0)"),
            inCheck("predictions", "actual_result", ["CORRECT", "WRONG", "PENDING"]),
        ],
        indexes: [
            pk("predictions"),
            IndexDefinition(name: "idx_predictions_ticker_timestamp", table: "predictions",
                            keys: [.init(column: "ticker_id"), .init(column: "timestamp", descending: true)]),
            IndexDefinition(name: "idx_predictions_timestamp", table: "predictions",
                            keys: [.init(column: "timestamp", descending: true)]),
            IndexDefinition(name: "idx_predictions_actual_result", table: "predictions",
                            keys: [.init(column: "actual_result")],
                            predicate: .isNull(.column("actual_result"), negated: true),
                            predicateSQL: "actual_result IS NOT NULL"),
            IndexDefinition(name: "idx_predictions_ticker_result", table: "predictions",
                            keys: [.init(column: "ticker_id"), .init(column: "actual_result")],
                            predicate: .inList(.column("actual_result"), [.literal(.text("CORRECT")), .literal(.text("WRONG"))], negated: false),
                            predicateSQL: "actual_result IN ('CORRECT', 'WRONG')"),
        ])

    public static let blockPredictions = TableDefinition(
        name: "block_predictions",
        columns: [
            ColumnDefinition("id", .uuid, notNull: true, default: .randomUUID),
            ColumnDefinition("ticker_id", .uuid, notNull: true),
            ColumnDefinition("hour_start_timestamp", .timestamptz, notNull: true),
            ColumnDefinition("prediction_timestamp", .timestamptz, notNull: true),
            ColumnDefinition("prediction", .varchar(20), notNull: true),
            ColumnDefinition("confidence", .numeric(precision: 5, scale: 2), notNull: true),
            ColumnDefinition("prediction_strength", .varchar(20)),
            ColumnDefinition("reference_price", .numeric(precision: 12, scale: 4)),
            ColumnDefinition("early_bias", .varchar(20)),
            ColumnDefinition("early_bias_strength", .numeric(precision: 10, scale: 4)),
            ColumnDefinition("has_sustained_counter", .bool, default: .value(.bool(false))),
            ColumnDefinition("counter_direction", .varchar(20)),
            ColumnDefinition("block_data", .jsonb),
            ColumnDefinition("reference_levels", .jsonb),
            ColumnDefinition("deviation_at_5_7", .numeric(precision: 10, scale: 4)),
            ColumnDefinition("volatility", .numeric(precision: 10, scale: 4)),
            ColumnDefinition("blocks_6_7_close", .numeric(precision: 12, scale: 4)),
            ColumnDefinition("actual_result", .varchar(20)),
            ColumnDefinition("verified_at", .timestamptz),
            ColumnDefinition("metadata", .jsonb, default: .value(.jsonb("{}"))),
            ColumnDefinition("created_at", .timestamptz, default: .now),
        ],
        checks: [
            inCheck("block_predictions", "prediction", ["UP", "DOWN", "NEUTRAL"]),
            rangeCheck("block_predictions", "confidence", "0", "100"),
            inCheck("block_predictions", "prediction_strength", ["weak", "moderate", "strong"]),
            inCheck("block_predictions", "actual_result", ["CORRECT", "WRONG", "PENDING"]),
        ],
        indexes: [
            pk("block_predictions"),
            unique("block_predictions", ["ticker_id", "hour_start_timestamp"]),
        ])
}
