/// A scalar SQL expression as it appears in CHECK constraints, partial-index predicates and
/// column defaults: enough structure to evaluate on a row, plus the original text.
public indirect enum SQLExpression: Sendable, Hashable {
    case column(String)
    /// A literal in its SQL text form: `'1m'` → `.literal(.text("1m"))`, `100` → `.literal(.numeric(…))`.
    case literal(Value)
    case comparison(ComparisonOperator, SQLExpression, SQLExpression)
    case inList(SQLExpression, [SQLExpression], negated: Bool)
    case isNull(SQLExpression, negated: Bool)
    case between(SQLExpression, SQLExpression, SQLExpression, negated: Bool)
    /// `a IS DISTINCT FROM b` (`negated`: `IS NOT DISTINCT FROM`): `<>` (`=`) that treats NULL as
    /// a value, never NULL itself.
    case distinct(SQLExpression, SQLExpression, negated: Bool)
    case and(SQLExpression, SQLExpression)
    case or(SQLExpression, SQLExpression)
    case not(SQLExpression)
    case arithmetic(ArithmeticOperator, SQLExpression, SQLExpression)
    /// `expr::type`, `CAST(expr AS type)`; the type kept as written.
    case cast(SQLExpression, String)
    /// A function call such as `now()` or `gen_random_uuid()`.
    case function(String, [SQLExpression])
    /// Any other operator by its name (`||`, `%`, `~~` for LIKE); a prefix operator has no left operand.
    case `operator`(String, SQLExpression?, SQLExpression)
    /// `ARRAY[a, b, …]`; a bare `[…]` inside one (`ARRAY[[1, 2], [3, 4]]`) is a sub-array.
    /// (`ARRAY(SELECT …)` stays ``opaque(_:)``.)
    case array([SQLExpression])
    /// `x[i]`, or with `slice` `x[i:j]` (either bound may be left out): PostgreSQL's subscripting
    /// of a column or a parenthesised expression.
    case subscripted(SQLExpression, lower: SQLExpression?, upper: SQLExpression?, slice: Bool)
    /// `CASE [subject] WHEN … THEN … [ELSE …] END`: with a subject each WHEN is compared to it
    /// with `=`, without one each WHEN is a condition.
    case caseWhen(subject: SQLExpression?, branches: [CaseBranch], otherwise: SQLExpression?)
    /// A sub-select (`(SELECT …)`, `EXISTS (…)`, `ARRAY(SELECT …)`, `x IN (SELECT …)`), kept as SQL
    /// text: no place a migration writes an expression allows one.
    case subquery(String)
    /// Anything the evaluator does not model, kept as SQL text.
    case opaque(String)

    /// One `WHEN condition THEN result` of a ``caseWhen(subject:branches:otherwise:)``.
    public struct CaseBranch: Sendable, Hashable {
        public var when: SQLExpression
        public var then: SQLExpression

        public init(when: SQLExpression, then: SQLExpression) {
            self.when = when
            self.then = then
        }
    }

    /// The expressions a CASE reads: subject, conditions, results, ELSE.
    static func caseParts(_ subject: SQLExpression?, _ branches: [CaseBranch], _ otherwise: SQLExpression?) -> [SQLExpression] {
        (subject.map { [$0] } ?? []) + branches.flatMap { [$0.when, $0.then] } + (otherwise.map { [$0] } ?? [])
    }

    public enum ComparisonOperator: String, Sendable, Hashable { case eq = "=", ne = "<>", lt = "<", le = "<=", gt = ">", ge = ">=" }
    public enum ArithmeticOperator: String, Sendable, Hashable { case plus = "+", minus = "-", times = "*", divide = "/" }

    /// Column names the expression reads.
    public var referencedColumns: [String] {
        switch self {
        case .column(let c): return [c]
        case .literal, .opaque, .subquery: return []
        case .comparison(_, let a, let b), .and(let a, let b), .or(let a, let b), .arithmetic(_, let a, let b):
            return a.referencedColumns + b.referencedColumns
        case .inList(let e, let list, _): return e.referencedColumns + list.flatMap(\.referencedColumns)
        case .isNull(let e, _), .not(let e), .cast(let e, _): return e.referencedColumns
        case .between(let a, let b, let c, _): return a.referencedColumns + b.referencedColumns + c.referencedColumns
        case .distinct(let a, let b, _): return a.referencedColumns + b.referencedColumns
        case .function(_, let args): return args.flatMap(\.referencedColumns)
        case .operator(_, let a, let b): return (a?.referencedColumns ?? []) + b.referencedColumns
        case .array(let elements): return elements.flatMap(\.referencedColumns)
        case .caseWhen(let subject, let branches, let otherwise):
            return Self.caseParts(subject, branches, otherwise).flatMap(\.referencedColumns)
        case .subscripted(let base, let lower, let upper, _):
            return base.referencedColumns + (lower?.referencedColumns ?? []) + (upper?.referencedColumns ?? [])
        }
    }

    /// The expressions directly under this one.
    public var children: [SQLExpression] {
        switch self {
        case .column, .literal, .opaque, .subquery: return []
        case .comparison(_, let a, let b), .and(let a, let b), .or(let a, let b), .arithmetic(_, let a, let b): return [a, b]
        case .inList(let e, let list, _): return [e] + list
        case .isNull(let e, _), .not(let e), .cast(let e, _): return [e]
        case .between(let a, let b, let c, _): return [a, b, c]
        case .distinct(let a, let b, _): return [a, b]
        case .function(_, let args): return args
        case .operator(_, let a, let b): return (a.map { [$0] } ?? []) + [b]
        case .array(let elements): return elements
        case .subscripted(let base, let lower, let upper, _): return [base] + (lower.map { [$0] } ?? []) + (upper.map { [$0] } ?? [])
        case .caseWhen(let subject, let branches, let otherwise): return Self.caseParts(subject, branches, otherwise)
        }
    }

    /// Whether the tree is deeper than `limit` levels, found without recursion (a tree too deep
    /// to walk recursively must not be walked so to find out).
    public func isDeeper(than limit: Int) -> Bool {
        var stack: [(SQLExpression, Int)] = [(self, 1)]
        while let (e, d) = stack.popLast() {
            if d > limit { return true }
            for child in e.children { stack.append((child, d + 1)) }
        }
        return false
    }

    /// The expression with column `old` read as `new` (`ALTER TABLE … RENAME COLUMN`).
    public func renamingColumn(_ old: String, to new: String) -> SQLExpression {
        func r(_ e: SQLExpression) -> SQLExpression { e.renamingColumn(old, to: new) }
        switch self {
        case .column(let c): return .column(c == old ? new : c)
        case .literal, .opaque, .subquery: return self
        case .comparison(let op, let a, let b): return .comparison(op, r(a), r(b))
        case .and(let a, let b): return .and(r(a), r(b))
        case .or(let a, let b): return .or(r(a), r(b))
        case .arithmetic(let op, let a, let b): return .arithmetic(op, r(a), r(b))
        case .inList(let e, let list, let negated): return .inList(r(e), list.map(r), negated: negated)
        case .isNull(let e, let negated): return .isNull(r(e), negated: negated)
        case .not(let e): return .not(r(e))
        case .cast(let e, let type): return .cast(r(e), type)
        case .between(let a, let b, let c, let negated): return .between(r(a), r(b), r(c), negated: negated)
        case .distinct(let a, let b, let negated): return .distinct(r(a), r(b), negated: negated)
        case .function(let name, let args): return .function(name, args.map(r))
        case .operator(let name, let a, let b): return .operator(name, a.map(r), r(b))
        case .array(let elements): return .array(elements.map(r))
        case .caseWhen(let subject, let branches, let otherwise):
            return .caseWhen(subject: subject.map(r), branches: branches.map { CaseBranch(when: r($0.when), then: r($0.then)) },
                             otherwise: otherwise.map(r))
        case .subscripted(let base, let lower, let upper, let slice): return .subscripted(r(base), lower: lower.map(r), upper: upper.map(r), slice: slice)
        }
    }
}

/// Three-valued truth as SQL has it.
public enum SQLTruth: Sendable, Hashable {
    /// SQL's three values (`unknown` is a NULL boolean), and `notEvaluated`: the expression holds
    /// something this evaluator does not model (a function, division, an operator), so its value
    /// is not known here at all.
    case `true`, `false`, unknown, notEvaluated

    /// Whether a CHECK constraint passes (it passes unless false).
    public var passesCheck: Bool { self != .false }
    /// Whether a WHERE/partial-index predicate selects the row (only when true).
    public var selectsRow: Bool { self == .true }
}

/// What an expression needs from outside the row.
public struct EvaluationContext: Sendable {
    /// The transaction time for `now()`, µs since the Unix epoch.
    public var now: Int64?
    public var zone: PGTimeZone

    public init(now: Int64? = nil, zone: PGTimeZone = .utc) {
        self.now = now
        self.zone = zone
    }
}
