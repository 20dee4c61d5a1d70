/// Resolves an expression the way PostgreSQL 15's parser does (`transformExpr`, `func_get_detail`,
/// `oper_select_candidate`, `coerce_type`) against ``PostgresBuiltinCatalog``: every function,
/// operator and cast gets its `pg_proc` entry, so unknown calls, argument types that fit no
/// candidate, and volatility where IMMUTABLE is required are found by meaning, not by rule.
///
/// ```swift
/// let r = ExpressionResolver(place: .indexPredicate, columns: ["created_at": "timestamptz"])
/// try r.check(predicate)   // throws .notImmutable(.indexPredicate) for `created_at > now() - interval '30 days'`
/// ```
public struct ExpressionResolver: Sendable {
    /// An expression's resolved type: a `typname`, `unknown` for untyped literals, nil when the
    /// expression holds parts Chunkwise does not resolve (CASE, sub-selects, …).
    public typealias ResolvedType = String?

    public var catalog: PostgresBuiltinCatalog
    public var place: ExpressionPlace
    /// Column name → `typname`.
    public var columns: [String: String]
    /// Whether a relation of this name (the last part of regclass text) exists, to read
    /// `regclass` constants as `regclassin` does; nil leaves them unjudged.
    public var relationExists: (@Sendable (String) -> Bool)?

    public init(place: ExpressionPlace, columns: [String: String], catalog: PostgresBuiltinCatalog = .shared) {
        self.catalog = catalog
        self.place = place
        self.columns = columns
    }

    /// Resolves the expression, then applies the place's rules (boolean for predicates and CHECK,
    /// IMMUTABLE for index expressions, predicates and generated columns). Returns the type.
    @discardableResult
    public func check(_ e: SQLExpression) throws(ExpressionError) -> ResolvedType {
        var state = State()
        var type = try resolve(e, &state)
        if place == .indexPredicate || place == .checkConstraint {
            type = try coerceToBoolean(type, e, construct: place == .indexPredicate ? "WHERE" : "CHECK", &state)
        }
        if state.mutable && (place == .indexExpression || place == .indexPredicate || place == .generatedColumn || place == .partitionKey) {
            // PostgreSQL checks volatility after planning the expression (`CheckMutability` runs
            // `expression_planner`), so a mutable call in a branch that constant folding removes
            // (`ts > now() AND false`) does not count.
            var folded = State()
            _ = try resolve(Self.foldingConstantBooleans(e), &folded)
            if folded.mutable { throw .notImmutable(place) }
        }
        return type
    }

    /// `e` with AND, OR and NOT over constant booleans folded as `eval_const_expressions` folds
    /// them: `x AND false` is false, `x OR true` true, `x AND true` is x, `NOT 't'` false.
    static func foldingConstantBooleans(_ e: SQLExpression) -> SQLExpression {
        func constant(_ e: SQLExpression) -> Bool? {
            switch e {
            case .literal(.bool(let b)): return b
            case .literal(.text(let t)):
                if case .bool(let b)? = try? Value.parse(t.trimmingCharacters(in: " "), as: .bool) { return b }
                return nil
            case .cast(let inner, let type) where ["bool", "boolean"].contains(type.lowercased()): return constant(inner)
            default: return nil
            }
        }
        // `a AND b` with `absorbing` false, `a OR b` with it true: a constant equal to it decides
        // the whole, the other constant drops out.
        func folded(_ a: SQLExpression, _ b: SQLExpression, absorbing: Bool, _ rebuild: (SQLExpression, SQLExpression) -> SQLExpression) -> SQLExpression {
            let fa = foldingConstantBooleans(a), fb = foldingConstantBooleans(b)
            if constant(fa) == absorbing || constant(fb) == absorbing { return .literal(.bool(absorbing)) }
            if constant(fa) == !absorbing { return fb }
            if constant(fb) == !absorbing { return fa }
            return rebuild(fa, fb)
        }
        switch e {
        case .and(let a, let b): return folded(a, b, absorbing: false, SQLExpression.and)
        case .or(let a, let b): return folded(a, b, absorbing: true, SQLExpression.or)
        case .not(let a):
            let fa = foldingConstantBooleans(a)
            if let c = constant(fa) { return .literal(.bool(!c)) }
            return .not(fa)
        default:
            return e
        }
    }

