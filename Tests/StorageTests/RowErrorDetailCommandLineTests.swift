import Foundation
import Storage
import Testing
import TestSupport

/// A team's own table refusing a row for NOT NULL, CHECK or a duplicate key: every data command
/// prints PostgreSQL's DETAIL line after the error, as psql shows COPY's (it was dropped: only
/// value errors such as numeric overflow had theirs printed). Expected texts are PostgreSQL
/// 15.18's for the same schema and files (`\copy readings (note, ts, …) from … csv header`).
@Suite(.serialized) struct RowErrorDetailCommandLineTests {
    static let schema = """
        CREATE TABLE readings (
          ts timestamptz NOT NULL,
          device_id integer NOT NULL,
          temp numeric(6,2) CHECK (temp > -100),
          hum smallint,
          ok boolean,
          note text,
          PRIMARY KEY (device_id, ts)
        );

        """
    static let header = "note,ts,device_id,temp,hum,ok\n"

    /// (file name, rows after the header, PostgreSQL's ERROR line with our location, its DETAIL line)
    static let cases: [(name: String, rows: String, error: String, detail: String)] = [
        ("detail-check.csv", "a,2024-01-01 00:00:00+00,1,1,1,t\nb,2024-01-01 00:00:01+00,1,-200,1,f\n",
         ":3: new row for relation \"readings\" violates check constraint \"readings_temp_check\"",
         "DETAIL:  Failing row contains (2024-01-01 00:00:01+00, 1, -200.00, 1, f, b)."),
        ("detail-notnull.csv", "a,2024-01-01 00:00:00+00,,1,1,t\n",
         ":2: null value in column \"device_id\" of relation \"readings\" violates not-null constraint",
         "DETAIL:  Failing row contains (2024-01-01 00:00:00+00, null, 1.00, 1, t, a)."),
        ("detail-dup.csv", "a,2024-01-01 00:00:00+00,1,1,1,t\nb,2024-01-01 00:00:00+00,1,1,1,f\n",
         ":3: duplicate key value violates unique constraint \"readings_pkey\"",
         "DETAIL:  Key (device_id, ts)=(1, 2024-01-01 00:00:00+00) already exists."),
    ]

    static func file(_ name: String, _ text: String) throws -> String {
        let path = FileManagerPaths.temporary(name)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func theReportCarriesTheDetailLine() {
        let error = CopyError(file: "x.csv", line: 4, column: "device_id", table: "readings", kind: .notNull,
                              detail: "Failing row contains (null).")
        #expect(error.report == "x.csv:4: null value in column \"device_id\" of relation \"readings\" violates not-null constraint\n"
                + "DETAIL:  Failing row contains (null).")
    }

    /// PostgreSQL 15: `INSERT … ON CONFLICT (k, ts) DO UPDATE` of two rows with one key says why in a HINT.
    @Test func anUpdateAffectingARowTwiceSaysWhyInAHint() throws {
        let url: URL = try #require(ChunkwiseExecutable.url, "the chunkwise executable is built beside the tests")
        let schema = try Self.file("detail-readings.sql", Self.schema)
        let data = try Self.file("detail-twice.csv", Self.header + Self.cases[2].rows)
        let result = try ChunkwiseExecutable.run(url, ["simulate", "--schema", schema, "--table", "readings", "--data", data,
                                                       "--on-conflict", "update"], stdin: nil)
        #expect(result.status == 1)
        #expect(result.stderr.contains(data + ":3: ON CONFLICT DO UPDATE command cannot affect row a second time\n"
            + "HINT:  Ensure that no rows proposed for insertion within the same command have duplicate constrained values.\n"),
                "\(result.stderr)")
    }

    @Test(arguments: ["size", "simulate", "compare", "profile"])
    func everyDataCommandPrintsTheDetail(command: String) throws {
        let url: URL = try #require(ChunkwiseExecutable.url, "the chunkwise executable is built beside the tests")
        let schema = try Self.file("detail-readings.sql", Self.schema)
        for c in Self.cases {
            // profile measures an export and does not check keys.
            if command == "profile" && c.name == "detail-dup.csv" { continue }
            let data = try Self.file(c.name, Self.header + c.rows)
            var arguments = [command, "--schema", schema, "--table", "readings", "--data", data]
            if command == "compare" { arguments += ["--setting", "segmentby=device_id"] }
            let result = try ChunkwiseExecutable.run(url, arguments, stdin: nil)
            #expect(result.status == 1, "\(command) \(c.name): \(result.stderr)")
            #expect(result.stderr.contains(data + c.error + "\n" + c.detail + "\n"), "\(command) \(c.name): \(result.stderr)")
        }
    }
}
