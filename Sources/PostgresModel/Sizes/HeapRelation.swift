/// The heap's main fork as COPY fills it (`heap_multi_insert` / `RelationGetBufferForTuple`).
///
/// A tuple needs `MAXALIGN(t_len) + 4` bytes (its line pointer) plus the fillfactor reserve
/// `BLCKSZ·(100 − ff)/100`, and a page holds at most 291 tuples (`MaxHeapTuplesPerPage`). Tuples go
/// to the current page while they fit; when one does not, the page's free space is recorded in
/// the free space map and the map is asked for a page with room (``FreeSpaceMapPage``) before the
/// relation is extended — so a short tuple sometimes returns to an earlier page. Each row's TID
/// (block, line pointer) follows from the simulation.
public struct HeapRelation: Sendable {
    /// Heap pages in the main fork.
    public private(set) var pages: Int = 0
    /// Block number of each row, in file order.
    public private(set) var block: [Int32] = []
    /// Line-pointer offset (1-based) of each row.
    public private(set) var offset: [Int16] = []

    /// Packs tuples of the given lengths (`t_len`, before MAXALIGN) in order.
    public init(tupleLengths: [Int], fillfactor: Int = 100) {
        let reserve = PageLayout.blockSize * (100 - fillfactor) / 100
        let capacity = PageLayout.blockSize - PageLayout.pageHeader
        block.reserveCapacity(tupleLengths.count)
        offset.reserveCapacity(tupleLengths.count)
        var used: [Int] = []
        var count: [Int] = []
        var fsm: [FreeSpaceMapPage] = []
        var current = -1

        /// `PageGetHeapFreeSpace`.
        func heapFree(_ p: Int) -> Int {
            count[p] >= PageLayout.maxHeapTuplesPerPage ? 0 : max(0, capacity - used[p] - PageLayout.linePointer)
        }

        for len in tupleLengths {
            let size = PageLayout.maxAligned(len)
            let needed = size + reserve
            if current < 0 || heapFree(current) < needed {
                var target: Int? = nil
                if current >= 0 {
                    var page = current
                    while true {
                        let leaf = page / FreeSpaceMap.slotsPerPage
                        while fsm.count <= leaf { fsm.append(FreeSpaceMapPage()) }
                        fsm[leaf].set(slot: page % FreeSpaceMap.slotsPerPage,
                                      category: FreeSpaceMapPage.availableCategory(heapFree(page)))
                        guard let slot = fsm[leaf].search(minimum: FreeSpaceMapPage.neededCategory(needed)) else { break }
                        let candidate = leaf * FreeSpaceMap.slotsPerPage + slot
                        if candidate < used.count && heapFree(candidate) >= needed {
                            target = candidate
                            break
                        }
                        page = candidate < used.count ? candidate : page
                        if candidate >= used.count { break }
                    }
                }
                if let target {
                    current = target
                } else {
                    used.append(0)
                    count.append(0)
                    current = used.count - 1
                }
            }
            used[current] += size + PageLayout.linePointer
            count[current] += 1
            block.append(Int32(current))
            offset.append(Int16(count[current]))
        }
        pages = used.count
    }

    public var mainBytes: Int { pages * PageLayout.blockSize }

    /// `_bt_adjacenthtid`: row b's TID counts as following row a's when both are on the same heap
    /// block (PostgreSQL assumes so optimistically) or b is first on the next block.
    @inline(__always) public func adjacent(_ a: Int, _ b: Int) -> Bool {
        block[a] == block[b] || (block[a] + 1 == block[b] && offset[b] == 1)
    }
}

/// The free space map fork after VACUUM: a three-level tree of FSM pages, each leaf covering
/// `SlotsPerFSMPage = 4069` heap pages (fsm_internals.h); the file reaches the physical block of
/// the last leaf in use (`fsm_logical_to_physical`).
public enum FreeSpaceMap {
    public static let slotsPerPage = 4069

    public static func pages(heapPages: Int) -> Int {
        guard heapPages > 0 else { return 0 }
        let leaf = (heapPages - 1) / slotsPerPage
        return leaf + leaf / slotsPerPage + leaf / (slotsPerPage * slotsPerPage) + 3
    }
}

/// The visibility map fork: 2 bits per heap page, `MAPSIZE = 8168` bytes per page, so one VM page
/// covers 32672 heap pages (access/visibilitymapdefs.h). VACUUM creates it.
public enum VisibilityMap {
    public static let heapPagesPerPage = 32672

    public static func pages(heapPages: Int) -> Int {
        heapPages > 0 ? (heapPages - 1) / heapPagesPerPage + 1 : 0
    }
}
