import Foundation
import Schema
import Testing
@testable import Storage

/// The durable table store (docs/STORE.md): CRC32C, the round trip, damaged files, and a crash at
/// every step of a save.
@Suite struct TableStoreTests {
    typealias F = EngineFixtures

    @Test func crc32cMatchesItsPublishedCheckValues() {
        // The CRC catalogue's check value and RFC 3720's iSCSI test vectors.
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
        #expect(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)) == 0x62A8_AB43)
        #expect(CRC32C.checksum((0..<32).map { UInt8($0) }) == 0x46DD_794E)
        #expect(CRC32C.checksum((0..<32).map { UInt8(31 - $0) }) == 0x113F_DB5C)
        #expect(CRC32C.checksum([UInt8]()) == 0)
        let a = Array("1234".utf8), b = Array("56789".utf8)
        #expect(CRC32C.update(CRC32C.checksum(a), b) == 0xE306_9283)
    }

    /// Chunks in every state: compressed, partial (rows beside batches), open, one dropped by
    /// retention, with NULLs, a space dimension and the unique key.
    static func sample(extraDay: Bool = false, space: Bool = false) throws -> Hypertable {
        var ht = try F.hypertable(interval: F.day, space: space ? SpaceDimension(column: "symbol", partitions: 2) : nil)
        try ht.insert(F.minuteRows(start: 0, count: 3 * 24 * 60 * 4))
        for name in ht.chunkNames(olderThan: 3 * F.day) { try ht.compressChunk(named: name) }
        // Late rows make the first compressed chunk partial.
        try ht.insert(F.rows([(F.day + F.day / 2 + 7, "Z", 1, nil), (F.day + F.day / 2 + 8, "Z", nil, 5)]))
        ht.dropChunks(olderThan: F.day)
        if extraDay { try ht.insert(F.minuteRows(start: 5 * F.day, count: 50)) }
        return ht
    }

    static func directory(_ name: String) -> String {
        let path = FileManagerPaths.temporary("store-\(name)")
        try? FileManager.default.removeItem(atPath: path)
        return path
    }

    /// Everything a reload must give back, chunk by chunk.
    static func snapshot(_ ht: Hypertable) throws -> [String] {
        var lines = ["id \(ht.id) dropped \(ht.droppedChunkCount) compression \(String(describing: ht.compression)) rows \(ht.rowCount)"]
        for chunk in ht.chunks {
            lines.append("\(chunk.name) \(chunk.timeRange) \(String(describing: chunk.spaceRange)) compressed \(chunk.isCompressed) "
                         + "partial \(chunk.isPartial) rows \(chunk.rowCount) batches \(chunk.batches.count) "
                         + "before \(String(describing: chunk.bytesBeforeCompression)) bytes \(EngineBytes.chunk(chunk))")
            let rows = try #require(try ht.rows(ofChunk: chunk.name))
            lines.append(contentsOf: (0..<rows.count).map { rows.row($0).map { "\($0)" }.joined(separator: "|") })
        }
        return lines
    }

    @Test func aSavedHypertableReloadsAsItWas() throws {
        for space in [false, true] {
            let ht = try Self.sample(space: space)
            #expect(ht.chunks.contains { $0.isPartial } || space)
            #expect(ht.chunks.contains { $0.isCompressed && !$0.isPartial })
            #expect(ht.chunks.contains { !$0.isCompressed })
            let store = TableStore(directory: Self.directory("roundtrip-\(space)"))
            try store.save(ht, now: 3 * F.day)
            let saved = try store.open(table: "ticks")
            #expect(saved.now == 3 * F.day)
            #expect(saved.chunkCount == ht.chunks.count)
            #expect(saved.rowCount == ht.rowCount)
            var back = try saved.hypertable(table: F.ticks)
            #expect(try Self.snapshot(back) == Self.snapshot(ht))
            #expect(back.chunks.map(\.batches) == ht.chunks.map(\.batches))
            // The unique keys came back too, compressed rows included.
            let duplicate = F.minuteRows(start: F.day, count: 1)
            #expect(throws: HypertableError.self) { try back.insert(duplicate) }
            // A chunk created after the reload gets the next name, never a reused one.
            var original = ht
            let fresh = F.rows([(40 * F.day, "A", 1, 1)])
            let a = try original.insert(fresh).createdChunks, b = try back.insert(fresh).createdChunks
            #expect(a == b && !a.isEmpty)
            // The definition rebuilt from the file alone loads the same chunks.
            #expect(try Self.snapshot(try saved.hypertable()) == Self.snapshot(ht))
            #expect(try saved.rows(table: F.ticks).count == ht.rowCount)
        }
    }

    @Test func aStoreWithZstdDictionariesReloads() throws {
        var ht = try Hypertable(table: F.ticks, options: HypertableOptions(timeColumn: "ts", chunkInterval: F.day))
        var settings = try CompressionSettings(segmentBy: "symbol", orderBy: "ts DESC", timeColumn: "ts", batchSizeLimit: 10)
        settings.zstdDictionary = .on
        try ht.enableCompression(settings)
        try ht.insert(F.minuteRows(start: 0, count: 3000, symbols: (0..<30).map { "S\($0)" }))
        for chunk in ht.chunks { try ht.compressChunk(named: chunk.name) }
        let store = TableStore(directory: Self.directory("dictionaries"))
        try store.save(ht)
        let back = try store.open(table: "ticks").hypertable(table: F.ticks)
        #expect(back.chunks.map(\.zstdDictionaries) == ht.chunks.map(\.zstdDictionaries))
        #expect(try Self.snapshot(back) == Self.snapshot(ht))
    }

