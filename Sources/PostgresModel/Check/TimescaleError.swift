import Schema

/// A refusal TimescaleDB's own C code raises after PostgreSQL has bound the call: its message,
/// SQLSTATE and hint as the `ereport` in TimescaleDB writes them, and where that `ereport` is.
///
/// TimescaleDB is not installable here, so every case cites its source in timescale/timescaledb
/// (the stored copies read are of the 2.x main line; `docs/CHECK.md` lists them with the versions
/// the wording was confirmed for). SQLSTATEs `TSxxx` are TimescaleDB's own (`src/errors.h`).
enum TimescaleError: Error, Sendable, Hashable {
    /// `"%s" is not a hypertable or a continuous aggregate` (TS001): the policy functions
    /// (tsl/src/bgw_policy/compression_api.c `validate_compress_chunks_hypertable`,
    /// tsl/src/bgw_policy/retention_api.c `validate_drop_chunks_hypertable`) and show_chunks /
    /// drop_chunks (src/chunk.c `find_hypertable_from_table_or_cagg`).
    case notHypertableOrContinuousAggregate(String)
    /// `table "%s" is not a hypertable` (TS001): src/hypertable_cache.c
    /// `ts_hypertable_cache_get_cache_and_entry` (set_chunk_time_interval, add_dimension).
    case notHypertable(String)
    /// `columnstore not enabled on hypertable "%s"` (0A000): compression_api.c
    /// `validate_compress_chunks_hypertable`; 2.18 renamed "compression" to "columnstore" in it.
    case columnstoreNotEnabled(String)
    /// `compression policy already exists for hypertable or continuous aggregate "%s"` (42710):
    /// compression_api.c `policy_compression_add_internal`, without `if_not_exists`.
    case compressionPolicyExists(String)
    /// `retention policy already exists for hypertable "%s"` (42710): retention_api.c `policy_retention_add`.
    case retentionPolicyExists(String)
    /// `invalid value for parameter compress_after` / `drop_after` (22023): a non-integer lag on an
    /// integer time dimension (compression_api.c `policy_compression_add_internal`, retention_api.c
    /// `policy_retention_add`), or a non-interval `drop_after` on a timestamp dimension (retention_api.c).
    case invalidLag(parameter: String, hint: String)
    /// `unsupported compress_after argument type, expected type : interval` (0A000): compression_api.c
    /// `validate_compress_after_type`, a lag that is not an interval on a timestamp dimension.
    case unsupportedCompressAfterType(expected: String)
    /// `table "%s" is not empty` (0A000): src/hypertable.c `ts_hypertable_create_from_info`, rows and
    /// no `migrate_data => true`.
    case tableNotEmpty(String)
    /// `table "%s" is already a hypertable` (TS110): src/hypertable.c `ts_hypertable_create_internal`.
    case alreadyHypertable(String)
    /// `table "%s" is already partitioned` (42809): src/hypertable.c `ts_hypertable_create_from_info`,
    /// a declaratively partitioned table (`PARTITION BY`; `timescaledb.enable_partitioned_hypertables`
    /// is off by default).
    case alreadyPartitioned(String)
    /// `invalid type for dimension "%s"` (42809): src/dimension.c `dimension_interval_to_internal`.
    case invalidDimensionType(column: String)
    /// `integer dimensions require an explicit interval` (22023): src/dimension.c `dimension_interval_to_internal`.
    case integerDimensionNeedsInterval
    /// `invalid interval type for %s dimension` (22023): src/dimension.c `dimension_interval_to_internal`,
    /// an interval of a type the dimension does not take (an `interval` on an integer column, text on any).
    case invalidIntervalType(dimension: String, timestamp: Bool, intervalGiven: Bool)
    /// `invalid interval: must be between 1 and %ld` (22023): src/dimension.c `get_validated_integer_interval`.
    case integerIntervalOutOfRange(max: Int64)
    /// `invalid interval for date dimension` (22023): src/dimension.c `dimension_interval_to_internal`,
    /// an interval on a date column that is not a positive whole number of days.
    case invalidDateInterval
    /// `new row for relation "dimension" violates check constraint "dimension_interval_length_check"`
    /// (23514): an interval of zero or less on a timestamp dimension passes src/dimension.c
    /// `dimension_interval_to_internal` and is refused by the catalog table's CHECK
    /// (sql/pre_install/tables.sql, `_timescaledb_catalog.dimension`).
    case nonPositiveInterval
    /// `invalid input syntax for type interval: "%s"` (22007): PostgreSQL's interval_in, for an
    /// interval literal (or option text) that is not one, before TimescaleDB sees it.
    case intervalSyntax(String)
    /// `hypertables do not support concurrent index creation` (0A000): src/process_utility.c
    /// `process_index_start` (confirmed on 2.28.3, see docs/CHECK.md).
    case concurrentIndexOnHypertable
    /// `column "%s" does not exist` (42601) for a compress_segmentby / compress_orderby column:
    /// tsl/src/compression/create.c (`compression_with_clause` validation), hint naming the option.
    case compressionColumnMissing(String, option: String)
    /// `cannot use column "%s" for both ordering and segmenting` (42601): src/ts_catalog/compression_settings.c
    /// `ts_compression_settings_update` and tsl/src/compression/create.c.
    case orderBySegmentByOverlap(String)
    /// `duplicate column name "%s"` (42601): tsl/src/compression/create.c, an orderby column twice.
    case duplicateOrderByColumn(String)

