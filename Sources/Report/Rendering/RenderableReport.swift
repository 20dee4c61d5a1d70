/// A command's result as the one rendering layer sees it: a Codable model (its JSON is the
/// model encoded by ``ReportJSON``), the human tables, markdown, and an HTML page for the
/// reports that have one. Models hold figures; they compute nothing while rendering.
///
/// ```swift
/// let report = SizeReport(table: "market_data", rows: 100, indexBuild: .bulk, relations: sizes)
/// print(try report.rendered(as: .markdown))
/// ```
public protocol RenderableReport: Encodable {
    /// The formats this report renders to (every report has table, json and markdown).
    static var formats: [ReportFormat] { get }
    /// The human tables (what the command prints without `--json`).
    func tableText() -> String
    /// The same content as markdown.
    func markdownText() -> String
    /// A self-contained HTML page, for reports whose ``formats`` include `.html`.
    func htmlText() -> String?
}

extension RenderableReport {
    public static var formats: [ReportFormat] { [.table, .json, .markdown] }
    public func htmlText() -> String? { nil }

    /// The report in `format`; a format the report lacks is refused with the ones it has.
    public func rendered(as format: ReportFormat) throws(ReportError) -> String {
        switch format {
        case .table: return tableText()
        case .markdown: return markdownText()
        case .json:
            do { return try ReportJSON.text(self) } catch { throw .encoding(String(describing: error)) }
        case .html:
            guard Self.formats.contains(.html), let page = htmlText() else {
                throw .unsupportedFormat(format, available: Self.formats)
            }
            return page
        }
    }
}

/// Why a report could not be rendered.
public enum ReportError: Error, Sendable, Equatable, CustomStringConvertible {
    case unsupportedFormat(ReportFormat, available: [ReportFormat])
    case encoding(String)

    public var description: String {
        switch self {
        case .unsupportedFormat(let f, let available):
            return "--format \(f.rawValue) is not available here (\(ReportFormat.list(available)))"
        case .encoding(let message): return "could not encode the report as JSON: \(message)"
        }
    }
}
