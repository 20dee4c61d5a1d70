import Schema

/// libFuzzer entry: the first byte picks a value parser (timestamptz, timestamp, date, time,
/// interval, numeric, numeric(14,4), json and jsonb, uuid, or a carried type's input and output:
/// inet, cidr, bytea, macaddr, macaddr8, money, oid, bit, varbit, interval, timetz, point, line,
/// lseg, box, circle, arrays, ranges), the rest is its text. Each must parse or throw.
/// The numeric case also reads `a|b` as two numerics of any width and adds, subtracts and
/// multiplies and divides them (CHECK arithmetic), which must return a value or nil, never trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzValues(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: data + 1, count: size - 1), as: UTF8.self)
    switch data[0] % 10 {
    case 0: if let t = try? PGTimestamp.parse(text) { _ = PGTimestamp.format(t) }
    case 1: if let t = try? PGTimestamp.parse(text, type: .timestamp) { _ = PGTimestamp.formatLocal(t) }
    case 2: if let d = try? PGTimestamp.parseDate(text) { _ = PGTimestamp.formatDate(d) }
    case 3: _ = try? PGTimestamp.parseTime(text)
    case 4: if let i = PGInterval(text: text) { _ = i.description; _ = i.added(to: 0, zone: .utc) }
    case 5:
        if let n = try? PGNumeric.parse(text) { _ = n.description }
        let parts = text.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
        if let a = try? NumericValue.parse(parts[0]) {
            let b = parts.count > 1 ? ((try? NumericValue.parse(parts[1])) ?? a) : a
            _ = a.adding(b)?.description
            _ = a.subtracting(b).map { NumericValue.compare($0, b) }
            _ = a.multiplied(by: b)?.description
            _ = a.divided(by: b)?.description
        }
    case 6: _ = try? PGNumeric.parse(text, precision: 14, scale: 4)
    case 7:
        // Refusals read the text a second time for the server's detail (JSONRefusal).
        _ = try? JSONBText.canonical(text)
        _ = try? JSONBText.validated(text)
    case 8:
        let types = ["inet", "cidr", "bytea", "macaddr", "_int4", "_text", "_inet", "int4range", "tstzrange", "_numeric",
                     "money", "oid", "_money", "interval", "macaddr8", "bit", "varbit", "_bit", "timetz", "point", "line",
                     "lseg", "box", "circle"]
        let type = types[Int(data[0] / 10) % types.count]
        if (try? UnmodelledTypeInput.check(text, catalogType: type)) != nil {
            _ = UnmodelledTypeOutput.text(text, catalogType: type)
        }
    default: _ = try? PGUUID.parse(text)
    }
    return 0
}
