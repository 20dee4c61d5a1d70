import Schema

/// What TimescaleDB (not PostgreSQL) decides about a statement. TimescaleDB cannot be installed
/// here, so each rule cites where the behaviour and wording come from.
enum TimescaleRules {
    /// Apache-edition refusal: `ts_license_enable_module_loading` / `ts_cm_functions_default`
    /// (src/cross_module_fn.c, `error_no_default_fn_community`): "functionality not supported under
    /// the current "apache" license".
    static let apacheRefusal = "functionality not supported under the current \"apache\" license"

    /// Functions that need the TSL module (compression/columnstore and all policies).
    static let tslFunctions: Set<String> = [
        "add_compression_policy", "remove_compression_policy", "add_columnstore_policy", "remove_columnstore_policy",
        "add_retention_policy", "remove_retention_policy", "compress_chunk", "decompress_chunk", "convert_to_columnstore",
        "convert_to_rowstore", "add_reorder_policy", "add_continuous_aggregate_policy",
    ]

    /// A function-call statement against the catalog.
    static func apply(_ call: FunctionCall, catalog: inout SchemaCatalog, target: TimescaleTarget) -> [CatalogDiagnostic] {
        let name = call.name.lowercased()
        if let missing = unavailableFunction(call, catalog: catalog, target: target) { return [missing] }
        if TimescaleAPI.isAPI(name), case .refused(let d) = TimescaleAPI.bind(call, target: target) { return [d] }
        if target.edition == .apache && tslFunctions.contains(name) { return [.error(apacheRefusal, kind: .needsCommunityEdition)] }
        switch name {
        case "create_hypertable": return createHypertable(call, catalog: &catalog, target: target)
        case "add_compression_policy", "add_columnstore_policy": return addCompressionPolicy(call, catalog: &catalog, target: target)
        case "add_retention_policy": return addRetentionPolicy(call, catalog: &catalog, target: target)
        case "remove_compression_policy", "remove_columnstore_policy": return removePolicy(call, catalog: &catalog, retention: false)
        case "remove_retention_policy": return removePolicy(call, catalog: &catalog, retention: true)
        case "drop_chunks", "show_chunks":
            // src/chunk.c find_hypertable_from_table_or_cagg.
            guard let table = call.argument("relation", position: 0)?.textValue else { return [] }
            return requireHypertable(table, catalog: catalog, orContinuousAggregate: true).map { [$0] } ?? []
        case "add_dimension": return addDimension(call, catalog: &catalog, target: target)
        case "set_chunk_time_interval":
            return setChunkTimeInterval(call, catalog: &catalog, target: target)
        case "set_integer_now_func": return setIntegerNowFunction(call, catalog: &catalog)
        case "add_reorder_policy", "remove_reorder_policy", "set_number_partitions", "set_partitioning_interval",
             "enable_chunk_skipping", "disable_chunk_skipping", "detach_tablespaces", "show_tablespaces":
            // Each opens the hypertable cache (ts_hypertable_cache_get_cache_and_entry, CACHE_FLAG_NONE).
            guard let table = publicRelation(call.positional.first) else { return [] }
            return requireHypertable(table, catalog: catalog).map { [$0] } ?? []
        case "hypertable_size", "hypertable_detailed_size", "hypertable_approximate_size", "hypertable_approximate_detailed_size",
             "hypertable_compression_stats", "hypertable_columnstore_stats", "chunks_detailed_size", "approximate_row_count",
             "add_continuous_aggregate_policy", "remove_continuous_aggregate_policy", "refresh_continuous_aggregate":
            // The regclass argument's input function: the relation must exist.
            guard let table = publicRelation(call.positional.first), !catalog.relationExists(unqualified(table)) else {
                if name == "add_continuous_aggregate_policy" || name == "remove_continuous_aggregate_policy" {
                    return ContinuousAggregateRules.refreshPolicy(call, catalog: &catalog)
                }
                return []
            }
            return [CatalogDiagnostic(severity: .error, message: "relation \"\(missingRelationName(table))\" does not exist", sqlState: "42P01")]
        case "add_job":
            // The procedure argument's regproc input: `function "p" does not exist` (regprocin).
            guard let proc = call.argument("proc", position: 0)?.textValue, !catalog.hasUnreadDefinitions,
                  case .missing = catalog.lookUpFunction(proc) else { return [] }
            return [CatalogDiagnostic(severity: .error, message: "function \"\(proc)\" does not exist", sqlState: "42883")]
        default:
            return UnknownFunctionRule.refusal(call, catalog: catalog, target: target).map { [$0] } ?? []
        }
    }

    /// API introduced after the targeted version: the dimension builders `by_range`/`by_hash` came with
    /// the generalized `create_hypertable` in TimescaleDB 2.13, the columnstore names
    /// (`add_columnstore_policy`, `convert_to_columnstore`, …) in 2.18 (TimescaleDB release notes).
    /// PostgreSQL then reports the call as an unknown function.
    static let introducedIn: [String: (Int, Int)] = [
        "by_range": (2, 13), "by_hash": (2, 13),
        "add_columnstore_policy": (2, 18), "remove_columnstore_policy": (2, 18),
        "convert_to_columnstore": (2, 18), "convert_to_rowstore": (2, 18),
    ]

