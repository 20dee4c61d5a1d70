import Schema

extension Hypertable {
    /// What an insert did.
    public struct InsertOutcome: Sendable, Equatable {
        /// Rows stored as new rows.
        public var inserted: Int
        /// Rows skipped by `ON CONFLICT DO NOTHING`.
        public var skipped: Int
        /// Existing rows replaced by `ON CONFLICT DO UPDATE`.
        public var updated: Int
        /// Chunks created by this insert.
        public var createdChunks: [String]
    }

    /// Inserts rows, routing each to its chunk and creating chunks on demand.
    ///
    /// All or nothing: a NULL time or a unique violation under `.error` throws and leaves the
    /// hypertable unchanged. Keys are checked against every unique index the hypertable kept,
    /// with PostgreSQL's NULLS DISTINCT rule (a key containing NULL never conflicts). Rows that
    /// land in a compressed chunk stay uncompressed beside its batches (the chunk becomes partial);
    /// an update of a compressed row decompresses that row's batch first, as TimescaleDB does.
    @discardableResult
    public mutating func insert(_ rows: RowSet, onConflict: ConflictAction = .error) throws(HypertableError) -> InsertOutcome {
        guard rows.table.name == table.name, rows.columns.count == table.columns.count else {
            throw .tableMismatch(expected: table.name, got: rows.table.name)
        }
        let plan = try planInsert(rows, onConflict: onConflict)
        if plan.replaced.isEmpty {
            // Nothing below can fail: mutate in place, so key sets and rows are not copied.
            applyInsert(plan, rows: rows)
        } else {
            // Removing replaced rows may decode batches, which can fail: work on a copy.
            var next = self
            for (position, targets) in plan.replaced.sorted(by: { $0.key < $1.key }) {
                try next.removeRows(inChunk: position, matching: targets)
            }
            next.applyInsert(plan, rows: rows)
            self = next
        }
        return plan.outcome
    }

    /// What an insert will do, decided before anything changes.
    private struct InsertPlan {
        var outcome = InsertOutcome(inserted: 0, skipped: 0, updated: 0, createdChunks: [])
        /// Cells that need a new chunk, in first-touch order; they get positions `chunks.count + i`.
        var newChunks: [ChunkKey] = []
        /// Chunk position → accepted input rows, and the positions in first-touch order.
        var accepted: [Int: [Int]] = [:]
        var order: [Int] = []
        /// Chunk position → per unique index the keys the accepted rows add.
        var keys: [Int: [[[Value]]]] = [:]
        /// Chunk position → existing rows to replace (`DO UPDATE`).
        var replaced: [Int: [(index: Int, key: [Value])]] = [:]
    }

    private func planInsert(_ rows: RowSet, onConflict: ConflictAction) throws(HypertableError) -> InsertPlan {
        let timeColumn = rows.columns[timeColumnIndex]
        var isUpdate = false
        if case .update = onConflict { isUpdate = true }
        var plan = InsertPlan()
        var newPositions: [ChunkKey: Int] = [:]
        var seenInBatch: [Int: [Set<[Value]>]] = [:]
        for r in 0..<rows.count {
            if timeColumn.isNull(at: r) { throw .nullTime(column: options.timeColumn, row: r) }
            let key = chunkKey(rows: rows, row: r)
            let existing = chunkPositions[key]
            let target: Int
            if let existing {
                target = existing
            } else if let p = newPositions[key] {
                target = p
            } else {
                target = chunks.count + plan.newChunks.count
                newPositions[key] = target
                plan.outcome.createdChunks.append("_hyper_\(id)_\(nextChunkID + plan.newChunks.count)_chunk")
                plan.newChunks.append(key)
            }
            var conflict: (index: Int, key: [Value], inBatch: Bool)?
            var keys: [[Value]?] = []
            for (u, unique) in uniqueIndexes.enumerated() {
                let k = unique.columns.map { rows.columns[$0].value(at: r) }
                if k.contains(where: \.isNull) { keys.append(nil); continue }
                keys.append(k)
                if conflict != nil { continue }
                if seenInBatch[target]?[u].contains(k) == true {
                    conflict = (u, k, true)
                } else if let existing, chunks[existing].uniqueKeys[u].contains(k) {
                    conflict = (u, k, false)
                }
            }
            if let conflict {
                let unique = uniqueIndexes[conflict.index]
                let violation = UniqueViolation(
                    kind: conflict.inBatch && isUpdate ? .updateAffectsRowTwice : .duplicateKey,
                    constraint: unique.index.name, keyColumns: unique.index.keyColumns.map(QuotedIdentifier.quote),
                    keyValues: conflict.key.enumerated().map { i, v in v.text(as: table.columns[unique.columns[i]].type) ?? "null" },
                    incomingRow: r)
                switch onConflict {
                case .error:
                    throw .uniqueViolation(violation)
                case .nothing:
                    plan.outcome.skipped += 1
                    continue
                case .update(let target):
                    // Only the arbiter index turns a conflict into an update; others still fail.
                    if conflict.inBatch || conflict.index != arbiterIndex(target) { throw .uniqueViolation(violation) }
                    if let existing { plan.replaced[existing, default: []].append((conflict.index, conflict.key)) }
                    plan.outcome.updated += 1
                }
            }
            // Mutated through the dictionary subscript so the sets are not copied per row.
            let empty = [Set<[Value]>](repeating: [], count: uniqueIndexes.count)
            for (u, k) in keys.enumerated() {
                guard let k else { continue }
                seenInBatch[target, default: empty][u].insert(k)
                plan.keys[target, default: Array(repeating: [], count: uniqueIndexes.count)][u].append(k)
            }
            if plan.accepted[target] == nil { plan.order.append(target) }
            plan.accepted[target, default: []].append(r)
            plan.outcome.inserted += 1
        }
        plan.outcome.inserted -= plan.outcome.updated
        return plan
    }

