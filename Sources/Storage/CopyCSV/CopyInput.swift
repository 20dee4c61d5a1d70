import CZlib
import CZstd
import Foundation

/// Reads the bytes of a COPY data source the way a user names it: a regular file, `-` for standard
/// input, a pipe or FIFO, `/dev/stdin`, a `/proc` file (whose size reads as 0), or a `.gz` / `.zst`
/// export (recognised by its magic bytes, whatever its name), decompressed while it is read.
///
/// Nothing is read by seeking, so pipes work; a directory is refused as PostgreSQL's COPY refuses it
/// (`"x" is a directory`). PostgreSQL refuses a NUL byte in text input, so reading stops at the
/// first one (`invalid byte sequence for encoding "UTF8": 0x00`, with its line and column): an
/// endless device such as `/dev/zero` ends at once instead of filling memory.
public enum CopyInput {
    /// Why a source could not be read; ``CopyReader`` turns it into a ``CopyError``.
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// open/read failed (`strerror` text).
        case unreadable(String)
        /// The path names a directory.
        case directory
        /// A NUL byte at a 1-based line and byte column of the (decompressed) data.
        case nulByte(line: Int, column: Int)
        /// A `.gz` or `.zst` stream that does not decompress.
        case corruptCompressed(format: String, detail: String)

