import Foundation

extension IndexChoice {
    /// `Q1 0.32 ms, Q2 0.81 ms, Q3 3.2 ms` for one configuration.
    static func text(_ latency: [QueryLatency], config: String) -> String {
        let here = latency.filter { $0.config == config }
        return here.isEmpty ? "not predicted" : here.map { "\($0.query) \(milliseconds($0.milliseconds))" }.joined(separator: ", ")
    }

    static func milliseconds(_ v: Double) -> String {
        v >= 10 ? String(format: "%.0f ms", v) : v >= 1 ? String(format: "%.1f ms", v) : String(format: "%.2f ms", v)
    }

    /// What one index costs: bytes and insert time.
    func cost(_ c: Candidate) -> String {
        "\(ByteCount.text(c.plainBytes)) on the plain table, \(ByteCount.text(c.hypertableBytes)) on the hypertable's chunks at now, "
            + String(format: "%.0f ms of insert time per day of bars (", c.insertMillisecondsPerDay)
            + MigrationWriter.grouped(Int(rowsPerDay.rounded())) + String(format: " rows/day x %.1f us per entry)", Self.insertMicrosecondsPerEntry)
    }

    /// The index step's comments: what is created and why, the table's dead-weight indexes with
    /// their cost, and the latency of Q1–Q3 before and after.
    func comments(tableName: String) -> [String] {
        var out = ["Indexes chosen by the latency model (docs/LATENCY_MODEL.md): the ones PostgreSQL 15 / TimescaleDB plan for "
                   + "Q1-Q3 on \(configs.joined(separator: " and ")), and none that no query scans. Q4 and Q5 read the prediction tables: "
                   + "no index of \(tableName) serves them."]
        for c in toCreate {
            out.append("CREATE \(c.index.name) (\(c.index.columns.joined(separator: ", "))): \(c.usedBy.joined(separator: ", ")) scan it; costs " + cost(c) + ".")
        }
        if toCreate.isEmpty { out.append("The table already has every index the queries use; nothing to create.") }
        for c in candidates where c.used && !toCreate.contains(c) {
            out.append("Kept: \(c.index.name) (\(c.index.columns.joined(separator: ", "))), scanned by \(c.usedBy.joined(separator: ", ")).")
        }
        for c in deadWeight {
            out.append("DEAD WEIGHT: the table's index \(c.index.name) (\(c.index.columns.joined(separator: ", "))) is scanned by no query of Q1-Q5; "
                       + "it costs " + cost(c) + ".")
            out.append("  To drop it once no other query needs it: DROP INDEX IF EXISTS \(SQLQuote.ident(c.index.name));")
        }
        for c in unusedConstraints {
            out.append("Unused by Q1-Q5 but kept (it enforces a key): \(c.index.name) (\(c.index.columns.joined(separator: ", "))), " + cost(c) + ".")
        }
        for c in notEmitted {
            let why = c.origin == .migration009 ? "migration 009's" : "a candidate"
            out.append("Not emitted: \(why) \(c.index.name) (\(c.index.columns.joined(separator: ", "))): no query would scan it "
                       + "(it would cost \(ByteCount.text(c.plainBytes)) and \(String(format: "%.0f", c.insertMillisecondsPerDay)) ms of inserts per day).")
        }
        if !notModelled.isEmpty {
            out.append("Not judged (the model costs B-tree and BRIN scans on plain columns only), kept as they are: \(notModelled.joined(separator: ", ")).")
        }
        for config in configs {
            out.append("Latency on \(config), with the table's indexes: " + Self.text(before, config: config)
                       + "; with these: " + Self.text(after, config: config) + ".")
        }
        out.append("Latencies are planning + execution (hot) on the calibration machine; insert cost measured with COPY on PostgreSQL 15 "
                   + "(bench/index_insert_cost/measure.sh).")
        return out
    }
}
