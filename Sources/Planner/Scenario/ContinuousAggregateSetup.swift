import Schema

/// A continuous aggregate the migrations define, with what they say of its policies: `plan` sizes
/// its materialized hypertable (``ContinuousAggregateSizing``).
public struct ContinuousAggregateSetup: Sendable {
    public var definition: ContinuousAggregateDefinition
    /// Where the `CREATE MATERIALIZED VIEW` is (file and line).
    public var path: String
    public var line: Int
    /// `add_retention_policy` on the aggregate: its buckets older than this are dropped (by chunk).
    public var dropAfter: PGInterval?
    /// `add_continuous_aggregate_policy`'s `end_offset`: the newest buckets it leaves unmaterialized.
    public var refreshEndOffset: PGInterval?
    /// Whether a refresh policy keeps the aggregate materialized as time passes.
    public var refreshed = false
    /// Compression (columnstore) enabled on the aggregate (`ALTER MATERIALIZED VIEW … SET (timescaledb.compress)`).
    public var compressed = false
    /// Its `compress_segmentby` / `compress_orderby` when given (else TimescaleDB derives them:
    /// the grouping columns, the bucket).
    public var segmentBy: [String]?
    public var orderBy: [CompressionOrderKey]?
    /// The compression (columnstore) policy's `compress_after`.
    public var compressAfter: PGInterval?
    /// The statements that define it, as written: the CREATE, then its ALTERs and policy calls.
    public var statements: [String] = []
    /// ``statements`` as `migrate` writes them back, so they run both where the team's migrations
    /// ran and where they did not: the CREATE with `IF NOT EXISTS` (TimescaleDB then skips it with
    /// a NOTICE), and each `add_*_policy` on the aggregate after its `remove_*_policy(…, if_exists
    /// => true)` (a second refresh, retention or compression policy is an error otherwise).
    public var rerunnableStatements: [String] = []

    /// Folds one replayed statement into `setups`: a definition, a DROP, and the policies and
    /// settings the aggregates take.
    static func record(_ statement: SQLStatement, path: String, into setups: inout [ContinuousAggregateSetup]) {
        func index(_ relation: String?) -> Int? {
            guard let relation, let name = QuotedIdentifier.nameParts(ofRegclass: relation).last else { return nil }
            return setups.lastIndex { $0.definition.name == name }
        }
        func interval(_ a: FunctionCall.Argument?) -> PGInterval? {
            guard let text = a?.textValue else { return nil }
            return PGInterval(text: text)
        }
        switch statement.kind {
        case .notModelled:
            if let definition = ContinuousAggregateDefinition(text: statement.text) {
                setups.removeAll { $0.definition.name == definition.name }
                var setup = ContinuousAggregateSetup(definition: definition, path: path, line: statement.location.line)
                setup.statements = [statement.text]
                setup.rerunnableStatements = [definition.ifNotExists ? statement.text : Self.skippingIfExists(statement.text)]
                setups.append(setup)
                return
            }
            let words = statement.text.lowercased().split(whereSeparator: { $0.isWhitespace || $0 == ";" || $0 == "(" || $0 == ")" || $0 == "," })
            guard words.count >= 4, words[1] == "materialized", words[2] == "view" else { return }
            var i = 3
            if words[0] == "drop" {
                if i + 1 < words.count, words[i] == "if", words[i + 1] == "exists" { i += 2 }
                for w in words[i...] where w != "cascade" && w != "restrict" {
                    if let k = index(String(w)) { setups.remove(at: k) }
                }
            } else if words[0] == "alter" {
                if i + 1 < words.count, words[i] == "if", words[i + 1] == "exists" { i += 2 }
                guard i < words.count, let k = index(String(words[i])), let options = setOptions(statement.text),
                      case .success(let given) = TimescaleOptionList.read(options.filter { TimescaleOptionList.isTimescaleKey($0.key) },
                                                                          definitions: TimescaleOptionList.alterTable) else { return }
                setups[k].statements.append(statement.text)
                setups[k].rerunnableStatements.append(statement.text)
                if given["compress"] != nil, case .success(let on) = given.bool("compress", default: true) { setups[k].compressed = on }
                if let text = given["compress_segmentby"] { setups[k].segmentBy = try? CompressionOrderKey.parseSegmentBy(text) }
                if let text = given["compress_orderby"] { setups[k].orderBy = try? CompressionOrderKey.parseList(text) }
            }
        case .functionCall(let call):
            let name = call.name.lowercased()
            let policies: Set<String> = [
                "add_retention_policy", "remove_retention_policy", "add_continuous_aggregate_policy", "remove_continuous_aggregate_policy",
                "add_compression_policy", "add_columnstore_policy", "remove_compression_policy", "remove_columnstore_policy",
            ]
            let relation = call.argument(name.hasSuffix("continuous_aggregate_policy") ? "continuous_aggregate"
                                         : name.hasSuffix("retention_policy") ? "relation" : "hypertable", position: 0)?.textValue
            if policies.contains(name), let relation, let k = index(relation) {
                setups[k].statements.append(statement.text)
                if name.hasPrefix("add_") {
                    let remove = "remove_" + name.dropFirst("add_".count)
                    // The procedure of 2.18+ is CALLed; the functions are SELECTed.
                    setups[k].rerunnableStatements.append((name == "add_columnstore_policy" ? "CALL " : "SELECT ") + remove
                                                          + "(" + SQLQuote.literal(relation) + ", if_exists => true)")
                }
                setups[k].rerunnableStatements.append(statement.text)
            }
            switch name {
            case "add_retention_policy":
                if let k = index(call.argument("relation", position: 0)?.textValue) {
                    setups[k].dropAfter = interval(call.argument("drop_after", position: 1))
                }
            case "remove_retention_policy":
                if let k = index(call.argument("relation", position: 0)?.textValue) { setups[k].dropAfter = nil }
            case "add_continuous_aggregate_policy":
                if let k = index(call.argument("continuous_aggregate", position: 0)?.textValue) {
                    setups[k].refreshed = true
                    setups[k].refreshEndOffset = interval(call.argument("end_offset", position: 2))
                }
            case "remove_continuous_aggregate_policy":
                if let k = index(call.argument("continuous_aggregate", position: 0)?.textValue) { setups[k].refreshed = false }
            case "add_compression_policy", "add_columnstore_policy":
                if let k = index(call.argument("hypertable", position: 0)?.textValue) {
                    setups[k].compressAfter = interval(call.argument(name == "add_columnstore_policy" ? "after" : "compress_after", position: 1))
                }
            case "remove_compression_policy", "remove_columnstore_policy":
                if let k = index(call.argument("hypertable", position: 0)?.textValue) { setups[k].compressAfter = nil }
            default:
                break
            }
        default:
            break
        }
    }