    /// A call of API the targeted version lacks, the innermost first: PostgreSQL resolves a
    /// call's arguments before the call itself.
    static func unavailableFunction(_ call: FunctionCall, catalog: SchemaCatalog, target: TimescaleTarget) -> CatalogDiagnostic? {
        for a in call.positional + (call.namedOrder.isEmpty ? call.named.keys.sorted() : call.namedOrder).compactMap({ call.named[$0] }) {
            if case .call(let inner) = a, let d = unavailableFunction(inner, catalog: catalog, target: target) { return d }
        }
        guard let v = introducedIn[call.name.lowercased()], (target.version.major, target.version.minor) < v else { return nil }
        return UnknownFunctionRule.undefined(call, catalog: catalog)
    }

    /// `table "x" is not a hypertable` (src/hypertable_cache.c, `ts_hypertable_cache_get_cache_and_entry`),
    /// or PostgreSQL's `relation "x" does not exist` from the regclass cast when there is no table.
    /// `orContinuousAggregate`: the policy functions and show_chunks/drop_chunks, which also take a
    /// continuous aggregate, word it `"x" is not a hypertable or a continuous aggregate`.
    static func requireHypertable(_ table: String, catalog: SchemaCatalog, orContinuousAggregate: Bool = false) -> CatalogDiagnostic? {
        let name = unqualified(table)
        guard let t = catalog.tables[name] else {
            // A continuous aggregate takes the policies (its own storage is not modelled); any
            // other relation is the wrong kind, not a missing one.
            switch catalog.otherRelations[name] {
            case SchemaCatalog.continuousAggregateKind? where orContinuousAggregate: return nil
            case _?: return (orContinuousAggregate ? TimescaleError.notHypertableOrContinuousAggregate(name) : .notHypertable(name)).diagnostic
            case nil: return .error("relation \"\(missingRelationName(table))\" does not exist")
            }
        }
        if t.hypertable == nil {
            return (orContinuousAggregate ? TimescaleError.notHypertableOrContinuousAggregate(name) : .notHypertable(name)).diagnostic
        }
        return nil
    }

    /// The type PostgreSQL gives an argument bound to an `"any"` parameter (an untyped literal stays
    /// `unknown`) or to `anyelement` (an untyped literal becomes `text`); nil when Chunkwise cannot type it.
    static func argumentType(_ a: FunctionCall.Argument, target: TimescaleTarget, anyelement: Bool) -> String? {
        guard let t = TimescaleAPI.argumentType(a, minor: target.version.major > 2 ? 99 : target.version.minor) else { return nil }
        return anyelement && t == "unknown" ? "text" : t
    }

    static func isIntegerType(_ t: String) -> Bool { t == "int2" || t == "int4" || t == "int8" }

    /// A policy's `compress_after` / `drop_after` as the catalog keeps it: an interval as given, an
    /// integer (an integer time column's lag, in the column's own units) as that many "µs", as
    /// `chunk_time_interval` of an integer column is kept; nil for a type neither reads.
    static func policyLag(_ lag: FunctionCall.Argument?, type: String?) -> PGInterval? {
        guard let lag, let type, let text = lag.textValue else { return nil }
        if type == "interval" { return PGInterval(text: text) }
        if isIntegerType(type), let v = Int64(text) { return PGInterval(microseconds: v) }
        return nil
    }

    /// The dimension type of a `typname` a time partitioning function returns (nil: none TimescaleDB partitions by).
    static func dimensionType(typname: String) -> PGType? {
        switch typname {
        case "timestamptz": return .timestamptz
        case "timestamp": return .timestamp
        case "date": return .date
        case "int2": return .int2
        case "int4": return .int4
        case "int8": return .int8
        case "uuid": return .uuid
        default: return nil
        }
    }

    /// src/dimension.c `dimension_interval_to_internal`: the interval a time dimension of `type`
    /// accepts, as the C code checks it. nil argument: the default (refused for integer columns).
    static func dimensionInterval(_ a: FunctionCall.Argument?, column: String, type: PGType, target: TimescaleTarget) -> Result<PGInterval?, TimescaleError> {
        guard type.partitionsByTime || type.isInteger else { return .failure(.invalidDimensionType(column: column)) }
        guard let a, a != .null else {
            return type.isInteger ? .failure(.integerDimensionNeedsInterval) : .success(nil)
        }
        guard let valueType = argumentType(a, target: target, anyelement: true) else { return .success(nil) }
        let timestamp = type.partitionsByTime
        if isIntegerType(valueType) {
            let max: Int64 = type == .int2 ? Int64(Int16.max) : type == .int4 ? Int64(Int32.max) : Int64.max
            guard let v = a.textValue.flatMap({ Int64($0) }), v >= 1, v <= max else { return .failure(.integerIntervalOutOfRange(max: max)) }
            if type == .date && v % 86_400_000_000 != 0 { return .failure(.invalidDateInterval) }
            return .success(PGInterval(microseconds: v))
        }
        guard valueType == "interval", timestamp else {
            return .failure(.invalidIntervalType(dimension: type.sqlName, timestamp: timestamp, intervalGiven: valueType == "interval"))
        }
        guard let text = a.textValue else { return .success(nil) }
        guard let interval = PGInterval(text: text) else { return .failure(.intervalSyntax(text)) }
        if let micros = interval.exactTimescaleMicroseconds, micros <= 0, type != .date { return .failure(.nonPositiveInterval) }
        if type == .date {
            // interval_to_usec: months count 30 days.
            // (Overflow-checked: an interval of ~10⁸ years overflowed here and trapped.)
            guard let micros = interval.exactTimescaleMicroseconds, micros > 0, micros % 86_400_000_000 == 0 else {
                return .failure(.invalidDateInterval)
            }
        }
        return .success(interval)
    }

