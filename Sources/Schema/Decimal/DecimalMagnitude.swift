/// A non-negative integer of any size, kept as base-10⁹ limbs (least significant first).
///
/// Base 10⁹ rather than base 2 because every operation NUMERIC needs is decimal: scaling by powers
/// of ten, cutting at a decimal digit, printing. PostgreSQL itself uses base 10⁴ (`NBASE`); the
/// base only changes speed, never a result, because every operation here is exact.
struct DecimalMagnitude: Sendable, Hashable, Comparable {
    /// 10⁹: the largest power of ten whose square (plus carries) fits in UInt64.
    static let base: UInt64 = 1_000_000_000
    static let digitsPerLimb = 9

    /// Limbs, least significant first, with no most-significant zero limb (zero is `[]`).
    private(set) var limbs: [UInt32]

    static let zero = DecimalMagnitude(limbs: [])

    init(limbs: [UInt32]) {
        var l = limbs
        while let last = l.last, last == 0 { l.removeLast() }
        self.limbs = l
    }

    init(_ value: UInt64) {
        var v = value
        var l: [UInt32] = []
        while v > 0 {
            l.append(UInt32(v % DecimalMagnitude.base))
            v /= DecimalMagnitude.base
        }
        self.limbs = l
    }

    init(wide value: UInt128) {
        var v = value
        var l: [UInt32] = []
        let b = UInt128(DecimalMagnitude.base)
        while v > 0 {
            l.append(UInt32(v % b))
            v /= b
        }
        self.limbs = l
    }

    var isZero: Bool { limbs.isEmpty }

    /// The value when it fits in UInt64.
    var uint64: UInt64? {
        var r: UInt64 = 0
        for limb in limbs.reversed() {
            let (m, o1) = r.multipliedReportingOverflow(by: DecimalMagnitude.base)
            let (s, o2) = m.addingReportingOverflow(UInt64(limb))
            if o1 || o2 { return nil }
            r = s
        }
        return r
    }

    static func < (a: DecimalMagnitude, b: DecimalMagnitude) -> Bool { compare(a, b) < 0 }

    /// -1, 0 or 1.
    static func compare(_ a: DecimalMagnitude, _ b: DecimalMagnitude) -> Int {
        if a.limbs.count != b.limbs.count { return a.limbs.count < b.limbs.count ? -1 : 1 }
        var i = a.limbs.count - 1
        while i >= 0 {
            if a.limbs[i] != b.limbs[i] { return a.limbs[i] < b.limbs[i] ? -1 : 1 }
            i -= 1
        }
        return 0
    }

    static func + (a: DecimalMagnitude, b: DecimalMagnitude) -> DecimalMagnitude {
        let n = max(a.limbs.count, b.limbs.count)
        var out = [UInt32]()
        out.reserveCapacity(n + 1)
        var carry: UInt64 = 0
        for i in 0..<n {
            let s = UInt64(i < a.limbs.count ? a.limbs[i] : 0) + UInt64(i < b.limbs.count ? b.limbs[i] : 0) + carry
            out.append(UInt32(s % base))
            carry = s / base
        }
        if carry > 0 { out.append(UInt32(carry)) }
        return DecimalMagnitude(limbs: out)
    }

    /// `a - b`; the caller guarantees `a >= b`.
    static func - (a: DecimalMagnitude, b: DecimalMagnitude) -> DecimalMagnitude {
        var out = [UInt32]()
        out.reserveCapacity(a.limbs.count)
        var borrow: Int64 = 0
        for i in 0..<a.limbs.count {
            var d = Int64(a.limbs[i]) - (i < b.limbs.count ? Int64(b.limbs[i]) : 0) - borrow
            if d < 0 { d += Int64(base); borrow = 1 } else { borrow = 0 }
            out.append(UInt32(d))
        }
        return DecimalMagnitude(limbs: out)
    }

    static func * (a: DecimalMagnitude, b: DecimalMagnitude) -> DecimalMagnitude {
        if a.isZero || b.isZero { return .zero }
        var acc = [UInt64](repeating: 0, count: a.limbs.count + b.limbs.count + 1)
        for i in 0..<a.limbs.count {
            var carry: UInt64 = 0
            let x = UInt64(a.limbs[i])
            for j in 0..<b.limbs.count {
                // x*y < 10^18 and acc < 10^9 and carry < 2·10^9: the sum stays below 2^64.
                let t = acc[i + j] + x * UInt64(b.limbs[j]) + carry
                acc[i + j] = t % base
                carry = t / base
            }
            var k = i + b.limbs.count
            while carry > 0 {
                let t = acc[k] + carry
                acc[k] = t % base
                carry = t / base
                k += 1
            }
        }
        return DecimalMagnitude(limbs: acc.map { UInt32($0) })
    }

