import Codecs
import Schema

/// Turns a chunk's rows into batches with TimescaleDB's grouping (`compression.c:637, 1398-1491`):
/// rows sorted by the segmentby columns then the orderby keys; a batch ends when the segment
/// changes or when it holds `batchSizeLimit` rows.
public enum ChunkCompressor {
    /// The row order compression writes: segmentby columns ascending (NULLS LAST), then each
    /// orderby key with its direction and NULLS placement, then input position so the order is
    /// deterministic for equal keys.
    public static func compressionOrder(of rows: RowSet, settings: CompressionSettings) -> [Int] {
        orderAndSegments(of: rows, settings: settings).order
    }

    /// The compression order, and (when the integer keys cover the settings) each row's segment rank.
    static func orderAndSegments(of rows: RowSet, settings: CompressionSettings) -> (order: [Int], segments: [Int]?) {
        let table = rows.table
        let segment = settings.segmentBy.compactMap { table.columnIndex($0) }
        let order = settings.orderBy.compactMap { key in table.columnIndex(key.column).map { (column: $0, key: key) } }
        if let keys = CompressionSortKeys.make(rows, segmentColumns: segment,
                                               orderKeys: order.map { ($0.column, $0.key.descending, $0.key.nullsFirst) }) {
            return (keys.sortedRows(), keys.segment)
        }
        return (valueOrder(of: rows, settings: settings), nil)
    }

    /// The compression order by comparing column values: the path for rows the integer keys of
    /// ``CompressionSortKeys`` do not cover (and the oracle its tests check the keys against).
    static func valueOrder(of rows: RowSet, settings: CompressionSettings) -> [Int] {
        let segment = settings.segmentBy.compactMap { rows.table.columnIndex($0) }
        let order = settings.orderBy.compactMap { key in rows.table.columnIndex(key.column).map { (column: $0, key: key) } }
        return (0..<rows.count).sorted { i, j in
            for c in segment {
                let r = rows.columns[c].compareRows(i, j)
                if r != 0 { return r < 0 }
            }
            for o in order {
                var r = rows.columns[o.column].compareRows(i, j, nullsFirst: o.key.nullsFirst != o.key.descending)
                if o.key.descending { r = -r }
                if r != 0 { return r < 0 }
            }
            return i < j
        }
    }

    /// The batches compression would write, as runs of row positions in compression order,
    /// without encoding anything: the grouping alone (what the planner and batch counts need).
    public static func batchPlan(of rows: RowSet, settings: CompressionSettings) -> [[Int]] {
        guard rows.count > 0 else { return [] }
        let (order, ranks) = orderAndSegments(of: rows, settings: settings)
        let segment = settings.segmentBy.compactMap { rows.table.columnIndex($0) }
        func sameSegment(_ a: Int, _ b: Int) -> Bool {
            if let ranks { return ranks[a] == ranks[b] }
            return segment.allSatisfy { rows.columns[$0].compareRows(a, b) == 0 }
        }
        var plan: [[Int]] = []
        var current: [Int] = []
        current.reserveCapacity(settings.batchSizeLimit)
        for i in order {
            if let last = current.last, !sameSegment(last, i) || current.count >= settings.batchSizeLimit {
                plan.append(current)
                current = []
                current.reserveCapacity(settings.batchSizeLimit)
            }
            current.append(i)
        }
        plan.append(current)
        return plan
    }

    /// Splits rows into encoded batches, with the per-column zstd dictionaries the settings ask
    /// for (``CompressionSettings/zstdDictionary``) trained on this chunk's blocks.
    public static func compress(_ rows: RowSet, settings: CompressionSettings) -> CompressedChunkContent {
        let plan = batchPlan(of: rows, settings: settings)
        let prepared = plan.map { BatchCodec.prepare(rows, positions: $0, settings: settings) }
        var batches = prepared.map(\.batch)
        let columnCount = rows.table.columns.count
        var dictionaries = [ZstdDictionary?](repeating: nil, count: columnCount)
        let averageRows = plan.isEmpty ? 0 : Double(rows.count) / Double(plan.count)
        for c in 0..<columnCount {
            let blocks = prepared.compactMap { $0.columns[c] }
            guard blocks.count == prepared.count, !blocks.isEmpty else { continue }
            let encoded = ColumnDictionaryTraining.encode(blocks, mode: settings.zstdDictionary, options: settings.encodingOptions,
                                                          averageRowsPerBatch: averageRows)
            for b in batches.indices { batches[b].columns[c] = encoded.blocks[b] }
            dictionaries[c] = encoded.dictionary
        }
        return CompressedChunkContent(batches: batches, dictionaries: ChunkDictionaries(byColumn: dictionaries))
    }

}

/// What compressing a chunk's rows produces: its batches and the dictionaries they need.
public struct CompressedChunkContent: Sendable, Equatable {
    public var batches: [CompressedBatch]
    public var dictionaries: ChunkDictionaries
}
