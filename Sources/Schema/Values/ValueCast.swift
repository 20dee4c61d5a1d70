import Foundation

/// `CAST(value AS type)` between the modelled types, as PostgreSQL 15 converts (PostgREST's
/// `select=column::type` is that cast).
///
/// - To `text`/`varchar`: the value's output text, except `boolean`, whose cast is `booltext`
///   (`true`/`false`, not `t`/`f`); an explicit `varchar(n)` cuts to `n` characters.
/// - From `text`/`varchar`: the target type's input function (`'12'::integer`).
/// - Integers, `numeric` and the floats among themselves: `numeric` to an integer rounds half away
///   from zero (`numeric_int4`), a float to an integer rounds half to even (`rint`); a value past
///   the target is `integer out of range` (22003); NaN and ±Infinity have their own errors.
///   `numeric` to a float reads its text (`float8in`); a float to `numeric` is `%.15g` (`%.6g`
///   for `real`) read as NUMERIC.
/// - `integer` ↔ `boolean`; timestamptz, timestamp and date among themselves and to `time`, in
///   the session `zone`; `json` ↔ `jsonb`.
///
/// A pair PostgreSQL has no cast for is `cannot cast type uuid to integer` (42846); a pair it
/// has but this model does not convert is refused as unsupported (0A000), never guessed.
public enum ValueCast {
    /// Converts `value`, a value of `source`, to `target`.
    public static func cast(_ value: Value, from source: PGType, to target: PGType, zone: PGTimeZone) throws(ValueError) -> Value {
        if value.isNull { return .null }
        switch target {
        case .text, .varchar:
            var text: String
            if case .bool(let b) = value { text = b ? "true" : "false" } else { text = value.text(as: source, zone: zone) ?? "" }
            if case .varchar(let n?) = target, text.count > n { text = String(text.prefix(n)) }
            return .text(text)
        default: break
        }
        switch source {
        case .text, .varchar:
            guard case .text(let s) = value else { break }
            return try Value.parse(s, as: target, zone: zone)
        default: break
        }
        if sameKind(source, target) {
            if case .numeric(let p?, let s) = target { return try Value.parse(value.text(as: source) ?? "", as: .numeric(precision: p, scale: s)) }
            if case .float4 = target, case .float(let d) = value { return try toFloat4(d, text: value.text(as: source) ?? "") }
            if let bits = integerBits(target), case .int(let i) = value { return .int(try fitting(i, bits: bits)) }
            return value
        }
        switch (value, target) {
        // Integers.
        case (.int(let i), .numeric(nil, nil)): return .numeric(PGNumeric(unscaled: i, scale: 0))
        case (.int(let i), .float8): return .float(Double(i))
        case (.int(let i), .float4): return .float(Double(Float(i)))
        case (.int(let i), .bool) where source == .int4: return .bool(i != 0)
        case (.bool(let b), .int4): return .int(b ? 1 : 0)
        // numeric.
        case (.numeric, _), (.wideNumeric, _):
            let text = value.text(as: source) ?? ""
            if let bits = integerBits(target) { return .int(try roundedHalfAwayFromZero(text, bits: bits, target: target)) }
            switch target {
            case .float8:
                guard let d = Double(text) else { break }
                if d.isInfinite && !text.hasSuffix("Infinity") { throw .outOfRange(type: "double precision", text: text) }
                return .float(d)
            case .float4:
                guard let f = Float(text) else { break }
                if f.isInfinite && !text.hasSuffix("Infinity") { throw .outOfRange(type: "real", text: text) }
                return .float(Double(f))
            default: break
            }
        // Floats.
        case (.float(let d), _):
            if let bits = integerBits(target) {
                let r = d.rounded(.toNearestOrEven)
                guard r.isFinite, r >= -0x1p63, r < 0x1p63, let i = Int64(exactly: r), (try? fitting(i, bits: bits)) != nil else {
                    throw .refused(message: "\(rangeName(target)) out of range", sqlState: "22003")
                }
                return .int(i)
            }
            if case .numeric(nil, nil) = target {
                let digits = source == .float4 ? 6 : 15
                let text = d.isNaN ? "NaN" : d.isInfinite ? (d < 0 ? "-Infinity" : "Infinity") : String(format: "%.\(digits)g", d)
                return try Value.parse(text, as: target, zone: zone)
            }
            if case .float4 = target { return try toFloat4(d, text: value.text(as: source) ?? "") }
        // Dates and times, in the session zone.
        case (.timestamp(let t), _) where source == .timestamptz || source == .timestamp:
            let finite = t != PGTimestamp.infinity && t != PGTimestamp.minusInfinity
            let local = source == .timestamptz && finite ? t &+ Int64(zone.offsetSeconds(atUTC: t)) &* CivilTime.microsecondsPerSecond : t
            switch target {
            case .timestamp: return .timestamp(finite ? try inRange(local) : t)
            case .timestamptz: return .timestamp(finite ? try inRange(zone.utc(fromLocal: local)) : t)
            case .date: return .date(finite ? CivilTime.floorDiv(local, CivilTime.microsecondsPerDay) : t)
            // timestamp_time / timestamptz_time: NULL for the infinities.
            case .time:
                guard finite else { return .null }
                let r = local % CivilTime.microsecondsPerDay
                return .time(r < 0 ? r + CivilTime.microsecondsPerDay : r)
            default: break
            }
        case (.date(let d), .timestamp), (.date(let d), .timestamptz):
            guard d != PGTimestamp.infinity && d != PGTimestamp.minusInfinity else { return .timestamp(d) }
            let (product, overflow) = d.multipliedReportingOverflow(by: CivilTime.microsecondsPerDay)
            guard !overflow, product < PGTimestamp.end else { throw .refused(message: "date out of range for timestamp", sqlState: "22008") }
            return .timestamp(try inRange(target == .timestamp ? product : zone.utc(fromLocal: product)))
        // JSON.
        case (.jsonb(let s), .jsonb) where source == .json: return try Value.parse(s, as: .jsonb, zone: zone)
        case (.jsonb, .json): return value
        default: break
        }
        if castExists(from: source, to: target) {
            throw .refused(message: "chunkwise does not model the cast from \(source.baseName) to \(target.baseName)", sqlState: "0A000")
        }
        throw .refused(message: "cannot cast type \(source.baseName) to \(target.baseName)", sqlState: "42846")
    }