    /// `self × m + add` for a small multiplier.
    func multiplied(by m: UInt32, adding add: UInt32 = 0) -> DecimalMagnitude {
        var out = [UInt32]()
        out.reserveCapacity(limbs.count + 1)
        var carry = UInt64(add)
        for limb in limbs {
            let t = UInt64(limb) * UInt64(m) + carry
            out.append(UInt32(t % DecimalMagnitude.base))
            carry = t / DecimalMagnitude.base
        }
        while carry > 0 {
            out.append(UInt32(carry % DecimalMagnitude.base))
            carry /= DecimalMagnitude.base
        }
        return DecimalMagnitude(limbs: out)
    }

    /// `self × 10^n`.
    func shiftedLeft(decimalDigits n: Int) -> DecimalMagnitude {
        if isZero || n == 0 { return self }
        let whole = n / DecimalMagnitude.digitsPerLimb
        let rest = n % DecimalMagnitude.digitsPerLimb
        var r = DecimalMagnitude(limbs: [UInt32](repeating: 0, count: whole) + limbs)
        if rest > 0 { r = r.multiplied(by: UInt32(DecimalMagnitude.powerOfTen(rest))) }
        return r
    }

    static func powerOfTen(_ n: Int) -> UInt64 {
        var p: UInt64 = 1
        for _ in 0..<n { p *= 10 }
        return p
    }

    /// 10^n as a magnitude.
    static func tenToThe(_ n: Int) -> DecimalMagnitude { DecimalMagnitude(UInt64(1)).shiftedLeft(decimalDigits: n) }

    /// Quotient and remainder by a divisor below 2^64 (the common case: counts).
    func quotientAndRemainder(dividingBy d: UInt64) -> (quotient: DecimalMagnitude, remainder: UInt64) {
        precondition(d != 0, "division by zero is handled by the caller")
        var out = [UInt32](repeating: 0, count: limbs.count)
        var rem: UInt128 = 0
        let wide = UInt128(d)
        var i = limbs.count - 1
        while i >= 0 {
            let cur = rem * UInt128(DecimalMagnitude.base) + UInt128(limbs[i])
            out[i] = UInt32(cur / wide)
            rem = cur % wide
            i -= 1
        }
        return (DecimalMagnitude(limbs: out), UInt64(rem))
    }

    /// Quotient and remainder by any non-zero divisor (schoolbook long division, one base-10⁹
    /// quotient limb at a time, each found by binary search; exact and simple rather than fast).
    func quotientAndRemainder(dividingBy d: DecimalMagnitude) -> (quotient: DecimalMagnitude, remainder: DecimalMagnitude) {
        precondition(!d.isZero, "division by zero is handled by the caller")
        if let small = d.uint64 {
            let (q, r) = quotientAndRemainder(dividingBy: small)
            return (q, DecimalMagnitude(r))
        }
        if self < d { return (.zero, self) }
        var out = [UInt32](repeating: 0, count: limbs.count)
        var rem = DecimalMagnitude.zero
        var i = limbs.count - 1
        while i >= 0 {
            rem = DecimalMagnitude(limbs: [limbs[i]] + rem.limbs)
            // A remainder still below the divisor makes this quotient limb 0 without a search.
            if rem < d {
                i -= 1
                continue
            }
            var lo: UInt64 = 0, hi: UInt64 = DecimalMagnitude.base - 1
            while lo < hi {
                let mid = (lo + hi + 1) / 2
                if DecimalMagnitude.compare(d.multiplied(by: UInt32(mid)), rem) <= 0 { lo = mid } else { hi = mid - 1 }
            }
            out[i] = UInt32(lo)
            if lo > 0 { rem = rem - d.multiplied(by: UInt32(lo)) }
            i -= 1
        }
        return (DecimalMagnitude(limbs: out), rem)
    }

    /// Decimal digits without leading zeros ("0" for zero).
    var decimalString: String {
        guard let top = limbs.last else { return "0" }
        var s = String(top)
        var i = limbs.count - 2
        while i >= 0 {
            let part = String(limbs[i])
            s += String(repeating: "0", count: DecimalMagnitude.digitsPerLimb - part.count) + part
            i -= 1
        }
        return s
    }

    /// Number of decimal digits (0 for zero).
    var decimalDigitCount: Int {
        guard let top = limbs.last else { return 0 }
        var n = (limbs.count - 1) * DecimalMagnitude.digitsPerLimb
        var t = top
        while t > 0 { n += 1; t /= 10 }
        return n
    }
}
