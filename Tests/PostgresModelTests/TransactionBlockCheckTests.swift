import Testing
@testable import PostgresModel

/// `check` follows psql's transaction blocks far enough to refuse what PostgreSQL refuses inside
/// one: `CREATE INDEX CONCURRENTLY` (25001), the common mistake of migration tools that wrap each
/// file in BEGIN … COMMIT.
@Suite struct TransactionBlockCheckTests {
    @Test func concurrentIndexInsideABlockIsRefused() {
        let sql = """
            CREATE TABLE plain1 (id int);
            BEGIN;
            CREATE INDEX CONCURRENTLY plain1_a ON plain1 (id);
            COMMIT;
            CREATE INDEX CONCURRENTLY plain1_b ON plain1 (id);
            START TRANSACTION;
            SAVEPOINT s;
            ROLLBACK TO SAVEPOINT s;
            CREATE INDEX CONCURRENTLY plain1_c ON plain1 (id);
            ROLLBACK;
            CREATE INDEX CONCURRENTLY plain1_d ON plain1 (id);
            """
        let (findings, catalog) = MigrationCheck.run(files: [("tx.sql", sql)])
        let refused = findings.filter { $0.sqlState == "25001" }
        #expect(refused.map(\.line) == [3, 9])
        #expect(refused.allSatisfy { $0.message == "CREATE INDEX CONCURRENTLY cannot run inside a transaction block" })
        // Outside a block the index is built.
        let names = Set(catalog.tables["plain1"]?.indexes.compactMap(\.name) ?? [])
        #expect(names.contains("plain1_b") && names.contains("plain1_d") && !names.contains("plain1_a"))
    }

    @Test func eachFileIsASessionOfItsOwn() {
        let (findings, _) = MigrationCheck.run(files: [("a.sql", "CREATE TABLE t (id int);\nBEGIN;\n"),
                                                       ("b.sql", "CREATE INDEX CONCURRENTLY t_id ON t (id);\n")])
        #expect(!findings.contains { $0.sqlState == "25001" })
    }
}
