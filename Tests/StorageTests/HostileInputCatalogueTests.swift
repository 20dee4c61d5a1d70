import Foundation
import Testing
import Codecs
import Schema
@testable import Storage
import TestSupport

/// The catalogue of hostile inputs (issue #13): each case with PostgreSQL's verdict and the message
/// Chunkwise gives. Cases that once crashed, hung or slipped through are regression tests here.
@Suite struct HostileInputCatalogueTests {
    // MARK: timestamps

    /// Timestamp text and PostgreSQL 15's verdict for `timestamptz` input; `nil` = accepted, with the
    /// output text in UTC, else the message. Checked against a real server in
    /// ``timestampVerdictsMatchPostgres()``.
    static let timestampCases: [(text: String, output: String?, error: String?)] = [
        ("2023-01-02 23:01:02.228835+00", "2023-01-02 23:01:02.228835+00", nil),
        (" 2023-01-01 00:00:00+00 ", "2023-01-01 00:00:00+00", nil),
        ("epoch", "1970-01-01 00:00:00+00", nil),
        ("EPOCH", "1970-01-01 00:00:00+00", nil),
        ("infinity", "infinity", nil),
        ("Infinity", "infinity", nil),
        ("-infinity", "-infinity", nil),
        ("4714-11-24 00:00:00+00 BC", "4714-11-24 00:00:00+00 BC", nil),
        ("0001-01-01 BC", "0001-01-01 00:00:00+00 BC", nil),
        ("2023-01-01 00:00:00 bc", "2023-01-01 00:00:00+00 BC", nil),
        ("2023-01-01 00:00:00+00 AD", "2023-01-01 00:00:00+00", nil),
        ("20224-01-01", "20224-01-01 00:00:00+00", nil),
        ("2023-01-01 00:00:00+15:59:59", "2022-12-31 08:00:01+00", nil),
        ("2023-01-01 00:00:00 UTC", "2023-01-01 00:00:00+00", nil),
        ("4714-11-23 23:59:59+00 BC", nil, "timestamp out of range: \"4714-11-23 23:59:59+00 BC\""),
        ("294277-01-01 00:00:00+00", nil, "timestamp out of range: \"294277-01-01 00:00:00+00\""),
        ("999999-01-01", nil, "timestamp out of range: \"999999-01-01\""),
        ("0000-01-01", nil, "date/time field value out of range: \"0000-01-01\""),
        ("2023-13-01", nil, "date/time field value out of range: \"2023-13-01\""),
        ("2023-01-01 25:00", nil, "date/time field value out of range: \"2023-01-01 25:00\""),
        ("2023-01-01 00:00:00+16", nil, "time zone displacement out of range: \"2023-01-01 00:00:00+16\""),
        ("+infinity", nil, "invalid input syntax for type timestamp with time zone: \"+infinity\""),
        ("allballs", nil, "invalid input syntax for type timestamp with time zone: \"allballs\""),
    ]

    /// Times PostgreSQL accepts in a plain column but TimescaleDB refuses in a hypertable's time
    /// column (`TS_TIMESTAMP_END`, 294247-01-02): Chunkwise holds time as TimescaleDB does.
    static let pastTimescaleDBEnd = ["294270-01-01 00:00:00+00", "294276-12-31 23:59:59.999999+00"]

    @Test(arguments: timestampCases.indices)
    func timestampInputFollowsPostgres(_ i: Int) throws {
        let c = Self.timestampCases[i]
        do {
            let t = try PGTimestamp.parse(c.text)
            #expect(c.error == nil, "accepted \(c.text)")
            #expect(PGTimestamp.format(t) == c.output)
        } catch {
            #expect(error.description == c.error, "\(c.text)")
        }
    }

    @Test(arguments: pastTimescaleDBEnd)
    func timesPastTimescaleDBsEndAreOutOfRangeNotATrap(_ text: String) {
        #expect(throws: ValueError.timestampOutOfRange(text: text)) { try PGTimestamp.parse(text) }
    }

    @Test func theLastAndFirstTimesChunkwiseHoldsRoundTrip() throws {
        let last = try PGTimestamp.parse("294247-01-01 23:59:59.999999+00")
        #expect(last < PGTimestamp.end)
        #expect(PGTimestamp.format(last) == "294247-01-01 23:59:59.999999+00")
        let first = try PGTimestamp.parse("4714-11-24 00:00:00+00 BC")
        #expect(first == PGTimestamp.minimum)
    }

    @Test(.enabled(if: PostgresCluster.isInstalled || PostgresCluster.mustRun, "needs Debian's postgresql-15"))
    func timestampVerdictsMatchPostgres() throws {
        let pg = try PostgresCluster.shared()
        for c in Self.timestampCases {
            let literal = c.text.replacingOccurrences(of: "'", with: "''")
            do {
                let answer = try pg.query("SET TimeZone = 'UTC'; SELECT '\(literal)'::timestamptz::text")
                #expect(answer == c.output, "\(c.text)")
            } catch PostgresCluster.Failure.command(_, _, let output) {
                #expect(c.error.map { output.contains("ERROR:  " + $0) } == true, "\(c.text): \(output)")
            }
        }
        for text in Self.pastTimescaleDBEnd {
            // PostgreSQL itself accepts these (TimescaleDB refuses them in a hypertable).
            let answer = try pg.query("SET TimeZone = 'UTC'; SELECT '\(text)'::timestamptz::text").split(separator: "\n").last.map(String.init)
            #expect(answer == text)
        }
    }

