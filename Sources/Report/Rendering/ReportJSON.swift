import Foundation
import Planner

/// The one JSON style of every report: Codable models, keys converted to snake_case by the
/// encoder's key strategy (so `chunkIntervalUs` is `chunk_interval_us`), keys sorted so the same
/// report is the same bytes. It is ``PlanJSON``'s encoder, which `plan` has always used.
public enum ReportJSON {
    /// A fresh encoder in the report style.
    public static var encoder: JSONEncoder { PlanJSON.encoder }

    /// `value` as one JSON document (no trailing newline).
    public static func text<Value: Encodable>(_ value: Value) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
