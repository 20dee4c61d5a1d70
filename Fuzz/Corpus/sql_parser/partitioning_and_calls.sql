CREATE TABLE p (id bigint, ts timestamptz NOT NULL, k text, PRIMARY KEY (id, ts)) PARTITION BY RANGE ((ts::date), k COLLATE "C" text_ops);
CREATE TABLE p1 PARTITION OF p FOR VALUES FROM ('2026-01-01') TO ('2026-02-01');
CREATE UNIQUE INDEX ON p (id);
SELECT public.foo(1, 'a', now(), x => 2.5);
CALL pg_catalog.bar();
CREATE TRIGGER t BEFORE INSERT ON p FOR EACH ROW EXECUTE FUNCTION _timescaledb_functions.insert_blocker();
SELECT add_job('p', '1h'); SELECT hypertable_size('p');
