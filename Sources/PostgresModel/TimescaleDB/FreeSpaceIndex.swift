/// The free space map's recorded categories (free bytes / 32, 0 … 255) by heap page, searchable
/// in O(log pages): a max segment tree over page numbers, pages never recorded holding −1.
///
/// ``HeapPageFill`` asks for the first recorded page at or after a slot whose category covers a
/// request, wrapping around to the first such page from 0 (`fsm_search_avail`). Scanning every
/// recorded page per request made filling a relation quadratic in its pages (a 5,000-ticker plan
/// spent most of its time there); the tree answers each request by descending one path.
struct FreeSpaceIndex: Sendable {
    /// Leaves start at `capacity`; node `i` holds the maximum of nodes `2i` and `2i + 1`.
    private var tree: [Int16] = []
    private var capacity = 0

    /// Records `category` for `page` (replacing what was recorded).
    mutating func record(page: Int, category: Int) {
        precondition(page >= 0)
        if page >= capacity { grow(toHold: page) }
        var i = capacity + page
        tree[i] = Int16(clamping: category)
        i /= 2
        while i >= 1 {
            tree[i] = max(tree[2 * i], tree[2 * i + 1])
            i /= 2
        }
    }

    /// The recorded category of `page`, nil when never recorded.
    func category(of page: Int) -> Int? {
        guard page >= 0, page < capacity, tree[capacity + page] >= 0 else { return nil }
        return Int(tree[capacity + page])
    }

    /// The first recorded page at or after `slot` whose category is at least `category`, else the
    /// first such page from 0; nil when no recorded page covers it.
    func search(atLeast category: Int, from slot: Int) -> Int? {
        guard capacity > 0, tree[1] >= category else { return nil }
        return first(atLeast: category, from: max(0, slot)) ?? first(atLeast: category, from: 0)
    }

    /// The leftmost page ≥ `lo` with a category ≥ `c`.
    private func first(atLeast c: Int, from lo: Int) -> Int? {
        guard lo < capacity else { return nil }
        return descend(node: 1, nodeLo: 0, nodeHi: capacity, lo: lo, c: c)
    }

    private func descend(node: Int, nodeLo: Int, nodeHi: Int, lo: Int, c: Int) -> Int? {
        if nodeHi <= lo || tree[node] < c { return nil }
        if nodeHi - nodeLo == 1 { return nodeLo }
        let mid = (nodeLo + nodeHi) / 2
        return descend(node: 2 * node, nodeLo: nodeLo, nodeHi: mid, lo: lo, c: c)
            ?? descend(node: 2 * node + 1, nodeLo: mid, nodeHi: nodeHi, lo: lo, c: c)
    }

    /// Doubles the leaf count until `page` fits, keeping what was recorded.
    private mutating func grow(toHold page: Int) {
        var newCapacity = max(1, capacity)
        while newCapacity <= page { newCapacity *= 2 }
        var newTree = [Int16](repeating: -1, count: 2 * newCapacity)
        for p in 0..<capacity { newTree[newCapacity + p] = tree[capacity + p] }
        var i = newCapacity - 1
        while i >= 1 {
            newTree[i] = max(newTree[2 * i], newTree[2 * i + 1])
            i -= 1
        }
        tree = newTree
        capacity = newCapacity
    }
}
