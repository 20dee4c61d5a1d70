import Foundation

/// One line of the suite's table: a workload on one data set, Chunkwise's figure, PostgreSQL's
/// figure from the same run when there is one, their ratio, and the issue's bar for it.
struct SuiteRow: Encodable {
    /// `ingest`, `compression`, `decompression`, `analytics`, `plan`, `memory`.
    var workload: String
    /// What exactly ran (e.g. `COPY CSV → engine, compressed after 7 days`).
    var detail: String
    /// The data set (`synthetic 1×`, `real`, …).
    var data: String
    var rows: Int
    /// Chunkwise's figure and its unit (`rows/s`, `MB/s`, `ns/call`, `s`, `B/row`).
    var value: Double
    var unit: String
    /// A second reading of the same run: per-row or per-call cost, or rows/s beside MB/s.
    var secondary: String
    /// PostgreSQL 15's figure in the same unit, measured in this run.
    var postgres: Double?
    /// How many times better Chunkwise is (higher is better for rates, lower for costs).
    var ratio: Double?
    /// The bar from issue 14, as text, and whether this run meets it (nil: no bar).
    var bar: String?
    var met: Bool?
    /// The 1-minute load average before and after the measurement.
    var load_before: Double
    var load_after: Double
}

extension SuiteRow {
    static func rate(_ v: Double) -> String {
        if v >= 1e6 { return String(format: "%.2f M", v / 1e6) }
        if v >= 1e3 { return String(format: "%.1f k", v / 1e3) }
        return String(format: "%.0f", v)
    }

    static func duration(_ ns: Double) -> String {
        if ns < 1_000 { return String(format: "%.0f ns", ns) }
        if ns < 1_000_000 { return String(format: "%.1f µs", ns / 1_000) }
        if ns < 1_000_000_000 { return String(format: "%.2f ms", ns / 1_000_000) }
        return String(format: "%.2f s", ns / 1e9)
    }

    func formatted(_ v: Double) -> String {
        switch unit {
        case "rows/s": return Self.rate(v) + " rows/s"
        case "MB/s": return String(format: "%.0f MB/s", v)
        case "ns/call": return Self.duration(v)
        case "s": return String(format: "%.2f s", v)
        case "B/row": return String(format: "%.0f B/row", v)
        default: return String(format: "%g %@", v, unit)
        }
    }

    var cells: [String] {
        [workload, detail, data, "\(rows)", formatted(value), secondary, postgres.map(formatted) ?? "-",
         ratio.map { String(format: "%.1f×", $0) } ?? "-", bar ?? "-", met.map { $0 ? "yes" : "NO" } ?? "-",
         String(format: "%.1f/%.1f", load_before, load_after)]
    }

    static let header = ["workload", "what", "data", "rows", "Chunkwise", "also", "PostgreSQL 15", "ratio", "bar", "met", "load"]
}
