CREATE TABLE bars (ts timestamptz NOT NULL, ticker_id int NOT NULL, px numeric(12,2), id uuid DEFAULT gen_random_uuid(),
  PRIMARY KEY (id, ts)) WITH (tsdb.hypertable, tsdb.partition_column = 'ts', tsdb.chunk_interval = '1 day', tsdb.segmentby = 'ticker_id');
BEGIN;
SELECT add_dimension('bars', by_hash('ticker_id', 4));
ALTER TABLE bars RENAME COLUMN px TO price;
SAVEPOINT s1;
ALTER TABLE bars SET (timescaledb.compress, timescaledb.compress_orderby = 'price DESC NULLS LAST');
ROLLBACK TO SAVEPOINT s1;
COMMIT;
SELECT add_compression_policy('bars', compress_created_before => INTERVAL '7 days', schedule_interval => '1 hour');
SELECT add_retention_policy('bars', drop_after => INTERVAL '1 year', if_not_exists => true);
CREATE TABLE legacy (t timestamptz NOT NULL, dev text, v float8);
SELECT create_hypertable('legacy', 't', 'dev', 4, chunk_time_interval => INTERVAL '12 hours', create_default_indexes => false);
ALTER INDEX IF EXISTS legacy_t_idx RENAME TO legacy_time;
SELECT remove_retention_policy('bars');
CREATE MATERIALIZED VIEW IF NOT EXISTS public."Daily" (d, s, o, n) WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
  SELECT time_bucket(INTERVAL '1 day', t.ts) AS d, t.symbol, first(t.open, t.ts), count(*) FROM public.md t WHERE t.interval IN ('1m', '5m') GROUP BY 1, 2 WITH NO DATA;
ALTER MATERIALIZED VIEW "Daily" SET (timescaledb.enable_columnstore = true, timescaledb.segmentby = 's');
CALL add_columnstore_policy('"Daily"', after => INTERVAL '7 days');
SELECT remove_retention_policy('"Daily"', if_exists => true);
