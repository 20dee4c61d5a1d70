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

    /// Pages of a BRIN index whose summary tuples differ in size (min/max of variable-length
    /// values): `tupleSizes` are the summarized ranges' tuples (MAXALIGNed), placed in range
    /// order on regular pages while they fit (`brin_doinsert` on the last page), after the
    /// metapage and the revmap pages.
    public static func pages(tupleSizes: [Int]) -> Int {
        let summarized = max(1, tupleSizes.count)
        var dataPages = tupleSizes.isEmpty ? 1 : 0
        var free = 0
        for t in tupleSizes {
            let needed = t + PageLayout.linePointer
            if dataPages == 0 || needed > free {
                dataPages += 1
                free = regularPageSpace
            }
            free -= needed
        }
        let revmap = (summarized + rangesPerRevmapPage - 1) / rangesPerRevmapPage
        return 1 + revmap + dataPages
    }

    /// A minmax summary tuple's size (brin_tuple.c `brin_form_tuple`): `SizeOfBrinTuple` plus, when
    /// a column of the range holds a NULL, the two-bit-per-column null bitmap, MAXALIGNed; then each
    /// column's min and max laid out as `heap_fill_tuple` lays them (a short varlena unaligned with
    /// its 1-byte header, other values at their alignment; an all-NULL column stores none), MAXALIGNed.
    /// - Parameter values: per key column, nil when the range holds only NULLs, else its min and
    ///   max as (stored width, short varlena, alignment).
    public static func tupleSize(values: [(min: (width: Int, short: Bool), max: (width: Int, short: Bool), alignment: Int)?],
                                 anyNull: Bool) -> Int {
        var header = 5
        if anyNull { header += (values.count * 2 + 7) / 8 }
        var data = 0
        for v in values {
            guard let v else { continue }
            for part in [v.min, v.max] {
                if !part.short { data = PageLayout.aligned(data, to: v.alignment) }
                data += part.width
            }
        }
        return PageLayout.maxAligned(PageLayout.maxAligned(header) + data)
    }
}
