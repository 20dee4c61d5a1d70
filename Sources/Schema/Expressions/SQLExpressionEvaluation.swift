extension SQLExpression {
    /// Evaluates a predicate on a row. `value(column)` returns the row's value, nil for an unknown column.
    /// Expressions the evaluator cannot model evaluate to `.unknown`; callers that must not guess
    /// (size predictions) can test ``isEvaluable`` first.
    public func truth(context: EvaluationContext = EvaluationContext(), value: (String) -> Value?) -> SQLTruth {
        switch self {
        case .and(let a, let b):
            let x = a.truth(context: context, value: value), y = b.truth(context: context, value: value)
            if x == .false || y == .false { return .false }
            if x == .notEvaluated || y == .notEvaluated { return .notEvaluated }
            return x == .true && y == .true ? .true : .unknown
        case .or(let a, let b):
            let x = a.truth(context: context, value: value), y = b.truth(context: context, value: value)
            if x == .true || y == .true { return .true }
            if x == .notEvaluated || y == .notEvaluated { return .notEvaluated }
            return x == .false && y == .false ? .false : .unknown
        case .not(let a):
            switch a.truth(context: context, value: value) {
            case .true: return .false
            case .false: return .true
            case .unknown: return .unknown
            case .notEvaluated: return .notEvaluated
            }
        case .isNull(let e, let negated):
            guard let v = e.scalar(context: context, value: value) else { return .notEvaluated }
            return (v.isNull != negated) ? .true : .false
        case .distinct(let a, let b, let negated):
            // ExecEvalDistinct: two NULLs are not distinct, one NULL is; else `=` decides.
            guard let x = a.scalar(context: context, value: value), let y = b.scalar(context: context, value: value) else { return .notEvaluated }
            let same: Bool
            if x.isNull || y.isNull {
                same = x.isNull && y.isNull
            } else {
                // The values just read, compared as `=` compares them (not read a second time).
                let l = SQLExpression.resolvingLiteral(a, x, against: y, context: context)
                guard let c = SQLExpression.compare(l, SQLExpression.resolvingLiteral(b, y, against: l, context: context)) else {
                    return .notEvaluated
                }
                same = c == 0
            }
            return (same == negated) ? .true : .false
        case .comparison(let op, let a, let b):
            guard var x = a.scalar(context: context, value: value), var y = b.scalar(context: context, value: value) else { return .notEvaluated }
            if x.isNull || y.isNull { return .unknown }
            x = SQLExpression.resolvingLiteral(a, x, against: y, context: context)
            y = SQLExpression.resolvingLiteral(b, y, against: x, context: context)
            // Kinds this evaluator does not order (jsonb against text, say) stay NULL-like, as before.
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
            guard let x = e.scalar(context: context, value: value) else { return .notEvaluated }
            if x.isNull { return .unknown }
            var sawNull = false
            for item in list {
                guard var y = item.scalar(context: context, value: value) else { return .notEvaluated }
                if y.isNull { sawNull = true; continue }
                y = SQLExpression.resolvingLiteral(item, y, against: x, context: context)
                guard let c = SQLExpression.compare(SQLExpression.resolvingLiteral(e, x, against: y, context: context), y) else { return .unknown }
                if c == 0 { return negated ? .false : .true }
            }
            if sawNull { return .unknown }
            return negated ? .true : .false
        case .between(let e, let lo, let hi, let negated):
            let inner = SQLExpression.and(.comparison(.ge, e, lo), .comparison(.le, e, hi))
            let t = inner.truth(context: context, value: value)
            if !negated { return t }
            switch t {
            case .true: return .false
            case .false: return .true
            case .unknown, .notEvaluated: return t
            }
        case .operator(let op, let subject?, let pattern) where op == "~~" || op == "!~~":
            // textlike / textnotlike: NULL when either side is.
            guard let x = subject.scalar(context: context, value: value) else { return .notEvaluated }
            var patternExpression = pattern, escape: String? = "\\"
            if case .function(let f, let args) = pattern, f.lowercased() == "like_escape", args.count == 2 {
                guard let e = args[1].scalar(context: context, value: value) else { return .notEvaluated }
                if e.isNull { return .unknown }
                guard case .text(let t) = e else { return .notEvaluated }
                patternExpression = args[0]
                escape = t.isEmpty ? nil : t
            }
            guard let y = patternExpression.scalar(context: context, value: value) else { return .notEvaluated }
            if x.isNull || y.isNull { return .unknown }
            guard case .text(let text) = x, case .text(let p) = y, let like = try? LikePattern(p, escape: escape) else { return .notEvaluated }
            return like.matches(text) == (op == "~~") ? .true : .false
        case .literal(.bool(let b)): return b ? .true : .false
        case .literal(.null): return .unknown
        case .column, .caseWhen:
            guard let v = scalar(context: context, value: value) else { return .notEvaluated }
            if case .bool(let b) = v { return b ? .true : .false }
            return v.isNull ? .unknown : .notEvaluated
        default:
            return .notEvaluated
        }
    }

    /// A CASE's value: the first branch whose condition is true (or whose WHEN equals the
    /// subject), else ELSE, else NULL; nil when a part it reaches cannot be evaluated.
    func caseValue(_ subject: SQLExpression?, _ branches: [CaseBranch], _ otherwise: SQLExpression?,
                   context: EvaluationContext, value: (String) -> Value?) -> Value? {
        for branch in branches {
            let condition = subject.map { SQLExpression.comparison(.eq, $0, branch.when) } ?? branch.when
            switch condition.truth(context: context, value: value) {
            case .true: return branch.then.scalar(context: context, value: value)
            case .false, .unknown: continue
            case .notEvaluated: return nil
            }
        }
        return otherwise.map { $0.scalar(context: context, value: value) } ?? .null
    }

    /// A row's value converted by a cast, as ``ValueCast`` converts it (`numeric` to `integer`
    /// rounds, a float to `integer` rounds half to even); nil (not evaluated) where the value alone
    /// does not say its type's conversion: a timestamp (with or without a time zone converts to a
    /// date differently), a value ValueCast refuses (out of range, a pair it does not model). The
    /// value was passed through unchanged before: `n::int <= 0` refused 0.4, which PostgreSQL
    /// rounds to 0 and accepts.
    static func converted(_ v: Value, to target: PGType, zone: PGTimeZone) -> Value? {
        let source: PGType
        switch v {
        case .int: source = .int8
        case .float: source = .float8
        case .numeric, .wideNumeric: source = .numeric(precision: nil, scale: nil)
        case .bool: source = .bool
        case .date: source = .date
        case .uuid: source = .uuid
        case .time: source = .time
        case .timestamp, .interval, .jsonb, .text, .null: return nil
        }
        return try? ValueCast.cast(v, from: source, to: target, zone: zone)
    }

    /// Whether some row can make the expression fail where PostgreSQL raises an error (arithmetic
    /// out of range, division by zero, `abs` of the smallest bigint): the parts whose
    /// ``scalar(context:value:)`` is nil for a reason in the row rather than in the expression.
    public var canFailOnRow: Bool {
        switch self {
        case .arithmetic: return true
        case .cast: return false
        case .function(let name, let args):
            // abs(bigint) of the smallest bigint is out of range.
            return SQLExpression.modelledFunction(name, arguments: args.count) == .abs || args.contains(where: \.canFailOnRow)
        case .column, .literal, .opaque, .subquery: return false
        case .caseWhen(let subject, let branches, let otherwise):
            return Self.caseParts(subject, branches, otherwise).contains(where: \.canFailOnRow)
        // A subscript past an array's bounds is NULL; a sub-array of other dimensions fails.
        case .array, .subscripted: return true
        case .operator(_, let a, let b): return (a?.canFailOnRow ?? false) || b.canFailOnRow
        case .comparison(_, let a, let b), .and(let a, let b), .or(let a, let b): return a.canFailOnRow || b.canFailOnRow
        case .inList(let e, let list, _): return e.canFailOnRow || list.contains(where: \.canFailOnRow)
        case .isNull(let e, _), .not(let e): return e.canFailOnRow
        case .between(let a, let b, let c, _): return a.canFailOnRow || b.canFailOnRow || c.canFailOnRow
        case .distinct(let a, let b, _): return a.canFailOnRow || b.canFailOnRow
        }
    }

    /// The SQL value functions that name the session's user, database or schema (written
    /// without parentheses); ``sessionName(_:)`` gives their values.
    static let sessionNameFunctions: Set<String> = ["current_user", "session_user", "user", "current_role", "current_catalog", "current_schema"]

    /// A fresh cluster's names: the bootstrap superuser and database `postgres`, the schema `public`.
    static func sessionName(_ function: String) -> String { function == "current_schema" ? "public" : "postgres" }

    /// The argument-less SQL value functions ``scalar(context:value:)`` evaluates: the transaction
    /// time's forms and the session names.
    static let valueFunctionsEvaluated: Set<String> = Set(["now", "current_timestamp", "current_date", "localtimestamp"]).union(sessionNameFunctions)

    /// Whether every part of the expression is something the evaluator models.
    public var isEvaluable: Bool {
        switch self {
        case .operator("||", let a?, let b): return a.isEvaluable && b.isEvaluable
        case .operator(let op, let a?, let b) where op == "~~" || op == "!~~":
            if case .function(let f, let args) = b, f.lowercased() == "like_escape", args.count == 2 {
                return a.isEvaluable && args.allSatisfy(\.isEvaluable)
            }
            return a.isEvaluable && b.isEvaluable
        case .opaque, .subquery, .operator, .array, .subscripted: return false
        case .caseWhen(let subject, let branches, let otherwise):
            return Self.caseParts(subject, branches, otherwise).allSatisfy(\.isEvaluable)
        case .function(let name, let args):
            if SQLExpression.modelledFunction(name, arguments: args.count) != nil { return args.allSatisfy(\.isEvaluable) }
            return Self.valueFunctionsEvaluated.contains(name.lowercased()) && args.isEmpty
        case .cast(let e, let type):
            // A literal is read as the type (`'2024-01-01'::timestamptz`); converting a column's value
            // between types (rounding numeric to integer, timestamp to date, anything to text) is not modelled.
            guard case .literal(let v) = e, v.isNull || { if case .text = v { true } else { false } }() else { return false }
            return PGType(sql: type) != nil || type.lowercased() == "interval"
        case .column, .literal: return true
        case .arithmetic(_, let a, let b): return a.isEvaluable && b.isEvaluable
        case .comparison(_, let a, let b), .and(let a, let b), .or(let a, let b):
            return a.isEvaluable && b.isEvaluable
        case .inList(let e, let list, _): return e.isEvaluable && list.allSatisfy(\.isEvaluable)
        case .isNull(let e, _), .not(let e): return e.isEvaluable
        case .between(let a, let b, let c, _): return a.isEvaluable && b.isEvaluable && c.isEvaluable
        case .distinct(let a, let b, _): return a.isEvaluable && b.isEvaluable
        }
    }

    /// The scalar value of an expression; nil when it cannot be evaluated.
    public func scalar(context: EvaluationContext, value: (String) -> Value?) -> Value? {
        switch self {
        case .column(let c): return value(c)
        case .literal(let v): return v
        case .caseWhen(let subject, let branches, let otherwise):
            return caseValue(subject, branches, otherwise, context: context, value: value)
        case .function(let name, let args):
            if let f = SQLExpression.modelledFunction(name, arguments: args.count) {
                return SQLExpression.call(f, args, context: context, value: value)
            }
            guard args.isEmpty else { return nil }
            switch name.lowercased() {
            case "now", "current_timestamp": return context.now.map { .timestamp($0) }
            case "current_date":
                // The transaction's date in the session time zone.
                return context.now.map { .date(CivilTime.floorDiv($0 + Int64(context.zone.offsetSeconds(atUTC: $0)) * 1_000_000, 86_400_000_000)) }
            case "localtimestamp":
                // The transaction's wall-clock time in the session time zone, without a zone.
                return context.now.map { .timestamp($0 + Int64(context.zone.offsetSeconds(atUTC: $0)) * 1_000_000) }
            case let f where Self.sessionNameFunctions.contains(f): return .text(Self.sessionName(f))
            default: return nil
            }
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
            return SQLExpression.converted(v, to: t, zone: context.zone)
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
            if case .float(let f) = x, let g = SQLExpression.floatValue(y) { return SQLExpression.floatArithmetic(op, f, g) }
            if case .float(let g) = y, let f = SQLExpression.floatValue(x) { return SQLExpression.floatArithmetic(op, f, g) }
            if case .int(let i) = x, case .int(let j) = y { return SQLExpression.integerArithmetic(op, i, j) }
            guard let p = SQLExpression.anyWidthNumber(x), let q = SQLExpression.anyWidthNumber(y) else { return nil }
            let result: NumericValue?
            switch op {
            case .plus: result = p.adding(q)
            case .minus: result = p.subtracting(q)
            case .times: result = p.multiplied(by: q)
            case .divide: result = p.divided(by: q)
            }
            return result.map(Value.init)
        case .operator("||", let a?, let b):
            // textcat / anytextcat: NULL if either side is; a non-text side by its output function
            // (kinds whose text depends on a type the value does not carry are not evaluated).
            guard let x = a.scalar(context: context, value: value), let y = b.scalar(context: context, value: value) else { return nil }
            if x.isNull || y.isNull { return .null }
            guard let l = SQLExpression.concatenationText(x), let r = SQLExpression.concatenationText(y) else { return nil }
            return .text(l + r)
        default:
            switch truth(context: context, value: value) {
            case .true: return .bool(true)
            case .false: return .bool(false)
            case .unknown: return .null
            case .notEvaluated: return nil
            }
        }
    }

    /// A value's text in a `||` concatenation, for kinds whose output does not depend on a type
    /// the value does not carry (a float's depends on float4 or float8, a timestamp's on its zone).
    static func concatenationText(_ v: Value) -> String? {
        switch v {
        case .text(let s): return s
        case .int(let i): return String(i)
        case .numeric(let n): return n.description
        case .wideNumeric(let n): return n.description
        case .uuid(let u): return u.description
        case .date(let d): return PGTimestamp.formatDate(d)
        default: return nil
        }
    }

    /// The built-in functions a CHECK may call that the evaluator computes exactly.
    enum ModelledFunction: Sendable {
        /// `length`, `char_length`, `character_length` of text: characters (code points in UTF-8).
        case characterLength
        /// `octet_length` of text: bytes.
        case octetLength
        case abs
        /// `coalesce(a, b, …)`: the first non-NULL argument, later ones not evaluated.
        case coalesce
    }

    /// The modelled function `name` (any case, `pg_catalog.` allowed) with `arguments` arguments, or nil.
    static func modelledFunction(_ name: String, arguments: Int) -> ModelledFunction? {
        var n = name.lowercased()
        if n.hasPrefix("pg_catalog.") { n.removeFirst("pg_catalog.".count) }
        switch n {
        case "length", "char_length", "character_length": return arguments == 1 ? .characterLength : nil
        case "octet_length": return arguments == 1 ? .octetLength : nil
        case "abs": return arguments == 1 ? .abs : nil
        case "coalesce": return arguments >= 1 ? .coalesce : nil
        default: return nil
        }
    }

    /// Calls a modelled function; NULL in, NULL out (strict functions), nil where the argument is
    /// not of a kind the function takes here or PostgreSQL raises an error.
    static func call(_ function: ModelledFunction, _ args: [SQLExpression], context: EvaluationContext,
                     value: (String) -> Value?) -> Value? {
        if function == .coalesce {
            for a in args {
                guard let v = a.scalar(context: context, value: value) else { return nil }
                if !v.isNull { return v }
            }
            return .null
        }
        guard let v = args[0].scalar(context: context, value: value) else { return nil }
        if v.isNull { return .null }
        switch (function, v) {
        case (.characterLength, .text(let s)): return .int(Int64(s.unicodeScalars.count))
        case (.octetLength, .text(let s)): return .int(Int64(s.utf8.count))
        case (.abs, .int(let i)): return i == .min ? nil : .int(Swift.abs(i))
        case (.abs, .float(let f)): return .float(Swift.abs(f))
        case (.abs, _):
            guard let n = anyWidthNumber(v) else { return nil }
            // abs(NaN) is NaN and abs(-Infinity) Infinity, as numeric_abs gives.
            if case .narrow(let x) = n, x.special == .negativeInfinity { return .numeric(.infinity) }
            return Value(NumericValue.compare(n, .narrow(PGNumeric(unscaled: 0, scale: 0))) < 0 && n.isFinite ? n.negated : n)
        default: return nil
        }
    }

    /// A string literal compared with a value of another kind takes that value's type, as
    /// PostgreSQL resolves an `unknown`-typed literal (`"timestamp" > '2000-01-01'`); anything
    /// else is returned unchanged.
    static func resolvingLiteral(_ e: SQLExpression, _ v: Value, against other: Value, context: EvaluationContext) -> Value {
        guard case .literal(.text(let text)) = e else { return v }
        let type: PGType
        switch other {
        case .uuid: type = .uuid
        case .time: type = .time
        case .interval:
            return PGInterval(text: text).map(Value.interval) ?? v
        default:
            guard let own = other.ownType else { return v }
            type = own
        }
        return (try? Value.parse(text, as: type, zone: context.zone)) ?? v
    }

    /// A number as float8, for arithmetic with a float operand (numeric and integers cast implicitly).
    static func floatValue(_ v: Value) -> Double? {
        switch v {
        case .float(let f): return f
        default: return anyWidthNumber(v)?.approximateValue
        }
    }

    /// float8 arithmetic; nil where PostgreSQL raises an error (division by zero, an overflow).
    static func floatArithmetic(_ op: ArithmeticOperator, _ a: Double, _ b: Double) -> Value? {
        let r: Double
        switch op {
        case .plus: r = a + b
        case .minus: r = a - b
        case .times: r = a * b
        case .divide:
            if b == 0 { return nil }
            r = a / b
        }
        // float8_pl/mi/mul/div raise "value out of range: overflow" when finite operands give infinity.
        if r.isInfinite && a.isFinite && b.isFinite { return nil }
        return .float(r)
    }

    /// bigint arithmetic (`int8pl`, …): integer division truncates toward zero; nil where PostgreSQL
    /// raises `bigint out of range` or `division by zero`.
    static func integerArithmetic(_ op: ArithmeticOperator, _ a: Int64, _ b: Int64) -> Value? {
        let (r, overflow): (Int64, Bool)
        switch op {
        case .plus: (r, overflow) = a.addingReportingOverflow(b)
        case .minus: (r, overflow) = a.subtractingReportingOverflow(b)
        case .times: (r, overflow) = a.multipliedReportingOverflow(by: b)
        case .divide:
            if b == 0 { return nil }
            (r, overflow) = a.dividedReportingOverflow(by: b)
        }
        return overflow ? nil : .int(r)
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
