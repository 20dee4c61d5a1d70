import Foundation

/// Constant interval arithmetic, as PostgreSQL folds it before a function sees its argument:
/// `INTERVAL '1 day' * 2`, `'1 hour'::interval * 6`, `INTERVAL '1 day' + INTERVAL '12 hours'`,
/// `make_interval(days => 2)`. A migration that writes its chunk interval or a policy's lag so
/// gives TimescaleDB the folded value (src/dimension.c `dimension_interval_to_internal` receives an
/// interval, never the expression).
///
/// Arithmetic follows src/backend/utils/adt/timestamp.c (PostgreSQL 15): `interval_pl`/`interval_mi`
/// add field by field, `interval_mul`/`interval_div` cascade a fractional month into days (30 a
/// month) and a fractional day into time, rounding to microseconds (TSROUND); integers keep integer
/// arithmetic (`int8div` truncates). Anything else (a column, a function other than
/// `make_interval`, an out-of-range result) is not constant here and gives nil.
public enum ConstantInterval {
    /// A constant's value: a number (integral when every operand was an integer) or an interval.
    enum Constant {
        case integer(Int64)
        case float(Double)
        case interval(PGInterval)

        var number: Double? {
            switch self {
            case .integer(let i): Double(i)
            case .float(let d): d
            case .interval: nil
            }
        }
    }

    /// The interval `expression` folds to, or nil.
    public static func value(of expression: SQLExpression) -> PGInterval? {
        guard case .interval(let i)? = evaluate(expression) else { return nil }
        return i
    }

    /// `make_interval(years, months, weeks, days, hours, mins, secs)` (timestamp.c `make_interval`)
    /// from constant arguments, by name or position; nil when one is not a number or the result is
    /// out of range.
    public static func makeInterval(positional: [Double], named: [String: Double]) -> PGInterval? {
        let names = ["years", "months", "weeks", "days", "hours", "mins", "secs"]
        guard positional.count <= names.count, Set(named.keys).isSubset(of: names) else { return nil }
        var given: [String: Double] = named
        for (i, v) in positional.enumerated() {
            guard given[names[i]] == nil else { return nil }
            given[names[i]] = v
        }
        // Every parameter but secs is an integer: a fractional argument would not resolve the call.
        var integers: [String: Int64] = [:]
        for n in names.dropLast() {
            let v = given[n] ?? 0
            guard v == v.rounded(), let i = Int64(exactly: v), let _ = Int32(exactly: i) else { return nil }
            integers[n] = i
        }
        let secs = given["secs"] ?? 0
        guard secs.isFinite else { return nil }
        let months = integers["years"]! * 12 + integers["months"]!
        let days = integers["weeks"]! * 7 + integers["days"]!
        let secondMicros = (secs * 1_000_000).rounded(.toNearestOrEven)
        guard let months32 = Int32(exactly: months), let days32 = Int32(exactly: days), let secMicros = Int64(exactly: secondMicros) else { return nil }
        let (h, o1) = integers["hours"]!.multipliedReportingOverflow(by: 3_600_000_000)
        let (m, o2) = integers["mins"]!.multipliedReportingOverflow(by: 60_000_000)
        let (hm, o3) = h.addingReportingOverflow(m)
        let (time, o4) = hm.addingReportingOverflow(secMicros)
        guard !(o1 || o2 || o3 || o4) else { return nil }
        return PGInterval(months: months32, days: days32, microseconds: time)
    }

    static func evaluate(_ e: SQLExpression) -> Constant? {
        switch e {
        case .literal(.int(let i)): return .integer(i)
        case .literal(.float(let d)): return .float(d)
        case .literal(.numeric(let n)): return Double(n.description).map(Constant.float)
        case .cast(let inner, let type):
            let t = type.lowercased()
            if t == "interval" {
                if case .literal(.text(let s)) = inner { return PGInterval(text: s).map(Constant.interval) }
                if case .interval(let i)? = evaluate(inner) { return .interval(i) }
                return nil
            }
            if ["int2", "int4", "int8", "smallint", "int", "integer", "bigint"].contains(t) {
                if case .literal(.text(let s)) = inner { return Int64(s.trimmingCharacters(in: .whitespaces)).map(Constant.integer) }
                if case .integer(let i)? = evaluate(inner) { return .integer(i) }
                return nil
            }
            if ["float8", "float4", "double precision", "real", "numeric", "decimal"].contains(t) {
                if case .literal(.text(let s)) = inner { return Double(s.trimmingCharacters(in: .whitespaces)).map(Constant.float) }
                return evaluate(inner)?.number.map(Constant.float)
            }
            return nil
        case .operator("-", nil, let inner):
            switch evaluate(inner) {
            case .integer(let i)?: return i == .min ? nil : .integer(-i)
            case .float(let d)?: return .float(-d)
            case .interval(let i)?: return negated(i).map(Constant.interval)
            case nil: return nil
            }
        case .operator("+", nil, let inner):
            return evaluate(inner)
        case .function(let name, let args) where name.lowercased() == "make_interval":
            let numbers = args.compactMap { evaluate($0)?.number }
            guard numbers.count == args.count else { return nil }
            return makeInterval(positional: numbers, named: [:]).map(Constant.interval)
        case .arithmetic(let op, let a, let b):
            guard let x = evaluate(a), let y = evaluate(b) else { return nil }
            return arithmetic(op, x, y)
        default:
            return nil
        }
    }

