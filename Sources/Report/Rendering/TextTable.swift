/// A table of text cells, rendered the one way the human reports align columns (two spaces
/// between columns, a dashed rule under the header, numbers right-aligned, no trailing blanks)
/// and as a markdown table with the same cells.
public struct TextTable: Sendable, Hashable {
    public var header: [String]
    public var rows: [[String]]
    /// Column positions aligned right (numbers).
    public var rightAligned: Set<Int>

    public init(header: [String], rows: [[String]], rightAligned: Set<Int> = []) {
        self.header = header
        self.rows = rows
        self.rightAligned = rightAligned
    }

    /// The aligned lines: header, rule, rows.
    public var lines: [String] {
        var widths = header.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() {
                if i < widths.count { widths[i] = max(widths[i], cell.count) } else { widths.append(cell.count) }
            }
        }
        func line(_ cells: [String]) -> String {
            var text = cells.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: max(0, widths[i] - cell.count))
                return rightAligned.contains(i) ? pad + cell : cell + pad
            }.joined(separator: "  ")
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }
        return [line(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")] + rows.map(line)
    }

    /// The aligned table as text, each line ending in a newline.
    public var text: String { lines.map { $0 + "\n" }.joined() }

    /// A GitHub-flavoured markdown table (`|` in cells escaped), each line ending in a newline.
    public var markdown: String {
        func row(_ cells: [String]) -> String {
            "| " + cells.map { MarkdownText.cell($0) }.joined(separator: " | ") + " |\n"
        }
        let rule = "|" + header.indices.map { rightAligned.contains($0) ? "---:|" : "---|" }.joined() + "\n"
        return row(header) + rule + rows.map(row).joined()
    }
}

/// Markdown escaping for report text.
enum MarkdownText {
    /// A table cell: `|` escaped, line breaks as spaces, empty cells kept visible.
    static func cell(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "|": out += "\\|"
            case "\n", "\r": out += " "
            default: out.append(c)
            }
        }
        return out
    }

    /// Inline text inside backticks, with a longer fence when the text holds a backtick.
    static func code(_ s: String) -> String {
        let fence = s.contains("`") ? "``" : "`"
        let padded = s.hasPrefix("`") || s.hasSuffix("`") ? " " + s + " " : s
        return fence + padded.replacingOccurrences(of: "\n", with: " ") + fence
    }
}
