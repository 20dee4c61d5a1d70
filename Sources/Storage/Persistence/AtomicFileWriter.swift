import Foundation

/// Replaces a file so that a crash at any moment leaves either the old or the new content under
/// its name: write a temporary file beside it, fsync it, rename it over the old name, fsync the
/// directory. Each file-system call is a numbered step, so ``StoreFaultInjection`` can stop the
/// writer at any one of them.
struct AtomicFileWriter {
    let directory: String
    let name: String
    var faults: StoreFaultInjection?
    /// Steps taken so far.
    private(set) var steps = 0

    init(directory: String, name: String, faults: StoreFaultInjection?) {
        self.directory = directory
        self.name = name
        self.faults = faults
    }

    var target: String { directory + "/" + name }
    var temporary: String { directory + "/." + name + ".tmp" }

    /// Whether the next step is the one to crash at.
    private mutating func step() -> Bool {
        defer { steps += 1 }
        return faults?.crashAt == steps
    }

    private static func failure(_ path: String, _ operation: String) -> StoreError {
        let code = errno
        return .io(path: path, operation: operation, errno: code, message: String(cString: strerror(code)))
    }

    /// Writes `pieces` (in order) as the new content of the target.
    mutating func replace(with pieces: [[UInt8]]) throws(StoreError) {
        if step() { throw .injectedFault(write: steps - 1) }
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Self.failure(temporary, "create") }
        var closed = false
        var crashed = false
        defer {
            if !closed { close(fd) }
            // A real failure cleans up; a simulated crash leaves the temporary file behind, as a killed process would.
            if !crashed && !closed { unlink(temporary) }
        }
        for piece in pieces {
            if step() {
                crashed = true
                if faults?.tornWrite == true { _ = Self.writeAll(fd, piece[0..<(piece.count / 2)]) }
                throw .injectedFault(write: steps - 1)
            }
            guard Self.writeAll(fd, piece[...]) else { throw Self.failure(temporary, "write") }
        }
        if step() { crashed = true; throw .injectedFault(write: steps - 1) }
        guard fsync(fd) == 0 else { throw Self.failure(temporary, "fsync") }
        if step() { crashed = true; throw .injectedFault(write: steps - 1) }
        closed = true
        guard close(fd) == 0 else { unlink(temporary); throw Self.failure(temporary, "close") }
        if step() { throw .injectedFault(write: steps - 1) }
        guard rename(temporary, target) == 0 else {
            let error = Self.failure(target, "rename \(temporary) to")
            unlink(temporary)
            throw error
        }
        if step() { throw .injectedFault(write: steps - 1) }
        let dfd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard dfd >= 0 else { throw Self.failure(directory, "open directory") }
        defer { close(dfd) }
        guard fsync(dfd) == 0 else { throw Self.failure(directory, "fsync directory") }
    }

    private static func writeAll(_ fd: Int32, _ bytes: ArraySlice<UInt8>) -> Bool {
        var offset = bytes.startIndex
        while offset < bytes.endIndex {
            let n = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += n
        }
        return true
    }
}
