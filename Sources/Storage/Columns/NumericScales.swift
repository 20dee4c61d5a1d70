/// The display scales of a NUMERIC column's values: one scale for the whole column while every
/// value shares it (always so in a `numeric(p,s)` column), one per value only once they differ.
///
/// Reads like an array of scales (`s[i]`, `count`), as the per-value array it replaces.
public struct NumericScales: RandomAccessCollection, Sendable {
    /// One scale per value, or empty while every value has ``uniform``.
    private var perValue: [Int16]
    /// The scale of every value while ``perValue`` is empty.
    private var uniform: Int16
    private var uniformCount: Int

    /// No scales.
    public init() {
        perValue = []
        uniform = 0
        uniformCount = 0
    }

    /// The scales of an array, held once when they are all equal.
    public init(_ scales: [Int16]) {
        if let first = scales.first, scales.allSatisfy({ $0 == first }) {
            perValue = []
            uniform = first
            uniformCount = scales.count
        } else {
            perValue = scales
            uniform = 0
            uniformCount = 0
        }
    }

    /// `count` values of one scale.
    public init(repeating scale: Int16, count: Int) {
        perValue = []
        uniform = scale
        uniformCount = Swift.max(count, 0)
    }

    /// Whether every value shares one scale (held once).
    public var isUniform: Bool { perValue.isEmpty }

    public var startIndex: Int { 0 }
    public var endIndex: Int { perValue.isEmpty ? uniformCount : perValue.count }

    @inline(__always)
    public subscript(i: Int) -> Int16 {
        if perValue.isEmpty {
            precondition(i >= 0 && i < uniformCount, "index out of range")
            return uniform
        }
        return perValue[i]
    }

    /// Appends one scale.
    @inline(__always)
    public mutating func append(_ s: Int16) {
        if perValue.isEmpty && (uniformCount == 0 || s == uniform) {
            uniform = s
            uniformCount += 1
        } else {
            spread()
            perValue.append(s)
        }
    }

    /// Appends other scales.
    public mutating func append(contentsOf other: NumericScales) {
        if perValue.isEmpty && other.perValue.isEmpty && (uniformCount == 0 || other.uniformCount == 0 || uniform == other.uniform) {
            if uniformCount == 0 { uniform = other.uniform }
            uniformCount += other.uniformCount
            return
        }
        spread()
        if other.perValue.isEmpty {
            perValue.append(contentsOf: repeatElement(other.uniform, count: other.uniformCount))
        } else {
            perValue.append(contentsOf: other.perValue)
        }
    }

    /// Appends any sequence of scales.
    public mutating func append<S: Sequence>(contentsOf values: S) where S.Element == Int16 {
        if let other = values as? NumericScales { append(contentsOf: other); return }
        for s in values { append(s) }
    }

    public mutating func reserveCapacity(_ n: Int) {
        if !perValue.isEmpty { perValue.reserveCapacity(n) }
    }

    /// One scale per value from here on.
    private mutating func spread() {
        guard perValue.isEmpty, uniformCount > 0 else { return }
        perValue = Array(repeating: uniform, count: uniformCount)
        uniformCount = 0
    }

    /// The scales at the given positions, in that order.
    public func gathering(_ rows: [Int]) -> NumericScales {
        if perValue.isEmpty { return NumericScales(repeating: uniform, count: rows.count) }
        return NumericScales(rows.map { perValue[$0] })
    }

    /// The same scales in an array of exactly their size.
    public func compacted() -> NumericScales {
        guard perValue.capacity > perValue.count else { return self }
        return NumericScales(perValue.withUnsafeBufferPointer { Array($0) })
    }

    /// The scales as a plain array.
    public var elements: [Int16] { perValue.isEmpty ? Array(repeating: uniform, count: uniformCount) : perValue }
}

extension NumericScales: Equatable {
    /// Equal when they hold the same scales in the same order.
    public static func == (a: NumericScales, b: NumericScales) -> Bool {
        a.count == b.count && a.elementsEqual(b)
    }
}

extension NumericScales: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: Int16...) {
        self.init(elements)
    }
}
