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

    /// Runs `body` on a thread with a ``deepStackBytes`` stack and waits for it.
    static func onDeepStack<T>(_ body: @escaping () -> T) -> T {
        let outcome = DeepStackOutcome(body)
        let done = DispatchSemaphore(value: 0)
        let thread = Thread { [outcome] in
            outcome.value = outcome.body()
            done.signal()
        }
        thread.stackSize = deepStackBytes
        thread.start()
        done.wait()
        return outcome.value!
    }
}

/// The result of a body run on another thread, handed back after the thread signals (so never read
/// while written).
private final class DeepStackOutcome<T>: @unchecked Sendable {
    var value: T?
    let body: () -> T
    init(_ body: @escaping () -> T) { self.body = body }
}
