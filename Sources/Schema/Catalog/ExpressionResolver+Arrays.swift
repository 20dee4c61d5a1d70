/// Array constructors and subscripts as PostgreSQL 15's parser types them (parse_expr.c's
/// `transformArrayExpr`, parse_node.c's `transformContainerSubscripts`).
extension ExpressionResolver {
    /// `ARRAY[…]`'s type. Without an array type handed down by a cast, the elements take their
    /// common type (`select_common_type`, "ARRAY types integer and boolean cannot be matched"), an
    /// untyped literal read by its input (`ARRAY[1, 'a']` fails as integer input), and the result
    /// is that type's array (or the type itself when the elements are sub-arrays); `ARRAY[]` has
    /// no type. With one (`ARRAY[…]::int[]`), each element is cast to the element type.
    func arrayConstructor(_ elements: [SQLExpression], arrayType: String?, _ s: inout State) throws(ExpressionError) -> ResolvedType {
        if let arrayType, let elementType = catalog.types[arrayType]?.element {
            for e in elements {
                switch e {
                case .array(let sub): _ = try arrayConstructor(sub, arrayType: arrayType, &s)
                case .literal(.text(let text)): try checkLiteral(text, typeSQL: catalog.display(elementType))
                case .literal(.null): continue
                default:
                    if let t = try resolve(e, &s) { try explicitCast(t, elementType, &s) }
                }
            }
            return arrayType
        }
        guard !elements.isEmpty else { throw .emptyArray }
        var types: [String] = []
        var unresolved = false
        for e in elements {
            let t: ResolvedType
            if case .array(let sub) = e { t = try arrayConstructor(sub, arrayType: nil, &s) } else { t = try resolve(e, &s) }
            if let t { types.append(t) } else { unresolved = true }
        }
        guard !unresolved else { return nil }
        let common = try commonTypeOrError(types, construct: "ARRAY")
        try coerceToCommonType(elements, types, common, construct: "ARRAY", &s)
        // Sub-arrays make a multidimensional array of the same type.
        if catalog.types[common]?.category == "A", catalog.types[common]?.element != nil { return common }
        return catalog.types[common]?.array
    }

    /// Types with a subscript handler besides arrays, and what one element of them is.
    static let subscriptedElements: [String: String] = [
        "jsonb": "jsonb", "point": "float8", "line": "float8", "lseg": "point", "box": "point", "name": "char",
    ]

    /// `x[i]` (an element) or `x[i:j]` (a slice, of the array's own type); `m[i][j]` is one
    /// subscripting of `m` with two subscripts, a slice when any is one. Array subscripts are
    /// coerced to integer in assignment context; a type without a subscript handler is refused.
    func subscripting(_ base: SQLExpression, lower: SQLExpression?, upper: SQLExpression?, slice: Bool,
                      _ s: inout State) throws(ExpressionError) -> ResolvedType {
        var bounds = [lower, upper].compactMap { $0 }
        var slice = slice
        var base = base
        while case .subscripted(let inner, let l, let u, let sl) = base {
            bounds = [l, u].compactMap { $0 } + bounds
            slice = slice || sl
            base = inner
        }
        let baseType = try resolve(base, &s)
        var boundTypes: [(SQLExpression, ResolvedType)] = []
        for bound in bounds { boundTypes.append((bound, try resolve(bound, &s))) }
        // An untyped literal has no subscript handler (`('a')[1]`).
        if baseType == "unknown" { throw .notSubscriptable(type: "unknown") }
        guard let baseType, let info = catalog.types[baseType] else { return nil }
        if info.category == "A", let element = info.element {
            for (bound, t) in boundTypes {
                guard let t else { continue }
                if t == "unknown" {
                    if case .literal(.text(let text)) = bound { try checkLiteral(text, typeSQL: "integer") }
                    continue
                }
                guard canCoerce(t, to: "int4", context: "a") else { throw .subscriptNotInteger }
                noteCastVolatility(t, "int4", &s)
            }
            return slice ? baseType : element
        }
        if let element = Self.subscriptedElements[baseType] { return slice ? nil : element }
        throw .notSubscriptable(type: info.display)
    }
}