    /// Resolves an expression to be stored in a column of `target` type (DEFAULT, generated column):
    /// the assignment coercion `cookDefault` applies, with its error wording.
    public func checkAssignment(_ e: SQLExpression, column: String, target: String) throws(ExpressionError) {
        var state = State()
        let type = try resolve(e, &state)
        // An untyped literal is read by the column type's input function at once.
        if case .literal(.text(let text)) = e, let info = catalog.types[target] {
            try checkLiteral(text, typeSQL: info.display)
        }
        // cookDefault checks a generation expression's volatility before coercing it to the column.
        if state.mutable && place == .generatedColumn { throw .notImmutable(place) }
        if let type, type != "unknown", !canCoerce(type, to: target, context: "a") {
            throw .assignmentMismatch(column: column, columnType: catalog.display(target), expressionType: catalog.display(type),
                                      generated: place == .generatedColumn)
        }
    }

    struct State {
        var mutable = false
        /// Whether the expression `resolve` last finished folds to a NULL constant in
        /// `eval_const_expressions` (a NULL literal, a cast of one, a strict operator or function
        /// with such an argument), which removes it before volatility is checked.
        var foldsToNull = false
        /// Set by a node as it finishes when it folds to NULL; `resolve` moves it to `foldsToNull`.
        var nodeFoldsToNull = false
    }

    // MARK: - Expressions

    func resolve(_ e: SQLExpression, _ s: inout State) throws(ExpressionError) -> ResolvedType {
        s.nodeFoldsToNull = false
        let type = try resolveNode(e, &s)
        s.foldsToNull = s.nodeFoldsToNull
        s.nodeFoldsToNull = false
        return type
    }

