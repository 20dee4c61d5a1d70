/// Reuses one `String` for repeated short field values (`1m`, `yfinance`, `{}`), so a column of a
/// million bar intervals holds two string buffers, not a million.
///
/// A small table searched linearly, most recent hit first; it stops trying once a column shows
/// too many distinct values for interning to pay (free text, per-row JSON).
struct StringInterner {
    private var keys: [[UInt8]] = []
    private var values: [String] = []
    private var lastHit = 0
    private var misses = 0
    private(set) var enabled = true

    /// Entries kept; bar intervals, sources and metadata use a handful.
    private static let capacity = 64
    /// Longest value worth interning.
    static let maxLength = 64

    /// The interned string for these bytes, or nil when not (yet) interned.
    @inline(__always)
    mutating func lookup(_ bytes: UnsafeRawBufferPointer) -> String? {
        guard enabled, bytes.count <= Self.maxLength else { return nil }
        if lastHit < keys.count, Self.equal(keys[lastHit], bytes) { return values[lastHit] }
        for i in keys.indices where i != lastHit && Self.equal(keys[i], bytes) {
            lastHit = i
            return values[i]
        }
        return nil
    }

    /// Remembers a value the caller just built (after a failed lookup).
    mutating func insert(_ bytes: UnsafeRawBufferPointer, _ value: String) {
        guard enabled, bytes.count <= Self.maxLength else { return }
        if keys.count < Self.capacity {
            keys.append(Array(bytes))
            values.append(value)
            lastHit = keys.count - 1
        } else {
            misses += 1
            // A full table that keeps missing means the column is not a small vocabulary.
            if misses > 4 * Self.capacity { enabled = false; keys = []; values = [] }
        }
    }

    @inline(__always)
    private static func equal(_ key: [UInt8], _ bytes: UnsafeRawBufferPointer) -> Bool {
        guard key.count == bytes.count else { return false }
        return key.withUnsafeBytes { k in
            for i in 0..<k.count where k[i] != bytes[i] { return false }
            return true
        }
    }
}
