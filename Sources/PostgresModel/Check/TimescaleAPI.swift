import Schema

/// TimescaleDB's SQL API as data: the functions and procedures migrations call, with parameter
/// names, types and defaults per version, taken from TimescaleDB's own SQL sources. A call is bound
/// to them as PostgreSQL binds any call (positional, then named; missing parameters need defaults),
/// so a wrong parameter name is refused with PostgreSQL's `function …(…) does not exist`.
///
/// Sources (timescale/timescaledb): `sql/ddl_api.sql` (create_hypertable, by_range, by_hash,
/// add_dimension, set_chunk_time_interval, drop_chunks, show_chunks), `sql/policy_api.sql` and the
/// update scripts that changed them: `sql/updates/2.17.2--2.18.0.sql` (add_compression_policy gains
/// `hypercore_use_access_method`; add_columnstore_policy, remove_columnstore_policy,
/// convert_to_columnstore, convert_to_rowstore created as PROCEDUREs), `sql/updates/2.21.4--2.22.0.sql`
/// (hypercore removed: add_compression_policy, add_columnstore_policy, compress_chunk,
/// convert_to_columnstore recreated without `hypercore_use_access_method`).
enum TimescaleAPI {
    struct Parameter: Sendable, Hashable {
        var name: String
        /// `typname`, `any` for TimescaleDB's `"any"` parameters.
        var type: String
        var hasDefault: Bool
    }

    struct Signature: Sendable, Hashable {
        var name: String
        var parameters: [Parameter]
        var isProcedure: Bool
        /// Needs the Timescale License (TSL) module: unavailable in the Apache edition.
        var community: Bool
        /// First and last 2.x minor version carrying this signature.
        var versions: ClosedRange<Int>
        var result: String
    }

    /// One line per signature: `name|P or F|T or A (TSL or Apache)|from-to|result|param:type[=],…`
    /// (`=` marks a parameter with a default).
    static let table = """
        create_hypertable|F|A|0-99|record|relation:regclass,time_column_name:name,partitioning_column:name=,number_partitions:int4=,associated_schema_name:name=,associated_table_prefix:name=,chunk_time_interval:anyelement=,create_default_indexes:bool=,if_not_exists:bool=,partitioning_func:regproc=,migrate_data:bool=,chunk_target_size:text=,chunk_sizing_func:regproc=,time_partitioning_func:regproc=
        create_hypertable|F|A|13-99|record|relation:regclass,dimension:dimension_info,create_default_indexes:bool=,if_not_exists:bool=,migrate_data:bool=
        by_range|F|A|13-99|dimension_info|column_name:name,partition_interval:anyelement=,partition_func:regproc=
        by_hash|F|A|13-99|dimension_info|column_name:name,number_partitions:int4,partition_func:regproc=
        add_dimension|F|A|0-99|record|hypertable:regclass,column_name:name,number_partitions:int4=,chunk_time_interval:anyelement=,partitioning_func:regproc=,if_not_exists:bool=
        add_dimension|F|A|13-99|record|hypertable:regclass,dimension:dimension_info,if_not_exists:bool=
        set_chunk_time_interval|F|A|0-99|void|hypertable:regclass,chunk_time_interval:anyelement,dimension_name:name=
        set_integer_now_func|F|A|0-99|void|hypertable:regclass,integer_now_func:regproc,replace_if_exists:bool=
        drop_chunks|F|A|0-99|text|relation:regclass,older_than:any=,newer_than:any=,verbose:bool=,created_before:any=,created_after:any=
        show_chunks|F|A|0-99|regclass|relation:regclass,older_than:any=,newer_than:any=,created_before:any=,created_after:any=
        add_retention_policy|F|T|0-99|int4|relation:regclass,drop_after:any=,if_not_exists:bool=,schedule_interval:interval=,initial_start:timestamptz=,timezone:text=,drop_created_before:interval=
        remove_retention_policy|F|T|0-99|void|relation:regclass,if_exists:bool=
        add_compression_policy|F|T|0-17|int4|hypertable:regclass,compress_after:any=,if_not_exists:bool=,schedule_interval:interval=,initial_start:timestamptz=,timezone:text=,compress_created_before:interval=
        add_compression_policy|F|T|18-21|int4|hypertable:regclass,compress_after:any=,if_not_exists:bool=,schedule_interval:interval=,initial_start:timestamptz=,timezone:text=,compress_created_before:interval=,hypercore_use_access_method:bool=
        add_compression_policy|F|T|22-99|int4|hypertable:regclass,compress_after:any=,if_not_exists:bool=,schedule_interval:interval=,initial_start:timestamptz=,timezone:text=,compress_created_before:interval=
        remove_compression_policy|F|T|0-99|bool|hypertable:regclass,if_exists:bool=
        add_columnstore_policy|P|T|18-21|void|hypertable:regclass,after:any=,if_not_exists:bool=,schedule_interval:interval=,initial_start:timestamptz=,timezone:text=,created_before:interval=,hypercore_use_access_method:bool=
        add_columnstore_policy|P|T|22-99|void|hypertable:regclass,after:any=,if_not_exists:bool=,schedule_interval:interval=,initial_start:timestamptz=,timezone:text=,created_before:interval=
        remove_columnstore_policy|P|T|18-99|void|hypertable:regclass,if_exists:bool=
        compress_chunk|F|T|0-17|regclass|uncompressed_chunk:regclass,if_not_compressed:bool=,recompress:bool=
        compress_chunk|F|T|18-21|regclass|uncompressed_chunk:regclass,if_not_compressed:bool=,recompress:bool=,hypercore_use_access_method:bool=
        compress_chunk|F|T|22-99|regclass|uncompressed_chunk:regclass,if_not_compressed:bool=,recompress:bool=
        decompress_chunk|F|T|0-99|regclass|uncompressed_chunk:regclass,if_compressed:bool=
        convert_to_columnstore|P|T|18-21|void|chunk:regclass,if_not_columnstore:bool=,recompress:bool=,hypercore_use_access_method:bool=
        convert_to_columnstore|P|T|22-99|void|chunk:regclass,if_not_columnstore:bool=,recompress:bool=
        convert_to_rowstore|P|T|18-99|void|chunk:regclass,if_columnstore:bool=
        add_reorder_policy|F|T|0-99|int4|hypertable:regclass,index_name:name,if_not_exists:bool=,initial_start:timestamptz=,timezone:text=
        """

