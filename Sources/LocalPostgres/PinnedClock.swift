/// Pins PostgreSQL's `now()` for a session, so a server answers for a chosen instant.
///
/// `now()` is the transaction start and cannot be set. `schema` creates `chunkwise_clock.now()`,
/// which returns the `chunkwise.now` setting; `session(now:)` puts that schema *before*
/// `pg_catalog` on the search path. SQL-language function bodies are parsed at call time with the
/// caller's search path, so a migration's own `NOW()` reads the pinned clock with no rewrite.
public enum PinnedClock {
    /// Run once per database.
    public static let schema = """
        CREATE SCHEMA chunkwise_clock;
        CREATE FUNCTION chunkwise_clock.now() RETURNS timestamptz LANGUAGE sql STABLE
            AS $$ SELECT current_setting('chunkwise.now')::timestamptz $$;

        """

    /// Statements that start a session whose `now()` is `now` (timestamptz text).
    public static func session(now: String) -> String {
        "SET search_path = chunkwise_clock, pg_catalog, public;\nSET chunkwise.now = '\(now)';\n"
    }
}
