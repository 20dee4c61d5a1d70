import Foundation

/// How deeply SQL may nest parentheses, and a stack deep enough to parse what PostgreSQL accepts.
///
/// PostgreSQL's grammar is a bison parser with a fixed stack (`YYMAXDEPTH`, 10,000 entries): a
/// `CHECK` expression inside `CREATE TABLE` may nest about 9,998 parentheses (9,999 in
/// `CREATE TEMP TABLE`), more gives `memory exhausted at or near "("`. Chunkwise refuses past
/// 10,001 open parentheses (counting the table's and the CHECK's own) with the same message, and runs a parse that
/// nests deeply on a thread with a large stack, so accepting what PostgreSQL accepts never
/// overflows the caller's stack.
enum SQLNesting {
    /// Open parentheses allowed at once.
    static let maximumDepth = 10_001
    /// Below this depth a parse runs on the caller's thread.
    static let inlineDepth = 64
    /// The stack of the parsing thread for deeper input (reserved address space, touched as used).
    static let deepStackBytes = 1 << 30

    /// How many grammar stack entries one nested `CASE … END` takes: PostgreSQL 15 takes 1,996
    /// CASEs nested in a generation expression and refuses 1,997 (`memory exhausted at or near
    /// "WHEN"`).
    static let caseWeight = 5
    /// The deepest expression tree a statement may hold: deeper, PostgreSQL's `transformExpr`
    /// runs out of stack (`stack depth limit exceeded`, past about 7,700 levels of `x + 1 + 1 …`
    /// with the default `max_stack_depth`); Chunkwise refuses past 1,000, so that every walk over
    /// an expression stays well within a thread's stack.
    static let maximumExpressionDepth = 1_000
    /// Past this many tokens a parse runs on the deep stack (a long operator chain is a deep tree).
    static let inlineTokens = 20_000

    /// The deepest nesting of `(`, `[` and `CASE … END` (weighted ``caseWeight``) in the tokens;
    /// throws at the first opening past ``maximumDepth``.
    /// `text` is the source the tokens were cut from, for the error's token as written.
    static func depth(of tokens: [SQLToken], text: String = "") throws(SQLSyntaxError) -> Int {
        var depth = 0, deepest = 0
        for (k, t) in tokens.enumerated() {
            var opens = 0
            switch t.kind {
            case .symbol("("), .symbol("["): opens = 1
            // Never below zero: a stray `)` or an END that closes no CASE (a transaction's) must
            // not buy room for deeper nesting later in the statement.
            case .symbol(")"), .symbol("]"): depth = max(0, depth - 1)
            case .symbol(";"): depth = 0
            case .identifier("case", false): opens = caseWeight
            case .identifier("end", false): depth = max(0, depth - caseWeight)
            default: break
            }
            guard opens > 0 else { continue }
            depth += opens
            if depth > maximumDepth {
                // The grammar runs out on the token after CASE (its WHEN), on a bracket itself.
                let at = opens == caseWeight && k + 1 < tokens.count ? tokens[k + 1] : t
                let utf8 = text.utf8
                let written = at.start >= 0 && at.end <= utf8.count && at.start < at.end
                    ? String(decoding: utf8.dropFirst(at.start).prefix(at.end - at.start), as: UTF8.self) : at.display
                throw SQLSyntaxError(location: at.location, message: "memory exhausted at or near \"\(written)\"")
            }
            deepest = max(deepest, depth)
        }
        return deepest
    }

    /// Whether a parse of these tokens (of nesting `depth`) runs on the deep stack.
    static func needsDeepStack(_ tokens: [SQLToken], depth: Int) -> Bool {
        depth > inlineDepth || tokens.count > inlineTokens
    }

    /// Runs `body` on a thread with a ``deepStackBytes`` stack and waits for the thread to end
    /// (joined, not signalled: nothing the body made is still held by a finishing thread when
    /// this returns, which a leak checker run right after would report).
    static func onDeepStack<T>(_ body: @escaping () -> T) -> T {
        let outcome = DeepStackOutcome(body)
        let context = Unmanaged.passRetained(outcome).toOpaque()
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, deepStackBytes)
        var thread = pthread_t()
        let started = pthread_create(&thread, &attributes, { context in
            guard let context else { return nil }
            let outcome = Unmanaged<DeepStackRunning>.fromOpaque(context).takeUnretainedValue()
            outcome.run()
            return nil
        }, context)
        if started != 0 {
            // No thread (resources exhausted): run here; the depth limit still bounds the recursion.
            Unmanaged<DeepStackOutcome<T>>.fromOpaque(context).release()
            return body()
        }
        pthread_join(thread, nil)
        Unmanaged<DeepStackOutcome<T>>.fromOpaque(context).release()
        return outcome.value!
    }
}

/// What the deep-stack thread runs, whatever the result type.
private class DeepStackRunning: @unchecked Sendable {
    func run() {}
}

/// The result of a body run on another thread, read after the thread is joined (so never read
/// while written).
private final class DeepStackOutcome<T>: DeepStackRunning, @unchecked Sendable {
    var value: T?
    let body: () -> T
    init(_ body: @escaping () -> T) { self.body = body }
    override func run() { value = body() }
}