    var message: String {
        switch self {
        case .notHypertableOrContinuousAggregate(let t): return "\"\(t)\" is not a hypertable or a continuous aggregate"
        case .notHypertable(let t): return "table \"\(t)\" is not a hypertable"
        case .columnstoreNotEnabled(let t): return "columnstore not enabled on hypertable \"\(t)\""
        case .compressionPolicyExists(let t): return "compression policy already exists for hypertable or continuous aggregate \"\(t)\""
        case .retentionPolicyExists(let t): return "retention policy already exists for hypertable \"\(t)\""
        case .invalidLag(let p, _): return "invalid value for parameter \(p)"
        case .unsupportedCompressAfterType(let e): return "unsupported compress_after argument type, expected type : \(e)"
        case .tableNotEmpty(let t): return "table \"\(t)\" is not empty"
        case .alreadyHypertable(let t): return "table \"\(t)\" is already a hypertable"
        case .alreadyPartitioned(let t): return "table \"\(t)\" is already partitioned"
        case .invalidDimensionType(let c): return "invalid type for dimension \"\(c)\""
        case .integerDimensionNeedsInterval: return "integer dimensions require an explicit interval"
        case .invalidIntervalType(let d, _, _): return "invalid interval type for \(d) dimension"
        case .integerIntervalOutOfRange(let max): return "invalid interval: must be between 1 and \(max)"
        case .invalidDateInterval: return "invalid interval for date dimension"
        case .nonPositiveInterval: return "new row for relation \"dimension\" violates check constraint \"dimension_interval_length_check\""
        case .intervalSyntax(let t): return "invalid input syntax for type interval: \"\(t)\""
        case .concurrentIndexOnHypertable: return "hypertables do not support concurrent index creation"
        case .compressionColumnMissing(let c, _): return "column \"\(c)\" does not exist"
        case .orderBySegmentByOverlap(let c): return "cannot use column \"\(c)\" for both ordering and segmenting"
        case .duplicateOrderByColumn(let c): return "duplicate column name \"\(c)\""
        }
    }

    /// The SQLSTATE TimescaleDB reports.
    var sqlState: String {
        switch self {
        case .notHypertableOrContinuousAggregate, .notHypertable: return "TS001"
        case .alreadyHypertable: return "TS110"
        case .columnstoreNotEnabled, .unsupportedCompressAfterType, .tableNotEmpty, .concurrentIndexOnHypertable: return "0A000"
        case .compressionPolicyExists, .retentionPolicyExists: return "42710"
        case .invalidLag, .integerDimensionNeedsInterval, .invalidIntervalType, .integerIntervalOutOfRange, .invalidDateInterval: return "22023"
        case .invalidDimensionType, .alreadyPartitioned: return "42809"
        case .nonPositiveInterval: return "23514"
        case .intervalSyntax: return "22007"
        case .compressionColumnMissing, .orderBySegmentByOverlap, .duplicateOrderByColumn: return "42601"
        }
    }

    /// The HINT line TimescaleDB adds, if any.
    var hint: String? {
        switch self {
        case .columnstoreNotEnabled: return "Enable columnstore before adding a columnstore policy."
        case .compressionPolicyExists: return "Set option \"if_not_exists\" to true to avoid error."
        case .invalidLag(_, let hint): return hint
        case .tableNotEmpty: return "You can migrate data by specifying 'migrate_data => true' when calling this function."
        case .invalidDimensionType: return "Use an integer, timestamp, or date type."
        case .invalidIntervalType(_, let timestamp, let intervalGiven):
            return timestamp && !intervalGiven ? "Use an interval of type integer or interval." : "Use an interval of type integer."
        case .invalidDateInterval: return "Use an interval that is a multiple of one day."
        case .compressionColumnMissing(_, let option): return "The timescaledb.\(option) option must reference a valid column."
        case .orderBySegmentByOverlap: return "Use separate columns for the timescaledb.compress_orderby and timescaledb.compress_segmentby options."
        case .duplicateOrderByColumn: return "The timescaledb.compress_orderby option must reference distinct column."
        default: return nil
        }
    }

    /// The typed kind callers match on.
    var kind: CatalogDiagnostic.Kind {
        switch self {
        case .notHypertableOrContinuousAggregate(let t), .notHypertable(let t): return .notAHypertable(t)
        case .columnstoreNotEnabled(let t): return .compressionNotEnabled(t)
        default: return .invalidArgument
        }
    }

    var diagnostic: CatalogDiagnostic {
        CatalogDiagnostic(severity: .error, message: message, kind: kind, sqlState: sqlState, hint: hint)
    }
}
