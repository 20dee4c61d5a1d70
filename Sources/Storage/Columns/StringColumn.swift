/// The values of a varchar/text/jsonb column, dictionary-coded while the column has few distinct
/// values: each row is a 2-byte code into a short list of strings, instead of a 16-byte `String`.
///
/// Bar intervals, sources, tickers and default metadata repeat across millions of rows, so an
/// open chunk's text columns cost 2 bytes a row instead of 16 (issue #14's compact layout). A
/// column that gathers more than ``maximumDictionaryCount`` distinct values, or more than a
/// thousand that are most of its rows, keeps its strings as they are from then on. The
/// representation is invisible to readers: the column is a random-access collection of `String`,
/// and two columns with the same values are equal however they are stored. Values are told apart
/// by their UTF-8 bytes, as PostgreSQL's text is, not by `String`'s canonical equivalence.
public struct StringColumn: RandomAccessCollection, Sendable, Equatable, ExpressibleByArrayLiteral {
    /// Distinct values a coded column keeps before it turns plain.
    public static let maximumDictionaryCount = Int(UInt16.max) + 1
    /// Past this many distinct values, a column whose rows are mostly distinct turns plain.
    static let mostlyDistinctFloor = 1024

    /// One code per row while coded; empty once plain.
    private var rowCodes: [UInt16] = []
    /// The distinct values by code while coded; every row's value once plain.
    private var values: [String] = []
    /// Whether rows are codes into `values`.
    public private(set) var isDictionaryCoded = true

    /// The code of a value, added to the dictionary when new; nil when the dictionary is full.
    /// `rows` is how many rows the column will have once the caller's append is done. A short
    /// dictionary is searched in place; a longer one through `lookup`, which the caller keeps for
    /// the length of its operation (built here on first use).
    private mutating func code(for s: String, rows: Int, lookup: inout Lookup?) -> UInt16? {
        if values.count <= Self.scannedDictionaryCount {
            for (i, v) in values.enumerated() where UTF8Equality.same(v, s) { return UInt16(i) }
        } else {
            if lookup == nil { lookup = Lookup(values) }
            if let c = lookup?.codeOf[UTF8Key(s)] { return c }
        }
        // Mostly distinct values (free text, per-row JSON) gain nothing from a dictionary.
        guard values.count < Self.maximumDictionaryCount,
              values.count < Self.mostlyDistinctFloor || values.count * 2 < rows else { return nil }
        let c = UInt16(values.count)
        values.append(s)
        lookup?.codeOf[UTF8Key(s)] = c
        return c
    }

    /// The codes of a dictionary's values, for the length of one operation (the column itself
    /// keeps no index: one less array to retain wherever its storage is read).
    struct Lookup {
        var codeOf: [UTF8Key: UInt16] = [:]
        init(_ values: [String]) {
            codeOf.reserveCapacity(values.count)
            for (i, v) in values.enumerated() { codeOf[UTF8Key(v)] = UInt16(i) }
        }
    }

    /// Dictionaries up to this long are searched without an index.
    static let scannedDictionaryCount = 16
    /// Appended one value at a time without a caller's ``Lookup``, a column keeps this many
    /// distinct values coded at most (each append would otherwise index the dictionary again).
    static let singleAppendDictionaryCount = 256

    /// Turns a coded column into plain strings (its dictionary overflowed).
    private mutating func makePlain() {
        guard isDictionaryCoded else { return }
        values = rowCodes.map { values[Int($0)] }
        rowCodes = []
        isDictionaryCoded = false
    }

    public init() {}

    public init(arrayLiteral elements: String...) { self.init(elements) }

    /// A column of these values (coded if they have few distinct values).
    public init(_ strings: some Sequence<String>) {
        let expected: Int = strings.underestimatedCount
        rowCodes.reserveCapacity(expected)
        var lastValue: String?
        var lastCode: UInt16 = 0
        var lookup: Lookup?
        for s in strings {
            guard isDictionaryCoded else { values.append(s); continue }
            // Runs of one value (a segment's interval, a default) skip the hash lookup.
            if let lastValue, UTF8Equality.same(lastValue, s) { rowCodes.append(lastCode); continue }
            guard let code = code(for: s, rows: Swift.max(rowCodes.count + 1, expected), lookup: &lookup) else {
                makePlain()
                values.append(s)
                continue
            }
            rowCodes.append(code)
            lastValue = s
            lastCode = code
        }
    }

