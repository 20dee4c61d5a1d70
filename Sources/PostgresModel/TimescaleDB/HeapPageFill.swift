/// How PostgreSQL 15 places tuples into heap pages of a relation being filled by inserts
/// (`RelationGetBufferForTuple`, hio.c), including the free space map it builds on the way.
///
/// A tuple goes to the current target page when `pd_upper − pd_lower − 4 ≥ MAXALIGN(len)`;
/// otherwise the page's free space is recorded in the FSM (which creates the FSM fork) and the
/// FSM is searched for a page whose recorded category (free/32) covers the request; failing that
/// the relation is extended. Pages are 8192 bytes with a 24-byte header and 4-byte line pointers.
struct HeapPageFill: Sendable {
    static let pageSize = 8192
    static let pageHeader = 24

    private var upper: [Int] = []
    private var lower: [Int] = []
    private var recorded = FreeSpaceIndex()
    private var target: Int?
    private var nextSlot = 0
    private(set) var fsmCreated = false
    /// Free space each page must keep for later updates (fillfactor < 100), in bytes.
    let reserved: Int

    init(fillfactor: Int = 100) {
        reserved = Self.pageSize * (100 - fillfactor) / 100
    }

    var pageCount: Int { upper.count }

    private func free(_ p: Int) -> Int { max(0, upper[p] - lower[p] - 4) }

    /// `fsm_search_avail` starts at the slot after the one it last returned (fp_next_slot) and
    /// moves right, wrapping around: the first recorded page from there whose category
    /// (free / 32) covers the request.
    private mutating func fsmSearch(_ need: Int) -> Int? {
        let category = (need + 31) / 32
        guard let found = recorded.search(atLeast: category, from: nextSlot) else { return nil }
        nextSlot = found + 1
        return found
    }

    mutating func insert(tupleLength: Int) {
        let len = ToastedTuple.maxAlign(tupleLength)
        let need = len + reserved
        if target == nil, fsmCreated { target = fsmSearch(need) }
        if target == nil, !upper.isEmpty { target = upper.count - 1 }
        while let t = target {
            if free(t) >= need {
                place(t, len)
                return
            }
            recorded.record(page: t, category: min(255, free(t) / 32))
            fsmCreated = true
            target = fsmSearch(need)
        }
        upper.append(Self.pageSize)
        lower.append(Self.pageHeader)
        let p = upper.count - 1
        place(p, len)
        target = p
    }

    private mutating func place(_ p: Int, _ len: Int) {
        upper[p] -= len
        lower[p] += 4
    }

    /// Pages of the free space map: PostgreSQL creates levels root, 1 and leaf at once
    /// (3 pages) and adds a leaf page per ~4,000 heap pages.
    var fsmPages: Int {
        guard fsmCreated else { return 0 }
        return 2 + max(1, (pageCount + 4068) / 4069)
    }
}
