/// What `chunkwise generate --out FILE` reports once the COPY-CSV file is written.
public struct GenerateSummary: Sendable, Codable, Hashable {
    public var table: String
    public var rows: Int
    /// Bytes of the file written.
    public var bytes: Int
    public var out: String
    public var seed: UInt64

    public init(table: String, rows: Int, bytes: Int, out: String, seed: UInt64) {
        self.table = table
        self.rows = rows
        self.bytes = bytes
        self.out = out
        self.seed = seed
    }
}

extension GenerateSummary: RenderableReport {
    public func tableText() -> String { "wrote \(rows) \(table) rows (\(bytes) bytes) to \(out)" }

    public func markdownText() -> String {
        "# Synthetic \(MarkdownText.code(table)) data\n\n"
            + TextTable(header: ["table", "rows", "bytes", "file", "seed"], rows: [[table, "\(rows)", "\(bytes)", out, "\(seed)"]],
                        rightAligned: [1, 2, 4]).markdown
    }
}