        public var description: String {
            switch self {
            case .unreadable(let why): return why
            case .directory: return "is a directory"
            case .nulByte: return "invalid byte sequence for encoding \"UTF8\": 0x00"
            case .corruptCompressed(let format, let detail): return "not a valid \(format) stream: \(detail)"
            }
        }
    }

    /// The standard-input path name.
    public static let standardInput = "-"

    /// All bytes of `path` (decompressed when it is gzip or zstd).
    public static func readAll(_ path: String) throws(Failure) -> [UInt8] {
        let fd: Int32
        if path == standardInput {
            fd = STDIN_FILENO
        } else {
            fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw .unreadable(String(cString: strerror(errno))) }
        }
        defer { if fd != STDIN_FILENO { close(fd) } }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw .unreadable(String(cString: strerror(errno))) }
        if (st.st_mode & S_IFMT) == S_IFDIR { throw .directory }
        let regular = (st.st_mode & S_IFMT) == S_IFREG
        var source = RawSource(fd: fd, sizeHint: regular ? Int(st.st_size) : 0)
        let head = try source.peek(4)
        if head.count >= 2, head[0] == 0x1F, head[1] == 0x8B {
            return try Gunzip.decompress(&source)
        }
        if head.count == 4, head == [0x28, 0xB5, 0x2F, 0xFD] {
            return try Unzstd.decompress(&source)
        }
        var out: [UInt8] = []
        out.reserveCapacity(regular ? Int(st.st_size) : 1 << 16)
        let checker = NulChecker()
        while let chunk = try source.next() {
            try checker.check(chunk, after: out)
            out.append(contentsOf: chunk)
        }
        return out
    }

    /// Reads a file descriptor in blocks, never seeking.
    struct RawSource {
        let fd: Int32
        var pending: [UInt8] = []
        var blockSize: Int

        init(fd: Int32, sizeHint: Int) {
            self.fd = fd
            self.blockSize = min(max(sizeHint + 1, 1 << 16), 1 << 24)
        }

        /// Up to `n` first bytes, kept for the next ``next()``.
        mutating func peek(_ n: Int) throws(Failure) -> [UInt8] {
            while pending.count < n, let chunk = try readBlock() { pending += chunk }
            return Array(pending.prefix(n))
        }

        mutating func next() throws(Failure) -> [UInt8]? {
            if !pending.isEmpty {
                defer { pending = [] }
                return pending
            }
            return try readBlock()
        }

        mutating func readBlock() throws(Failure) -> [UInt8]? {
            while true {
                // Read into uninitialized storage: the kernel fills it, so zeroing it first is wasted.
                var n = 0
                let buffer = [UInt8](unsafeUninitializedCapacity: blockSize) { raw, count in
                    n = read(fd, raw.baseAddress, raw.count)
                    count = max(n, 0)
                }
                if n < 0 {
                    if errno == EINTR { continue }
                    throw .unreadable(String(cString: strerror(errno)))
                }
                if n == 0 { return nil }
                return buffer
            }
        }
    }

    /// Finds the first NUL byte as blocks go by. Lines and columns are counted only when one is
    /// found (over the bytes before it), so a file without one costs a `memchr` per block.
    struct NulChecker {
        func check(_ chunk: [UInt8], after earlier: [UInt8]) throws(Failure) {
            let hit: Int? = chunk.withUnsafeBytes { raw in
                guard let base = raw.baseAddress, let p = memchr(base, 0, raw.count) else { return nil }
                return UnsafeRawPointer(p) - base
            }
            guard let hit else { return }
            var line = 1, column = 1
            for b in earlier { if b == 0x0A { line += 1; column = 1 } else { column += 1 } }
            for k in 0..<hit { if chunk[k] == 0x0A { line += 1; column = 1 } else { column += 1 } }
            throw .nulByte(line: line, column: column)
        }
    }

    enum Gunzip {
        static func decompress(_ source: inout RawSource) throws(Failure) -> [UInt8] {
            var stream = z_stream()
            // 15 + 32: a gzip or zlib header, detected by zlib.
            guard inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
                throw .corruptCompressed(format: "gzip", detail: "inflateInit failed")
            }
            defer { inflateEnd(&stream) }
            var out: [UInt8] = []
            let checker = NulChecker()
            var outBlock = [UInt8](repeating: 0, count: 1 << 18)
            var finished = false
            while let input = try source.next() {
                var offset = 0
                while offset < input.count {
                    if finished {
                        // Concatenated gzip members (as `cat a.gz b.gz` makes) decompress one after another.
                        guard inflateReset(&stream) == Z_OK else { throw .corruptCompressed(format: "gzip", detail: "reset failed") }
                        finished = false
                    }
                    var produced = 0
                    var status: Int32 = Z_OK
                    input.withUnsafeBytes { inRaw in
                        outBlock.withUnsafeMutableBytes { outRaw in
                            stream.next_in = UnsafeMutablePointer(mutating: inRaw.baseAddress!.assumingMemoryBound(to: Bytef.self)) + offset
                            stream.avail_in = uInt(inRaw.count - offset)
                            stream.next_out = outRaw.baseAddress!.assumingMemoryBound(to: Bytef.self)
                            stream.avail_out = uInt(outRaw.count)
                            status = inflate(&stream, Z_NO_FLUSH)
                            produced = outRaw.count - Int(stream.avail_out)
                            offset = inRaw.count - Int(stream.avail_in)
                        }
                    }
                    if produced > 0 {
                        let chunk = Array(outBlock[0..<produced])
                        try checker.check(chunk, after: out)
                        out.append(contentsOf: chunk)
                    }
                    if status == Z_STREAM_END { finished = true; continue }
                    guard status == Z_OK || status == Z_BUF_ERROR else {
                        let detail = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                        throw .corruptCompressed(format: "gzip", detail: detail)
                    }
                    if produced == 0 && status == Z_BUF_ERROR { break }
                }
            }
            guard finished else { throw .corruptCompressed(format: "gzip", detail: "unexpected end of data") }
            return out
        }
    }

    enum Unzstd {
        static func decompress(_ source: inout RawSource) throws(Failure) -> [UInt8] {
            guard let stream = ZSTD_createDStream() else { throw .corruptCompressed(format: "zstd", detail: "out of memory") }
            defer { ZSTD_freeDStream(stream) }
            ZSTD_initDStream(stream)
            var out: [UInt8] = []
            let checker = NulChecker()
            var outBlock = [UInt8](repeating: 0, count: ZSTD_DStreamOutSize())
            var lastHint = 1
            while let input = try source.next() {
                var offset = 0
                var produced = 0
                // Until the input is used up and the decoder holds no more output (a full output block may hide more).
                repeat {
                    var hint = 0
                    input.withUnsafeBytes { inRaw in
                        outBlock.withUnsafeMutableBytes { outRaw in
                            var inBuf = ZSTD_inBuffer(src: inRaw.baseAddress, size: inRaw.count, pos: offset)
                            var outBuf = ZSTD_outBuffer(dst: outRaw.baseAddress, size: outRaw.count, pos: 0)
                            hint = ZSTD_decompressStream(stream, &outBuf, &inBuf)
                            produced = outBuf.pos
                            offset = inBuf.pos
                        }
                    }
                    if ZSTD_isError(hint) != 0 {
                        throw .corruptCompressed(format: "zstd", detail: String(cString: ZSTD_getErrorName(hint)))
                    }
                    lastHint = hint
                    if produced > 0 {
                        let chunk = Array(outBlock[0..<produced])
                        try checker.check(chunk, after: out)
                        out.append(contentsOf: chunk)
                    }
                } while offset < input.count || produced == outBlock.count
            }
            guard lastHint == 0 else { throw .corruptCompressed(format: "zstd", detail: "unexpected end of data") }
            return out
        }
    }
}
