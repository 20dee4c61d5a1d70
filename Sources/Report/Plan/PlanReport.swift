import Planner

/// What `chunkwise plan` reports: one capacity plan, or one per `--vary` scenario side by side.
/// The JSON is the plan document (CLI.md "plan"), or `{"scenarios": [ … ]}` whenever `--vary`
/// is given (one value too: a script reading `--vary` output reads one shape).
public struct PlanReport: Sendable, Encodable {
    public var plans: [CapacityPlan]
    /// The `--vary FLAG=V1,V2,…` arguments that produced the scenarios (names the columns).
    public var varied: [String]

    public init(plans: [CapacityPlan], varied: [String] = []) {
        self.plans = plans
        self.varied = varied
    }

    enum CodingKeys: String, CodingKey { case scenarios }

    public func encode(to encoder: any Encoder) throws {
        if plans.count == 1 && varied.isEmpty {
            try plans[0].encode(to: encoder)
        } else {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(plans, forKey: .scenarios)
        }
    }
}

extension PlanReport: RenderableReport {
    public static var formats: [ReportFormat] { [.table, .json, .markdown, .html] }

    public func tableText() -> String { plans.count == 1 ? PlanText.table(plans[0]) : PlanText.sideBySide(plans, varied: varied) }
    public func markdownText() -> String { PlanText.markdown(plans, varied: varied) }
    public func htmlText() -> String? { PlanText.html(plans) }
}
