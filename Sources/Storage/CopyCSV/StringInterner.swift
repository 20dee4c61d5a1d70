import Foundation

/// Reuses one `String` for repeated short field values (`1m`, `yfinance`, `{}`), so a column of a
/// million bar intervals holds two string buffers, not a million.
///
/// A small table searched linearly, most recent hit first; it stops trying once a column shows
/// too many distinct values for interning to pay (free text, per-row JSON).
struct StringInterner {
    /// Key bytes, all keys back to back; key i is `pool[starts[i] ..< starts[i] + lengths[i]]`.
    private var pool: [UInt8] = [0]  // never empty, so it always has a base address
    private var starts: [Int] = []
    private var lengths: [Int] = []
    private var values: [String] = []
    private var lastHit = 0
    private var misses = 0
    private(set) var enabled = true

    /// Entries kept; bar intervals, sources and metadata use a handful.
    private static let capacity = 64
    /// Longest value worth interning.
    static let maxLength = 64

    /// The interned string for these bytes and its entry number (entries are numbered from 0 in
    /// the order inserted), or nil when not (yet) interned.
    @inline(__always)
    mutating func lookup(_ bytes: UnsafeRawBufferPointer) -> (value: String, entry: Int)? {
        guard enabled, bytes.count <= Self.maxLength, !values.isEmpty else { return nil }
        let hit: Int? = pool.withUnsafeBufferPointer { p in
            guard let base = p.baseAddress else { return nil }
            let n = bytes.count
            if lengths[lastHit] == n, Self.equal(base + starts[lastHit], bytes) { return lastHit }
            for i in 0..<lengths.count where i != lastHit && lengths[i] == n && Self.equal(base + starts[i], bytes) {
                return i
            }
            return nil
        }
        guard let hit else { return nil }
        lastHit = hit
        return (values[hit], hit)
    }

    /// Remembers a value the caller just built (after a failed lookup); returns its entry
    /// number, or nil when not kept.
    @discardableResult
    mutating func insert(_ bytes: UnsafeRawBufferPointer, _ value: String) -> Int? {
        guard enabled, bytes.count <= Self.maxLength else { return nil }
        if values.count < Self.capacity {
            starts.append(pool.count)
            lengths.append(bytes.count)
            pool.append(contentsOf: bytes)
            values.append(value)
            lastHit = values.count - 1
            return lastHit
        } else {
            misses += 1
            // A full table that keeps missing means the column is not a small vocabulary.
            if misses > 4 * Self.capacity { enabled = false; pool = [0]; starts = []; lengths = []; values = [] }
            return nil
        }
    }

    @inline(__always)
    private static func equal(_ key: UnsafePointer<UInt8>, _ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let b = bytes.baseAddress else { return true }
        return memcmp(key, b, bytes.count) == 0
    }
}
