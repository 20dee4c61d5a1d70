/// The forms a command's report is rendered in (`--format`): the human tables, one JSON
/// document, markdown, and a self-contained HTML page where the report has one.
public enum ReportFormat: String, Sendable, CaseIterable, Codable {
    case table, json, markdown, html

    /// `table, json or markdown`: the formats listed for a help text or an error.
    public static func list(_ formats: [ReportFormat]) -> String {
        let names = formats.map(\.rawValue)
        guard names.count > 1 else { return names.first ?? "" }
        return names.dropLast().joined(separator: ", ") + " or " + names[names.count - 1]
    }
}
