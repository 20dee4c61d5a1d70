/// PostgreSQL's pglz compressor (src/common/pg_lzcompress.c, `PGLZ_strategy_default`), run only
/// to learn the compressed size — the size decides whether TOAST keeps a value inline, and how
/// many bytes go to the TOAST table.
///
/// Output format: a control byte per 8 items; a literal is 1 byte; a match is a 2-byte tag (length
/// 3–17, offset < 4096) or 3 bytes (length up to 273). The history is a hash of 4-byte prefixes with
/// 4096 recycled entries; `pglz_find_match` accepts a shorter "good enough" match the more chain
/// entries it visits (good_match 128, shrinking 10 % per entry). The strategy gives up on inputs
/// under 32 bytes, when nothing matched within the first 1024 output bytes, or when the result
/// would not save 25 %.
public enum PGLZ {
    static let historySize = 4096
    static let maxMatch = 273
    static let minInputSize = 32
    static let firstSuccessBy = 1024
    static let minCompressionRate = 25

    /// Compressed size in bytes, or nil when pglz refuses (the value is then stored uncompressed).
    public static func compressedSize(_ source: [UInt8]) -> Int? {
        let n = source.count
        guard n >= minInputSize else { return nil }
        let resultMax = n * (100 - minCompressionRate) / 100
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

        // `char` is signed on the platforms PostgreSQL is measured on: sign-extend bytes ≥ 128.
        @inline(__always) func signed(_ i: Int) -> Int { Int(Int8(bitPattern: source[i])) }
        @inline(__always) func hashIndex(_ s: Int) -> Int {
            if n - s < 4 { return signed(s) & mask }
            return ((signed(s) << 6) ^ (signed(s + 1) << 4) ^ (signed(s + 2) << 2) ^ signed(s + 3)) & mask
        }
        func add(_ s: Int) {
            let h = hashIndex(s)
            if recycle {
                if prev[entry] == 0 { heads[hindex[entry]] = next[entry] } else { next[prev[entry]] = next[entry] }
                if next[entry] != 0 { prev[next[entry]] = prev[entry] }
            }
            next[entry] = heads[h]
            prev[entry] = 0
            hindex[entry] = h
            position[entry] = s
            prev[heads[h]] = entry
            heads[h] = entry
            entry += 1
            if entry >= historySize + 1 {
                entry = 1
                recycle = true
            }
        }

        var out = 0
        var itemsInGroup = 8
        var foundMatch = false
        var dp = 0
        while dp < n {
            if out >= resultMax { return nil }
            if !foundMatch && out >= firstSuccessBy { return nil }
            // pglz_find_match.
            var length = 0
            var e = heads[hashIndex(dp)]
            var goodMatch = 128
            while e != 0 {
                let hp = position[e]
                let offset = dp - hp
                if offset >= 0x0fff { break }
                var l = 0
                while dp + l < n && source[dp + l] == source[hp + l] && l < maxMatch { l += 1 }
                if l > length { length = l }
                e = next[e]
                if e != 0 {
                    if length >= goodMatch { break }
                    goodMatch -= goodMatch * 10 / 100
                }
            }
            if itemsInGroup == 8 {
                out += 1
                itemsInGroup = 0
            }
            itemsInGroup += 1
            if length > 2 {
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
