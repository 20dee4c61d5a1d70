import Foundation
import Schema

/// Calls an analytics function by name with named arguments, the way PostgREST's
/// `POST /rpc/<fn>` does: arguments bound to the declared parameters by name, omitted ones
/// taking their declared DEFAULT, each value read by its parameter type's input rules; then the
/// in-process implementation of the function (``NQPAnalytics``) computes the rows.
///
/// ```swift
/// let dispatch = FunctionDispatch(catalog: .nqp)
/// let result = try dispatch.call("get_latest_price", arguments: ["p_ticker_id": .string(id)], analytics: analytics)
/// result.json(zone: .utc)   // [{"id":"…","ticker_id":"…","timestamp":"2024-01-05T22:59:00+00:00",…}]
/// ```
public struct FunctionDispatch: Sendable {
    public var catalog: FunctionCatalog

    public init(catalog: FunctionCatalog = .nqp) {
        self.catalog = catalog
    }

    /// The declared signature and one value per parameter, in declaration order.
    /// - Throws: ``FunctionCallError/noMatchingFunction(name:argumentNames:)`` when the function is
    ///   unknown, an argument name is not a parameter, or a parameter without DEFAULT is missing;
    ///   ``FunctionCallError/invalidArgument(sqlState:message:)`` when a value does not read as its type.
    public func bind(_ name: String, arguments: [String: FunctionArgument], session: AnalyticsSession)
        throws(FunctionCallError) -> (signature: FunctionSignature, values: [Value]) {
        let names = Array(arguments.keys)
        guard let signature = catalog.signature(name),
              names.allSatisfy({ signature.parameter(named: $0) != nil }),
              signature.parameters.allSatisfy({ arguments[$0.name] != nil || $0.defaultSQL != nil })
        else { throw .noMatchingFunction(name: name, argumentNames: names) }
        var values: [Value] = []
        for p in signature.parameters {
            if let given = arguments[p.name] {
                values.append(try FunctionDispatch.read(given.inputText, as: p.type, session: session))
            } else if let d = p.defaultSQL {
                values.append(try FunctionDispatch.evaluateDefault(d, parameter: p, function: name, session: session))
            }
        }
        return (signature, values)
    }

    /// Binds and runs `name` over `analytics`' stores, `now()` and time zone.
    public func call(_ name: String, arguments: [String: FunctionArgument], analytics: NQPAnalytics) throws(FunctionCallError) -> FunctionResult {
        let (signature, values) = try bind(name, arguments: arguments, session: analytics.session)
        let rows = try FunctionDispatch.run(signature, values: values, analytics: analytics)
        return FunctionResult(columns: signature.columns, rows: rows, returnsSet: signature.returnsSet)
    }

    // MARK: - The implementations

    private static func run(_ s: FunctionSignature, values: [Value], analytics: NQPAnalytics) throws(FunctionCallError) -> [[Value]] {
        let types = s.parameters.map(\.type)
        func expect(_ shape: [(PGType) -> Bool], columns: Int) throws(FunctionCallError) {
            guard types.count == shape.count, zip(types, shape).allSatisfy({ $1($0) }), s.columns.count == columns, s.returnsSet else {
                throw .notImplemented(function: s.name, reason: "its declaration differs from NQP migration 010's")
            }
        }
        let isUUID: (PGType) -> Bool = { $0 == .uuid }
        let isText: (PGType) -> Bool = { if case .varchar = $0 { return true }; return $0 == .text }
        let isTime: (PGType) -> Bool = { $0 == .timestamptz }
        let isInt: (PGType) -> Bool = { $0 == .int4 || $0 == .int2 || $0 == .int8 }
        do {
            switch s.name {
            case "get_latest_price":
                try expect([isUUID, isText], columns: 9)
                // `WHERE ticker_id = NULL` selects nothing.
                guard case .uuid(let t) = values[0], case .text(let interval) = values[1] else { return [] }
                guard let b = try analytics.getLatestPrice(ticker: t, interval: interval) else { return [] }
                return [[.uuid(b.id), .uuid(b.tickerID), .timestamp(b.timestamp), Value(b.open), Value(b.high),
                         Value(b.low), Value(b.close), b.volume.map { .int($0) } ?? .null, .text(b.interval)]]
            case "get_price_range":
                try expect([isUUID, isText, isTime, isTime], columns: 6)
                guard case .uuid(let t) = values[0], case .text(let interval) = values[1],
                      case .timestamp(let start) = values[2], case .timestamp(let end) = values[3] else { return [] }
                var rows: [[Value]] = []
                let range = try analytics.getPriceRange(ticker: t, interval: interval, start: start, end: end)
                rows.reserveCapacity(range.count)
                range.forEachRow { c, r in
                    rows.append([.timestamp(c.timestamps[r]), Value(c.open(r)), Value(c.high(r)), Value(c.low(r)),
                                 Value(c.close(r)), c.volume(r).map { .int($0) } ?? .null])
                }
                return rows
            case "get_prediction_accuracy":
                try expect([isUUID, isInt], columns: 7)
                let a: PredictionAccuracy
                if case .uuid(let t) = values[0], case .int(let days) = values[1], let d = Int32(exactly: days) {
                    a = try analytics.getPredictionAccuracy(ticker: t, days: d)
                } else {
                    // A NULL argument makes the WHERE clause NULL: the aggregate over no rows.
                    a = try NQPAnalytics(session: analytics.session).getPredictionAccuracy(ticker: PGUUID(high: 0, low: 0))
                }
                return [[.int(a.totalPredictions), int(a.correctPredictions), int(a.wrongPredictions), int(a.pendingPredictions),
                         try numeric(a.accuracyPercentage), try numeric(a.averageConfidence), try numeric(a.averageWeightedScore)]]
            case "get_block_prediction_accuracy":
                try expect([isUUID, isInt], columns: 5)
                let a: BlockPredictionAccuracy
                if case .uuid(let t) = values[0], case .int(let days) = values[1], let d = Int32(exactly: days) {
                    a = try analytics.getBlockPredictionAccuracy(ticker: t, days: d)
                } else {
                    a = try NQPAnalytics(session: analytics.session).getBlockPredictionAccuracy(ticker: PGUUID(high: 0, low: 0))
                }
                return [[.int(a.totalPredictions), .int(a.verifiedPredictions), .int(a.correctPredictions),
                         try numeric(a.accuracyPercentage), try numeric(a.averageConfidence)]]
            default:
                throw FunctionCallError.notImplemented(function: s.name, reason: "only NQP migration 010's functions run in-process")
            }
        } catch let e as FunctionCallError {
            throw e
        } catch let e as AnalyticsError {
            switch e {
            case .timestampOutOfRange: throw .evaluation(sqlState: "22008", message: e.description)
            case .intervalOutOfRange: throw .evaluation(sqlState: "22015", message: e.description)
            default: throw .evaluation(sqlState: "XX000", message: e.description)
            }
        } catch {
            throw .evaluation(sqlState: "XX000", message: "\(error)")
        }
    }

