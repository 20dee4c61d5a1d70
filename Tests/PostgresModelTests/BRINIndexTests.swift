import Testing
@testable import PostgresModel

@Suite struct BRINIndexTests {
    /// POSTGRES_STORAGE.md §5, measured: 3637 heap pages.
    @Test(arguments: [(128, 3), (16, 3), (1, 17)])
    func pagesMatchMeasuredIndexes(pagesPerRange: Int, pages: Int) {
        #expect(BRINIndex.pages(heapPages: 3637, pagesPerRange: pagesPerRange, valueWidths: [(8, 8)]) == pages)
    }

    /// An index present during the load holds the first range's tuple from its creation, even
    /// under a partial first range (measured: 3 pages, 24,576 bytes, for an empty table, for 18
    /// heap pages and for 363 heap pages with 128 pages per range, after VACUUM).
    @Test(arguments: [0, 18, 25, 127, 363])
    func incrementalIndexHoldsTheFirstRange(heapPages: Int) {
        #expect(BRINIndex.pages(heapPages: heapPages, pagesPerRange: 128, valueWidths: [(4, 4)], summarizedPartialRange: false) == 3)
    }

    /// CREATE INDEX over an empty table still writes the first range's tuple.
    @Test func bulkBuildOverNoRows() {
        #expect(BRINIndex.pages(heapPages: 0, pagesPerRange: 128, valueWidths: [(8, 8)]) == 3)
    }
}
