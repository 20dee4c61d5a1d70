/// A `macaddr` value's text read as PostgreSQL 15's `macaddr_in` reads it: the first of seven
/// `sscanf` patterns that takes six hex numbers and nothing but white space after them
/// (`08:00:2b:01:02:03`, `08-00-2b-01-02-03`, `08002b:010203`, `08002b-010203`,
/// `0800.2b01.0203`, `0800-2b01-0203`, `08002b010203`), each number read as glibc's `%x` reads
/// one (white space before it skipped, a sign, a `0x` prefix, at most two characters in the
/// grouped patterns), then each checked to be an octet.
public enum PGMacaddrLiteral {
    /// One piece of a pattern: a hex number (with a field width or none), or a literal character.
    private enum Piece {
        case number(width: Int?)
        case literal(UInt8)
    }

    private static let patterns: [[Piece]] = {
        func colonSeparated(_ separator: Character) -> [Piece] {
            var out: [Piece] = [.number(width: nil)]
            for _ in 0..<5 { out += [.literal(UInt8(ascii: separator.unicodeScalars.first!)), .number(width: nil)] }
            return out
        }
        /// Two-digit numbers, with `separator` after the given counts of numbers.
        func grouped(_ separator: Character?, after positions: Set<Int>) -> [Piece] {
            var out: [Piece] = []
            for k in 1...6 {
                out.append(.number(width: 2))
                if let separator, positions.contains(k) { out.append(.literal(UInt8(ascii: separator.unicodeScalars.first!))) }
            }
            return out
        }
        return [
            colonSeparated(":"), colonSeparated("-"),
            grouped(":", after: [3]), grouped("-", after: [3]),
            grouped(".", after: [2, 4]), grouped("-", after: [2, 4]),
            grouped(nil, after: []),
        ]
    }()

    /// The six octets, or the error the server raises for `text`.
    public static func parse(_ text: String) -> Result<[UInt8], ValueError> {
        var bytes = Array(text.utf8)
        if let nul = bytes.firstIndex(of: 0) { bytes.removeSubrange(nul...) }
        for pattern in patterns {
            guard let numbers = scan(bytes, pattern) else { continue }
            guard numbers.allSatisfy({ $0 >= 0 && $0 <= 255 }) else {
                return .failure(.refused(message: "invalid octet value in \"macaddr\" value: \(ValueError.quoted(text))", sqlState: "22003"))
            }
            return .success(numbers.map { UInt8($0) })
        }
        return .failure(.invalidSyntax(type: "macaddr", text: text))
    }

    /// `macaddr_out`: six two-digit lowercase hex octets separated by colons.
    public static func text(_ octets: [UInt8]) -> String {
        octets.map { $0 < 16 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined(separator: ":")
    }


    /// The six numbers when `bytes` match `pattern` and only white space follows (`%1s` finds
    /// nothing), as C `int`s; nil otherwise.
    private static func scan(_ bytes: [UInt8], _ pattern: [Piece]) -> [Int32]? {
        var i = 0
        var numbers: [Int32] = []
        for piece in pattern {
            switch piece {
            case .literal(let c):
                guard i < bytes.count, bytes[i] == c else { return nil }
                i += 1
            case .number(let width):
                guard let n = number(bytes, at: &i, width: width) else { return nil }
                numbers.append(n)
            }
        }
        while i < bytes.count, InputText.isSpace(bytes[i]) { i += 1 }
        return i == bytes.count ? numbers : nil
    }

    /// glibc's `%x` (or `%2x`) into an `int`: white space skipped, then within the width a sign, a
    /// `0` with an `x` after it taken as a prefix, and hex digits; the digits' value as `strtoul`
    /// gives it (`ULONG_MAX` on overflow, negated for `-`), truncated to 32 bits.
    private static func number(_ bytes: [UInt8], at i: inout Int, width: Int?) -> Int32? {
        while i < bytes.count, InputText.isSpace(bytes[i]) { i += 1 }
        var left = width ?? Int.max
        var negative = false
        var sawDigit = false
        var value: UInt64 = 0
        var overflow = false
        if left > 0, i < bytes.count, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
            left -= 1
        }
        if left > 0, i < bytes.count, bytes[i] == UInt8(ascii: "0") {
            sawDigit = true
            i += 1
            left -= 1
            if left > 0, i < bytes.count, bytes[i] | 0x20 == UInt8(ascii: "x") {
                i += 1
                left -= 1
            }
        }
        while left > 0, i < bytes.count, let d = ASCIIHex.value(bytes[i]).map(UInt64.init) {
            sawDigit = true
            let (shifted, o1) = value.multipliedReportingOverflow(by: 16)
            let (sum, o2) = shifted.addingReportingOverflow(d)
            if o1 || o2 { overflow = true }
            value = sum
            i += 1
            left -= 1
        }
        guard sawDigit else { return nil }
        if overflow { value = UInt64.max } else if negative { value = 0 &- value }
        return Int32(truncatingIfNeeded: value)
    }
}
