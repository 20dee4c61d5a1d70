import Schema

/// The functions a database declares, by name: what `/rpc/<fn>` can call.
///
/// Built from migration SQL (every `CREATE FUNCTION` the ``SchemaCatalog`` kept) or, without
/// migrations, ``nqp``: migration 010's four declarations.
public struct FunctionCatalog: Sendable {
    public private(set) var signatures: [String: FunctionSignature]

    public init(signatures: [FunctionSignature]) {
        var byName: [String: FunctionSignature] = [:]
        for s in signatures { byName[s.name] = s }
        self.signatures = byName
    }

    /// The functions of applied migrations.
    /// - Throws: the first declaration Chunkwise cannot read.
    public init(_ catalog: SchemaCatalog) throws(FunctionCallError) {
        var list: [FunctionSignature] = []
        for f in catalog.functions.values { list.append(try FunctionSignature(f)) }
        self.init(signatures: list)
    }

    public func signature(_ name: String) -> FunctionSignature? { signatures[name] }

    /// NQP migration 010 (`sql/010_analytics_functions.sql`, REFERENCE.md §3) as declared there.
    public static let nqp: FunctionCatalog = {
        typealias P = FunctionSignature.Parameter
        typealias C = FunctionSignature.Column
        let unbounded = PGType.numeric(precision: nil, scale: nil)
        let ticker = P(name: "p_ticker_id", typeSQL: "uuid", type: .uuid, defaultSQL: nil)
        let bar: [C] = [C(name: "id", type: .uuid), C(name: "ticker_id", type: .uuid), C(name: "timestamp", type: .timestamptz),
                        C(name: "open", type: unbounded), C(name: "high", type: unbounded), C(name: "low", type: unbounded),
                        C(name: "close", type: unbounded), C(name: "volume", type: .int8), C(name: "interval", type: .varchar(nil))]
        return FunctionCatalog(signatures: [
            FunctionSignature(name: "get_latest_price",
                              parameters: [ticker, P(name: "p_interval", typeSQL: "varchar", type: .varchar(nil), defaultSQL: "'1h'")],
                              columns: bar, returnsSet: true),
            FunctionSignature(name: "get_price_range",
                              parameters: [ticker, P(name: "p_interval", typeSQL: "varchar", type: .varchar(nil), defaultSQL: nil),
                                           P(name: "p_start", typeSQL: "timestamptz", type: .timestamptz, defaultSQL: nil),
                                           P(name: "p_end", typeSQL: "timestamptz", type: .timestamptz, defaultSQL: nil)],
                              columns: Array(bar[2...7]), returnsSet: true),
            FunctionSignature(name: "get_prediction_accuracy",
                              parameters: [ticker, P(name: "p_days", typeSQL: "integer", type: .int4, defaultSQL: "30")],
                              columns: ["total_predictions", "correct_predictions", "wrong_predictions", "pending_predictions"].map { C(name: $0, type: .int8) }
                                + ["accuracy_percentage", "avg_confidence", "avg_weighted_score"].map { C(name: $0, type: unbounded) },
                              returnsSet: true),
            FunctionSignature(name: "get_block_prediction_accuracy",
                              parameters: [ticker, P(name: "p_days", typeSQL: "integer", type: .int4, defaultSQL: "30")],
                              columns: ["total_predictions", "verified_predictions", "correct_predictions"].map { C(name: $0, type: .int8) }
                                + ["accuracy_percentage", "avg_confidence"].map { C(name: $0, type: unbounded) },
                              returnsSet: true),
        ])
    }()
}
