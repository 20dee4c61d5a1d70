/// PostgreSQL 15's toaster (`heap_toast_insert_or_update`, heaptoast.c) applied to one row.
///
/// The toaster only runs when the row is longer than TOAST_TUPLE_THRESHOLD (2032 bytes for 8 kB
/// pages, `heap_prepare_insert`); a smaller row is stored as is whatever toast_tuple_target says.
/// Then four passes while the row's data exceeds `toast_tuple_target − header`: (1) the biggest
/// EXTENDED/EXTERNAL attribute not yet tried is compressed (EXTENDED: pglz) and pushed out of line
/// if it alone still exceeds the target; (2) the biggest inline EXTENDED/EXTERNAL attribute is
/// pushed out of line; (3) MAIN attributes are compressed; (4) with the target raised to
/// TOAST_TUPLE_TARGET_MAIN, MAIN attributes go out of line. Only attributes larger than
/// MAXALIGN(TOAST_POINTER_SIZE) = 24 bytes are candidates; an out-of-line value leaves an
/// 18-byte pointer.
struct ToastedTuple: Sendable {
    enum Storage: Sendable { case plain, main, external, extended }

    struct Attribute: Sendable {
        var storage: Storage
        /// Fixed width, or nil for varlena.
        var fixedWidth: Int?
        var alignment: Int
        /// Varlena datum with its 4-byte header (nil for fixed-width and for SQL NULL).
        var datum: [UInt8]?
        /// Size when datum bytes are not materialized (EXTERNAL payloads never compressed).
        var datumSize: Int = 0
        var isNull: Bool = false

        static func fixed(_ width: Int, alignment: Int) -> Attribute {
            Attribute(storage: .plain, fixedWidth: width, alignment: alignment, datum: nil)
        }

        static func varlena(_ storage: Storage, bytes: [UInt8]?, size: Int, alignment: Int = 4) -> Attribute {
            Attribute(storage: storage, fixedWidth: nil, alignment: alignment, datum: bytes, datumSize: size)
        }
    }

    /// One datum moved to the TOAST relation: the bytes written into chunks.
    struct ExternalValue: Sendable { var attribute: Int; var storedBytes: Int }

    static let toastPointerSize = 18
    /// PostgreSQL 15 TOAST_TUPLE_TARGET_MAIN for 8 kB pages (MaximumBytesPerTuple(1)).
    static let toastTupleTargetMain = 8160
    /// TOAST_TUPLE_THRESHOLD for 8 kB pages (MaximumBytesPerTuple(4)).
    static let toastTupleThreshold = 2032

    private(set) var externals: [ExternalValue] = []
    /// Row size (MAXALIGNed header + data) after toasting.
    private(set) var tupleSize: Int = 0

    private enum State { case inline, compressed, external }

    /// Runs the toaster on a row for a relation whose toast_tuple_target is `target`.
    init(attributes: [Attribute], target: Int) {
        let n = attributes.count
        var size = attributes.map { a -> Int in a.isNull ? 0 : (a.fixedWidth ?? a.datumSize) }
        var state = [State](repeating: .inline, count: n)
        var incompressible = [Bool](repeating: false, count: n)
        let hasNulls = attributes.contains { $0.isNull }
        let hoff = Self.maxAlign(23 + (hasNulls ? (n + 7) / 8 : 0))

        func dataSize() -> Int {
            var off = 0
            for i in 0..<n where !attributes[i].isNull {
                let a = attributes[i]
                if let w = a.fixedWidth {
                    off = Self.align(off, a.alignment) + w
                } else if state[i] == .external {
                    off += Self.toastPointerSize
                } else if state[i] == .compressed {
                    off = Self.align(off, a.alignment) + size[i]
                } else if a.storage != .plain && size[i] - 4 + 1 <= 127 {
                    off += size[i] - 3
                } else {
                    off = Self.align(off, a.alignment) + size[i]
                }
            }
            return off
        }
        func biggest(forCompression: Bool, main: Bool) -> Int? {
            var best: Int?
            var bestSize = Self.maxAlign(Self.toastPointerSize)
            for i in 0..<n where !attributes[i].isNull && attributes[i].fixedWidth == nil && state[i] != .external {
                let a = attributes[i]
                if a.storage == .plain { continue }
                if forCompression && (incompressible[i] || state[i] == .compressed) { continue }
                if main ? a.storage != .main : (a.storage != .extended && a.storage != .external) { continue }
                if size[i] > bestSize { best = i; bestSize = size[i] }
            }
            return best
        }
        var externals: [ExternalValue] = []
        func externalize(_ i: Int) {
            // toast_save_datum stores VARSIZE − header: a compressed value keeps its 4-byte
            // compression info word in the stored data.
            externals.append(ExternalValue(attribute: i, storedBytes: size[i] - 4))
            state[i] = .external
        }
        func tryCompress(_ i: Int) {
            if let bytes = attributes[i].datum, let c = Toast.compressedDatumSize(payload: Array(bytes.dropFirst(4))) {
                size[i] = c
                state[i] = .compressed
            } else {
                incompressible[i] = true
            }
        }

        guard hoff + dataSize() > Self.toastTupleThreshold else {
            self.tupleSize = hoff + dataSize()
            return
        }
        var maxData = target - hoff
        while dataSize() > maxData {
            guard let i = biggest(forCompression: true, main: false) else { break }
            if attributes[i].storage == .extended { tryCompress(i) } else { incompressible[i] = true }
            if size[i] > maxData { externalize(i) }
        }
        while dataSize() > maxData {
            guard let i = biggest(forCompression: false, main: false) else { break }
            externalize(i)
        }
        while dataSize() > maxData {
            guard let i = biggest(forCompression: true, main: true) else { break }
            tryCompress(i)
        }
        maxData = Self.toastTupleTargetMain - hoff
        while dataSize() > maxData {
            guard let i = biggest(forCompression: false, main: true) else { break }
            externalize(i)
        }
        self.externals = externals
        self.tupleSize = hoff + dataSize()
    }

    static func align(_ v: Int, _ a: Int) -> Int { a <= 1 ? v : (v + a - 1) / a * a }
    static func maxAlign(_ v: Int) -> Int { align(v, 8) }
}