    @Test func datesKeepTheirWholeRange() throws {
        #expect(PGTimestamp.formatDate(try PGTimestamp.parseDate("5874897-12-31")) == "5874897-12-31")
        #expect(PGTimestamp.formatDate(try PGTimestamp.parseDate("infinity")) == "infinity")
        #expect(PGTimestamp.formatDate(try PGTimestamp.parseDate("4714-11-24 BC")) == "4714-11-24 BC")
        #expect(throws: ValueError.dateOutOfRange(text: "5874898-01-01")) { try PGTimestamp.parseDate("5874898-01-01") }
    }

    // MARK: intervals

    /// Found by the `values` fuzz target: adding 222,222,222 days trapped on overflow.
    @Test func aHugeIntervalAddsWithoutTrapping() throws {
        let interval = try #require(PGInterval(text: "7h 222222222day"))
        #expect(interval.added(to: 0, zone: .utc) == Int64.max)
        #expect(interval.negated.added(to: 0, zone: .utc) == Int64.min)
        #expect(PGInterval(months: Int32.max, days: Int32.max).timescaleMicroseconds == Int64.max)
    }

    /// PostgreSQL 15 reads `2562047788:00:00` and `2562047788:00:54.775807` (checked on 15.x); one
    /// microsecond more is "interval field value out of range".
    @Test(arguments: ["9999999999999 hours", "99999999999999999 ms", "9223372036854775807 us 1 us", "2562047789:00:00", "2562047788:00:54.775808", "9999999999 weeks"])
    func intervalsPastInt64AreRefusedNotATrap(_ text: String) {
        #expect(PGInterval(text: text) == nil)
    }

    // MARK: COPY data

    static let header = "id,ticker_id,timestamp,open,high,low,close,volume,interval\n"
    static func row(time: String, open: String = "1.25") -> String {
        "00000000-0000-4000-8000-000000000001,00000000-0000-4000-8000-0000000000aa,\(time),\(open),1.5,1,1.25,10,1m\n"
    }

    @Test func aTimeTooLateForAnInt64IsAnErrorAtItsField() throws {
        let text = Self.header + Self.row(time: "294270-01-01 00:00:00+00")
        let error = try #require(throws: CopyError.self) { try CopyReader(table: NQPTables.marketData, loadTime: 0).read(string: text, file: "late.csv") }
        #expect(error.description == "late.csv:2:3: column \"timestamp\": timestamp out of range: \"294270-01-01 00:00:00+00\"")
    }

    @Test func aNulByteIsRefusedAsPostgresRefusesIt() throws {
        let text = Self.header + Self.row(time: "2024-01-01 00:00:00+00") + "\"a\u{0}b\"\n"
        let error = try #require(throws: CopyError.self) { try CopyReader(table: NQPTables.marketData, loadTime: 0).read(string: text, file: "nul.csv") }
        #expect(error.description == "nul.csv:3: invalid byte sequence for encoding \"UTF8\": 0x00")
    }

    /// Once a trap: the date/time field check read every digit of the field into an Int.
    @Test func aBadFiveMegabyteFieldIsShownInPart() throws {
        let text = Self.header + Self.row(time: String(repeating: "9", count: 5_000_000))
        let error = try #require(throws: CopyError.self) { try CopyReader(table: NQPTables.marketData, loadTime: 0).read(string: text, file: "huge.csv") }
        #expect(error.description.utf8.count < 600)
        #expect(error.description.hasPrefix("huge.csv:2:3: column \"timestamp\": invalid input syntax for type timestamp with time zone: \"999"))
        #expect(error.description.hasSuffix("(5000000 bytes, first 256 shown)"))
    }

    @Test func aDirectoryIsRefusedByName() throws {
        let dir = FileManagerPaths.temporary("a-directory")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let error = try #require(throws: CopyError.self) { try CopyReader(table: NQPTables.marketData).read(path: dir) }
        #expect(error.kind == .isDirectory)
        #expect(error.message == "\"\(dir)\" is a directory")
    }

    @Test func devZeroEndsAtItsFirstByte() throws {
        let error = try #require(throws: CopyError.self) { try CopyReader(table: NQPTables.marketData).read(path: "/dev/zero") }
        #expect(error.kind == .invalidUTF8(bytes: "0x00"))
        #expect(error.line == 1)
    }

    @Test func aProcFileIsReadThoughItsSizeReadsZero() throws {
        // /proc files report size 0; reading stops at EOF, not at the size (this one is not CSV for the table).
        let error = try #require(throws: CopyError.self) { try CopyReader(table: NQPTables.marketData).read(path: "/proc/self/stat") }
        #expect(error.kind == .unknownColumn)
    }

