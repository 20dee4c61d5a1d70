import Foundation
import Schema

/// Writes a ``RowSet`` as exactly the bytes PostgreSQL 15 writes for
/// `COPY table TO STDOUT WITH (FORMAT csv, HEADER)`.
///
/// PostgreSQL's CSV output rules (`CopyAttributeOutCSV`): NULL is an empty unquoted field; a value is
/// quoted only when it equals the NULL marker (the empty string, written `""`), contains the
/// delimiter, a quote, CR or LF, or — when the table has a single column — is exactly `\.`; quotes
/// inside are doubled; leading and trailing spaces are left bare. Values print as their type's
/// output function prints them: timestamptz in the session zone (``zone``), numerics with their
/// scale, booleans `t`/`f`, jsonb in canonical text. Lines end in LF. Generated columns are left
/// out, as COPY without a column list leaves them out.
///
/// ```swift
/// let csv = CopyWriter(zone: .utc).writeString(rows)
/// ```
public struct CopyWriter: Sendable {
    /// The session time zone timestamptz values print in.
    public var zone: PGTimeZone

    public init(zone: PGTimeZone = .utc) {
        self.zone = zone
    }

    /// The COPY output as bytes.
    public func write(_ rows: RowSet) -> [UInt8] {
        if rows.table.columns.contains(where: { $0.generated != nil }) { return write(Self.withoutGeneratedColumns(rows)) }
        var out: [UInt8] = []
        out.reserveCapacity(64 + rows.count * 24 * max(1, rows.columns.count))
        appendHeader(rows.table, to: &out)
        appendRows(rows, 0..<rows.count, to: &out)
        return out
    }

    /// How many bytes ``write(_:)`` would return, counted a block of rows at a time so the whole
    /// text is never held (a stored table's COPY size, the "vs COPY" base of `compare --store`).
    public func byteCount(_ rows: RowSet) -> Int {
        if rows.table.columns.contains(where: { $0.generated != nil }) { return byteCount(Self.withoutGeneratedColumns(rows)) }
        var out: [UInt8] = []
        appendHeader(rows.table, to: &out)
        var total = out.count
        let block = 4096
        var start = 0
        while start < rows.count {
            let end = Swift.min(rows.count, start + block)
            out.removeAll(keepingCapacity: true)
            appendRows(rows, start..<end, to: &out)
            total += out.count
            start = end
        }
        return total
    }

    /// The rows without their generated columns, as COPY without a column list writes them.
    private static func withoutGeneratedColumns(_ rows: RowSet) -> RowSet {
        let kept = rows.table.columns.indices.filter { rows.table.columns[$0].generated == nil }
        var table = rows.table
        table.columns = kept.map { rows.table.columns[$0] }
        return RowSet(table: table, columns: kept.map { rows.columns[$0] })
    }

    /// The header line: the column names.
    private func appendHeader(_ table: TableDefinition, to out: inout [UInt8]) {
        let single = table.columns.count == 1
        for (i, column) in table.columns.enumerated() {
            if i > 0 { out.append(Self.comma) }
            Self.appendField(Array(column.name.utf8), single: single, to: &out)
        }
        out.append(Self.lf)
    }

    /// The lines of rows `range`.
    private func appendRows(_ rows: RowSet, _ range: Range<Int>, to out: inout [UInt8]) {
        let single = rows.table.columns.count == 1
        let zone = self.zone
        // Fixed-offset zones print every row with the same offset text.
        let fixedOffset: (Int, [UInt8])? = zone.isFixed ? (zone.offsetSeconds(atUTC: 0), Array(PGTimestamp.formatOffset(zone.offsetSeconds(atUTC: 0)).utf8)) : nil
        for r in range {
            for (c, vector) in rows.columns.enumerated() {
                if c > 0 { out.append(Self.comma) }
                if vector.isNull(at: r) { continue }
                switch vector.storage {
                case .bool(let a): out.append(a[r] ? UInt8(ascii: "t") : UInt8(ascii: "f"))
                case .int64(let a): Self.appendInteger(a[r], to: &out)
                case .double(let a):
                    Self.appendField(Array((Value.float(a[r]).text(as: vector.type) ?? "").utf8), single: single, to: &out)
                case .numeric(let u, let s): Self.appendNumeric(u[r], scale: Int(s[r]), to: &out)
                case .wideNumeric(let a): out.append(contentsOf: a[r].description.utf8)
                case .uuid(let a): Self.appendUUID(a[r], to: &out)
                case .time(let a):
                    switch vector.type {
                    case .timestamptz:
                        if let (offset, text) = fixedOffset {
                            Self.appendLocalTimestamp(a[r] + Int64(offset) * CivilTime.microsecondsPerSecond, to: &out)
                            out.append(contentsOf: text)
                        } else {
                            let offset = zone.offsetSeconds(atUTC: a[r])
                            Self.appendLocalTimestamp(a[r] + Int64(offset) * CivilTime.microsecondsPerSecond, to: &out)
                            out.append(contentsOf: PGTimestamp.formatOffset(offset).utf8)
                        }
                    case .timestamp: Self.appendLocalTimestamp(a[r], to: &out)
                    case .date: out.append(contentsOf: PGTimestamp.formatDate(a[r]).utf8)
                    default: out.append(contentsOf: PGTimestamp.formatTime(a[r]).utf8)
                    }
                case .string(let a):
                    var s = a[r]
                    s.withUTF8 { Self.appendField($0, single: single, to: &out) }
                }
            }
            out.append(Self.lf)
        }
    }

