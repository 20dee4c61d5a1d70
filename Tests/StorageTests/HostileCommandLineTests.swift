import Foundation
import Testing
import TestSupport

/// The hostile-input catalogue through the `chunkwise` executable, as a user meets it: exit 1, the
/// message naming file:line:column or the flag, nothing on stdout.
@Suite(.serialized) struct HostileCommandLineTests {
    static var binary: URL? { ChunkwiseExecutable.url }

    static func run(_ arguments: [String], stdin: String? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        let url: URL = try #require(Self.binary, "the chunkwise executable is built beside the tests")
        return try ChunkwiseExecutable.run(url, arguments, stdin: stdin)
    }

    static let header = "id,ticker_id,timestamp,open,high,low,close,volume,interval\n"
    static func row(_ n: Int, time: String) -> String {
        "00000000-0000-4000-8000-\(String(repeating: "0", count: 12 - String(n).count))\(n),00000000-0000-4000-8000-0000000000aa,\(time),1.25,1.5,1,1.25,10,1m\n"
    }
    static let goodData = header + row(1, time: "2024-01-01 00:00:00+00") + row(2, time: "2024-01-01 00:01:00+00")

    static func file(_ name: String, _ text: String) throws -> String {
        let path = FileManagerPaths.temporary(name)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static let simulate = ["simulate", "--table", "market_data"]

    /// (arguments with `DATA` standing for a good data file, what stderr must contain)
    static let refusals: [(arguments: [String], message: String)] = [
        (simulate + ["--data", "DATA", "--now", "294270-01-01 00:00:00+00"], "--now: timestamp out of range: \"294270-01-01 00:00:00+00\""),
        (simulate + ["--data", "DATA", "--now", "2023-01-01"], "--now 2023-01-01 00:00:00+00 is before the last row's time 2024-01-01 00:01:00+00"),
        (simulate + ["--data", "DATA", "--now", "infinity"], "--now must be a finite time"),
        (simulate + ["--data", "DATA", "--chunk-interval", "0 days"], "--chunk-interval must be positive"),
        (simulate + ["--data", "DATA", "--chunk-interval=-1 day"], "--chunk-interval must be positive"),
        (simulate + ["--data", "DATA", "--chunk-interval", "fortnight"], "--chunk-interval: invalid input syntax for type interval"),
        // Negative numbers reach the flag's own check, not ArgumentParser's "missing value".
        (simulate + ["--data", "DATA", "--batch-size", "-1"], "--batch-size must be between 1 and 32767"),
        (simulate + ["--data", "DATA", "--partitions", "-2", "--partition-column", "ticker_id"], "--partitions must be between 1 and 32767"),
        (simulate + ["--data", "DATA", "--now", "-3"], "--now: invalid input syntax for type timestamp with time zone: \"-3\""),
        (["generate", "--tickers", "-1"], "--tickers must be at least 1"),
        (["generate", "--days", "-1"], "--days must be at least 1"),
        (["generate", "--days", "9223372036854775807"], "--days: 9223372036854775807 days from 2024-01-01 00:00:00+00 end after 294247-01-02"),
        (["generate", "--start", "infinity"], "--start must be a finite time"),
        (["generate", "--tickers", "1000", "--days", "3650", "--intervals", "1d"], "is 5256000000 ticker-minutes to walk, over the 2000000000"),
        (["generate", "--tickers", "10", "--days", "36500", "--intervals", "1m"], "may give up to 525600020 rows, over the 50000000"),
        (["generate", "--table", "predictions", "--tickers", "1000", "--days", "36500"], "may give up to 3504001000 predictions"),
        (["serve", "--port", "-1"], "--port must be 0…65535"),
        (simulate + ["--data", "/"], "\"/\" is a directory"),
        (simulate + ["--data", "/dev/zero"], "/dev/zero:1: invalid byte sequence for encoding \"UTF8\": 0x00"),
        (["check", "--timescaledb", "9.9", "DATA"], "--timescaledb must be a 2.x version"),
        (["check", "/"], "could not read file \"/\": it is a directory or not a regular file"),
        (["plan", "--now", "-infinity"], "--now: timestamp out of range for a plan"),
        (["plan", "--start", "infinity"], "--start: timestamp out of range for a plan"),
        (["plan", "--days", "-5"], "--days: must be between 1 and 36500, got -5"),
        (["plan", "--retain", "-2147483648 days"], "--retain: interval must be positive"),
        (["plan", "--compress-after", "-1 day"], "--compress-after: interval must be positive"),
        (["plan", "--chunk-interval", "2147483647 days"], "--chunk-interval: interval out of range"),
        (["plan", "--chunk-interval", "5"], "--chunk-interval: chunk interval 5 is 5 µs (a bare integer counts microseconds"),
        (["plan", "--format", "table", "--json"], "--json and --format table ask for different outputs"),
        (["plan", "--years", "2", "--days", "3"], "--days and --years both give the span; give one"),
        (["plan", "--start", "2024-01-01", "--end", "2024-02-01", "--days", "3"], "--days: --start and --end already fix the span; drop --days"),
        (["plan", "--shared-buffers", "64GB", "--memory", "16GB"], "--shared-buffers: 64 GiB is more than --memory 16 GiB"),
        (["plan", "--memory", "16"], "--memory: size \"16\" has no unit"),
        (["plan", "--timezone", "z"], "time zone \"z\" not recognized"),
        (["plan", "--segmentby", "timestamp"], "--segmentby: cannot use column \"timestamp\" for both ordering and segmenting (orderby is \"timestamp DESC\")"),
        (["plan", "--compress-after", "290 years"], "--compress-after: interval out of range for a plan: \"290 years\" (at most 200 years"),
        (["plan", "--intervals", "1M", "--now", "2026-01-31", "--days", "20"], "no 1M bar starts between 2026-01-11 22:00:00+00 and 2026-01-31"),
        (["plan", "--explain", "Q9"], "--explain takes Q1, Q2, Q3, Q4 or Q5, got \"Q9\""),
        (["plan", "--explain", "Q1", "--config", "C7"], "--config takes C1, C2, C3 or C4, got \"C7\""),
        (["plan", "--intervals", "2h"], "--intervals: interval \"2h\" is not supported (supported: 1m, 5m, 15m, 30m, 1h, 4h, 1d, 1w, 1M)"),
    ]

    @Test(arguments: refusals.indices)
    func refusalsExitOneAndSayWhere(_ i: Int) throws {
        let data = try Self.file("cli-good.csv", Self.goodData)
        let arguments = Self.refusals[i].arguments.map { $0 == "DATA" ? data : $0 }
        let result = try Self.run(arguments)
        #expect(result.status == 1, "\(arguments): \(result.stderr)")
        #expect(result.stderr.contains(Self.refusals[i].message), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func aTimePastTheRangeInADataFileNamesItsLineAndField() throws {
        let data = try Self.file("cli-late.csv", Self.header + Self.row(1, time: "294270-01-01 00:00:00+00"))
        let result = try Self.run(Self.simulate + ["--data", data])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(data):2:3: column \"timestamp\": timestamp out of range: \"294270-01-01 00:00:00+00\""))
    }

    /// A row before 1970 in a chunk reaching past the timestamp range: the chunk is open-ended
    /// (`-infinity`), as TimescaleDB cuts it, and nothing traps.
    @Test func aChunkPastTheTimestampRangeIsOpenEnded() throws {
        let data = try Self.file("cli-1969.csv", Self.header + Self.row(1, time: "1969-12-31 23:59:00+00"))
        for interval in ["9223372036854775807 microseconds", "2562047788 hours"] {
            let result = try Self.run(Self.simulate + ["--data", data, "--chunk-interval", interval, "--json"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains(#""range_end":"1970-01-01 00:00:00+00","range_start":"-infinity""#), "\(result.stdout)")
        }
    }

    /// A key repeated in a query's data is refused at its file and line, as simulate reports it.
    @Test func aDuplicateKeyInQueryDataNamesItsLine() throws {
        let data = try Self.file("cli-dup.csv", Self.header + Self.row(1, time: "2024-01-01 00:01:00+00") + Self.row(2, time: "2024-01-01 00:00:00+00")
                                 + Self.row(3, time: "2024-01-01 00:01:00+00"))
        let result = try Self.run(["query", "get_latest_price", "--ticker", "00000000-0000-4000-8000-0000000000aa", "--interval", "1m", "--data", data])
        #expect(result.status == 1 && result.stderr.contains("\(data):4: duplicate key value violates unique constraint"), "\(result.stderr)")
    }

    /// PostgreSQL's `timestamp out of range` for an extreme `p_days` (it negates -2147483648 days
    /// in 32 bits, to -2147483648) names the flag that caused it, in both accuracy functions.
    @Test(arguments: ["get_prediction_accuracy", "get_block_prediction_accuracy"])
    func aTimestampOutOfRangeNamesDays(function: String) throws {
        // Columns both prediction tables have.
        let data = try Self.file("cli-\(function).csv", "ticker_id,created_at\n")
        let result = try Self.run(["query", function, "--ticker", "00000000-0000-4000-8000-0000000000aa",
                                   "--days", "-2147483648", "--data", data])
        #expect(result.status == 1 && result.stderr.contains("--days -2147483648: timestamp out of range"), "\(result.stderr)")
    }

    /// `plan --explain … --json` is one JSON document like every `--json`.
    @Test func explainWithJSONIsOneDocument() throws {
        let result = try Self.run(["plan", "--explain", "q1", "--config", "c4", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["query"] as? String == "Q1" && object["config"] as? String == "C4")
        #expect((object["plan"] as? [String])?.first?.hasPrefix("Limit") == true, "\(result.stdout)")
    }

    @Test func unknownStatementsFailCheck() throws {
        let sql = try Self.file("cli-frob.sql", "FROBNICATE THE WIDGETS;\n")
        let result = try Self.run(["check", sql])
        #expect(result.status == 1)
        #expect(result.stdout.contains("syntax error at or near \"FROBNICATE\"") || result.stderr.contains("syntax error at or near \"FROBNICATE\""))
    }

    @Test func deepParenthesesCheckWithoutCrashing() throws {
        let deep = "CREATE TABLE t (a int CHECK (" + String(repeating: "(", count: 5_000) + "a > 0" + String(repeating: ")", count: 5_000) + "));\n"
        let sql = try Self.file("cli-deep.sql", deep)
        let result = try Self.run(["check", sql])
        #expect(result.status == 0, "\(result.stderr)")
        let sized = try Self.run(["size", "--schema", sql, "--table", "t", "--data", Self.file("cli-deep.csv", "a\n1\n2\n")])
        #expect(sized.status == 0, "\(sized.stderr)")
    }

    @Test func sizeOfAPartitionedTableSaysItsRowsLiveInItsPartitions() throws {
        let sql = try Self.file("cli-part.sql", """
            CREATE TABLE pm (device_id integer NOT NULL, ts timestamptz NOT NULL, PRIMARY KEY (device_id, ts)) PARTITION BY RANGE (ts);
            CREATE TABLE pm_a PARTITION OF pm FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');

            """)
        let sized = try Self.run(["size", "--schema", sql, "--table", "pm", "--data", Self.file("cli-part.csv", "device_id,ts\n1,2024-02-01 00:00+00\n")])
        #expect(sized.status == 0, "\(sized.stderr)")
        #expect(sized.stderr.contains("\"pm\" is partitioned (PARTITION BY RANGE)"), "\(sized.stderr)")
    }

    @Test func compareNamesTheLineOfADuplicateKey() throws {
        let first = try Self.file("cli-dup-a.csv", Self.goodData)
        // The second file repeats the first file's second row on its line 2 (a new id, the same unique key).
        let second = try Self.file("cli-dup-b.csv", Self.header + Self.row(3, time: "2024-01-01 00:01:00+00"))
        let result = try Self.run(["compare", "--table", "market_data", "--data", first, second, "--setting", "segmentby=ticker_id"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("cli-dup-b.csv:2: duplicate key value violates unique constraint"), "\(result.stderr)")
    }

    @Test func compareOfAStoreCountsItsRowsCopyText() throws {
        let data = try Self.file("cli-store.csv", Self.goodData)
        let store = FileManagerPaths.temporary("cli-store-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(atPath: store) }
        let saved = try Self.run(Self.simulate + ["--data", data, "--save", store])
        #expect(saved.status == 0, "\(saved.stderr)")
        let compared = try Self.run(["compare", "--table", "market_data", "--store", store, "--setting", "segmentby=ticker_id", "--json"])
        #expect(compared.status == 0, "\(compared.stderr)")
        // Its base was 0 bytes (a ratio of 0.0x) when the rows came from a store rather than a file.
        #expect(compared.stdout.contains("\"raw_copy_bytes\"") && !compared.stdout.contains("\"raw_copy_bytes\":0"), "\(compared.stdout)")
    }

    @Test func dataFromStandardInput() throws {
        let fromFile = try Self.run(Self.simulate + ["--data", Self.file("cli-stdin.csv", Self.goodData), "--json"])
        let fromStdin = try Self.run(Self.simulate + ["--data", "-", "--json"], stdin: Self.goodData)
        #expect(fromStdin.status == 0, "\(fromStdin.stderr)")
        #expect(fromStdin.stdout == fromFile.stdout)
    }

    @Test func aDuplicateKeyNamesItsFileAndLine() throws {
        let first = try Self.file("cli-dup-a.csv", Self.goodData)
        // The first file's first row again, on line 3 of the second file (equal times keep file order).
        let second = try Self.file("cli-dup-b.csv", Self.header + Self.row(3, time: "2023-12-31 00:00:00+00") + Self.row(1, time: "2024-01-01 00:00:00+00"))
        let sized = try Self.run(["size", "--table", "market_data", "--data", second])
        #expect(sized.status == 0, "\(sized.stderr)")
        let duplicated = try Self.file("cli-dup-c.csv", Self.goodData + Self.row(1, time: "2024-01-02 00:00:00+00"))
        let refused = try Self.run(["size", "--table", "market_data", "--data", duplicated])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("\(duplicated):4: duplicate key value violates unique constraint"), "\(refused.stderr)")
        let simulated = try Self.run(Self.simulate + ["--data", first, second, "--schema", Self.file("cli-dup.sql", Self.hypertableSchema)])
        #expect(simulated.status == 1)
        #expect(simulated.stderr.contains("\(second):3: duplicate key value violates unique constraint"), "\(simulated.stderr)")
    }

    @Test func aUUIDTimeThatIsNotVersion7NamesItsFileAndLine() throws {
        let schema = try Self.file("cli-uuid7.sql", """
            CREATE TABLE ev (id uuid NOT NULL, v int, PRIMARY KEY (id));
            SELECT create_hypertable('ev', by_range('id', INTERVAL '1 day'));
            """)
        let good = "id,v\n0194214e-cd00-7000-a9a7-63f1416dab45,1\n0194263e-3a80-7000-8f40-82c987b1bc1f,2\n"
        let ok = try Self.run(["simulate", "--table", "ev", "--schema", schema, "--data", Self.file("cli-uuid7-ok.csv", good)])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.contains("2025-01-01 00:00:00+00") && ok.stdout.contains("2 chunks"), "\(ok.stdout)")
        let bad = try Self.file("cli-uuid7-bad.csv", good + "a8961135-cd89-4c4b-aa05-79df642407dd,3\n")
        let refused = try Self.run(["simulate", "--table", "ev", "--schema", schema, "--data", bad])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("\(bad):4: a8961135-cd89-4c4b-aa05-79df642407dd is not a version 7 UUID"), "\(refused.stderr)")
    }

    // MARK: numeric NaN and infinity

    static let ticker = "00000000-0000-4000-8000-0000000000aa"
    /// Three days of 1-minute bars every 10 minutes; some opens, highs and closes are NaN (or `special`).
    static func specialBars(_ special: String = "NaN") -> String {
        var text = header
        for i in 0..<432 {
            let time = "2024-01-0\(1 + i / 144) \(String(format: "%02d:%02d", i % 144 / 6, i % 6 * 10)):00+00"
            let open = i % 9 == 4 ? special : "1.25", high = i % 31 == 0 ? "NaN" : "1.5", close = i % 13 == 7 || i == 431 ? special : "1.25"
            text += "00000000-0000-4000-8000-\(String(format: "%012d", i + 1)),\(ticker),\(time),\(open),\(high),1,\(close),\(i),1m\n"
        }
        return text
    }

    /// PostgreSQL 15 takes NaN in numeric(12,2) (the built-in market_data): every data command
    /// carries it, through compressed chunks and the store, and prints it as PostgreSQL does.
    @Test func nanPricesGoThroughEveryDataCommand() throws {
        let data = try Self.file("cli-nan.csv", Self.specialBars())
        let layout = ["--chunk-interval", "1 day", "--compress-after", "1 day", "--now", "2024-01-04 00:00:00+00"]
        let simulated = try Self.run(Self.simulate + ["--data", data, "--json"] + layout)
        #expect(simulated.status == 0, "\(simulated.stderr)")
        #expect(simulated.stdout.contains("\"compressed_chunks\":2") || simulated.stdout.contains("\"compressed_chunks\": 2"), "\(simulated.stdout.prefix(400))")
        let store = FileManagerPaths.temporary("cli-nan-store")
        try? FileManager.default.removeItem(atPath: store)
        defer { try? FileManager.default.removeItem(atPath: store) }
        let saved = try Self.run(Self.simulate + ["--data", data, "--save", store] + layout)
        #expect(saved.status == 0, "\(saved.stderr)")
        let range = ["query", "get_price_range", "--ticker", Self.ticker, "--interval", "1m", "--start", "2024-01-01 00:00:00+00",
                     "--end", "2024-01-04 00:00:00+00", "--now", "2024-01-04 00:00:00+00", "--csv"]
        let fromData = try Self.run(range + ["--data", data] + layout.prefix(4))
        let fromStore = try Self.run(range + ["--store", store])
        #expect(fromData.status == 0, "\(fromData.stderr)")
        #expect(fromStore.stdout == fromData.stdout)
        let lines = fromData.stdout.split(separator: "\n")
        #expect(lines.count == 433)
        #expect(lines.filter { $0.contains("NaN") }.count == (0..<432).filter { $0 % 9 == 4 || $0 % 31 == 0 || $0 % 13 == 7 || $0 == 431 }.count)
        let latest = try Self.run(["query", "get_latest_price", "--ticker", Self.ticker, "--interval", "1m", "--data", data, "--json"])
        #expect(latest.status == 0, "\(latest.stderr)")
        #expect(latest.stdout.contains("\"NaN\""), "\(latest.stdout)")
        for command in [["size", "--table", "market_data", "--data", data, "--json"],
                        ["compare", "--table", "market_data", "--data", data, "--chunk-interval", "1 day",
                         "--setting", "segmentby=ticker_id;orderby=timestamp DESC", "--setting", "orderby=timestamp", "--json"],
                        ["profile", "--table", "market_data", "--data", data, "--json"]] {
            let result = try Self.run(command)
            #expect(result.status == 0, "\(command[0]): \(result.stderr)")
            #expect(!result.stdout.isEmpty, "\(command[0])")
        }
        try Self.expectPostgresPrints(fromData.stdout, for: data, numeric: "numeric(12,2)")
    }

    @Test func infinityInANumeric12_2PriceIsRefusedAtItsField() throws {
        let data = try Self.file("cli-inf.csv", Self.specialBars("Infinity"))
        for command in [Self.simulate + ["--data", data], ["size", "--table", "market_data", "--data", data]] {
            let result = try Self.run(command)
            #expect(result.status == 1)
            #expect(result.stderr.contains("\(data):6:4: column \"open\": numeric field overflow"), "\(result.stderr)")
            #expect(result.stderr.contains("A field with precision 12, scale 2 cannot hold an infinite value."), "\(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
    }

    /// An unconstrained numeric takes ±Infinity too (PostgreSQL ≥ 14).
    @Test func infinitiesInAnUnconstrainedNumericGoThrough() throws {
        let schema = try Self.file("cli-inf.sql", Self.hypertableSchema)
        let text = Self.specialBars("-Infinity").replacingOccurrences(of: ",1.5,1,", with: ",Infinity,1,")
        let data = try Self.file("cli-inf-ok.csv", text)
        let layout = ["--schema", schema, "--chunk-interval", "1 day", "--compress-after", "1 day", "--now", "2024-01-04 00:00:00+00"]
        let simulated = try Self.run(Self.simulate + ["--data", data] + layout)
        #expect(simulated.status == 0, "\(simulated.stderr)")
        let query = try Self.run(["query", "get_price_range", "--ticker", Self.ticker, "--interval", "1m", "--start", "2024-01-01 00:00:00+00",
                                  "--end", "2024-01-04 00:00:00+00", "--data", data, "--csv"] + layout)
        #expect(query.status == 0, "\(query.stderr)")
        #expect(query.stdout.contains(",1.25,Infinity,1,-Infinity,431\n"), "\(query.stdout.suffix(300))")
        for command in [["size", "--schema", schema, "--table", "market_data", "--data", data, "--json"],
                        ["compare", "--schema", schema, "--table", "market_data", "--data", data, "--setting", "segmentby=ticker_id", "--json"]] {
            let result = try Self.run(command)
            #expect(result.status == 0, "\(command[0]): \(result.stderr)")
        }
        try Self.expectPostgresPrints(query.stdout, for: data, numeric: "numeric")
    }

    /// NaN breaks `confidence`'s CHECK (0..100) in the NQP schema, as on PostgreSQL (`NaN <= 100` is
    /// false); without the CHECK, AVG over NaN or both infinities is NaN and over one infinity that
    /// infinity, as PostgreSQL 15 computes `get_prediction_accuracy`.
    @Test func specialConfidencesFollowPostgres() throws {
        let header = "id,ticker_id,timestamp,prediction,confidence,weighted_score,actual_result,created_at\n"
        func rows(_ a: String, _ b: String) -> String {
            header + "00000000-0000-4000-8000-000000000001,\(Self.ticker),2024-01-01 00:00:00+00,BULLISH,\(a),0.5000,CORRECT,2024-01-01 00:00:00+00\n"
                + "00000000-0000-4000-8000-000000000002,\(Self.ticker),2024-01-01 00:00:00+00,BULLISH,\(b),0.2500,WRONG,2024-01-01 00:00:00+00\n"
        }
        let query = ["query", "get_prediction_accuracy", "--ticker", Self.ticker, "--now", "2024-01-02 00:00:00+00", "--csv"]
        let checked = try Self.file("cli-nan-pred.csv", rows("NaN", "10.00"))
        let refused = try Self.run(query + ["--data", checked])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("\(checked):2: new row for relation \"predictions\" violates check constraint \"predictions_confidence_check\""), "\(refused.stderr)")
        let schema = try Self.file("cli-nan-pred.sql", """
            CREATE TABLE predictions (id uuid PRIMARY KEY, ticker_id uuid NOT NULL, "timestamp" timestamptz NOT NULL, prediction varchar(20),
              confidence numeric, weighted_score numeric(5,4), actual_result varchar(20), created_at timestamptz DEFAULT now());
            """)
        let pairs = [("NaN", "10.00"), ("Infinity", "10.00"), ("Infinity", "-Infinity"), ("-inf", "NaN"), ("1.25", "10.00")]
        var mine: [String] = []
        for (k, pair) in pairs.enumerated() {
            let data = try Self.file("cli-special-pred-\(k).csv", rows(pair.0, pair.1))
            let result = try Self.run(query + ["--schema", schema, "--data", data])
            #expect(result.status == 0, "\(pair): \(result.stderr)")
            mine.append(result.stdout)
        }
        #expect(mine[0].hasSuffix(",NaN,0.3750\n") && mine[1].hasSuffix(",Infinity,0.3750\n") && mine[2].hasSuffix(",NaN,0.3750\n"), "\(mine)")
        guard PostgresCluster.isInstalled || PostgresCluster.mustRun else { return }
        let pg = try PostgresCluster.shared()
        let db = try pg.createDatabase("pred")
        defer { _ = try? pg.query("DROP DATABASE \(db)") }
        let root = SharedData.packageRoot.appendingPathComponent("sql")
        let nqp = try String(contentsOf: root.appendingPathComponent("001_nqp_schema.sql"), encoding: .utf8)
        let functions = try String(contentsOf: root.appendingPathComponent("010_analytics_functions.sql"), encoding: .utf8)
        try pg.query(nqp + "\n" + functions + "\n" + PinnedClock.schema, database: db)
        // PostgreSQL's own verdict on the CHECK, then the column without it.
        let verdict = try? pg.query("\\copy predictions (id, ticker_id, \"timestamp\", prediction, confidence, weighted_score, actual_result, created_at) FROM '\(checked)' WITH (FORMAT csv, HEADER)", database: db)
        #expect(verdict == nil, "PostgreSQL accepted a NaN confidence under the CHECK")
        try pg.query("ALTER TABLE predictions DROP CONSTRAINT predictions_confidence_check, ALTER COLUMN confidence TYPE numeric", database: db)
        for (k, _) in pairs.enumerated() {
            let data = FileManagerPaths.temporary("cli-special-pred-\(k).csv")
            let answer = try pg.csv(PinnedClock.session(now: "2024-01-02 00:00:00+00") + """
                TRUNCATE predictions;
                \\copy predictions (id, ticker_id, "timestamp", prediction, confidence, weighted_score, actual_result, created_at) FROM '\(data)' WITH (FORMAT csv, HEADER)
                SELECT * FROM get_prediction_accuracy('\(Self.ticker)');
                """, database: db)
            #expect(answer + "\n" == mine[k], "\(pairs[k])")
        }
    }

    /// `NaN = NaN` and `Infinity = inf` in a unique key, as PostgreSQL's btree finds them
    /// (measured: `duplicate key value violates unique constraint "u_x_key"`, COPY line 4).
    @Test func equalSpecialsCollideInAUniqueKey() throws {
        let schema = try Self.file("cli-unique-special.sql", "CREATE TABLE u (i int, x numeric UNIQUE);\n")
        for (k, text) in ["i,x\n1,NaN\n2,1\n3,nan\n", "i,x\n1,Infinity\n2,1\n3,inf\n4,-inf\n"].enumerated() {
            let data = try Self.file("cli-unique-special-\(k).csv", text)
            let result = try Self.run(["size", "--schema", schema, "--table", "u", "--data", data])
            #expect(result.status == 1)
            #expect(result.stderr.contains("\(data):4: duplicate key value violates unique constraint \"u_x_key\""), "\(result.stderr)")
        }
        let fine = try Self.run(["size", "--schema", schema, "--table", "u", "--data", Self.file("cli-unique-special-ok.csv", "i,x\n1,NaN\n2,Infinity\n3,-Infinity\n4,0\n")])
        #expect(fine.status == 0, "\(fine.stderr)")
    }

    /// The same rows loaded into the throwaway PostgreSQL 15 print the same price range.
    static func expectPostgresPrints(_ csv: String, for data: String, numeric: String) throws {
        guard PostgresCluster.isInstalled || PostgresCluster.mustRun else { return }
        let pg = try PostgresCluster.shared()
        let db = try pg.createDatabase("nan")
        defer { _ = try? pg.query("DROP DATABASE \(db)") }
        try pg.query("""
            CREATE TABLE market_data (id uuid, ticker_id uuid, "timestamp" timestamptz, open \(numeric), high \(numeric),
              low \(numeric), close \(numeric), volume bigint, "interval" varchar(10));
            \\copy market_data FROM '\(data)' WITH (FORMAT csv, HEADER)
            """, database: db)
        let answer = try pg.csv("SELECT \"timestamp\", open, high, low, close, volume FROM market_data ORDER BY \"timestamp\"", database: db)
        #expect(answer + "\n" == csv)
    }

    /// market_data with a unique key TimescaleDB keeps (it includes the time column).
    static let hypertableSchema = """
        CREATE TABLE market_data (id uuid NOT NULL, ticker_id uuid NOT NULL, "timestamp" timestamptz NOT NULL,
          open numeric, high numeric, low numeric, close numeric, volume bigint, interval varchar(10) NOT NULL,
          UNIQUE (id, "timestamp"));
        SELECT create_hypertable('market_data', 'timestamp');
        """
}
