import Schema

/// The values of one column, stored as a typed array plus a NULL mask.
///
/// This is the engine's unit of data: COPY parses into column vectors, chunks hold them, codecs
/// encode them. A NULL slot holds a placeholder value (0, "", …) that is never read.
public struct ColumnVector: Sendable, Equatable {
    /// The typed storage.
    public enum Storage: Sendable, Equatable {
        case bool([Bool])
        /// int2/int4/int8.
        case int64([Int64])
        /// float4/float8.
        case double([Double])
        /// NUMERIC as unscaled integers with a per-value display scale (one number while every
        /// value has the same scale, as in a `numeric(p,s)` column).
        case numeric(unscaled: [Int64], scales: NumericScales)
        /// NUMERIC once a column holds a value wider than 18 digits (rare): every value in its
        /// ``NumericValue`` form. Appending a wide value to a `.numeric` vector converts it.
        case wideNumeric([NumericValue])
        /// uuid, dictionary-coded while values repeat (a segment's ticker_id).
        case uuid(UUIDColumn)
        /// timestamptz/timestamp (µs since the Unix epoch), date (days), time (µs since midnight).
        case time([Int64])
        /// varchar/text/jsonb (jsonb in canonical text), dictionary-coded while values repeat.
        case string(StringColumn)
    }

    public let type: PGType
    public private(set) var storage: Storage
    /// `isNull[i]` is true where row i is NULL; empty when the column has no NULL at all.
    public private(set) var isNull: [Bool]

    public init(type: PGType, storage: Storage, isNull: [Bool] = []) {
        self.type = type
        self.storage = storage
        self.isNull = isNull.contains(true) ? isNull : []
    }

    /// An empty vector for a column type.
    public init(type: PGType, capacity: Int = 0) {
        self.type = type
        self.isNull = []
        switch type {
        case .bool: storage = .bool(Self.reserved(capacity))
        case .int2, .int4, .int8: storage = .int64(Self.reserved(capacity))
        case .float4, .float8: storage = .double(Self.reserved(capacity))
        case .numeric: storage = .numeric(unscaled: Self.reserved(capacity), scales: NumericScales())
        case .uuid:
            var ids = UUIDColumn()
            ids.reserveCapacity(capacity)
            storage = .uuid(ids)
        case .timestamptz, .timestamp, .date, .time: storage = .time(Self.reserved(capacity))
        case .varchar, .text, .json, .jsonb:
            var strings = StringColumn()
            strings.reserveCapacity(capacity)
            storage = .string(strings)
        }
    }

    /// `count` rows of one value (a batch's segmentby column). A value whose kind does not fit
    /// the column gives an empty vector, as appending it would.
    public init(type: PGType, repeating value: Value, count: Int) {
        var one = ColumnVector(type: type, capacity: 1)
        guard count > 0, one.append(value) else {
            self = ColumnVector(type: type)
            return
        }
        self.type = type
        switch one.storage {
        case .bool(let a): storage = .bool(Array(repeating: a[0], count: count))
        case .int64(let a): storage = .int64(Array(repeating: a[0], count: count))
        case .double(let a): storage = .double(Array(repeating: a[0], count: count))
        case .numeric(let u, let s):
            storage = .numeric(unscaled: Array(repeating: u[0], count: count), scales: NumericScales(repeating: s[0], count: count))
        case .wideNumeric(let a): storage = .wideNumeric(Array(repeating: a[0], count: count))
        case .uuid(let a): storage = .uuid(UUIDColumn(repeating: a[0], count: count))
        case .time(let a): storage = .time(Array(repeating: a[0], count: count))
        case .string(let a): storage = .string(StringColumn(repeating: a[0], count: count))
        }
        isNull = one.hasNulls ? Array(repeating: true, count: count) : []
    }

    private static func reserved<T>(_ n: Int) -> [T] {
        var a: [T] = []
        a.reserveCapacity(n)
        return a
    }

