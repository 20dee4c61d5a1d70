import Testing
@testable import PostgresModel
import Schema

/// `check` follows psql's session: an error aborts a transaction block, COMMIT then rolls it back,
/// ROLLBACK and ROLLBACK TO SAVEPOINT undo, and a file ending inside a block keeps nothing of it.
@Suite struct TransactionBlockTests {
    func run(_ sql: String) -> (findings: [CheckFinding], catalog: SchemaCatalog) {
        MigrationCheck.run(files: [("m.sql", sql)])
    }

    @Test func anErrorAbortsTheBlockAndCommitRollsItBack() {
        let r = run("""
            CREATE TABLE a (id int);
            BEGIN;
            CREATE TABLE b (id int);
            CREATE TABLE a (x int);
            CREATE TABLE c (id int);
            COMMIT;
            CREATE TABLE b (id int);
            """)
        #expect(r.findings.map(\.message) == [
            "relation \"a\" already exists",
            "current transaction is aborted, commands ignored until end of transaction block",
            "COMMIT rolled back the transaction block: the error at line 4 aborted it, so nothing since its BEGIN is kept (psql prints ROLLBACK)",
        ])
        #expect(r.findings[1].sqlState == "25P02" && r.findings[2].severity == .warning)
        #expect(r.catalog.tables["b"] != nil && r.catalog.tables["c"] == nil)
    }

    @Test func rollbackAndSavepointsUndo() {
        let r = run("""
            BEGIN; CREATE TABLE d (id int); ROLLBACK;
            CREATE TABLE d (id int);
            START TRANSACTION; CREATE TABLE e (id int); SAVEPOINT s1; CREATE TABLE f (id int); CREATE TABLE f (id int);
            ROLLBACK TO SAVEPOINT s1; CREATE TABLE f (x int); END;
            """)
        #expect(r.findings.map(\.message) == ["relation \"f\" already exists"])
        #expect(r.catalog.tables["e"] != nil && r.catalog.tables["f"]?.columns.map(\.name) == ["x"])
    }

    @Test func aFileEndingInsideABlockKeepsNothingOfIt() {
        let r = run("CREATE TABLE a (id int);\nBEGIN;\nCREATE TABLE g (id int);\n\n")
        #expect(r.findings.count == 1 && r.findings[0].message.hasPrefix("the file ends inside a transaction block"))
        #expect(r.findings.first?.line == 3)
        #expect(r.catalog.tables["g"] == nil && r.catalog.tables["a"] != nil)
        // Each file is its own session: a block does not carry into the next file.
        let two = MigrationCheck.run(files: [("1.sql", "BEGIN; CREATE TABLE h (id int);"), ("2.sql", "CREATE TABLE h (id int);")])
        #expect(two.findings.filter { $0.severity == .error }.isEmpty)
    }

    @Test func controlStatementsAreRecognised() {
        #expect(TransactionBlock.Control("begin transaction isolation level serializable") == .begin)
        #expect(TransactionBlock.Control("ROLLBACK WORK TO SAVEPOINT \"Sp\"") == .rollbackTo("Sp"))
        #expect(TransactionBlock.Control("rollback prepared 'x'") == nil)
        #expect(TransactionBlock.Control("RELEASE SAVEPOINT s") == .release("s"))
        #expect(TransactionBlock.Control("END") == .commit)
        #expect(TransactionBlock.Control("ENDX") == nil)
    }
}