    @Test func anotherTableDefinitionIsRefused() throws {
        let store = TableStore(directory: Self.directory("mismatch"))
        try store.save(try Self.sample())
        var other = F.ticks
        other.columns[2].type = .float8
        let saved = try store.open(table: "ticks")
        #expect(throws: StoreError.self) { try saved.hypertable(table: other) }
        #expect(throws: StoreError.self) { try store.open(table: "nope") }
    }

    @Test func everyTruncationIsRefusedNamingTheFileAndBlock() throws {
        let bytes = TableStore.encode(try Self.sample())
        for length in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 1500)) {
            do {
                _ = try TableStore.decode(Array(bytes[0..<length]), file: "cut.cwstore")
                Issue.record("a file cut to \(length) of \(bytes.count) bytes was accepted")
            } catch {
                guard case .corrupt(let file, _, _, _) = error else { Issue.record("\(error)"); continue }
                #expect(file == "cut.cwstore")
                #expect(error.description.contains("cut.cwstore") && (error.description.contains("block") || error.description.contains("header")))
            }
        }
    }

    @Test func everyFlippedBitIsRefusedNamingTheBlock() throws {
        let ht = try Self.sample()
        let bytes = TableStore.encode(ht)
        var refused = 0
        for position in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 2000)) {
            var damaged = bytes
            damaged[position] ^= UInt8(1 << (position % 8))
            do {
                _ = try TableStore.decode(damaged, file: "flip.cwstore")
                Issue.record("a flipped bit at byte \(position) was accepted")
            } catch {
                guard case .corrupt(_, let block, let offset, _) = error else { Issue.record("\(error)"); continue }
                #expect(offset <= position)
                #expect(block >= 0)
                refused += 1
            }
        }
        #expect(refused > 100)
    }

    @Test func aDamagedFileOnDiskLoadsNothing() throws {
        let dir = Self.directory("damaged")
        let store = TableStore(directory: dir)
        try store.save(try Self.sample())
        let path = store.path(table: "ticks")
        var bytes = try #require(FileManager.default.contents(atPath: path)).map { $0 }
        bytes[bytes.count / 2] ^= 0x10
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect { try store.open(table: "ticks") } throws: { error in
            let text = "\(error)"
            return text.contains(path) && text.contains("block") && text.contains("checksum mismatch") && text.contains("nothing was loaded")
        }
    }

    @Test func aCrashAtEveryStepOfASaveLeavesTheOldOrTheNewStore() throws {
        let old = try Self.sample()
        let new = try Self.sample(extraDay: true)
        let oldSnapshot = try Self.snapshot(old), newSnapshot = try Self.snapshot(new)
        #expect(oldSnapshot != newSnapshot)
        let dir = Self.directory("crash")
        let store = TableStore(directory: dir)
        let steps = try store.save(new)
        #expect(steps >= 8)
        var sawOld = 0, sawNew = 0
        for torn in [false, true] {
            for crashAt in 0..<steps {
                try? FileManager.default.removeItem(atPath: dir)
                try store.save(old)
                do {
                    try store.save(new, faults: StoreFaultInjection(crashAt: crashAt, tornWrite: torn))
                    Issue.record("the save did not stop at step \(crashAt)")
                } catch {
                    #expect(error == .injectedFault(write: crashAt))
                }
                // Reopened as a new process would: the file under the name is whole, old or new.
                let reopened = try Self.snapshot(try store.open(table: "ticks").hypertable(table: F.ticks))
                if reopened == oldSnapshot { sawOld += 1 } else if reopened == newSnapshot { sawNew += 1 } else {
                    Issue.record("a crash at step \(crashAt) (torn \(torn)) left neither the old nor the new store")
                }
                // A later save over the leftovers succeeds.
                try store.save(new)
                #expect(try Self.snapshot(try store.open(table: "ticks").hypertable(table: F.ticks)) == newSnapshot)
            }
        }
        // Before the rename the old store stays; after it, the new one.
        #expect(sawOld == 2 * (steps - 1) && sawNew == 2)
        #expect(try store.files() == [store.path(table: "ticks")])
    }

    @Test func resealedBytesStillGoThroughEveryContentCheck() throws {
        var bytes = TableStore.encode(try Self.sample())
        // Damage the table block's content behind a valid checksum: the decoder itself refuses it.
        bytes[16 + 8 + 1] = 0xFF
        bytes[16 + 8 + 2] = 0xFF
        let resealed = TableStore.resealed(bytes)
        #expect(throws: StoreError.self) { try TableStore.decode(resealed, file: "x") }
        #expect(TableStore.resealed(TableStore.encode(try Self.sample())) == TableStore.encode(try Self.sample()))
    }
}
