/// A B-tree that exists while rows are inserted in file order: every insert descends to its leaf,
/// and a full leaf is first deduplicated (when that applies) and otherwise split where
/// ``BTreeSplitLocation`` says PostgreSQL splits it. Internal levels receive one pivot per split.
///
/// Leaf pages are kept in key order in an array; each knows its low bound (the pivot pointing to it,
/// with suffix truncation), so finding the leaf for a key is a binary search, as a root-to-leaf
/// descent would find it.
public struct BTreeIncrementalBuild {
    struct LeafItem {
        var entry: Int32
        var size: Int32
        var tids: Int32
    }

    struct LeafPage {
        var items: [LeafItem] = []
        /// Low bound: entry and kept key columns of the pivot; natts 0 is minus infinity.
        var lowEntry: Int32 = 0
        var lowNatts: Int8 = 0
        var highKeySize: Int32 = 0
        var used: Int = 0
    }

    struct Pivot {
        var entry: Int32
        var natts: Int8
        var size: Int32
    }

    struct InternalPage {
        var items: [Pivot] = []
        var highKeySize: Int32 = 0
        var used: Int = 0
    }

    let keys: BTreeKeys
    let heap: HeapRelation
    let deduplicate: Bool
    /// A unique index's: a full leaf is deduplicated only when the incoming entry has a NULL key.
    let deduplicateNullKeys: Bool
    let fillfactor: Int
    var leaves: [LeafPage] = [LeafPage()]
    /// Internal levels, bottom first.
    var levels: [[InternalPage]] = []

    /// Pages of the index after inserting every entry in file order, metapage included.
    public static func pages(keys: BTreeKeys, heap: HeapRelation, deduplicate: Bool, deduplicateNullKeys: Bool = false,
                             fillfactor: Int = 90) -> Int {
        // The root leaf is made by the first insert: an index no row reaches (a partial one whose
        // predicate none meets) stays its metapage.
        if keys.count == 0 { return 1 }
        var tree = BTreeIncrementalBuild(keys: keys, heap: heap, deduplicate: deduplicate, deduplicateNullKeys: deduplicateNullKeys,
                                         fillfactor: fillfactor)
        for e in 0..<keys.count { tree.insert(e) }
        return 1 + tree.leaves.count + tree.levels.reduce(0) { $0 + $1.count }
    }

    init(keys: BTreeKeys, heap: HeapRelation, deduplicate: Bool, deduplicateNullKeys: Bool = false, fillfactor: Int) {
        self.keys = keys
        self.heap = heap
        self.deduplicate = deduplicate
        self.deduplicateNullKeys = deduplicateNullKeys
        self.fillfactor = fillfactor
    }

    func free(_ page: LeafPage) -> Int {
        PageLayout.btreeUsable - page.used - (page.highKeySize > 0 ? Int(page.highKeySize) + PageLayout.linePointer : 0)
    }

    /// The leaf whose key range holds entry `e`: the last page whose low bound is ≤ e.
    func leaf(for e: Int) -> Int {
        var lo = 1, hi = leaves.count
        while lo < hi {
            let mid = (lo + hi) / 2
            let p = leaves[mid]
            if keys.compare(entry: e, pivot: Int(p.lowEntry), natts: Int(p.lowNatts)) >= 0 { lo = mid + 1 } else { hi = mid }
        }
        return lo - 1
    }