    /// The `SET (key [= value], …)` list of an ALTER statement, keys as written (`timescaledb.compress`),
    /// values unquoted (`true` for a key alone); nil when there is none.
    static func setOptions(_ text: String) -> [String: String]? {
        guard let tokens = try? SQLLexer(text: text, file: "").tokens(),
              let set = tokens.firstIndex(where: { $0.isWord("set") }), set + 1 < tokens.count, tokens[set + 1].isSymbol("(") else { return nil }
        var out: [String: String] = [:]
        var i = set + 2
        while i < tokens.count, !tokens[i].isSymbol(")") {
            let start = i
            var key = ""
            while i < tokens.count, case .identifier(let w, _) = tokens[i].kind {
                key += w
                i += 1
                guard i + 1 < tokens.count, tokens[i].isSymbol(".") else { break }
                key += "."
                i += 1
            }
            var value = "true"
            if i + 1 < tokens.count, tokens[i].isSymbol("=") {
                switch tokens[i + 1].kind {
                case .string(let v), .identifier(let v, _), .number(let v): value = v
                default: break
                }
                i += 2
            }
            if !key.isEmpty { out[key] = value }
            if i < tokens.count, tokens[i].isSymbol(",") { i += 1 }
            if i == start { return out }
        }
        return out
    }

    /// `CREATE MATERIALIZED VIEW name …` with `IF NOT EXISTS` after `VIEW` (the definition read it
    /// as a continuous aggregate's, so `VIEW` is there).
    static func skippingIfExists(_ text: String) -> String {
        guard let tokens = try? SQLLexer(text: text, file: "").tokens(),
              let view = tokens.firstIndex(where: { $0.isWord("view") }) else { return text }
        let utf8 = Array(text.utf8)
        let at = tokens[view].end
        guard at <= utf8.count else { return text }
        return String(decoding: utf8[..<at], as: UTF8.self) + " IF NOT EXISTS" + String(decoding: utf8[at...], as: UTF8.self)
    }
}
