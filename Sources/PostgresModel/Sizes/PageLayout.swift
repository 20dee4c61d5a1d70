/// PostgreSQL 15 page-layout constants for 8 kB blocks (POSTGRES_STORAGE.md §1, §4, §5).
public enum PageLayout {
    /// `BLCKSZ` (pg_config.h).
    public static let blockSize = 8192
    /// `SizeOfPageHeaderData` (storage/bufpage.h).
    public static let pageHeader = 24
    /// `sizeof(ItemIdData)`, one line pointer (storage/itemid.h).
    public static let linePointer = 4
    /// `MAXIMUM_ALIGNOF` (pg_config.h).
    public static let maxAlign = 8
    /// `sizeof(BTPageOpaqueData)` (access/nbtree.h).
    public static let btreeSpecial = 16
    /// Usable bytes on a B-tree page: 8192 − 24 − 16.
    public static let btreeUsable = blockSize - pageHeader - btreeSpecial
    /// `MaxHeapTuplesPerPage` (access/htup_details.h): (8192 − 24) / (MAXALIGN(23) + 4).
    public static let maxHeapTuplesPerPage = 291

    /// `MAXALIGN(x)`.
    @inline(__always) public static func maxAligned(_ x: Int) -> Int { (x + 7) & ~7 }

    /// Rounds `x` up to a multiple of `alignment` (1, 2, 4 or 8), as `att_align_nominal` does.
    @inline(__always) public static func aligned(_ x: Int, to alignment: Int) -> Int {
        (x + alignment - 1) & ~(alignment - 1)
    }
}
