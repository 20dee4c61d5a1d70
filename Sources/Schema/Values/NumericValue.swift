/// Any PostgreSQL NUMERIC value: the fixed-width ``PGNumeric`` that holds every value of up to 18
/// digits (and NaN, ±Infinity), or a ``PGWideNumeric`` for the wider ones.
///
/// ``parse(bytes:precision:scale:)`` is `numeric_in`: it returns the narrow form whenever the
/// value fits it, so a wide value always has more than 18 digits. Equality, order and hashing are
/// by value across both forms (`1.00000000000000000000 = 1`), as PostgreSQL compares numerics.
public enum NumericValue: Sendable, Hashable, Comparable, CustomStringConvertible {
    case narrow(PGNumeric)
    case wide(PGWideNumeric)

    public var description: String {
        switch self {
        case .narrow(let n): return n.description
        case .wide(let w): return w.description
        }
    }

    /// A floating-point view for display and modelling only.
    public var approximateValue: Double {
        switch self {
        case .narrow(let n): return n.approximateValue
        case .wide(let w): return w.approximateValue
        }
    }

    /// The display scale (`dscale`); a special value's sentinel scale for NaN and ±Infinity.
    public var scale: Int {
        switch self {
        case .narrow(let n): return n.scale
        case .wide(let w): return w.scale
        }
    }

    /// Sign, digits and scale of a finite value; nil for NaN and ±Infinity.
    var decimalParts: (negative: Bool, digits: [UInt8], scale: Int)? {
        switch self {
        case .wide(let w): return (w.isNegative, w.digits, w.scale)
        case .narrow(let n):
            guard n.isFinite else { return nil }
            return (n.unscaled < 0, Self.digits(of: n.unscaled), n.scale)
        }
    }

    /// The decimal digits of |unscaled|, most significant first (none for zero).
    public static func digits(of unscaled: Int64) -> [UInt8] {
        unscaled == 0 ? [] : Array(String(unscaled.magnitude).utf8).map { $0 - 0x30 }
    }

    /// Values as unscaled integers and display scales (a fixed-width column's arrays), or nil when
    /// one of them is wider than 18 digits.
    public static func fixedWidth(_ values: [NumericValue]) -> (unscaled: [Int64], scales: [Int16])? {
        var unscaled: [Int64] = [], scales: [Int16] = []
        unscaled.reserveCapacity(values.count)
        scales.reserveCapacity(values.count)
        for v in values {
            guard case .narrow(let n) = v else { return nil }
            unscaled.append(n.unscaled)
            scales.append(Int16(clamping: n.scale))
        }
        return (unscaled, scales)
    }

    /// The value built from sign, digits (leading zeros allowed) and scale: narrow when it fits.
    static func make(negative: Bool, digits: [UInt8], scale: Int) -> NumericValue {
        var start = 0
        while start < digits.count && digits[start] == 0 { start += 1 }
        let significant = Array(digits[start...])
        if significant.count <= PGWideNumeric.narrowDigitLimit {
            var u: Int64 = 0
            for d in significant { u = u * 10 + Int64(d) }
            return .narrow(PGNumeric(unscaled: negative ? -u : u, scale: scale))
        }
        return .wide(PGWideNumeric(isNegative: negative, digits: significant, scale: scale))
    }

    // MARK: Order and hashing

    /// PostgreSQL's numeric order as −1, 0, 1: −Infinity < every number < Infinity < NaN, NaN = NaN.
    public static func compare(_ a: NumericValue, _ b: NumericValue) -> Int {
        if case .narrow(let x) = a, case .narrow(let y) = b { return x < y ? -1 : (x == y ? 0 : 1) }
        guard let p = a.decimalParts, let q = b.decimalParts else {
            let ra = a.orderRank, rb = b.orderRank
            return ra < rb ? -1 : (ra == rb ? 0 : 1)
        }
        let pZero = p.digits.isEmpty, qZero = q.digits.isEmpty
        if pZero && qZero { return 0 }
        let pSign = pZero ? 0 : (p.negative ? -1 : 1)
        let qSign = qZero ? 0 : (q.negative ? -1 : 1)
        if pSign != qSign { return pSign < qSign ? -1 : 1 }
        let magnitude = compareMagnitudes(p.digits, p.scale, q.digits, q.scale)
        return pSign < 0 ? -magnitude : magnitude
    }

