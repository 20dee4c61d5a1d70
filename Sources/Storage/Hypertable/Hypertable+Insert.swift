import Dispatch
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
        var plan = try planInsert(rows, onConflict: onConflict)
        if !plan.staleKeys.isEmpty {
            // Chunks whose rows moved since their keys were indexed (compressed, decompressed):
            // index them again, then plan with current keys. Nothing visible changes.
            for position in plan.staleKeys.sorted() { try rebuildUniqueKeys(chunk: position) }
            plan = try planInsert(rows, onConflict: onConflict)
        }
        if plan.replaced.isEmpty {
            // Nothing below can fail: mutate in place, so key tables and rows are not copied.
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
        /// Per input row, the chunk position it goes to, or -1 when it is skipped.
        var target: [Int] = []
        /// Chunk positions in first-touch order, and the accepted rows of each (by position).
        var order: [Int] = []
        var acceptedCount: [Int] = []
        /// Per unique index, per input row, the hash of the row's key (``RowKey/hashes``; unused
        /// for a key with a NULL), so the chunk's key tables take the rows without hashing them again.
        var keyHashes: [[UInt64]] = []
        /// Chunk position → existing rows to replace (`DO UPDATE`).
        var replaced: [Int: [(index: Int, key: [Value])]] = [:]
        /// Existing chunks whose key tables must be rebuilt before the insert can be planned.
        var staleKeys: Set<Int> = []
    }

    private func planInsert(_ rows: RowSet, onConflict: ConflictAction) throws(HypertableError) -> InsertPlan {
        let columns = rows.columns
        let timeColumn = columns[timeColumnIndex]
        var isUpdate = false
        if case .update = onConflict { isUpdate = true }
        var plan = InsertPlan()
        plan.target = Array(repeating: -1, count: rows.count)
        var newPositions: [ChunkKey: Int] = [:]
        let keyColumns = uniqueIndexes.map(\.columns)
        var batchKeys = keyColumns.map { IncomingKeyTable(columns: $0, capacity: rows.count) }
        plan.acceptedCount = Array(repeating: 0, count: chunks.count)
        var hashes = [UInt64](repeating: 0, count: uniqueIndexes.count)
        // Every row's key hash per unique index, a column at a time (a NULL key's is not used,
        // except under NULLS NOT DISTINCT, where NULLs hash alike).
        let rowHashes = uniqueIndexes.map {
            RowKey.hashes(columns, $0.columns, rows: 0..<rows.count, nullHash: $0.index.nullsNotDistinct ? RowKey.nullKeyHash : nil)
        }
        plan.keyHashes = rowHashes
        var hasKey = [Bool](repeating: false, count: uniqueIndexes.count)
        let checksKeys = !uniqueIndexes.isEmpty
        // Under `.error` any conflict ends the insert, so every row before the first conflict is
        // accepted: keys are then checked after routing, one unique index at a time
        // (`firstKeyConflict`), which finds the same first conflict without taking each index's
        // tables out of an array for every row.
        var keysAfterRouting = false
        if case .error = onConflict { keysAfterRouting = checksKeys }
        // Per unique index, the rows whose key has a NULL (empty when no key column has one), and
        // the time column's values: read from plain arrays, since a per-row `switch` on a column
        // or a copy of it retains and releases its arrays every row.
        let keyNulls = uniqueIndexes.map { $0.index.nullsNotDistinct ? [] : RowKey.nullRows(columns, $0.columns, count: rows.count) }
        if let r = Self.firstNonVersion7Row(timeColumn), case .uuid(let ids) = timeColumn.storage {
            throw .notVersion7UUID(column: options.timeColumn, row: r, value: ids[r])
        }
        let times = internalTimes(timeColumn)
        let timeHasNulls = timeColumn.hasNulls
        var nullTimeRow: Int?
        var firstStaleRow: Int?
        // The chunk of the previous row: rows arrive in time order, so most rows go where the last one went.
        var lastRange: ChunkRange?
        var lastTarget = -1
        var lastExisting: Int?
        var existingRows: [ColumnVector] = []
        var existingKeys: [ChunkKeyTable] = []
        for r in 0..<rows.count {
            if timeHasNulls && timeColumn.isNull(at: r) {
                guard keysAfterRouting else { throw .nullTime(column: options.timeColumn, row: r) }
                nullTimeRow = r
                break
            }
            let target: Int
            let existing: Int?
            if spaceColumnIndex == nil, let range = lastRange, range.contains(times[r]) {
                target = lastTarget
                existing = lastExisting
            } else {
                let key = chunkKey(rows: rows, row: r)
                existing = chunkPositions[key]
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
                if target != lastTarget {
                    lastTarget = target
                    lastExisting = existing
                    if checksKeys, let existing {
                        existingRows = chunks[existing].rows.columns
                        existingKeys = chunks[existing].uniqueKeys
                        if existingKeys.contains(where: { !$0.isCurrent }) { plan.staleKeys.insert(existing) }
                    } else {
                        existingRows = []
                        existingKeys = []
                    }
                }
                lastRange = spaceColumnIndex == nil ? key.time : nil
            }
            if !plan.staleKeys.isEmpty {
                if firstStaleRow == nil { firstStaleRow = r }
                continue
            }
            if !keysAfterRouting {
                var conflict: (index: Int, inBatch: Bool)?
                for u in keyColumns.indices {
                    if !keyNulls[u].isEmpty && keyNulls[u][r] { hasKey[u] = false; continue }
                    let h = rowHashes[u][r]
                    hashes[u] = h
                    hasKey[u] = true
                    if conflict != nil { continue }
                    if batchKeys[u].contains(columns, row: r, hash: h) {
                        conflict = (u, true)
                    } else if existing != nil, existingKeys[u].contains(columns, row: r, hash: h, rows: existingRows) {
                        conflict = (u, false)
                    }
                }
                if let conflict {
                    let key = uniqueIndexes[conflict.index].columns.map { columns[$0].value(at: r) }
                    let violation = uniqueViolation(index: conflict.index, key: key, row: r,
                                                    kind: conflict.inBatch && isUpdate ? .updateAffectsRowTwice : .duplicateKey)
                    switch onConflict {
                    case .error:
                        throw .uniqueViolation(violation)
                    case .nothing:
                        plan.outcome.skipped += 1
                        continue
                    case .update(let target):
                        // Only the arbiter index turns a conflict into an update; others still fail.
                        if conflict.inBatch || conflict.index != arbiterIndex(target) { throw .uniqueViolation(violation) }
                        if let existing { plan.replaced[existing, default: []].append((conflict.index, key)) }
                        plan.outcome.updated += 1
                    }
                }
                for u in keyColumns.indices where hasKey[u] { batchKeys[u].insert(row: r, hash: hashes[u]) }
            }
            if target >= plan.acceptedCount.count {
                plan.acceptedCount.append(contentsOf: repeatElement(0, count: target + 1 - plan.acceptedCount.count))
            }
            if plan.acceptedCount[target] == 0 { plan.order.append(target) }
            plan.acceptedCount[target] += 1
            plan.target[r] = target
            plan.outcome.inserted += 1
        }
        if keysAfterRouting {
            // Rows past a NULL time or the first row of a stale chunk were not routed; the row-by-row
            // order reports a conflict before either.
            let routed = Swift.min(nullTimeRow ?? rows.count, firstStaleRow ?? rows.count)
            if let conflict = firstKeyConflict(columns, targets: plan.target, hashes: rowHashes, nulls: keyNulls, below: routed) {
                let key = uniqueIndexes[conflict.index].columns.map { columns[$0].value(at: conflict.row) }
                throw .uniqueViolation(uniqueViolation(index: conflict.index, key: key, row: conflict.row, kind: .duplicateKey))
            }
            if let nullTimeRow { throw .nullTime(column: options.timeColumn, row: nullTimeRow) }
        }
        plan.outcome.inserted -= plan.outcome.updated
        return plan
    }

    /// The first incoming row (below `limit`) whose key is already in its chunk or on an earlier
    /// incoming row, checked one unique index at a time; at one row the first index wins, as in
    /// the row-by-row check. `targets` are the rows' chunk positions (existing chunks first).
    private func firstKeyConflict(_ columns: [ColumnVector], targets: [Int], hashes: [[UInt64]], nulls: [[Bool]],
                                  below limit: Int) -> (row: Int, index: Int)? {
        var first: (row: Int, index: Int)?
        for u in uniqueIndexes.indices {
            let end = first?.row ?? limit
            var incoming = IncomingKeyTable(columns: uniqueIndexes[u].columns, capacity: end)
            let rowHashes = hashes[u], nullRows = nulls[u]
            var current = -1
            var existing: ChunkKeyTable?
            var existingRows: [ColumnVector] = []
            for r in 0..<end {
                if !nullRows.isEmpty && nullRows[r] { continue }
                let target = targets[r]
                if target != current {
                    current = target
                    existing = target < chunks.count ? chunks[target].uniqueKeys[u] : nil
                    existingRows = target < chunks.count ? chunks[target].rows.columns : []
                }
                let h = rowHashes[r]
                if incoming.contains(columns, row: r, hash: h) || existing?.contains(columns, row: r, hash: h, rows: existingRows) == true {
                    first = (r, u)
                    break
                }
                incoming.insert(row: r, hash: h)
            }
        }
        return first
    }

    /// The error a key conflict raises.
    private func uniqueViolation(index: Int, key: [Value], row: Int, kind: UniqueViolation.Kind) -> UniqueViolation {
        let unique = uniqueIndexes[index]
        return UniqueViolation(
            kind: kind, constraint: unique.index.name, keyColumns: unique.index.keyColumns.map(QuotedIdentifier.quote),
            keyValues: key.enumerated().map { i, v in v.text(as: table.columns[unique.columns[i]].type) ?? "null" },
            incomingRow: row)
    }

    private mutating func applyInsert(_ plan: InsertPlan, rows: RowSet) {
        for key in plan.newChunks {
            let chunk = Chunk(id: nextChunkID, hypertableID: id, timeRange: key.time, spaceRange: key.space, table: table,
                              blockIndex: BlockIndex(blockSize: options.blockSize, columns: blockColumns),
                              segmentIndex: SegmentIndex(columns: segmentColumns, timeColumn: timeColumnIndex),
                              uniqueKeyColumns: uniqueIndexes.map(\.columns))
            chunkPositions[key] = chunks.count
            chunks.append(chunk)
            nextChunkID += 1
        }
        if !plan.newChunks.isEmpty { reorderChunks() }
        // The accepted rows of each chunk, in input order.
        var picked = [[Int]](repeating: [], count: plan.acceptedCount.count)
        for position in plan.order { picked[position].reserveCapacity(plan.acceptedCount[position]) }
        for (r, position) in plan.target.enumerated() where position >= 0 { picked[position].append(r) }
        // The key columns whose NULLs keep a row out of each unique index (none under NULLS NOT DISTINCT).
        let keyColumns = uniqueIndexes.map { $0.index.nullsNotDistinct ? [] : $0.columns }
        let hashes = plan.keyHashes
        let order = plan.order
        if order.count > 1 && rows.count >= Self.parallelInsertRows {
            // Chunks share nothing: each chunk is filled on whichever core is free, and each ends
            // exactly as the one-by-one loop below leaves it.
            let lists = picked
            chunks.withUnsafeMutableBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                let address = UInt(bitPattern: base)
                DispatchQueue.concurrentPerform(iterations: order.count) { k in
                    guard let chunks = UnsafeMutablePointer<Chunk>(bitPattern: address) else { return }
                    Self.fill(&chunks[order[k]], with: lists[order[k]], of: rows, keyColumns: keyColumns, hashes: hashes)
                }
            }
        } else {
            for position in order {
                Self.fill(&chunks[position], with: picked[position], of: rows, keyColumns: keyColumns, hashes: hashes)
            }
        }
    }

    /// One chunk's share of an insert: rows `list` of `rows` appended, its block, segment and key
    /// indexes brought up to date (`hashes[u][r]` is row r's key hash for unique index u; a row
    /// with a NULL in `keyColumns[u]` is not indexed, and NULLS NOT DISTINCT indexes pass none).
    private static func fill(_ chunk: inout Chunk, with list: [Int], of rows: RowSet, keyColumns: [[Int]], hashes: [[UInt64]]) {
        let old = chunk.rows.count
        chunk.append(list.count == rows.count ? rows : rows.gathering(list))
        guard !hashes.isEmpty else { return }
        let stored = chunk.rows.columns
        for u in keyColumns.indices {
            chunk.uniqueKeys[u].reserveCapacity(chunk.uniqueKeys[u].count + list.count, rows: stored)
            // Only key columns that hold a NULL are looked at per row.
            let withNulls = keyColumns[u].filter { stored[$0].hasNulls }
            for (k, r) in list.enumerated() where withNulls.isEmpty || !RowKey.hasNull(stored, withNulls, row: old + k) {
                chunk.uniqueKeys[u].insert(row: old + k, hash: hashes[u][r], rows: stored)
            }
        }
    }

    /// Rows an insert must bring before its chunks are filled in parallel.
    static let parallelInsertRows = 4_096

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

    /// Indexes a chunk's keys afresh: the key columns of its batches (decoded) and its uncompressed rows.
    mutating func rebuildUniqueKeys(chunk position: Int) throws(HypertableError) {
        guard !uniqueIndexes.isEmpty else { return }
        let keyColumns = Set(uniqueIndexes.flatMap(\.columns))
        var batchKeys: [ColumnVector] = []
        if let settings = compression, !chunks[position].batches.isEmpty {
            batchKeys = table.columns.map { ColumnVector(type: $0.type) }
            for batch in chunks[position].batches {
                let rows = try BatchCodec.decode(batch, table: table, settings: settings, chunk: chunks[position].name,
                                                 dictionaries: chunks[position].zstdDictionaries)
                for c in keyColumns { batchKeys[c].append(contentsOf: rows.columns[c]) }
            }
        }
        let stored = chunks[position].rows.columns
        for u in uniqueIndexes.indices {
            chunks[position].uniqueKeys[u] = ChunkKeyTable.build(columns: uniqueIndexes[u].columns, batchKeys: batchKeys, rows: stored,
                                                                 nullsNotDistinct: uniqueIndexes[u].index.nullsNotDistinct)
        }
    }
}