    /// A regclass argument's text when it names a relation of the public schema (or no schema):
    /// chunks and catalog relations of TimescaleDB's own schemas are not in the catalog.
    static func publicRelation(_ a: FunctionCall.Argument?) -> String? {
        guard case .text(let t)? = a else { return nil }
        let lower = t.lowercased()
        if lower.contains("."), !lower.hasPrefix("public.") { return nil }
        return t
    }

    /// The relation name of regclass text (`schema.table`, `"Odd ""Name"""`): the last dotted part,
    /// a quoted part taken verbatim with `""` read as `"`, an unquoted one folded to lower case.
    static func unqualified(_ s: String) -> String {
        QuotedIdentifier.nameParts(ofRegclass: s).last ?? s
    }

    /// Regclass text as `relation "…" does not exist` names it (regclassin's `NameListToString`):
    /// the parts, folded or verbatim as ``unqualified(_:)`` reads them, joined by dots.
    static func missingRelationName(_ s: String) -> String {
        QuotedIdentifier.nameParts(ofRegclass: s).joined(separator: ".")
    }


    /// `create_hypertable(relation, time_column_name, …, chunk_time_interval => …, if_not_exists => …)`
    /// and the 2.13+ form `create_hypertable(relation, by_range(column, interval))`, checked in the
    /// order of src/hypertable.c `ts_hypertable_create_from_info`: already a hypertable, rows without
    /// `migrate_data`, the dimension (src/dimension.c), then the unique indexes (src/indexing.c).
    static func createHypertable(_ call: FunctionCall, catalog: inout SchemaCatalog, target: TimescaleTarget) -> [CatalogDiagnostic] {
        guard let relation = call.argument("relation", position: 0)?.textValue ?? call.named["main_table"]?.textValue else {
            return [.error("function create_hypertable() does not exist")]
        }
        let tableName = unqualified(relation)
        guard var table = catalog.tables[tableName] else { return [.error("relation \"\(missingRelationName(relation))\" does not exist")] }
        var column: String?
        var intervalArgument: FunctionCall.Argument?
        var partitionFunction: FunctionCall.Argument?
        let generalized: Bool
        if case .call(let dim)? = call.argument("dimension", position: 1), dim.name.lowercased() == "by_hash" {
            // src/hypertable.c ts_hypertable_create_general.
            return [CatalogDiagnostic(severity: .error, message: "cannot partition using a closed dimension on primary column",
                                      kind: .invalidArgument, sqlState: "42809", hint: "Use range partitioning on the primary column.")]
        }
        if case .call(let dim)? = call.argument("dimension", position: 1), dim.name.lowercased() == "by_range" {
            generalized = true
            column = dim.argument("column_name", position: 0)?.textValue
            intervalArgument = dim.argument("partition_interval", position: 1)
            partitionFunction = dim.argument("partition_func", position: 2)
        } else {
            generalized = false
            column = call.argument("time_column_name", position: 1)?.textValue
            intervalArgument = call.named["chunk_time_interval"] ?? (call.positional.count > 6 ? call.positional[6] : nil)
            partitionFunction = call.argument("time_partitioning_func", position: 13)
        }
        func flag(_ name: String, position: Int) -> Bool {
            if case .bool(let b)? = call.named[name] ?? (call.positional.count > position ? call.positional[position] : nil) { return b }
            return false
        }
        let ifNotExists = flag("if_not_exists", position: generalized ? 3 : 8)
        let migrateData = flag("migrate_data", position: generalized ? 4 : 10)
        guard let column else { return [.error("function create_hypertable(unknown) does not exist")] }
        if table.hypertable != nil {
            if ifNotExists { return [.notice("table \"\(tableName)\" is already a hypertable, skipping")] }
            return [TimescaleError.alreadyHypertable(tableName).diagnostic]
        }
        if table.partitionKey != nil { return [TimescaleError.alreadyPartitioned(tableName).diagnostic] }
        if !migrateData && catalog.tablesWithRows.contains(tableName) { return [TimescaleError.tableNotEmpty(tableName).diagnostic] }
        // src/dimension.c ts_dimension_info_validate: SearchSysCacheAttName, 42703.
        guard let ci = table.columnIndex(column) else { return [.error("column \"\(column)\" does not exist")] }
        // A time partitioning function: the dimension partitions by what it returns (src/dimension.c
        // ts_dimension_info_validate, get_func_rettype); nil when that type is not known here.
        var dimensionType: PGType? = table.columns[ci].type
        if let f = partitionFunction, f != .null, let name = f.textValue {
            switch catalog.lookUpFunction(name) {
            case .missing:
                return [CatalogDiagnostic(severity: .error, message: "function \"\(name)\" does not exist", sqlState: "42883")]
            case .external: dimensionType = nil
            case .defined(let returns):
                guard let t = returns.flatMap(Self.dimensionType(typname:)) else { return [TimescaleError.invalidDimensionType(column: column).diagnostic] }
                dimensionType = t
            }
        }
        var interval: PGInterval?
        if let dimensionType {
            switch dimensionInterval(intervalArgument, column: column, type: dimensionType, target: target) {
            case .failure(let e): return [e.diagnostic]
            case .success(let i): interval = i
            }
        }
        // The legacy form's space dimension, validated after the time dimension (ts_hypertable_create_from_info).
        var additional: [HypertableDefinition.AdditionalDimension] = []
        if !generalized, let spaceColumn = call.argument("partitioning_column", position: 2)?.textValue {
            switch closedDimension(column: spaceColumn, partitions: call.argument("number_partitions", position: 3),
                                   in: table, int16Argument: true) {
            case .failure(let d): return [d]
            case .success(let d): additional.append(d)
            }
        }
        // src/indexing.c ts_indexing_verify_indexes: every unique index must contain every partitioning column.
        if let missing = firstMissingPartitioningColumn(in: table.uniqueIndexes, partitioning: [column] + additional.map(\.column)) {
            return [.uniqueIndexLacksPartitioningColumn(missing)]
        }
        var out: [CatalogDiagnostic] = []
        if !table.columns[ci].notNull {
            // src/dimension.c dimension_add_not_null_on_column.
            out.append(.notice("adding not-null constraint to column \"\(column)\""))
            table.columns[ci].notNull = true
        }
        table.hypertable = HypertableDefinition(timeColumn: column, chunkInterval: interval)
        table.hypertable?.additionalDimensions = additional
        if case .bool(false)? = call.named["create_default_indexes"] ?? (call.positional.count > (generalized ? 2 : 7) ? call.positional[generalized ? 2 : 7] : nil) {
            table.hypertable?.createDefaultIndexes = false
        } else {
            let made = defaultIndexes(of: table, time: column, space: additional.first?.column, catalog: catalog)
            table.hypertable?.defaultIndexes = made
        }
        catalog.update(table)
        return out
    }

