import Testing
@testable import PostgresModel

/// pg_dump's preamble and the settings that change what `check` reads.
@Suite struct SessionSettingTests {
    @Test func aDumpsPreambleIsReadWithoutWarnings() {
        let preamble = """
            SET statement_timeout = 0;
            SET lock_timeout = 0;
            SET idle_in_transaction_session_timeout = 0;
            SET client_encoding = 'UTF8';
            SET standard_conforming_strings = on;
            SELECT pg_catalog.set_config('search_path', '', false);
            SET check_function_bodies = false;
            SET xmloption = content;
            SET client_min_messages = warning;
            SET row_security = off;
            SET default_tablespace = '';
            SET default_table_access_method = heap;
            SET LOCAL statement_timeout TO '5min';
            RESET client_encoding;
            CREATE EXTENSION IF NOT EXISTS timescaledb WITH SCHEMA public;
            COMMENT ON EXTENSION timescaledb IS 'time-series';
            CREATE TABLE public.md (ts timestamp with time zone NOT NULL, v double precision);
            """
        let findings = MigrationCheck.run(files: [("structure.sql", preamble)]).findings
        #expect(findings.isEmpty, "\(findings)")
    }

    @Test func settingsThatChangeWhatIsReadAreStillReported() {
        let sql = """
            SET TimeZone TO 'Europe/Berlin';
            SET standard_conforming_strings = off;
            SET client_encoding = 'LATIN1';
            SET default_table_access_method = columnar;
            SET timescaledb.enable_chunk_skipping = on;
            SET datestyle = 'SQL, DMY';
            """
        let findings = MigrationCheck.run(files: [("m.sql", sql)]).findings
        #expect(findings.map(\.line) == [1, 2, 3, 4, 5, 6])
        #expect(findings.allSatisfy { $0.severity == .warning && $0.message == "statement not modelled: SET" })
    }

    @Test func theStatementIsReadAsPostgreSQLsGrammarHasIt() {
        #expect(SessionSetting("SET SESSION work_mem = '64MB'")?.name == "work_mem")
        #expect(SessionSetting("SET timescaledb.max_background_workers TO 8")?.name == "timescaledb.max_background_workers")
        #expect(SessionSetting("RESET standard_conforming_strings")?.changesNothingModelled == true)
        #expect(SessionSetting("SET client_encoding TO DEFAULT")?.changesNothingModelled == true)
        #expect(SessionSetting("SET client_encoding = 'utf-8'")?.changesNothingModelled == true)
        #expect(SessionSetting("SET standard_conforming_strings = 'off'")?.changesNothingModelled == false)
        // A list of values, or text the reader does not follow, is not judged inert.
        #expect(SessionSetting("SET search_path = a, b") == nil)
        #expect(SessionSetting("SET TIME ZONE 'UTC'") == nil)
    }
}
