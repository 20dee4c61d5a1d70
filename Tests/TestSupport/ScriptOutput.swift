extension PostgresCluster {
    /// Runs `script` through psql (stopping at its first error) in a database of its own on the
    /// shared throwaway cluster, drops the database, and returns what psql printed: the
    /// differential tests' one round trip to the server.
    public static func output(ofScript script: String, databasePrefix: String) throws -> String {
        let pg = try shared()
        let db = try pg.createDatabase(databasePrefix)
        defer { _ = try? pg.query("DROP DATABASE \(db)") }
        return try pg.psql(["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", db], input: script)
    }
}