    /// The indexes `create_hypertable` adds (src/indexing.c `create_default_indexes`): `(time DESC)`
    /// unless an index of one attribute, the time column, exists; with a space dimension
    /// `(space, time DESC)` unless an index of two attributes, space then time, exists. Named as
    /// PostgreSQL names an index without a name (`ChooseRelationName`).
    static func defaultIndexes(of table: TableDefinition, time: String, space: String?, catalog: SchemaCatalog) -> [IndexDefinition] {
        func attributes(_ index: IndexDefinition) -> [String?] { index.keys.map(\.column) + index.include.map { Optional($0) } }
        var made: [IndexDefinition] = []
        if !table.indexes.contains(where: { attributes($0) == [time] }) {
            let name = catalog.chooseRelationName(table: table.name, columns: [time], suffix: "idx")
            made.append(IndexDefinition(name: name, table: table.name, keys: [.init(column: time, descending: true)]))
        }
        if let space, !table.indexes.contains(where: { attributes($0) == [space, time] }) {
            let name = catalog.chooseRelationName(table: table.name, columns: [space, time], suffix: "idx", taken: Set(made.map(\.name)))
            made.append(IndexDefinition(name: name, table: table.name, keys: [.init(column: space), .init(column: time, descending: true)]))
        }
        return made
    }

    /// TimescaleDB's options of `CREATE INDEX … WITH (…)` (src/process_utility.c
    /// `index_with_clauses`): on a hypertable `timescaledb.transaction_per_chunk` (a boolean; any
    /// other name is refused), whether it is on; on any other table PostgreSQL reads the options
    /// and refuses the namespace.
    static func indexOptions(_ c: CreateIndex, catalog: SchemaCatalog) -> Result<Bool, CatalogDiagnostic> {
        guard let key = c.options.keys.sorted().first(where: TimescaleOptionList.isTimescaleKey) else { return .success(false) }
        guard catalog.tables[c.table]?.hypertable != nil else {
            let namespace = String(key.prefix { $0 != "." })
            return .failure(CatalogDiagnostic(severity: .error, message: "unrecognized parameter namespace \"\(namespace)\"", sqlState: "22023"))
        }
        switch TimescaleOptionList.read(c.options, definitions: [.init("transaction_per_chunk")]) {
        case .failure(let refusal): return .failure(refusal)
        case .success(let list): return list.bool("transaction_per_chunk", default: false)
        }
    }

