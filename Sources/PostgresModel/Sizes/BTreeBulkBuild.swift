/// A B-tree built by CREATE INDEX on a loaded table (nbtsort.c `_bt_buildadd`).
///
/// Entries arrive sorted. A leaf page is closed once its free space drops below
/// `BLCKSZ·(100 − fillfactor)/100` (819 B at the default 90) with at least two items on it; the last
/// item moves to the next page and its truncated copy becomes the high key. Internal pages use the
/// fixed 70 % (`BTREE_NONLEAF_FILLFACTOR`). Equal keys are merged into posting lists of at most
/// 812 bytes when deduplication applies.
public enum BTreeBulkBuild {
    /// Free space of a fresh page with the high-key line pointer reserved (`_bt_blnewpage`):
    /// 8192 − 24 − 16 − 4, less one line pointer as `PageGetFreeSpace` counts it.
    static let freshPageSpace = PageLayout.btreeUsable - PageLayout.linePointer - PageLayout.linePointer

    /// Pages of the index, metapage included.
    public static func pages(keys: BTreeKeys, deduplicate: Bool, fillfactor: Int = 90) -> Int {
        if keys.count == 0 { return 1 }
        let order = (0..<keys.count).sorted { keys.compare($0, $1) < 0 }
        // Leaf items: (first entry, tuple size, truncatable posting bytes).
        var items: [(entry: Int, size: Int, extra: Int)] = []
        items.reserveCapacity(order.count)
        var i = 0
        while i < order.count {
            let first = order[i]
            var tids = 1
            if deduplicate {
                let keySize = keys.keyTupleSize(first)
                while i + tids < order.count, keys.equalKeys(first, order[i + tids]),
                      BTreeDeduplication.postingSize(keySize: keySize, tids: tids + 1) <= BTreeDeduplication.maxPostingSizeInBuild {
                    tids += 1
                }
                let size = BTreeDeduplication.postingSize(keySize: keySize, tids: tids)
                items.append((first, tids > 1 ? size : Int(keys.leafSize[first]), tids > 1 ? size - keySize : 0))
            } else {
                items.append((first, Int(keys.leafSize[first]), 0))
            }
            i += tids
        }
        let leafFull = PageLayout.blockSize * (100 - fillfactor) / 100
        let (leafPages, firstOfPage) = fill(sizes: items.map(\.size), extra: items.map(\.extra), full: leafFull, leaf: true)
        var total = 1 + leafPages
        // Level 1 pivots: truncated copies of each page's first item against the item before it.
        var pivots: [Int] = [8]
        for p in firstOfPage.dropFirst() {
            let natts = keys.keepNatts(items[p - 1].entry, items[p].entry)
            pivots.append(keys.pivotSize(items[p].entry, natts: natts))
        }
        var levelPages = leafPages
        let internalFull = PageLayout.blockSize * (100 - 70) / 100
        while levelPages > 1 {
            let (pages, starts) = fill(sizes: pivots, extra: [], full: internalFull, leaf: false)
            total += pages
            levelPages = pages
            // A moved first item becomes minus infinity on its page; its pivot goes one level up.
            pivots = [8] + starts.dropFirst().map { pivots[$0] }
        }
        return total
    }

    /// Fills pages in order; returns the page count and the index of each page's first item.
    static func fill(sizes: [Int], extra: [Int], full: Int, leaf: Bool) -> (Int, [Int]) {
        var starts = [0]
        var space = freshPageSpace
        var count = 0
        var lastExtra = 0
        for (i, size) in sizes.enumerated() {
            let reserve = leaf ? PageLayout.maxAligned(6) : 0
            if space < size + reserve || (space + lastExtra < full && count >= 2) {
                // The last item moves to the new page; the old page keeps the rest plus a high key.
                let moved = sizes[i - 1]
                starts.append(i - 1)
                space = freshPageSpace - (leaf ? moved : 8) - PageLayout.linePointer
                count = 1
            }
            space -= size + PageLayout.linePointer
            count += 1
            lastExtra = extra.isEmpty ? 0 : extra[i]
        }
        return (starts.count, starts)
    }
}
