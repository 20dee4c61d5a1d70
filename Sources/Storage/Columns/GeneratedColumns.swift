import Schema

/// Stored generated columns (`GENERATED ALWAYS AS (price * qty) STORED`) computed as PostgreSQL
/// computes them for every inserted row (`ExecComputeStoredGenerated`, before the row's
/// constraints are checked): the expression over the row's other values, assigned to the column's
/// type. An expression the evaluator does not model (`SQLExpression/isEvaluable` false: a CASE,
/// a function it does not compute) gives NULL, which `check` warns of when the table is created.
public enum GeneratedColumns {
    /// `rows` with each generated column of its table computed; `rows` itself when it has none.
    public static func filled(_ rows: RowSet, context: EvaluationContext = EvaluationContext()) -> RowSet {
        let table = rows.table
        guard table.columns.contains(where: { $0.generated != nil }) else { return rows }
        var columns = rows.columns
        for (c, column) in table.columns.enumerated() {
            guard let e = column.generated else { continue }
            var vector = ColumnVector(type: column.type, capacity: rows.count)
            let evaluable = e.isEvaluable
            // The columns the expression reads, found once rather than by name for every row.
            var read: [String: ColumnVector] = [:]
            for name in e.referencedColumns { read[name] = rows.column(name) }
            for r in 0..<rows.count {
                var v = Value.null
                if evaluable, let computed = e.scalar(context: context, value: { name in read[name]?.value(at: r) }) {
                    v = assigned(computed, to: column.type, zone: context.zone)
                }
                if !vector.append(v) { _ = vector.append(.null) }
            }
            columns[c] = vector
        }
        return RowSet(table: table, columns: columns)
    }

    /// `v` in a column of `type`, as the assignment coercion of a generation expression's result
    /// gives it: integers widened or range-checked, numerics rounded half away from zero into
    /// integers, floats rounded half to even; text of a number for a text column. NULL where
    /// the value does not fit (the server would refuse the row) or the coercion is not modelled.
    static func assigned(_ v: Value, to type: PGType, zone: PGTimeZone) -> Value {
        func integer(_ i: Int64) -> Value {
            switch type {
            case .int2: return (Int64(Int16.min)...Int64(Int16.max)).contains(i) ? .int(i) : .null
            case .int4: return (Int64(Int32.min)...Int64(Int32.max)).contains(i) ? .int(i) : .null
            default: return .int(i)
            }
        }
        switch (v, type) {
        case (.null, _): return .null
        case (.int(let i), .int2), (.int(let i), .int4), (.int(let i), .int8): return integer(i)
        case (.int(let i), .numeric): return .numeric(PGNumeric(unscaled: i, scale: 0))
        case (.int(let i), .float4), (.int(let i), .float8): return .float(Double(i))
        case (.numeric(let n), .int2), (.numeric(let n), .int4), (.numeric(let n), .int8):
            guard n.isFinite, let whole = n.rescaled(to: 0) else { return .null }
            return integer(whole.unscaled)
        case (.numeric(let n), .float4), (.numeric(let n), .float8): return .float(n.approximateValue)
        case (.numeric, .numeric), (.wideNumeric, .numeric), (.float, .float4), (.float, .float8), (.bool, .bool):
            return v
        case (.float(let d), .int2), (.float(let d), .int4), (.float(let d), .int8):
            let r = d.rounded(.toNearestOrEven)
            guard r.isFinite, r >= -9.2e18, r <= 9.2e18 else { return .null }
            return integer(Int64(r))
        case (.float(let d), .numeric):
            return (try? Value.parse(Value.float(d).text(as: .float8) ?? "", as: type, zone: zone)) ?? .null
        case (.timestamp(let t), .date): return .date(CivilTime.floorDiv(t, CivilTime.microsecondsPerDay))
        case (.timestamp, .timestamptz), (.timestamp, .timestamp), (.date, .date): return v
        case (.text(let s), _):
            return (try? Value.parse(s, as: type, zone: zone)) ?? .null
        case (_, .text), (_, .varchar):
            guard let own = v.ownType else { return .null }
            return v.text(as: own, zone: zone).map(Value.text) ?? .null
        default: return .null
        }
    }
}