    /// `set_chunk_time_interval(hypertable, chunk_time_interval, dimension_name)` (src/dimension.c
    /// `ts_dimension_set_interval`): the same interval checks as create_hypertable.
    static func setChunkTimeInterval(_ call: FunctionCall, catalog: inout SchemaCatalog, target: TimescaleTarget) -> [CatalogDiagnostic] {
        guard let relation = call.argument("hypertable", position: 0)?.textValue else { return [] }
        if let d = requireHypertable(relation, catalog: catalog) { return [d] }
        let name = unqualified(relation)
        guard var table = catalog.tables[name], var hyper = table.hypertable, let ci = table.columnIndex(hyper.timeColumn) else { return [] }
        guard let a = call.argument("chunk_time_interval", position: 1), a != .null else {
            return [CatalogDiagnostic(severity: .error, message: "invalid interval: an explicit interval must be specified", sqlState: "22023")]
        }
        switch dimensionInterval(a, column: hyper.timeColumn, type: table.columns[ci].type, target: target) {
        case .failure(let e): return [e.diagnostic]
        case .success(let i):
            if let i { hyper.chunkInterval = i }
        }
        table.hypertable = hyper
        catalog.update(table)
        return []
    }

    /// `set_integer_now_func(hypertable, integer_now_func, replace_if_exists)` (src/hypertable.c
    /// `ts_hypertable_set_integer_now_func`): one function per hypertable unless replaced, and only
    /// on an integer time dimension. The function itself is not looked up (Chunkwise does not keep
    /// functions); the policies' "now" is the simulated clock.
    static func setIntegerNowFunction(_ call: FunctionCall, catalog: inout SchemaCatalog) -> [CatalogDiagnostic] {
        guard let relation = call.argument("hypertable", position: 0)?.textValue,
              let function = call.argument("integer_now_func", position: 1)?.textValue else { return [] }
        if let d = requireHypertable(relation, catalog: catalog) { return [d] }
        let name = unqualified(relation)
        guard var table = catalog.tables[name], var hyper = table.hypertable, let ci = table.columnIndex(hyper.timeColumn) else { return [] }
        let replace: Bool
        if case .bool(true)? = call.argument("replace_if_exists", position: 2) { replace = true } else { replace = false }
        if hyper.integerNowFunction != nil && !replace {
            return [CatalogDiagnostic(severity: .error, message: "custom time function already set for hypertable \"\(name)\"", sqlState: "42710")]
        }
        guard table.columns[ci].type.isInteger else {
            return [CatalogDiagnostic(severity: .error, message: "custom time function not supported", sqlState: "22023",
                                      hint: "A custom time function can only be set for hypertables that have integer time dimensions.")]
        }
        hyper.integerNowFunction = function
        table.hypertable = hyper
        catalog.update(table)
        return []
    }

