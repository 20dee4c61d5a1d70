import Schema

/// B-tree deduplication (PostgreSQL 13+, nbtdedup.c): equal keys share one posting-list tuple
/// holding their heap TIDs (6 bytes each) after the key.
public enum BTreeDeduplication {
    /// `sizeof(ItemPointerData)`.
    public static let tidSize = 6
    /// Largest posting tuple `_bt_dedup_pass` forms: `BTMaxItemSize / 2` = 2704 / 2 (nbtdedup.c).
    public static let maxPostingSizeOnPage = 1352
    /// Largest posting tuple CREATE INDEX forms: `MAXALIGN_DOWN(BLCKSZ·10/100) − sizeof(ItemIdData)` (nbtsort.c `_bt_load`).
    public static let maxPostingSizeInBuild = 812

    /// Size of a posting tuple over `tids` heap TIDs whose key-only tuple is `keySize` bytes (`_bt_form_posting`).
    @inline(__always) public static func postingSize(keySize: Int, tids: Int) -> Int {
        tids > 1 ? PageLayout.maxAligned(keySize + tidSize * tids) : keySize
    }

    /// Types of PostgreSQL 15 whose default btree operator class lacks `btequalimage` (pg_amproc
    /// support function 4), beyond the modelled numeric, float and jsonb: arrays (`_…`) count too.
    static let notEqualImage: Set<String> = [
        "interval", "tsvector", "tsquery", "record", "int4range", "int8range", "numrange", "tsrange", "tstzrange",
        "daterange", "int4multirange", "int8multirange", "nummultirange", "tsmultirange", "tstzmultirange", "datemultirange",
    ]

    /// Whether PostgreSQL deduplicates this index: never INCLUDE indexes, unique ones only as
    /// ``appliesToNullKeys(of:table:)`` says, and only when every key type is "equalimage" (not
    /// numeric, jsonb, float, interval, arrays: btree-implementation docs §67.4.3).
    public static func applies(to index: IndexDefinition, table: TableDefinition) -> Bool {
        !index.unique && equalImage(index, table: table)
    }

    /// Whether a unique index deduplicates a full leaf when the incoming entry has a NULL key:
    /// `_bt_doinsert` skips the uniqueness check for NULL keys (NULL equals nothing), and without
    /// it `_bt_delete_or_dedup_one_page` goes on to `_bt_dedup_pass`, merging the page's runs of
    /// equal (NULL-keyed) entries. CREATE INDEX never deduplicates a unique index (nbtsort.c).
    public static func appliesToNullKeys(of index: IndexDefinition, table: TableDefinition) -> Bool {
        index.unique && equalImage(index, table: table)
    }

    /// No INCLUDE column and every key a plain column of an "equalimage" type (`allequalimage`).
    static func equalImage(_ index: IndexDefinition, table: TableDefinition) -> Bool {
        if !index.include.isEmpty { return false }
        for name in index.keyColumns {
            guard let column = table.column(name) else { return false }
            switch column.type {
            case .numeric, .json, .jsonb, .float4, .float8: return false
            default: break
            }
            // Types carried as text whose default operator class has no equalimage support function.
            if column.type == .text, let name = column.catalogType, notEqualImage.contains(name) || name.hasPrefix("_") { return false }
        }
        return index.keys.allSatisfy { $0.column != nil }
    }
}
