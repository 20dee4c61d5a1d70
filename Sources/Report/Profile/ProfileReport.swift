import Planner

/// What `chunkwise profile` reports: the measured data profile (its JSON is the profile document
/// `plan --profile` reads) and where it was written.
public struct ProfileReport: Sendable, Encodable {
    public var profile: MarketDataProfile
    /// The file the profile was written to, if any.
    public var writtenTo: String?

    public init(profile: MarketDataProfile, writtenTo: String?) {
        self.profile = profile
        self.writtenTo = writtenTo
    }

    /// The JSON document is the profile itself, so the output is a valid `--profile` file.
    public func encode(to encoder: any Encoder) throws { try profile.encode(to: encoder) }
}

extension ProfileReport: RenderableReport {
    var summary: String {
        let p = profile
        return "profile \(p.name) from \(p.measuredRows) rows: \(p.observedTickers) \(p.observedTickers == 1 ? "ticker" : "tickers"), intervals \(p.observedIntervals.joined(separator: ",")), "
            + "session zone \(p.calendar.zone) (\(p.calendar.minutesOpenPerWeek) open minutes a week), tick \(p.price.tick), "
            + "level \(p.price.level); written to \(writtenTo ?? "-")"
    }

    /// The profile's warnings (what measuring found wrong with the export), one line each.
    var warningLines: [String] { (profile.warnings ?? []).map { "WARNING: " + $0 } }

    public func tableText() -> String { ([summary] + warningLines).joined(separator: "\n") }

    public func markdownText() -> String {
        let p = profile
        return "# Data profile \(MarkdownText.code(p.name))\n\n"
            + TextTable(header: ["measure", "value"], rows: [
                ["rows measured", "\(p.measuredRows)"], ["tickers", "\(p.observedTickers)"],
                ["intervals", p.observedIntervals.joined(separator: ", ")], ["session zone", p.calendar.zone],
                ["open minutes a week", "\(p.calendar.minutesOpenPerWeek)"], ["tick", "\(p.price.tick)"], ["price level", "\(p.price.level)"],
                ["written to", writtenTo ?? "-"],
            ]).markdown
            + (warningLines.isEmpty ? "" : "\n## Warnings\n\n" + (profile.warnings ?? []).map { "- " + $0 }.joined(separator: "\n") + "\n")
    }
}
