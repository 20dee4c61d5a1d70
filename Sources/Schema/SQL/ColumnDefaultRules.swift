/// How a DEFAULT expression becomes a ``ColumnDefault``, with the errors `cookDefault` raises when
/// the expression does not fit the column type.
enum ColumnDefaultRules {
    static func defaultValue(_ e: SQLExpression, sql: String, for type: PGType, column: String) -> Result<ColumnDefault, CatalogDiagnostic> {
        // The load's clock however it is spelled for a timestamp column: `timezone('utc', now())`,
        // `now() AT TIME ZONE 'utc'`, `now()::timestamp`, `LOCALTIMESTAMP`.
        if type.isTimeType, type != .date, isClockReading(e) { return .success(.now) }
        switch e {
        case .function(let f, let args) where args.isEmpty:
            switch f.lowercased() {
            case "now", "current_timestamp", "transaction_timestamp", "statement_timestamp", "clock_timestamp":
                if !(type.isTimeType || type == .time) {
                    return .failure(.error("column \"\(column)\" is of type \(type.sqlName) but default expression is of type timestamp with time zone"))
                }
                return .success(.now)
            case "gen_random_uuid", "uuid_generate_v4":
                if type != .uuid {
                    return .failure(.error("column \"\(column)\" is of type \(type.sqlName) but default expression is of type uuid"))
                }
                return .success(.randomUUID)
            case let f where SQLExpression.sessionNameFunctions.contains(f):
                // Constant per session: a fresh cluster's names (`SQLExpression.scalar`), in a text column.
                guard type == .text || { if case .varchar = type { true } else { false } }(),
                      case .text(let name)? = e.scalar(context: EvaluationContext(), value: { _ in nil }),
                      let v = try? Value.parse(name, as: type) else { return .success(.expression(sql)) }
                return .success(.value(v))
            default: return .success(.expression(sql))
            }
        case .literal(.null):
            return .success(.value(.null))
        case .literal(.text(let s)), .cast(.literal(.text(let s)), _):
            // An untyped string literal is coerced to the column type at CREATE time.
            do { return .success(.value(try Value.parse(s, as: type))) } catch { return .failure(.error(error.message)) }
        case .literal(.int(let i)):
            switch type {
            case .int2, .int4, .int8, .numeric, .float4, .float8:
                do { return .success(.value(try Value.parse(String(i), as: type))) } catch { return .failure(.error(error.message)) }
            default:
                return .failure(.error("column \"\(column)\" is of type \(type.sqlName) but default expression is of type integer"))
            }
        case .literal(.numeric(let n)):
            switch type {
            case .numeric, .float4, .float8:
                do { return .success(.value(try Value.parse(n.description, as: type))) } catch { return .failure(.error(error.message)) }
            default:
                return .failure(.error("column \"\(column)\" is of type \(type.sqlName) but default expression is of type numeric"))
            }
        case .literal(.bool(let b)):
            if type != .bool { return .failure(.error("column \"\(column)\" is of type \(type.sqlName) but default expression is of type boolean")) }
            return .success(.value(.bool(b)))
        default:
            return .success(.expression(sql))
        }
    }

    /// The current instant read from the clock, shifted to a zone or cast to a timestamp type
    /// (the kinds a timestamp column's DEFAULT reads the load's time with).
    static func isClockReading(_ e: SQLExpression) -> Bool {
        switch e {
        case .function(let f, let args) where args.isEmpty:
            return ["now", "transaction_timestamp", "statement_timestamp", "clock_timestamp", "localtimestamp"].contains(f.lowercased())
        case .function(let f, let args) where f.lowercased() == "timezone" && args.count == 2:
            switch args[0] {
            case .literal(.text), .cast(.literal(.text), _): return isClockReading(args[1])
            default: return false
            }
        case .cast(let inner, let type):
            let t = type.lowercased()
            return ["timestamp", "timestamptz", "timestamp with time zone", "timestamp without time zone"].contains(t) && isClockReading(inner)
        default:
            return false
        }
    }

    /// The DEFAULT's text where ``ColumnDefault`` loses it: a clock reading spelled otherwise
    /// than `now()` (what `migrate` writes for one; the spellings read as one are PostgreSQL's
    /// own functions); nil for every other default: a constant and an expression say
    /// themselves, and a random UUID is written as core `gen_random_uuid()`, where
    /// `uuid_generate_v4()` needs the uuid-ossp extension.
    static func writtenSQL(_ sql: String?, for value: ColumnDefault?) -> String? {
        guard let sql, case .now? = value else { return nil }
        return sql.lowercased().filter { !$0.isWhitespace } == "now()" ? nil : sql
    }
}
