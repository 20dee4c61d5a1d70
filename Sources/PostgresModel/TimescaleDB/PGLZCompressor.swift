/// PostgreSQL 15's pglz compressor (`src/common/pg_lzcompress.c`), run for its output length.
///
/// TOAST tries it on EXTENDED attributes (TimescaleDB's ARRAY and DICTIONARY datums). Facts:
/// default strategy {min_input_size 32, max INT_MAX, min_comp_rate 25 %, first_success_by 1024,
/// match_size_good 128, match_size_drop 10 %}; a history of 4096 entries hashed into 512–8192
/// lists by input size; matches of 3–273 bytes at offsets below 4095; every 8 items share a
/// control byte; a literal costs 1 byte, a match 2 bytes (3 when longer than 17). Compression
/// fails when no match is found in the first 1024 output bytes or the output reaches
/// `slen * 75 / 100`.
enum PGLZCompressor {
    static let minInputSize = 32
    static let minCompressionRate = 25
    static let firstSuccessBy = 1024
    static let matchSizeGood = 128
    static let matchSizeDrop = 10
    static let historySize = 4096
    static let maxMatch = 273

    /// The compressed length, or nil when pglz gives up (PostgreSQL then stores the value as is).
    static func compressedLength(_ source: [UInt8]) -> Int? {
        let slen = source.count
        if slen < minInputSize { return nil }
        let resultMax = (slen * (100 - minCompressionRate)) / 100
        let hashSize: Int
        if slen < 128 { hashSize = 512 } else if slen < 256 { hashSize = 1024 } else if slen < 512 { hashSize = 2048 } else if slen < 1024 { hashSize = 4096 } else { hashSize = 8192 }
        let mask = hashSize - 1

        // History: entry 0 is the invalid entry; lists are doubly linked through entry indexes.
        var histStart = [Int](repeating: 0, count: hashSize)
        var next = [Int](repeating: 0, count: historySize + 1)
        var prev = [Int](repeating: 0, count: historySize + 1)
        var hindex = [Int](repeating: 0, count: historySize + 1)
        var pos = [Int](repeating: 0, count: historySize + 1)
        var histNext = 1
        var recycle = false

        return source.withUnsafeBufferPointer { s -> Int? in
            func hashIndex(_ p: Int) -> Int {
                if slen - p < 4 { return Int(s[p]) & mask }
                return ((Int(s[p]) << 6) ^ (Int(s[p + 1]) << 4) ^ (Int(s[p + 2]) << 2) ^ Int(s[p + 3])) & mask
            }
            func addHistory(_ p: Int) {
                let h = hashIndex(p)
                let e = histNext
                if recycle {
                    if prev[e] == 0 { histStart[hindex[e]] = next[e] } else { next[prev[e]] = next[e] }
                    if next[e] != 0 { prev[next[e]] = prev[e] }
                }
                next[e] = histStart[h]
                prev[e] = 0
                hindex[e] = h
                pos[e] = p
                if histStart[h] != 0 { prev[histStart[h]] = e }
                histStart[h] = e
                histNext += 1
                if histNext >= historySize + 1 {
                    histNext = 1
                    recycle = true
                }
            }
            func findMatch(_ input: Int) -> (len: Int, off: Int)? {
                var len = 0, off = 0
                var goodMatch = matchSizeGood
                var entry = histStart[hashIndex(input)]
                while entry != 0 {
                    let hp0 = pos[entry]
                    let thisOff = input - hp0
                    if thisOff >= 0x0fff { break }
                    var thisLen = 0
                    var ip = input, hp = hp0
                    if len >= 16 {
                        var equal = true
                        for k in 0..<len where s[input + k] != s[hp0 + k] { equal = false; break }
                        if equal {
                            thisLen = len; ip += len; hp += len
                            while ip < slen && s[ip] == s[hp] && thisLen < maxMatch { thisLen += 1; ip += 1; hp += 1 }
                        }
                    } else {
                        while ip < slen && s[ip] == s[hp] && thisLen < maxMatch { thisLen += 1; ip += 1; hp += 1 }
                    }
                    if thisLen > len { len = thisLen; off = thisOff }
                    entry = next[entry]
                    if entry != 0 {
                        if len >= goodMatch { break }
                        goodMatch -= (goodMatch * matchSizeDrop) / 100
                    }
                }
                return len > 2 ? (len, off) : nil
            }

            var out = 0          // bytes written, control bytes included
            var ctrlCount = 0    // items under the current control byte
            var foundMatch = false
            func emit(_ bytes: Int) {
                if ctrlCount % 8 == 0 { out += 1 }
                ctrlCount += 1
                out += bytes
            }
            var dp = 0
            while dp < slen - 4 {
                if out >= resultMax { return nil }
                if !foundMatch && out >= firstSuccessBy { return nil }
                if let m = findMatch(dp) {
                    emit(m.len > 17 ? 3 : 2)
                    for _ in 0..<m.len {
                        addHistory(dp)
                        dp += 1
                    }
                    foundMatch = true
                } else {
                    emit(1)
                    addHistory(dp)
                    dp += 1
                }
            }
            while dp < slen {
                if out >= resultMax { return nil }
                emit(1)
                dp += 1
            }
            if out >= resultMax { return nil }
            return out
        }
    }

    /// What TOAST stores for an EXTENDED datum of `datum.count` bytes (4-byte header included):
    /// the compressed varlena's size (8-byte header + pglz output) when pglz succeeds and saves
    /// more than 2 bytes (`toast_compress_datum`), else nil.
    static func toastCompressedSize(datum: [UInt8]) -> Int? {
        let payload = Array(datum.dropFirst(4))
        guard let len = compressedLength(payload) else { return nil }
        let size = len + 8
        return size < payload.count - 2 ? size : nil
    }
}
