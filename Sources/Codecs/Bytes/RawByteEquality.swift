/// Whether two byte buffers hold the same bytes, compared eight bytes at a time (the generic
/// `==` on arrays compares one element per step). The string dictionary codec compares repeated
/// values with it, and Storage its strings' UTF-8 in place.
package enum RawByteEquality {
    @inline(__always)
    package static func same(_ x: UnsafeRawBufferPointer, _ y: UnsafeRawBufferPointer) -> Bool {
        let n = x.count
        guard n == y.count else { return false }
        guard n > 0, let p = x.baseAddress, let q = y.baseAddress else { return true }
        if p == q { return true }
        var i = 0
        while i + 8 <= n {
            if p.loadUnaligned(fromByteOffset: i, as: UInt64.self) != q.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
            i += 8
        }
        while i < n {
            if x[i] != y[i] { return false }
            i += 1
        }
        return true
    }
}
