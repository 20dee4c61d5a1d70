/// PostgreSQL 15's pglz compressor (src/common/pg_lzcompress.c, `PGLZ_strategy_default`), run only
/// to learn the compressed size — the size decides whether TOAST keeps a value inline, and how
/// many bytes go to the TOAST table (see ``Toast/compressedDatumSize(payload:)``).
///
/// Output format: a control byte per 8 items; a literal is 1 byte; a match is a 2-byte tag (length
/// 3–17, offset < 4095) or 3 bytes (length up to 273). The history is a hash of 4-byte prefixes with
/// 4096 recycled entries spread over 512–8192 lists by input size; `pglz_find_match` accepts a
/// shorter "good enough" match the more chain entries it visits. The strategy gives up on inputs
/// under 32 bytes, when nothing matched within the first 1024 output bytes, or when the result
/// would not save 25 %.
public enum PGLZ {
    /// `PGLZ_HISTORY_SIZE`.
    static let historySize = 4096
    /// `PGLZ_MAX_MATCH`.
    static let maxMatch = 273
    /// Offsets from here on do not fit a tag (`pglz_find_match`: `thisoff >= 0x0fff`).
    static let maxOffset = 0x0fff
    /// `PGLZ_strategy_default.min_input_size`.
    static let minInputSize = 32
    /// `PGLZ_strategy_default.max_input_size` (INT_MAX).
    static let maxInputSize = Int(Int32.max)
    /// `PGLZ_strategy_default.min_comp_rate` (percent).
    static let minCompressionRate = 25
    /// `PGLZ_strategy_default.first_success_by`.
    static let firstSuccessBy = 1024
    /// `PGLZ_strategy_default.match_size_good`.
    static let matchSizeGood = 128
    /// `PGLZ_strategy_default.match_size_drop` (percent).
    static let matchSizeDrop = 10

    /// Compressed size in bytes (control bytes included), or nil when pglz refuses (PostgreSQL then
    /// stores the value uncompressed).
    public static func compressedSize(_ source: [UInt8]) -> Int? {
        source.withUnsafeBufferPointer { compressedSize($0) }
    }

    static func compressedSize(_ s: UnsafeBufferPointer<UInt8>) -> Int? {
        let n = s.count
        guard n >= minInputSize, n <= maxInputSize else { return nil }
        // pglz_compress approximates for long inputs so the product cannot overflow an int32.
        let resultMax = n > Int(Int32.max) / 100
            ? (n / 100) * (100 - minCompressionRate)
            : n * (100 - minCompressionRate) / 100
        let hashSize = n < 128 ? 512 : n < 256 ? 1024 : n < 512 ? 2048 : n < 1024 ? 4096 : 8192
        let mask = hashSize - 1
        // Hash heads hold entry numbers (0 = none); entries form doubly linked chains.
        var heads = [Int](repeating: 0, count: hashSize)
        var next = [Int](repeating: 0, count: historySize + 1)
        var prev = [Int](repeating: 0, count: historySize + 1)
        var hindex = [Int](repeating: 0, count: historySize + 1)
        var position = [Int](repeating: 0, count: historySize + 1)
        var entry = 1
        var recycle = false

        // `pglz_hist_idx` reads `char`, which is signed on x86-64, where the calibration server
        // runs: bytes ≥ 128 are sign-extended before hashing (only the bucket choice depends on it).
        @inline(__always) func signed(_ i: Int) -> Int { Int(Int8(bitPattern: s[i])) }
        @inline(__always) func hashIndex(_ p: Int) -> Int {
            if n - p < 4 { return signed(p) & mask }
            return ((signed(p) << 6) ^ (signed(p + 1) << 4) ^ (signed(p + 2) << 2) ^ signed(p + 3)) & mask
        }
        // pglz_hist_add.
        func add(_ p: Int) {
            let h = hashIndex(p)
            if recycle {
                if prev[entry] == 0 { heads[hindex[entry]] = next[entry] } else { next[prev[entry]] = next[entry] }
                if next[entry] != 0 { prev[next[entry]] = prev[entry] }
            }
            next[entry] = heads[h]
            prev[entry] = 0
            hindex[entry] = h
            position[entry] = p
            prev[heads[h]] = entry  // entry 0 is unused, so scribbling on it is harmless (as in C)
            heads[h] = entry
            entry += 1
            if entry >= historySize + 1 {
                entry = 1
                recycle = true
            }
        }
        // pglz_find_match: the longest match on the chain, stopping early at a good-enough one.
        func findMatch(_ dp: Int) -> Int {
            var length = 0
            var e = heads[hashIndex(dp)]
            var goodMatch = matchSizeGood
            while e != 0 {
                let hp = position[e]
                if dp - hp >= maxOffset { break }
                var l = 0
                // Once 16 bytes matched, C first compares the whole best length at once: a chain
                // entry that differs inside it cannot be longer, so it is skipped.
                if length >= 16 {
                    var k = 0
                    while k < length && s[dp + k] == s[hp + k] { k += 1 }
                    if k == length { l = length }
                    if l > 0 { while dp + l < n && s[dp + l] == s[hp + l] && l < maxMatch { l += 1 } }
                } else {
                    while dp + l < n && s[dp + l] == s[hp + l] && l < maxMatch { l += 1 }
                }
                if l > length { length = l }
                e = next[e]
                if e != 0 {
                    if length >= goodMatch { break }
                    goodMatch -= goodMatch * matchSizeDrop / 100
                }
            }
            return length > 2 ? length : 0
        }

        var out = 0
        var itemsInGroup = 8
        var foundMatch = false
        var dp = 0
        while dp < n {
            if out >= resultMax { return nil }
            if !foundMatch && out >= firstSuccessBy { return nil }
            let length = findMatch(dp)
            if itemsInGroup == 8 {
                out += 1
                itemsInGroup = 0
            }
            itemsInGroup += 1
            if length > 0 {
                out += length > 17 ? 3 : 2
                for _ in 0..<length {
                    add(dp)
                    dp += 1
                }
                foundMatch = true
            } else {
                out += 1
                add(dp)
                dp += 1
            }
        }
        return out >= resultMax ? nil : out
    }
}
