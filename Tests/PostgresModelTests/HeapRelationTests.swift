import Testing
@testable import PostgresModel

@Suite struct HeapRelationTests {
    @Test func fiftyFiveTuplesOf144BytesFillAPage() {
        // POSTGRES_STORAGE.md §8: 8168 / (144 + 4) = 55 rows per page.
        let heap = HeapRelation(tupleLengths: Array(repeating: 144, count: 110))
        #expect(heap.pages == 2)
        #expect(heap.block[54] == 0 && heap.block[55] == 1)
    }

    @Test func aPageHoldsAtMost291Tuples() {
        let heap = HeapRelation(tupleLengths: Array(repeating: 24, count: 292))
        #expect(heap.pages == 2)
        #expect(heap.offset[290] == 291)
    }

    @Test func fillfactorReservesSpaceOnEveryPage() {
        // ff 50 reserves 4096 bytes: (8168 − 4 − 4096) / 148 → 27 + the first = 28 tuples.
        let full = HeapRelation(tupleLengths: Array(repeating: 144, count: 1000))
        let half = HeapRelation(tupleLengths: Array(repeating: 144, count: 1000), fillfactor: 50)
        #expect(half.pages > full.pages * 19 / 10)
    }

    @Test func aShortTupleReturnsToAnEarlierPageTheFreeSpaceMapOffers() {
        // Page 0 closes with 8168 − 52·156 − 4 = 52 bytes free (FSM category 1). Page 1 is then
        // filled to 8 bytes free; a 32-byte tuple (category 1) goes back to page 0, not to a new page.
        let lengths = Array(repeating: 152, count: 104) + [40, 32]
        let heap = HeapRelation(tupleLengths: lengths)
        #expect(heap.pages == 2)
        #expect(heap.block.last == 0)
    }

    @Test func forksFollowTheHeapPageCount() {
        #expect(FreeSpaceMap.pages(heapPages: 0) == 0)
        #expect(FreeSpaceMap.pages(heapPages: 3637) == 3)
        #expect(FreeSpaceMap.pages(heapPages: 4070) == 4)
        #expect(VisibilityMap.pages(heapPages: 3637) == 1)
        #expect(VisibilityMap.pages(heapPages: 32673) == 2)
    }
}
