/// The TimescaleDB options of a `WITH (…)` / `SET (…)` list, read as TimescaleDB reads them
/// (src/with_clause/with_clause_parser.c): keys in the `timescaledb` namespace or its `tsdb`
/// alias, both case-insensitive; each option by any of its names, case-insensitive; a name
/// twice is `duplicate parameter`, an unknown one `unrecognized parameter` with the valid names.
public struct TimescaleOptionList: Sendable {
    /// One option: its names, the first being the one TimescaleDB prints.
    public struct Definition: Sendable {
        public var names: [String]
        public init(_ names: String...) { self.names = names }
    }

    /// A given option: its value and the key as written (for messages).
    public struct Given: Sendable, Hashable {
        public var value: String
        public var key: String
    }

    /// Given options by their first name.
    public var options: [String: Given]

    /// Whether `key` is in TimescaleDB's namespace (`timescaledb.` or `tsdb.`, any case).
    public static func isTimescaleKey(_ key: String) -> Bool { namespace(of: key) != nil }

    /// The namespace and name of a TimescaleDB key.
    static func namespace(of key: String) -> (namespace: String, name: String)? {
        guard let dot = key.firstIndex(of: ".") else { return nil }
        let namespace = String(key[..<dot])
        guard ["timescaledb", "tsdb"].contains(namespace.lowercased()) else { return nil }
        return (namespace, String(key[key.index(after: dot)...]))
    }

    /// The TimescaleDB options of `list` against `definitions`, or the refusal TimescaleDB gives.
    public static func read(_ list: [String: String], definitions: [Definition]) -> Result<TimescaleOptionList, CatalogDiagnostic> {
        var options: [String: Given] = [:]
        // Dictionary order is arbitrary; report on keys in sorted order so a refusal is stable.
        for key in list.keys.sorted() {
            guard let (namespace, name) = namespace(of: key), let value = list[key] else { continue }
            guard let definition = definitions.first(where: { $0.names.contains { $0.caseInsensitiveCompare(name) == .orderedSame } }),
                  let first = definition.names.first else {
                return .failure(CatalogDiagnostic(severity: .error, message: "unrecognized parameter \"\(namespace).\(name)\"",
                                                  kind: .invalidArgument, sqlState: "22023",
                                                  hint: "Valid timescaledb parameters are: " + definitions.compactMap(\.names.first).joined(separator: ", ")))
            }
            if options[first] != nil {
                return .failure(CatalogDiagnostic(severity: .error, message: "duplicate parameter \"\(namespace).\(name)\"",
                                                  kind: .invalidArgument, sqlState: "42P08"))
            }
            options[first] = Given(value: value, key: key)
        }
        return .success(TimescaleOptionList(options: options))
    }

    /// A boolean option (`true` when absent and `default` is true), or TimescaleDB's refusal of
    /// a value that is not a boolean (`invalid value for ns.name 'x'`).
    public func bool(_ name: String, default value: Bool) -> Result<Bool, CatalogDiagnostic> {
        guard let given = options[name] else { return .success(value) }
        // PostgreSQL's parse_bool: any prefix of true/yes/false/no, on, of(f), 1, 0.
        if let b = Value.parseBoolean(given.value) { return .success(b) }
        return .failure(CatalogDiagnostic(severity: .error, message: "invalid value for \(given.key) '\(given.value)'", kind: .invalidArgument,
                                          sqlState: "22023", hint: "\(given.key) must be a valid bool"))
    }

    /// A text option's value.
    public subscript(name: String) -> String? { options[name]?.value }

    /// CREATE TABLE's options (src/with_clause/create_table_with_clause.c, in its order).
    public static let createTable: [Definition] = [
        Definition("hypertable"), Definition("columnstore", "enable_columnstore", "compress"),
        Definition("partition_column", "partitioning_column"), Definition("chunk_interval"), Definition("create_default_indexes"),
        Definition("associated_schema"), Definition("associated_table_prefix"),
        Definition("orderby", "order_by", "compress_orderby"), Definition("segmentby", "segment_by", "compress_segmentby"),
        Definition("compress_index", "compress_sparse_index", "index", "sparse_index"),
        Definition("chunk_origin", "partition_origin", "partitioning_origin", "origin"),
    ]

    /// ALTER TABLE … SET's options (tsl/src/compression/alter_table_with_clause.c, in its order).
    public static let alterTable: [Definition] = [
        Definition("chunk_interval"), Definition("compress", "columnstore", "enable_columnstore"),
        Definition("compress_segmentby", "segmentby", "segment_by"), Definition("compress_orderby", "orderby", "order_by"),
        Definition("compress_chunk_interval", "compress_chunk_time_interval"),
        Definition("compress_index", "compress_sparse_index", "index", "sparse_index"),
    ]
}