    public var count: Int {
        switch storage {
        case .bool(let a): return a.count
        case .int64(let a), .time(let a): return a.count
        case .double(let a): return a.count
        case .numeric(let a, _): return a.count
        case .wideNumeric(let a): return a.count
        case .uuid(let a): return a.count
        case .string(let a): return a.count
        }
    }

    public var hasNulls: Bool { !isNull.isEmpty }

    public func isNull(at i: Int) -> Bool { !isNull.isEmpty && isNull[i] }

    /// The value at row i.
    public func value(at i: Int) -> Value {
        if isNull(at: i) { return .null }
        switch storage {
        case .bool(let a): return .bool(a[i])
        case .int64(let a): return .int(a[i])
        case .double(let a): return .float(a[i])
        case .numeric(let u, let s): return .numeric(PGNumeric(unscaled: u[i], scale: Int(s[i])))
        case .wideNumeric(let a): return Value(a[i])
        case .uuid(let a): return .uuid(a[i])
        case .time(let a):
            switch type {
            case .date: return .date(a[i])
            case .time: return .time(a[i])
            default: return .timestamp(a[i])
            }
        case .string(let a): return type == .jsonb || type == .json ? .jsonb(a[i]) : .text(a[i])
        }
    }

    /// Appends a value that already has this column's type (the caller validated it).
    /// Returns false, appending nothing, when the value's kind does not fit the column.
    @discardableResult
    public mutating func append(_ v: Value) -> Bool {
        let n = count
        if case .null = v {
            appendPlaceholder()
            if isNull.isEmpty { isNull = Array(repeating: false, count: n) }
            isNull.append(true)
            return true
        }
        // Switch on `storage` alone: a tuple `(storage, v)` would hold a second reference to the
        // array, so every append would copy it (quadratic growth).
        switch storage {
        case .bool(var a):
            guard case .bool(let b) = v else { return false }
            storage = .bool([]); a.append(b); storage = .bool(a)
        case .int64(var a):
            guard case .int(let x) = v else { return false }
            storage = .int64([]); a.append(x); storage = .int64(a)
        case .double(var a):
            guard case .float(let x) = v else { return false }
            storage = .double([]); a.append(x); storage = .double(a)
        case .numeric(var u, var s):
            if case .wideNumeric(let w) = v {
                storage = .wideNumeric(Self.numericValues(unscaled: u, scales: s) + [.wide(w)])
                break
            }
            guard case .numeric(let x) = v else { return false }
            storage = .numeric(unscaled: [], scales: [])
            u.append(x.unscaled); s.append(Int16(x.scale))
            storage = .numeric(unscaled: u, scales: s)
        case .wideNumeric(var a):
            guard let x = v.numericValue else { return false }
            storage = .wideNumeric([]); a.append(x); storage = .wideNumeric(a)
        case .uuid(var a):
            guard case .uuid(let x) = v else { return false }
            storage = .uuid([]); a.append(x); storage = .uuid(a)
        case .time(var a):
            let x: Int64
            switch v {
            case .timestamp(let t), .date(let t), .time(let t): x = t
            default: return false
            }
            storage = .time([]); a.append(x); storage = .time(a)
        case .string(var a):
            let x: String
            switch v {
            case .text(let t), .jsonb(let t): x = t
            default: return false
            }
            storage = .string([]); a.append(x); storage = .string(a)
        }
        if !isNull.isEmpty { isNull.append(false) }
        return true
    }

    private mutating func appendPlaceholder() {
        switch storage {
        case .bool(var a): storage = .bool([]); a.append(false); storage = .bool(a)
        case .int64(var a): storage = .int64([]); a.append(0); storage = .int64(a)
        case .double(var a): storage = .double([]); a.append(0); storage = .double(a)
        case .numeric(var u, var s):
            storage = .numeric(unscaled: [], scales: [])
            u.append(0); s.append(0)
            storage = .numeric(unscaled: u, scales: s)
        case .wideNumeric(var a):
            storage = .wideNumeric([]); a.append(.narrow(PGNumeric(unscaled: 0, scale: 0))); storage = .wideNumeric(a)
        case .uuid(var a): storage = .uuid([]); a.append(PGUUID(high: 0, low: 0)); storage = .uuid(a)
        case .time(var a): storage = .time([]); a.append(0); storage = .time(a)
        case .string(var a): storage = .string([]); a.append(""); storage = .string(a)
        }
    }

