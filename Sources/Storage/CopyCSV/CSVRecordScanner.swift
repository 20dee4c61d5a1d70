/// Splits PostgreSQL COPY CSV text into records and fields, in place.
///
/// Rules (PostgreSQL 15 `CopyReadLineText`/`CopyReadAttributesCSV` with the CSV defaults):
/// delimiter `,`, quote and escape `"`; a quote may open anywhere in a field and `""` inside quotes
/// is one quote; quoted text may hold delimiters, CR and LF; the record terminator is the line
/// ending seen first in the file (LF, CRLF or CR), and a different unquoted one is an error; a line
/// holding only `\.` ends the data. A field that never saw a quote and is empty is NULL.
///
/// A field is returned as a byte range of the input when it can be (no quotes, or one quoted run
/// with no `""`), otherwise it is unescaped into a scratch buffer; so the common field costs no copy.
struct CSVRecordScanner {
    /// One field of the current record.
    struct Field {
        /// Byte range in the input, or in ``CSVRecordScanner/scratch`` when `inScratch`.
        var start: Int
        var end: Int
        var inScratch: Bool
        /// Whether any quote appeared (a quoted empty field is an empty string, not NULL).
        var quoted: Bool
        /// The physical line the field starts on.
        var line: Int
    }

    enum LineEnding { case unknown, lf, crlf, cr }

    enum Failure: Error {
        case unterminatedQuotedField(line: Int, field: Int)
        case unquotedCarriageReturn(line: Int, field: Int)
        case unquotedNewline(line: Int, field: Int)
    }

    let base: UnsafePointer<UInt8>
    let count: Int
    private(set) var position = 0
    /// The physical line the next record starts on.
    private(set) var line = 1
    private(set) var lineEnding = LineEnding.unknown
    /// Fields of the current record; only the first ``fieldCount`` are valid.
    private(set) var fields: [Field] = []
    private(set) var fieldCount = 0
    /// Unescaped bytes of fields that could not stay in place.
    private(set) var scratch: [UInt8] = []
    /// The line the current record starts on.
    private(set) var recordLine = 1
    /// Whether the data ended at a `\.` line (later bytes are not data).
    private(set) var sawEndMarker = false

    /// A scanner over `count` bytes at `base`. A piece cut from the middle of a file at a record
    /// boundary passes the line it starts on and the line ending the file uses.
    init(base: UnsafePointer<UInt8>, count: Int, line: Int = 1, lineEnding: LineEnding = .unknown) {
        self.base = base
        self.count = count
        self.line = line
        self.recordLine = line
        self.lineEnding = lineEnding
        fields = Array(repeating: Field(start: 0, end: 0, inScratch: false, quoted: false, line: 1), count: 16)
    }

    /// The bytes that end or change an unquoted field — `,` `"` LF CR — as bits of one word (all are
    /// below 64), so the scan loop needs no table.
    private static let specialMask: UInt64 = 1 << 0x2C | 1 << 0x22 | 1 << 0x0A | 1 << 0x0D

