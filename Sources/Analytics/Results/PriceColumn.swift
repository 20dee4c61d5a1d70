import Foundation
import Schema
import Storage

/// One NUMERIC price column of a ``PriceColumnBlock``: unscaled integers and per-value display
/// scales while every value has at most 18 digits (the fixed-width path every read takes), or
/// every value as a ``Schema/NumericValue`` when the column holds a wider one, which an
/// unconstrained `numeric` column stores as PostgreSQL does.
public struct PriceColumn: Sendable {
    /// Unscaled values; empty when the column is ``wide``.
    public let unscaled: [Int64]
    /// Display scales (NaN and ±Infinity as ``Schema/PGNumeric``'s sentinel scales); empty when wide.
    public let scales: NumericScales
    /// Every value, when one of them is wider than 18 digits; nil otherwise.
    public let wide: [NumericValue]?

    /// Fixed-width values.
    public init(unscaled: [Int64], scales: [Int16]) {
        self.init(unscaled: unscaled, scales: NumericScales(scales), wide: nil)
    }

    /// Fixed-width values with their scales as an engine column holds them.
    public init(unscaled: [Int64], scales: NumericScales) {
        self.init(unscaled: unscaled, scales: scales, wide: nil)
    }

    private init(unscaled: [Int64], scales: NumericScales, wide: [NumericValue]?) {
        self.unscaled = unscaled
        self.scales = scales
        self.wide = wide
    }

    /// Values of either width: the fixed-width form when all of them fit it.
    public init(_ values: [NumericValue]) {
        if let fixed = NumericValue.fixedWidth(values) {
            self.init(unscaled: fixed.unscaled, scales: fixed.scales)
        } else {
            self.init(unscaled: [], scales: NumericScales(), wide: values)
        }
    }

    /// The column of an engine vector, nil unless it is NUMERIC (of either width) or a float
    /// (`double precision`, `real`), which the functions' `RETURNS TABLE (… numeric …)` takes as
    /// PostgreSQL's assignment cast does (``numeric(float8:)``).
    public init?(_ vector: ColumnVector) {
        switch vector.storage {
        case .numeric(let u, let s): self.init(unscaled: u, scales: s)
        case .wideNumeric(let values): self.init(values)
        case .double(let values):
            var numerics: [NumericValue] = []
            numerics.reserveCapacity(values.count)
            for d in values {
                guard let n = Self.numeric(float8: d) else { return nil }
                numerics.append(n)
            }
            self.init(numerics)
        default: return nil
        }
    }

    /// `float8_numeric`: the value printed with 15 significant digits (`%.15g`, DBL_DIG) and read
    /// back as NUMERIC; NaN and ±Infinity as NUMERIC's own.
    static func numeric(float8 d: Double) -> NumericValue? {
        let text: String
        if d.isNaN { text = "NaN" } else if d.isInfinite { text = d < 0 ? "-Infinity" : "Infinity" } else { text = String(format: "%.15g", d) }
        return try? NumericValue.parse(text)
    }

    /// The value at `row`.
    @inline(__always) public subscript(row: Int) -> NumericValue {
        if let wide { return wide[row] }
        return .narrow(PGNumeric(unscaled: unscaled[row], scale: Int(scales[row])))
    }
}
