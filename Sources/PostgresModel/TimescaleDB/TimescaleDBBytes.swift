import Codecs

/// The engine's ``ByteWriter`` (Codecs) writing TimescaleDB's structs: little-endian fixed-width
/// fields, the layout they have on x86-64. One byte writer for the engine and the model.
extension ByteWriter {
    mutating func u8(_ v: UInt8) { append(v) }
    mutating func u16(_ v: UInt16) { appendFixed(UInt64(v), width: 2) }
    mutating func u32(_ v: UInt32) { appendFixed(UInt64(v), width: 4) }
    mutating func u64(_ v: UInt64) { appendFixed(v, width: 8) }
    mutating func zeros(_ n: Int) { for _ in 0..<n { append(UInt8(0)) } }
    mutating func append(_ b: [UInt8]) { append(contentsOf: b) }

    /// A compressed-data varlena header: 4-byte length word (PostgreSQL SET_VARSIZE on
    /// little-endian stores `len << 2`) followed by the algorithm id.
    static func varlenaHeader(totalSize: Int) -> [UInt8] {
        var w = ByteWriter()
        w.u32(UInt32(truncatingIfNeeded: totalSize) << 2)
        return w.bytes
    }
}
