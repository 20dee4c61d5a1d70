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
        (simulate + ["--data", "/"], "\"/\" is a directory"),
        (simulate + ["--data", "/dev/zero"], "/dev/zero:1: invalid byte sequence for encoding \"UTF8\": 0x00"),
        (["check", "--timescaledb", "9.9", "DATA"], "--timescaledb must be a 2.x version"),
        (["plan", "--now", "-infinity"], "--now: timestamp out of range for a plan"),
        (["plan", "--start", "infinity"], "--start: timestamp out of range for a plan"),
        (["plan", "--days", "-5"], "--days: must be between 1 and 36500, got -5"),
        (["plan", "--retain", "-2147483648 days"], "--retain: interval must be positive"),
        (["plan", "--compress-after", "-1 day"], "--compress-after: interval must be positive"),
        (["plan", "--chunk-interval", "2147483647 days"], "--chunk-interval: interval out of range"),
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

    /// market_data with a unique key TimescaleDB keeps (it includes the time column).
    static let hypertableSchema = """
        CREATE TABLE market_data (id uuid NOT NULL, ticker_id uuid NOT NULL, "timestamp" timestamptz NOT NULL,
          open numeric, high numeric, low numeric, close numeric, volume bigint, interval varchar(10) NOT NULL,
          UNIQUE (id, "timestamp"));
        SELECT create_hypertable('market_data', 'timestamp');
        """
}
