/// One leaf page of the free space map as `RelationGetBufferForTuple` consults it during a load
/// (storage/freespace/fsmpage.c).
///
/// When the current heap page is full, PostgreSQL records that page's free space — in 32-byte
/// categories, rounded down (`fsm_space_avail_to_cat`) — and searches the same FSM leaf page for a
/// slot whose category covers the tuple, rounded up (`fsm_space_needed_to_cat`). The search is the
/// in-page binary tree walk of `fsm_search_avail`: start at `fp_next_slot`, step right and climb
/// until a node has enough, descend preferring the left child, then advance `fp_next_slot`. So a
/// small tuple can land on an earlier page that a bigger tuple found full, and heap pages (and TIDs)
/// depend on it; upper FSM levels only change at VACUUM, so the search never leaves the leaf page.
struct FreeSpaceMapPage {
    /// `NonLeafNodesPerPage` = BLCKSZ/2 − 1.
    static let nonLeafNodes = PageLayout.blockSize / 2 - 1
    /// `NodesPerPage` = 8192 − MAXALIGN(24) − offsetof(FSMPageData, fp_nodes) (4).
    static let nodes = PageLayout.blockSize - PageLayout.pageHeader - 4
    /// `FSM_CAT_STEP` = BLCKSZ / 256.
    static let categoryStep = PageLayout.blockSize / 256

    var tree = [UInt8](repeating: 0, count: nodes)
    var nextSlot = 0

    static func availableCategory(_ avail: Int) -> UInt8 {
        UInt8(min(avail / categoryStep, 254))
    }

    static func neededCategory(_ needed: Int) -> UInt8 {
        needed == 0 ? 1 : UInt8(min((needed + categoryStep - 1) / categoryStep, 255))
    }

    /// `fsm_set_avail`.
    mutating func set(slot: Int, category: UInt8) {
        var node = FreeSpaceMapPage.nonLeafNodes + slot
        if tree[node] == category && category <= tree[0] { return }
        tree[node] = category
        repeat {
            node = (node - 1) / 2
            let left = 2 * node + 1, right = left + 1
            var value = tree[left]
            if right < FreeSpaceMapPage.nodes { value = max(value, tree[right]) }
            if tree[node] == value { break }
            tree[node] = value
        } while node > 0
    }

    /// `fsm_search_avail` with `advancenext`: a slot with at least `minimum`, or nil.
    mutating func search(minimum: UInt8) -> Int? {
        if tree[0] < minimum { return nil }
        var target = nextSlot
        if target < 0 || target >= FreeSpaceMapPage.nodes - FreeSpaceMapPage.nonLeafNodes { target = 0 }
        var node = FreeSpaceMapPage.nonLeafNodes + target
        while node > 0 {
            if tree[node] >= minimum { break }
            // Move right, wrapping to the leftmost node of the level above, then climb to the parent.
            var x = node + 1
            if (x + 1) & x == 0 { x = (x - 1) / 2 }
            node = (x - 1) / 2
        }
        while node < FreeSpaceMapPage.nonLeafNodes {
            let child = 2 * node + 1
            if child < FreeSpaceMapPage.nodes && tree[child] >= minimum { node = child }
            else if child + 1 < FreeSpaceMapPage.nodes && tree[child + 1] >= minimum { node = child + 1 }
            else { return nil }
        }
        let slot = node - FreeSpaceMapPage.nonLeafNodes
        nextSlot = slot + 1
        return slot
    }
}
