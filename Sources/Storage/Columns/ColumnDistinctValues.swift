import Schema

/// The distinct values of one column over any number of column vectors (a hypertable's chunks),
/// and how many each vector holds: what `compare` reports as a column's cardinality.
///
/// Values are equal as PostgreSQL compares them: text and jsonb by their bytes, numerics by value
/// (`1.0` = `1.00`), floats with `-0` = `0` and one NaN; NULL counts as one more value. Each
/// column kind keeps a set of its own storage type (no `Value` per row), a dictionary-coded column
/// looks only at the codes it uses, and a row equal to the one before it costs one comparison.
public struct ColumnDistinctValues: Sendable {
    private var integers = Set<Int64>()
    private var floats = Set<UInt64>()
    private var numerics = Set<PGNumeric>()
    private var uuids = Set<PGUUID>()
    private var strings = Set<UTF8Key>()
    private var bools = Set<Bool>()
    private var others = Set<Value>()
    private var hasNull = false

    public init() {}

    /// Distinct values over every vector added so far.
    public var count: Int {
        integers.count + floats.count + numerics.count + uuids.count + strings.count + bools.count + others.count
            + (hasNull ? 1 : 0)
    }

    /// Adds a vector's values; returns how many distinct values it holds (NULL counted as one).
    @discardableResult
    public mutating func add(_ column: ColumnVector) -> Int {
        var localNull = false
        if column.hasNulls {
            for i in 0..<column.count where column.isNull(at: i) {
                localNull = true
                break
            }
        }
        hasNull = hasNull || localNull
        let nullCount = localNull ? 1 : 0
        func present(_ i: Int) -> Bool { !column.hasNulls || !column.isNull(at: i) }
        switch column.storage {
        case .int64(let a), .time(let a):
            let local = Self.distinct(a, present: present, key: { $0 })
            integers.formUnion(local)
            return local.count + nullCount
        case .double(let a):
            let local = Self.distinct(a, present: present, key: Self.floatKey)
            floats.formUnion(local)
            return local.count + nullCount
        case .numeric(let unscaled, let scales):
            var local = Set<PGNumeric>()
            var previous: (Int64, Int16)?
            for (i, s) in scales.enumerated() where present(i) {
                let u = unscaled[i]
                if let p = previous, p.0 == u, p.1 == s { continue }
                previous = (u, s)
                local.insert(PGNumeric(unscaled: u, scale: Int(s)))
            }
            numerics.formUnion(local)
            return local.count + nullCount
        case .bool(let a):
            let local = Self.distinct(a, present: present, key: { $0 })
            bools.formUnion(local)
            return local.count + nullCount
        case .uuid(let a):
            if let codes = a.codes, let values = a.distinctValues {
                let used = Self.usedCodes(codes, dictionarySize: values.count, present: present)
                for c in used { uuids.insert(values[c]) }
                return used.count + nullCount
            }
            let local = Self.distinct(a.plainValues ?? Array(a), present: present, key: { $0 })
            uuids.formUnion(local)
            return local.count + nullCount
        case .string(let a):
            if let codes = a.codes, let values = a.distinctValues {
                let used = Self.usedCodes(codes, dictionarySize: values.count, present: present)
                var local = Set<UTF8Key>()
                for c in used { local.insert(UTF8Key(values[c])) }
                strings.formUnion(local)
                return local.count + nullCount
            }
            let local = Self.distinct(a.plainValues ?? Array(a), present: present, key: UTF8Key.init)
            strings.formUnion(local)
            return local.count + nullCount
        case .wideNumeric:
            var local = Set<Value>()
            for i in 0..<column.count where present(i) { local.insert(column.value(at: i)) }
            others.formUnion(local)
            return local.count + nullCount
        }
    }

    /// The keys of the present rows, skipping a row whose key equals the one before it.
    private static func distinct<T, K: Hashable>(_ values: [T], present: (Int) -> Bool, key: (T) -> K) -> Set<K> {
        var set = Set<K>()
        var previous: K?
        values.withUnsafeBufferPointer { v in
            for i in 0..<v.count where present(i) {
                let k = key(v[i])
                if let p = previous, p == k { continue }
                previous = k
                set.insert(k)
            }
        }
        return set
    }

    /// The dictionary codes present rows use.
    private static func usedCodes(_ codes: [UInt16], dictionarySize: Int, present: (Int) -> Bool) -> [Int] {
        var seen = [Bool](repeating: false, count: dictionarySize)
        for i in codes.indices where present(i) { seen[Int(codes[i])] = true }
        return seen.indices.filter { seen[$0] }
    }

    /// A float's bits with −0 folded into 0 and every NaN into one, as PostgreSQL's float equality.
    private static func floatKey(_ x: Double) -> UInt64 {
        if x.isNaN { return Double.nan.bitPattern }
        return x == 0 ? 0 : x.bitPattern
    }
}
