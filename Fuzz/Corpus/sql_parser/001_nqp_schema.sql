-- NQP tables before the TimescaleDB migration (REFERENCE.md §1), as Sources/Schema/Tables/NQPTables.swift
-- models them: same columns, types, NOT NULLs, defaults, CHECKs and index names. The analytics tests
-- apply this file to a throwaway PostgreSQL 15 before loading data.

CREATE TABLE tickers (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    symbol varchar(20) NOT NULL UNIQUE,
    name varchar(100),
    type varchar(20),
    enabled boolean DEFAULT true,
    trading_hours_start time,
    trading_hours_end time,
    timezone varchar(50) DEFAULT 'UTC',
    metadata jsonb DEFAULT '{}',
    created_at timestamptz DEFAULT now(),
    updated_at timestamptz DEFAULT now()
);

CREATE TABLE market_data (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    ticker_id uuid NOT NULL REFERENCES tickers(id),
    "timestamp" timestamptz NOT NULL,
    open numeric(12,2) NOT NULL,
    high numeric(12,2) NOT NULL,
    low numeric(12,2) NOT NULL,
    close numeric(12,2) NOT NULL,
    volume bigint,
    "interval" varchar(10) NOT NULL CHECK ("interval" IN ('1m', '5m', '15m', '30m', '1h', '4h', '1d', '1w', '1M')),
    source varchar(50) DEFAULT 'yfinance',
    metadata jsonb DEFAULT '{}',
    created_at timestamptz DEFAULT now(),
    UNIQUE (ticker_id, "timestamp", "interval")
);
CREATE INDEX idx_market_data_ticker_timestamp ON market_data (ticker_id, "timestamp" DESC);
CREATE INDEX idx_market_data_ticker_interval_timestamp ON market_data (ticker_id, "interval", "timestamp" DESC);
CREATE INDEX idx_market_data_timestamp ON market_data ("timestamp" DESC);

CREATE TABLE predictions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    ticker_id uuid NOT NULL,
    "timestamp" timestamptz NOT NULL,
    prediction varchar(20) NOT NULL CHECK (prediction IN ('BULLISH', 'BEARISH', 'NEUTRAL')),
    confidence numeric(5,2) NOT NULL CHECK (confidence >= 0 AND confidence <= 100),
    weighted_score numeric(5,4) CHECK (weighted_score >= 0 AND weighted_score <= 1),
    bullish_count integer,
    bearish_count integer,
    total_signals integer CHECK (total_signals > 0),
    actual_result varchar(20) CHECK (actual_result IN ('CORRECT', 'WRONG', 'PENDING')),
    actual_price_change numeric(12,2),
    verification_timestamp timestamptz,
    market_status varchar(20),
    volatility_level varchar(20),
    session varchar(50),
    metadata jsonb DEFAULT '{}',
    created_at timestamptz DEFAULT now(),
    updated_at timestamptz DEFAULT now()
);
CREATE INDEX idx_predictions_ticker_timestamp ON predictions (ticker_id, "timestamp" DESC);
CREATE INDEX idx_predictions_timestamp ON predictions ("timestamp" DESC);
CREATE INDEX idx_predictions_actual_result ON predictions (actual_result) WHERE actual_result IS NOT NULL;
CREATE INDEX idx_predictions_ticker_result ON predictions (ticker_id, actual_result) WHERE actual_result IN ('CORRECT', 'WRONG');

CREATE TABLE block_predictions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    ticker_id uuid NOT NULL,
    hour_start_timestamp timestamptz NOT NULL,
    prediction_timestamp timestamptz NOT NULL,
    prediction varchar(20) NOT NULL CHECK (prediction IN ('UP', 'DOWN', 'NEUTRAL')),
    confidence numeric(5,2) NOT NULL CHECK (confidence >= 0 AND confidence <= 100),
    prediction_strength varchar(20) CHECK (prediction_strength IN ('weak', 'moderate', 'strong')),
    reference_price numeric(12,4),
    early_bias varchar(20),
    early_bias_strength numeric(10,4),
    has_sustained_counter boolean DEFAULT false,
    counter_direction varchar(20),
    block_data jsonb,
    reference_levels jsonb,
    deviation_at_5_7 numeric(10,4),
    volatility numeric(10,4),
    blocks_6_7_close numeric(12,4),
    actual_result varchar(20) CHECK (actual_result IN ('CORRECT', 'WRONG', 'PENDING')),
    verified_at timestamptz,
    metadata jsonb DEFAULT '{}',
    created_at timestamptz DEFAULT now(),
    UNIQUE (ticker_id, hour_start_timestamp)
);
