import Testing
@testable import PostgresModel

@Suite struct BRINIndexTests {
    /// POSTGRES_STORAGE.md §5, measured: 3637 heap pages.
    @Test(arguments: [(128, 3), (16, 3), (1, 17)])
    func pagesMatchMeasuredIndexes(pagesPerRange: Int, pages: Int) {
        #expect(BRINIndex.pages(heapPages: 3637, pagesPerRange: pagesPerRange, valueWidths: [(8, 8)]) == pages)
    }
}
