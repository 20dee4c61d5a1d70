import Schema
import Storage

/// A continuous aggregate's output expression computed over one group of sampled bars: the value
/// its materialized row stores, so the size model sees the row's real width (an `avg` of
/// `numeric(12,2)` prices has 16 or more fraction digits; a `max` has the price's own).
///
/// `count`, `sum`, `avg`, `min`, `max` and TimescaleDB's `first`/`last` are computed in the
/// expression evaluator's PostgreSQL arithmetic; any other aggregate stands as the average of its
/// first argument (a value of the same kind of width). Expressions around aggregates
/// (`max(high) - min(low)`, `sum(close * volume) / sum(volume)`) are evaluated over the results.
enum AggregateValue {
    static let computed: Set<String> = ["count", "sum", "avg", "min", "max", "first", "last"]
    /// Aggregates stood in for by the average of their argument.
    static let approximated: Set<String> = [
        "stddev", "stddev_samp", "stddev_pop", "variance", "var_samp", "var_pop", "corr", "covar_pop", "covar_samp",
        "regr_avgx", "regr_avgy", "regr_slope", "regr_intercept", "regr_r2", "regr_sxx", "regr_syy", "regr_sxy",
        "bit_and", "bit_or", "bool_and", "bool_or", "every",
    ]

    static func evaluate(_ e: SQLExpression, rows: [Int], source: RowSet, context: EvaluationContext) -> Value {
        var results: [Value] = []
        let replaced = substitute(e, rows: rows, source: source, context: context, results: &results)
        let first = rows.first ?? 0
        return replaced.scalar(context: context, value: { name in
            if name.hasPrefix("\u{1}"), let k = Int(name.dropFirst()), k < results.count { return results[k] }
            return source.column(unqualified(name))?.value(at: first)
        }) ?? .null
    }

    static func unqualified(_ name: String) -> String { String(name.split(separator: ".").last ?? "") }

    /// `e` with each aggregate call replaced by a placeholder column whose value is in `results`.
    static func substitute(_ e: SQLExpression, rows: [Int], source: RowSet, context: EvaluationContext, results: inout [Value]) -> SQLExpression {
        switch e {
        case .function(let f, let args) where computed.contains(f.lowercased()) || approximated.contains(f.lowercased()):
            results.append(aggregate(f.lowercased(), args, rows: rows, source: source, context: context))
            return .column("\u{1}\(results.count - 1)")
        case .function(let f, let args):
            return .function(f, args.map { substitute($0, rows: rows, source: source, context: context, results: &results) })
        case .arithmetic(let op, let a, let b):
            return .arithmetic(op, substitute(a, rows: rows, source: source, context: context, results: &results),
                               substitute(b, rows: rows, source: source, context: context, results: &results))
        case .cast(let a, let t):
            return .cast(substitute(a, rows: rows, source: source, context: context, results: &results), t)
        default:
            return e
        }
    }

    static func aggregate(_ name: String, _ args: [SQLExpression], rows: [Int], source: RowSet, context: EvaluationContext) -> Value {
        func value(_ x: SQLExpression, _ r: Int) -> Value {
            x.scalar(context: context, value: { source.column(unqualified($0))?.value(at: r) }) ?? .null
        }
        func nonNull(_ x: SQLExpression) -> [(Int, Value)] {
            rows.compactMap { r in
                let v = value(x, r)
                if case .null = v { return nil }
                return (r, v)
            }
        }
        func less(_ a: Value, _ b: Value) -> Bool {
            if case .bool(true)? = SQLExpression.comparison(.lt, .literal(a), .literal(b)).scalar(context: context, value: { _ in nil }) { return true }
            return false
        }
        func sum(_ values: [Value]) -> Value {
            guard var acc = values.first else { return .null }
            for v in values.dropFirst() {
                guard let next = SQLExpression.arithmetic(.plus, .literal(acc), .literal(v)).scalar(context: context, value: { _ in nil }) else { return acc }
                acc = next
            }
            return acc
        }
        switch name {
        case "count":
            return .int(Int64(args.isEmpty ? rows.count : nonNull(args[0]).count))
        case "sum":
            guard let x = args.first else { return .null }
            // sum(integer) is bigint or numeric: add as numeric so a long sum does not overflow.
            let values = nonNull(x).map { v -> Value in
                if case .int = v.1 { return SQLExpression.cast(.literal(v.1), "numeric").scalar(context: context, value: { _ in nil }) ?? v.1 }
                return v.1
            }
            return sum(values)
        case "min", "max":
            guard let x = args.first else { return .null }
            let values = nonNull(x).map(\.1)
            guard var best = values.first else { return .null }
            for v in values.dropFirst() where name == "min" ? less(v, best) : less(best, v) { best = v }
            return best
        case "first", "last":
            guard args.count == 2 else { return .null }
            var best: (Value, Value)?
            for r in rows {
                let t = value(args[1], r)
                if case .null = t { continue }
                if let b = best, name == "first" ? !less(t, b.1) : !less(b.1, t) { continue }
                best = (value(args[0], r), t)
            }
            return best?.0 ?? .null
        default:
            // avg, and the aggregates it stands in for.
            guard let x = args.first else { return .null }
            let values = nonNull(x).map(\.1)
            guard !values.isEmpty else { return .null }
            if case .float = values[0] {
                let doubles = values.compactMap { v -> Double? in if case .float(let d) = v { return d } else { return nil } }
                return .float(doubles.reduce(0, +) / Double(doubles.count))
            }
            let numeric = values.map { SQLExpression.cast(.literal($0), "numeric").scalar(context: context, value: { _ in nil }) ?? $0 }
            let total = sum(numeric)
            return SQLExpression.arithmetic(.divide, .literal(total), .cast(.literal(.int(Int64(values.count))), "numeric"))
                .scalar(context: context, value: { _ in nil }) ?? total
        }
    }
}