    /// Compares |a| and |b|, each digits (no leading zeros) × 10^-scale.
    static func compareMagnitudes(_ a: [UInt8], _ aScale: Int, _ b: [UInt8], _ bScale: Int) -> Int {
        let aInteger = a.count - aScale, bInteger = b.count - bScale
        if aInteger != bInteger { return aInteger < bInteger ? -1 : 1 }
        // The same number of digits before the point, so position k is the same power of ten in
        // both: compare digit by digit, a missing digit counting as 0.
        for k in 0..<max(a.count, b.count) {
            let x = k < a.count ? a[k] : 0
            let y = k < b.count ? b[k] : 0
            if x != y { return x < y ? -1 : 1 }
        }
        return 0
    }

    /// −∞ (0) < finite (1) < +∞ (2) < NaN (3).
    private var orderRank: Int {
        if case .narrow(let n) = self { return n.orderRank }
        return 1
    }

    public static func < (a: NumericValue, b: NumericValue) -> Bool { compare(a, b) < 0 }
    public static func == (a: NumericValue, b: NumericValue) -> Bool { compare(a, b) == 0 }

    /// Hashes the value with trailing fraction zeros removed, exactly as ``PGNumeric`` hashes when
    /// what remains fits 18 digits, so equal values hash alike in either form.
    public func hash(into hasher: inout Hasher) {
        switch self {
        case .narrow(let n): n.hash(into: &hasher)
        case .wide(let w):
            let (narrow, digits, s) = w.withoutTrailingZeros
            if let narrow { narrow.hash(into: &hasher); return }
            hasher.combine(w.isNegative)
            hasher.combine(s)
            digits.withUnsafeBufferPointer { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
    }

    // MARK: Storage form

    /// Base-10000 digit groups of digits × 10^-scale as PostgreSQL stores them: aligned at the
    /// decimal point, zero groups at both ends dropped, most significant first; and the weight of
    /// the first group. Zero has no group (weight 0).
    public static func baseTenThousandGroups(digits: [UInt8], scale: Int) -> (groups: [UInt16], weight: Int) {
        guard digits.contains(where: { $0 != 0 }) else { return ([], 0) }
        // Pad the fraction on the right to whole groups, the integer part on the left.
        let fractionPad = (4 - scale % 4) % 4
        let integerDigits = digits.count - scale
        let integerPad = integerDigits > 0 ? (4 - integerDigits % 4) % 4 : 0
        var padded = [UInt8](repeating: 0, count: integerPad)
        if integerDigits < 0 { padded.append(contentsOf: repeatElement(0, count: -integerDigits)) }
        padded.append(contentsOf: digits)
        padded.append(contentsOf: repeatElement(0, count: fractionPad))
        let fractionGroups = (scale + fractionPad) / 4
        var groups: [UInt16] = []
        groups.reserveCapacity(padded.count / 4)
        var k = 0
        while k < padded.count {
            groups.append(UInt16(padded[k]) * 1000 + UInt16(padded[k + 1]) * 100 + UInt16(padded[k + 2]) * 10 + UInt16(padded[k + 3]))
            k += 4
        }
        var weight = groups.count - fractionGroups - 1
        var start = 0
        while start < groups.count && groups[start] == 0 { start += 1; weight -= 1 }
        var end = groups.count
        while end > start && groups[end - 1] == 0 { end -= 1 }
        return (Array(groups[start..<end]), weight)
    }

    /// Text of digits × 10^-scale with every fraction digit shown.
    static func text(isNegative: Bool, digits: [UInt8], scale: Int) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(digits.count + scale + 3)
        if isNegative && !digits.isEmpty { out.append(UInt8(ascii: "-")) }
        let integerDigits = digits.count - scale
        if integerDigits <= 0 {
            out.append(UInt8(ascii: "0"))
        } else {
            for d in digits[..<integerDigits] { out.append(d + 0x30) }
        }
        if scale > 0 {
            out.append(UInt8(ascii: "."))
            if integerDigits < 0 { out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: -integerDigits)) }
            for d in digits[max(0, integerDigits)...] { out.append(d + 0x30) }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
