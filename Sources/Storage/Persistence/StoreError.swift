/// Why a table store could not be written or read. A failed read loads nothing from the file; a
/// failed write leaves the previous file in place.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file's bytes are damaged or not a store: truncated, a checksum mismatch, an unknown
    /// format version, a malformed block. `block` is the 1-based block number (0 for the header),
    /// `offset` the byte where that block starts.
    case corrupt(file: String, block: Int, offset: Int, detail: String)
    /// The file is intact but its content does not fit what the caller asked for (another table,
    /// other columns).
    case mismatch(file: String, detail: String)
    /// A file-system call failed.
    case io(path: String, operation: String, errno: Int32, message: String)
    /// No store file for the table in the directory.
    case missing(directory: String, table: String, present: [String])
    /// A write stopped by a ``StoreFaultInjection`` (tests only): the simulated crash.
    case injectedFault(write: Int)

    public var description: String {
        switch self {
        case .corrupt(let file, let block, let offset, let detail):
            let at = block == 0 ? "header" : "block \(block) (at byte \(offset))"
            return "store file \"\(file)\": \(at): \(detail); nothing was loaded from this file"
        case .mismatch(let file, let detail):
            return "store file \"\(file)\": \(detail)"
        case .io(let path, let operation, let errno, let message):
            return "could not \(operation) \"\(path)\": \(message) (errno \(errno))"
        case .missing(let directory, let table, let present):
            let list = present.isEmpty ? "none" : present.joined(separator: ", ")
            return "store \"\(directory)\" holds no table \"\(table)\" (tables stored: \(list))"
        case .injectedFault(let write):
            return "injected fault at write \(write)"
        }
    }
}
