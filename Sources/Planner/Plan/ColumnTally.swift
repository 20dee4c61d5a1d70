/// Sums per-column bytes over a plan's chunks (``ChunkSizes`` column figures) into
/// ``CapacityPlan/ColumnBytes``.
struct ColumnTally: Sendable {
    var plain: [String: Double] = [:]
    var engine: [String: Double] = [:]
    var engineCompressed: [String: Double] = [:]
    var timescaleCompressed: [String: Double] = [:]

    /// Adds one chunk, compressed or not as the policies leave it.
    mutating func add(_ sizes: ChunkSizes, compressed: Bool) {
        for (k, v) in sizes.columnPlain { plain[k, default: 0] += v }
        if compressed {
            for (k, v) in sizes.columnEngineCompressed {
                engine[k, default: 0] += v
                engineCompressed[k, default: 0] += v
            }
            for (k, v) in sizes.columnTimescaleCompressed { timescaleCompressed[k, default: 0] += v }
        } else {
            for (k, v) in sizes.columnPlain { engine[k, default: 0] += v }
        }
    }

    /// One figure per column, in `order` (the table's column order).
    func figures(_ order: [String]) -> [CapacityPlan.ColumnBytes] {
        func i(_ d: [String: Double], _ k: String) -> Int { Int((d[k] ?? 0).rounded()) }
        return order.map { k in
            CapacityPlan.ColumnBytes(column: k, uncompressedBytes: i(plain, k), engineBytes: i(engine, k),
                                     engineCompressedBytes: i(engineCompressed, k), timescaledbCompressedBytes: i(timescaleCompressed, k))
        }
    }
}