    /// The rows at the given positions, in that order.
    public func gathering(_ rows: [Int]) -> ColumnVector {
        let nulls = isNull.isEmpty ? [] : rows.map { isNull[$0] }
        switch storage {
        case .bool(let a): return ColumnVector(type: type, storage: .bool(rows.map { a[$0] }), isNull: nulls)
        case .int64(let a): return ColumnVector(type: type, storage: .int64(rows.map { a[$0] }), isNull: nulls)
        case .double(let a): return ColumnVector(type: type, storage: .double(rows.map { a[$0] }), isNull: nulls)
        case .numeric(let u, let s):
            return ColumnVector(type: type, storage: .numeric(unscaled: rows.map { u[$0] }, scales: s.gathering(rows)), isNull: nulls)
        case .wideNumeric(let a): return ColumnVector(type: type, storage: .wideNumeric(rows.map { a[$0] }), isNull: nulls)
        case .uuid(let a): return ColumnVector(type: type, storage: .uuid(a.gathering(rows)), isNull: nulls)
        case .time(let a): return ColumnVector(type: type, storage: .time(rows.map { a[$0] }), isNull: nulls)
        case .string(let a): return ColumnVector(type: type, storage: .string(a.gathering(rows)), isNull: nulls)
        }
    }

    /// Rows `range` as a new vector.
    public func slice(_ range: Range<Int>) -> ColumnVector {
        gathering(Array(range))
    }

    /// Appends another vector of the same type in place (no copy of the rows already held when
    /// this vector's storage is not shared).
    public mutating func append(contentsOf other: ColumnVector) {
        precondition(other.type == type, "column types differ")
        let n = count
        if !isNull.isEmpty || !other.isNull.isEmpty {
            if isNull.isEmpty { isNull = Array(repeating: false, count: n) }
            if other.isNull.isEmpty {
                isNull.append(contentsOf: repeatElement(false, count: other.count))
            } else {
                isNull.append(contentsOf: other.isNull)
            }
        }
        // Switch on `storage` alone and take the payload out before appending, so the array is
        // uniquely referenced (a tuple `(storage, other.storage)` would hold a second reference).
        var o = other.storage
        // One side wide: both go wide (the narrow side's values converted once).
        if case .wideNumeric = o, case .numeric(let u, let s) = storage {
            storage = .numeric(unscaled: [], scales: [])
            storage = .wideNumeric(Self.numericValues(unscaled: u, scales: s))
        } else if case .wideNumeric = storage, case .numeric(let u, let s) = o {
            o = .wideNumeric(Self.numericValues(unscaled: u, scales: s))
        }
        switch storage {
        case .bool(var a):
            guard case .bool(let b) = o else { break }
            storage = .bool([]); a.append(contentsOf: b); storage = .bool(a); return
        case .int64(var a):
            guard case .int64(let b) = o else { break }
            storage = .int64([]); a.append(contentsOf: b); storage = .int64(a); return
        case .double(var a):
            guard case .double(let b) = o else { break }
            storage = .double([]); a.append(contentsOf: b); storage = .double(a); return
        case .numeric(var u, var s):
            guard case .numeric(let v, let t) = o else { break }
            storage = .numeric(unscaled: [], scales: [])
            u.append(contentsOf: v); s.append(contentsOf: t)
            storage = .numeric(unscaled: u, scales: s); return
        case .wideNumeric(var a):
            guard case .wideNumeric(let b) = o else { break }
            storage = .wideNumeric([]); a.append(contentsOf: b); storage = .wideNumeric(a); return
        case .uuid(var a):
            guard case .uuid(let b) = o else { break }
            storage = .uuid([]); a.append(contentsOf: b); storage = .uuid(a); return
        case .time(var a):
            guard case .time(let b) = o else { break }
            storage = .time([]); a.append(contentsOf: b); storage = .time(a); return
        case .string(var a):
            guard case .string(let b) = o else { break }
            storage = .string([]); a.append(contentsOf: b); storage = .string(a); return
        }
        preconditionFailure("column storages differ for the same type")
    }

