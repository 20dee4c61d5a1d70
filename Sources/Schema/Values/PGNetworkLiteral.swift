/// An `inet` or `cidr` value's text read as PostgreSQL 15's `network_in` reads it: a `:` anywhere
/// makes it IPv6, otherwise IPv4. `inet` takes four dotted decimal octets (fewer only with a prefix
/// length that they cover: `10.1/16`); `cidr` also takes abbreviated networks whose length comes
/// from the address class (`10` is `10.0.0.0/8`, `192.168.1` is `/24`) and `0x` hex strings, and
/// refuses a value with bits set right of its mask. IPv6 is eight hex groups with at most one `::`,
/// optionally ending in a dotted IPv4 part, then `/bits` (0–128, no leading zeros). No white space
/// is skipped anywhere.
public struct PGNetworkLiteral: Sendable, Equatable {
    /// True for IPv6 (family `PGSQL_AF_INET6`).
    public var isIPv6: Bool
    /// The prefix length: as written, or imputed (32 / 128 for `inet`, the class for `cidr`).
    public var bits: Int
    /// The address bytes: 4 for IPv4, 16 for IPv6 (missing octets zero).
    public var address: [UInt8]

    /// The family as `inet_struct` stores it: `PGSQL_AF_INET` (2) or `PGSQL_AF_INET6` (3).
    public var family: UInt8 { isIPv6 ? 3 : 2 }
    /// The value as the server stores it after its varlena header (`inet_struct`): family, bits,
    /// address.
    public var storedBytes: [UInt8] { [family, UInt8(bits)] + address }

    /// Why a text is not a network value, in the server's words.
    public enum Refusal: Error, Sendable, Equatable {
        /// `invalid input syntax for type inet|cidr: "…"`.
        case invalidSyntax
        /// `invalid cidr value: "…"`, detail `Value has bits set to right of mask.`
        case bitsRightOfMask
    }

    /// `text` read as `inet` (or `cidr` when `isCidr`).
    public static func parse(_ text: String, isCidr: Bool) -> Result<PGNetworkLiteral, Refusal> {
        let bytes = Array(text.utf8)
        // C reads the text up to its first NUL; the server's text never holds one.
        let end = bytes.firstIndex(of: 0) ?? bytes.count
        let src = Array(bytes[..<end])
        let isIPv6 = src.contains(UInt8(ascii: ":"))
        var address = [UInt8](repeating: 0, count: isIPv6 ? 16 : 4)
        let bits: Int?
        if isIPv6 {
            bits = parseIPv6(src, into: &address)
        } else {
            bits = isCidr ? parseCidrIPv4(src, into: &address) : parseInetIPv4(src, into: &address)
        }
        guard let bits, bits <= (isIPv6 ? 128 : 32) else { return .failure(.invalidSyntax) }
        if isCidr && !hostBitsClear(address, bits: bits) { return .failure(.bitsRightOfMask) }
        return .success(PGNetworkLiteral(isIPv6: isIPv6, bits: bits, address: address))
    }

    /// The value as `inet_out` (or `cidr_out` when `isCidr`) prints it: IPv4 as four decimal
    /// octets, IPv6 in hex groups with the longest run of two or more zero groups as `::` and an
    /// IPv4-mapped or -compatible tail in dotted form; `/bits` unless the length is the whole
    /// address (always for `cidr`).
    public func text(isCidr: Bool) -> String {
        var out: String
        if !isIPv6 {
            out = address.map { String($0) }.joined(separator: ".")
        } else {
            var words = [Int](repeating: 0, count: 8)
            for i in 0..<16 { words[i / 2] |= Int(address[i]) << ((1 - i % 2) * 8) }
            var best: (base: Int, length: Int)?
            var current: (base: Int, length: Int)?
            for i in 0..<8 {
                if words[i] == 0 {
                    current = current.map { ($0.base, $0.length + 1) } ?? (i, 1)
                } else if let run = current {
                    if best == nil || run.length > best!.length { best = run }
                    current = nil
                }
            }
            if let run = current, best == nil || run.length > best!.length { best = run }
            if let run = best, run.length < 2 { best = nil }
            out = ""
            for i in 0..<8 {
                if let run = best, i >= run.base, i < run.base + run.length {
                    if i == run.base { out += ":" }
                    continue
                }
                if i != 0 { out += ":" }
                if i == 6, let run = best, run.base == 0,
                   run.length == 6 || (run.length == 7 && words[7] != 1) || (run.length == 5 && words[5] == 0xFFFF) {
                    out += address[12...].map { String($0) }.joined(separator: ".")
                    break
                }
                out += String(words[i], radix: 16)
            }
            if let run = best, run.base + run.length == 8 { out += ":" }
        }
        if bits != (isIPv6 ? 128 : 32) || isCidr { out += "/\(bits)" }
        return out
    }

