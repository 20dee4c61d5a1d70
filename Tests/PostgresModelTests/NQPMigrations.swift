/// The NQP `market_data` migrations (REFERENCE.md §1–2) as SQL text, for tests.
enum NQPMigrations {
    static func initial(numeric: String = "numeric(12,2)") -> String {
        """
        CREATE TABLE market_data (
          id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
          ticker_id uuid NOT NULL,
          "timestamp" timestamptz NOT NULL,
          open \(numeric) NOT NULL, high \(numeric) NOT NULL, low \(numeric) NOT NULL, close \(numeric) NOT NULL,
          volume bigint,
          interval varchar(10) NOT NULL CHECK (interval IN ('1m','5m','15m','30m','1h','4h','1d','1w','1M')),
          source varchar(50) DEFAULT 'yfinance',
          metadata jsonb DEFAULT '{}',
          created_at timestamptz DEFAULT now(),
          UNIQUE (ticker_id, "timestamp", interval)
        );
        CREATE INDEX idx_market_data_ticker_timestamp ON market_data (ticker_id, "timestamp" DESC);
        CREATE INDEX idx_market_data_ticker_interval_timestamp ON market_data (ticker_id, interval, "timestamp" DESC);
        CREATE INDEX idx_market_data_timestamp ON market_data ("timestamp" DESC);
        """
    }

    /// Migration 009's new indexes (the covering index replaces nothing here: calibration kept both).
    static let indexes009 = """
        CREATE INDEX idx_market_data_ticker_timestamp_covering ON market_data (ticker_id, "timestamp" DESC) INCLUDE (open, high, low, close, volume);
        CREATE INDEX idx_market_data_timestamp_brin ON market_data USING brin ("timestamp") WITH (pages_per_range = 128);
        CREATE INDEX idx_market_data_interval ON market_data (interval) WHERE interval IN ('1m','5m','15m','30m','1h');
        """

    static let names009: Set<String> = ["idx_market_data_ticker_timestamp_covering", "idx_market_data_timestamp_brin", "idx_market_data_interval"]
}
