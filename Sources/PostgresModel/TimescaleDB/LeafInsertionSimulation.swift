/// A PostgreSQL 15 B-tree's leaf level grown by inserting tuples one at a time, to count pages
/// for indexes that exist while COPY loads a chunk (nbtinsert.c, nbtsplitloc.c, nbtdedup.c).
///
/// Facts used: a leaf holds 8152 bytes of tuples and line pointers (8192 − 24 header − 16
/// special); non-rightmost pages also keep a high key; a full page is first deduplicated when
/// the index allows it (non-unique: equal keys merge into one posting tuple of
/// MAXALIGN(tuple + 6 bytes per extra heap TID)); a rightmost leaf splits leaving 90 %
/// (BTREE_DEFAULT_FILLFACTOR) on the left, any other leaf splits its bytes about evenly.
struct LeafInsertionSimulation: Sendable {
    struct Item: Sendable { var rank: Int; var group: Int; var tids: Int; var size: Int }

    static let capacity = 8192 - 24 - 16
    private var pages: [[Item]] = [[]]
    /// Bytes of tuples and line pointers on each page (high key excluded).
    private var bytes: [Int] = [0]
    let tupleSize: Int
    let deduplicate: Bool

    init(tupleSize: Int, deduplicate: Bool) {
        self.tupleSize = tupleSize
        self.deduplicate = deduplicate
    }

    var leafCount: Int { pages.count }

    private func used(_ p: Int) -> Int {
        bytes[p] + (p == pages.count - 1 ? 0 : tupleSize + 4)
    }

    /// Inserts a key whose position among all keys is `rank` and whose equal-key class is `group`.
    mutating func insert(rank: Int, group: Int) {
        // The page whose first key is the greatest one not above `rank` (binary search).
        var lo = 0, hi = pages.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if let first = pages[mid].first, first.rank <= rank { lo = mid } else { hi = mid - 1 }
        }
        let p = lo
        let item = Item(rank: rank, group: group, tids: 1, size: tupleSize)
        if used(p) + item.size + 4 <= Self.capacity {
            place(item, p)
            return
        }
        if deduplicate {
            dedup(p)
            if used(p) + item.size + 4 <= Self.capacity {
                place(item, p)
                return
            }
        }
        place(item, p)
        split(p)
    }

    private mutating func place(_ item: Item, _ p: Int) {
        var lo = 0, hi = pages[p].count
        while lo < hi {
            let mid = (lo + hi) / 2
            if pages[p][mid].rank > item.rank { hi = mid } else { lo = mid + 1 }
        }
        pages[p].insert(item, at: lo)
        bytes[p] += item.size + 4
    }

    private mutating func dedup(_ p: Int) {
        var out: [Item] = []
        for it in pages[p] {
            if var last = out.last, last.group == it.group {
                last.tids += it.tids
                let base = ToastedTuple.maxAlign(tupleSize)
                last.size = ToastedTuple.maxAlign(base + 6 * last.tids)
                out[out.count - 1] = last
            } else {
                out.append(it)
            }
        }
        pages[p] = out
        bytes[p] = out.reduce(0) { $0 + $1.size + 4 }
    }

    private mutating func split(_ p: Int) {
        let items = pages[p]
        let rightmost = p == pages.count - 1
        let fraction = rightmost ? 0.90 : 0.50
        let total = items.reduce(0) { $0 + $1.size + 4 }
        var left = 0, k = 0
        while k < items.count - 1 && Double(left + items[k].size + 4) <= Double(total) * fraction {
            left += items[k].size + 4
            k += 1
        }
        k = max(1, k)
        left = items[..<k].reduce(0) { $0 + $1.size + 4 }
        pages[p] = Array(items[..<k])
        pages.insert(Array(items[k...]), at: p + 1)
        bytes[p] = left
        bytes.insert(total - left, at: p + 1)
    }
}
