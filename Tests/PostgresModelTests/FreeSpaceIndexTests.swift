import Foundation
import Testing
@testable import PostgresModel

@Suite("FreeSpaceIndexTests: the FSM search of heap filling, in O(log pages)")
struct FreeSpaceIndexTests {
    /// `fsm_search_avail` as HeapPageFill did it before: every recorded page scanned per request.
    struct Reference {
        var recorded: [Int: Int] = [:]
        func search(atLeast category: Int, from slot: Int) -> Int? {
            let fits = recorded.filter { $0.value >= category }.keys
            return fits.filter { $0 >= slot }.min() ?? fits.min()
        }
    }

    @Test("answers every request as a scan of all recorded pages does (random records, slots and categories)")
    func matchesScan() {
        var index = FreeSpaceIndex()
        var reference = Reference()
        var state: UInt64 = 0x1234_5678
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        #expect(index.search(atLeast: 0, from: 0) == nil)
        for step in 0..<5_000 {
            let page = next(step < 2_500 ? 64 : 3_000)
            let category = next(256)
            index.record(page: page, category: category)
            reference.recorded[page] = category
            let want = next(256), slot = next(3_100)
            #expect(index.search(atLeast: want, from: slot) == reference.search(atLeast: want, from: slot))
            #expect(index.category(of: page) == category)
        }
    }

    @Test("filling 60,000 pages that each keep a little unusable free space takes well under a second per 10,000 pages")
    func fillIsNotQuadratic() {
        // Each 4,100-byte tuple leaves 4,064 bytes on its page, too little for the next: every
        // insert records a page and searches the FSM. A scan per search made this 1.8 × 10⁹ steps.
        var fill = HeapPageFill()
        let start = Date()
        for _ in 0..<60_000 { fill.insert(tupleLength: 4_100) }
        let seconds = Date().timeIntervalSince(start)
        #expect(fill.pageCount == 60_000)
        #expect(fill.fsmCreated)
        #expect(seconds < 6, "60,000 inserts took \(seconds) s")
    }
}
