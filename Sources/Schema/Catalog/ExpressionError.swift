/// Where an expression stands in a statement: PostgreSQL's `ParseExprKind` for the places migrations
/// write expressions, which decides what is allowed there and how errors are worded.
public enum ExpressionPlace: Sendable, Hashable {
    case indexExpression, indexPredicate, checkConstraint, columnDefault, generatedColumn, partitionKey
    /// A query's output column (a continuous aggregate's): aggregates are allowed.
    case selectList

    /// The phrase in "aggregate functions are not allowed in …" (`ParseExprKindName`).
    var pluralName: String {
        switch self {
        case .indexExpression: return "index expressions"
        case .indexPredicate: return "index predicates"
        case .checkConstraint: return "check constraints"
        case .columnDefault: return "DEFAULT expressions"
        case .generatedColumn: return "column generation expressions"
        case .partitionKey: return "partition key expressions"
        case .selectList: return "SELECT lists"
        }
    }

    /// The phrase in "cannot use subquery in …".
    var singularName: String {
        switch self {
        case .indexExpression: return "index expression"
        case .indexPredicate: return "index predicate"
        case .checkConstraint: return "check constraint"
        case .columnDefault: return "DEFAULT expression"
        case .generatedColumn: return "column generation expression"
        case .partitionKey: return "partition key expression"
        case .selectList: return "SELECT list"
        }
    }
}

/// What PostgreSQL's parser or DDL code refuses in an expression, as a typed value; ``message``
/// is the server's primary message, word for word.
public enum ExpressionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `column "x" does not exist`.
    case undefinedColumn(String)
    /// `function f(integer, unknown) does not exist`: arguments as `format_type` prints them,
    /// named ones as `name => type`.
    case undefinedFunction(name: String, arguments: [String])
    /// `function f(unknown) is not unique`.
    case ambiguousFunction(name: String, arguments: [String])
    /// `operator does not exist: integer > timestamp with time zone` (left nil for prefix operators).
    case undefinedOperator(name: String, left: String?, right: String)
    /// `operator is not unique: unknown || unknown`.
    case ambiguousOperator(name: String, left: String?, right: String)
    /// `cannot cast type integer to uuid`.
    case cannotCast(from: String, to: String)
    /// `type "foo" does not exist`.
    case undefinedType(String)
    /// `argument of WHERE must be type boolean, not type integer`.
    case notBoolean(construct: String, type: String)
    /// `functions in index expression must be marked IMMUTABLE`, and the predicate and generated-column forms.
    case notImmutable(ExpressionPlace)
    /// `aggregate functions are not allowed in index expressions`.
    case aggregateNotAllowed(ExpressionPlace)
    /// `window functions are not allowed in …`.
    case windowNotAllowed(ExpressionPlace)
    /// `window function rank requires an OVER clause`.
    case windowNeedsOver(String)
    /// `set-returning functions are not allowed in …`.
    case setReturningNotAllowed(ExpressionPlace)
    /// `cannot use column reference in DEFAULT expression`.
    case columnReferenceInDefault
    /// `COALESCE types integer and text cannot be matched`.
    case typesCannotBeMatched(construct: String, first: String, second: String)
    /// `column "x" is of type integer but default expression is of type text` (or generation expression).
    case assignmentMismatch(column: String, columnType: String, expressionType: String, generated: Bool)
    /// A literal the type's input function refuses (`invalid input syntax for type integer: "abc"`).
    case invalidInput(String)
    /// `relation "public.s" does not exist`: a `regclass` constant (`nextval('s'::regclass)`)
    /// naming no relation; `regclassin` reads it when the expression is parsed.
    case undefinedRelation(String)
    /// `cannot use subquery in check constraint` (and the other places).
    case subqueryNotAllowed(ExpressionPlace)
    /// `cannot determine type of empty array`: `ARRAY[]` without a cast to an array type.
    case emptyArray
    /// `ARRAY could not convert type integer[] to integer`: an element without an implicit cast
    /// to the elements' common type.
    case cannotConvert(construct: String, from: String, to: String)
    /// `cannot subscript type integer because it does not support subscripting`.
    case notSubscriptable(type: String)
    /// `array subscript must have type integer`.
    case subscriptNotInteger

    public var message: String {
        switch self {
        case .undefinedColumn(let c): return "column \"\(c)\" does not exist"
        case .undefinedFunction(let n, let a): return "function \(n)(\(a.joined(separator: ", "))) does not exist"
        case .ambiguousFunction(let n, let a): return "function \(n)(\(a.joined(separator: ", "))) is not unique"
        case .undefinedOperator(let n, let l, let r): return "operator does not exist: " + Self.operatorText(n, l, r)
        case .ambiguousOperator(let n, let l, let r): return "operator is not unique: " + Self.operatorText(n, l, r)
        case .cannotCast(let a, let b): return "cannot cast type \(a) to \(b)"
        case .undefinedType(let t): return "type \"\(t)\" does not exist"
        case .notBoolean(let c, let t): return "argument of \(c) must be type boolean, not type \(t)"
        case .notImmutable(let place):
            switch place {
            case .indexExpression: return "functions in index expression must be marked IMMUTABLE"
            case .indexPredicate: return "functions in index predicate must be marked IMMUTABLE"
            case .partitionKey: return "functions in partition key expression must be marked IMMUTABLE"
            default: return "generation expression is not immutable"
            }
        case .aggregateNotAllowed(let p): return "aggregate functions are not allowed in \(p.pluralName)"
        case .windowNotAllowed(let p): return "window functions are not allowed in \(p.pluralName)"
        case .windowNeedsOver(let n): return "window function \(n) requires an OVER clause"
        case .setReturningNotAllowed(let p): return "set-returning functions are not allowed in \(p.pluralName)"
        case .columnReferenceInDefault: return "cannot use column reference in DEFAULT expression"
        case .typesCannotBeMatched(let c, let a, let b): return "\(c) types \(a) and \(b) cannot be matched"
        case .assignmentMismatch(let c, let ct, let et, let g):
            // PostgreSQL 15's cookDefault words both the same.
            _ = g
            return "column \"\(c)\" is of type \(ct) but default expression is of type \(et)"
        case .invalidInput(let m): return m
        case .undefinedRelation(let name): return "relation \"\(name)\" does not exist"
        case .subqueryNotAllowed(let p): return "cannot use subquery in \(p.singularName)"
        case .emptyArray: return "cannot determine type of empty array"
        case .cannotConvert(let c, let a, let b): return "\(c) could not convert type \(a) to \(b)"
        case .notSubscriptable(let t): return "cannot subscript type \(t) because it does not support subscripting"
        case .subscriptNotInteger: return "array subscript must have type integer"
        }
    }

    public var description: String { message }

    static func operatorText(_ name: String, _ left: String?, _ right: String) -> String {
        left.map { "\($0) \(name) \(right)" } ?? "\(name) \(right)"
    }
}
