extension ExpressionResolver {
    /// `CASE`'s type as `transformCaseExpr` gives it: with a subject, each WHEN is `subject = when`
    /// (the operator resolved as any `=`); without, each WHEN must be boolean ("argument of
    /// CASE/WHEN must be type boolean"). The results (THEN and ELSE) take their common type
    /// ("CASE types integer and text cannot be matched"; all untyped is text), untyped literals
    /// read by its input.
    func caseExpression(_ subject: SQLExpression?, _ branches: [SQLExpression.CaseBranch], _ otherwise: SQLExpression?,
                        _ s: inout State) throws(ExpressionError) -> ResolvedType {
        var unresolved = false
        for branch in branches {
            if let subject {
                if try binaryOperator("=", subject, branch.when, &s) == nil { unresolved = true }
            } else {
                let t = try resolve(branch.when, &s)
                _ = try coerceToBoolean(t, branch.when, construct: "CASE/WHEN", &s)
            }
        }
        // select_common_type meets ELSE first (transformCaseExpr puts it at the head of the list),
        // which decides the order the types are named in when they cannot be matched.
        let results = (otherwise.map { [$0] } ?? []) + branches.map(\.then)
        var types: [String] = []
        for r in results {
            if let t = try resolve(r, &s) { types.append(t) } else { unresolved = true }
        }
        guard !unresolved else { return nil }
        // Without ELSE the result may be NULL, which takes any type.
        let common = try commonTypeOrError(types, construct: "CASE")
        try coerceToCommonType(results, types, common, construct: "CASE", &s)
        return common
    }
}
