import Schema

/// How many bytes a NUMERIC occupies inside a heap or index tuple.
///
/// PostgreSQL stores NUMERIC in base 10000 (`NBASE`, `DEC_DIGITS 4` in numeric.c): the digits are
/// cut into 4-digit groups aligned at the decimal point, all-zero groups at both ends are dropped,
/// and each remaining group takes 2 bytes. The short format (`NumericShort`, 2-byte header) applies
/// when the display scale is ≤ 63 and the weight fits in −64…63; otherwise the long format has a
/// 4-byte header. Inside a tuple a varlena of ≤ 126 data bytes gets a 1-byte header
/// (`VARATT_CAN_MAKE_SHORT`), so `12345.67` takes 1 + 2 + 3·2 = 9 bytes (POSTGRES_STORAGE.md §3).
public enum NumericStorage {
    /// Number of base-10000 digit groups PostgreSQL keeps, and the weight of the first one.
    /// A special value (NaN, ±Infinity) has none.
    public static func digitGroups(unscaled: Int64, scale: Int) -> (count: Int, weight: Int) {
        if unscaled == 0 || PGNumeric.special(scale: scale) != nil { return (0, 0) }
        var magnitude = UInt128(unscaled.magnitude)
        var s = max(scale, 0)
        // Pad the fraction to a whole number of groups so group boundaries sit at the decimal point.
        while s % 4 != 0 { magnitude *= 10; s += 1 }
        if scale < 0 { for _ in 0..<(-scale) { magnitude *= 10 } }
        let fractionGroups = s / 4
        var groups: [UInt16] = []
        while magnitude > 0 {
            groups.append(UInt16(magnitude % 10000))
            magnitude /= 10000
        }
        // groups[0] is the least significant. Strip trailing (least significant) zero groups.
        var low = 0
        while low < groups.count && groups[low] == 0 { low += 1 }
        let count = groups.count - low
        let weight = groups.count - 1 - fractionGroups
        return (count, weight)
    }

    /// Bytes the value takes in memory (`pg_column_size(v)`): 4-byte varlena header + numeric header + digits.
    /// NaN and ±Infinity are the 2-byte special header alone (`NUMERIC_NAN`, `NUMERIC_PINF`,
    /// `NUMERIC_NINF`): 6 bytes in memory, 3 in a tuple (measured with `pg_column_size` on PostgreSQL 15).
    public static func inMemorySize(unscaled: Int64, scale: Int) -> Int {
        if PGNumeric.special(scale: scale) != nil { return 4 + 2 }
        let (n, weight) = digitGroups(unscaled: unscaled, scale: scale)
        let short = scale <= 63 && weight >= -64 && weight <= 63
        return 4 + (short ? 2 : 4) + 2 * n
    }

    /// Bytes a NUMERIC of either width takes in memory (see ``inMemorySize(unscaled:scale:)``).
    public static func inMemorySize(_ value: NumericValue) -> Int {
        switch value {
        case .narrow(let n): return inMemorySize(unscaled: n.unscaled, scale: n.scale)
        case .wide(let w):
            let (groups, weight) = w.baseTenThousandGroups
            let short = w.scale <= 63 && weight >= -64 && weight <= 63
            return 4 + (short ? 2 : 4) + 2 * groups.count
        }
    }

    /// Bytes the value takes stored in a tuple (short varlena header when it fits).
    public static func storedSize(unscaled: Int64, scale: Int) -> Int {
        VarlenaStorage.storedSize(inMemory: inMemorySize(unscaled: unscaled, scale: scale))
    }
}

/// Varlena header rules shared by every variable-length type.
public enum VarlenaStorage {
    /// `VARATT_SHORT_MAX` (postgres.h): data of up to 126 bytes fits a 1-byte header.
    public static let shortMax = 0x7F

    /// The stored size of a varlena whose in-memory size (4-byte header included) is `inMemory`.
    @inline(__always) public static func storedSize(inMemory: Int) -> Int {
        inMemory - 4 + 1 <= shortMax ? inMemory - 3 : inMemory
    }

    /// Whether a stored size is a short (1-byte header, unaligned) varlena.
    @inline(__always) public static func isShort(stored: Int, inMemory: Int) -> Bool { stored != inMemory }
}
