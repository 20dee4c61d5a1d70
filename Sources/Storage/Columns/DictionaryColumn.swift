import Schema

/// A value a ``DictionaryColumn`` can hold: compared and hashed the way a unique index compares
/// it (text by its UTF-8 bytes, not `String`'s canonical equivalence).
public protocol DictionaryCodable: Sendable, Equatable {
    /// Whether two values are the same stored value (byte equality for text).
    static func same(_ a: Self, _ b: Self) -> Bool
    /// A hash consistent with ``same(_:_:)``.
    static func codingHash(_ v: Self) -> UInt64
}

extension String: DictionaryCodable {
    @inline(__always) public static func same(_ a: String, _ b: String) -> Bool { UTF8Equality.same(a, b) }
    @inline(__always) public static func codingHash(_ v: String) -> UInt64 { RowKey.stringHash(v) }
}

extension PGUUID: DictionaryCodable {
    @inline(__always) public static func same(_ a: PGUUID, _ b: PGUUID) -> Bool { a == b }
    @inline(__always) public static func codingHash(_ v: PGUUID) -> UInt64 { RowKey.mix(v.high, v.low) }
}

/// The values of a varchar/text/jsonb column (``StringColumn``): bar intervals, sources and
/// default metadata repeat across millions of rows and cost 2 bytes a row instead of a 16-byte
/// `String`. Values are told apart by their UTF-8 bytes, as PostgreSQL's text is; equality of
/// two columns is `String`'s `==`.
public typealias StringColumn = DictionaryColumn<String>

/// The values of a uuid column (``UUIDColumn``): a segment's `ticker_id` costs 2 bytes a row
/// instead of 16; random ids (a primary key) are mostly distinct and stay plain.
public typealias UUIDColumn = DictionaryColumn<PGUUID>

/// The rows of one column, dictionary-coded while the column has few distinct values: each row a
/// 2-byte code into a short list of values (issue #14's compact open-chunk layout). A column that
/// gathers more than ``maximumDictionaryCount`` distinct values, or more than a thousand that are
/// most of its rows (random ids, free text), keeps its values as they are from then on. The
/// representation is invisible to readers: the column is a random-access collection of its
/// values, and two columns with the same values are equal however they are stored.
public struct DictionaryColumn<Element: DictionaryCodable>: RandomAccessCollection, Sendable, Equatable, ExpressibleByArrayLiteral {
    /// Distinct values a coded column keeps before it turns plain.
    public static var maximumDictionaryCount: Int { Int(UInt16.max) + 1 }
    /// Past this many distinct values, a column whose rows are mostly distinct turns plain.
    static var mostlyDistinctFloor: Int { 1024 }
    /// Dictionaries up to this long are searched without an index.
    static var scannedDictionaryCount: Int { 16 }
    /// Appended one value at a time without a caller's lookup, a column keeps this many
    /// distinct values coded at most (each append would otherwise index the dictionary again).
    static var singleAppendDictionaryCount: Int { 256 }

    // Internal rather than private so that readers in other modules inline the subscript.

    /// One code per row while coded; empty once plain.
    @usableFromInline var rowCodes: [UInt16] = []
    /// The distinct values by code while coded; every row's value once plain.
    @usableFromInline var values: [Element] = []
    /// Whether rows are codes into `values`.
    @usableFromInline var isCoded = true

    public init() {}

    public init(arrayLiteral elements: Element...) { self.init(elements) }

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { isCoded ? rowCodes.count : values.count }

    @inlinable @inline(__always)
    public subscript(i: Int) -> Element { isCoded ? values[Int(rowCodes[i])] : values[i] }

    /// Whether rows are codes into ``distinctValues``.
    public var isDictionaryCoded: Bool { isCoded }

    /// The distinct values of a coded column, by code (nil once plain).
    public var distinctValues: [Element]? { isCoded ? values : nil }

    /// Every row's value, when the column is plain (nil while coded).
    public var plainValues: [Element]? { isCoded ? nil : values }

    /// Every row's code into ``distinctValues`` (nil once plain).
    public var codes: [UInt16]? { isCoded ? rowCodes : nil }