    /// The COPY output as text.
    public func writeString(_ rows: RowSet) -> String {
        String(decoding: write(rows), as: UTF8.self)
    }

    /// Writes the COPY output to a file, replacing it.
    public func write(_ rows: RowSet, toPath path: String) throws(CopyError) {
        let bytes = write(rows)
        guard let f = fopen(path, "wb") else {
            throw CopyError(file: path, line: 0, table: rows.table.name, kind: .unreadable(reason: String(cString: strerror(errno))))
        }
        let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, f) }
        let closed = fclose(f)
        guard written == bytes.count, closed == 0 else {
            throw CopyError(file: path, line: 0, table: rows.table.name, kind: .unreadable(reason: "short write"))
        }
    }

    static let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")

    /// A text field, quoted only when PostgreSQL would quote it.
    static func appendField<C: Collection>(_ bytes: C, single: Bool, to out: inout [UInt8]) where C.Element == UInt8 {
        var needsQuote = bytes.isEmpty
        if !needsQuote {
            for b in bytes where b == comma || b == quote || b == lf || b == cr { needsQuote = true; break }
        }
        if !needsQuote && single && bytes.elementsEqual([UInt8(ascii: "\\"), UInt8(ascii: ".")]) { needsQuote = true }
        guard needsQuote else { out.append(contentsOf: bytes); return }
        out.append(quote)
        for b in bytes {
            if b == quote { out.append(quote) }
            out.append(b)
        }
        out.append(quote)
    }

    static func appendInteger(_ v: Int64, to out: inout [UInt8]) {
        if v < 0 { out.append(UInt8(ascii: "-")) }
        appendDigits(v.magnitude, minimumWidth: 1, to: &out)
    }

    @inline(__always)
    static func appendDigits(_ value: UInt64, minimumWidth: Int, to out: inout [UInt8]) {
        var buffer: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes, enough for 20 digits
        withUnsafeMutableBytes(of: &buffer) { raw in
            var i = raw.count
            var v = value
            repeat {
                i -= 1
                raw[i] = UInt8(truncatingIfNeeded: v % 10) + 0x30
                v /= 10
            } while v != 0
            while raw.count - i < minimumWidth { i -= 1; raw[i] = 0x30 }
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[i...]))
        }
    }

    /// NUMERIC output: every scale digit, no exponent (`numeric_out`); `NaN`, `Infinity`, `-Infinity`.
    static func appendNumeric(_ unscaled: Int64, scale: Int, to out: inout [UInt8]) {
        if let special = PGNumeric.special(scale: scale) { out.append(contentsOf: special.text.utf8); return }
        if unscaled < 0 { out.append(UInt8(ascii: "-")) }
        let magnitude = unscaled.magnitude
        guard scale > 0 else { appendDigits(magnitude, minimumWidth: 1, to: &out); return }
        if scale <= 18 {
            let p = UInt64(PGNumeric.powersOfTen[scale])
            appendDigits(magnitude / p, minimumWidth: 1, to: &out)
            out.append(UInt8(ascii: "."))
            appendDigits(magnitude % p, minimumWidth: scale, to: &out)
        } else {
            out.append(contentsOf: PGNumeric(unscaled: unscaled, scale: scale).description.utf8.drop { $0 == UInt8(ascii: "-") })
        }
    }

    static func appendUUID(_ u: PGUUID, to out: inout [UInt8]) {
        let hex: StaticString = "0123456789abcdef"
        hex.withUTF8Buffer { digits in
            for i in 0..<16 {
                if i == 4 || i == 6 || i == 8 || i == 10 { out.append(UInt8(ascii: "-")) }
                let byte = i < 8 ? UInt8(truncatingIfNeeded: u.high >> (56 - 8 * i)) : UInt8(truncatingIfNeeded: u.low >> (56 - 8 * (i - 8)))
                out.append(digits[Int(byte >> 4)])
                out.append(digits[Int(byte & 15)])
            }
        }
    }

    /// `YYYY-MM-DD HH:MM:SS[.ffffff]` with trailing fraction zeros dropped, as `timestamp_out` prints.
    static func appendLocalTimestamp(_ local: Int64, to out: inout [UInt8]) {
        let days = CivilTime.floorDiv(local, CivilTime.microsecondsPerDay)
        let micros = local - days * CivilTime.microsecondsPerDay
        let (y, m, d) = CivilTime.civil(days: days)
        guard y >= 1 else { out.append(contentsOf: PGTimestamp.formatLocal(local).utf8); return }
        appendDigits(UInt64(y), minimumWidth: 4, to: &out)
        out.append(UInt8(ascii: "-"))
        appendDigits(UInt64(m), minimumWidth: 2, to: &out)
        out.append(UInt8(ascii: "-"))
        appendDigits(UInt64(d), minimumWidth: 2, to: &out)
        out.append(UInt8(ascii: " "))
        let secs = micros / CivilTime.microsecondsPerSecond
        var frac = micros % CivilTime.microsecondsPerSecond
        appendDigits(UInt64(secs / 3600), minimumWidth: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        appendDigits(UInt64(secs / 60 % 60), minimumWidth: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        appendDigits(UInt64(secs % 60), minimumWidth: 2, to: &out)
        if frac != 0 {
            out.append(UInt8(ascii: "."))
            var width = 6
            while frac % 10 == 0 { frac /= 10; width -= 1 }
            appendDigits(UInt64(frac), minimumWidth: width, to: &out)
        }
    }
}
