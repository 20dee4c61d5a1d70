/// Where PostgreSQL splits a full B-tree page (nbtsplitloc.c `_bt_findsplitloc`, PostgreSQL 15).
///
/// Every legal split point is scored by how evenly it divides free space — weighted by the leaf
/// fillfactor (90 %) on the rightmost leaf, by 70 % on the rightmost internal page, and by the
/// "split after new item" rule for localized ascending inserts into small composite keys — then,
/// among the points within 5 % (leaf) or 7.5 % (internal) of the best, the one whose pivot keeps the
/// fewest key columns (leaf) or is smallest (internal) wins.
struct BTreeSplitLocation {
    /// One item of the page being split, the incoming item included, in key order.
    struct Item {
        var entry: Int
        /// MAXALIGNed tuple size (without its line pointer).
        var size: Int
        /// Posting-list bytes suffix truncation removes from a high key made from this item.
        var postingBytes: Int
        var isNew: Bool
    }

    struct Page {
        var items: [Item]
        var isLeaf: Bool
        var isRightmost: Bool
        /// Existing high key size (0 on the rightmost page).
        var highKeySize: Int
        var fillfactor: Int
        /// Key columns of the index.
        var keyCount: Int
        /// Entry the page's high key was made from (nil on the rightmost page).
        var highKeyEntry: Int? = nil
    }

    struct Candidate {
        var firstRight: Int
        var leftFree: Int
        var rightFree: Int
        var delta: Double
    }

    /// Index in `page.items` of the first item that moves to the right page.
    static func choose(_ page: Page, keys: BTreeKeys, heap: HeapRelation?, keysAreEntries: Bool) -> Int {
        let items = page.items
        let n = items.count
        let lp = PageLayout.linePointer
        let leftSpace = PageLayout.btreeUsable
        let rightSpace = PageLayout.btreeUsable - (page.isRightmost ? 0 : page.highKeySize + lp)
        let total = items.reduce(0) { $0 + $1.size + lp }
        guard let newIndex = items.firstIndex(where: \.isNew) else { return n / 2 }
        let newItemSize = items[newIndex].size + lp
        var candidates: [Candidate] = []
        candidates.reserveCapacity(n)
        var leftBytes = 0
        var minFirstRight = Int.max
        for k in 1..<n {
            leftBytes += items[k - 1].size + lp
            let right = items[k]
            var firstRightSize = right.size + lp
            if page.isLeaf { firstRightSize -= right.postingBytes }
            minFirstRight = min(minFirstRight, right.size + lp)
            var leftFree = leftSpace - leftBytes
            var rightFree = rightSpace - (total - leftBytes)
            if page.isLeaf {
                leftFree -= firstRightSize + PageLayout.maxAligned(6)
            } else {
                leftFree -= firstRightSize
                rightFree += firstRightSize - (8 + lp)
            }
            if leftFree >= 0 && rightFree >= 0 {
                candidates.append(Candidate(firstRight: k, leftFree: leftFree, rightFree: rightFree, delta: 0))
            }
        }
        guard !candidates.isEmpty else { return n / 2 }

        var useMultiplier = false
        var multiplier = 0.5
        if page.isLeaf {
            if page.isRightmost {
                useMultiplier = true
                multiplier = Double(page.fillfactor) / 100
            } else if let after = afterNewItem(page, newIndex: newIndex, newItemSize: newItemSize,
                                               minFirstRight: minFirstRight, total: total - newItemSize,
                                               keys: keys, heap: heap, keysAreEntries: keysAreEntries) {
                if after {
                    useMultiplier = true
                    multiplier = Double(page.fillfactor) / 100
                } else if let exact = candidates.first(where: { $0.firstRight == newIndex + 1 }) {
                    return exact.firstRight
                }
            }
        } else if page.isRightmost {
            useMultiplier = true
            multiplier = 0.70
        }
        sortByDelta(&candidates, useMultiplier: useMultiplier, multiplier: multiplier)

        // Split interval: candidates whose free space stays within the tolerance of the best one.
        let tolerance = Double(total - newItemSize) * (page.isLeaf ? 0.05 : 0.075)
        let best = candidates[0]
        var interval = candidates.count
        for i in 1..<candidates.count {
            let c = candidates[i]
            if Double(c.leftFree) < Double(best.leftFree) - tolerance || Double(c.rightFree) < Double(best.rightFree) - tolerance
                || Double(c.leftFree) > Double(best.leftFree) + tolerance || Double(c.rightFree) > Double(best.rightFree) + tolerance {
                interval = i
                break
            }
        }

        func penalty(_ c: Candidate) -> Int {
            if page.isLeaf { return keyNatts(items[c.firstRight - 1].entry, items[c.firstRight].entry) }
            return items[c.firstRight].size
        }
        func keyNatts(_ a: Int, _ b: Int) -> Int {
            keysAreEntries ? keys.keepNatts(a, b) : page.keyCount
        }

        var perfect: Int
        var manyDuplicates = false
        if page.isLeaf {
            let inInterval = candidates[0..<interval]
            let lo = inInterval.min { $0.firstRight < $1.firstRight }?.firstRight ?? 1
            let hi = inInterval.max { $0.firstRight < $1.firstRight }?.firstRight ?? 1
            perfect = keyNatts(items[lo - 1].entry, items[hi].entry)
            if perfect > page.keyCount {
                // No split in the interval avoids a heap TID in the high key: look at the whole page.
                let whole = keyNatts(items[0].entry, items[n - 1].entry)
                if whole <= page.keyCount {
                    manyDuplicates = true
                    interval = candidates.count
                    perfect = page.keyCount
                } else if page.isRightmost || page.highKeyEntry.map({ keyNatts($0, items[newIndex].entry) <= page.keyCount }) == true {
                    // Single value strategy on the last page holding this value: leave the left page
                    // 96 % full (BTREE_SINGLEVAL_FILLFACTOR).
                    sortByDelta(&candidates, useMultiplier: true, multiplier: 0.96)
                    return candidates[0].firstRight
                }
                // Otherwise more duplicates follow on the right: default strategy (an even split).
            }
        } else {
            perfect = minFirstRight
        }
        var bestPenalty = Int.max
        var chosen = 0
        for i in 0..<min(interval, candidates.count) {
            let p = penalty(candidates[i])
            if p < bestPenalty {
                bestPenalty = p
                chosen = i
            }
            if p <= perfect { break }
        }
        let final = candidates[chosen]
        // Avoid repeated lopsided splits to the right of a duplicate group (`_bt_bestsplitloc`).
        if manyDuplicates && !page.isRightmost {
            let newOnLeft = newIndex < final.firstRight
            if !newOnLeft && final.firstRight >= newIndex && final.firstRight < newIndex + 9 {
                return candidates[0].firstRight
            }
        }
        return final.firstRight
    }

