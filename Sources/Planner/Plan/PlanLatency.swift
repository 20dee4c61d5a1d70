/// The latency model `plan` attaches to fill its `latency` and `targets` sections (nil until a
/// model is available; the plan then says so in `method.notes`).
public enum PlanLatency {
    public static let model: (@Sendable (Scenario, CapacityPlanner.PlanFacts) -> ([CapacityPlan.QueryLatencyFigure], [CapacityPlan.TargetFigure]))? = nil
}
