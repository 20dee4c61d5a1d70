import Schema

/// The values of a string or UUID column, dictionary-coded while they are few: each distinct
/// value is kept once and every row holds a 2-byte code, so a chunk's `interval` or `ticker_id`
/// column costs 2 bytes a row instead of 16. A column with many distinct values (an `id`, free
/// text) falls back to one element per row, as a plain array holds them.
///
/// It reads like an array (`a[i]`, `count`, iteration); which layout is in use never shows in the
/// values, only in the bytes (``isDictionaryCoded``).
public struct CodedArray<Element: DictionaryCodable>: RandomAccessCollection, Sendable {
    /// The elements while not coded.
    private var plain: [Element]
    /// The dictionary codes while coded, one per row.
    private var codes: [UInt16]
    /// The distinct values while coded, in first-seen order; code i stands for `dictionary[i]`.
    private var dictionary: [Element]
    /// Value → code while coded (keyed by ``DictionaryCodable/sameCoded(_:_:)``, so text that is
    /// canonically equivalent but differs in bytes gets two codes).
    private var lookup: [CodingKey: UInt16]
    /// Whether the rows are held as codes.
    public private(set) var isDictionaryCoded: Bool
    /// The code of the previous append (values repeat in runs).
    private var lastCode: Int = -1

    /// Most distinct values a coded column holds.
    static var codeLimit: Int { Int(UInt16.max) + 1 }
    /// A column keeps its codes while its distinct values are at most this many, or at most a
    /// quarter of its rows.
    static var smallDictionary: Int { 256 }

    /// An empty column that codes its values while they are few.
    public init() {
        plain = []
        codes = []
        dictionary = []
        lookup = [:]
        isDictionaryCoded = true
    }

    /// The elements of an array, held as they are (no coding, no copy).
    public init(_ elements: [Element]) {
        plain = elements
        codes = []
        dictionary = []
        lookup = [:]
        isDictionaryCoded = false
    }