    private func resolveNode(_ e: SQLExpression, _ s: inout State) throws(ExpressionError) -> ResolvedType {
        switch e {
        case .column(let name):
            if place == .columnDefault { throw .columnReferenceInDefault }
            guard let t = columns[name] else { throw .undefinedColumn(name) }
            // A type the built-in catalog does not hold (CREATE TYPE, an extension's): not resolved.
            return catalog.types[t] == nil ? nil : t
        case .literal(let v):
            switch v {
            case .null:
                s.nodeFoldsToNull = true
                return "unknown"
            case .text: return "unknown"
            case .bool: return "bool"
            case .int(let i): return i >= Int64(Int32.min) && i <= Int64(Int32.max) ? "int4" : "int8"
            case .numeric, .wideNumeric: return "numeric"
            case .float: return "float8"
            default: return nil
            }
        case .opaque:
            return nil
        case .subquery:
            throw .subqueryNotAllowed(place)
        case .array(let elements):
            return try arrayConstructor(elements, arrayType: nil, &s)
        case .caseWhen(let subject, let branches, let otherwise):
            return try caseExpression(subject, branches, otherwise, &s)
        case .subscripted(let base, let lower, let upper, let slice):
            return try subscripting(base, lower: lower, upper: upper, slice: slice, &s)
        case .and(let a, let b), .or(let a, let b):
            let construct: String
            if case .and = e { construct = "AND" } else { construct = "OR" }
            let saved = s.mutable
            let x = try resolve(a, &s)
            _ = try coerceToBoolean(x, a, construct: construct, &s)
            let y = try resolve(b, &s)
            _ = try coerceToBoolean(y, b, construct: construct, &s)
            // eval_const_expressions: `x OR true` is true, `x AND false` is false, before volatility is checked.
            func isAbsorbing(_ x: SQLExpression) -> Bool {
                switch x {
                case .literal(.bool(let v)): return v == (construct == "OR")
                case .literal(.text(let t)): return (try? Value.parse(t, as: .bool)) == .bool(construct == "OR")
                default: return false
                }
            }
            if isAbsorbing(a) || isAbsorbing(b) { s.mutable = saved }
            return "bool"
        case .not(let a):
            let x = try resolve(a, &s)
            _ = try coerceToBoolean(x, a, construct: "NOT", &s)
            return "bool"
        case .isNull(let a, _):
            _ = try resolve(a, &s)
            return "bool"
        case .comparison(let op, let a, let b):
            return try binaryOperator(op.rawValue, a, b, &s)
        case .arithmetic(let op, let a, let b):
            return try binaryOperator(op.rawValue, a, b, &s)
        case .operator(let name, let a?, let b):
            return try binaryOperator(name, a, b, &s)
        case .operator(let name, nil, let b):
            let y = try resolve(b, &s)
            return try prefixOperator(name, y, &s)
        case .distinct(let a, let b, _):
            // transformAExprDistinct: the `=` operator of the two sides (every built-in one yields boolean).
            _ = try binaryOperator("=", a, b, &s)
            return "bool"
        case .between(let x, let lo, let hi, _):
            _ = try binaryOperator(">=", x, lo, &s)
            _ = try binaryOperator("<=", x, hi, &s)
            return "bool"
        case .inList(let x, let list, _):
            let lt = try resolve(x, &s)
            var types: [ResolvedType] = []
            for item in list { types.append(try resolve(item, &s)) }
            guard let lt, types.allSatisfy({ $0 != nil }) else { return "bool" }
            let negated: Bool
            if case .inList(_, _, let n) = e { negated = n } else { negated = false }
            let op = negated ? "<>" : "="
            // transformAExprIn: the items that are not plain columns, when there are several, go
            // into one array compared on their common type with the left side; the rest (and all,
            // when the types have none) get one operator each.
            var perItem = Array(zip(list, types.compactMap { $0 }))
            // "Non-Vars" are the items that read no column at all (contain_vars_of_level).
            let nonVars = perItem.filter { $0.0.referencedColumns.isEmpty }
            if nonVars.count > 1, let common = commonType([lt] + nonVars.map(\.1)), common != "unknown" {
                try checkLiterals([x] + nonVars.map(\.0), declared: Array(repeating: common, count: nonVars.count + 1), variadic: nil)
                _ = try operatorCall(op, common, common, &s)
                for t in [lt] + nonVars.map(\.1) where t != common && t != "unknown" { noteCastVolatility(t, common, &s) }
                perItem = perItem.filter { !$0.0.referencedColumns.isEmpty }
            }
            for (item, t) in perItem {
                let (_, entry) = try operatorEntry(op, lt, t, &s)
                try checkLiterals([x, item], declared: [entry.left ?? "", entry.right], variadic: nil)
            }
            return "bool"
        case .cast(let inner, let typeSQL):
            let target = try catalog.typeName(sql: typeSQL)
            // transformTypeCast hands an array type down to an ARRAY[…] it casts, whose elements
            // are then cast to the element type one by one (`ARRAY[]::int[]`, `ARRAY['{}']::jsonb[]`).
            if case .array(let elements) = inner, catalog.types[target]?.category == "A", catalog.types[target]?.element != nil {
                return try arrayConstructor(elements, arrayType: target, &s)
            }
            if case .literal(.text(let text)) = inner {
                try checkLiteral(text, typeSQL: typeSQL)
                return target
            }
            if case .literal(.null) = inner {
                s.nodeFoldsToNull = true
                return target
            }
            let saved = s.mutable
            let source = try resolve(inner, &s)
            let innerFoldsToNull = s.foldsToNull
            if let source { try explicitCast(source, target, &s) }
            // A cast of a NULL constant is a NULL constant of the target type.
            if innerFoldsToNull {
                s.mutable = saved
                s.nodeFoldsToNull = true
            }
            return target
        case .function(let name, let args):
            return try functionCall(name.lowercased(), args, &s)
        }
    }

    /// `coerce_to_boolean`: bool passes, an untyped literal is read as boolean, anything else is refused.
    func coerceToBoolean(_ type: ResolvedType, _ e: SQLExpression, construct: String, _ s: inout State) throws(ExpressionError) -> ResolvedType {
        guard let type else { return nil }
        if type == "bool" { return type }
        if type == "unknown" {
            if case .literal(.text(let t)) = e { try checkLiteral(t, typeSQL: "boolean") }
            return "bool"
        }
        throw .notBoolean(construct: construct, type: catalog.display(type))
    }

