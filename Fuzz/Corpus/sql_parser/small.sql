CREATE TABLE t (a int CHECK ((((a > 0)))), b numeric(14,4) DEFAULT 0, PRIMARY KEY (a));
ALTER TABLE t ADD COLUMN c jsonb;
CREATE INDEX ON t USING brin (a) WITH (pages_per_range = 16);
SELECT create_hypertable('t', 'a');
