/// An exact PostgreSQL NUMERIC value: `unscaled × 10^-scale`.
///
/// Money never passes through floating point. `84.2200` in a `numeric(14,4)` column is
/// `PGNumeric(unscaled: 842200, scale: 4)` and prints back as `84.2200`, because PostgreSQL keeps
/// the display scale (`dscale`) with the value.
///
/// Up to 18 significant digits are held exactly (enough for every `numeric(p,s)` with p ≤ 18);
/// wider values are refused with ``ValueError/unsupported(type:text:reason:)``, never rounded.
/// `NaN`, `Infinity` and `-Infinity` are tagged by a sentinel scale (see ``Special``); check
/// ``isFinite`` before doing arithmetic on `unscaled` and `scale`.
public struct PGNumeric: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The value times 10^scale.
    public var unscaled: Int64
    /// Digits after the decimal point (PostgreSQL's display scale).
    public var scale: Int

    public init(unscaled: Int64, scale: Int) {
        self.unscaled = unscaled
        self.scale = scale
    }

    /// Powers of ten that fit in Int64 (10^0 … 10^18). Written out, so the array is a constant laid
    /// down at compile time: a use needs no check that a lazy initialiser has run (COPY's numeric
    /// reader uses it for every field).
    public static let powersOfTen: [Int64] = [
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000,
        10_000_000_000, 100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000,
        1_000_000_000_000_000, 10_000_000_000_000_000, 100_000_000_000_000_000, 1_000_000_000_000_000_000,
    ]

    /// The same value at another scale; rounds half away from zero when the scale shrinks.
    /// Returns nil when the result does not fit in 18 digits.
    /// A special value (NaN, ±Infinity) is returned unchanged.
    public func rescaled(to newScale: Int) -> PGNumeric? {
        if newScale == scale || !isFinite { return self }
        if newScale > scale {
            let diff = newScale - scale
            guard diff <= 18 else { return unscaled == 0 ? PGNumeric(unscaled: 0, scale: newScale) : nil }
            let (r, o) = unscaled.multipliedReportingOverflow(by: PGNumeric.powersOfTen[diff])
            return o ? nil : PGNumeric(unscaled: r, scale: newScale)
        }
        let diff = scale - newScale
        guard diff <= 18 else { return PGNumeric(unscaled: 0, scale: newScale) }
        let p = PGNumeric.powersOfTen[diff]
        var q = unscaled / p
        let rem = unscaled % p
        if rem.magnitude * 2 >= p.magnitude { q += unscaled < 0 ? -1 : 1 }
        return PGNumeric(unscaled: q, scale: newScale)
    }

    /// PostgreSQL's numeric order: -Infinity < every number < Infinity < NaN.
    public static func < (a: PGNumeric, b: PGNumeric) -> Bool {
        if !a.isFinite || !b.isFinite { return a.orderRank < b.orderRank }
        let s = max(a.scale, b.scale)
        if let x = a.rescaled(to: s), let y = b.rescaled(to: s) { return x.unscaled < y.unscaled }
        // Only reachable for values near the 18-digit limit at very different scales.
        return a.approximateValue < b.approximateValue
    }

    /// Equality is by value, as PostgreSQL compares numerics (`1.0 = 1.00`; `NaN = NaN`).
    public static func == (a: PGNumeric, b: PGNumeric) -> Bool {
        if !a.isFinite || !b.isFinite { return a.special == b.special }
        let s = max(a.scale, b.scale)
        if let x = a.rescaled(to: s), let y = b.rescaled(to: s) { return x.unscaled == y.unscaled }
        return false
    }

    public func hash(into hasher: inout Hasher) {
        // Hash the value with trailing zeros removed so equal values hash alike.
        if let sp = special { hasher.combine(Int64.min); hasher.combine(sp); return }
        var u = unscaled
        var s = scale
        while s > 0 && u % 10 == 0 { u /= 10; s -= 1 }
        hasher.combine(u)
        hasher.combine(s)
    }

    /// A floating-point view for display and modelling only; never used for exact arithmetic.
    /// NaN and ±Infinity map to the Double special values.
    public var approximateValue: Double {
        switch special {
        case .none: return Double(unscaled) / pow10Double(scale)
        case .nan: return .nan
        case .infinity: return .infinity
        case .negativeInfinity: return -.infinity
        }
    }

    /// PostgreSQL's text output: all `scale` fraction digits, no exponent; `NaN`, `Infinity`, `-Infinity`.
    public var description: String {
        if let sp = special { return sp.text }
        var out = unscaled < 0 ? "-" : ""
        let mag = unscaled.magnitude
        if scale == 0 { return out + String(mag) }
        var digits = String(mag)
        if digits.count <= scale { digits = String(repeating: "0", count: scale - digits.count + 1) + digits }
        let cut = digits.index(digits.endIndex, offsetBy: -scale)
        out += digits[..<cut]
        out += "."
        out += digits[cut...]
        return out
    }
}