    /// An untyped literal read as a modelled type: the input function's error, if any.
    func checkLiteral(_ text: String, typeSQL: String) throws(ExpressionError) {
        if let relationExists, (try? catalog.typeName(sql: typeSQL)) == "regclass" {
            try RegclassConstant.check(text, relationExists: relationExists)
            return
        }
        if typeSQL.lowercased() == "interval" {
            // A bare number is seconds to interval_in; other text must read as an interval.
            if Double(text.filter { $0 != " " }) == nil, PGInterval(text: text) == nil {
                throw .invalidInput("invalid input syntax for type interval: \"\(text)\"")
            }
            return
        }
        if let message = UnmodelledTypeInput.refusal(text, typeName: (try? catalog.typeName(sql: typeSQL)) ?? "", catalog: catalog) {
            throw .invalidInput(message)
        }
        guard let t = PGType(sql: typeSQL) else { return }
        // An explicit cast to varchar(n) truncates; only the input syntax can fail.
        if case .varchar = t { return }
        do { _ = try Value.parse(text, as: t) } catch {
            // A value PostgreSQL accepts but Chunkwise cannot hold exactly (a 19-digit numeric) is not judged.
            if case .unsupported = error { return }
            throw .invalidInput(error.message)
        }
    }

    // MARK: - Functions

    /// The SQL-standard functions the grammar turns into expression nodes rather than calls.
    static let valueFunctions: [String: String] = [
        "current_date": "date", "current_time": "timetz", "localtime": "time", "localtimestamp": "timestamp",
        "current_user": "name", "session_user": "name", "user": "name", "current_role": "name", "current_catalog": "name",
        "current_schema": "name",
    ]

    func functionCall(_ name: String, _ args: [SQLExpression], _ s: inout State) throws(ExpressionError) -> ResolvedType {
        if args.isEmpty, let t = Self.valueFunctions[name], name != "current_schema" {
            s.mutable = true
            return t
        }
        let saved = s.mutable
        var types: [ResolvedType] = []
        var mutableAfterFirst = s.mutable
        var anyFoldsToNull = false
        for (i, a) in args.enumerated() {
            types.append(try resolve(a, &s))
            anyFoldsToNull = anyFoldsToNull || s.foldsToNull
            if i == 0 { mutableAfterFirst = s.mutable }
        }
        switch name {
        case "coalesce", "greatest", "least":
            let known = types.compactMap { $0 }
            guard known.count == types.count else { return nil }
            let common = try commonTypeOrError(known, construct: name.uppercased())
            try checkLiterals(args, declared: Array(repeating: common, count: args.count), variadic: nil)
            return common
        case "nullif" where types.count == 2:
            // transformAExprNullIf: the `=` operator decides; the result has its left input's type.
            guard let a = types[0], let b = types[1] else { return nil }
            let (_, op) = try operatorEntry("=", a, b, &s)
            try checkLiterals(args, declared: [op.left ?? "", op.right], variadic: nil)
            // eval_const_expressions: a NULLIF with a NULL constant argument is its first argument,
            // before volatility is checked (the second argument and the `=` are gone).
            if args.contains(where: Self.isNullConstant) { s.mutable = mutableAfterFirst }
            return op.left ?? a
        default:
            break
        }
        guard types.allSatisfy({ $0 != nil }) else { return nil }
        let argTypes = types.compactMap { $0 }
        // The grammar turns TRIM(x) into pg_catalog.btrim(x), and names it so in errors.
        let lookup = name == "trim" ? "btrim" : name
        guard let f = try selectFunction(lookup, argTypes) else {
            throw .undefinedFunction(name: name == "trim" ? "pg_catalog.btrim" : name, arguments: argTypes.map(catalog.display))
        }
        if f.kind == "a", place != .selectList { throw .aggregateNotAllowed(place) }
        if f.kind == "w" { throw .windowNeedsOver(name) }
        if f.returnsSet { throw .setReturningNotAllowed(place) }
        try checkLiterals(args, declared: f.arguments, variadic: f.variadic)
        noteVolatility(f.volatility, inlined: f.inlined, declared: f.arguments, actual: argTypes, &s)
        for (i, a) in argTypes.enumerated() where i < f.arguments.count { noteCastVolatility(a, f.arguments[i], &s) }
        // A strict function with an argument that folds to NULL folds to NULL (evaluate_function),
        // whatever its own volatility and its other arguments'.
        if f.strict && anyFoldsToNull {
            s.mutable = saved
            s.nodeFoldsToNull = true
        }
        return resultType(f.result, declared: f.arguments, variadic: f.variadic, actual: argTypes)
    }