    private mutating func applyInsert(_ plan: InsertPlan, rows: RowSet) {
        for key in plan.newChunks {
            let chunk = Chunk(id: nextChunkID, hypertableID: id, timeRange: key.time, spaceRange: key.space, table: table,
                              blockIndex: BlockIndex(blockSize: options.blockSize, columns: blockColumns),
                              segmentIndex: SegmentIndex(columns: segmentColumns, timeColumn: timeColumnIndex),
                              uniqueIndexCount: uniqueIndexes.count)
            chunkPositions[key] = chunks.count
            chunks.append(chunk)
            nextChunkID += 1
        }
        if !plan.newChunks.isEmpty { reorderChunks() }
        for position in plan.order {
            guard let picked = plan.accepted[position] else { continue }
            chunks[position].append(RowSet(table: table, columns: rows.gathering(picked).columns))
            if let keys = plan.keys[position] {
                for (u, list) in keys.enumerated() {
                    for k in list { chunks[position].uniqueKeys[u].insert(k) }
                }
            }
        }
    }

    /// The arbiter of `ON CONFLICT DO UPDATE`: the named unique index, else (as the Constraints
    /// layer picks) the first unique index that is not the primary key, else the primary key.
    func arbiterIndex(_ target: String?) -> Int? {
        if let target { return uniqueIndexes.firstIndex { $0.index.name == target } }
        return uniqueIndexes.firstIndex { $0.index.origin != .primaryKey } ?? uniqueIndexes.indices.first
    }

    /// Removes the rows that match any `(unique index, key)` target, decompressing the batches
    /// that hold any of them into the chunk's uncompressed rows first, then rebuilds the chunk's
    /// key sets from what remains.
    private mutating func removeRows(inChunk position: Int, matching targets: [(index: Int, key: [Value])]) throws(HypertableError) {
        var wanted: [Set<[Value]>] = Array(repeating: [], count: uniqueIndexes.count)
        for t in targets { wanted[t.index].insert(t.key) }
        func matches(_ rows: RowSet, _ i: Int) -> Bool {
            for (u, unique) in uniqueIndexes.enumerated() where !wanted[u].isEmpty {
                if wanted[u].contains(unique.columns.map { rows.columns[$0].value(at: i) }) { return true }
            }
            return false
        }
        var chunk = chunks[position]
        if !chunk.batches.isEmpty, let settings = compression {
            var kept: [CompressedBatch] = []
            var reopened = chunk.rows
            for batch in chunk.batches {
                let rows = try BatchCodec.decode(batch, table: table, settings: settings, chunk: chunk.name,
                                                 dictionaries: chunk.zstdDictionaries)
                if (0..<rows.count).contains(where: { matches(rows, $0) }) {
                    reopened = reopened.count == 0 ? rows : reopened.appending(rows)
                } else {
                    kept.append(batch)
                }
            }
            chunk.zstdDictionaries = chunk.zstdDictionaries.keepingThoseUsed(by: kept)
            chunk.batches = kept
            let keys = batchKeyPositions
            chunk.reindexBatches(keyPositions: keys.positions, timeSummary: keys.timeSummary)
            chunk.replaceRows(reopened)
        }
        let keep = (0..<chunk.rows.count).filter { !matches(chunk.rows, $0) }
        chunk.replaceRows(chunk.rows.gathering(keep))
        chunks[position] = chunk
        try rebuildUniqueKeys(chunk: position)
    }

    private mutating func rebuildUniqueKeys(chunk position: Int) throws(HypertableError) {
        var all = chunks[position].rows
        if let settings = compression {
            for batch in chunks[position].batches {
                let rows = try BatchCodec.decode(batch, table: table, settings: settings, chunk: chunks[position].name,
                                                 dictionaries: chunks[position].zstdDictionaries)
                all = all.count == 0 ? rows : all.appending(rows)
            }
        }
        for (u, unique) in uniqueIndexes.enumerated() {
            var set = Set<[Value]>()
            for i in 0..<all.count {
                let k = unique.columns.map { all.columns[$0].value(at: i) }
                if !k.contains(where: \.isNull) { set.insert(k) }
            }
            chunks[position].uniqueKeys[u] = set
        }
    }
}
