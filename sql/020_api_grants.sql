-- The API roles' privileges, as the roadmap sets them for Supabase (PostgREST): the analytics
-- functions are executable by `anon` and `authenticated` only; reads are open to both; the ingest
-- path (inserts and upserts) needs `service_role`. Supabase creates the three roles; a plain
-- PostgreSQL needs `CREATE ROLE anon NOLOGIN; CREATE ROLE authenticated NOLOGIN;
-- CREATE ROLE service_role NOLOGIN;` before this file. `chunkwise serve --schema … --jwt-secret …`
-- checks each request's `role` claim against these statements.

REVOKE EXECUTE ON FUNCTION get_latest_price(uuid, varchar), get_price_range(uuid, varchar, timestamptz, timestamptz),
    get_prediction_accuracy(uuid, integer), get_block_prediction_accuracy(uuid, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION get_latest_price(uuid, varchar), get_price_range(uuid, varchar, timestamptz, timestamptz),
    get_prediction_accuracy(uuid, integer), get_block_prediction_accuracy(uuid, integer) TO anon, authenticated;

GRANT SELECT ON TABLE tickers, market_data, predictions, block_predictions TO anon, authenticated, service_role;
GRANT INSERT, UPDATE ON TABLE market_data, predictions, block_predictions TO service_role;
