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