    /// The elements of an array, dictionary-coded unless they are too many distinct ones.
    public init(coding elements: [Element]) {
        self.init()
        reserveCapacity(elements.count)
        for e in elements {
            append(e)
            if !isDictionaryCoded { break }
        }
        if !isDictionaryCoded { self = CodedArray(elements) }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { isDictionaryCoded ? codes.count : plain.count }

    @inline(__always)
    public subscript(i: Int) -> Element {
        isDictionaryCoded ? dictionary[Int(codes[i])] : plain[i]
    }

    /// The rows as a plain array.
    public var elements: [Element] {
        isDictionaryCoded ? codes.map { dictionary[Int($0)] } : plain
    }

    /// Distinct values of a coded column (nil when not coded).
    public var distinctValues: [Element]? { isDictionaryCoded ? dictionary : nil }

    public mutating func reserveCapacity(_ n: Int) {
        if isDictionaryCoded { codes.reserveCapacity(n) } else { plain.reserveCapacity(n) }
    }

    /// Appends one value (coded when the column is coded and the value fits the dictionary).
    @inline(__always)
    public mutating func append(_ e: Element) {
        guard isDictionaryCoded else { plain.append(e); return }
        if lastCode >= 0, Element.sameCoded(dictionary[lastCode], e) {
            codes.append(UInt16(truncatingIfNeeded: lastCode))
            return
        }
        if let code = lookup[CodingKey(e)] {
            lastCode = Int(code)
            codes.append(code)
            return
        }
        appendNew(e)
    }

    private mutating func appendNew(_ e: Element) {
        let n = dictionary.count
        if n >= Self.codeLimit || (n >= Self.smallDictionary && (n + 1) * 4 > codes.count + 1) {
            decode()
            plain.append(e)
            return
        }
        dictionary.append(e)
        lookup[CodingKey(e)] = UInt16(truncatingIfNeeded: n)
        lastCode = n
        codes.append(UInt16(truncatingIfNeeded: n))
    }

    /// Turns a coded column into a plain one.
    private mutating func decode() {
        guard isDictionaryCoded else { return }
        var out: [Element] = []
        out.reserveCapacity(Swift.max(codes.capacity, codes.count + 1))
        for c in codes { out.append(dictionary[Int(c)]) }
        plain = out
        codes = []
        dictionary = []
        lookup = [:]
        lastCode = -1
        isDictionaryCoded = false
    }

    /// Appends another column's rows; a coded column takes a coded one's rows by mapping its few
    /// dictionary entries, not by looking up every row.
    public mutating func append(contentsOf other: CodedArray) {
        if isEmpty && dictionary.isEmpty {
            let keepCapacity = isDictionaryCoded ? codes.capacity : plain.capacity
            self = other
            if keepCapacity > count { reserveCapacity(keepCapacity) }
            return
        }
        guard isDictionaryCoded else {
            if other.isDictionaryCoded {
                plain.reserveCapacity(plain.count + other.count)
                for c in other.codes { plain.append(other.dictionary[Int(c)]) }
            } else {
                plain.append(contentsOf: other.plain)
            }
            return
        }
        guard other.isDictionaryCoded else {
            for e in other.plain { append(e) }
            return
        }
        var map: [UInt16] = []
        map.reserveCapacity(other.dictionary.count)
        for e in other.dictionary {
            if let code = lookup[CodingKey(e)] { map.append(code); continue }
            let n = dictionary.count
            guard n < Self.codeLimit else {
                decode()
                append(contentsOf: other)
                return
            }
            dictionary.append(e)
            lookup[CodingKey(e)] = UInt16(truncatingIfNeeded: n)
            map.append(UInt16(truncatingIfNeeded: n))
        }
        codes.reserveCapacity(codes.count + other.codes.count)
        if map.enumerated().allSatisfy({ $0.offset == Int($0.element) }) {
            codes.append(contentsOf: other.codes)
        } else {
            for c in other.codes { codes.append(map[Int(c)]) }
        }
        if dictionary.count >= Self.smallDictionary && dictionary.count * 4 > codes.count { decode() }
    }

    /// Appends any sequence of values.
    public mutating func append<S: Sequence>(contentsOf values: S) where S.Element == Element {
        if let other = values as? CodedArray { append(contentsOf: other); return }
        if !isDictionaryCoded { plain.append(contentsOf: values); return }
        for e in values { append(e) }
    }

    /// The rows at the given positions, in that order, in this column's layout.
    public func gathering(_ rows: [Int]) -> CodedArray {
        guard isDictionaryCoded else { return CodedArray(rows.map { plain[$0] }) }
        var out = self
        out.codes = rows.map { codes[$0] }
        out.lastCode = -1
        return out
    }

    /// The same values in arrays of exactly their size.
    public func compacted() -> CodedArray {
        func exact<T>(_ a: [T]) -> [T] { a.capacity > a.count ? a.withUnsafeBufferPointer { Array($0) } : a }
        var out = self
        if isDictionaryCoded {
            out.codes = exact(codes)
            out.dictionary = exact(dictionary)
        } else {
            out.plain = exact(plain)
        }
        return out
    }

    /// `count` copies of one value.
    public init(repeating value: Element, count: Int) {
        self.init()
        guard count > 0 else { return }
        dictionary = [value]
        lookup = [CodingKey(value): 0]
        codes = Array(repeating: 0, count: count)
    }
}

extension CodedArray {
    /// A dictionary key that compares elements as the column's values compare (bytes for text).
    struct CodingKey: Hashable, Sendable {
        let value: Element
        init(_ value: Element) { self.value = value }
        static func == (a: CodingKey, b: CodingKey) -> Bool { Element.sameCoded(a.value, b.value) }
        func hash(into hasher: inout Hasher) { value.hashCoded(into: &hasher) }
    }
}

extension CodedArray: Equatable {
    /// Equal when they hold the same values in the same order, whatever their layout.
    public static func == (a: CodedArray, b: CodedArray) -> Bool {
        guard a.count == b.count else { return false }
        if !a.isDictionaryCoded && !b.isDictionaryCoded { return a.plain == b.plain }
        return a.elementsEqual(b)
    }
}

extension CodedArray: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: Element...) {
        self.init(elements)
    }
}