    /// `ALTER TABLE … SET (timescaledb.compress, timescaledb.compress_segmentby, …_orderby)`
    /// (tsl/src/compression/create.c, src/ts_catalog/compression_settings.c).
    static func setCompressionOptions(_ options: [String: String], table tableName: String, catalog: inout SchemaCatalog,
                                      target: TimescaleTarget) -> [CatalogDiagnostic] {
        let ts = options.filter { TimescaleOptionList.isTimescaleKey($0.key) }
        guard !ts.isEmpty else { return [] }
        guard var table = catalog.tables[tableName] else { return [] }
        guard var hyper = table.hypertable else {
            if catalog.extensions.contains("timescaledb") {
                // With the extension loaded, TimescaleDB's process utility hook answers for the
                // namespace (wording as issue #12 reports from TimescaleDB 2.28).
                return [.error("timescaledb table options can only be specified for hypertables", kind: .notAHypertable(tableName))]
            }
            // Without it, PostgreSQL rejects the option namespace on a plain table (timescale/timescaledb#7158).
            let namespace = ts.keys.sorted().first.flatMap { $0.split(separator: ".").first.map(String.init) } ?? "timescaledb"
            return [.error("unrecognized parameter namespace \"\(namespace)\"", kind: .notAHypertable(tableName))]
        }
        if target.edition == .apache { return [.error(apacheRefusal, kind: .needsCommunityEdition)] }
        let given: TimescaleOptionList
        switch TimescaleOptionList.read(ts, definitions: TimescaleOptionList.alterTable) {
        case .failure(let d): return [d]
        case .success(let o): given = o
        }
        // `compress_chunk_time_interval` is read as an interval with the options (with_clause_parser.c parse_arg).
        var compressInterval: PGInterval?
        if let text = given["compress_chunk_interval"] {
            guard let i = PGInterval(text: text) else { return [TimescaleError.intervalSyntax(text).diagnostic] }
            compressInterval = i
        }
        // `timescaledb.chunk_interval`: set_chunk_time_interval's checks and effect.
        if let interval = given["chunk_interval"], let ci = table.columnIndex(hyper.timeColumn) {
            let argument: FunctionCall.Argument = table.columns[ci].type.isInteger ? .number(interval) : .interval(interval)
            switch dimensionInterval(argument, column: hyper.timeColumn, type: table.columns[ci].type, target: target) {
            case .failure(let e): return [e.diagnostic]
            case .success(let i): if let i { hyper.chunkInterval = i }
            }
        }
        let enable: Bool?
        if given.options["compress"] == nil {
            enable = nil
        } else {
            switch given.bool("compress", default: true) {
            case .failure(let d): return [d]
            case .success(let b): enable = b
            }
        }
        if enable == false {
            // tsl/src/compression/create.c disable_compression: the settings are deleted
            // (ts_compression_settings_delete); a policy already added stays, and its job fails.
            hyper.compressionEnabled = false
            hyper.segmentBy = []
            hyper.orderBy = []
            hyper.segmentByDefaulted = false
            hyper.compressChunkInterval = nil
            table.hypertable = hyper
            catalog.update(table)
            return []
        }
        if enable == nil && !hyper.compressionEnabled && given["compress_segmentby"] == nil && given["compress_orderby"] == nil
            && given["compress_chunk_interval"] == nil && given["compress_index"] == nil {
            // Only the chunk interval changed.
            table.hypertable = hyper
            catalog.update(table)
            return []
        }
        if !hyper.compressionEnabled, table.rowLevelSecurity {
            // tsl/src/compression/create.c: a compressed batch holds many rows, so no per-row policy.
            let word = target.columnstoreWord
            return [CatalogDiagnostic(severity: .error, message: "\(word) cannot be used on table with row security", kind: .invalidArgument,
                                      sqlState: "0A000")]
        }
        hyper.compressionEnabled = true
        var segmentBy = hyper.segmentBy
        var orderBy = hyper.orderBy
        // One grammar for both options (Schema's CompressionOrderKey), refusing what TimescaleDB refuses.
        do {
            if let s = given["compress_segmentby"] { segmentBy = try CompressionOrderKey.parseSegmentBy(s) }
            if let o = given["compress_orderby"] { orderBy = try CompressionOrderKey.parseList(o) }
        } catch {
            return [CatalogDiagnostic(severity: .error, message: error.description, kind: .invalidArgument, sqlState: "42601", hint: error.hint)]
        }
        // tsl/src/compression/create.c: a segmentby column named twice.
        var segmentSeen: Set<String> = []
        for c in segmentBy where !segmentSeen.insert(c).inserted {
            return [CatalogDiagnostic(severity: .error, message: "duplicate column name \"\(c)\"", kind: .invalidArgument, sqlState: "42601",
                                      hint: "The timescaledb.compress_segmentby option must reference distinct column.")]
        }
        // tsl/src/compression/create.c: segmentby columns first, then each orderby column in turn
        // (exists, not twice, not also a segmentby column).
        for c in segmentBy where table.columnIndex(c) == nil {
            return [TimescaleError.compressionColumnMissing(c, option: "compress_segmentby").diagnostic]
        }
        var seen: Set<String> = []
        for o in orderBy {
            guard let column = table.column(o.column) else { return [TimescaleError.compressionColumnMissing(o.column, option: "compress_orderby").diagnostic] }
            if let type = column.typeWithoutLessThan {
                // (DETAIL: Could not identify a less-than operator for the type.)
                return [CatalogDiagnostic(severity: .error, message: "invalid ordering column type \(type)", kind: .invalidArgument, sqlState: "42883")]
            }
            if !seen.insert(o.column).inserted { return [TimescaleError.duplicateOrderByColumn(o.column).diagnostic] }
            if segmentBy.contains(o.column) { return [TimescaleError.orderBySegmentByOverlap(o.column).diagnostic] }
        }
        let segmentGiven = given["compress_segmentby"] != nil
        hyper.segmentByDefaulted = segmentGiven ? false : (hyper.segmentByDefaulted || hyper.segmentBy.isEmpty)
        hyper.segmentBy = segmentBy
        hyper.orderBy = orderBy
        if let compressInterval {
            // '0' (or any interval of no length) turns merging off (ts_hypertable_set_compress_interval).
            hyper.compressChunkInterval = (compressInterval.exactTimescaleMicroseconds ?? 0) > 0 ? compressInterval : nil
        }
        table.hypertable = hyper
        catalog.update(table)
        var warnings = compressInterval.flatMap { compressChunkIntervalWarning($0, hypertable: hyper, table: table) }.map { [$0] } ?? []
        // tsl/src/compression/create.c validate_existing_constraints: with both settings given, each
        // column of a unique or primary key constraint outside them is named (a unique check on a
        // compressed chunk must then decompress whole batches).
        if !segmentBy.isEmpty, !orderBy.isEmpty {
            var named: Set<String> = []
            for index in table.indexes where index.origin == .primaryKey || index.origin == .uniqueConstraint {
                for column in index.keyColumns where !segmentBy.contains(column) && !orderBy.contains(where: { $0.column == column }) {
                    if named.insert(column).inserted {
                        warnings.append(.warning("column \"\(column)\" should be used for segmenting or ordering"))
                    }
                }
            }
        }
        return warnings
    }

