/// TimescaleDB's BOOL algorithm (2.20+ default; `algorithms/bool_compress.c`): an 8-byte header,
/// simple8b-RLE of the 0/1 values, then a simple8b-RLE validity bitmap when NULLs are present.
struct BoolEncoder: Sendable {
    static let algorithmID: UInt8 = 5
    private var values = Simple8bRLE()
    private var validity = Simple8bRLE()
    private var hasNulls = false
    private var any = false

    init() {}

    mutating func append(_ b: Bool) {
        values.append(b ? 1 : 0)
        validity.append(1)
        any = true
    }

    mutating func appendNull() {
        hasNulls = true
        validity.append(0)
    }

    mutating func finishSize() -> Int? {
        guard any, let v = values.finish() else { return nil }
        return 8 + v.count + (hasNulls ? (validity.finish()?.count ?? 0) : 0)
    }
}