    /// An export without its header line: its first row is read as the header and the error says
    /// so; a header with one misspelt name gets no such hint.
    @Test func aFileWithoutItsHeaderIsToldSo() throws {
        let row = "00000000-0000-0000-0000-000000000001,2024-01-02 10:00:00+00,1,2,0.5,1.5,100,1m\n"
        let error = try #require(throws: CopyError.self) { try CopyReader(table: NQPTables.marketData).read(string: row) }
        #expect(error.kind == .unknownColumn && error.description.contains("HINT:  the first line is read as the header"))
        let misspelt = try #require(throws: CopyError.self) { try CopyReader(table: NQPTables.marketData).read(string: "ticker_id,timestmp\n") }
        #expect(misspelt.kind == .unknownColumn && !misspelt.description.contains("HINT"))
    }

    @Test func aFIFOIsReadWithoutSeeking() throws {
        let path = FileManagerPaths.temporary("fifo.csv")
        unlink(path)
        #expect(mkfifo(path, 0o600) == 0)
        defer { unlink(path) }
        let text = Self.header + Self.row(time: "2024-01-01 00:00:00+00")
        let writer = Thread {
            let fd = open(path, O_WRONLY)
            _ = Array(text.utf8).withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            close(fd)
        }
        writer.start()
        let rows = try CopyReader(table: NQPTables.marketData, loadTime: 0).read(path: path)
        #expect(rows.count == 1)
    }

    @Test func gzipAndZstdExportsAreReadAsTheirText() throws {
        let text = Self.header + (0..<500).map { Self.row(time: PGTimestamp.format(1_704_067_200_000_000 + Int64($0) * 60_000_000)) }.joined()
        let plain = FileManagerPaths.temporary("export.csv")
        try text.write(toFile: plain, atomically: true, encoding: .utf8)
        defer { for p in [plain, plain + ".gz", plain + ".zst"] { unlink(p) } }
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gzip.arguments = ["-k", "-f", plain]
        try gzip.run()
        gzip.waitUntilExit()
        try #require(gzip.terminationStatus == 0)
        let zst = try Zstd.compress(Array(text.utf8))
        try Data(zst).write(to: URL(fileURLWithPath: plain + ".zst"))
        let reader = CopyReader(table: NQPTables.marketData, loadTime: 0)
        let expected = try reader.read(path: plain)
        #expect(try reader.read(path: plain + ".gz") == expected)
        #expect(try reader.read(path: plain + ".zst") == expected)
    }

    @Test func aTruncatedGzipIsAnErrorNotAShortTable() throws {
        let plain = FileManagerPaths.temporary("cut.csv")
        try (Self.header + Self.row(time: "2024-01-01 00:00:00+00")).write(toFile: plain, atomically: true, encoding: .utf8)
        defer { unlink(plain); unlink(plain + ".gz") }
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gzip.arguments = ["-k", "-f", plain]
        try gzip.run()
        gzip.waitUntilExit()
        var bytes = try Array(Data(contentsOf: URL(fileURLWithPath: plain + ".gz")))
        bytes.removeLast(6)
        try Data(bytes).write(to: URL(fileURLWithPath: plain + ".gz"))
        let error = try #require(throws: CopyError.self) { try CopyReader(table: NQPTables.marketData).read(path: plain + ".gz") }
        guard case .corruptCompressed(let format, _) = error.kind else { Issue.record("got \(error)"); return }
        #expect(format == "gzip")
    }

    // MARK: numeric NaN and infinity

    /// Numeric text, the column's `numeric(p,s)` modifier (nil: unconstrained), and PostgreSQL 15's
    /// verdict: the output text, or the message with its DETAIL in parentheses. Checked against a
    /// real server in ``numericSpecialVerdictsMatchPostgres()``.
    static let numericSpecialCases: [(text: String, typmod: (precision: Int, scale: Int)?, output: String?, error: String?)] = [
        ("NaN", nil, "NaN", nil),
        ("nan", nil, "NaN", nil),
        (" NaN ", nil, "NaN", nil),
        ("\tnAn\n", nil, "NaN", nil),
        ("NaN", (12, 2), "NaN", nil),
        ("nan", (1, 0), "NaN", nil),
        ("Infinity", nil, "Infinity", nil),
        ("+Infinity", nil, "Infinity", nil),
        ("-Infinity", nil, "-Infinity", nil),
        ("infINITY", nil, "Infinity", nil),
        ("inf", nil, "Infinity", nil),
        ("+INF", nil, "Infinity", nil),
        (" -inf\r", nil, "-Infinity", nil),
        ("\t1.50 ", nil, "1.50", nil),
        ("\t1.5e1\n", nil, "15", nil),
        ("Infinity", (10, 2), nil, "numeric field overflow (A field with precision 10, scale 2 cannot hold an infinite value.)"),
        ("-inf", (12, 2), nil, "numeric field overflow (A field with precision 12, scale 2 cannot hold an infinite value.)"),
        ("-NaN", nil, nil, "invalid input syntax for type numeric: \"-NaN\""),
        ("+NaN", nil, nil, "invalid input syntax for type numeric: \"+NaN\""),
        ("NaNx", nil, nil, "invalid input syntax for type numeric: \"NaNx\""),
        ("nan nan", nil, nil, "invalid input syntax for type numeric: \"nan nan\""),
        ("infinit", nil, nil, "invalid input syntax for type numeric: \"infinit\""),
        ("Infinityy", nil, nil, "invalid input syntax for type numeric: \"Infinityy\""),
        ("- inf", nil, nil, "invalid input syntax for type numeric: \"- inf\""),
        ("in", nil, nil, "invalid input syntax for type numeric: \"in\""),
        ("NaN.5", nil, nil, "invalid input syntax for type numeric: \"NaN.5\""),
        // Wider than 18 digits: overflow in a numeric(p ≤ 18, s) column, rounded away when it is fraction.
        ("1234567890123456789012345", (12, 2), nil, "numeric field overflow (A field with precision 12, scale 2 must round to an absolute value less than 10^10.)"),
        ("-99999999999999999999.5", (14, 4), nil, "numeric field overflow (A field with precision 14, scale 4 must round to an absolute value less than 10^10.)"),
        ("0.000000000000000000000001", (12, 2), "0.00", nil),
        ("1234567890123456789012345x", (12, 2), nil, "invalid input syntax for type numeric: \"1234567890123456789012345x\""),
    ]

