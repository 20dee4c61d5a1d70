import Schema
import Testing
@testable import Storage

/// A NUMERIC column's scales: one number while uniform, an array once rows differ; the same
/// values either way.
@Suite struct NumericScalesTests {
    @Test func aUniformColumnHoldsNoPerRowBytes() {
        var scales = NumericScales()
        for _ in 0..<1_000 { scales.append(2) }
        #expect(scales.isUniform)
        #expect(scales.commonScale == 2)
        #expect(scales.rowBytes == 0)
        #expect(scales.count == 1_000)
        #expect(scales == NumericScales(repeating: 2, count: 1_000))
        #expect(scales.gathering([5, 7]) == [2, 2])
    }

    @Test func anotherScaleTurnsItPerRowKeepingEveryValue() {
        var scales: NumericScales = [2, 2, 2]
        scales.append(4)
        scales.append(2)
        #expect(!scales.isUniform)
        #expect(Array(scales) == [2, 2, 2, 4, 2])
        #expect(scales.commonScale == nil)
        #expect(scales == NumericScales([2, 2, 2, 4, 2]))
        var shorter = scales
        shorter.removeLast(2)
        #expect(Array(shorter) == [2, 2, 2])
        #expect(shorter == [2, 2, 2])
        #expect(Array(scales.gathering([3, 0])) == [4, 2])
    }

    @Test func appendingColumnsOfDifferentScales() {
        var a = NumericScales(repeating: 2, count: 3)
        a.append(NumericScales(repeating: 2, count: 4), rows: [0, 1])
        #expect(a.isUniform && a.count == 5)
        a.append(contentsOf: NumericScales(repeating: 4, count: 2))
        #expect(Array(a) == [2, 2, 2, 2, 2, 4, 4])
        var empty = NumericScales()
        empty.append(contentsOf: [])
        empty.append(contentsOf: [3])
        #expect(empty == [3])
        #expect(Array(NumericScales([1, 2]) + [3]) == [1, 2, 3])
    }

    @Test func aColumnVectorOfMixedScalesReadsBackItsValues() throws {
        var vector = ColumnVector(type: .numeric(precision: nil, scale: nil))
        let values = try ["1.5", "2.25", "3", "NaN"].map { Value.numeric(try PGNumeric.parse($0)) }
        for v in values { vector.append(v) }
        for (i, v) in values.enumerated() { #expect(vector.value(at: i) == v) }
        #expect(vector.gathering([3, 1]).value(at: 1) == values[1])
    }
}
