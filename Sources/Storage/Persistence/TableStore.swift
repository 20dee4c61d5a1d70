import Foundation
import Schema

/// A directory of saved hypertables, one file per table (`<table>.cwstore`), in the versioned,
/// checksummed format of docs/STORE.md.
///
/// ```swift
/// let store = TableStore(directory: "run1")
/// try store.save(simulation.hypertable, now: simulation.clock.now)   // atomic replace
/// let saved = try store.open(table: "market_data")                     // every block checked
/// let ht = try saved.hypertable(table: NQPTables.marketData)
/// ```
///
/// A save replaces the table's file atomically (temporary file, fsync, rename, fsync of the
/// directory): a crash at any point leaves the previous file readable. A read checks the whole file
/// (header, every block's CRC32C and length, the end block) before it returns anything, so a
/// truncated or damaged file loads nothing and the error names the file and the block.
public struct TableStore: Sendable {
    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// The file that holds `table`.
    public func path(table: String) -> String { directory + "/" + StoreFormat.fileName(table: table) }

    /// The bytes of a store file for a hypertable (header, table block, one block per chunk, end block).
    public static func encode(_ hypertable: Hypertable, now: Int64? = nil) -> [UInt8] {
        blocks(hypertable, now: now).reduce(into: []) { $0 += $1 }
    }

    /// The pieces written one by one: header, then each block.
    static func blocks(_ ht: Hypertable, now: Int64?) -> [[UInt8]] {
        var pieces = [StoreFormat.header, StoreFormat.block(StoreTableBlock.encode(ht, now: now))]
        var rows = 0
        for chunk in ht.chunks {
            pieces.append(StoreFormat.block(StoredChunk(chunk).encoded(columnCount: ht.table.columns.count)))
            rows += chunk.rowCount
        }
        var end = StoreEncoder()
        end.u8(StoreFormat.Kind.end.rawValue)
        end.count(ht.chunks.count)
        end.i64(Int64(rows))
        pieces.append(StoreFormat.block(end.bytes))
        return pieces
    }