    /// tsl/src/compression/create.c `update_compress_chunk_time_interval`: a compress chunk interval
    /// that is not a whole number of chunk intervals (in µs, months as 30 days) is kept, with a warning.
    static func compressChunkIntervalWarning(_ interval: PGInterval, hypertable hyper: HypertableDefinition,
                                             table: TableDefinition) -> CatalogDiagnostic? {
        let chunk: Int64
        if let given = hyper.chunkInterval {
            chunk = given.exactTimescaleMicroseconds ?? 0
        } else {
            // The default interval: 7 days on a time column (an integer column must have been given one).
            guard let ci = table.columnIndex(hyper.timeColumn), table.columns[ci].type.partitionsByTime else { return nil }
            chunk = 7 * 86_400_000_000
        }
        guard chunk > 0, let micros = interval.exactTimescaleMicroseconds, micros % chunk > 0 else { return nil }
        return CatalogDiagnostic(severity: .warning, message: "compress chunk interval is not a multiple of chunk interval, "
                                 + "you should use a factor of chunk interval to merge as much as possible")
    }

    /// `add_compression_policy(hypertable, compress_after, if_not_exists => …)` and the 2.18+ procedure
    /// `add_columnstore_policy(hypertable, after, …)`, in the order of tsl/src/bgw_policy/compression_api.c
    /// (`policy_compression_add`, `policy_compression_add_internal`, `validate_compress_after_type`).
    static func addCompressionPolicy(_ call: FunctionCall, catalog: inout SchemaCatalog, target: TimescaleTarget) -> [CatalogDiagnostic] {
        guard let relation = call.argument("hypertable", position: 0)?.textValue else { return [] }
        let lagName = call.name.lowercased() == "add_columnstore_policy" ? "after" : "compress_after"
        let createdName = call.name.lowercased() == "add_columnstore_policy" ? "created_before" : "compress_created_before"
        let lag = call.argument(lagName, position: 1).flatMap { $0 == .null ? nil : $0 }
        let createdBefore = call.argument(createdName, position: 6).flatMap { $0 == .null ? nil : $0 }
        if (lag == nil) == (createdBefore == nil) {
            // policy_compression_add: exactly one of the two.
            return [CatalogDiagnostic(severity: .error, message: "need to specify one of \"compress_after\" or \"compress_created_before\"",
                                      kind: .invalidArgument, sqlState: "22023")]
        }
        if let d = requireHypertable(relation, catalog: catalog, orContinuousAggregate: true) { return [d] }
        let name = unqualified(relation)
        guard var table = catalog.tables[name], var hyper = table.hypertable, let ci = table.columnIndex(hyper.timeColumn) else { return [] }
        if !hyper.compressionEnabled { return [TimescaleError.columnstoreNotEnabled(name).diagnostic] }
        let lagType = lag.flatMap { argumentType($0, target: target, anyelement: false) }
        let lagInterval = policyLag(lag, type: lagType)
        if hyper.compressAfter != nil {
            guard case .bool(true)? = call.argument("if_not_exists", position: 2) else { return [TimescaleError.compressionPolicyExists(name).diagnostic] }
            // policy_config_check_hypertable_lag_equality: the same lag is skipped, another one warned about.
            if let lagInterval, lagInterval == hyper.compressAfter {
                return [.notice("compression policy already exists for hypertable \"\(name)\", skipping")]
            }
            return [CatalogDiagnostic(severity: .warning, message: "compression policy already exists for hypertable \"\(name)\"",
                                      hint: "Remove the existing policy before adding a new one.")]
        }
        if let lagType {
            let timeType = table.columns[ci].type
            if timeType.isInteger && !isIntegerType(lagType) {
                return [TimescaleError.invalidLag(parameter: "compress_after", hint: "Integer duration in \"compress_after\" or interval time duration in \"compress_created_before\" is required for hypertables with integer time dimension.").diagnostic]
            }
            if timeType.partitionsByTime && lagType != "interval" {
                return [TimescaleError.unsupportedCompressAfterType(expected: "interval").diagnostic]
            }
        }
        hyper.compressAfter = lagInterval ?? createdBefore?.textValue.flatMap { PGInterval(text: $0) } ?? PGInterval()
        hyper.compressSchedule = scheduleInterval(call)
        hyper.compressTiming = jobTiming(call)
        hyper.compressByCreationTime = lag == nil
        table.hypertable = hyper
        catalog.update(table)
        return []
    }

    /// A policy call's `schedule_interval` (the fourth parameter of both policies), when given as an
    /// interval.
    static func scheduleInterval(_ call: FunctionCall) -> PGInterval? {
        guard let a = call.argument("schedule_interval", position: 3), a != .null, let text = a.textValue else { return nil }
        return PGInterval(text: text)
    }

    /// A policy call's `initial_start` and `timezone` (the fifth and sixth parameters of both
    /// policies), when given as constants.
    static func jobTiming(_ call: FunctionCall) -> PolicyJobTiming {
        func text(_ name: String, _ position: Int) -> String? {
            guard let a = call.argument(name, position: position), a != .null else { return nil }
            return a.textValue
        }
        return PolicyJobTiming(initialStart: text("initial_start", 4), timezone: text("timezone", 5))
    }

