/// PostgreSQL 15's in-memory sort (`tuplesort.c`), step for step, so that rows whose sort keys
/// tie come out in the order the server returns them: an `ORDER BY` is not stable, and which of
/// two tied rows comes first depends on the algorithm and on the input (heap) order.
///
/// - Without a bound, or with at most twice the bound rows: `qsort_tuple`
///   (`sort_template.h`, Bentley–McIlroy): insertion sort under 7 rows, a presorted check,
///   median of three (ninther from 41 rows), three-way partitioning.
/// - `LIMIT n` (`OFFSET` included) over more than `2n` rows: the bounded heap
///   (`make_bounded_heap`, `tuplesort_heap_replace_top`, `sort_bounded_heap`): the first `n`
///   rows are heap-inserted in reversed order, each later row replaces the top only when it sorts
///   strictly before it.
enum PostgresSort {
    /// `items` (in input order) sorted by `compare` (negative, zero, positive) as a sort node with
    /// `bound` (`LIMIT + OFFSET`, nil for none) returns them. With a bound in play, the first
    /// `bound` items are the server's, in its order; the rest follow in no particular order (they
    /// are only counted).
    static func sorted(_ items: [Int], bound: Int?, compare: (Int, Int) -> Int) -> [Int] {
        // tuplesort_set_bound ignores a bound past INT_MAX / 2.
        if let bound, bound >= 0, bound <= Int(Int32.max) / 2, items.count > bound * 2 {
            return boundedHeap(items, bound: bound, compare: compare)
        }
        var a = items
        a.withUnsafeMutableBufferPointer { quicksort($0, 0, $0.count, compare) }
        return a
    }

    /// `sort_template.h` (`ST_SORT`) over `a[start ..< start + n]`.
    static func quicksort(_ a: UnsafeMutableBufferPointer<Int>, _ start: Int, _ count: Int, _ compare: (Int, Int) -> Int) {
        var lo = start, n = count
        func cmp(_ i: Int, _ j: Int) -> Int { compare(a[i], a[j]) }
        func med3(_ x: Int, _ y: Int, _ z: Int) -> Int {
            cmp(x, y) < 0 ? (cmp(y, z) < 0 ? y : (cmp(x, z) < 0 ? z : x))
                          : (cmp(y, z) > 0 ? y : (cmp(x, z) < 0 ? x : z))
        }
        func swapN(_ x: Int, _ y: Int, _ k: Int) { for t in 0..<k { a.swapAt(x + t, y + t) } }
        while true {
            if n < 7 {
                var pm = lo + 1
                while pm < lo + n {
                    var pl = pm
                    while pl > lo && cmp(pl - 1, pl) > 0 { a.swapAt(pl, pl - 1); pl -= 1 }
                    pm += 1
                }
                return
            }
            var presorted = true
            for pm in (lo + 1)..<(lo + n) where cmp(pm - 1, pm) > 0 { presorted = false; break }
            if presorted { return }
            var pm = lo + n / 2
            if n > 7 {
                var pl = lo, pn = lo + n - 1
                if n > 40 {
                    let d = n / 8
                    pl = med3(pl, pl + d, pl + 2 * d)
                    pm = med3(pm - d, pm, pm + d)
                    pn = med3(pn - 2 * d, pn - d, pn)
                }
                pm = med3(pl, pm, pn)
            }
            a.swapAt(lo, pm)
            var pa = lo + 1, pb = lo + 1, pc = lo + n - 1, pd = lo + n - 1
            while true {
                while pb <= pc {
                    let r = cmp(pb, lo)
                    if r > 0 { break }
                    if r == 0 { a.swapAt(pa, pb); pa += 1 }
                    pb += 1
                }
                while pb <= pc {
                    let r = cmp(pc, lo)
                    if r < 0 { break }
                    if r == 0 { a.swapAt(pc, pd); pd -= 1 }
                    pc -= 1
                }
                if pb > pc { break }
                a.swapAt(pb, pc)
                pb += 1
                pc -= 1
            }
            let pn = lo + n
            var d1 = min(pa - lo, pb - pa)
            swapN(lo, pb - d1, d1)
            d1 = min(pd - pc, pn - pd - 1)
            swapN(pb, pn - d1, d1)
            d1 = pb - pa
            let d2 = pd - pc
            if d1 <= d2 {
                if d1 > 1 { quicksort(a, lo, d1, compare) }
                if d2 > 1 { lo = pn - d2; n = d2; continue }
            } else {
                if d2 > 1 { quicksort(a, pn - d2, d2, compare) }
                if d1 > 1 { n = d1; continue }
            }
            return
        }
    }

    /// The bounded heap: the `bound` first rows in the server's order, then the discarded ones.
    static func boundedHeap(_ items: [Int], bound: Int, compare: (Int, Int) -> Int) -> [Int] {
        // The heap runs in reversed direction: its top is the row that sorts last.
        func reversed(_ x: Int, _ y: Int) -> Int { -compare(x, y) }
        var heap: [Int] = []
        heap.reserveCapacity(bound)
        var discarded: [Int] = []
        func replaceTop(_ tuple: Int, count n: Int) {
            var i = 0
            while true {
                var j = 2 * i + 1
                if j >= n { break }
                if j + 1 < n && reversed(heap[j], heap[j + 1]) > 0 { j += 1 }
                if reversed(tuple, heap[j]) <= 0 { break }
                heap[i] = heap[j]
                i = j
            }
            heap[i] = tuple
        }
        for item in items {
            if heap.count < bound {
                // tuplesort_heap_insert: sift up.
                var j = heap.count
                heap.append(item)
                while j > 0 {
                    let i = (j - 1) >> 1
                    if reversed(item, heap[i]) >= 0 { break }
                    heap[j] = heap[i]
                    j = i
                }
                heap[j] = item
            } else if bound == 0 || reversed(item, heap[0]) <= 0 {
                discarded.append(item)
            } else {
                discarded.append(heap[0])
                replaceTop(item, count: heap.count)
            }
        }
        // sort_bounded_heap: delete the top into the slot freed at the end, down to one entry.
        var count = heap.count
        while count > 1 {
            let top = heap[0]
            count -= 1
            replaceTop(heap[count], count: count)
            heap[count] = top
        }
        return heap + discarded
    }
}
