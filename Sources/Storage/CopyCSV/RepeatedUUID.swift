import Schema

/// The last uuid field a dictionary-coded column read: its 36 bytes of text, the value they gave
/// and the code it took. A segment's `ticker_id` repeats row after row, and the same text is the
/// same value with the same code, so a repeat is neither parsed nor looked up again.
struct RepeatedUUID {
    /// The text's bytes 0–7, 8–15, 16–23 and 24–31 as words, then bytes 32–35.
    private let head: (UInt64, UInt64, UInt64, UInt64)
    private let tail: UInt32
    let value: PGUUID
    let code: UInt16

    /// Nil unless the text is 36 bytes long (the only length of a canonical uuid).
    init?(text: UnsafeRawBufferPointer, value: PGUUID, code: UInt16) {
        guard let words = Self.words(text) else { return nil }
        (head, tail) = words
        self.value = value
        self.code = code
    }

    /// Whether `text` is the same 36 bytes.
    @inline(__always)
    func matches(_ text: UnsafeRawBufferPointer) -> Bool {
        guard let words = Self.words(text) else { return false }
        return words.head == head && words.tail == tail
    }

    @inline(__always)
    private static func words(_ text: UnsafeRawBufferPointer) -> (head: (UInt64, UInt64, UInt64, UInt64), tail: UInt32)? {
        guard text.count == 36, let raw = text.baseAddress else { return nil }
        func word(_ offset: Int) -> UInt64 { raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self) }
        return ((word(0), word(8), word(16), word(24)), raw.loadUnaligned(fromByteOffset: 32, as: UInt32.self))
    }
}