    static let signatures: [String: [Signature]] = {
        var out: [String: [Signature]] = [:]
        for line in table.split(separator: "\n") {
            let f = line.drop { $0 == " " }.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard f.count == 6 else { continue }
            let range = f[3].split(separator: "-").compactMap { Int($0) }
            let params = f[5].split(separator: ",").map { p -> Parameter in
                let parts = p.split(separator: ":")
                let type = parts.count > 1 ? String(parts[1]) : "any"
                return Parameter(name: String(parts[0]), type: type.hasSuffix("=") ? String(type.dropLast()) : type, hasDefault: type.hasSuffix("="))
            }
            out[f[0], default: []].append(Signature(name: f[0], parameters: params, isProcedure: f[1] == "P", community: f[2] == "T",
                                                    versions: (range.first ?? 0)...(range.last ?? 99), result: f[4]))
        }
        return out
    }()

    /// Whether the name is part of TimescaleDB's API at any version.
    static func isAPI(_ name: String) -> Bool { signatures[name] != nil }

    /// The type PostgreSQL gives an argument as written (`unknown` for string literals).
    static func argumentType(_ a: FunctionCall.Argument, minor: Int) -> String? {
        switch a {
        case .text, .null: return "unknown"
        case .number(let n):
            if n.contains(".") || n.contains("e") || n.contains("E") { return "numeric" }
            guard let v = Int64(n) else { return "numeric" }
            return v >= Int64(Int32.min) && v <= Int64(Int32.max) ? "int4" : "int8"
        case .bool: return "bool"
        case .interval: return "interval"
        case .call(let inner):
            return signatures[inner.name.lowercased()]?.first { $0.versions.contains(minor) }?.result
        case .expression: return nil
        }
    }

    /// Whether an argument of a type binds to a parameter (implicit coercion, untyped literals).
    static func fits(_ type: String, _ parameter: String) -> Bool {
        if type == parameter || type == "unknown" || parameter == "any" || parameter == "anyelement" { return true }
        switch (type, parameter) {
        case ("int4", "int8"), ("int4", "numeric"), ("int8", "numeric"), ("int4", "regclass"), ("int8", "regclass"): return true
        default: return false
        }
    }

    enum Binding {
        case bound(Signature)
        /// `function f(…) does not exist` / `f(…) is a procedure` / `… is not a procedure`.
        case refused(CatalogDiagnostic)
        /// An argument Chunkwise cannot type; the call is not checked.
        case unchecked
    }

    /// Binds a call to the version's signatures as PostgreSQL's `func_get_detail` does.
    static func bind(_ call: FunctionCall, target: TimescaleTarget) -> Binding {
        let name = call.name.lowercased()
        let minor = target.version.major > 2 ? 99 : target.version.minor
        var types: [String] = []
        for a in call.positional {
            guard let t = argumentType(a, minor: minor) else { return .unchecked }
            types.append(t)
        }
        var namedTypes: [(String, String)] = []
        for key in (call.namedOrder.isEmpty ? call.named.keys.sorted() : call.namedOrder) {
            guard let a = call.named[key], let t = argumentType(a, minor: minor) else { return .unchecked }
            namedTypes.append((key, t))
        }
        let display = PostgresBuiltinCatalog.shared
        let signature = (types.map(display.display) + namedTypes.map { "\($0.0) => \(display.display($0.1))" }).joined(separator: ", ")
        let candidates = (signatures[name] ?? []).filter { $0.versions.contains(minor) }
        let matching = candidates.filter { s in
            guard types.count <= s.parameters.count else { return false }
            for (t, p) in zip(types, s.parameters) where !fits(t, p.type) { return false }
            var given = Set(s.parameters.prefix(types.count).map(\.name))
            for (n, t) in namedTypes {
                guard let p = s.parameters.first(where: { $0.name == n }), !given.contains(n), fits(t, p.type) else { return false }
                given.insert(n)
            }
            return s.parameters.allSatisfy { given.contains($0.name) || $0.hasDefault }
        }
        guard let match = matching.first else {
            return .refused(.error("function \(name)(\(signature)) does not exist", kind: .undefinedFunction(name: name)))
        }
        if match.isProcedure && !call.viaCall {
            // parse_func.c: a procedure called from SELECT.
            return .refused(.error("\(name)(\(signature)) is a procedure", kind: .undefinedFunction(name: name)))
        }
        if !match.isProcedure && call.viaCall {
            return .refused(.error("\(name)(\(signature)) is not a procedure", kind: .undefinedFunction(name: name)))
        }
        return .bound(match)
    }
}
