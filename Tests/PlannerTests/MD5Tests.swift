import Testing
@testable import Planner

@Suite("MD5 (RFC 1321)")
struct MD5Tests {
    func hex(_ text: String) -> String {
        MD5.digest(Array(text.utf8)).map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    @Test func rfc1321TestSuite() {
        #expect(hex("") == "d41d8cd98f00b204e9800998ecf8427e")
        #expect(hex("abc") == "900150983cd24fb0d6963f7d28e17f72")
        #expect(hex("The quick brown fox jumps over the lazy dog") == "9e107d9d372bb6826bd81d3542a419d6")
    }

    @Test func messagesLongerThanOneBlock() {
        // Python: hashlib.md5(b"a" * 200).hexdigest()
        #expect(hex(String(repeating: "a", count: 200)) == "887f30b43b2867f4a9accceee7d16e6c")
    }
}
