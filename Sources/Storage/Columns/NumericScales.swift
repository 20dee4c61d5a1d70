/// The display scales of a NUMERIC column's values, one per row, held as one number while every
/// row has the same scale (always, for a `numeric(p,s)` column) and as an array otherwise.
///
/// Part of issue #14's compact layout: four price columns of `numeric(12,2)` carry no per-row
/// scale bytes. Reads see a random-access collection of `Int16` either way.
public struct NumericScales: RandomAccessCollection, Sendable, Equatable, ExpressibleByArrayLiteral {
    /// Every row's scale once the rows differ; empty while uniform.
    private var perRow: [Int16] = []
    /// The scale of every row while uniform.
    private var uniform: Int16 = 0
    /// Rows while uniform.
    private var uniformCount = 0
    /// Whether every row has `uniform` as its scale.
    public private(set) var isUniform = true

    public init() {}

    public init(arrayLiteral elements: Int16...) { self.init(elements) }

    /// The scales of these rows.
    public init(_ scales: some Sequence<Int16>) {
        for s in scales { append(s) }
    }

    /// `count` rows of one scale.
    public init(repeating scale: Int16, count: Int) {
        uniform = scale
        uniformCount = count
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { isUniform ? uniformCount : perRow.count }

    @inline(__always)
    public subscript(i: Int) -> Int16 {
        if isUniform {
            precondition(i >= 0 && i < uniformCount, "row \(i) outside the column")
            return uniform
        }
        return perRow[i]
    }

    /// The one scale of every row, or nil when rows differ (or there are none).
    public var commonScale: Int16? { isUniform && uniformCount > 0 ? uniform : nil }

    /// Bytes the column holds per row (0 while uniform).
    public var rowBytes: Int { perRow.count * MemoryLayout<Int16>.stride }

    public static func == (a: NumericScales, b: NumericScales) -> Bool {
        if a.isUniform && b.isUniform { return a.uniformCount == b.uniformCount && (a.uniformCount == 0 || a.uniform == b.uniform) }
        return a.count == b.count && a.elementsEqual(b)
    }

    public mutating func reserveCapacity(_ n: Int) {
        if !isUniform { perRow.reserveCapacity(n) }
    }

    @inline(__always)
    public mutating func append(_ s: Int16) {
        if isUniform {
            if uniformCount == 0 { uniform = s }
            if s == uniform { uniformCount += 1; return }
            makePerRow()
        }
        perRow.append(s)
    }

    /// Appends every row of another column.
    public mutating func append(contentsOf other: NumericScales) {
        append(other, rows: 0..<other.count)
    }

    /// Appends rows of another column, in the order given.
    public mutating func append(_ other: NumericScales, rows: some Collection<Int>) {
        if isUniform, let scale = other.commonScale, uniformCount == 0 || scale == uniform {
            uniform = scale
            uniformCount += rows.count
            return
        }
        if isUniform && other.isUniform && rows.isEmpty { return }
        makePerRow()
        perRow.append(contentsOf: rows.lazy.map { other[$0] })
    }

    /// Drops the last `k` rows.
    public mutating func removeLast(_ k: Int) {
        if isUniform {
            precondition(k <= uniformCount, "removing more rows than the column has")
            uniformCount -= k
        } else {
            perRow.removeLast(k)
        }
    }

    /// The rows at the given positions, in that order.
    public func gathering(_ rows: [Int]) -> NumericScales {
        guard !isUniform else { return NumericScales(repeating: uniform, count: rows.count) }
        var out = NumericScales()
        out.isUniform = false
        out.perRow = rows.map { perRow[$0] }
        return out
    }

    /// The same scales without unused capacity.
    public func compacted() -> NumericScales {
        var out = self
        out.perRow = perRow.withUnsafeBufferPointer { Array($0) }
        return out
    }

    public static func + (a: NumericScales, b: NumericScales) -> NumericScales {
        var out = a
        out.append(contentsOf: b)
        return out
    }

    /// Turns a uniform column into one scale per row (a row with another scale arrived).
    private mutating func makePerRow() {
        guard isUniform else { return }
        perRow = Array(repeating: uniform, count: uniformCount)
        uniformCount = 0
        isUniform = false
    }
}
