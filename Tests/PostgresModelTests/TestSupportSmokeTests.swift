import Testing
import TestSupport

@Suite struct TestSupportSmokeTests {
    @Test func throwawayClusterAnswers() throws {
        guard PostgresCluster.isInstalled || PostgresCluster.mustRun else {
            print("skipped: PostgreSQL 15 is not installed (apt-get install postgresql-15)")
            return
        }
        let pg = try PostgresCluster.shared()
        #expect(try pg.query("SELECT 1 + 1") == "2")
        #expect(try pg.query("SHOW server_version_num").hasPrefix("15"))
    }
}
