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

    /// The deepest nesting of `(` in the tokens; throws at the first `(` past ``maximumDepth``.
    static func depth(of tokens: [SQLToken]) throws(SQLSyntaxError) -> Int {
        var depth = 0, deepest = 0
        for t in tokens {
            guard case .symbol(let s) = t.kind else { continue }
            if s == "(" {
                depth += 1
                if depth > maximumDepth {
                    throw SQLSyntaxError(location: t.location, message: "memory exhausted at or near \"(\"")
                }
                deepest = max(deepest, depth)
            } else if s == ")" {
                depth -= 1
            } else if s == ";" {
                depth = 0
            }
        }
        return deepest
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
