import Schema
import Storage

/// `relation_size()` of one uncompressed chunk after COPY and `VACUUM (ANALYZE)`: its heap
/// (main + FSM + VM), a copy of every hypertable index built while the rows arrive, and its TOAST
/// relation — PostgreSQL's own size model (`RelationSizeModel`) applied to the chunk's rows.
struct UncompressedChunkModel: Sendable {
    var sizes = TimescaleDBRelationSizes()

    init(rows: RowSet, chunkRows: [Int], indexes: [IndexDefinition]) throws(TimescaleDBModelError) {
        var table = rows.table
        table.indexes = indexes
        let chunk = RowSet(table: table, columns: rows.gathering(chunkRows).columns)
        let relations: [RelationSize]
        do {
            relations = try RelationSizeModel.predict(rows: chunk, build: { _ in .incremental })
        } catch {
            throw .sizeModel(error.description)
        }
        for r in relations {
            switch r.kind {
            case .heap: sizes.table += r.totalBytes
            case .toast: sizes.toast += r.totalBytes
            case .btree, .brin: sizes.index += r.totalBytes
            }
        }
    }
}