    private static func int(_ v: Int64?) -> Value { v.map { .int($0) } ?? .null }

    private static func numeric(_ d: PGDecimal?) throws(FunctionCallError) -> Value {
        guard let d else { return .null }
        guard let n = d.numeric else { throw .evaluation(sqlState: "22003", message: "numeric value \(d) out of the range Chunkwise returns") }
        return .numeric(n)
    }

    // MARK: - Reading values

    /// A parameter value from its text (nil is NULL), with PostgreSQL's input rules and messages.
    static func read(_ text: String?, as type: PGType, session: AnalyticsSession) throws(FunctionCallError) -> Value {
        guard let text else { return .null }
        if type == .timestamptz || type == .timestamp {
            switch text.trimmingCharacters(in: .whitespaces).lowercased() {
            case "infinity", "+infinity": return .timestamp(Int64.max)
            case "-infinity": return .timestamp(Int64.min)
            default: break
            }
            // `now`, `today`, `tomorrow`, `yesterday` read the session's clock, as PostgreSQL reads
            // them at the transaction's start.
            do {
                return .timestamp(try PGTimestamp.parse(text, zone: session.timeZone, type: type, clock: session.now))
            } catch {
                throw FunctionCallError.refused(error)
            }
        }
        do {
            return try Value.parse(text, as: type, zone: session.timeZone)
        } catch {
            throw FunctionCallError.refused(error)
        }
    }

    /// A DEFAULT expression: a literal (`'1h'`, `30`, `NULL`, `true`) with optional `::type`
    /// casts, or `now()`/`CURRENT_TIMESTAMP`.
    static func evaluateDefault(_ sql: String, parameter: FunctionSignature.Parameter, function: String,
                                session: AnalyticsSession) throws(FunctionCallError) -> Value {
        var expr = sql.trimmingCharacters(in: .whitespacesAndNewlines)
        // Drop trailing casts outside quotes: `'1h'::varchar`, `30::int`.
        while let cast = expr.range(of: "::", options: .backwards), !expr[cast.upperBound...].contains("'") {
            expr = String(expr[..<cast.lowerBound]).trimmingCharacters(in: .whitespaces)
        }
        while expr.hasPrefix("("), expr.hasSuffix(")") { expr = String(expr.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces) }
        let lowered = expr.lowercased()
        if lowered == "null" { return .null }
        if lowered == "now()" || lowered == "current_timestamp" { return .timestamp(session.now) }
        if expr.count >= 2, expr.hasPrefix("'"), expr.hasSuffix("'") {
            let inner = String(expr.dropFirst().dropLast()).replacingOccurrences(of: "''", with: "'")
            return try read(inner, as: parameter.type, session: session)
        }
        if lowered == "true" || lowered == "false" || expr.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" || $0 == "+" }) {
            return try read(expr, as: parameter.type, session: session)
        }
        throw .signatureNotModelled(function: function, reason: "DEFAULT \(sql) of parameter \(parameter.name)")
    }
}
