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
        var next = self
        let outcome = try next.applyInsert(rows, onConflict: onConflict)
        self = next
        return outcome
    }

    private mutating func applyInsert(_ rows: RowSet, onConflict: ConflictAction) throws(HypertableError) -> InsertOutcome {
        let timeColumn = rows.columns[timeColumnIndex]
        var isUpdate = false
        if case .update = onConflict { isUpdate = true }
        var outcome = InsertOutcome(inserted: 0, skipped: 0, updated: 0, createdChunks: [])
        var accepted: [Int: [Int]] = [:]          // chunk position → input rows
        var acceptedOrder: [Int] = []              // chunk positions in first-touch order
        var seenInBatch: [ChunkKey: [Set<[Value]>]] = [:]
        var replaced: [Int: [(index: Int, key: [Value])]] = [:]  // chunk position → rows to replace
        for r in 0..<rows.count {
            if timeColumn.isNull(at: r) { throw .nullTime(column: options.timeColumn, row: r) }
            let key = chunkKey(rows: rows, row: r)
            let position = chunkPositions[key]
            var conflict: (index: Int, key: [Value], inBatch: Bool)?
            var keys: [[Value]?] = []
            for (u, unique) in uniqueIndexes.enumerated() {
                let k = unique.columns.map { rows.columns[$0].value(at: r) }
                if k.contains(where: \.isNull) { keys.append(nil); continue }
                keys.append(k)
                if conflict != nil { continue }
                if seenInBatch[key]?[u].contains(k) == true {
                    conflict = (u, k, true)
                } else if let position, chunks[position].uniqueKeys[u].contains(k) {
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
                    outcome.skipped += 1
                    continue
                case .update(let target):
                    // Only the arbiter index turns a conflict into an update; others still fail.
                    let arbiter = arbiterIndex(target)
                    if conflict.inBatch || conflict.index != arbiter { throw .uniqueViolation(violation) }
                    if let position { replaced[position, default: []].append((conflict.index, conflict.key)) }
                    outcome.updated += 1
                }
            }
            var seen = seenInBatch[key] ?? Array(repeating: [], count: uniqueIndexes.count)
            for (u, k) in keys.enumerated() { if let k { seen[u].insert(k) } }
            seenInBatch[key] = seen
            let target: Int
            if let position {
                target = position
            } else {
                target = chunks.count
                chunks.append(Chunk(id: nextChunkID, hypertableID: id, timeRange: key.time, spaceRange: key.space,
                                    table: table, blockIndex: BlockIndex(blockSize: options.blockSize, columns: blockColumns),
                                    uniqueIndexCount: uniqueIndexes.count))
                chunkPositions[key] = target
                outcome.createdChunks.append(chunks[target].name)
                nextChunkID += 1
            }
            if accepted[target] == nil { acceptedOrder.append(target) }
            accepted[target, default: []].append(r)
        }
        for (position, targets) in replaced.sorted(by: { $0.key < $1.key }) {
            try removeRows(inChunk: position, matching: targets)
        }
        for position in acceptedOrder {
            guard let picked = accepted[position] else { continue }
            let part = RowSet(table: table, columns: rows.gathering(picked).columns)
            chunks[position].append(part)
            for (u, unique) in uniqueIndexes.enumerated() {
                for i in 0..<part.count {
                    let k = unique.columns.map { part.columns[$0].value(at: i) }
                    if !k.contains(where: \.isNull) { chunks[position].uniqueKeys[u].insert(k) }
                }
            }
            outcome.inserted += picked.count
        }
        outcome.inserted -= outcome.updated
        return outcome
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
                let rows = try BatchCodec.decode(batch, table: table, settings: settings, chunk: chunk.name)
                if (0..<rows.count).contains(where: { matches(rows, $0) }) {
                    reopened = reopened.count == 0 ? rows : reopened.appending(rows)
                } else {
                    kept.append(batch)
                }
            }
            chunk.batches = kept
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
                let rows = try BatchCodec.decode(batch, table: table, settings: settings, chunk: chunks[position].name)
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
