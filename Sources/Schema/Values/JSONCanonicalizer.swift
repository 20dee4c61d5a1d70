/// Reads one JSON document from UTF-8 bytes and, when asked, writes jsonb's canonical text of it
/// as it goes (``JSONBText/canonical(_:)``), or only checks it as `json` input (``JSONBText/validated(_:)``).
///
/// What the canonical text is (PostgreSQL 15's jsonb input then output):
/// - an object's keys compare as decoded bytes: duplicates keep the last value, and the members
///   are ordered by key length, then bytewise (`lengthCompareJsonbString`);
/// - `", "` between items and members, `": "` after a key, no other whitespace;
/// - a string is decoded (`\uXXXX` and surrogate pairs to UTF-8; `\u0000` refused) and re-escaped as
///   `escape_json` does: `"` `\` and `\b \f \n \r \t` by name, other bytes below 0x20 as `\u00xx`;
/// - a number is NUMERIC text: the exponent applied, the display scale kept (`1.50` stays, `1e2`
///   is `100`, `-0` is `0`).
///
/// Members are written where they are read; when an object ends, its members' bytes are put in
/// key order in place (one copy of the object's bytes), so a document costs no allocation per
/// value. The input must be valid UTF-8 (it comes from a Swift `String`).
struct JSONCanonicalizer {
    let input: UnsafeBufferPointer<UInt8>
    /// Whether to write the canonical text (jsonb) or only check the grammar (json, which also
    /// takes `\u0000` and unpaired surrogates: it checks escapes only as text).
    let writes: Bool
    var i = 0
    var depth = 0
    /// The canonical bytes written so far.
    private(set) var out: [UInt8] = []
    /// Set when the document stopped at a `\u0000` that jsonb refuses.
    private(set) var refusedZeroEscape = false
    /// Set when the document stopped at a number NUMERIC cannot hold (jsonb: `value overflows
    /// numeric format`): more than 131,072 digits before the point, more than 16,383 after it, or
    /// an exponent of 2^30 − 1 or more.
    private(set) var refusedNumber = false
    /// Decoded keys of the objects being read (innermost last).
    private var keys: [UInt8] = []
    /// Members of the objects being read: the key's bytes in `keys`, the written member in `out`.
    private var members: [Member] = []
    /// Scratch for reordering an object's members.
    private var scratch: [UInt8] = []

    private struct Member {
        var key: Range<Int>
        var written: Range<Int>
    }

    /// How deep arrays and objects may nest (PostgreSQL stops at its stack depth limit).
    static let depthLimit = 6400

    init(input: UnsafeBufferPointer<UInt8>, writes: Bool) {
        self.input = input
        self.writes = writes
        if writes { out.reserveCapacity(input.count + 16) }
    }

    /// Reads the whole input as one document; false when it is not JSON.
    mutating func readDocument() -> Bool {
        skipSpace()
        guard readValue() else { return false }
        skipSpace()
        return i == input.count
    }

    private mutating func skipSpace() {
        while i < input.count {
            let c = input[i]
            guard c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 else { return }
            i += 1
        }
    }

    private mutating func emit(_ byte: UInt8) {
        if writes { out.append(byte) }
    }