    static func sortByDelta(_ candidates: inout [Candidate], useMultiplier: Bool, multiplier: Double) {
        for i in candidates.indices {
            let c = candidates[i]
            let d = useMultiplier ? multiplier * Double(c.leftFree) - (1 - multiplier) * Double(c.rightFree)
                : Double(c.leftFree - c.rightFree)
            candidates[i].delta = abs(d)
        }
        // Stable, so ties keep page order (qsort's order is unspecified; ties are rare with real sizes).
        candidates = candidates.enumerated().sorted { ($0.element.delta, $0.offset) < ($1.element.delta, $1.offset) }.map(\.element)
    }

    /// `_bt_afternewitemoff`: nil when the rule does not apply; true to split at the leaf fillfactor;
    /// false to split right after the new item.
    static func afterNewItem(_ page: Page, newIndex: Int, newItemSize: Int, minFirstRight: Int, total: Int,
                             keys: BTreeKeys, heap: HeapRelation?, keysAreEntries: Bool) -> Bool? {
        guard keysAreEntries, page.keyCount > 1, newIndex > 0 else { return nil }
        let items = page.items
        let oldCount = items.count - 1
        guard newItemSize <= minFirstRight, newItemSize * oldCount == total else { return nil }
        // Tuples wider than two int8 columns are excluded: MAXALIGN(8 + 16) + 4.
        guard newItemSize <= PageLayout.maxAligned(8 + 16) + PageLayout.linePointer else { return nil }
        let newEntry = items[newIndex].entry
        if newIndex == items.count - 1 {
            let natts = keys.keepNatts(items[newIndex - 1].entry, newEntry)
            return natts > 1 && natts <= page.keyCount ? true : nil
        }
        let left = items[newIndex - 1]
        guard left.postingBytes == 0, let heap,
              heap.adjacent(Int(keys.rows[left.entry]), Int(keys.rows[newEntry])) else { return nil }
        let natts = keys.keepNatts(left.entry, newEntry)
        guard natts > 1 && natts <= page.keyCount else { return nil }
        // Offsets count the high key on a non-rightmost page: newitemoff = newIndex + 2, maxoff = oldCount + 1.
        let interp = Double(newIndex + 2) / Double(oldCount + 2)
        return interp > Double(page.fillfactor) / 100
    }
}
