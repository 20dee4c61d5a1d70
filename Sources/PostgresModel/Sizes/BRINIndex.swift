/// A BRIN minmax index (access/brin_page.h, brin_tuple.h): a metapage, revmap pages of 1360 range
/// pointers each (`REVMAP_PAGE_MAXITEMS`), and regular pages of summary tuples.
public enum BRINIndex {
    /// `REVMAP_PAGE_MAXITEMS` = (8192 − 24 − 8) / 6.
    public static let rangesPerRevmapPage = 1360
    /// `BrinSpecialSpace` is 8 bytes; regular pages hold (8192 − 24 − 8) bytes of items.
    static let regularPageSpace = PageLayout.blockSize - PageLayout.pageHeader - 8
    /// `SizeOfBrinTuple` (5 bytes), MAXALIGNed before the data.
    static let tupleHeader = 8

    /// Pages of a BRIN index over `heapPages` heap pages.
    /// - Parameters:
    ///   - valueWidths: stored width and alignment of each indexed column's min/max value.
    ///   - summarizedPartialRange: CREATE INDEX over the rows summarizes every range, the final
    ///     partial one included. An index present during the load (autosummarize off) holds the
    ///     first range's tuple from its creation (`brinbuild` writes one even over an empty table,
    ///     and inserts widen it), and VACUUM summarizes the later ranges except a final partial one
    ///     (`brinvacuumcleanup`).
    public static func pages(heapPages: Int, pagesPerRange: Int, valueWidths: [(width: Int, alignment: Int)],
                             summarizedPartialRange: Bool = true) -> Int {
        let ranges = (heapPages + pagesPerRange - 1) / pagesPerRange
        let summarized = max(1, summarizedPartialRange ? ranges : heapPages / pagesPerRange)
        var data = 0
        for v in valueWidths {
            data = PageLayout.aligned(data, to: v.alignment) + v.width
            data = PageLayout.aligned(data, to: v.alignment) + v.width
        }
        let tuple = PageLayout.maxAligned(tupleHeader + data)
        let perPage = regularPageSpace / (tuple + PageLayout.linePointer)
        let revmap = (summarized + rangesPerRevmapPage - 1) / rangesPerRevmapPage
        return 1 + revmap + (summarized + perPage - 1) / perPage
    }
}