    private mutating func emit(_ text: StaticString) {
        guard writes else { return }
        text.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    private mutating func readValue() -> Bool {
        guard i < input.count else { return false }
        switch input[i] {
        case UInt8(ascii: "{"): return readObject()
        case UInt8(ascii: "["): return readArray()
        case UInt8(ascii: "\""):
            i += 1
            return readString(asKey: false)
        case UInt8(ascii: "t"): return readLiteral("true")
        case UInt8(ascii: "f"): return readLiteral("false")
        case UInt8(ascii: "n"): return readLiteral("null")
        default: return readNumber()
        }
    }

    private mutating func readLiteral(_ word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard i + n <= input.count else { return false }
        let matches = word.withUTF8Buffer { w in (0..<n).allSatisfy { input[i + $0] == w[$0] } }
        guard matches else { return false }
        i += n
        emit(word)
        return true
    }

    private mutating func readArray() -> Bool {
        depth += 1
        guard depth < Self.depthLimit else { return false }
        defer { depth -= 1 }
        i += 1
        emit(UInt8(ascii: "["))
        skipSpace()
        if i < input.count, input[i] == UInt8(ascii: "]") {
            i += 1
            emit(UInt8(ascii: "]"))
            return true
        }
        var first = true
        while true {
            skipSpace()
            if !first { emit(", ") }
            first = false
            guard readValue() else { return false }
            skipSpace()
            guard i < input.count else { return false }
            if input[i] == UInt8(ascii: ",") { i += 1; continue }
            if input[i] == UInt8(ascii: "]") {
                i += 1
                emit(UInt8(ascii: "]"))
                return true
            }
            return false
        }
    }

    private mutating func readObject() -> Bool {
        depth += 1
        guard depth < Self.depthLimit else { return false }
        defer { depth -= 1 }
        i += 1
        let objectStart = out.count
        let firstMember = members.count
        let firstKey = keys.count
        emit(UInt8(ascii: "{"))
        skipSpace()
        if i < input.count, input[i] == UInt8(ascii: "}") {
            i += 1
            emit(UInt8(ascii: "}"))
            return true
        }
        while true {
            skipSpace()
            guard i < input.count, input[i] == UInt8(ascii: "\"") else { return false }
            i += 1
            let keyStart = keys.count
            let writtenStart = out.count
            guard readString(asKey: true) else { return false }
            let key = keyStart..<keys.count
            skipSpace()
            guard i < input.count, input[i] == UInt8(ascii: ":") else { return false }
            i += 1
            emit(": ")
            skipSpace()
            guard readValue() else { return false }
            if writes { members.append(Member(key: key, written: writtenStart..<out.count)) }
            skipSpace()
            guard i < input.count else { return false }
            if input[i] == UInt8(ascii: ",") { i += 1; continue }
            if input[i] == UInt8(ascii: "}") {
                i += 1
                if writes { orderMembers(from: firstMember, objectStart: objectStart) }
                members.removeSubrange(firstMember...)
                keys.removeSubrange(firstKey...)
                return true
            }
            return false
        }
    }

    /// Rewrites the object that starts at `objectStart` (its `{` and then its members' written
    /// bytes back to back) as `{` + members in key order, duplicates dropped but the last, + `}`.
    private mutating func orderMembers(from firstMember: Int, objectStart: Int) {
        let count = members.count - firstMember
        var order = Array(firstMember..<members.count)
        if count > 1 {
            keys.withUnsafeBufferPointer { k in
                members.withUnsafeBufferPointer { m in
                    order.sort { a, b in
                        let x = m[a].key, y = m[b].key
                        if x.count != y.count { return x.count < y.count }
                        let c = memcmpRange(k, x, y)
                        return c != 0 ? c < 0 : a < b // equal keys: the later member last
                    }
                }
            }
        }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: out[(objectStart + 1)...])
        out.removeSubrange((objectStart + 1)...)
        let base = objectStart + 1
        var written = 0
        for (position, m) in order.enumerated() {
            // A key equal to the next one in this order was overwritten by that later member.
            if position + 1 < order.count, keysEqual(members[m].key, members[order[position + 1]].key) { continue }
            if written > 0 { out.append(contentsOf: [UInt8(ascii: ","), UInt8(ascii: " ")]) }
            let range = members[m].written
            out.append(contentsOf: scratch[(range.lowerBound - base)..<(range.upperBound - base)])
            written += 1
        }
        out.append(UInt8(ascii: "}"))
    }

    private func keysEqual(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
        guard a.count == b.count else { return false }
        return keys.withUnsafeBufferPointer { memcmpRange($0, a, b) == 0 }
    }

