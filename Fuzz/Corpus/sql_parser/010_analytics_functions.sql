-- Migration 010: the NQP analytics functions (REFERENCE.md §3).
--
-- All four are STABLE SQL functions: NOW() is the transaction time, and the `- N days` step is a
-- calendar-day step in the session TimeZone. Chunkwise's Analytics module reproduces their results
-- in-process; Tests/AnalyticsTests apply this very file to PostgreSQL 15 and compare.

CREATE OR REPLACE FUNCTION get_latest_price(p_ticker_id uuid, p_interval varchar DEFAULT '1h')
RETURNS TABLE (
    id uuid, ticker_id uuid, "timestamp" timestamptz,
    open numeric, high numeric, low numeric, close numeric,
    volume bigint, "interval" varchar
)
LANGUAGE sql STABLE AS $$
    SELECT md.id, md.ticker_id, md."timestamp", md.open, md.high, md.low, md.close, md.volume, md."interval"
    FROM market_data md
    WHERE md.ticker_id = p_ticker_id AND md."interval" = p_interval
    ORDER BY md."timestamp" DESC
    LIMIT 1;
$$;

CREATE OR REPLACE FUNCTION get_price_range(p_ticker_id uuid, p_interval varchar, p_start timestamptz, p_end timestamptz)
RETURNS TABLE (
    "timestamp" timestamptz, open numeric, high numeric, low numeric, close numeric, volume bigint
)
LANGUAGE sql STABLE AS $$
    SELECT md."timestamp", md.open, md.high, md.low, md.close, md.volume
    FROM market_data md
    WHERE md.ticker_id = p_ticker_id
      AND md."interval" = p_interval
      AND md."timestamp" BETWEEN p_start AND p_end
    ORDER BY md."timestamp" ASC;
$$;

CREATE OR REPLACE FUNCTION get_prediction_accuracy(p_ticker_id uuid, p_days integer DEFAULT 30)
RETURNS TABLE (
    total_predictions bigint, correct_predictions bigint, wrong_predictions bigint, pending_predictions bigint,
    accuracy_percentage numeric, avg_confidence numeric, avg_weighted_score numeric
)
LANGUAGE sql STABLE AS $$
    SELECT
        COUNT(*),
        SUM(CASE WHEN p.actual_result = 'CORRECT' THEN 1 ELSE 0 END),
        SUM(CASE WHEN p.actual_result = 'WRONG' THEN 1 ELSE 0 END),
        SUM(CASE WHEN p.actual_result IS NULL OR p.actual_result = 'PENDING' THEN 1 ELSE 0 END),
        ROUND(100.0 * SUM(CASE WHEN p.actual_result = 'CORRECT' THEN 1 ELSE 0 END)
              / NULLIF(SUM(CASE WHEN p.actual_result = 'CORRECT' THEN 1 ELSE 0 END)
                       + SUM(CASE WHEN p.actual_result = 'WRONG' THEN 1 ELSE 0 END), 0), 2),
        ROUND(AVG(p.confidence), 2),
        ROUND(AVG(p.weighted_score), 4)
    FROM predictions p
    WHERE p.ticker_id = p_ticker_id
      AND p.created_at >= NOW() - (p_days || ' days')::interval;
$$;

-- Note: 'PENDING' is not NULL, so pending rows count as verified here (unlike
-- get_prediction_accuracy, which counts them as pending). Kept as specified.
CREATE OR REPLACE FUNCTION get_block_prediction_accuracy(p_ticker_id uuid, p_days integer DEFAULT 30)
RETURNS TABLE (
    total_predictions bigint, verified_predictions bigint, correct_predictions bigint,
    accuracy_percentage numeric, avg_confidence numeric
)
LANGUAGE sql STABLE AS $$
    SELECT
        COUNT(*),
        COUNT(*) FILTER (WHERE b.actual_result IS NOT NULL),
        COUNT(*) FILTER (WHERE b.actual_result = 'CORRECT'),
        ROUND(100.0 * COUNT(*) FILTER (WHERE b.actual_result = 'CORRECT')
              / NULLIF(COUNT(*) FILTER (WHERE b.actual_result IS NOT NULL), 0), 2),
        ROUND(AVG(b.confidence), 2)
    FROM block_predictions b
    WHERE b.ticker_id = p_ticker_id
      AND b.created_at >= NOW() - (p_days || ' days')::interval;
$$;