    /// `func_get_detail`: the one candidate the arguments fit, nil when none does; ambiguity throws.
    func selectFunction(_ name: String, _ args: [String]) throws(ExpressionError) -> PostgresBuiltinCatalog.Function? {
        let all = catalog.functions[name] ?? []
        var candidates: [(PostgresBuiltinCatalog.Function, [String])] = []
        for f in all {
            let n = f.arguments.count
            if args.count == n || (args.count < n && args.count >= n - f.defaults) {
                candidates.append((f, Array(f.arguments.prefix(max(args.count, 0)))))
            } else if let v = f.variadic, args.count >= n - 1, n > 0 {
                // VARIADIC: the last declared argument spreads over the remaining actual ones.
                let element = v == "any" ? "any" : v
                candidates.append((f, Array(f.arguments.dropLast()) + Array(repeating: element, count: args.count - (n - 1))))
            }
        }
        guard let chosen = try choose(candidates.map { ($0.1, $0.0) }, args) else { return nil }
        if chosen.isEmpty { return nil }
        if chosen.count > 1 { throw .ambiguousFunction(name: name, arguments: args.map(catalog.display)) }
        return chosen[0]
    }

    /// `enforce_generic_type_consistency` in short: a polymorphic result takes the argument's type.
    func resultType(_ result: String, declared: [String], variadic: String?, actual: [String]) -> String {
        let polymorphic: Set<String> = ["anyelement", "anycompatible", "anynonarray", "anycompatiblenonarray", "anyarray", "anycompatiblearray"]
        guard polymorphic.contains(result) else { return result }
        var element: String?
        for (i, a) in actual.enumerated() where a != "unknown" {
            let d = i < declared.count ? declared[i] : (variadic ?? "")
            if d.hasSuffix("array") { element = catalog.types[a]?.element ?? element } else if polymorphic.contains(d) { element = element ?? a }
        }
        let e = element ?? "text"
        return result.hasSuffix("array") ? (catalog.types[e]?.array ?? "unknown") : e
    }

    // MARK: - Operators

    func binaryOperator(_ name: String, _ a: SQLExpression, _ b: SQLExpression, _ s: inout State) throws(ExpressionError) -> ResolvedType {
        let saved = s.mutable
        let x = try resolve(a, &s)
        let aFoldsToNull = s.foldsToNull
        let y = try resolve(b, &s)
        let bFoldsToNull = s.foldsToNull
        guard let x, let y else { return name == "=" || name == "<" || name == ">" || name == "<=" || name == ">=" || name == "<>" ? "bool" : nil }
        let (t, op) = try operatorEntry(name, x, y, &s)
        // A polymorphic array parameter takes the other operand's array type for an untyped literal.
        let arrayType = [x, y].first { catalog.types[$0]?.element != nil && $0.hasPrefix("_") }
        let declared = [op.left ?? "", op.right].map { d in
            (d == "anyarray" || d == "anycompatiblearray") ? (arrayType ?? d) : d
        }
        try checkLiterals([a, b], declared: declared, variadic: nil)
        // A strict operator with an operand that folds to NULL folds to NULL before volatility is checked.
        if op.strict && (aFoldsToNull || bFoldsToNull) {
            s.mutable = saved
            s.nodeFoldsToNull = true
        }
        return t
    }

    static func isNullConstant(_ e: SQLExpression) -> Bool {
        switch e {
        case .literal(.null): return true
        case .cast(let inner, _): return isNullConstant(inner)
        default: return false
        }
    }

    /// Untyped string literals are read by the input function of the type they resolved to.
    func checkLiterals(_ args: [SQLExpression], declared: [String], variadic: String?) throws(ExpressionError) {
        for (i, a) in args.enumerated() {
            guard case .literal(.text(let text)) = a else { continue }
            let d = i < declared.count ? declared[i] : (variadic ?? "")
            guard let info = catalog.types[d], info.kind == "b", !Self.polymorphicTypes.contains(d) else { continue }
            try checkLiteral(text, typeSQL: info.display)
        }
    }

    /// Marks the expression mutable unless the function is immutable, or is inlined SQL whose body
    /// only converts its polymorphic arguments to text with immutable output functions.
    func noteVolatility(_ v: PostgresBuiltinCatalog.Volatility, inlined: Bool, declared: [String], actual: [String], _ s: inout State) {
        if v == .immutable { return }
        if inlined {
            var body = State()
            for (d, a) in zip(declared, actual) where Self.polymorphicTypes.contains(d) && a != "unknown" { noteIOVolatility(a, "text", &body) }
            if !body.mutable { return }
        }
        s.mutable = true
    }