    public static func == (a: DictionaryColumn, b: DictionaryColumn) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0 == $1 }
    }

    /// Appends every row of another column.
    public mutating func append(contentsOf other: DictionaryColumn) { append(other, rows: 0..<other.count) }

    public static func + (a: DictionaryColumn, b: DictionaryColumn) -> DictionaryColumn {
        var out = a
        out.append(contentsOf: b)
        return out
    }


    /// Rows of these values, coded while they have few distinct values: decided as the rows
    /// come, as appends decide (a run of many distinct values turns the column plain; appended to
    /// a chunk's column, its rows are coded again there if the chunk's rows repeat them).
    public init(_ elements: some Sequence<Element>) {
        rowCodes.reserveCapacity(elements.underestimatedCount)
        var last: (value: Element, code: UInt16)?
        var lookup: Lookup?
        for v in elements {
            guard isCoded else { values.append(v); continue }
            // Runs of one value (a segment's key, a default) skip the lookup.
            if let last, Element.same(last.value, v) { rowCodes.append(last.code); continue }
            guard let code = code(for: v, rows: rowCodes.count + 1, lookup: &lookup) else {
                makePlain()
                values.append(v)
                continue
            }
            rowCodes.append(code)
            last = (v, code)
        }
    }

    /// Rows held as they are (decoded batch columns, read and dropped; coding them would hash
    /// every row of a random id).
    init(uncoded elements: [Element]) {
        values = elements
        isCoded = false
    }

    /// `count` rows of one value.
    public init(repeating value: Element, count: Int) {
        values = [value]
        rowCodes = Array(repeating: 0, count: count)
    }

    /// The code of a value, added to the dictionary when new; nil when the dictionary is full.
    /// `rows` is how many rows the column will have once the caller's append is done. A short
    /// dictionary is searched in place; a longer one through `lookup` (built here on first use).
    private mutating func code(for v: Element, rows: Int, lookup: inout Lookup?) -> UInt16? {
        if values.count <= Self.scannedDictionaryCount && lookup == nil {
            for (i, x) in values.enumerated() where Element.same(x, v) { return UInt16(i) }
        } else {
            if lookup == nil { lookup = Lookup(values) }
            if let c = lookup?.code(of: v, hash: Element.codingHash(v), in: values) { return c }
        }
        // Mostly distinct values (random ids, free text, per-row JSON) gain nothing from a dictionary.
        guard values.count < Self.maximumDictionaryCount,
              values.count < Self.mostlyDistinctFloor || values.count * 2 < rows else { return nil }
        let c = UInt16(values.count)
        values.append(v)
        lookup?.add(v, code: Int(c))
        return c
    }

    /// Turns a coded column into plain values (its dictionary overflowed).
    private mutating func makePlain() {
        guard isCoded else { return }
        let dictionary = values
        values = rowCodes.map { dictionary[Int($0)] }
        rowCodes = []
        isCoded = false
    }

    public mutating func reserveCapacity(_ n: Int) {
        if isCoded { rowCodes.reserveCapacity(n) } else { values.reserveCapacity(n) }
    }

    /// Appends one value (see ``singleAppendDictionaryCount``).
    public mutating func append(_ v: Element) {
        if isCoded && values.count > Self.singleAppendDictionaryCount { makePlain() }
        var lookup: Lookup?
        _ = appendReturningCode(v, lookup: &lookup)
    }

    /// Appends a value and returns its code (nil once the column is plain); `lookup` is the
    /// caller's for a series of appends, `rows` how many rows the column will have after them
    /// when the caller knows (else the rows so far decide whether values are mostly distinct).
    mutating func appendReturningCode(_ v: Element, lookup: inout Lookup?, rows: Int? = nil) -> UInt16? {
        if isCoded, let code = code(for: v, rows: Swift.max(rows ?? 0, rowCodes.count + 1), lookup: &lookup) {
            rowCodes.append(code)
            return code
        }
        makePlain()
        values.append(v)
        return nil
    }

    /// Appends a value whose code the caller already has (from an earlier append to this column).
    @inline(__always)
    mutating func append(_ v: Element, code: UInt16) {
        if isCoded { rowCodes.append(code) } else { values.append(v) }
    }

    /// Drops the last `k` rows.
    public mutating func removeLast(_ k: Int) {
        if isCoded { rowCodes.removeLast(k) } else { values.removeLast(k) }
    }

    /// Appends rows of another column, in the order given: codes are translated once per distinct
    /// value, not per row. Appends go through `append(contentsOf:)`, which grows the arrays
    /// geometrically (`reserveCapacity(count + n)` before each append would copy every row each time).
    public mutating func append(_ other: DictionaryColumn, rows: some Collection<Int>) {
        guard isCoded, other.isCoded else {
            // Into an empty column, rows of a plain source that look mostly distinct (random ids)
            // are taken as they are, instead of filling a dictionary with half of them first.
            if isCoded && rowCodes.isEmpty && Self.looksMostlyDistinct(other.values, rows: rows) { makePlain() }
            var lookup: Lookup?
            let total = count + rows.count
            var i = rows.startIndex
            while isCoded, i != rows.endIndex {
                _ = appendReturningCode(other.values[rows[i]], lookup: &lookup, rows: total)
                rows.formIndex(after: &i)
            }
            // Plain from here on: the rest in one append.
            let rest = rows[i...]
            guard !rest.isEmpty else { return }
            if other.isCoded {
                let dictionary = other.values, codes = other.rowCodes
                values.append(contentsOf: rest.lazy.map { dictionary[Int(codes[$0])] })
            } else {
                let all = other.values
                values.append(contentsOf: rest.lazy.map { all[$0] })
            }
            return
        }
        let otherCodes = other.rowCodes
        if values.count == other.values.count && zip(values, other.values).allSatisfy({ Element.same($0, $1) }) {
            appendCodes(otherCodes, rows: rows)
            return
        }
        var translated: [UInt16] = []
        translated.reserveCapacity(other.values.count)
        var lookup: Lookup?
        for v in other.values {
            guard let code = code(for: v, rows: rowCodes.count + rows.count, lookup: &lookup) else {
                makePlain()
                append(other, rows: rows)
                return
            }
            translated.append(code)
        }
        appendCodes(otherCodes, rows: rows, translation: translated)
    }

    /// Appends the code of each of `rows` in `codes` (another column's), through `translation`
    /// when that column's dictionary differs. The new slots are made first (by `append(contentsOf:)`,
    /// so growth stays geometric) and then written through one buffer, not appended one by one.
    private mutating func appendCodes(_ codes: [UInt16], rows: some Collection<Int>, translation: [UInt16]? = nil) {
        var k = rowCodes.count
        rowCodes.append(contentsOf: repeatElement(0, count: rows.count))
        rowCodes.withUnsafeMutableBufferPointer { out in
            if let translation {
                for r in rows { out[k] = translation[Int(codes[r])]; k += 1 }
            } else {
                for r in rows { out[k] = codes[r]; k += 1 }
            }
        }
    }

    /// Whether the rows (positions into a plain column's `values`) look mostly distinct: no value
    /// repeats among 2,048 of them spread evenly. Thousands of values repeated (tickers) repeat
    /// within a sample that size by the birthday bound; random ids and free text do not.
    static func looksMostlyDistinct(_ values: [Element], rows: some Collection<Int>) -> Bool {
        let samples = 2048
        let n = rows.count
        guard n >= 2 * mostlyDistinctFloor else { return false }
        let step = Swift.max(n / samples, 1)
        var seen = Lookup([])
        var picked: [Element] = []
        picked.reserveCapacity(samples)
        var i = rows.startIndex
        for _ in 0..<Swift.min(samples, n) {
            let v = values[rows[i]]
            if seen.code(of: v, hash: Element.codingHash(v), in: picked) != nil { return false }
            seen.add(v, code: picked.count)
            picked.append(v)
            guard rows.formIndex(&i, offsetBy: step, limitedBy: rows.endIndex), i != rows.endIndex else { break }
        }
        return true
    }

    /// Rows `range` as they are held: codes sliced with the dictionary shared, or plain values
    /// sliced (as ``gathering(_:)`` keeps them; appending to an empty column would hash every row
    /// of a plain column's random ids again).
    public func slice(_ range: Range<Int>) -> DictionaryColumn {
        var out = self
        if isCoded { out.rowCodes = Array(rowCodes[range]) } else { out.values = Array(values[range]) }
        return out
    }

    /// The rows at the given positions, in that order (codes gathered; the dictionary shared).
    public func gathering(_ rows: [Int]) -> DictionaryColumn {
        var out = self
        if isCoded {
            let codes = rowCodes
            out.rowCodes = rows.map { codes[$0] }
        } else {
            let all = values
            out.values = rows.map { all[$0] }
        }
        return out
    }

    /// The same rows in arrays of exactly their size.
    public func compacted() -> DictionaryColumn {
        var out = self
        out.rowCodes = rowCodes.withUnsafeBufferPointer { Array($0) }
        out.values = values.withUnsafeBufferPointer { Array($0) }
        return out
    }

    /// Bytes the rows take apart from what the values point to: codes, or one value per row.
    public var rowBytes: Int {
        isCoded ? rowCodes.count * MemoryLayout<UInt16>.stride : values.count * MemoryLayout<Element>.stride
    }

    struct Lookup {
        private var slots: [Int32]
        private var hashes: [UInt64] = []

        init(_ values: [Element]) {
            var capacity = 64
            while capacity < values.count * 2 { capacity *= 2 }
            slots = Array(repeating: -1, count: capacity)
            for v in values { add(v, code: hashes.count) }
        }

        func code(of v: Element, hash h: UInt64, in values: [Element]) -> UInt16? {
            let mask = slots.count - 1
            var s = Int(truncatingIfNeeded: h) & mask
            while slots[s] >= 0 {
                let c = Int(slots[s])
                if hashes[c] == h && Element.same(values[c], v) { return UInt16(c) }
                s = (s + 1) & mask
            }
            return nil
        }

        /// Adds the value of the next code.
        mutating func add(_ v: Element, code: Int) {
            let h = Element.codingHash(v)
            hashes.append(h)
            if hashes.count * 2 > slots.count {
                slots = Array(repeating: -1, count: slots.count * 2)
                for (c, hc) in hashes.enumerated() { place(c, hc) }
            } else {
                place(code, h)
            }
        }

        private mutating func place(_ code: Int, _ h: UInt64) {
            let mask = slots.count - 1
            var s = Int(truncatingIfNeeded: h) & mask
            while slots[s] >= 0 { s = (s + 1) & mask }
            slots[s] = Int32(code)
        }
    }
}