    /// The first special byte at or after `p` (or `count`), eight bytes per step. Every special
    /// byte is below `-` (0x2D), and `(x - 0x2D…) & ~x & 0x80…` flags the bytes of x below 0x2D,
    /// the lowest flag exactly (Hacker's Delight §6-1: a borrow only runs up from a flagged byte,
    /// and a byte ≥ 0x80 is never flagged). Most words of digits, letters and hyphens have no such
    /// byte; a flagged byte that is not special (the space and `+` of a timestamp) is stepped over.
    @inline(__always)
    static func skipPlain(_ base: UnsafePointer<UInt8>, from start: Int, count: Int) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        var p = start
        let raw = UnsafeRawPointer(base)
        while p + 8 <= count {
            let x = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: p, as: UInt64.self))
            let low = (x &- 0x2D &* ones) & ~x & highs
            if low == 0 { p += 8; continue }
            let q = p + low.trailingZeroBitCount / 8
            if isSpecial(base[q]) { return q }
            p = q + 1
        }
        while p < count, !isSpecial(base[p]) { p += 1 }
        return p
    }

    @inline(__always)
    private static func isSpecial(_ c: UInt8) -> Bool {
        c < 64 && (specialMask >> UInt64(c)) & 1 != 0
    }

    private static let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")

    /// Reads the next record into ``fields``; false at the end of the data.
    mutating func nextRecord() throws(Failure) -> Bool {
        if position >= count { return false }
        // `\.` alone on a line is PostgreSQL's end-of-data marker.
        if base[position] == UInt8(ascii: "\\"), position + 1 < count, base[position + 1] == UInt8(ascii: ".") {
            let after = position + 2
            if after == count || base[after] == Self.lf || base[after] == Self.cr { position = count; sawEndMarker = true; return false }
        }
        recordLine = line
        fieldCount = 0
        scratch.removeAll(keepingCapacity: true)
        // The fields are written through one buffer (not the array, whose uniqueness would be
        // checked on every field): the array is taken out of `self` while the record is read, and
        // doubled when the record has more fields than it holds.
        var fields = self.fields
        self.fields = []
        defer { self.fields = fields }
        while try !fields.withUnsafeMutableBufferPointer({ buffer throws(Failure) in try scanFields(into: buffer) }) {
            // The added slots are placeholders, overwritten next (never an empty array: it would not grow).
            fields += fields.isEmpty ? [Field(start: 0, end: 0, inScratch: false, quoted: false, line: recordLine)] : fields
        }
        return true
    }

    /// Reads the current record's fields from ``fieldCount`` on into `buffer`; false when the
    /// buffer fills up before the record ends (the caller grows it and calls again).
    private mutating func scanFields(into buffer: UnsafeMutableBufferPointer<Field>) throws(Failure) -> Bool {
        while fieldCount < buffer.count {
            buffer[fieldCount] = try scanField()
            fieldCount += 1
            if position >= count { return true }
            let c = base[position]
            if c == Self.comma { position += 1; continue }
            try endRecord(at: c)
            return true
        }
        return false
    }

    /// Consumes a record terminator (c is LF or CR), checking it matches the file's line ending.
    private mutating func endRecord(at c: UInt8) throws(Failure) {
        if c == Self.lf {
            switch lineEnding {
            case .unknown: lineEnding = .lf
            case .lf: break
            case .crlf, .cr: throw .unquotedNewline(line: line, field: fieldCount)
            }
            position += 1
        } else {
            let crlf = position + 1 < count && base[position + 1] == Self.lf
            switch lineEnding {
            case .unknown: lineEnding = crlf ? .crlf : .cr
            case .lf: throw .unquotedCarriageReturn(line: line, field: fieldCount)
            case .crlf: guard crlf else { throw .unquotedCarriageReturn(line: line, field: fieldCount) }
            case .cr: if crlf { throw .unquotedNewline(line: line, field: fieldCount) }
            }
            position += crlf ? 2 : 1
        }
        line += 1
    }

    @inline(__always)
    private mutating func scanField() throws(Failure) -> Field {
        let startLine = line
        var p = position
        if p < count && base[p] != Self.quote {
            // Unquoted: the common case, a plain byte range.
            p = Self.skipPlain(base, from: p, count: count)
            if p == count || base[p] != Self.quote {
                let f = Field(start: position, end: p, inScratch: false, quoted: false, line: startLine)
                position = p
                return f
            }
            // A quote inside an unquoted field opens a quoted run: unescape from here on.
            let s = scratch.count
            scratch.append(contentsOf: UnsafeBufferPointer(start: base + position, count: p - position))
            return try scanGeneral(from: p, inQuote: false, scratchStart: s, startLine: startLine)
        }
        if p == count { return Field(start: p, end: p, inScratch: false, quoted: false, line: startLine) }
        // Quoted: find the closing quote.
        p += 1
        let contentStart = p
        while p < count {
            let c = base[p]
            if c == Self.quote { break }
            if c == Self.lf { line += 1 } else if c == Self.cr, lineEnding == .cr || (lineEnding == .unknown && !(p + 1 < count && base[p + 1] == Self.lf)) {
                line += 1
            }
            p += 1
        }
        if p == count { throw .unterminatedQuotedField(line: startLine, field: fieldCount + 1) }
        let next = p + 1
        if next == count || base[next] == Self.comma || base[next] == Self.lf || base[next] == Self.cr {
            position = next
            return Field(start: contentStart, end: p, inScratch: false, quoted: true, line: startLine)
        }
        let s = scratch.count
        scratch.append(contentsOf: UnsafeBufferPointer(start: base + contentStart, count: p - contentStart))
        if base[next] == Self.quote {
            scratch.append(Self.quote)
            return try scanGeneral(from: next + 1, inQuote: true, scratchStart: s, startLine: startLine)
        }
        return try scanGeneral(from: next, inQuote: false, scratchStart: s, startLine: startLine)
    }

    /// The full state machine, unescaping into ``scratch``.
    private mutating func scanGeneral(from start: Int, inQuote startInQuote: Bool, scratchStart: Int, startLine: Int) throws(Failure) -> Field {
        var p = start
        var inQuote = startInQuote
        while true {
            if p == count {
                if inQuote { throw .unterminatedQuotedField(line: startLine, field: fieldCount + 1) }
                break
            }
            let c = base[p]
            if inQuote {
                if c == Self.quote {
                    if p + 1 < count && base[p + 1] == Self.quote { scratch.append(Self.quote); p += 2 } else { inQuote = false; p += 1 }
                    continue
                }
                if c == Self.lf { line += 1 } else if c == Self.cr, lineEnding == .cr || (lineEnding == .unknown && !(p + 1 < count && base[p + 1] == Self.lf)) {
                    line += 1
                }
                scratch.append(c)
                p += 1
            } else {
                if c == Self.comma || c == Self.lf || c == Self.cr { break }
                if c == Self.quote { inQuote = true } else { scratch.append(c) }
                p += 1
            }
        }
        position = p
        return Field(start: scratchStart, end: scratch.count, inScratch: true, quoted: true, line: startLine)
    }
}