@inline(__always)
func pow10Double(_ n: Int) -> Double {
    var r = 1.0
    for _ in 0..<max(0, n) { r *= 10 }
    return r
}

extension PGNumeric {
    /// Parses numeric text (`-12.50`, `3`, `.5`, `1.5e3`, `NaN`, `-Infinity`, `inf`) the way
    /// `numeric_in` reads it, for callers that need the fixed-width form: a value wider than 18
    /// digits, which PostgreSQL accepts, is refused here as unsupported (``NumericValue/parse(_:precision:scale:)``
    /// reads every width).
    /// - Parameters:
    ///   - precision, scale: the column's type modifier; when given, the value is rounded to `scale`
    ///     and must round to an absolute value below 10^(precision − scale) (`numeric field overflow`);
    ///     `NaN` fits every modifier, an infinity none.
    public static func parse<S: StringProtocol>(_ text: S, precision: Int? = nil, scale columnScale: Int? = nil) throws(ValueError) -> PGNumeric {
        switch try NumericValue.parse(text, precision: precision, scale: columnScale) {
        case .narrow(let n): return n
        case .wide: throw .unsupported(type: "numeric", text: String(text), reason: "more than 18 digits, where a fixed-width value is needed")
        }
    }

    /// What almost every field of a COPY file is — an optional sign and 1–18 digits with at most
    /// one point, nothing else — read in one pass with the column's scale applied. Nil for
    /// anything else (white space, an exponent, a special word, more digits, more fraction digits
    /// than the column keeps, a value past the column's precision), which the general reader below
    /// then decides; for what this accepts, that reader gives the same value.
    @inline(__always)
    static func parsePlain(bytes: UnsafeRawBufferPointer, precision: Int?, scale columnScale: Int?) -> PGNumeric? {
        let n = bytes.count
        guard n > 0, n <= 20 else { return nil }
        let first = bytes[0]
        let negative = first == UInt8(ascii: "-")
        var i = negative || first == UInt8(ascii: "+") ? 1 : 0
        var mantissa: Int64 = 0
        var digits = 0
        var point = -1
        while i < n {
            let c = bytes[i]
            let d = c &- 0x30
            if d <= 9 {
                // At most 20 bytes, checked to 18 digits below: no overflow before that check.
                mantissa = mantissa &* 10 &+ Int64(d)
                digits += 1
            } else if c == UInt8(ascii: "."), point < 0 {
                point = digits
            } else {
                return nil
            }
            i += 1
        }
        guard digits > 0, digits <= 18 else { return nil }
        let fraction = point < 0 ? 0 : digits - point
        let value = negative ? -mantissa : mantissa
        guard let scale = columnScale else { return PGNumeric(unscaled: value, scale: fraction) }
        // A smaller column scale rounds, and a negative one rounds left of the point: the general reader.
        guard scale >= fraction, scale - fraction <= 18 else { return nil }
        let (scaled, overflow) = value.multipliedReportingOverflow(by: powersOfTen[scale - fraction])
        guard !overflow, scaled.magnitude < UInt64(powersOfTen[18]) else { return nil }
        if let p = precision, p <= 18, scaled.magnitude >= UInt64(powersOfTen[max(p, 0)]) { return nil }
        return PGNumeric(unscaled: scaled, scale: scale)
    }

    /// The fast path of ``NumericValue/parse(bytes:precision:scale:)`` (no allocation on success):
    /// plain decimal text of at most 18 significant digits, and the special words. Returns nil when
    /// the general reader must decide (an exponent, more digits, a scale past PostgreSQL's limit).
    public static func parseFixedWidth(bytes: UnsafeRawBufferPointer, precision: Int?, scale columnScale: Int?) throws(ValueError) -> PGNumeric? {
        if let plain = parsePlain(bytes: bytes, precision: precision, scale: columnScale) { return plain }
        return try parseFixedWidthGeneral(bytes: bytes, precision: precision, scale: columnScale)
    }