    /// A timestamp a conversion produced, refused as `timestamp out of range` (22008) when the
    /// zone's offset moved it before 4714-11-24 00:00 BC or past the end
    /// (`'4714-11-24 00:00+00 BC'::timestamptz::timestamp` in America/New_York).
    static func inRange(_ t: Int64) throws(ValueError) -> Int64 {
        guard t >= PGTimestamp.minimum, t < PGTimestamp.end else { throw .refused(message: "timestamp out of range", sqlState: "22008") }
        return t
    }

    /// Whether the two types are one type, modifiers aside (or two integer widths).
    static func sameKind(_ a: PGType, _ b: PGType) -> Bool {
        switch (a, b) {
        case (.numeric, .numeric), (.float4, .float4), (.float8, .float8), (.float4, .float8), (.float8, .float4): return true
        case (.int2, _), (.int4, _), (.int8, _): return integerBits(b) != nil
        default: return a == b
        }
    }

    static func integerBits(_ type: PGType) -> Int? {
        switch type {
        case .int2: return 16
        case .int4: return 32
        case .int8: return 64
        default: return nil
        }
    }

    /// The word PostgreSQL's integer range errors use: `smallint`, `integer`, `bigint`.
    static func rangeName(_ type: PGType) -> String {
        switch type {
        case .int2: return "smallint"
        case .int8: return "bigint"
        default: return "integer"
        }
    }

    static func fitting(_ i: Int64, bits: Int) throws(ValueError) -> Int64 {
        guard bits < 64 else { return i }
        let limit = Int64(1) << (bits - 1)
        guard i >= -limit, i < limit else {
            throw .refused(message: "\(bits == 16 ? "smallint" : "integer") out of range", sqlState: "22003")
        }
        return i
    }

    /// `numeric_int2/4/8`: NaN and the infinities refused, the value rounded half away from zero.
    static func roundedHalfAwayFromZero(_ text: String, bits: Int, target: PGType) throws(ValueError) -> Int64 {
        let name = rangeName(target)
        if text == "NaN" { throw .refused(message: "cannot convert NaN to \(name)", sqlState: "0A000") }
        if text.hasSuffix("Infinity") { throw .refused(message: "cannot convert infinity to \(name)", sqlState: "0A000") }
        let negative = text.hasPrefix("-")
        let unsigned = negative ? text.dropFirst() : Substring(text)
        let parts = unsigned.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let roundsUp = parts.count == 2 && (parts[1].first.map { $0 >= "5" } ?? false)
        let outOfRange = ValueError.refused(message: "\(name) out of range", sqlState: "22003")
        guard var magnitude = UInt64(parts[0]) else { throw outOfRange }
        if roundsUp {
            let (sum, overflow) = magnitude.addingReportingOverflow(1)
            guard !overflow else { throw outOfRange }
            magnitude = sum
        }
        let limit = UInt64(1) << (bits - 1)
        guard negative ? magnitude <= limit : magnitude < limit else { throw outOfRange }
        let result = negative ? (magnitude == limit ? Int64.min >> (64 - bits) : -Int64(magnitude)) : Int64(magnitude)
        return result
    }

    /// `float8` to `real` (`dtof`): past real's range is an overflow, a non-zero value that
    /// rounds to zero an underflow.
    static func toFloat4(_ d: Double, text: String) throws(ValueError) -> Value {
        let f = Float(d)
        if f.isInfinite && !d.isInfinite { throw .refused(message: "value out of range: overflow", sqlState: "22003") }
        if f == 0 && d != 0 { throw .refused(message: "value out of range: underflow", sqlState: "22003") }
        return .float(Double(f))
    }

    /// Whether PostgreSQL 15 has a cast between the two modelled types (`pg_cast`, plus the I/O
    /// conversion every type has to and from the string types).
    public static func castExists(from source: PGType, to target: PGType) -> Bool {
        func isString(_ t: PGType) -> Bool { if case .text = t { return true }; if case .varchar = t { return true }; return false }
        func isNumber(_ t: PGType) -> Bool {
            switch t {
            case .int2, .int4, .int8, .numeric, .float4, .float8: return true
            default: return false
            }
        }
        if isString(source) || isString(target) || sameKind(source, target) { return true }
        if isNumber(source) && isNumber(target) { return true }
        switch (source, target) {
        case (.int4, .bool), (.bool, .int4): return true
        case (.timestamptz, .timestamp), (.timestamptz, .date), (.timestamptz, .time),
             (.timestamp, .timestamptz), (.timestamp, .date), (.timestamp, .time),
             (.date, .timestamp), (.date, .timestamptz): return true
        case (.json, .jsonb), (.jsonb, .json): return true
        case (.jsonb, let t): return isNumber(t) || t == .bool
        default: return false
        }
    }
}

extension PGType {
    /// The type as `format_type_be` names it in a cast error: no modifier
    /// (`cannot cast type numeric to uuid`).
    var baseName: String {
        switch self {
        case .numeric: return "numeric"
        case .varchar: return "character varying"
        default: return sqlName
        }
    }
}