    @Test(arguments: numericSpecialCases.indices)
    func numericSpecialInputFollowsPostgres(_ i: Int) throws {
        let c = Self.numericSpecialCases[i]
        do {
            let n = try PGNumeric.parse(c.text, precision: c.typmod?.precision, scale: c.typmod?.scale)
            #expect(c.error == nil, "accepted \(c.text)")
            #expect(n.description == c.output, "\(c.text)")
        } catch {
            #expect(error.description == c.error, "\(c.text)")
        }
    }

    @Test(.enabled(if: PostgresCluster.isInstalled || PostgresCluster.mustRun, "needs Debian's postgresql-15"))
    func numericSpecialVerdictsMatchPostgres() throws {
        let pg = try PostgresCluster.shared()
        for c in Self.numericSpecialCases {
            let type = c.typmod.map { "numeric(\($0.precision),\($0.scale))" } ?? "numeric"
            do {
                let answer = try pg.query("SELECT $q$\(c.text)$q$::\(type)::text")
                #expect(answer == c.output, "\(c.text)")
            } catch PostgresCluster.Failure.command(_, _, let output) {
                // Chunkwise's message is PostgreSQL's ERROR line with its DETAIL in parentheses.
                let parts = (c.error ?? "").split(separator: " (", maxSplits: 1).map(String.init)
                #expect(c.error != nil && output.contains("ERROR:  " + parts[0]), "\(c.text): \(output)")
                if parts.count == 2 { #expect(output.contains("DETAIL:  " + parts[1].dropLast()), "\(c.text): \(output)") }
            }
        }
    }

    /// `boolin`'s spellings: unambiguous prefixes, any case, white space around; nil = refused.
    static let booleanCases: [(text: String, value: Bool?)] = [
        ("t", true), ("tr", true), ("TRU", true), ("true", true), (" fal ", false), ("f", false), ("y", true), ("ye", true),
        ("YES", true), ("n", false), ("no", false), ("on", true), ("of", false), ("off", false), ("1", true), ("0", false),
        ("1 ", true), ("\ttrue\n", true), ("o", nil), ("truex", nil), ("", nil), ("01", nil), ("nop", nil), ("onn", nil), ("2", nil),
    ]

    @Test func booleanInputFollowsBoolin() throws {
        for c in Self.booleanCases {
            let parsed = try? Value.parse(c.text, as: .bool)
            #expect(parsed == c.value.map(Value.bool), "\(c.text.debugDescription)")
        }
        let rows = try CopyReader(table: TableDefinition(name: "b", columns: [ColumnDefinition("v", .bool)]), loadTime: 0)
            .read(string: "v\ntr\n\" of \"\nYe\n")
        #expect((0..<rows.count).map { rows.row($0)[0] } == [.bool(true), .bool(false), .bool(true)])
    }

    @Test(.enabled(if: PostgresCluster.isInstalled || PostgresCluster.mustRun, "needs Debian's postgresql-15"))
    func booleanVerdictsMatchPostgres() throws {
        let pg = try PostgresCluster.shared()
        for c in Self.booleanCases {
            do {
                let answer = try pg.query("SELECT $q$\(c.text)$q$::bool::text")
                #expect(answer == c.value.map { $0 ? "true" : "false" }, "\(c.text.debugDescription)")
            } catch PostgresCluster.Failure.command(_, _, let output) {
                #expect(c.value == nil && output.contains("invalid input syntax for type boolean"), "\(c.text.debugDescription): \(output)")
            }
        }
    }

    /// `int2in`/`int4in`/`int8in` through `Value.parse` (SQL defaults, `serve` filters) as through COPY.
    static let integerCases: [(text: String, type: PGType, value: Int64?)] = [
        ("\t5", .int4, 5), (" 5\n", .int8, 5), ("+5", .int2, 5), ("-2147483648", .int4, -2_147_483_648),
        ("00000000000000000000000000000012", .int2, 12), ("-", .int4, nil), ("5 5", .int4, nil), ("0x10", .int4, nil),
        ("1_000", .int4, nil), ("١٢", .int4, nil), ("32768", .int2, nil),
    ]

    @Test func integerInputIsOneRuleEverywhere() throws {
        for c in Self.integerCases {
            let parsed = try? Value.parse(c.text, as: c.type)
            #expect(parsed == c.value.map(Value.int), "\(c.text.debugDescription)")
        }
    }

    @Test(.enabled(if: PostgresCluster.isInstalled || PostgresCluster.mustRun, "needs Debian's postgresql-15"))
    func integerVerdictsMatchPostgres() throws {
        let pg = try PostgresCluster.shared()
        for c in Self.integerCases {
            let answer = try? pg.query("SELECT $q$\(c.text)$q$::\(c.type.sqlName)::text")
            #expect(answer == c.value.map(String.init), "\(c.text.debugDescription)")
        }
    }

    /// `float8in` / `float4in` (strtod / strtof): output as PostgreSQL prints it, or the error kind.
    static let floatCases: [(text: String, type: PGType, output: String?, error: String?)] = [
        ("0x1p3", .float8, "8", nil), ("0x10", .float8, "16", nil), ("\t1.5\n", .float8, "1.5", nil), ("  +7  ", .float8, "7", nil),
        ("1.", .float8, "1", nil), ("-0", .float8, "-0", nil), ("infinity", .float8, "Infinity", nil), ("-INF", .float8, "-Infinity", nil),
        ("+nan", .float8, "NaN", nil), ("4e-320", .float8, "4e-320", nil), ("1e-40", .float4, "1e-40", nil), ("3.4028235e38", .float4, "3.4028235e+38", nil),
        ("1e400", .float8, nil, "out of range"), ("1e-400", .float8, nil, "out of range"), ("-1e400", .float8, nil, "out of range"),
        ("1e39", .float4, nil, "out of range"), ("1e-50", .float4, nil, "out of range"), ("3.4028236e38", .float4, nil, "out of range"),
        ("1.5e", .float8, nil, "invalid input syntax"), (".", .float8, nil, "invalid input syntax"), ("", .float8, nil, "invalid input syntax"),
        ("1_000", .float8, nil, "invalid input syntax"), ("1,5", .float8, nil, "invalid input syntax"), ("infinit", .float8, nil, "invalid input syntax"),
    ]

    @Test func floatInputFollowsStrtod() throws {
        for c in Self.floatCases {
            do {
                let v = try Value.parse(c.text, as: c.type)
                #expect(c.error == nil, "accepted \(c.text.debugDescription)")
                #expect(v.text(as: c.type) == c.output, "\(c.text.debugDescription)")
            } catch {
                #expect(c.error.map { error.description.contains($0) } == true, "\(c.text.debugDescription): \(error)")
            }
        }
    }

    @Test(.enabled(if: PostgresCluster.isInstalled || PostgresCluster.mustRun, "needs Debian's postgresql-15"))
    func floatVerdictsMatchPostgres() throws {
        let pg = try PostgresCluster.shared()
        for c in Self.floatCases {
            do {
                let answer = try pg.query("SELECT $q$\(c.text)$q$::\(c.type.sqlName)::text")
                #expect(answer == c.output, "\(c.text.debugDescription)")
            } catch PostgresCluster.Failure.command(_, _, let output) {
                #expect(c.error.map { output.contains($0) } == true, "\(c.text.debugDescription): \(output)")
            }
        }
    }

    /// PostgreSQL's numeric btree order and equality, which sorting, unique keys, block indexes
    /// and `max`/`min` follow: -Infinity < every number < Infinity < NaN, and NaN = NaN.
    static let orderedNumerics = ["-Infinity", "-5.5", "0", "0.00", "1.5", "1.50", "99999999999", "Infinity", "NaN", "nan"]

    @Test func numericSpecialsOrderAndCompareAsPostgresDoes() throws {
        let values = try Self.orderedNumerics.map { try PGNumeric.parse($0) }
        for (i, a) in values.enumerated() {
            for (j, b) in values.enumerated() {
                let (x, y) = (Self.orderedNumerics[i], Self.orderedNumerics[j])
                let equal = (x == y) || Set([x, y]) == ["0", "0.00"] || Set([x, y]) == ["1.5", "1.50"] || Set([x, y]) == ["NaN", "nan"]
                #expect((a == b) == equal, "\(x) = \(y)")
                #expect((a < b) == (!equal && i < j), "\(x) < \(y)")
                if equal { #expect(a.hashValue == b.hashValue, "hash \(x) \(y)") }
            }
        }
        #expect(values.reversed().sorted() == values)
        #expect(values.max()?.special == .nan)
        #expect(values.filter { $0.special != .nan }.max() == .infinity)
        #expect(values.min() == .negativeInfinity)
    }

    @Test(.enabled(if: PostgresCluster.isInstalled || PostgresCluster.mustRun, "needs Debian's postgresql-15"))
    func numericSpecialOrderMatchesPostgres() throws {
        let pg = try PostgresCluster.shared()
        let values = try Self.orderedNumerics.map { try PGNumeric.parse($0) }
        let list = Self.orderedNumerics.map { "('\($0)'::numeric)" }.joined(separator: ",")
        // Every pair's < and = as PostgreSQL computes them, row-major.
        let answer = try pg.query("SELECT string_agg(CASE WHEN a.x < b.x THEN '<' WHEN a.x = b.x THEN '=' ELSE '>' END, '' ORDER BY a.i, b.i) "
                                  + "FROM (SELECT x, row_number() OVER () i FROM (VALUES \(list)) v(x)) a, "
                                  + "(SELECT x, row_number() OVER () i FROM (VALUES \(list)) v(x)) b")
        let mine = values.flatMap { a in values.map { b in a < b ? "<" : (a == b ? "=" : ">") } }.joined()
        #expect(mine == answer)
        let sorted = try pg.query("SELECT string_agg(x::text, ' ' ORDER BY x) FROM (VALUES \(list)) v(x)")
        // Equal values may come in either order; compare the order of distinct values.
        func distinct(_ texts: [String]) -> [String] {
            var out: [String] = []
            for t in texts { if let l = out.last, try! PGNumeric.parse(l) == PGNumeric.parse(t) { continue }; out.append(t) }
            return out
        }
        #expect(distinct(values.sorted().map(\.description)) == distinct(sorted.split(separator: " ").map(String.init)))
        #expect(try pg.query("SELECT count(DISTINCT x) FROM (VALUES \(list)) v(x)") == String(Set(values).count))
    }

    @Test func aCopyLoadKeepsNaNAndRefusesInfinityInNumeric12_2() throws {
        let reader = CopyReader(table: NQPTables.marketData, loadTime: 0)
        let rows = try reader.read(string: Self.header + Self.row(time: "2024-01-01 00:00:00+00", open: "NaN"))
        #expect(rows.row(0)[3] == .numeric(.nan))
        #expect(CopyWriter().writeString(rows).contains(",NaN,1.50,1.00,1.25,"))
        let error = try #require(throws: CopyError.self) {
            try reader.read(string: Self.header + Self.row(time: "2024-01-01 00:00:00+00", open: "-Infinity"), file: "inf.csv")
        }
        #expect(error.message == "numeric field overflow")
        #expect(error.valueDetail == "A field with precision 12, scale 2 cannot hold an infinite value.")
        #expect(error.description.hasPrefix("inf.csv:2:4: column \"open\": numeric field overflow"), "\(error.description)")
    }

    @Test func anUnconstrainedNumericColumnKeepsEverySpecialThroughCopyOut() throws {
        let table = TableDefinition(name: "n", columns: [ColumnDefinition("i", .int4), ColumnDefinition("x", .numeric(precision: nil, scale: nil))])
        let text = "i,x\n1,NaN\n2, inf\n3,-Infinity\n4,1.50\n5,\n"
        let rows = try CopyReader(table: table).read(string: text)
        #expect(CopyWriter().writeString(rows) == "i,x\n1,NaN\n2,Infinity\n3,-Infinity\n4,1.50\n5,\n")
    }

    // MARK: SQL

    static func nestedCheck(_ depth: Int) -> String {
        "CREATE TABLE t (a int CHECK (" + String(repeating: "(", count: depth) + "a > 0" + String(repeating: ")", count: depth) + "));"
    }

    @Test func parenthesesNestedAlmostAsDeepAsPostgresAllowsParse() throws {
        let statements = try SQLParser.parse(text: Self.nestedCheck(9_990), file: "deep.sql")
        #expect(statements.count == 1)
    }

    @Test func oneLevelDeeperIsPostgresMemoryExhaustedError() throws {
        let error = try #require(throws: SQLSyntaxError.self) { try SQLParser.parse(text: Self.nestedCheck(10_000), file: "deeper.sql") }
        #expect(error.message == "memory exhausted at or near \"(\"")
        #expect(error.location.line == 1)
    }

    /// Trees deep by other means than parentheses: nested CASE and ARRAY brackets count toward the
    /// grammar's stack as PostgreSQL's do; long operator, subscript and cast chains are refused as
    /// the server's analysis refuses them, instead of overflowing the stack (a crash before).
    @Test(arguments: [
        ("CREATE TABLE t (x int, y int GENERATED ALWAYS AS (" + String(repeating: "CASE WHEN x > 0 THEN ", count: 100_000) + "1"
            + String(repeating: " END", count: 100_000) + ") STORED);", "memory exhausted at or near \"WHEN\""),
        ("CREATE TABLE t (x int[] DEFAULT ARRAY" + String(repeating: "[", count: 100_000) + "1" + String(repeating: "]", count: 100_000) + ");",
         "memory exhausted at or near \"[\""),
        ("CREATE TABLE t (x int CHECK (x" + String(repeating: " + 1", count: 100_000) + " > 0));", "stack depth limit exceeded"),
        ("CREATE TABLE t (x int[] CHECK (x" + String(repeating: "[1]", count: 100_000) + " > 0));", "stack depth limit exceeded"),
        ("CREATE INDEX ON t ((x" + String(repeating: "::text", count: 50_000) + "));", "stack depth limit exceeded"),
        ("CREATE TABLE t (x bool CHECK (x" + String(repeating: " AND x", count: 100_000) + "));", "stack depth limit exceeded"),
    ])
    func deepTreesAreRefusedNotCrashed(_ sql: String, _ message: String) throws {
        let error = try #require(throws: SQLSyntaxError.self) { try SQLParser.parse(text: sql, file: "deep.sql") }
        #expect(error.message == message)
        let (_, errors) = SQLParser.parseRecovering(text: sql, file: "deep.sql")
        #expect(errors.map(\.message) == [message])
    }

    @Test func caseNestedAsDeepAsPostgresAllowsParses() throws {
        let sql = "CREATE TABLE t (x int, y int GENERATED ALWAYS AS (" + String(repeating: "CASE WHEN x > 0 THEN ", count: 900) + "1"
            + String(repeating: " END", count: 900) + ") STORED);"
        #expect(try SQLParser.parse(text: sql, file: "case.sql").count == 1)
    }

    @Test(arguments: [("FROBNICATE THE WIDGETS;", "syntax error at or near \"FROBNICATE\""),
                      ("CREATE TABEL foo (a int);", "syntax error at or near \"TABEL\"")])
    func unknownStatementsAreSyntaxErrors(_ sql: String, _ message: String) throws {
        let error = try #require(throws: SQLSyntaxError.self) { try SQLParser.parse(text: sql, file: "typo.sql") }
        #expect(error.message == message)
    }

    @Test(.enabled(if: PostgresCluster.isInstalled || PostgresCluster.mustRun, "needs Debian's postgresql-15"))
    func nestingVerdictsMatchPostgres() throws {
        let pg = try PostgresCluster.shared()
        let db = try pg.createDatabase("nest")
        // PostgreSQL's limit is its parser's 10,000-entry stack, a few entries either way of 10,000
        // parentheses depending on the statement; Chunkwise counts 10,001 open parentheses.
        _ = try pg.query(Self.nestedCheck(9_000), database: db)
        #expect(throws: (any Error).self) { try pg.query(Self.nestedCheck(10_000).replacingOccurrences(of: "TABLE t ", with: "TABLE t2 "), database: db) }
    }

    // MARK: policies

    @Test(.timeLimit(.minutes(1)))
    func aTwoMicrosecondChunkIntervalDoesNotStepEveryMicrosecond() throws {
        var hypertable = try Hypertable(table: NQPTables.marketData, options: HypertableOptions(timeColumn: "timestamp", chunkInterval: 2))
        try hypertable.enableCompression(CompressionSettings(segmentBy: "ticker_id", orderBy: nil, timeColumn: "timestamp", batchSizeLimit: 1000))
        var simulation = Simulation(hypertable: hypertable)
        try simulation.addCompressionPolicy(after: PGInterval(days: 1))
        let text = Self.header + Self.row(time: "2024-01-01 00:00:00+00") + Self.row(time: "2024-01-03 00:00:00+00").replacingOccurrences(of: "0001,", with: "0002,")
        let rows = try CopyReader(table: NQPTables.marketData, loadTime: 0).read(string: text)
        _ = try simulation.run(rows)
        let job = try #require(simulation.jobs.first)
        // Schedule = chunk interval / 2 = 1 µs: one run per µs over two days, counted, not stepped.
        #expect(job.scheduleInterval == 1)
        #expect(job.runs == 2 * 86_400_000_000 + 1)
        #expect(job.chunksAffected == 1)
        #expect(simulation.hypertable.chunks.filter(\.isCompressed).count == 1)
    }

    @Test(.timeLimit(.minutes(1)))
    func aClockEighteenThousandYearsAheadIsCountedNotStepped() throws {
        var hypertable = try Hypertable(table: NQPTables.marketData, options: HypertableOptions(timeColumn: "timestamp", chunkInterval: 86_400_000_000))
        try hypertable.enableCompression(CompressionSettings(segmentBy: "ticker_id", orderBy: nil, timeColumn: "timestamp", batchSizeLimit: 1000))
        var simulation = Simulation(hypertable: hypertable)
        try simulation.addCompressionPolicy(after: PGInterval(days: 7))
        try simulation.addRetentionPolicy(dropAfter: PGInterval(days: 30))
        let rows = try CopyReader(table: NQPTables.marketData, loadTime: 0).read(string: Self.header + Self.row(time: "2024-01-01 00:00:00+00"))
        let now = try PGTimestamp.parse("20224-01-01")
        _ = try simulation.run(rows, now: now)
        let start = try PGTimestamp.parse("2024-01-01 00:00:00+00")
        #expect(simulation.jobs[0].runs == Int((now - start) / PolicyJob.twelveHours) + 1)
        #expect(simulation.jobs[1].runs == Int((now - start) / PolicyJob.oneDay) + 1)
        #expect(simulation.hypertable.chunks.isEmpty)
    }

    @Test func nowBeforeTheDataIsRefusedNotMoved() throws {
        let hypertable = try Hypertable(table: NQPTables.marketData, options: HypertableOptions(timeColumn: "timestamp", chunkInterval: 86_400_000_000))
        var simulation = Simulation(hypertable: hypertable)
        let rows = try CopyReader(table: NQPTables.marketData, loadTime: 0).read(string: Self.header + Self.row(time: "2024-01-02 00:00:00+00"))
        let now = try PGTimestamp.parse("2024-01-01 00:00:00+00")
        #expect(throws: HypertableError.nowBeforeData(now: now, lastRow: now + 86_400_000_000)) { try simulation.run(rows, now: now) }
    }

    @Test func anInfiniteTimeIsRefusedByRow() throws {
        let hypertable = try Hypertable(table: NQPTables.marketData, options: HypertableOptions(timeColumn: "timestamp", chunkInterval: 86_400_000_000))
        var simulation = Simulation(hypertable: hypertable)
        let rows = try CopyReader(table: NQPTables.marketData, loadTime: 0).read(string: Self.header + Self.row(time: "infinity"))
        #expect(throws: HypertableError.infiniteTime(column: "timestamp", row: 0)) { try simulation.run(rows) }
    }
}

/// The arithmetic policy clock against the step-by-step one it replaced: the same runs, the same
/// chunks compressed and dropped, on seeded random data.
@Suite struct PolicyClockEquivalenceTests {
    /// The old loop: every scheduled run, one at a time.
    static func stepped(_ simulation: inout Simulation, _ rows: RowSet, now: Int64) throws {
        let t = rows.columns[2]
        let times = (0..<rows.count).map { t.value(at: $0) }.map { v -> Int64 in if case .timestamp(let x) = v { return x }; return 0 }
        let order = (0..<rows.count).sorted { times[$0] != times[$1] ? times[$0] < times[$1] : $0 < $1 }
        let start = times[order[0]]
        for j in simulation.jobs.indices { simulation.jobs[j].nextStart = start }
        var next = 0
        func insert(upTo limit: Int64?) throws {
            var stop = next
            while stop < order.count, limit.map({ times[order[stop]] <= $0 }) ?? true { stop += 1 }
            guard stop > next else { return }
            _ = try simulation.hypertable.insert(rows.gathering(Array(order[next..<stop])))
            next = stop
        }
        while let due = simulation.jobs.map(\.nextStart).min(), due <= now {
            try insert(upTo: due)
            for j in simulation.jobs.indices where simulation.jobs[j].nextStart == due {
                try simulation.jobs[j].run(on: &simulation.hypertable, now: due, zone: .utc)
                simulation.jobs[j].nextStart = due + simulation.jobs[j].scheduleInterval
            }
        }
        try insert(upTo: nil)
    }

