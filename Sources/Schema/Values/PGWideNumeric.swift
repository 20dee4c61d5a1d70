/// A finite PostgreSQL NUMERIC too wide for ``PGNumeric``: more than 18 digits from its first
/// significant digit to its last displayed one (`1234567890123456789012.5`, `1e30`,
/// `0.1234567890123456789012`, or `1` shown with 20 zeros after the point).
///
/// PostgreSQL accepts up to 131,072 digits before the decimal point and 16,383 after it in an
/// unconstrained `numeric` or a `numeric(p, s)` with p > 18. Such values are rare in market data,
/// so they are kept simply, as decimal digits, while every narrower value keeps the fixed-width
/// ``PGNumeric`` form. ``NumericValue`` holds either; its parser decides which.
///
/// Equality, order and hashing are by value and agree with ``PGNumeric``'s: a wide
/// `1.00000000000000000000` equals the narrow `1` and hashes alike (see ``NumericValue``).
public struct PGWideNumeric: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// True below zero (never for zero: PostgreSQL has no negative zero).
    public let isNegative: Bool
    /// The decimal digits of |value| × 10^scale, most significant first, without leading zeros
    /// (each 0…9).
    public let digits: [UInt8]
    /// Digits after the decimal point that the value displays (PostgreSQL's `dscale`).
    public let scale: Int

    /// Most digits a ``PGNumeric`` holds; a value with more is wide.
    public static let narrowDigitLimit = 18
    /// `NUMERIC_DSCALE_MAX`: the most digits after the point PostgreSQL stores.
    public static let maximumScale = 16383
    /// The most digits before the point PostgreSQL stores (`NUMERIC_WEIGHT_MAX` + 1 base-10000 digits).
    public static let maximumIntegerDigits = 131_072

    /// A value from its parts; the caller has stripped leading zeros and checked the width.
    init(isNegative: Bool, digits: [UInt8], scale: Int) {
        self.isNegative = isNegative && !digits.isEmpty
        self.digits = digits
        self.scale = scale
    }

    /// PostgreSQL's text output: every displayed fraction digit, no exponent.
    public var description: String {
        NumericValue.text(isNegative: isNegative, digits: digits, scale: scale)
    }

    /// A floating-point view for display and modelling only.
    public var approximateValue: Double {
        var v = 0.0
        for d in digits { v = v * 10 + Double(d) }
        // Scale down in steps so that 10^scale never overflows on its own.
        var s = scale
        while s > 300 { v /= 1e300; s -= 300 }
        v /= pow10Double(s)
        return isNegative ? -v : v
    }

    /// Base-10000 digit groups as PostgreSQL stores them (`NBASE`, groups aligned at the decimal
    /// point, zero groups at both ends dropped), most significant first, and the weight of the
    /// first group (its power of 10000).
    public var baseTenThousandGroups: (groups: [UInt16], weight: Int) {
        NumericValue.baseTenThousandGroups(digits: digits, scale: scale)
    }

    public static func < (a: PGWideNumeric, b: PGWideNumeric) -> Bool {
        NumericValue.compare(.wide(a), .wide(b)) < 0
    }

    public static func == (a: PGWideNumeric, b: PGWideNumeric) -> Bool {
        NumericValue.compare(.wide(a), .wide(b)) == 0
    }

    public func hash(into hasher: inout Hasher) {
        NumericValue.wide(self).hash(into: &hasher)
    }
}