    func operatorCall(_ name: String, _ left: String, _ right: String, _ s: inout State) throws(ExpressionError) -> String {
        try operatorEntry(name, left, right, &s).0
    }

    func operatorEntry(_ name: String, _ left: String, _ right: String,
                       _ s: inout State) throws(ExpressionError) -> (String, PostgresBuiltinCatalog.Operator) {
        let all = (catalog.operators[name] ?? []).filter { $0.left != nil }
        // `binary_oper_exact`: an untyped literal beside a typed operand is first assumed to be of its type.
        var l = left, r = right
        if l == "unknown" && r != "unknown" { l = r } else if r == "unknown" && l != "unknown" { r = l }
        if let exact = all.first(where: { $0.left == l && $0.right == r }) {
            return (use(exact, left, right, &s), exact)
        }
        let candidates = all.map { ([$0.left ?? "", $0.right], $0) }
        guard let chosen = try choose(candidates, [left, right]), !chosen.isEmpty else {
            throw .undefinedOperator(name: name, left: catalog.display(left), right: catalog.display(right))
        }
        if chosen.count > 1 { throw .ambiguousOperator(name: name, left: catalog.display(left), right: catalog.display(right)) }
        return (use(chosen[0], left, right, &s), chosen[0])
    }

    func prefixOperator(_ name: String, _ operand: ResolvedType, _ s: inout State) throws(ExpressionError) -> ResolvedType {
        guard let operand else { return nil }
        let all = (catalog.operators[name] ?? []).filter { $0.left == nil }
        if let exact = all.first(where: { $0.right == operand }) {
            if exact.volatility != .immutable { s.mutable = true }
            return exact.result
        }
        guard let chosen = try choose(all.map { ([$0.right], $0) }, [operand]), chosen.count == 1 else {
            throw .undefinedOperator(name: name, left: nil, right: catalog.display(operand))
        }
        if chosen[0].volatility != .immutable { s.mutable = true }
        noteCastVolatility(operand, chosen[0].right, &s)
        return chosen[0].result
    }

    func use(_ op: PostgresBuiltinCatalog.Operator, _ left: String, _ right: String, _ s: inout State) -> String {
        noteVolatility(op.volatility, inlined: op.inlined, declared: [op.left ?? "", op.right], actual: [left, right], &s)
        if let l = op.left, left != "unknown" { noteCastVolatility(left, l, &s) }
        if right != "unknown" { noteCastVolatility(right, op.right, &s) }
        return resultType(op.result, declared: [op.left ?? "", op.right], variadic: nil, actual: [left, right])
    }

    // MARK: - Candidate selection

    static let polymorphicTypes: Set<String> = [
        "any", "anyelement", "anycompatible", "anynonarray", "anycompatiblenonarray", "anyarray", "anycompatiblearray",
        "anyenum", "anyrange", "anycompatiblerange", "anymultirange", "anycompatiblemultirange",
    ]