    @Test(arguments: 1...6)
    func sameRunsAndChunksAsSteppingEveryRun(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let base: Int64 = 1_704_067_200_000_000
        var text = HostileInputCatalogueTests.header
        var time = base
        for n in 0..<300 {
            time += Int64(rng.next() % 3) * 3_600_000_000 + Int64(1 + rng.next() % 60) * 60_000_000
            let id = String(format: "%012d", n + 1)
            text += "00000000-0000-4000-8000-\(id),00000000-0000-4000-8000-0000000000aa,\(PGTimestamp.format(time)),1.25,1.5,1,1.25,10,1m\n"
        }
        let rows = try CopyReader(table: NQPTables.marketData, loadTime: 0).read(string: text)
        let chunk = Int64(1 + rng.next() % 12) * 3_600_000_000
        let now = time + Int64(rng.next() % 200) * 3_600_000_000
        func fresh() throws -> Simulation {
            var h = try Hypertable(table: NQPTables.marketData, options: HypertableOptions(timeColumn: "timestamp", chunkInterval: chunk))
            try h.enableCompression(CompressionSettings(segmentBy: "ticker_id", orderBy: nil, timeColumn: "timestamp", batchSizeLimit: 1000))
            var s = Simulation(hypertable: h)
            try s.addCompressionPolicy(after: PGInterval(microseconds: Int64(1 + rng.next() % 48) * 3_600_000_000))
            try s.addRetentionPolicy(dropAfter: PGInterval(days: Int32(2 + rng.next() % 10)))
            return s
        }
        var fast = try fresh()
        var slow = fast
        _ = try fast.run(rows, now: now)
        try Self.stepped(&slow, rows, now: now)
        for j in fast.jobs.indices {
            #expect(fast.jobs[j].runs == slow.jobs[j].runs)
            #expect(fast.jobs[j].chunksAffected == slow.jobs[j].chunksAffected)
            #expect(fast.jobs[j].lastRun == slow.jobs[j].lastRun)
        }
        #expect(fast.hypertable.chunks.map(\.name) == slow.hypertable.chunks.map(\.name))
        #expect(fast.hypertable.chunks.map(\.isCompressed) == slow.hypertable.chunks.map(\.isCompressed))
        #expect(fast.hypertable.chunks.map(\.rowCount) == slow.hypertable.chunks.map(\.rowCount))
        #expect(fast.hypertable.droppedChunkCount == slow.hypertable.droppedChunkCount)
    }
}
