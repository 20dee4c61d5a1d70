extension SQLExpression {
    /// Evaluates a predicate on a row. `value(column)` returns the row's value, nil for an unknown column.
    /// Expressions the evaluator cannot model evaluate to `.unknown`; callers that must not guess
    /// (size predictions) can test ``isEvaluable`` first.
    public func truth(context: EvaluationContext = EvaluationContext(), value: (String) -> Value?) -> SQLTruth {
        switch self {
        case .and(let a, let b):
            let x = a.truth(context: context, value: value), y = b.truth(context: context, value: value)
            if x == .false || y == .false { return .false }
            return x == .true && y == .true ? .true : .unknown
        case .or(let a, let b):
            let x = a.truth(context: context, value: value), y = b.truth(context: context, value: value)
            if x == .true || y == .true { return .true }
            return x == .false && y == .false ? .false : .unknown
        case .not(let a):
            switch a.truth(context: context, value: value) {
            case .true: return .false
            case .false: return .true
            case .unknown: return .unknown
            }
        case .isNull(let e, let negated):
            guard let v = e.scalar(context: context, value: value) else { return .unknown }
            return (v.isNull != negated) ? .true : .false
        case .comparison(let op, let a, let b):
            guard let x = a.scalar(context: context, value: value), let y = b.scalar(context: context, value: value) else { return .unknown }
            if x.isNull || y.isNull { return .unknown }
            guard let c = SQLExpression.compare(x, y) else { return .unknown }
            let r: Bool
            switch op {
            case .eq: r = c == 0
            case .ne: r = c != 0
            case .lt: r = c < 0
            case .le: r = c <= 0
            case .gt: r = c > 0
            case .ge: r = c >= 0
            }
            return r ? .true : .false
        case .inList(let e, let list, let negated):
            guard let x = e.scalar(context: context, value: value) else { return .unknown }
            if x.isNull { return .unknown }
            var sawNull = false
            for item in list {
                guard let y = item.scalar(context: context, value: value) else { return .unknown }
                if y.isNull { sawNull = true; continue }
                if SQLExpression.compare(x, y) == 0 { return negated ? .false : .true }
            }
            if sawNull { return .unknown }
            return negated ? .true : .false
        case .between(let e, let lo, let hi, let negated):
            let inner = SQLExpression.and(.comparison(.ge, e, lo), .comparison(.le, e, hi))
            let t = inner.truth(context: context, value: value)
            if !negated { return t }
            return t == .unknown ? .unknown : (t == .true ? .false : .true)
        case .literal(.bool(let b)): return b ? .true : .false
        case .literal(.null): return .unknown
        case .column:
            guard let v = scalar(context: context, value: value) else { return .unknown }
            if case .bool(let b) = v { return b ? .true : .false }
            return .unknown
        default:
            return .unknown
        }
    }

    /// Whether every part of the expression is something the evaluator models.
    public var isEvaluable: Bool {
        switch self {
        case .opaque, .operator: return false
        case .function(let name, let args):
            return ["now", "current_timestamp", "current_date"].contains(name.lowercased()) && args.isEmpty
        case .cast(let e, let type): return e.isEvaluable && (PGType(sql: type) != nil || type.lowercased() == "interval")
        case .column, .literal: return true
        case .comparison(_, let a, let b), .and(let a, let b), .or(let a, let b), .arithmetic(_, let a, let b):
            return a.isEvaluable && b.isEvaluable
        case .inList(let e, let list, _): return e.isEvaluable && list.allSatisfy(\.isEvaluable)
        case .isNull(let e, _), .not(let e): return e.isEvaluable
        case .between(let a, let b, let c, _): return a.isEvaluable && b.isEvaluable && c.isEvaluable
        }
    }

    /// The scalar value of an expression; nil when it cannot be evaluated.
    public func scalar(context: EvaluationContext, value: (String) -> Value?) -> Value? {
        switch self {
        case .column(let c): return value(c)
        case .literal(let v): return v
        case .function(let name, let args) where args.isEmpty && ["now", "current_timestamp"].contains(name.lowercased()):
            return context.now.map { .timestamp($0) }
        case .function(let name, let args) where args.isEmpty && name.lowercased() == "current_date":
            // The transaction's date in the session time zone.
            return context.now.map { .date(CivilTime.floorDiv($0 + Int64(context.zone.offsetSeconds(atUTC: $0)) * 1_000_000, 86_400_000_000)) }
        case .cast(let e, let type):
            guard let v = e.scalar(context: context, value: value) else { return nil }
            if type.lowercased() == "interval" {
                if case .text(let t) = v, let i = PGInterval(text: t) { return .interval(i) }
                if case .interval = v { return v }
                return nil
            }
            guard let t = PGType(sql: type) else { return nil }
            if v.isNull { return .null }
            if case .text(let s) = v { return try? Value.parse(s, as: t, zone: context.zone) }
            return v
        case .arithmetic(let op, let a, let b):
            guard let x = a.scalar(context: context, value: value), let y = b.scalar(context: context, value: value) else { return nil }
            if x.isNull || y.isNull { return .null }
            // timestamptz ± interval
            if case .timestamp(let t) = x, case .interval(let interval) = y {
                switch op {
                case .plus: return .timestamp(interval.added(to: t, zone: context.zone))
                case .minus: return .timestamp(interval.negated.added(to: t, zone: context.zone))
                default: return nil
                }
            }
            guard let p = SQLExpression.numericValue(x), let q = SQLExpression.numericValue(y) else { return nil }
            if !p.isFinite || !q.isFinite {
                switch op {
                case .plus: return PGNumeric.specialSum(p, q).map(Value.numeric)
                case .minus: return PGNumeric.specialSum(p, q.negated).map(Value.numeric)
                default: return nil
                }
            }
            let s = max(p.scale, q.scale)
            guard let pp = p.rescaled(to: s), let qq = q.rescaled(to: s) else { return nil }
            switch op {
            case .plus:
                let (r, o) = pp.unscaled.addingReportingOverflow(qq.unscaled)
                return o ? nil : .numeric(PGNumeric(unscaled: r, scale: s))
            case .minus:
                let (r, o) = pp.unscaled.subtractingReportingOverflow(qq.unscaled)
                return o ? nil : .numeric(PGNumeric(unscaled: r, scale: s))
            default: return nil
            }
        default:
            switch truth(context: context, value: value) {
            case .true: return .bool(true)
            case .false: return .bool(false)
            case .unknown: return nil
            }
        }
    }

    static func numericValue(_ v: Value) -> PGNumeric? {
        switch v {
        case .int(let i): return PGNumeric(unscaled: i, scale: 0)
        case .numeric(let n): return n
        default: return nil
        }
    }

    /// A number of any width, for comparisons.
    static func anyWidthNumber(_ v: Value) -> NumericValue? {
        if case .int(let i) = v { return .narrow(PGNumeric(unscaled: i, scale: 0)) }
        return v.numericValue
    }

    /// Orders two non-NULL values of comparable kinds; nil when they are not comparable.
    public static func compare(_ a: Value, _ b: Value) -> Int? {
        if let x = anyWidthNumber(a), let y = anyWidthNumber(b) { return NumericValue.compare(x, y) }
        switch (a, b) {
        case (.float(let x), .float(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.text(let x), .text(let y)), (.jsonb(let x), .jsonb(let y)):
            let p = Array(x.utf8), q = Array(y.utf8)
            return p == q ? 0 : (p.lexicographicallyPrecedes(q) ? -1 : 1)
        case (.timestamp(let x), .timestamp(let y)), (.date(let x), .date(let y)), (.time(let x), .time(let y)):
            return x < y ? -1 : (x == y ? 0 : 1)
        case (.uuid(let x), .uuid(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.bool(let x), .bool(let y)): return x == y ? 0 : (!x ? -1 : 1)
        default: return nil
        }
    }
}
