/// Page counts of PostgreSQL 15 B-trees filled by ordered inserts (nbtinsert.c/nbtsplitloc.c).
///
/// Facts: 8192-byte pages with a 24-byte header and 16-byte btree special space; 4-byte line
/// pointers; when the rightmost leaf splits it keeps `fillfactor` (90 %) of its space on the
/// left; one metapage; a root above more than one leaf.
enum BTreeSize {
    static let usable = 8192 - 24 - 16

    /// Pages of a btree whose `entries` tuples of `tupleSize` bytes arrive in key order.
    static func incrementalPages(entries: Int, tupleSize: Int, leafFill: Double = 0.90) -> Int {
        if entries == 0 { return 1 }
        let per = tupleSize + 4
        let capacity = usable / per
        if entries <= capacity { return 2 }
        let perSplitPage = max(1, Int(Double(usable) * leafFill) / per)
        let leaves = 1 + (entries - capacity + perSplitPage - 1) / perSplitPage
        return 1 + leaves + internalPages(leaves: leaves, pivotSize: tupleSize)
    }

    /// Internal pages above `leaves` leaves (pivot tuples about as wide as leaf tuples).
    static func internalPages(leaves: Int, pivotSize: Int) -> Int {
        var level = leaves, total = 0
        let fanout = max(2, Int(Double(usable) * 0.70) / (pivotSize + 4))
        while level > 1 {
            level = (level + fanout - 1) / fanout
            total += level
        }
        return total
    }
}
