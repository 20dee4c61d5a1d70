/// An exact PostgreSQL NUMERIC value of any size, with its display scale.
///
/// ``Schema/PGNumeric`` (an Int64 with a scale) is how columns store prices; aggregates and
/// divisions need more room (a SUM of many prices, a quotient carried to 20 fraction digits), so
/// the analytics functions compute in `PGDecimal` and convert only at the edges. Like PostgreSQL's
/// `NumericVar`, a value carries its `dscale`: `75.2500000000000000` and `75.25` are equal but
/// print differently, and PostgreSQL prints the former for `AVG` of `75.00` and `75.50`.
///
/// ```swift
/// let third = PGDecimal(1).divided(by: PGDecimal(3))   // 0.33333333333333333333
/// third?.rounded(toScale: 2).description               // "0.33"
/// ```
public struct PGDecimal: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// True for values below zero (never for zero itself: PostgreSQL has no negative zero).
    public private(set) var isNegative: Bool
    /// |value| × 10^scale.
    var magnitude: DecimalMagnitude
    /// Digits after the decimal point that the value displays (PostgreSQL's `dscale`).
    public private(set) var scale: Int
    /// NaN, Infinity or -Infinity (then magnitude and scale are 0), nil for a number.
    public private(set) var special: PGNumeric.Special?

    init(isNegative: Bool, magnitude: DecimalMagnitude, scale: Int) {
        self.isNegative = isNegative && !magnitude.isZero
        self.magnitude = magnitude
        self.scale = scale
        self.special = nil
    }

    /// NaN, Infinity or -Infinity.
    public init(special: PGNumeric.Special) {
        self.isNegative = special == .negativeInfinity
        self.magnitude = .zero
        self.scale = 0
        self.special = special
    }

    /// An integer (`int8_numeric`: scale 0).
    public init(_ value: Int64) {
        self.init(isNegative: value < 0, magnitude: DecimalMagnitude(value.magnitude), scale: 0)
    }

    /// A stored column value, keeping its scale (or its special value).
    public init(_ value: PGNumeric) {
        if let special = value.special { self.init(special: special); return }
        self.init(isNegative: value.unscaled < 0, magnitude: DecimalMagnitude(value.unscaled.magnitude), scale: value.scale)
    }

    /// A NUMERIC of either width, keeping its scale (or its special value).
    public init(_ value: NumericValue) {
        switch value {
        case .narrow(let n): self.init(n)
        case .wide(let w):
            // Base-10⁹ limbs from the decimal digits, least significant first.
            var limbs: [UInt32] = []
            limbs.reserveCapacity(w.digits.count / DecimalMagnitude.digitsPerLimb + 1)
            var end = w.digits.count
            while end > 0 {
                let start = max(0, end - DecimalMagnitude.digitsPerLimb)
                var limb: UInt32 = 0
                for d in w.digits[start..<end] { limb = limb * 10 + UInt32(d) }
                limbs.append(limb)
                end = start
            }
            self.init(isNegative: w.isNegative, magnitude: DecimalMagnitude(limbs: limbs), scale: w.scale)
        }
    }

    /// `unscaled × 10^-scale` from a 128-bit accumulator (the SUM fast path).
    public init(unscaled: Int128, scale: Int) {
        self.init(isNegative: unscaled < 0, magnitude: DecimalMagnitude(wide: unscaled.magnitude), scale: scale)
    }

    /// Parses plain decimal text (`-12.50`, `0.3333`), keeping every digit and the written scale.
    public init?(_ text: String) {
        var s = Substring(text)
        var negative = false
        if s.first == "-" || s.first == "+" { negative = s.first == "-"; s = s.dropFirst() }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, !(parts[0].isEmpty && (parts.count == 1 || parts[1].isEmpty)) else { return nil }
        let digits = parts[0] + (parts.count == 2 ? parts[1] : "")
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        var m = DecimalMagnitude.zero
        for c in digits.utf8 { m = m.multiplied(by: 10, adding: UInt32(c - 0x30)) }
        self.init(isNegative: negative, magnitude: m, scale: parts.count == 2 ? parts[1].count : 0)
    }

    /// True for the number zero (never for NaN or ±Infinity).
    public var isZero: Bool { magnitude.isZero && special == nil }

    /// The value as a column value when it fits in 18 digits (nil otherwise).
    public var numeric: PGNumeric? {
        if let special { return PGNumeric(special: special) }
        guard let u = magnitude.uint64, u <= UInt64(Int64.max) else { return nil }
        return PGNumeric(unscaled: isNegative ? -Int64(u) : Int64(u), scale: scale)
    }

    /// `numeric_out`: every `scale` fraction digit, no exponent, `-` only below zero.
    public var description: String {
        if let special { return special.text }
        var digits = magnitude.decimalString
        if scale > 0 {
            if digits.count <= scale { digits = String(repeating: "0", count: scale - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -scale))
        }
        return isNegative ? "-" + digits : digits
    }

    /// Magnitudes brought to a common scale.
    static func aligned(_ a: PGDecimal, _ b: PGDecimal) -> (DecimalMagnitude, DecimalMagnitude, Int) {
        let s = max(a.scale, b.scale)
        return (a.magnitude.shiftedLeft(decimalDigits: s - a.scale), b.magnitude.shiftedLeft(decimalDigits: s - b.scale), s)
    }

    /// Equality by value (`1.0 = 1.00`), as PostgreSQL compares numerics.
    /// NaN equals NaN (PostgreSQL's numeric comparison).
    public static func == (a: PGDecimal, b: PGDecimal) -> Bool {
        if a.special != nil || b.special != nil { return a.special == b.special }
        let (x, y, _) = aligned(a, b)
        return a.isNegative == b.isNegative && x == y
    }

    public func hash(into hasher: inout Hasher) {
        // Equal values must hash alike whatever their display scale: hash the trailing-zero-free form.
        if let special { hasher.combine(special); return }
        var m = magnitude
        var s = scale
        while s > 0 {
            let (q, r) = m.quotientAndRemainder(dividingBy: UInt64(10))
            if r != 0 { break }
            m = q
            s -= 1
        }
        hasher.combine(isNegative)
        hasher.combine(m)
        hasher.combine(s)
    }

    /// PostgreSQL's numeric order: -Infinity < every number < Infinity < NaN.
    public static func < (a: PGDecimal, b: PGDecimal) -> Bool {
        if a.special != nil || b.special != nil { return a.orderRank < b.orderRank }
        if a.isNegative != b.isNegative { return a.isNegative }
        let (x, y, _) = aligned(a, b)
        return a.isNegative ? y < x : x < y
    }
}

extension PGDecimal {
    /// Position in PostgreSQL's numeric order: −∞ (0) < numbers (1) < +∞ (2) < NaN (3).
    var orderRank: Int {
        switch special {
        case .none: return 1
        case .negativeInfinity: return 0
        case .infinity: return 2
        case .nan: return 3
        }
    }

    /// True for numbers, false for NaN and ±Infinity.
    public var isFinite: Bool { special == nil }
}