    /// Saves a hypertable as its table's file, replacing an earlier save atomically. Creates the
    /// directory when needed. `faults` simulates a crash (tests only). Returns the number of
    /// file-system steps the save took (what ``StoreFaultInjection/crashAt`` counts).
    @discardableResult
    public func save(_ hypertable: Hypertable, now: Int64? = nil, faults: StoreFaultInjection? = nil) throws(StoreError) -> Int {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw .io(path: directory, operation: "use as a store directory", errno: ENOTDIR, message: "not a directory")
            }
        } else {
            do { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) } catch {
                throw .io(path: directory, operation: "create directory", errno: errno, message: "\(error.localizedDescription)")
            }
        }
        var writer = AtomicFileWriter(directory: directory, name: StoreFormat.fileName(table: hypertable.table.name), faults: faults)
        try writer.replace(with: Self.blocks(hypertable, now: now))
        return writer.steps
    }

    /// The store files in the directory (temporary files of an interrupted save are ignored).
    public func files() throws(StoreError) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else {
            throw .io(path: directory, operation: "open store directory", errno: ENOENT, message: "No such file or directory")
        }
        guard isDirectory.boolValue else {
            throw .io(path: directory, operation: "open store directory", errno: ENOTDIR, message: "not a directory")
        }
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: directory) } catch {
            throw .io(path: directory, operation: "list store directory", errno: EIO, message: "\(error.localizedDescription)")
        }
        return names.filter { !$0.hasPrefix(".") && $0.hasSuffix("." + StoreFormat.fileExtension) }.sorted().map { directory + "/" + $0 }
    }

    /// Reads and checks the file of `table`.
    public func open(table: String) throws(StoreError) -> StoredHypertable {
        let path = path(table: table)
        guard FileManager.default.fileExists(atPath: path) else {
            let present = (try? files())?.map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent } ?? []
            throw .missing(directory: directory, table: table, present: present)
        }
        return try Self.read(file: path)
    }

    /// Reads and checks every table file of the directory; any damaged file fails the whole call.
    public func openAll() throws(StoreError) -> [StoredHypertable] {
        var all: [StoredHypertable] = []
        for file in try files() { all.append(try Self.read(file: file)) }
        return all
    }

    /// Reads and checks one store file.
    public static func read(file: String) throws(StoreError) -> StoredHypertable {
        let fd = Foundation.open(file, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            throw .io(path: file, operation: "open", errno: code, message: String(cString: strerror(code)))
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            let code = errno
            throw .io(path: file, operation: "stat", errno: code, message: String(cString: strerror(code)))
        }
        guard (st.st_mode & S_IFMT) == S_IFREG else {
            throw .io(path: file, operation: "read", errno: EISDIR, message: "not a regular file")
        }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = buffer.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                let code = errno
                throw .io(path: file, operation: "read", errno: code, message: String(cString: strerror(code)))
            }
            if n == 0 { break }
            bytes.append(contentsOf: buffer[0..<n])
        }
        return try decode(bytes, file: file)
    }

    /// Checks and decodes a store file's bytes; `file` names it in errors.
    public static func decode(_ bytes: [UInt8], file: String) throws(StoreError) -> StoredHypertable {
        guard bytes.count >= StoreFormat.headerSize else {
            throw .corrupt(file: file, block: 0, offset: 0, detail: "truncated: \(bytes.count) bytes, a store file starts with a \(StoreFormat.headerSize)-byte header")
        }
        guard Array(bytes[0..<8]) == StoreFormat.magic else {
            throw .corrupt(file: file, block: 0, offset: 0, detail: "not a chunkwise table store (no CWSTORE magic)")
        }
        var header = StoreDecoder(bytes, from: 8, to: StoreFormat.headerSize)
        let version = (try? header.u32("version")) ?? 0
        let headerCRC = (try? header.u32("checksum")) ?? 0
        guard CRC32C.checksum(bytes[0..<12]) == headerCRC else {
            throw .corrupt(file: file, block: 0, offset: 0, detail: "header checksum mismatch")
        }
        guard version == StoreFormat.version else {
            throw .corrupt(file: file, block: 0, offset: 0, detail: "format version \(version); this chunkwise reads version \(StoreFormat.version)")
        }
        var offset = StoreFormat.headerSize
        var blockNumber = 0
        var table: StoreTableBlock.Content?
        var chunks: [StoredChunk] = []
        var ended = false
        while offset < bytes.count {
            blockNumber += 1
            let start = offset
            func corrupt(_ detail: String) -> StoreError { .corrupt(file: file, block: blockNumber, offset: start, detail: detail) }
            if ended { throw corrupt("bytes after the end block") }
            guard bytes.count - offset >= StoreFormat.blockHeaderSize else {
                throw corrupt("truncated: the block header needs \(StoreFormat.blockHeaderSize) bytes, the file ends after \(bytes.count - offset)")
            }
            var frame = StoreDecoder(bytes, from: offset, to: offset + StoreFormat.blockHeaderSize)
            let length = Int((try? frame.u32("length")) ?? 0)
            let stored = (try? frame.u32("checksum")) ?? 0
            let payloadStart = offset + StoreFormat.blockHeaderSize
            guard length <= bytes.count - payloadStart else {
                throw corrupt("truncated: the block needs \(length) bytes, the file ends after \(bytes.count - payloadStart)")
            }
            let payloadEnd = payloadStart + length
            let computed = CRC32C.checksum(bytes[payloadStart..<payloadEnd])
            guard computed == stored else {
                throw corrupt("checksum mismatch (CRC32C stored 0x\(String(stored, radix: 16)), computed 0x\(String(computed, radix: 16)))")
            }
            var d = StoreDecoder(bytes, from: payloadStart, to: payloadEnd)
            do throws(StoreDecoder.Malformed) {
                let kind = try d.u8("block kind")
                switch StoreFormat.Kind(rawValue: kind) {
                case .table:
                    guard table == nil, blockNumber == 1 else { throw StoreDecoder.Malformed(detail: "a second table block") }
                    table = try StoreTableBlock.decode(&d)
                case .chunk:
                    guard let t = table else { throw StoreDecoder.Malformed(detail: "a chunk block before the table block") }
                    chunks.append(try StoredChunk.decode(&d, columns: t.columns))
                case .end:
                    guard let t = table else { throw StoreDecoder.Malformed(detail: "an end block before the table block") }
                    let count = Int(try d.u32("chunk count"))
                    let rows = try d.i64("row count")
                    guard count == chunks.count, count == t.chunkCount else {
                        throw StoreDecoder.Malformed(detail: "the end block counts \(count) chunks, the file holds \(chunks.count)")
                    }
                    let held = chunks.reduce(0) { $0 + ($1.openRows.first?.count ?? 0) + $1.batches.reduce(0) { $0 + $1.rowCount } }
                    guard rows == Int64(held) else { throw StoreDecoder.Malformed(detail: "the end block counts \(rows) rows, the chunks hold \(held)") }
                    ended = true
                case nil:
                    throw StoreDecoder.Malformed(detail: "unknown block kind \(kind)")
                }
                guard d.atEnd else { throw StoreDecoder.Malformed(detail: "\(d.remaining) unread bytes at the end of the block") }
            } catch {
                throw corrupt(error.detail)
            }
            offset = payloadEnd
        }
        guard ended, let t = table else {
            throw .corrupt(file: file, block: blockNumber + 1, offset: offset, detail: "truncated: the file ends before its end block")
        }
        return StoredHypertable(file: file, tableName: t.tableName, columns: t.columns, uniqueIndexes: t.uniqueIndexes,
                                hypertableID: t.hypertableID, options: t.options, compression: t.compression,
                                droppedChunkCount: t.droppedChunkCount, now: t.now, nextChunkID: t.nextChunkID, chunks: chunks)
    }

    /// The same bytes with every header and block checksum recomputed over what is there (block
    /// lengths are trusted as far as the bytes go). For fuzzing the decoder past the checksums and
    /// for hand-made test files; never used when reading.
    public static func resealed(_ bytes: [UInt8]) -> [UInt8] {
        var out = bytes
        guard out.count >= StoreFormat.headerSize else { return out }
        func put(_ v: UInt32, at i: Int) { for k in 0..<4 { out[i + k] = UInt8(truncatingIfNeeded: v >> (8 * UInt32(k))) } }
        put(CRC32C.checksum(out[0..<12]), at: 12)
        var offset = StoreFormat.headerSize
        while out.count - offset >= StoreFormat.blockHeaderSize {
            var length = 0
            for k in 0..<4 { length |= Int(out[offset + k]) << (8 * k) }
            let start = offset + StoreFormat.blockHeaderSize
            guard length <= out.count - start else { break }
            put(CRC32C.checksum(out[start..<(start + length)]), at: offset + 4)
            offset = start + length
        }
        return out
    }
}
