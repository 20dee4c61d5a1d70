import Foundation
import Testing
import TestSupport

/// CLI.md's "Inputs every data command shares", through the `chunkwise` executable: `--table` and
/// `--schema` resolve alike in simulate, compare, size, query and plan, one default chunk interval,
/// `--version`, and one error style (`Error: …`, exit 1).
@Suite(.serialized) struct CommandLineContractTests {
    static var binary: URL? { ChunkwiseExecutable.url }

    static func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let url: URL = try #require(Self.binary, "the chunkwise executable is built beside the tests (swift build --build-tests)")
        return try ChunkwiseExecutable.run(url, arguments)
    }

    static func json(_ arguments: [String]) throws -> [String: Any] {
        let r = try run(arguments)
        #expect(r.status == 0, "chunkwise \(arguments.joined(separator: " ")): \(r.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        return try #require(object, "\(r.stdout)")
    }

    static let ticker = "00000000-0000-4000-8000-0000000000aa"

    /// Ten days of hourly bars from Monday 2024-01-01: two 7-day chunks (TimescaleDB aligns them to
    /// Thursdays), ten 1-day chunks.
    static func dataFile() throws -> String {
        var csv = "id,ticker_id,timestamp,open,high,low,close,volume,interval\n"
        for h in 0..<240 {
            let id = String(format: "00000000-0000-4000-8000-%012d", h + 1)
            let time = Date(timeIntervalSince1970: 1_704_067_200 + Double(h) * 3600)
            let f = DateFormatter()
            f.dateFormat = "yyyy-MM-dd HH:mm:ss"
            f.timeZone = TimeZone(identifier: "UTC")
            csv += "\(id),\(ticker),\(f.string(from: time))+00,1.25,1.5,1,1.2575,\(h),1h\n"
        }
        return try file("md.csv", csv)
    }

    /// A team's own market_data: numeric(14,4) prices, a key with the time column, 1-day chunks.
    static let schemaSQL = """
        CREATE EXTENSION IF NOT EXISTS timescaledb;
        CREATE TABLE market_data (
            id uuid NOT NULL DEFAULT gen_random_uuid(),
            ticker_id uuid NOT NULL,
            "timestamp" timestamptz NOT NULL,
            open numeric(14,4) NOT NULL, high numeric(14,4) NOT NULL, low numeric(14,4) NOT NULL, close numeric(14,4) NOT NULL,
            volume bigint,
            "interval" varchar(10) NOT NULL,
            PRIMARY KEY (ticker_id, "timestamp", "interval")
        );
        SELECT create_hypertable('market_data', 'timestamp', chunk_time_interval => INTERVAL '1 day');

        """

    static func file(_ name: String, _ text: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chunkwise-cli-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    static let setting = "segmentby=ticker_id,interval;orderby=timestamp DESC"

    /// An epoch-integer time column is named with its type, not reported missing (it was `the data
    /// has no column "t"` for a column the export and the table both have).
    @Test func profileNamesAnIntegerTimeColumnItDoesNotRead() throws {
        let schema = try Self.file("int-time.sql", """
            CREATE TABLE it (t bigint NOT NULL, symbol text NOT NULL, close numeric(12,2), volume bigint);
            SELECT create_hypertable('it', 't', chunk_time_interval => 86400);
            """)
        let data = try Self.file("int-time.csv", "t,symbol,close,volume\n1700000000,A,1.50,10\n1700000060,A,1.55,12\n")
        let r = try Self.run(["profile", "--schema", schema, "--table", "it", "--data", data])
        #expect(r.status == 1)
        #expect(r.stderr.contains("the time column \"t\" is of type bigint; a market_data profile reads a timestamptz, timestamp or date"),
                "\(r.stderr)")
    }

    @Test func everyDataCommandDefaultsToTimescaleDBsSevenDayChunks() throws {
        let data = try Self.dataFile()
        let simulated = try Self.json(["simulate", "--table", "market_data", "--data", data, "--json"])
        let compared = try Self.json(["compare", "--table", "market_data", "--data", data, "--setting", Self.setting, "--timescaledb", "none", "--json"])
        #expect((simulated["hypertable"] as? [String: Any])?["chunk_interval_us"] as? Int == 604_800_000_000)
        #expect(compared["chunk_interval_us"] as? Int == 604_800_000_000)
        #expect((simulated["hypertable"] as? [String: Any])?["chunks"] as? Int == 2)
        #expect(((compared["settings"] as? [[String: Any]])?.first)?["chunks"] as? Int == 2)
    }

    @Test func theMigrationsChunkIntervalAppliesInEveryCommand() throws {
        let data = try Self.dataFile(), schema = try Self.file("schema.sql", Self.schemaSQL)
        let simulated = try Self.json(["simulate", "--table", "market_data", "--schema", schema, "--data", data, "--json"])
        let compared = try Self.json(["compare", "--table", "market_data", "--schema", schema, "--data", data, "--setting", Self.setting,
                                      "--timescaledb", "none", "--json"])
        #expect((simulated["hypertable"] as? [String: Any])?["chunks"] as? Int == 10)
        #expect(((compared["settings"] as? [[String: Any]])?.first)?["chunks"] as? Int == 10)
    }

    @Test func theMigrationsHashDimensionSplitsSimulatesChunksAndIsNamedWhereItIsNotModelled() throws {
        // Two tickers over ten days of 1-day chunks: with 4 hash partitions on ticker_id, each day
        // holds one chunk per partition its tickers hash to (as many as the flags give).
        var csv = "id,ticker_id,timestamp,open,high,low,close,volume,interval\n"
        for (k, ticker) in [Self.ticker, "00000000-0000-4000-8000-0000000000bb"].enumerated() {
            for h in 0..<240 {
                let id = String(format: "00000000-0000-4000-8000-%012d", k * 1000 + h + 1)
                let day = 1 + h / 24, hour = h % 24
                csv += "\(id),\(ticker),2024-01-\(String(format: "%02d", day)) \(String(format: "%02d", hour)):00:00+00,1.25,1.5,1,1.25,\(h),1h\n"
            }
        }
        let data = try Self.file("two.csv", csv)
        let schema = try Self.file("space.sql", Self.schemaSQL + "SELECT add_dimension('market_data', by_hash('ticker_id', 4));\n")
        let fromMigration = try Self.json(["simulate", "--table", "market_data", "--schema", schema, "--data", data, "--json"])
        let fromFlags = try Self.json(["simulate", "--table", "market_data", "--data", data, "--chunk-interval", "1 day",
                                       "--partitions", "4", "--partition-column", "ticker_id", "--json"])
        let chunks = (fromMigration["hypertable"] as? [String: Any])?["chunks"] as? Int
        #expect(chunks == (fromFlags["hypertable"] as? [String: Any])?["chunks"] as? Int)
        #expect((chunks ?? 0) >= 10)
        // compare models the time dimension only, and says so with the migration's line.
        let compared = try Self.run(["compare", "--table", "market_data", "--schema", schema, "--data", data, "--setting", Self.setting,
                                     "--timescaledb", "none", "--json"])
        #expect(compared.status == 0)
        #expect(compared.stderr.contains("space.sql:12: the hypertable \"market_data\" is also partitioned by \"ticker_id\" (4 hash partitions)"))
        // check refuses a key without the space column.
        let bad = try Self.file("bad.sql", Self.schemaSQL.replacingOccurrences(of: "PRIMARY KEY (ticker_id, \"timestamp\", \"interval\")",
                                                                               with: "PRIMARY KEY (id, \"timestamp\")")
                                    .replacingOccurrences(of: "chunk_time_interval => INTERVAL '1 day'",
                                                          with: "partitioning_column => 'ticker_id', number_partitions => 4"))
        let checked = try Self.run(["check", bad])
        #expect(checked.status == 1)
        #expect(checked.stdout.contains("cannot create a unique index without the column \"ticker_id\" (used in partitioning)"))
    }

    @Test func theMigrationsPolicyScheduleDrivesSimulatesJobs() throws {
        let data = try Self.dataFile()
        func runs(_ schedule: String) throws -> Int? {
            let schema = try Self.file("sched.sql", Self.schemaSQL
                + "ALTER TABLE market_data SET (timescaledb.compress, timescaledb.compress_segmentby = 'ticker_id');\n"
                + "SELECT add_compression_policy('market_data', INTERVAL '2 days'\(schedule));\n")
            let doc = try Self.json(["simulate", "--table", "market_data", "--schema", schema, "--data", data, "--json"])
            return ((doc["jobs"] as? [[String: Any]])?.first { $0["kind"] as? String == "compression" })?["runs"] as? Int
        }
        // Ten days of hourly bars: the default schedule for 1-day chunks is 12 hours; every hour runs 12 times as often.
        let byDefault = try #require(try runs(""))
        let hourly = try #require(try runs(", schedule_interval => INTERVAL '1 hour'"))
        #expect(hourly > 10 * byDefault)
    }

    @Test func anIntegerTimeHypertablesPoliciesRunOnItsOwnAxis() throws {
        // Epoch milliseconds in a BIGINT, 1-day chunks of them, as a team's tick table writes it
        // (chunk_time_interval => 86400000, set_integer_now_func, integer lags).
        var csv = "ts,symbol,price\n"
        let start: Int64 = 1_735_689_600_000                       // 2025-01-01 00:00 UTC
        for minute in 0..<(20 * 1440) where minute % 10 == 0 {
            csv += "\(start + Int64(minute) * 60_000),BTC,\(100 + minute % 7).5\n"
        }
        let data = try Self.file("ticks.csv", csv)
        let sql = """
            CREATE TABLE ticks (ts BIGINT NOT NULL, symbol TEXT NOT NULL, price NUMERIC(18,8) NOT NULL, PRIMARY KEY (symbol, ts));
            SELECT create_hypertable('ticks', 'ts', chunk_time_interval => 86400000);
            CREATE FUNCTION unix_ms_now() RETURNS BIGINT LANGUAGE SQL STABLE AS $$ SELECT (extract(epoch from now()) * 1000)::bigint $$;
            SELECT set_integer_now_func('ticks', 'unix_ms_now');
            ALTER TABLE ticks SET (timescaledb.compress, timescaledb.compress_segmentby = 'symbol');
            SELECT add_compression_policy('ticks', BIGINT '604800000');
            SELECT add_retention_policy('ticks', 1209600000);

            """
        let schema = try Self.file("ticks.sql", sql)
        let checked = try Self.run(["check", schema])
        #expect(checked.status == 0, "\(checked.stdout)")
        let r = try Self.run(["simulate", "--table", "ticks", "--schema", schema, "--data", data, "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.stderr.contains("set_integer_now_func"), "\(r.stderr)")
        #expect(r.stderr.contains("epoch milliseconds"), "\(r.stderr)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let hypertable = try #require(doc["hypertable"] as? [String: Any])
        #expect(hypertable["chunk_interval_us"] as? Int == 86_400_000)
        #expect(hypertable["integer_time"] as? Bool == true)
        // The clock ends at the last row (day 19, 23:50): retention drops the 5 days whose end is
        // 14 days before it, compression takes the 7 days after them (ends within 7 to 14 days back).
        #expect(doc["dropped_chunks"] as? Int == 5)
        #expect(hypertable["chunks"] as? Int == 15)
        #expect(hypertable["compressed_chunks"] as? Int == 7)
        // Daily runs of a day's milliseconds (TimescaleDB's schedule for integer hypertables), not one run.
        let jobs = try #require(doc["jobs"] as? [[String: Any]])
        #expect(jobs.allSatisfy { ($0["runs"] as? Int ?? 0) == 20 })
        // compare shows the chunk interval as the column's integer, not as 86.4 seconds.
        let compared = try Self.run(["compare", "--table", "ticks", "--schema", schema, "--data", data, "--setting", "segmentby=symbol",
                                     "--timescaledb", "none"])
        #expect(compared.status == 0, "\(compared.stderr)")
        #expect(compared.stdout.contains("20 chunks of 86400000 ·"), "\(compared.stdout)")
        // Without a unit the jobs run every half chunk of the column, and --now takes an integer.
        let counters = try Self.file("counters.csv", "ts,symbol,price\n" + (0..<400).map { "\($0 * 10),a,1\n" }.joined())
        let plain = try Self.file("counters.sql", """
            CREATE TABLE ticks (ts BIGINT NOT NULL, symbol TEXT NOT NULL, price NUMERIC(18,8) NOT NULL);
            SELECT create_hypertable('ticks', 'ts', chunk_time_interval => 1000);
            ALTER TABLE ticks SET (timescaledb.compress);
            SELECT add_compression_policy('ticks', 2000);

            """)
        let c = try Self.run(["simulate", "--table", "ticks", "--schema", plain, "--data", counters, "--now", "6000", "--json"])
        #expect(c.status == 0, "\(c.stderr)")
        #expect(c.stderr.contains("no epoch time"), "\(c.stderr)")
        let counted = try #require(try JSONSerialization.jsonObject(with: Data(c.stdout.utf8)) as? [String: Any])
        // Chunks [0,1000) … [3000,4000); at 6000 the cutoff is 4000: all four compressed.
        #expect((counted["hypertable"] as? [String: Any])?["compressed_chunks"] as? Int == 4)
        let timestamps = try Self.run(["simulate", "--table", "market_data", "--data", try Self.dataFile(), "--time-unit", "ms"])
        #expect(timestamps.status == 1)
        #expect(timestamps.stderr.contains("--time-unit applies to an integer time column; \"timestamp\" is timestamp with time zone"), "\(timestamps.stderr)")
        let bad = try Self.run(["simulate", "--table", "ticks", "--schema", plain, "--data", counters, "--now", "2025-01-01"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("unknown unit"), "\(bad.stderr)")
    }

    @Test func querySchemaAppliesTheTeamsTypes() throws {
        let data = try Self.dataFile(), schema = try Self.file("schema.sql", Self.schemaSQL)
        let builtIn = try Self.json(["query", "get_latest_price", "--data", data, "--ticker", Self.ticker, "--now", "2024-02-01", "--json"])
        let theirs = try Self.json(["query", "get_latest_price", "--data", data, "--ticker", Self.ticker, "--now", "2024-02-01",
                                    "--schema", schema, "--json"])
        // numeric(12,2) rounds 1.2575 to 1.26; the team's numeric(14,4) keeps it.
        #expect(((builtIn["rows"] as? [[Any]])?.first?[6]) as? String == "1.26")
        #expect(((theirs["rows"] as? [[Any]])?.first?[6]) as? String == "1.2575")
    }

    @Test func theNumeric14_4AliasWorksInEveryDataCommand() throws {
        let data = try Self.dataFile()
        let table = ["--table", "market_data_numeric14_4"]
        for arguments in [["simulate", "--data", data, "--json"] + table,
                          ["compare", "--data", data, "--setting", Self.setting, "--timescaledb", "none", "--json"] + table,
                          ["size", "--data", data, "--json"] + table,
                          ["query", "get_latest_price", "--data", data, "--ticker", Self.ticker, "--now", "2024-02-01", "--json"] + table,
                          ["plan", "--days", "2", "--tickers", "1", "--intervals", "1h", "--now", "2024-02-01", "--json"] + table] {
            let r = try Self.run(arguments)
            #expect(r.status == 0, "chunkwise \(arguments.joined(separator: " ")): \(r.stderr)")
        }
    }

    @Test func helpSaysTheDefaultChunkInterval() throws {
        for command in [["simulate"], ["compare"], ["query", "get_price_range"], ["query", "get_latest_price"]] {
            let r = try Self.run(command + ["--help"])
            let text = r.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(text.contains("else '7 days', TimescaleDB's default"), "\(command): \(r.stdout)")
        }
    }

    @Test func versionIsPrinted() throws {
        let r = try Self.run(["--version"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("chunkwise "))
    }

    @Test func everyCommandReportsErrorsInOneStyle() throws {
        let missing = "/nonexistent/chunkwise-missing.csv"
        for arguments in [["simulate", "--table", "market_data", "--data", missing],
                          ["compare", "--table", "market_data", "--data", missing, "--setting", Self.setting],
                          ["size", "--table", "market_data", "--data", missing],
                          ["query", "get_latest_price", "--data", missing, "--ticker", Self.ticker],
                          ["query", "get_prediction_accuracy", "--data", missing, "--ticker", Self.ticker],
                          ["profile", "--data", missing],
                          ["simulate", "--table", "no_such_table", "--data", missing],
                          ["query", "get_latest_price", "--data", missing, "--ticker", Self.ticker, "--schema", "/nonexistent/x.sql"]] {
            let r = try Self.run(arguments)
            #expect(r.status == 1, "\(arguments)")
            // Warnings (a dropped constraint) may come first; the refusal is one `Error: ` line.
            #expect(r.stderr.split(separator: "\n").contains { $0.hasPrefix("Error: ") }, "\(arguments): \(r.stderr)")
            #expect(!r.stderr.contains("ERROR:  "), "\(arguments): \(r.stderr)")
            #expect(r.stdout.isEmpty)
        }
    }

    @Test func sizeNamesTheTOASTRelationOnlyWithTheTablesOID() throws {
        let data = try Self.dataFile()
        func toast(_ extra: [String]) throws -> String? {
            let o = try Self.json(["size", "--table", "market_data", "--data", data, "--json"] + extra)
            return (o["relations"] as? [[String: Any]])?.first { $0["kind"] as? String == "toast" }?["name"] as? String
        }
        #expect(try toast([]) == "pg_toast.pg_toast_<oid>")
        #expect(try toast(["--table-oid", "16402"]) == "pg_toast.pg_toast_16402")
        let text = try Self.run(["size", "--table", "market_data", "--data", data])
        #expect(text.stdout.contains("cannot be predicted offline"))
    }

    /// `plan` printed `pg_toast_market_data` where `size` prints `pg_toast.pg_toast_<oid>`: one
    /// relation, one spelling (the server's, its OID unknown offline).
    @Test func planAndSizeNameTheTOASTRelationAlike() throws {
        let data = try Self.dataFile()
        let size = try Self.json(["size", "--table", "market_data", "--data", data, "--json"])
        let plan = try Self.json(["plan", "--days", "2", "--tickers", "1", "--intervals", "1h", "--now", "2024-02-01", "--json"])
        func toast(_ relations: Any?) -> [String] {
            ((relations as? [[String: Any]]) ?? []).filter { $0["kind"] as? String == "toast" }.compactMap { $0["name"] as? String }
        }
        let sizes = plan["sizes"] as? [String: Any]
        let planned = toast((sizes?["plain"] as? [String: Any])?["relations"]) + toast((sizes?["plain_009"] as? [String: Any])?["relations"])
        #expect(toast(size["relations"]) == ["pg_toast.pg_toast_<oid>"])
        #expect(!planned.isEmpty && planned.allSatisfy { $0 == "pg_toast.pg_toast_<oid>" }, "\(planned)")
    }

    /// A penny stock's export in the built-in numeric(12,2) market_data: every price stored as
    /// 0.00. `profile` (JSON `warnings`) and `plan` (JSON `warnings` and the table) say so, naming
    /// the column, the scale and `--schema`; the schema stays the built-in one.
    @Test func pennyPricesRoundedToZeroAreWarnedInProfileAndPlan() throws {
        var csv = "ticker_id,timestamp,open,high,low,close,volume,interval\n"
        for m in 0..<600 {
            let time = Date(timeIntervalSince1970: 1_704_205_800 + Double(m) * 60)
            let f = DateFormatter()
            f.dateFormat = "yyyy-MM-dd HH:mm:ss"
            f.timeZone = TimeZone(identifier: "UTC")
            let p = "0.00\(12 + m % 7)"
            csv += "\(Self.ticker),\(f.string(from: time))+00,\(p),\(p),\(p),\(p),\(100 + m),1m\n"
        }
        let data = try Self.file("penny.csv", csv)
        func mentionsRounding(_ w: String) -> Bool { w.contains("\"close\" stores 600 of the 600 non-zero prices") && w.contains("round to 0 at scale 2") && w.contains("--schema") }
        let profile = try Self.json(["profile", "--data", data, "--json"])
        #expect(((profile["warnings"] as? [String]) ?? []).contains(where: mentionsRounding), "\(profile["warnings"] ?? "none")")
        let arguments = ["plan", "--profile", data, "--days", "3", "--tickers", "1", "--intervals", "1m", "--start", "2024-03-04"]
        let plan = try Self.json(arguments + ["--json"])
        #expect(((plan["warnings"] as? [String]) ?? []).contains(where: mentionsRounding), "\(plan["warnings"] ?? "none")")
        #expect((plan["scenario"] as? [String: Any])?["table"] as? String == "market_data")
        let text = try Self.run(arguments)
        #expect(text.status == 0 && text.stdout.contains("round to 0 at scale 2"), "\(text.stdout)")
        // A pipe is not read twice (a FIFO's second open would wait): the stored 0s are reported.
        let url = try #require(Self.binary)
        let piped = try ChunkwiseExecutable.run(url, ["profile", "--data", "/dev/stdin", "--json"], stdin: csv)
        let pipedWarnings = (try JSONSerialization.jsonObject(with: Data(piped.stdout.utf8)) as? [String: Any])?["warnings"] as? [String] ?? []
        #expect(pipedWarnings.contains { $0.contains("\"close\" holds 0 in 600 of 600 rows (100 %)") && $0.contains("not a regular file") },
                "\(piped.stderr) \(pipedWarnings)")
    }

    @Test func queryTableIsPsqlAligned() throws {
        let data = try Self.dataFile()
        let r = try Self.run(["query", "get_latest_price", "--data", data, "--ticker", Self.ticker, "--now", "2024-02-01"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("|  1.26 |"))
        #expect(r.stdout.hasSuffix("(1 row)\n\n"))
    }
}