    /// `func_select_candidate` / `oper_select_candidate`: candidates whose declared types the actual
    /// ones fit by implicit coercion, narrowed by exact matches, preferred types and the categories of
    /// untyped literals. nil or empty: none fits; more than one: ambiguous.
    func choose<C>(_ candidates: [([String], C)], _ args: [String]) throws(ExpressionError) -> [C]? {
        var fitting = candidates.filter { c in
            c.0.count == args.count && zip(args, c.0).allSatisfy { canCoerce($0, to: $1, context: "i") } && polymorphicConsistent(args, c.0)
        }
        if fitting.count <= 1 { return fitting.map(\.1) }
        if let exact = fitting.first(where: { $0.0 == args }) { return [exact.1] }
        // Most exact matches on typed arguments.
        func keepBest(_ score: ([String]) -> Int) {
            let scores = fitting.map { score($0.0) }
            let best = scores.max() ?? 0
            fitting = zip(fitting, scores).filter { $0.1 == best }.map(\.0)
        }
        keepBest { decl in zip(args, decl).filter { $0 != "unknown" && $0 == $1 }.count }
        if fitting.count == 1 { return [fitting[0].1] }
        // Exact or preferred (in the argument's category) where coercion is needed.
        keepBest { decl in
            zip(args, decl).filter { a, d in
                guard a != "unknown" else { return false }
                return a == d || (catalog.types[d]?.preferred == true && catalog.types[d]?.category == catalog.types[a]?.category)
            }.count
        }
        if fitting.count == 1 { return [fitting[0].1] }
        // Untyped literals: prefer the string category, else the one category all candidates share.
        if args.contains("unknown") {
            // func_select_candidate: every untyped position gets a category from all remaining
            // candidates at once (string wins a conflict, even when met last); if any position stays
            // in conflict, nothing is stripped.
            var slots: [Int: (Character, Bool)] = [:]
            var resolved = true
            for (i, a) in args.enumerated() where a == "unknown" {
                var slot: Character?
                var slotPreferred = false
                var conflict = false
                for c in fitting {
                    let d = c.0[i]
                    let cat = catalog.types[d]?.category ?? "X"
                    let pref = catalog.types[d]?.preferred ?? false
                    if slot == nil { slot = cat; slotPreferred = pref }
                    else if slot == cat { slotPreferred = slotPreferred || pref }
                    else if cat == "S" { slot = cat; slotPreferred = pref }
                    else { conflict = true }
                }
                guard let slot, !conflict || slot == "S" else { resolved = false; break }
                slots[i] = (slot, slotPreferred)
            }
            if resolved {
                let narrowed = fitting.filter { c in
                    slots.allSatisfy { i, slot in
                        let d = c.0[i]
                        return catalog.types[d]?.category == slot.0 && (!slot.1 || catalog.types[d]?.preferred == true)
                    }
                }
                if !narrowed.isEmpty { fitting = narrowed }
            }
            if fitting.count == 1 { return [fitting[0].1] }
            // All typed arguments of one type: assume the untyped ones are of it too.
            let known = Set(args.filter { $0 != "unknown" })
            if known.count == 1, let k = known.first {
                let assumed = args.map { $0 == "unknown" ? k : $0 }
                let fit = fitting.filter { c in
                    zip(assumed, c.0).allSatisfy { canCoerce($0, to: $1, context: "i") } && polymorphicConsistent(assumed, c.0)
                }
                if fit.count == 1 { return [fit[0].1] }
            }
        }
        return fitting.map(\.1)
    }

    /// `check_generic_type_consistency` in short: the element types that polymorphic parameters
    /// (anyelement/anyarray, anycompatible/anycompatiblearray) take from typed arguments must agree.
    func polymorphicConsistent(_ args: [String], _ declared: [String]) -> Bool {
        var exact: String?
        var compatible: [String] = []
        for (a, d) in zip(args, declared) where a != "unknown" {
            switch d {
            case "anyelement", "anynonarray":
                if let e = exact, e != a { return false }
                exact = a
            case "anyarray":
                guard let el = catalog.types[a]?.element else { return false }
                if let e = exact, e != el { return false }
                exact = el
            case "anycompatible", "anycompatiblenonarray": compatible.append(a)
            case "anycompatiblearray":
                guard let el = catalog.types[a]?.element else { return false }
                compatible.append(el)
            default: continue
            }
        }
        guard let first = compatible.first else { return true }
        return compatible.allSatisfy { $0 == first || catalog.types[$0]?.category == catalog.types[first]?.category }
    }

    // MARK: - Coercion

    /// `can_coerce_type` in a context (i implicit, a assignment, e explicit).
    func canCoerce(_ source: String, to target: String, context: Character) -> Bool {
        if source == target || source == "unknown" { return true }
        if Self.polymorphicTypes.contains(target) {
            let isArray = catalog.types[source]?.element != nil && source.hasPrefix("_")
            switch target {
            case "any", "anyelement", "anycompatible": return true
            case "anynonarray", "anycompatiblenonarray": return !isArray
            case "anyarray", "anycompatiblearray": return isArray
            case "anyenum": return catalog.types[source]?.category == "E"
            default: return catalog.types[source]?.kind == "r" || catalog.types[source]?.kind == "m"
            }
        }
        if target == "record" { return false }
        if let c = catalog.cast(from: source, to: target) {
            switch context {
            case "i": return c.context == "i"
            case "a": return c.context == "i" || c.context == "a"
            default: return true
            }
        }
        // Between arrays, an element-by-element coercion where the elements coerce in the same
        // context (find_coercion_pathway's COERCION_PATH_ARRAYCOERCE: varchar[] to text[]).
        if let elements = arrayElements(source, target), canCoerce(elements.source, to: elements.target, context: context) { return true }
        // Automatic I/O conversion: to a string type in assignment, from one explicitly.
        let targetIsString = catalog.types[target]?.category == "S"
        let sourceIsString = catalog.types[source]?.category == "S"
        if targetIsString && context != "i" { return true }
        if sourceIsString && context == "e" { return true }
        return false
    }

