extension ColumnDefinition {
    /// The column's type name when PostgreSQL has no less-than operator for it (`json`, `xml`, the
    /// geometric types), which TimescaleDB refuses as a `compress_orderby` column: `invalid ordering
    /// column type json` (tsl/src/compression/create.c, `lookup_type_cache(…, TYPECACHE_LT_OPR)`);
    /// nil for a type it can order.
    public var typeWithoutLessThan: String? {
        if let name = catalogType?.lowercased() { return Self.typesWithoutLessThan.contains(name) ? name : nil }
        if case .json = type { return "json" }
        return nil
    }

    /// Built-in types with no default B-tree operator class.
    static let typesWithoutLessThan: Set<String> = ["json", "xml", "point", "line", "lseg", "box", "path", "polygon", "circle"]
}