    /// `add_retention_policy(relation, drop_after, if_not_exists => …)`, in the order of
    /// tsl/src/bgw_policy/retention_api.c `policy_retention_add`.
    static func addRetentionPolicy(_ call: FunctionCall, catalog: inout SchemaCatalog, target: TimescaleTarget) -> [CatalogDiagnostic] {
        guard let relation = call.argument("relation", position: 0)?.textValue else { return [] }
        let lag = call.argument("drop_after", position: 1).flatMap { $0 == .null ? nil : $0 }
        let createdBefore = call.argument("drop_created_before", position: 6).flatMap { $0 == .null ? nil : $0 }
        if (lag == nil) == (createdBefore == nil) {
            // policy_retention_add: exactly one of the two (as policy_compression_add words it).
            return [CatalogDiagnostic(severity: .error, message: "need to specify one of \"drop_after\" or \"drop_created_before\"",
                                      kind: .invalidArgument, sqlState: "22023")]
        }
        if let d = requireHypertable(relation, catalog: catalog, orContinuousAggregate: true) { return [d] }
        let name = unqualified(relation)
        guard var table = catalog.tables[name], var hyper = table.hypertable, let ci = table.columnIndex(hyper.timeColumn) else { return [] }
        let lagType = lag.flatMap { argumentType($0, target: target, anyelement: false) }
        let lagInterval = policyLag(lag, type: lagType)
        if hyper.dropAfter != nil {
            guard case .bool(true)? = call.argument("if_not_exists", position: 2) else { return [TimescaleError.retentionPolicyExists(name).diagnostic] }
            if let lagInterval, lagInterval == hyper.dropAfter {
                return [.notice("retention policy already exists for hypertable \"\(name)\", skipping")]
            }
            return [CatalogDiagnostic(severity: .warning, message: "retention policy already exists for hypertable \"\(name)\"",
                                      hint: "Remove the existing policy before adding a new one.")]
        }
        if let lagType {
            let timeType = table.columns[ci].type
            if timeType.isInteger && !isIntegerType(lagType) {
                return [TimescaleError.invalidLag(parameter: "drop_after", hint: "Integer time duration is required for hypertables with integer time dimension.").diagnostic]
            }
            if timeType.partitionsByTime && lagType != "interval" {
                return [TimescaleError.invalidLag(parameter: "drop_after", hint: "Interval time duration is required for hypertable with timestamp-based time dimension.").diagnostic]
            }
        }
        hyper.dropAfter = lagInterval ?? createdBefore?.textValue.flatMap { PGInterval(text: $0) } ?? PGInterval()
        hyper.retentionSchedule = scheduleInterval(call)
        hyper.retentionTiming = jobTiming(call)
        hyper.dropByCreationTime = lag == nil
        table.hypertable = hyper
        catalog.update(table)
        return []
    }

    /// `remove_compression_policy(hypertable, if_exists => …)`, the 2.18+ procedure
    /// `remove_columnstore_policy` and `remove_retention_policy(relation, if_exists => …)`, as
    /// tsl/src/bgw_policy/compression_api.c `policy_compression_remove_internal` and
    /// retention_api.c `policy_retention_remove_internal` decide: not a hypertable is an error (42704); no
    /// policy is an error (42704) unless `if_exists => true`, which gives a NOTICE and removes nothing.
    static func removePolicy(_ call: FunctionCall, catalog: inout SchemaCatalog, retention: Bool) -> [CatalogDiagnostic] {
        guard let relation = call.argument(retention ? "relation" : "hypertable", position: 0)?.textValue else { return [] }
        let name = unqualified(relation)
        guard var table = catalog.tables[name] else {
            // A continuous aggregate takes the policies (their presence on it is not tracked);
            // another relation (a view) is the wrong kind.
            switch catalog.otherRelations[name] {
            case SchemaCatalog.continuousAggregateKind?: return []
            case _?: return [CatalogDiagnostic(severity: .error, message: "relation \"\(name)\" is not a hypertable or continuous aggregate",
                                               kind: .notAHypertable(name), sqlState: "42704")]
            case nil: return [.error("relation \"\(missingRelationName(relation))\" does not exist")]
            }
        }
        guard var hyper = table.hypertable else {
            // Both functions word it so (not TimescaleError's TS001 wording of the add_* functions).
            return [CatalogDiagnostic(severity: .error, message: "relation \"\(name)\" is not a hypertable or continuous aggregate",
                                      kind: .notAHypertable(name), sqlState: "42704")]
        }
        let exists = retention ? hyper.dropAfter != nil : hyper.compressAfter != nil
        guard exists else {
            let message = "\(retention ? "retention" : "compression") policy not found for hypertable \"\(name)\""
            if case .bool(true)? = call.argument("if_exists", position: 1) { return [.notice(message + ", skipping")] }
            return [CatalogDiagnostic(severity: .error, message: message, sqlState: "42704")]
        }
        if retention {
            hyper.dropAfter = nil
            hyper.retentionSchedule = nil
            hyper.retentionTiming = PolicyJobTiming()
            hyper.dropByCreationTime = false
        } else {
            hyper.compressAfter = nil
            hyper.compressSchedule = nil
            hyper.compressTiming = PolicyJobTiming()
            hyper.compressByCreationTime = false
        }
        table.hypertable = hyper
        catalog.update(table)
        return []
    }
}
