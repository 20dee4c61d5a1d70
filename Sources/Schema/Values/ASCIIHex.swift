/// One hexadecimal digit of ASCII text (`0`–`9`, `a`–`f`, `A`–`F`) as its value.
public enum ASCIIHex {
    /// The digit's value 0–15, or nil for any other byte.
    @inlinable
    public static func value(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: return c - 0x30
        case 0x61...0x66: return c - 0x61 + 10
        case 0x41...0x46: return c - 0x41 + 10
        default: return nil
        }
    }
}
