import Schema

extension Hypertable {
    /// Rebuilds a saved hypertable. Chunks are recreated with their saved ids and ranges, their
    /// batches attached as saved (decoded once to check them and to collect their unique keys),
    /// and their uncompressed rows inserted through ``insert(_:onConflict:)``, so the open-chunk
    /// layout is the engine's own and never the file's.
    init(restoring stored: StoredHypertable, table: TableDefinition) throws(HypertableError) {
        try self.init(table: table, options: stored.options, id: stored.hypertableID)
        if let settings = stored.compression { try enableCompression(settings) }
        let keyPositions = batchKeyPositions
        for saved in stored.chunks {
            let key = ChunkKey(time: saved.timeRange, space: saved.spaceRange)
            guard chunkPositions[key] == nil, !chunks.contains(where: { $0.id == saved.id }) else {
                throw .corruptBatch(chunk: "_hyper_\(id)_\(saved.id)_chunk", detail: "a second chunk with the same id or range")
            }
            // A slice as this engine cuts it, or as engines before the type's limits were applied
            // cut it (they differ only for slices reaching past the column type's range).
            let slices = [timeSliceLimits, Int64.min...Int64.max].flatMap { limits in
                [ChunkRange.timeSlice(containing: saved.timeRange.start, interval: options.chunkInterval, within: limits),
                 ChunkRange.timeSlice(containing: saved.timeRange.end &- 1, interval: options.chunkInterval, within: limits)]
            }
            guard slices.contains(saved.timeRange) else {
                throw .corruptBatch(chunk: "_hyper_\(id)_\(saved.id)_chunk", detail: "range \(saved.timeRange) is not a slice of the chunk interval")
            }
            if let space = options.space {
                guard let s = saved.spaceRange, space.slice(forHash: max(s.start, 0)) == s else {
                    throw .corruptBatch(chunk: "_hyper_\(id)_\(saved.id)_chunk", detail: "no valid space slice")
                }
            } else if saved.spaceRange != nil {
                throw .corruptBatch(chunk: "_hyper_\(id)_\(saved.id)_chunk", detail: "a space slice without a space dimension")
            }
            var chunk = Chunk(id: saved.id, hypertableID: id, timeRange: saved.timeRange, spaceRange: saved.spaceRange, table: self.table,
                              blockIndex: BlockIndex(blockSize: options.blockSize, columns: blockColumns),
                              segmentIndex: SegmentIndex(columns: segmentColumns, timeColumn: timeColumnIndex),
                              uniqueKeyColumns: uniqueIndexes.map(\.columns))
            if !saved.batches.isEmpty {
                // Keys seen in this chunk's batches, per unique index (a restore-time check only; the
                // chunk's own key tables are rebuilt from the batches when an insert reaches it).
                var batchKeys = [Set<[Value]>](repeating: [], count: uniqueIndexes.count)
                guard let settings = compression else {
                    throw .corruptBatch(chunk: chunk.name, detail: "compressed batches without compression settings")
                }
                for batch in saved.batches {
                    guard batch.segmentValues.count == settings.segmentBy.count, batch.orderSummaries.count == settings.orderBy.count else {
                        throw .corruptBatch(chunk: chunk.name, detail: "a batch does not match the compression settings")
                    }
                    for (k, name) in settings.segmentBy.enumerated() {
                        guard let c = self.table.columnIndex(name), batch.columns[c] == nil else {
                            throw .corruptBatch(chunk: chunk.name, detail: "segmentby column \"\(name)\" is stored encoded")
                        }
                        var probe = ColumnVector(type: self.table.columns[c].type)
                        guard probe.append(batch.segmentValues[k]) else {
                            throw .corruptBatch(chunk: chunk.name, detail: "segmentby value of \"\(name)\" has the wrong type")
                        }
                    }
                    for (k, key) in settings.orderBy.enumerated() {
                        guard let c = self.table.columnIndex(key.column) else { continue }
                        let s = batch.orderSummaries[k]
                        for v in [s.min, s.max, s.first, s.last] {
                            var probe = ColumnVector(type: self.table.columns[c].type)
                            guard probe.append(v) else {
                                throw .corruptBatch(chunk: chunk.name, detail: "orderby summary of \"\(key.column)\" has the wrong type")
                            }
                        }
                    }
                    let rows = try BatchCodec.decode(batch, table: self.table, settings: settings, chunk: chunk.name,
                                                     dictionaries: saved.dictionaries)
                    for r in 0..<rows.count {
                        guard chunkKey(rows: rows, row: r) == key else {
                            throw .corruptBatch(chunk: chunk.name, detail: "a compressed row lies outside the chunk's range")
                        }
                    }
                    for (u, unique) in uniqueIndexes.enumerated() {
                        for r in 0..<rows.count {
                            let k = unique.columns.map { rows.columns[$0].value(at: r) }
                            if k.contains(where: \.isNull) { continue }
                            guard batchKeys[u].insert(k).inserted else {
                                throw .corruptBatch(chunk: chunk.name, detail: "duplicate key in unique index \"\(unique.index.name)\"")
                            }
                        }
                    }
                }
                chunk.zstdDictionaries = saved.dictionaries
                chunk.batches = saved.batches
                for u in chunk.uniqueKeys.indices { chunk.uniqueKeys[u].invalidate() }
                chunk.reindexBatches(keyPositions: keyPositions.positions, timeSummary: keyPositions.timeSummary)
            }
            chunk.isCompressed = saved.isCompressed || !saved.batches.isEmpty
            chunk.bytesBeforeCompression = saved.bytesBeforeCompression
            chunkPositions[key] = chunks.count
            chunks.append(chunk)
        }
        reorderChunks()
        for (position, saved) in stored.chunks.enumerated() {
            let open = RowSet(table: self.table, columns: saved.openRows)
            guard open.count > 0 else { continue }
            let key = ChunkKey(time: saved.timeRange, space: saved.spaceRange)
            for r in 0..<open.count {
                if open.columns[timeColumnIndex].isNull(at: r) { throw .nullTime(column: options.timeColumn, row: r) }
                guard chunkKey(rows: open, row: r) == key else {
                    throw .corruptBatch(chunk: chunks[position].name, detail: "an uncompressed row lies outside the chunk's range")
                }
            }
            try insert(open, onConflict: .error)
        }
        guard stored.nextChunkID > (chunks.map(\.id).max() ?? 0) else {
            throw .corruptBatch(chunk: "_hyper_\(id)", detail: "next chunk id \(stored.nextChunkID) is not past every chunk")
        }
        nextChunkID = stored.nextChunkID
        droppedChunkCount = stored.droppedChunkCount
    }

    /// The id the next new chunk gets (saved so that names are never reused after a reload).
    var upcomingChunkID: Int { nextChunkID }
}