    /// The same values in arrays of exactly their size (appends leave up to half an array unused).
    public func compacted() -> ColumnVector {
        func exact<T>(_ a: [T]) -> [T] { a.withUnsafeBufferPointer { Array($0) } }
        let nulls = isNull.isEmpty ? [] : exact(isNull)
        switch storage {
        case .bool(let a): return ColumnVector(type: type, storage: .bool(exact(a)), isNull: nulls)
        case .int64(let a): return ColumnVector(type: type, storage: .int64(exact(a)), isNull: nulls)
        case .double(let a): return ColumnVector(type: type, storage: .double(exact(a)), isNull: nulls)
        case .numeric(let u, let s): return ColumnVector(type: type, storage: .numeric(unscaled: exact(u), scales: s.compacted()), isNull: nulls)
        case .wideNumeric(let a): return ColumnVector(type: type, storage: .wideNumeric(exact(a)), isNull: nulls)
        case .uuid(let a): return ColumnVector(type: type, storage: .uuid(a.compacted()), isNull: nulls)
        case .time(let a): return ColumnVector(type: type, storage: .time(exact(a)), isNull: nulls)
        case .string(let a): return ColumnVector(type: type, storage: .string(a.compacted()), isNull: nulls)
        }
    }

    /// This vector followed by another of the same type.
    public func appending(_ other: ColumnVector) -> ColumnVector {
        precondition(other.type == type, "column types differ")
        if case .wideNumeric = storage { var v = self; v.append(contentsOf: other); return v }
        if case .wideNumeric = other.storage { var v = self; v.append(contentsOf: other); return v }
        let nulls: [Bool] = (isNull.isEmpty && other.isNull.isEmpty) ? [] :
            (isNull.isEmpty ? Array(repeating: false, count: count) : isNull) +
            (other.isNull.isEmpty ? Array(repeating: false, count: other.count) : other.isNull)
        switch (storage, other.storage) {
        case (.bool(let a), .bool(let b)): return ColumnVector(type: type, storage: .bool(a + b), isNull: nulls)
        case (.int64(let a), .int64(let b)): return ColumnVector(type: type, storage: .int64(a + b), isNull: nulls)
        case (.double(let a), .double(let b)): return ColumnVector(type: type, storage: .double(a + b), isNull: nulls)
        case (.numeric(let u, let s), .numeric(let v, let t)): return ColumnVector(type: type, storage: .numeric(unscaled: u + v, scales: s + t), isNull: nulls)
        case (.uuid(let a), .uuid(let b)): return ColumnVector(type: type, storage: .uuid(a + b), isNull: nulls)
        case (.time(let a), .time(let b)): return ColumnVector(type: type, storage: .time(a + b), isNull: nulls)
        case (.string(let a), .string(let b)): return ColumnVector(type: type, storage: .string(a + b), isNull: nulls)
        default: preconditionFailure("column storages differ for the same type")
        }
    }

    /// Narrow NUMERIC storage as values of any width.
    static func numericValues(unscaled: [Int64], scales: NumericScales) -> [NumericValue] {
        (0..<unscaled.count).map { .narrow(PGNumeric(unscaled: unscaled[$0], scale: Int(scales[$0]))) }
    }

    /// Every value of a NUMERIC vector (either storage) as ``NumericValue``; empty for other types.
    var anyWidthNumerics: [NumericValue] {
        switch storage {
        case .numeric(let u, let s): return Self.numericValues(unscaled: u, scales: s)
        case .wideNumeric(let a): return a
        default: return []
        }
    }
}
