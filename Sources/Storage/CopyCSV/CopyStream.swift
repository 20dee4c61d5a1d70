import Foundation
import Schema

/// Reads a COPY CSV file piece by piece: each ``next()`` reads about ``pieceBytes`` more bytes,
/// cuts them after the last record terminator that is not inside quotes, and parses those records
/// as ``CopyReader`` would parse them inside the whole file (same header mapping, line numbers,
/// line ending and `gen_random_uuid()` sequence). Memory holds one piece, not the file.
///
/// Only a regular, uncompressed file streams (``open(reader:path:)`` returns nil otherwise: read
/// it whole with ``CopyReader/load(path:)``). A piece's rows are checked on their own, so an error
/// is the first one of the pieces read so far; a caller that needs the whole-file answer (a NUL
/// byte later in the file, say, is reported before any parse error by a whole read) reads the file
/// again with ``CopyReader`` when a piece fails.
///
/// ```swift
/// if var stream = try CopyStream.open(reader: reader, path: "big.csv") {
///     while let rows = try stream.next() { … }
/// }
/// ```
public struct CopyStream: Sendable {
    public let reader: CopyReader
    /// How a piece is named in errors.
    public let file: String
    /// Bytes read per piece (a piece also ends at a record boundary, so it may be a little shorter or longer).
    public var pieceBytes: Int
    /// Bytes of the file consumed so far, and its size.
    public private(set) var bytesRead = 0
    public let fileSize: Int

    private let handle: Descriptor
    /// Bytes read but not yet parsed (the start of a record).
    private var carry: [UInt8] = []
    private var continuation: CopyLoad.Continuation?
    private var atEnd = false
    private var done = false

    /// Closes the file when the stream goes away.
    private final class Descriptor: Sendable {
        let fd: Int32
        init(_ fd: Int32) { self.fd = fd }
        deinit { close(fd) }
    }

    /// Why a file was refused as a stream (the caller reads it whole instead).
    public enum Refusal: Error, Sendable {
        /// Two or more omitted `gen_random_uuid()` columns: a whole read draws each column's values
        /// in one run, which pieces cannot reproduce.
        case severalRandomDefaults
    }