    /// The element types when `source` and `target` are both array types (not the `oidvector` and
    /// `int2vector` pseudo-arrays, which the server leaves out of array coercion).
    func arrayElements(_ source: String, _ target: String) -> (source: String, target: String)? {
        guard target != "oidvector", target != "int2vector", catalog.types[source]?.category == "A", catalog.types[target]?.category == "A",
              let se = catalog.types[source]?.element, let te = catalog.types[target]?.element else { return nil }
        return (se, te)
    }

    func isBinaryCoercible(_ a: String, _ b: String) -> Bool {
        a == b || catalog.cast(from: a, to: b)?.method == "b"
    }

    /// The cast function (or I/O functions) a coercion from `source` to `target` calls, for volatility.
    func noteCastVolatility(_ source: String, _ target: String, _ s: inout State) {
        guard source != target, source != "unknown", !Self.polymorphicTypes.contains(target) else { return }
        if let c = catalog.cast(from: source, to: target) {
            if c.method == "f", let v = c.volatility, v != .immutable { s.mutable = true }
            if c.method == "i" { noteIOVolatility(source, target, &s) }
            return
        }
        if let elements = arrayElements(source, target), canCoerce(elements.source, to: elements.target, context: "e") {
            noteCastVolatility(elements.source, elements.target, &s)
            return
        }
        noteIOVolatility(source, target, &s)
    }

    func noteIOVolatility(_ source: String, _ target: String, _ s: inout State) {
        if catalog.types[source]?.outputVolatility != .immutable || catalog.types[target]?.inputVolatility != .immutable {
            s.mutable = true
        }
    }

    func explicitCast(_ source: String, _ target: String, _ s: inout State) throws(ExpressionError) {
        if source == target || source == "unknown" { return }
        guard canCoerce(source, to: target, context: "e") else {
            throw .cannotCast(from: catalog.display(source), to: catalog.display(target))
        }
        noteCastVolatility(source, target, &s)
    }

    /// `select_common_type` without an error: nil when the categories differ.
    func commonType(_ types: [String]) -> String? {
        guard var p = types.first(where: { $0 != "unknown" }) else { return "text" }
        for t in types where t != "unknown" && t != p {
            guard catalog.types[t]?.category == catalog.types[p]?.category else { return nil }
            if catalog.types[p]?.preferred != true && canCoerce(p, to: t, context: "i") && !canCoerce(t, to: p, context: "i") { p = t }
        }
        return types.allSatisfy({ $0 == "unknown" || canCoerce($0, to: p, context: "i") }) ? p : nil
    }

    /// `coerce_to_common_type` over expressions of `types`: an untyped literal read by the common
    /// type's input, any other coerced implicitly (`CASE could not convert type … to …`).
    func coerceToCommonType(_ expressions: [SQLExpression], _ types: [String], _ common: String, construct: String,
                            _ s: inout State) throws(ExpressionError) {
        for (e, t) in zip(expressions, types) where t != common {
            if t == "unknown" {
                if case .literal(.text(let text)) = e { try checkLiteral(text, typeSQL: catalog.display(common)) }
                continue
            }
            guard canCoerce(t, to: common, context: "i") else {
                throw .cannotConvert(construct: construct, from: catalog.display(t), to: catalog.display(common))
            }
            noteCastVolatility(t, common, &s)
        }
    }

    func commonTypeOrError(_ types: [String], construct: String) throws(ExpressionError) -> String {
        guard var p = types.first(where: { $0 != "unknown" }) else { return "text" }
        for t in types where t != "unknown" && t != p {
            guard catalog.types[t]?.category == catalog.types[p]?.category else {
                throw .typesCannotBeMatched(construct: construct, first: catalog.display(p), second: catalog.display(t))
            }
            if catalog.types[p]?.preferred != true && canCoerce(p, to: t, context: "i") && !canCoerce(t, to: p, context: "i") { p = t }
        }
        return p
    }
}
