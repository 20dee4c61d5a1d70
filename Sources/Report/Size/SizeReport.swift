import PostgresModel

/// What `chunkwise size` reports: predicted PostgreSQL 15 relation sizes per fork for a table's
/// rows (CLI.md "size" names the JSON fields `relations[].name/kind/main_bytes/fsm_bytes/vm_bytes`
/// and `total_bytes`; an UNLOGGED table's indexes add `init_bytes`, their init forks, and
/// `warnings` lists what the sizes leave out).
public struct SizeReport: Sendable, Codable, Hashable {
    /// How the TOAST relation is named: predictably (`pg_toast.pg_toast_<table OID>` with the OID
    /// given) or not (the OID is assigned by the server and unknown offline).
    public struct ToastName: Sendable, Codable, Hashable {
        public var name: String
        public var predictable: Bool
        public var note: String
    }

    public var table: String
    public var rows: Int
    /// `bulk` or `incremental`.
    public var indexBuild: String
    /// Each relation as `pg_relation_size(rel, fork)` would report it; for TOAST's name see ``toastName``.
    public var relations: [RelationSize]
    public var totalBytes: Int
    /// Present when the table has a TOAST relation.
    public var toastName: ToastName?
    /// What the sizes leave out or approximate (``SizeModelOmissions``), as printed on stderr; nil
    /// (no field in the JSON) when nothing is.
    public var warnings: [String]?

    /// The report for `sizes` (from ``RelationSizeModel``) of `rows` rows of `table`; `tableOID`,
    /// when known, names the TOAST relation as `pg_class` shows it.
    public init(table: String, rows: Int, indexBuild: IndexBuild, sizes: [RelationSize], tableOID: UInt32? = nil) {
        self.table = table
        self.rows = rows
        self.indexBuild = indexBuild.rawValue
        var toast: ToastName?
        relations = sizes.map { r in
            var name = r.name
            if r.kind == .toast {
                let naming = ToastRelationName(tableOID: tableOID, table: table)
                name = naming.qualifiedName
                toast = ToastName(name: naming.qualifiedName, predictable: naming.isPredictable, note: naming.explanation)
            }
            var named = r
            named.name = name
            return named
        }
        totalBytes = sizes.reduce(0) { $0 + $1.totalBytes }
        toastName = toast
    }
}

extension SizeReport: RenderableReport {
    var headline: String { "predicted PostgreSQL 15 bytes, \(rows) rows of \(table), index build: \(indexBuild)" }

    public func tableText() -> String {
        let width = max(30, relations.map(\.name.count).max() ?? 0)
        func pad(_ s: String, _ n: Int) -> String { s + String(repeating: " ", count: max(0, n - s.count)) }
        func lpad(_ s: String, _ n: Int) -> String { String(repeating: " ", count: max(0, n - s.count)) + s }
        // The init column only for an UNLOGGED table (no other relation has an init fork).
        let hasInit = relations.contains { $0.initBytes > 0 }
        var lines = [headline, pad("relation", width) + "  " + pad("kind", 6) + lpad("main", 14) + lpad("fsm", 10) + lpad("vm", 10)
                        + (hasInit ? lpad("init", 10) : "")]
        for r in relations {
            lines.append(pad(r.name, width) + "  " + pad(r.kind.rawValue, 6) + lpad("\(r.mainBytes)", 14) + lpad("\(r.fsmBytes)", 10) + lpad("\(r.vmBytes)", 10)
                         + (hasInit ? lpad("\(r.initBytes)", 10) : ""))
        }
        lines.append(pad("total", width) + "  " + pad("", 6) + lpad("\(totalBytes)", 14))
        if let toastName, !toastName.predictable { lines.append(toastName.note) }
        return lines.joined(separator: "\n")
    }

    public func markdownText() -> String {
        let hasInit = relations.contains { $0.initBytes > 0 }
        let sizes = TextTable(header: ["relation", "kind", "main", "fsm", "vm"] + (hasInit ? ["init"] : []),
                              rows: relations.map { [$0.name, $0.kind.rawValue, "\($0.mainBytes)", "\($0.fsmBytes)", "\($0.vmBytes)"] + (hasInit ? ["\($0.initBytes)"] : []) }
                                + [["total", "", "\(totalBytes)", "", ""] + (hasInit ? [""] : [])],
                              rightAligned: hasInit ? [2, 3, 4, 5] : [2, 3, 4])
        var out = "# Predicted PostgreSQL 15 sizes of \(MarkdownText.code(table))\n\n\(headline)\n\n" + sizes.markdown
        if let toastName, !toastName.predictable { out += "\n" + toastName.note + "\n" }
        return out
    }
}