    /// A stream over `path`, or nil when it is not a regular uncompressed file (or cannot be opened:
    /// the whole read reports why).
    public static func open(reader: CopyReader, path: String, pieceBytes: Int = 8 << 20) -> CopyStream? {
        guard path != CopyInput.standardInput else { return nil }
        let fd = Foundation.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        let handle = Descriptor(fd)
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        var head = [UInt8](repeating: 0, count: 4)
        let n = head.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 4, 0) }
        guard n >= 0 else { return nil }
        if n >= 2, head[0] == 0x1F, head[1] == 0x8B { return nil }
        if n == 4, head == [0x28, 0xB5, 0x2F, 0xFD] { return nil }
        if reader.table.columns.filter({ $0.defaultValue == .randomUUID }).count > 1 { return nil }
        return CopyStream(reader: reader, file: CopyReader.displayName(path), pieceBytes: max(pieceBytes, 1 << 12),
                          fileSize: Int(st.st_size), handle: handle)
    }

    private init(reader: CopyReader, file: String, pieceBytes: Int, fileSize: Int, handle: Descriptor) {
        self.reader = reader
        self.file = file
        self.pieceBytes = pieceBytes
        self.fileSize = fileSize
        self.handle = handle
    }

    /// Whole records cut from the file, not yet parsed.
    struct Piece: Sendable {
        let bytes: [UInt8]
        /// Bytes of the file consumed once this piece is.
        let end: Int
    }

    /// The rows of the next piece (possibly none), or nil once the data has ended.
    public mutating func next() throws(CopyError) -> RowSet? {
        guard !done else { return nil }
        guard let piece = try cut() else {
            done = true
            return continuation == nil ? nil : RowSet(table: reader.table)
        }
        if atEnd && carry.isEmpty { done = true }
        let (rows, next) = try Self.parse(piece, reader: reader, file: file, after: continuation).get()
        continuation = next
        if next.ended { done = true }
        return rows
    }

    /// Cuts the next piece: about ``pieceBytes`` more bytes, up to the last record terminator
    /// outside quotes (the rest of the file at its end); nil once nothing is left.
    mutating func cut() throws(CopyError) -> Piece? {
        var cut = 0
        while true {
            if !atEnd && carry.count < pieceBytes { try fill() }
            cut = atEnd ? carry.count : Self.lastRecordEnd(carry)
            if cut > 0 || atEnd { break }
            // No whole record yet (a record longer than a piece): read on.
            pieceBytes *= 2
        }
        guard cut > 0 else { return nil }
        // The piece keeps the buffer; the short rest after the cut is copied out.
        var bytes = carry
        carry = Array(bytes[cut...])
        bytes.removeSubrange(cut...)
        bytesRead += cut
        return Piece(bytes: bytes, end: bytesRead)
    }

    /// Parses a piece as the part of the file after `continuation`'s piece (nil: the file's first
    /// piece, header included).
    static func parse(_ piece: Piece, reader: CopyReader, file: String, after continuation: CopyLoad.Continuation?)
        -> Result<(RowSet, CopyLoad.Continuation), CopyError> {
        piece.bytes.withUnsafeBufferPointer { buf in
            // A piece is never empty (`cut` returns nil instead).
            guard let base = buf.baseAddress else {
                return .failure(CopyError(file: file, line: continuation?.line ?? 1, table: reader.table.name, kind: .unreadable(reason: "empty piece")))
            }
            if let nul = memchr(base, 0, buf.count) {
                let offset = UnsafeRawPointer(nul) - UnsafeRawPointer(base)
                let line = (continuation?.line ?? 1) + buf[0..<offset].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
                return .failure(CopyError(file: file, line: line, table: reader.table.name, kind: .invalidUTF8(bytes: "0x00")))
            }
            var load = continuation.map { CopyLoad(reader: reader, file: file, base: base, count: buf.count, continuing: $0) }
                ?? CopyLoad(reader: reader, file: file, base: base, count: buf.count)
            do throws(CopyError) {
                let rows = try load.run()
                return .success((rows, load.continuation(rows: rows.count)))
            } catch { return .failure(error) }
        }
    }

    /// Reads up to a piece's worth of bytes more.
    private mutating func fill() throws(CopyError) {
        let want = pieceBytes - carry.count
        let old = carry.count
        carry.append(contentsOf: repeatElement(0, count: want))
        var got = 0
        while got < want {
            let n = carry.withUnsafeMutableBytes { read(handle.fd, $0.baseAddress! + old + got, want - got) }
            if n < 0 {
                if errno == EINTR { continue }
                carry.removeSubrange((old + got)...)
                throw CopyError(file: file, line: 0, table: reader.table.name, kind: .unreadable(reason: String(cString: strerror(errno))))
            }
            if n == 0 { atEnd = true; break }
            got += n
        }
        carry.removeSubrange((old + got)...)
    }

    /// The length of the longest prefix that ends just after a record terminator outside quotes
    /// (0 when there is none). A quote toggles "inside quotes" (`""` toggles twice), so a line feed
    /// is outside quotes when an even number of quotes precede it. A CR terminator counts only when
    /// a byte follows it (it may be the first half of CRLF).
    static func lastRecordEnd(_ bytes: [UInt8]) -> Int {
        bytes.withUnsafeBufferPointer { buf -> Int in
            guard let base = buf.baseAddress, buf.count > 0 else { return 0 }
            return lastRecordEnd(base, count: buf.count)
        }
    }

    /// ``lastRecordEnd(_:)`` of the `count` bytes at `base` (the first of them starts a record).
    static func lastRecordEnd(_ base: UnsafePointer<UInt8>, count n: Int) -> Int {
        var quotes = 0
        var p = 0
        var last = 0
        // Walk the terminators in order, counting the quotes between them.
        while p < n {
            guard let hit = memchr(base + p, Int32(UInt8(ascii: "\"")), n - p) else { break }
            let q = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
            if quotes % 2 == 0, let end = lastTerminator(base, from: p, to: q, count: n) { last = end }
            quotes += 1
            p = q + 1
        }
        if quotes % 2 == 0, let end = lastTerminator(base, from: p, to: n, count: n) { last = end }
        return last
    }

    /// Just past the last LF in `from..<to`, or past a CR there that is followed (within the
    /// `count` bytes of the buffer) by a byte other than LF.
    private static func lastTerminator(_ base: UnsafePointer<UInt8>, from: Int, to: Int, count: Int) -> Int? {
        var i = to - 1
        while i >= from {
            let c = base[i]
            if c == 0x0A { return i + 1 }
            if c == 0x0D, i + 1 < count, base[i + 1] != 0x0A { return i + 1 }
            i -= 1
        }
        return nil
    }
}