    /// Reads a string after its opening quote. A value is written re-escaped; a key is also
    /// decoded into `keys` (the order and the duplicates compare decoded bytes).
    private mutating func readString(asKey: Bool) -> Bool {
        emit(UInt8(ascii: "\""))
        while i < input.count {
            // Plain bytes need no escape in the output either: copy the run at once.
            let runStart = i
            while i < input.count {
                let c = input[i]
                if c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") || c < 0x20 { break }
                i += 1
            }
            if i > runStart {
                let run = UnsafeBufferPointer(rebasing: input[runStart..<i])
                if writes {
                    out.append(contentsOf: run)
                    if asKey { keys.append(contentsOf: run) }
                }
            }
            guard i < input.count else { return false }
            let c = input[i]
            if c == UInt8(ascii: "\"") {
                i += 1
                emit(UInt8(ascii: "\""))
                return true
            }
            if c < 0x20 { return false }
            // A backslash escape.
            guard i + 1 < input.count else { return false }
            let e = input[i + 1]
            i += 2
            let decoded: UInt32
            switch e {
            case UInt8(ascii: "\""): decoded = 0x22
            case UInt8(ascii: "\\"): decoded = 0x5C
            case UInt8(ascii: "/"): decoded = 0x2F
            case UInt8(ascii: "b"): decoded = 0x08
            case UInt8(ascii: "f"): decoded = 0x0C
            case UInt8(ascii: "n"): decoded = 0x0A
            case UInt8(ascii: "r"): decoded = 0x0D
            case UInt8(ascii: "t"): decoded = 0x09
            case UInt8(ascii: "u"):
                guard var code = hex4() else { return false }
                // json checks an escape's four hex digits only; jsonb decodes it.
                guard writes else { continue }
                if (0xD800..<0xDC00).contains(code) {
                    guard i + 1 < input.count, input[i] == UInt8(ascii: "\\"), input[i + 1] == UInt8(ascii: "u") else { return false }
                    i += 2
                    guard let low = hex4(), (0xDC00..<0xE000).contains(low) else { return false }
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                }
                if code == 0 {
                    refusedZeroEscape = true
                    return false
                }
                guard Unicode.Scalar(code) != nil else { return false }
                decoded = code
            default: return false
            }
            if writes { append(decoded: decoded, asKey: asKey) }
        }
        return false
    }

    /// Writes one decoded code point re-escaped as `escape_json` does, and into `keys` for a key.
    private mutating func append(decoded code: UInt32, asKey: Bool) {
        var utf8: [UInt8] = []
        if asKey || code >= 0x80 {
            utf8.reserveCapacity(4)
            if let scalar = Unicode.Scalar(code) { UTF8.encode(scalar) { utf8.append($0) } }
            if asKey { keys.append(contentsOf: utf8) }
        }
        switch code {
        case 0x22: emit("\\\"")
        case 0x5C: emit("\\\\")
        case 0x08: emit("\\b")
        case 0x0C: emit("\\f")
        case 0x0A: emit("\\n")
        case 0x0D: emit("\\r")
        case 0x09: emit("\\t")
        case ..<0x20:
            emit("\\u00")
            let hex: [UInt8] = Array("0123456789abcdef".utf8)
            out.append(hex[Int(code >> 4)])
            out.append(hex[Int(code & 0xF)])
        case ..<0x80: out.append(UInt8(code))
        default: out.append(contentsOf: utf8)
        }
    }

    private mutating func hex4() -> UInt32? {
        guard i + 4 <= input.count else { return nil }
        var v: UInt32 = 0
        for k in 0..<4 {
            let c = input[i + k]
            let d: UInt32
            switch c {
            case 0x30...0x39: d = UInt32(c - 0x30)
            case 0x61...0x66: d = UInt32(c - 0x61 + 10)
            case 0x41...0x46: d = UInt32(c - 0x41 + 10)
            default: return nil
            }
            v = v << 4 | d
        }
        i += 4
        return v
    }

    /// numeric_in refuses an exponent this large (INT_MAX / 2) whatever the digits.
    static let exponentLimit = Int(Int32.max) / 2