    /// The error PostgreSQL raises for `refusal` of `text` in a column of `type` (`inet`/`cidr`).
    public static func error(_ refusal: Refusal, text: String, type: String) -> ValueError {
        switch refusal {
        case .invalidSyntax: return .invalidSyntax(type: type, text: text)
        case .bitsRightOfMask:
            return .invalidCidr(text: text)
        }
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    /// The digits after a `/` at `i` (at least one, no other character to the end), or nil;
    /// values above 255 are reported as such without overflowing.
    private static func prefixLength(_ src: [UInt8], from i: Int) -> Int? {
        guard i < src.count, src[i...].allSatisfy(isDigit) else { return nil }
        var value = 0
        for c in src[i...] {
            value = value * 10 + Int(c - 0x30)
            if value > 255 { return 256 }
        }
        return value
    }

    /// Dotted decimal octets from `ch` (a digit) on, each at most 255 and at most four, up to the end
    /// or a `/`. After a `.` a digit must follow when `digitAfterDot` (`cidr`); otherwise (`inet`)
    /// a `.` with none after it ends the octets. False when refused.
    private static func readOctets(_ src: [UInt8], _ i: inout Int, _ ch: inout UInt8, written: inout Int,
                                   into address: inout [UInt8], digitAfterDot: Bool) -> Bool {
        func byte(_ k: Int) -> UInt8 { k < src.count ? src[k] : 0 }
        while isDigit(ch) {
            var octet = 0
            repeat {
                octet = octet * 10 + Int(ch - 0x30)
                if octet > 255 { return false }
                ch = byte(i)
                i += 1
            } while isDigit(ch)
            guard written < 4 else { return false }
            address[written] = UInt8(octet)
            written += 1
            if ch == 0 || ch == UInt8(ascii: "/") { break }
            guard ch == UInt8(ascii: ".") else { return false }
            ch = byte(i)
            i += 1
            if digitAfterDot && !isDigit(ch) { return false }
        }
        return true
    }

    /// The `/bits` at `ch` after `written` address bytes: -1 when there is none (the text must end
    /// there), the length when it is 0–32 and ends the text, nil when refused.
    private static func readIPv4Prefix(_ src: [UInt8], from i: Int, at ch: UInt8, written: Int) -> Int? {
        if ch == UInt8(ascii: "/"), i < src.count, isDigit(src[i]), written > 0 {
            guard let length = prefixLength(src, from: i), length <= 32 else { return nil }
            return length
        }
        return ch == 0 && written > 0 ? -1 : nil
    }

    /// `inet_net_pton_ipv4`: one to four decimal octets, then `/bits`; four octets without one.
    private static func parseInetIPv4(_ src: [UInt8], into address: inout [UInt8]) -> Int? {
        var i = 1
        var written = 0
        var ch = src.first ?? 0
        guard readOctets(src, &i, &ch, written: &written, into: &address, digitAfterDot: false),
              var bits = readIPv4Prefix(src, from: i, at: ch, written: written) else { return nil }
        if bits == -1 {
            guard written == 4 else { return nil }
            bits = 32
        }
        guard bits / 8 <= written else { return nil }
        return bits
    }

    /// `inet_cidr_pton_ipv4`: `0x` and hex digits (two a byte), or dotted decimal octets, then
    /// `/bits`; without one, the length from the first octet's class, widened to the octets given.
    private static func parseCidrIPv4(_ src: [UInt8], into address: inout [UInt8]) -> Int? {
        var i = 0
        var written = 0
        func byte(_ k: Int) -> UInt8 { k < src.count ? src[k] : 0 }
        var ch = byte(i)
        i += 1
        if ch == UInt8(ascii: "0"), byte(i) | 0x20 == UInt8(ascii: "x"), ASCIIHex.value(byte(i + 1)) != nil {
            i += 1
            var pending: Int?
            while true {
                ch = byte(i)
                i += 1
                guard ch != 0, let n = ASCIIHex.value(ch).map(Int.init) else { break }
                if let high = pending {
                    guard written < 4 else { return nil }
                    address[written] = UInt8(high << 4 | n)
                    written += 1
                    pending = nil
                } else {
                    pending = n
                }
            }
            if let high = pending {
                guard written < 4 else { return nil }
                address[written] = UInt8(high << 4)
                written += 1
            }
        } else if isDigit(ch) {
            guard readOctets(src, &i, &ch, written: &written, into: &address, digitAfterDot: true) else { return nil }
        } else {
            return nil
        }
        guard var bits = readIPv4Prefix(src, from: i, at: ch, written: written) else { return nil }
        if bits == -1 {
            let first = address[0]
            bits = first >= 240 ? 32 : first >= 224 ? 8 : first >= 192 ? 24 : first >= 128 ? 16 : 8
            bits = max(bits, written * 8)
            if bits == 8 && first == 224 { bits = 4 }
        }
        // The network extends (with zero octets) to cover the mask; 4 octets always suffice.
        return bits
    }

    /// `getv4`: a dotted IPv4 tail of an IPv6 address (no leading zeros, at most four octets; a
    /// `/bits` after it read by `getbits`). Writes the octets at `offset`; nil when refused.
    private static func readEmbeddedIPv4(_ src: [UInt8], from start: Int, into address: inout [UInt8],
                                         at offset: Int, bits: inout Int) -> Bool {
        var value = 0
        var digits = 0
        var written = 0
        var i = start
        while i < src.count {
            let ch = src[i]
            i += 1
            if isDigit(ch) {
                if digits != 0 && value == 0 { return false }
                digits += 1
                value = value * 10 + Int(ch - 0x30)
                if value > 255 { return false }
                continue
            }
            if ch == UInt8(ascii: ".") || ch == UInt8(ascii: "/") {
                guard written <= 3 else { return false }
                address[offset + written] = UInt8(value)
                written += 1
                if ch == UInt8(ascii: "/") {
                    guard let length = readBits(src, from: i) else { return false }
                    bits = length
                    return true
                }
                value = 0
                digits = 0
                continue
            }
            return false
        }
        guard digits > 0, written <= 3 else { return false }
        address[offset + written] = UInt8(value)
        return true
    }

    /// `getbits`: decimal 0–128 to the end, no leading zeros; nil when refused.
    private static func readBits(_ src: [UInt8], from start: Int) -> Int? {
        guard start < src.count else { return nil }
        var value = 0
        var digits = 0
        for ch in src[start...] {
            guard isDigit(ch) else { return nil }
            if digits != 0 && value == 0 { return nil }
            digits += 1
            value = value * 10 + Int(ch - 0x30)
            if value > 128 { return nil }
        }
        return value
    }

    /// `inet_cidr_pton_ipv6`: hex groups of one to four digits, one `::` at most, an IPv4 tail,
    /// `/bits`; the address must come to exactly 16 bytes.
    private static func parseIPv6(_ src: [UInt8], into address: inout [UInt8]) -> Int? {
        var tmp = [UInt8](repeating: 0, count: 16)
        var tp = 0
        var colon: Int?
        var i = 0
        if src.first == UInt8(ascii: ":") {
            guard src.count > 1, src[1] == UInt8(ascii: ":") else { return nil }
            i = 1
        }
        var token = i
        var sawDigit = false
        var value = 0
        var digits = 0
        var bits = -1
        loop: while i < src.count {
            let ch = src[i]
            i += 1
            if let n = ASCIIHex.value(ch).map(Int.init) {
                value = value << 4 | n
                digits += 1
                guard digits <= 4 else { return nil }
                sawDigit = true
                continue
            }
            if ch == UInt8(ascii: ":") {
                token = i
                if !sawDigit {
                    guard colon == nil else { return nil }
                    colon = tp
                    continue
                }
                guard i < src.count, tp + 2 <= 16 else { return nil }
                tmp[tp] = UInt8(value >> 8 & 0xFF)
                tmp[tp + 1] = UInt8(value & 0xFF)
                tp += 2
                sawDigit = false
                digits = 0
                value = 0
                continue
            }
            if ch == UInt8(ascii: "."), tp + 4 <= 16,
               readEmbeddedIPv4(src, from: token, into: &tmp, at: tp, bits: &bits) {
                tp += 4
                sawDigit = false
                break loop
            }
            if ch == UInt8(ascii: "/"), let length = readBits(src, from: i) {
                bits = length
                break loop
            }
            return nil
        }
        if sawDigit {
            guard tp + 2 <= 16 else { return nil }
            tmp[tp] = UInt8(value >> 8 & 0xFF)
            tmp[tp + 1] = UInt8(value & 0xFF)
            tp += 2
        }
        if bits == -1 { bits = 128 }
        if let colon {
            guard tp != 16 else { return nil }
            // The groups after `::` move to the end; the zeros between stay.
            let n = tp - colon
            var k = 1
            while k <= n {
                tmp[16 - k] = tmp[colon + n - k]
                tmp[colon + n - k] = 0
                k += 1
            }
            tp = 16
        }
        guard tp == 16 else { return nil }
        address = tmp
        return bits
    }

    /// `addressOK`: no bit set right of the first `bits` bits.
    private static func hostBitsClear(_ address: [UInt8], bits: Int) -> Bool {
        guard bits < address.count * 8 else { return true }
        var index = bits / 8
        var mask: UInt8 = bits == 0 ? 0xFF : 0xFF >> UInt8(bits % 8)
        while index < address.count {
            if address[index] & mask != 0 { return false }
            mask = 0xFF
            index += 1
        }
        return true
    }
}