    static func arithmetic(_ op: SQLExpression.ArithmeticOperator, _ x: Constant, _ y: Constant) -> Constant? {
        switch (x, y) {
        case (.interval(let i), .interval(let j)):
            switch op {
            case .plus: return sum(i, j).map(Constant.interval)
            case .minus: return negated(j).flatMap { sum(i, $0) }.map(Constant.interval)
            case .times, .divide: return nil
            }
        case (.interval(let i), _):
            guard let f = y.number else { return nil }
            switch op {
            case .times: return multiplied(i, by: f).map(Constant.interval)
            case .divide: return f == 0 ? nil : divided(i, by: f).map(Constant.interval)
            case .plus, .minus: return nil
            }
        case (_, .interval(let j)):
            guard op == .times, let f = x.number else { return nil }
            return multiplied(j, by: f).map(Constant.interval)
        case (.integer(let a), .integer(let b)):
            let r: (Int64, Bool)
            switch op {
            case .plus: r = a.addingReportingOverflow(b)
            case .minus: r = a.subtractingReportingOverflow(b)
            case .times: r = a.multipliedReportingOverflow(by: b)
            case .divide:
                guard b != 0 else { return nil }
                r = a.dividedReportingOverflow(by: b)
            }
            return r.1 ? nil : .integer(r.0)
        default:
            guard let a = x.number, let b = y.number else { return nil }
            switch op {
            case .plus: return .float(a + b)
            case .minus: return .float(a - b)
            case .times: return .float(a * b)
            case .divide: return b == 0 ? nil : .float(a / b)
            }
        }
    }

    /// interval_pl: field by field, each overflow-checked.
    static func sum(_ a: PGInterval, _ b: PGInterval) -> PGInterval? {
        let (m, o1) = a.months.addingReportingOverflow(b.months)
        let (d, o2) = a.days.addingReportingOverflow(b.days)
        let (t, o3) = a.microseconds.addingReportingOverflow(b.microseconds)
        return o1 || o2 || o3 ? nil : PGInterval(months: m, days: d, microseconds: t)
    }

    /// interval_um.
    static func negated(_ a: PGInterval) -> PGInterval? {
        guard a.months != .min, a.days != .min, a.microseconds != .min else { return nil }
        return a.negated
    }

    /// TSROUND: to the nearest microsecond of a value in seconds or days.
    static func tsRound(_ x: Double) -> Double { (x * 1_000_000).rounded(.toNearestOrEven) / 1_000_000 }

    /// interval_mul.
    static func multiplied(_ span: PGInterval, by factor: Double) -> PGInterval? {
        let monthProduct = Double(span.months) * factor
        let dayProduct = Double(span.days) * factor
        guard let month = truncated32(monthProduct), let day = truncated32(dayProduct) else { return nil }
        let monthRemainderDays = tsRound((monthProduct - Double(month)) * 30)
        var secRemainder = tsRound((dayProduct - Double(day) + monthRemainderDays - monthRemainderDays.rounded(.towardZero)) * 86_400)
        return cascade(month: month, day: day, monthRemainderDays: monthRemainderDays, secRemainder: &secRemainder,
                       time: Double(span.microseconds) * factor)
    }

    /// interval_div.
    static func divided(_ span: PGInterval, by factor: Double) -> PGInterval? {
        let monthQuotient = Double(span.months) / factor
        let dayQuotient = Double(span.days) / factor
        guard let month = truncated32(monthQuotient), let day = truncated32(dayQuotient) else { return nil }
        let monthRemainderDays = tsRound((monthQuotient - Double(month)) * 30)
        var secRemainder = tsRound((dayQuotient - Double(day) + monthRemainderDays - monthRemainderDays.rounded(.towardZero)) * 86_400)
        return cascade(month: month, day: day, monthRemainderDays: monthRemainderDays, secRemainder: &secRemainder,
                       time: Double(span.microseconds) / factor)
    }

    /// The end both share: whole days of the seconds' remainder carried into days, the month
    /// remainder's whole days added, the time rounded to a microsecond.
    static func cascade(month: Int32, day: Int32, monthRemainderDays: Double, secRemainder: inout Double, time: Double) -> PGInterval? {
        var day = Int64(day)
        if abs(secRemainder) >= 86_400 {
            let whole = (secRemainder / 86_400).rounded(.towardZero)
            day += Int64(whole)
            secRemainder -= whole * 86_400
        }
        day += Int64(monthRemainderDays.rounded(.towardZero))
        let micros = (time + secRemainder * 1_000_000).rounded(.toNearestOrEven)
        guard let day32 = Int32(exactly: day), micros.isFinite, micros >= -9.223372036854775808e18, micros < 9.223372036854775808e18 else { return nil }
        return PGInterval(months: month, days: day32, microseconds: Int64(micros))
    }

    /// `(int32) x` after the range check PostgreSQL makes (NaN and values beyond int32 refused).
    static func truncated32(_ x: Double) -> Int32? {
        guard !x.isNaN, x <= Double(Int32.max), x >= Double(Int32.min) else { return nil }
        return Int32(x.rounded(.towardZero))
    }
}
