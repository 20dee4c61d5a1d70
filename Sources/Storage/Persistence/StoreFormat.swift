/// The on-disk layout of a table-store file, version 1 (docs/STORE.md is the full description).
///
/// ```
/// header  "CWSTORE\n" (8 bytes) · format version (u32 LE) · CRC32C of those 12 bytes (u32 LE)
/// block*  payload length (u32 LE) · CRC32C of the payload (u32 LE) · payload (kind byte first)
/// ```
/// Block 1 is the table block, then one chunk block per live chunk in creation order, then the
/// end block, which must be the last bytes of the file.
enum StoreFormat {
    static let magic: [UInt8] = Array("CWSTORE\n".utf8)
    static let version: UInt32 = 1
    static let headerSize = 16
    static let blockHeaderSize = 8
    /// The file name suffix of a table's store file.
    static let fileExtension = "cwstore"

    enum Kind: UInt8 {
        case table = 1
        case chunk = 2
        case end = 3
    }

    /// The 16-byte header.
    static var header: [UInt8] {
        var e = StoreEncoder()
        e.raw(magic)
        e.u32(version)
        e.u32(CRC32C.checksum(e.bytes))
        return e.bytes
    }

    /// A block: length, checksum, payload.
    static func block(_ payload: [UInt8]) -> [UInt8] {
        var e = StoreEncoder()
        e.count(payload.count)
        e.u32(CRC32C.checksum(payload))
        e.raw(payload)
        return e.bytes
    }

    /// The store file name of a table: the name itself when it is plain letters, digits, `_` and
    /// `-`, other bytes as `%XX`, then `.cwstore`.
    static func fileName(table: String) -> String {
        var name = ""
        for b in table.utf8 {
            let c = Character(Unicode.Scalar(b))
            if b < 0x80, c.isLetter || c.isNumber || c == "_" || c == "-" {
                name.append(c)
            } else {
                name += "%" + String(b, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return name + "." + fileExtension
    }
}

extension String {
    fileprivate func leftPadded(to n: Int) -> String { String(repeating: "0", count: max(0, n - count)) + self }
}