    /// `count` rows of one value.
    public init(repeating value: String, count: Int) {
        values = [value]
        rowCodes = Array(repeating: 0, count: count)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { isDictionaryCoded ? rowCodes.count : values.count }

    @inline(__always)
    public subscript(i: Int) -> String {
        isDictionaryCoded ? values[Int(rowCodes[i])] : values[i]
    }

    /// The distinct values of a coded column, by code (nil once plain).
    public var distinctValues: [String]? { isDictionaryCoded ? values : nil }

    /// Every row's code into ``distinctValues`` (nil once plain).
    public var codes: [UInt16]? { isDictionaryCoded ? rowCodes : nil }

    /// Bytes the column holds apart from the strings' own text: codes, or one `String` per row.
    public var rowBytes: Int {
        isDictionaryCoded ? rowCodes.count * MemoryLayout<UInt16>.stride : values.count * MemoryLayout<String>.stride
    }

    public static func == (a: StringColumn, b: StringColumn) -> Bool {
        a.count == b.count && a.elementsEqual(b)
    }

    public mutating func reserveCapacity(_ n: Int) {
        if isDictionaryCoded { rowCodes.reserveCapacity(n) } else { values.reserveCapacity(n) }
    }

    /// Appends one value (see ``singleAppendDictionaryCount``).
    public mutating func append(_ s: String) {
        if isDictionaryCoded && values.count > Self.singleAppendDictionaryCount { makePlain() }
        var lookup: Lookup?
        _ = appendReturningCode(s, lookup: &lookup)
    }

    /// Appends a value and returns its code (nil once the column is plain); `lookup` is the
    /// caller's for a series of appends.
    mutating func appendReturningCode(_ s: String, lookup: inout Lookup?) -> UInt16? {
        if isDictionaryCoded, let code = code(for: s, rows: rowCodes.count + 1, lookup: &lookup) {
            rowCodes.append(code)
            return code
        }
        makePlain()
        values.append(s)
        return nil
    }

    /// Appends a value whose code the caller already has (from an earlier
    /// ``appendReturningCode(_:)`` on this column).
    @inline(__always)
    mutating func append(_ s: String, code: UInt16) {
        if isDictionaryCoded { rowCodes.append(code) } else { values.append(s) }
    }

    /// Drops the last `k` rows.
    public mutating func removeLast(_ k: Int) {
        if isDictionaryCoded { rowCodes.removeLast(k) } else { values.removeLast(k) }
    }

    /// Appends every row of another column.
    public mutating func append(contentsOf other: StringColumn) {
        append(other, rows: 0..<other.count)
    }

    /// Appends rows of another column, in the order given: codes are translated once per
    /// distinct value, not per row.
    public mutating func append(_ other: StringColumn, rows: some Collection<Int>) {
        // Appends go through `append(contentsOf:)`, which grows the array geometrically;
        // `reserveCapacity(count + n)` before each append would copy the chunk's rows every time.
        guard isDictionaryCoded, other.isDictionaryCoded else {
            var lookup: Lookup?
            for r in rows { _ = appendReturningCode(other[r], lookup: &lookup) }
            return
        }
        let otherCodes = other.rowCodes
        if values.elementsEqual(other.values, by: UTF8Equality.same) {
            rowCodes.append(contentsOf: rows.lazy.map { otherCodes[$0] })
            return
        }
        var translated: [UInt16] = []
        translated.reserveCapacity(other.values.count)
        var lookup: Lookup?
        for s in other.values {
            guard let code = code(for: s, rows: rowCodes.count + rows.count, lookup: &lookup) else {
                makePlain()
                append(other, rows: rows)
                return
            }
            translated.append(code)
        }
        rowCodes.append(contentsOf: rows.lazy.map { translated[Int(otherCodes[$0])] })
    }

    /// The rows at the given positions, in that order (codes gathered; the dictionary shared).
    public func gathering(_ rows: [Int]) -> StringColumn {
        var out = self
        if isDictionaryCoded {
            out.rowCodes = rows.map { rowCodes[$0] }
        } else {
            out.values = rows.map { values[$0] }
        }
        return out
    }

    /// The same values in arrays of exactly their size.
    public func compacted() -> StringColumn {
        var out = self
        out.rowCodes = rowCodes.withUnsafeBufferPointer { Array($0) }
        out.values = values.withUnsafeBufferPointer { Array($0) }
        return out
    }

    public static func + (a: StringColumn, b: StringColumn) -> StringColumn {
        var out = a
        out.append(contentsOf: b)
        return out
    }
}