    mutating func insert(_ e: Int) {
        let p = leaf(for: e)
        let size = Int(keys.leafSize[e])
        // Equal keys are ordered by heap TID.
        var lo = 0, hi = leaves[p].items.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if keys.compare(Int(leaves[p].items[mid].entry), e) < 0 { lo = mid + 1 } else { hi = mid }
        }
        let item = LeafItem(entry: Int32(e), size: Int32(size), tids: 1)
        if free(leaves[p]) >= size + PageLayout.linePointer {
            leaves[p].items.insert(item, at: lo)
            leaves[p].used += size + PageLayout.linePointer
            return
        }
        if deduplicate || (deduplicateNullKeys && keys.hasNullKey(e)) {
            deduplicatePage(p, newEntry: e, newItemSize: size + PageLayout.linePointer)
            if free(leaves[p]) >= size + PageLayout.linePointer {
                var at = 0, top = leaves[p].items.count
                while at < top {
                    let mid = (at + top) / 2
                    if keys.compare(Int(leaves[p].items[mid].entry), e) < 0 { at = mid + 1 } else { top = mid }
                }
                leaves[p].items.insert(item, at: at)
                leaves[p].used += size + PageLayout.linePointer
                return
            }
            lo = 0
            hi = leaves[p].items.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if keys.compare(Int(leaves[p].items[mid].entry), e) < 0 { lo = mid + 1 } else { hi = mid }
            }
        }
        split(p, newItem: item, at: lo)
    }

    /// `_bt_dedup_pass`: merges runs of equal keys into posting lists of at most 1352 bytes. When
    /// the page holds one value only (`_bt_do_singleval`: first and last items equal the new one),
    /// the "single value" strategy stops after six capped posting lists and shrinks the sixth so a
    /// later split leaves the page 96 % full (`_bt_singleval_fillfactor`).
    mutating func deduplicatePage(_ p: Int, newEntry: Int, newItemSize: Int) {
        let old = leaves[p].items
        guard let first = old.first, let last = old.last else { return }
        var singleValue = keys.equalKeys(Int(first.entry), newEntry) && keys.equalKeys(Int(last.entry), newEntry)
        var maxPosting = BTreeDeduplication.maxPostingSizeOnPage
        var cappedItems = 0
        var deduplicating = true
        var merged: [LeafItem] = []
        merged.reserveCapacity(old.count)
        var i = 0
        while i < old.count {
            var base = old[i]
            let keySize = keys.keyTupleSize(Int(base.entry))
            var j = i + 1
            while deduplicating, j < old.count, keys.equalKeys(Int(base.entry), Int(old[j].entry)) {
                let tids = Int(base.tids + old[j].tids)
                let size = BTreeDeduplication.postingSize(keySize: keySize, tids: tids)
                if size > maxPosting {
                    if base.tids > 50 { cappedItems += 1 }
                    break
                }
                base.tids = Int32(tids)
                base.size = Int32(size)
                j += 1
            }
            merged.append(base)
            if singleValue {
                if cappedItems == 5 {
                    let leftFree = PageLayout.btreeUsable - newItemSize - PageLayout.maxAligned(6)
                    let reduction = Int(Double(leftFree) * (100.0 - 96.0) / 100.0)
                    maxPosting = maxPosting > reduction ? maxPosting - reduction : 0
                } else if cappedItems == 6 {
                    deduplicating = false
                    singleValue = false
                }
            }
            i = j
        }
        leaves[p].items = merged
        leaves[p].used = merged.reduce(0) { $0 + Int($1.size) + PageLayout.linePointer }
    }

    mutating func split(_ p: Int, newItem: LeafItem, at position: Int) {
        var items = leaves[p].items
        items.insert(newItem, at: position)
        let splitItems = items.enumerated().map { (i, it) -> BTreeSplitLocation.Item in
            let posting = it.tids > 1 ? Int(it.size) - keys.keyTupleSize(Int(it.entry)) : 0
            return .init(entry: Int(it.entry), size: Int(it.size), postingBytes: posting, isNew: i == position)
        }
        let isRightmost = p == leaves.count - 1
        let k = BTreeSplitLocation.choose(
            .init(items: splitItems, isLeaf: true, isRightmost: isRightmost, highKeySize: Int(leaves[p].highKeySize),
                  fillfactor: fillfactor, keyCount: keys.keyCount, highKeyEntry: isRightmost ? nil : Int(leaves[p + 1].lowEntry)),
            keys: keys, heap: heap, keysAreEntries: true)
        let lastLeft = Int(items[k - 1].entry), firstRight = Int(items[k].entry)
        let natts = keys.keepNatts(lastLeft, firstRight)
        let pivotSize = keys.pivotSize(firstRight, natts: natts)
        var right = LeafPage()
        right.items = Array(items[k...])
        right.used = right.items.reduce(0) { $0 + Int($1.size) + PageLayout.linePointer }
        right.highKeySize = leaves[p].highKeySize
        right.lowEntry = Int32(firstRight)
        right.lowNatts = Int8(natts)
        leaves[p].items = Array(items[..<k])
        leaves[p].used = leaves[p].items.reduce(0) { $0 + Int($1.size) + PageLayout.linePointer }
        leaves[p].highKeySize = Int32(pivotSize)
        leaves.insert(right, at: p + 1)
        insertPivot(Pivot(entry: Int32(firstRight), natts: Int8(natts), size: Int32(pivotSize)), level: 0, isRootSplit: leaves.count == 2)
    }

    /// Compares two pivots the way their truncated keys order.
    func compare(_ a: Pivot, _ b: Pivot) -> Int {
        if a.natts == 0 { return b.natts == 0 ? 0 : -1 }
        if b.natts == 0 { return 1 }
        let n = min(Int(a.natts), Int(b.natts))
        let c = keys.compare(entry: Int(a.entry), pivot: Int(b.entry), natts: n)
        if n > keys.keyCount { return c }
        // Equal on the shared columns (compare(entry:pivot:) reports +1 then): fewer columns is smaller.
        if keys.keepNatts(Int(a.entry), Int(b.entry)) > n {
            return a.natts == b.natts ? 0 : (a.natts < b.natts ? -1 : 1)
        }
        return c
    }

    mutating func insertPivot(_ pivot: Pivot, level: Int, isRootSplit: Bool) {
        if level == levels.count {
            // New root over the two halves: minus infinity plus the pivot.
            var root = InternalPage()
            root.items = [Pivot(entry: 0, natts: 0, size: 8), pivot]
            root.used = 8 + Int(pivot.size) + 2 * PageLayout.linePointer
            levels.append([root])
            return
        }
        // Page at this level whose range holds the pivot: last page whose first item ≤ pivot.
        var lo = 1, hi = levels[level].count
        while lo < hi {
            let mid = (lo + hi) / 2
            if compare(levels[level][mid].items[0], pivot) <= 0 { lo = mid + 1 } else { hi = mid }
        }
        let p = lo - 1
        var page = levels[level][p]
        var at = 0, top = page.items.count
        while at < top {
            let mid = (at + top) / 2
            if compare(page.items[mid], pivot) < 0 { at = mid + 1 } else { top = mid }
        }
        let need = Int(pivot.size) + PageLayout.linePointer
        let free = PageLayout.btreeUsable - page.used - (page.highKeySize > 0 ? Int(page.highKeySize) + PageLayout.linePointer : 0)
        if free >= need {
            page.items.insert(pivot, at: at)
            page.used += need
            levels[level][p] = page
            return
        }
        var items = page.items
        items.insert(pivot, at: at)
        let splitItems = items.enumerated().map { (i, it) in
            BTreeSplitLocation.Item(entry: Int(it.entry), size: Int(it.size), postingBytes: 0, isNew: i == at)
        }
        let isRightmost = p == levels[level].count - 1
        let k = BTreeSplitLocation.choose(
            .init(items: splitItems, isLeaf: false, isRightmost: isRightmost, highKeySize: Int(page.highKeySize),
                  fillfactor: 70, keyCount: keys.keyCount),
            keys: keys, heap: nil, keysAreEntries: false)
        let up = items[k]
        var right = InternalPage()
        right.items = Array(items[k...])
        // The right page's first item becomes minus infinity; its key moves up as the pivot. The item
        // keeps its entry so this simulation can still order pages by it.
        right.items[0].size = 8
        right.used = right.items.reduce(0) { $0 + Int($1.size) + PageLayout.linePointer }
        right.highKeySize = page.highKeySize
        page.items = Array(items[..<k])
        page.used = page.items.reduce(0) { $0 + Int($1.size) + PageLayout.linePointer }
        page.highKeySize = up.size
        levels[level][p] = page
        levels[level].insert(right, at: p + 1)
        insertPivot(up, level: level + 1, isRootSplit: levels[level].count == 2)
    }
}