    /// The JSON number grammar, written as PostgreSQL's NUMERIC output of it: the digits with the
    /// exponent applied, leading zeros dropped, the display scale `max(0, fraction digits −
    /// exponent)`, and no sign on zero.
    private mutating func readNumber() -> Bool {
        var negative = false
        if i < input.count, input[i] == UInt8(ascii: "-") { negative = true; i += 1 }
        let intStart = i
        while i < input.count, input[i] >= 0x30 && input[i] <= 0x39 { i += 1 }
        let intCount = i - intStart
        guard intCount > 0, !(intCount > 1 && input[intStart] == 0x30) else { return false }
        var fracStart = i, fracCount = 0
        if i < input.count, input[i] == UInt8(ascii: ".") {
            i += 1
            fracStart = i
            while i < input.count, input[i] >= 0x30 && input[i] <= 0x39 { i += 1 }
            fracCount = i - fracStart
            guard fracCount > 0 else { return false }
        }
        var exponent = 0
        if i < input.count, input[i] == UInt8(ascii: "e") || input[i] == UInt8(ascii: "E") {
            i += 1
            var exponentNegative = false
            if i < input.count, input[i] == UInt8(ascii: "+") || input[i] == UInt8(ascii: "-") {
                exponentNegative = input[i] == UInt8(ascii: "-")
                i += 1
            }
            var any = false
            while i < input.count, input[i] >= 0x30 && input[i] <= 0x39 {
                exponent = min(exponent * 10 + Int(input[i] - 0x30), Self.exponentLimit)
                i += 1
                any = true
            }
            guard any else { return false }
            if exponentNegative { exponent = -exponent }
        }
        guard writes else { return true }
        // Leading zeros of the digits (the integer part is one 0 when it has any).
        var leadingZeros = 0
        while leadingZeros < intCount, input[intStart + leadingZeros] == 0x30 { leadingZeros += 1 }
        if leadingZeros == intCount {
            var f = fracStart
            while f < fracStart + fracCount, input[f] == 0x30 { f += 1 }
            leadingZeros += f - fracStart
        }
        let isZero = leadingZeros == intCount + fracCount
        // numeric_in's limits, before anything is written (a zero with a huge exponent must not
        // walk its zeros either): digits before the point, after it, and the exponent itself.
        let displayScale = max(0, fracCount - exponent)
        let integerDigits = intCount + fracCount - leadingZeros - (fracCount - exponent)
        if exponent.magnitude >= Self.exponentLimit || displayScale > PGWideNumeric.maximumScale
            || (!isZero && integerDigits > PGWideNumeric.maximumIntegerDigits) {
            refusedNumber = true
            return false
        }
        if isZero {
            out.append(0x30)
            if displayScale > 0 {
                out.append(UInt8(ascii: "."))
                out.append(contentsOf: repeatElement(0x30, count: displayScale))
            }
            return true
        }
        // The digits D (integer then fraction digits), then zeros for a positive exponent past the
        // fraction; zeros in front when the point lands left of them. Scale digits follow the point.
        let pointFromRight = fracCount - exponent
        let scale = max(0, pointFromRight)
        let digitCount = intCount + fracCount + max(0, -pointFromRight)
        let leftPad = max(0, scale - digitCount + 1)
        let total = leftPad + digitCount
        func digit(_ k: Int) -> UInt8 {
            if k < leftPad { return 0x30 }
            let j = k - leftPad
            if j < intCount { return input[intStart + j] }
            if j - intCount < fracCount { return input[fracStart + j - intCount] }
            return 0x30
        }
        if negative { out.append(UInt8(ascii: "-")) }
        let integerEnd = total - scale
        var k = 0
        while k < integerEnd - 1, digit(k) == 0x30 { k += 1 }
        while k < integerEnd { out.append(digit(k)); k += 1 }
        if scale > 0 {
            out.append(UInt8(ascii: "."))
            for k in integerEnd..<total { out.append(digit(k)) }
        }
        return true
    }
}

/// memcmp of two ranges of one buffer, as −1, 0 or 1 (bytewise, the shorter range a prefix).
private func memcmpRange(_ buffer: UnsafeBufferPointer<UInt8>, _ a: Range<Int>, _ b: Range<Int>) -> Int {
    let n = min(a.count, b.count)
    for k in 0..<n {
        let x = buffer[a.lowerBound + k], y = buffer[b.lowerBound + k]
        if x != y { return x < y ? -1 : 1 }
    }
    return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
}
