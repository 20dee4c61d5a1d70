/// NUMERIC's special values: `NaN`, `Infinity` and `-Infinity` (PostgreSQL ≥ 14 for the infinities).
///
/// A special value is a ``PGNumeric`` whose `scale` is one of three sentinels at the bottom of the
/// Int16 range and whose `unscaled` is 0. A finite value's scale is never negative (PostgreSQL's
/// display scale is ≥ 0 and every constructor here keeps it so), so the tag cannot be mistaken for
/// a number, and it survives every place that already carries a numeric as `(unscaled, Int16 scale)`
/// (column vectors, the scaled-decimal codec, the table store) without a second array. Code that
/// does arithmetic on `unscaled`/`scale` must check ``isFinite`` first.
///
/// PostgreSQL's semantics, which ``PGNumeric``'s `<`, `==` and `hash` follow (numeric btree order):
/// `-Infinity` < every number < `Infinity` < `NaN`, and `NaN = NaN` is true.
extension PGNumeric {
    /// Which special value a ``PGNumeric`` is.
    public enum Special: Int, Sendable, Hashable, CaseIterable {
        case nan, infinity, negativeInfinity

        /// The sentinel display scale that tags the value (also its Int16 form in column vectors).
        public var scale: Int {
            switch self {
            case .nan: return Int(Int16.min)
            case .infinity: return Int(Int16.min) + 1
            case .negativeInfinity: return Int(Int16.min) + 2
            }
        }

        /// `numeric_out`'s text.
        public var text: String {
            switch self {
            case .nan: return "NaN"
            case .infinity: return "Infinity"
            case .negativeInfinity: return "-Infinity"
            }
        }

        /// Position in PostgreSQL's numeric order: −∞ (0) < finite (1) < +∞ (2) < NaN (3).
        var orderRank: Int {
            switch self {
            case .negativeInfinity: return 0
            case .infinity: return 2
            case .nan: return 3
            }
        }
    }

    /// The largest scale that tags a special value; every scale at or below it is a special tag.
    @usableFromInline static let largestSpecialScale = Int(Int16.min) + 2

    /// `NaN`.
    public static let nan = PGNumeric(special: .nan)
    /// `Infinity`.
    public static let infinity = PGNumeric(special: .infinity)
    /// `-Infinity`.
    public static let negativeInfinity = PGNumeric(special: .negativeInfinity)

    /// A special value.
    public init(special: Special) {
        self.init(unscaled: 0, scale: special.scale)
    }

    /// True for numbers, false for NaN and ±Infinity.
    @inlinable public var isFinite: Bool { scale > PGNumeric.largestSpecialScale }

    /// The special value this is, or nil for a number.
    public var special: Special? { PGNumeric.special(scale: scale) }

    /// The special value a stored scale tags, or nil for a number's scale.
    @inlinable public static func special(scale: Int) -> Special? {
        guard scale <= largestSpecialScale else { return nil }
        switch scale {
        case Special.infinity.scale: return .infinity
        case Special.negativeInfinity.scale: return .negativeInfinity
        default: return .nan
        }
    }

    /// Whether a stored scale (a column vector's Int16 slot) tags a special value.
    @inlinable public static func isSpecial(scale: Int16) -> Bool { Int(scale) <= largestSpecialScale }

    /// Position in PostgreSQL's numeric order, 1 for every number.
    var orderRank: Int { special?.orderRank ?? 1 }

    /// The value with its sign flipped (`-x`): NaN stays NaN, the infinities swap.
    public var negated: PGNumeric {
        switch special {
        case .none: return PGNumeric(unscaled: -unscaled, scale: scale)
        case .nan: return self
        case .infinity: return .negativeInfinity
        case .negativeInfinity: return .infinity
        }
    }

    /// `a + b` when either is special (`numeric_add`): NaN wins, `Infinity + -Infinity` is NaN, an
    /// infinity absorbs any number. Nil when both are numbers (the caller adds them exactly).
    public static func specialSum(_ a: PGNumeric, _ b: PGNumeric) -> PGNumeric? {
        if a.isFinite && b.isFinite { return nil }
        if a.special == .nan || b.special == .nan { return .nan }
        if a.isFinite { return b }
        if b.isFinite { return a }
        return a.special == b.special ? a : .nan
    }

    /// `numeric_in`'s special words (`pg_strncasecmp` against `NaN`, `Infinity`, `+Infinity`,
    /// `-Infinity`, `inf`, `+inf`, `-inf`, in that order, then only white space may follow), applied
    /// to the text between the leading and trailing white space. Nil when the text is none of them.
    static func parseSpecialWord(_ bytes: UnsafeRawBufferPointer, from start: Int, to end: Int) -> PGNumeric? {
        func matches(_ word: StaticString) -> Bool {
            guard end - start == word.utf8CodeUnitCount else { return false }
            let w = word.utf8Start
            for k in 0..<word.utf8CodeUnitCount {
                let b = bytes[start + k]
                if (b >= 0x41 && b <= 0x5A ? b | 0x20 : b) != w[k] { return false }
            }
            return true
        }
        if matches("nan") { return .nan }
        if matches("infinity") || matches("+infinity") || matches("inf") || matches("+inf") { return .infinity }
        if matches("-infinity") || matches("-inf") { return .negativeInfinity }
        return nil
    }

    /// `apply_typmod_special`: NaN fits every `numeric(p,s)`, an infinity fits none.
    static func checkedSpecial(_ value: PGNumeric, precision: Int?, scale columnScale: Int?) throws(ValueError) -> PGNumeric {
        guard value.special != .nan, let cs = columnScale else { return value }
        throw .numericFieldOverflowInfinite(precision: precision ?? 18, scale: cs)
    }
}
