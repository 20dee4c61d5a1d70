import Codecs

/// The zstd dictionaries a compressed chunk stores: at most one per table column, shared by that
/// column's blocks in every batch of the chunk (see ``ZstdDictionaryMode``).
///
/// Each dictionary is stored once per chunk with its checksum, and its bytes are charged to its
/// column (``EngineBytes/dictionaries(_:)``), so a dictionary only looks worthwhile when it
/// saves more than it costs.
public struct ChunkDictionaries: Sendable, Equatable {
    /// By table column position; empty when the chunk has none.
    public internal(set) var byColumn: [ZstdDictionary?]

    public static let none = ChunkDictionaries(byColumn: [])

    public init(byColumn: [ZstdDictionary?]) {
        self.byColumn = byColumn.contains { $0 != nil } ? byColumn : []
    }

    /// The dictionary of table column `column`, if the chunk stores one.
    public subscript(column: Int) -> ZstdDictionary? {
        column < byColumn.count ? byColumn[column] : nil
    }

    public var isEmpty: Bool { byColumn.isEmpty }

    /// Stored bytes (dictionary + checksum) of column `column`'s dictionary; 0 without one.
    public func storedBytes(ofColumn column: Int) -> Int {
        self[column]?.storedByteCount ?? 0
    }

    /// Stored bytes of every dictionary.
    public var storedBytes: Int {
        byColumn.reduce(0) { $0 + ($1?.storedByteCount ?? 0) }
    }

    /// The dictionaries that some remaining batch still uses (after batches were dropped, as when
    /// a unique-key conflict reopens some of a chunk's batches).
    func keepingThoseUsed(by batches: [CompressedBatch]) -> ChunkDictionaries {
        guard !isEmpty else { return self }
        var kept = byColumn
        for c in kept.indices where kept[c] != nil {
            if !batches.contains(where: { c < $0.columns.count && $0.columns[c]?.usesDictionary == true }) { kept[c] = nil }
        }
        return ChunkDictionaries(byColumn: kept)
    }
}