    /// ``parseFixedWidth(bytes:precision:scale:)`` without its one-pass path for plain text
    /// (``parsePlain(bytes:precision:scale:)``), which must agree with it.
    static func parseFixedWidthGeneral(bytes: UnsafeRawBufferPointer, precision: Int?, scale columnScale: Int?) throws(ValueError) -> PGNumeric? {
        let typeName = "numeric"
        func syntax() -> ValueError { .invalidSyntax(type: typeName, text: String(decoding: bytes, as: UTF8.self)) }
        var i = 0
        let n = bytes.count
        // Leading/trailing white space (isspace: space, \t \n \v \f \r) is allowed by numeric_in.
        var end = n
        while i < end, InputText.isSpace(bytes[i]) { i += 1 }
        while end > i, InputText.isSpace(bytes[end - 1]) { end -= 1 }
        let wordStart = i
        var negative = false
        if i < end, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        var mantissa: Int64 = 0
        var significant = 0
        var fractionDigits = 0
        var sawDigit = false
        var sawPoint = false
        var droppedFirst: UInt8 = 0
        var droppedCount = 0
        // More than 18 significant digits before the point: wider than the fixed-width form, and
        // wider than any numeric(p ≤ 18, s) column (reported once the whole text has been read, as
        // a syntax error there comes first).
        var wideInteger = false
        while i < end {
            let c = bytes[i]
            if c >= 0x30 && c <= 0x39 {
                sawDigit = true
                let d = Int64(c - 0x30)
                if sawPoint { fractionDigits += 1 }
                if significant < 18 {
                    if mantissa != 0 || d != 0 { significant += 1 }
                    mantissa = mantissa * 10 + d
                } else {
                    if droppedCount == 0 { droppedFirst = c - 0x30 }
                    droppedCount += 1
                    if !sawPoint { wideInteger = true }
                }
            } else if c == UInt8(ascii: ".") && !sawPoint {
                sawPoint = true
            } else {
                if (c == UInt8(ascii: "e") || c == UInt8(ascii: "E")) && sawDigit { return nil }
                if !sawDigit && !sawPoint, let special = parseSpecialWord(bytes, from: wordStart, to: end) {
                    return try checkedSpecial(special, precision: precision, scale: columnScale)
                }
                throw syntax()
            }
            i += 1
        }
        guard sawDigit else { throw syntax() }
        if wideInteger {
            if let p = precision, p <= 18 { throw .numericFieldOverflow(precision: p, scale: columnScale ?? 0) }
            return nil
        }
        var scale = fractionDigits - droppedCount
        var value = negative ? -mantissa : mantissa
        if droppedCount > 0 {
            // Digits past 18 significant ones are only dropped here when the column scale drops them anyway.
            guard let cs = columnScale, cs <= scale else { return nil }
            // Truncating first is exact for a later half-away-from-zero rounding at a smaller scale;
            // at the same scale the first dropped digit decides.
            if cs == scale && droppedFirst >= 5 { value += negative ? -1 : 1 }
        }
        if scale < 0 { scale = 0 }
        guard let cs = columnScale else {
            // PostgreSQL keeps at most 16,383 fraction digits; the general reader reports the overflow.
            return fractionDigits > PGWideNumeric.maximumScale ? nil : PGNumeric(unscaled: value, scale: scale)
        }
        guard let result = PGNumeric(unscaled: value, scale: scale).rescaled(to: cs),
              result.unscaled.magnitude < UInt64(PGNumeric.powersOfTen[18]) else {
            // More than 18 digits at the column's scale: an overflow for numeric(p ≤ 18, s), a wide
            // value (or an overflow the general reader reports) otherwise.
            if let p = precision, p <= 18 { throw .numericFieldOverflow(precision: p, scale: cs) }
            return nil
        }
        if let p = precision, p <= 18, result.unscaled.magnitude >= UInt64(PGNumeric.powersOfTen[max(p, 0)]) {
            // |value| must be < 10^(p-s): the unscaled magnitude < 10^p (a wider p always holds it).
            throw .numericFieldOverflow(precision: p, scale: cs)
        }
        return result
    }

}
