import Schema

/// Collects one column's parsed values in typed arrays while a COPY is read, then becomes a
/// ``ColumnVector``. Each kind appends straight into its array: no `Value` per field.
struct ColumnBuilder {
    /// How a field's bytes become a value of the column type.
    enum Parser {
        case bool, integer(min: Int64, max: Int64), float, numeric(precision: Int?, scale: Int?)
        case uuid, timestamp(PGType), dateOrTime, string(limit: Int?), json, jsonb

        init(_ type: PGType) {
            switch type {
            case .bool: self = .bool
            case .int2: self = .integer(min: Int64(Int16.min), max: Int64(Int16.max))
            case .int4: self = .integer(min: Int64(Int32.min), max: Int64(Int32.max))
            case .int8: self = .integer(min: .min, max: .max)
            case .float4, .float8: self = .float
            case .numeric(let p, let s): self = .numeric(precision: p, scale: s)
            case .uuid: self = .uuid
            case .timestamptz, .timestamp: self = .timestamp(type)
            case .date, .time: self = .dateOrTime
            case .varchar(let n): self = .string(limit: n)
            case .text: self = .string(limit: nil)
            case .json: self = .json
            case .jsonb: self = .jsonb
            }
        }
    }

    let type: PGType
    let parser: Parser
    var bools: [Bool] = []
    var ints: [Int64] = []
    var doubles: [Double] = []
    var scales = NumericScales()
    var uuids = UUIDColumn()
    /// The codes of `uuids`' values, kept across appends.
    private var uuidLookup: UUIDColumn.Lookup?
    /// The last uuid field appended while `uuids` was coded, to append its repeats as they are.
    private var lastUUID: RepeatedUUID?
    /// varchar/text/jsonb values, dictionary-coded (see ``StringColumn``).
    var strings = StringColumn()
    /// The `strings` code of each interner entry, by entry number.
    private var internedCodes: [UInt16] = []
    /// The codes of `strings`' values, kept across appends.
    private var stringLookup: StringColumn.Lookup?
    /// NUMERIC values wider than 18 digits, by row (rare; their `ints`/`scales` slots hold 0).
    var wideNumerics: [(row: Int, value: PGWideNumeric)] = []
    /// A timestamp column's last date and its day number.
    private var days = PGTimestamp.DayCache()
    /// Rows that are NULL, ascending (kept sparse: most columns have none).
    var nullRows: [Int] = []
    /// Rows appended so far.
    private(set) var count = 0
    var interner = StringInterner()
    /// An enum column's type name (as messages print it) and labels: the only values it takes.
    let enumType: (name: String, labels: Set<String>)?
    /// The catalog type of a column Chunkwise carries as text (`inet`, `_int4`, …): each new
    /// value is read by that type's input rules (``UnmodelledTypeInput/check(_:catalogType:elementType:bitLength:catalog:)``).
    let carriedType: String?
    /// An array column's element type with its declared modifier (``ColumnDefinition/arrayElementType``).
    let carriedElementType: ArrayElementType?
    /// A `bit(n)` / `bit varying(n)` column's n (``ColumnDefinition/bitLength``).
    let carriedBitLength: Int?
    /// The type a value too long is named by in the error: `character(n)` for a blank-padded
    /// column, else the column's type.
    let lengthTypeName: String

    /// A builder for `capacity` rows of `type`. `distinct` says the column's values are all
    /// different (it alone is a unique key): a uuid or text column is then held plain from the
    /// first row, since a dictionary would only be filled and dropped again.
    init(type: PGType, capacity: Int, distinct: Bool = false, enumType: (name: String, labels: Set<String>)? = nil,
         carriedType: String? = nil, carriedElementType: ArrayElementType? = nil, blankPaddedLength: Int? = nil,
         bitLength: Int? = nil) {
        self.type = type
        // character(n) reads as varchar(n) does (bpcharin): longer values only with blanks past n.
        if let n = blankPaddedLength, type == .text {
            self.parser = .string(limit: n)
            self.lengthTypeName = "character(\(n))"
        } else {
            self.parser = Parser(type)
            self.lengthTypeName = type.sqlName
        }
        self.enumType = enumType
        self.carriedType = carriedType
        self.carriedElementType = carriedElementType
        self.carriedBitLength = bitLength
        if distinct {
            switch parser {
            case .uuid: uuids = UUIDColumn(uncoded: [])
            case .string, .json, .jsonb: strings = StringColumn(uncoded: [])
            default: break
            }
        }
        switch parser {
        case .bool: bools.reserveCapacity(capacity)
        case .integer, .timestamp, .dateOrTime: ints.reserveCapacity(capacity)
        case .float: doubles.reserveCapacity(capacity)
        case .numeric: ints.reserveCapacity(capacity)
        case .uuid: uuids.reserveCapacity(capacity)
        case .string, .json, .jsonb: strings.reserveCapacity(capacity)
        }
    }

    mutating func appendNull() {
        switch parser {
        case .bool: bools.append(false)
        case .integer, .timestamp, .dateOrTime: ints.append(0)
        case .float: doubles.append(0)
        case .numeric: ints.append(0); scales.append(0)
        case .uuid: _ = uuids.appendReturningCode(PGUUID(high: 0, low: 0), lookup: &uuidLookup)
        case .string, .json, .jsonb: _ = strings.appendReturningCode("", lookup: &stringLookup)
        }
        nullRows.append(count)
        count += 1
    }

    /// Parses one non-NULL field and appends it.
    @inline(__always)
    mutating func append(bytes: UnsafeRawBufferPointer, zone: PGTimeZone) throws(ValueError) {
        switch parser {
        case .uuid:
            if let last = lastUUID, last.matches(bytes) {
                uuids.append(last.value, code: last.code)
            } else {
                try appendNewUUID(bytes)
            }
        case .timestamp(let t):
            ints.append(try PGTimestamp.parse(bytes: bytes, zone: zone, type: t, days: &days))
        case .numeric(let p, let s):
            // The fixed-width fast path returns a plain optional; the general reader is the rare case.
            if let n = try PGNumeric.parseFixedWidth(bytes: bytes, precision: p, scale: s) {
                ints.append(n.unscaled)
                scales.append(Int16(truncatingIfNeeded: n.scale))
            } else {
                appendAnyWidth(try NumericValue.parseAnyWidth(bytes: bytes, precision: p, scale: s))
            }
        case .integer(let lo, let hi):
            ints.append(try PGInteger.parse(bytes: bytes, min: lo, max: hi, type: type))
        case .string(let limit):
            if let hit = interner.lookup(bytes) {
                strings.append(hit.value, code: internedCodes[hit.entry])
            } else {
                try appendNewString(bytes, limit: limit)
            }
        case .json:
            if let hit = interner.lookup(bytes) {
                strings.append(hit.value, code: internedCodes[hit.entry])
            } else {
                appendNew(try JSONBText.validated(try Self.validatedString(bytes)), bytes: bytes)
            }
        case .jsonb:
            if let hit = interner.lookup(bytes) {
                strings.append(hit.value, code: internedCodes[hit.entry])
            } else {
                appendNew(try JSONBText.canonical(try Self.validatedString(bytes)), bytes: bytes)
            }
        case .float:
            if let d = PGFloat.parsePlainDecimal(bytes: bytes, type: type) {
                doubles.append(d)
            } else {
                try appendSlowly(bytes, zone: zone)
            }
        case .bool, .dateOrTime:
            try appendSlowly(bytes, zone: zone)
        }
        count += 1
    }

    /// A bool, date or time field, or a float field that is not a plain decimal: through its
    /// text and ``Value/parse(_:as:zone:)`` (the encoding check first, as COPY does).
    @inline(never)
    private mutating func appendSlowly(_ bytes: UnsafeRawBufferPointer, zone: PGTimeZone) throws(ValueError) {
        let text = try Self.validatedString(bytes)
        switch try Value.parse(text, as: type, zone: zone) {
        case .bool(let b): bools.append(b)
        case .float(let d): doubles.append(d)
        case .date(let v), .time(let v): ints.append(v)
        default: throw .invalidSyntax(type: type.sqlName, text: text)
        }
    }

    /// Parses and appends a uuid that does not repeat the last one. A plain column (random ids)
    /// remembers nothing: its values do not repeat.
    private mutating func appendNewUUID(_ bytes: UnsafeRawBufferPointer) throws(ValueError) {
        let u: PGUUID
        if let c = Self.canonicalUUID(bytes) { u = c } else { u = try PGUUID.parse(bytes: bytes) }
        if let code = uuids.appendReturningCode(u, lookup: &uuidLookup) {
            lastUUID = RepeatedUUID(text: bytes, value: u, code: code)
        }
    }

    /// A text field the interner did not have: checked (length, UTF-8, an enum's labels, a carried
    /// type's input rules) and appended.
    /// Kept out of line so the per-field path stays small.
    @inline(never)
    private mutating func appendNewString(_ bytes: UnsafeRawBufferPointer, limit: Int?) throws(ValueError) {
        let value = try Self.makeString(bytes, limit: limit, typeName: lengthTypeName)
        if let enumType, !enumType.labels.contains(value) { throw .invalidEnumLabel(type: enumType.name, text: value) }
        if let carriedType {
            try UnmodelledTypeInput.check(value, catalogType: carriedType, elementType: carriedElementType, bitLength: carriedBitLength)
        }
        appendNew(value, bytes: bytes)
    }

    /// Appends a text value the interner did not have, and interns it when there is room.
    @inline(never)
    private mutating func appendNew(_ value: String, bytes: UnsafeRawBufferPointer) {
        let code = strings.appendReturningCode(value, lookup: &stringLookup)
        if interner.insert(bytes, value) != nil { internedCodes.append(code ?? 0) }
    }

    /// Appends a NUMERIC the general reader returned (an exponent, or more than 18 digits).
    @inline(never)
    private mutating func appendAnyWidth(_ value: NumericValue) {
        switch value {
        case .narrow(let n):
            ints.append(n.unscaled)
            scales.append(Int16(truncatingIfNeeded: n.scale))
        case .wide(let w):
            wideNumerics.append((count, w))
            ints.append(0)
            scales.append(0)
        }
    }

    /// Appends a value already of this column's type (a column default).
    mutating func append(value: Value) {
        switch value {
        case .null: appendNull(); return
        case .bool(let b): bools.append(b)
        case .int(let v), .timestamp(let v), .date(let v), .time(let v): ints.append(v)
        case .float(let d): doubles.append(d)
        case .numeric(let n):
            let scaled: PGNumeric
            if case .numeric(_, let s?) = parser, let r = n.rescaled(to: s) { scaled = r } else { scaled = n }
            ints.append(scaled.unscaled); scales.append(Int16(truncatingIfNeeded: scaled.scale))
        case .wideNumeric(let w):
            wideNumerics.append((count, w)); ints.append(0); scales.append(0)
        case .uuid(let u): _ = uuids.appendReturningCode(u, lookup: &uuidLookup)
        case .text(let s), .jsonb(let s): _ = strings.appendReturningCode(s, lookup: &stringLookup)
        case .interval: appendNull(); return
        }
        count += 1
    }

    /// Drops rows past `n` (the partial row of a failed record).
    mutating func truncate(to n: Int) {
        guard count > n else { return }
        count = n
        while let last = nullRows.last, last >= n { nullRows.removeLast() }
        if bools.count > n { bools.removeLast(bools.count - n) }
        if ints.count > n { ints.removeLast(ints.count - n) }
        if doubles.count > n { doubles.removeLast(doubles.count - n) }
        if scales.count > n { scales.removeLast(scales.count - n) }
        if uuids.count > n { uuids.removeLast(uuids.count - n) }
        if strings.count > n { strings.removeLast(strings.count - n) }
        while let last = wideNumerics.last, last.row >= n { wideNumerics.removeLast() }
    }

    /// The finished vector.
    func vector() -> ColumnVector {
        let storage: ColumnVector.Storage
        switch parser {
        case .bool: storage = .bool(bools)
        case .integer: storage = .int64(ints)
        case .timestamp, .dateOrTime: storage = .time(ints)
        case .float: storage = .double(doubles)
        case .numeric where !wideNumerics.isEmpty:
            var values = ColumnVector.numericValues(unscaled: ints, scales: scales)
            for (row, value) in wideNumerics { values[row] = .wide(value) }
            storage = .wideNumeric(values)
        case .numeric: storage = .numeric(unscaled: ints, scales: scales)
        case .uuid: storage = .uuid(uuids)
        case .string, .json, .jsonb: storage = .string(strings)
        }
        guard !nullRows.isEmpty else { return ColumnVector(type: type, storage: storage) }
        var isNull = [Bool](repeating: false, count: count)
        for r in nullRows { isNull[r] = true }
        return ColumnVector(type: type, storage: storage, isNull: isNull)
    }

    // MARK: - Field parsers

    /// The 8-4-4-4-12 form `uuid_out` writes, decoded without the general parser's state machine;
    /// nil sends every other spelling (braces, other hyphen placement, errors) to ``PGUUID/parse(bytes:)``.
    @inline(__always)
    static func canonicalUUID(_ b: UnsafeRawBufferPointer) -> PGUUID? {
        guard b.count == 36, let raw = b.baseAddress, b[8] == 0x2D, b[13] == 0x2D, b[18] == 0x2D, b[23] == 0x2D else { return nil }
        @inline(__always) func four(_ offset: Int) -> UInt64 {
            UInt64(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
        }
        // Eight hex digits at a time: 0-7 | 9-12 14-17 and 19-22 24-27 | 28-35.
        let a = hexDigits(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self)))
        let b = hexDigits(four(9) | four(14) << 32)
        let c = hexDigits(four(19) | four(24) << 32)
        let d = hexDigits(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 28, as: UInt64.self)))
        guard a.valid && b.valid && c.valid && d.valid else { return nil }
        return PGUUID(high: a.value << 32 | b.value, low: c.value << 32 | d.value)
    }

    /// The value of eight ASCII hex digits held in a word (the first digit in the lowest byte), all
    /// eight lanes at once, and whether every byte is a hex digit. No lane carries into the next:
    /// the bytes are checked to be below 0x80 and every constant added keeps them below 0x100.
    @inline(__always)
    static func hexDigits(_ x: UInt64) -> (value: UInt64, valid: Bool) {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        // '0'...'9': c + 0x50 reaches 0x80 and c + 0x46 does not; 'a'...'f' (either case) likewise.
        let digit = (x &+ (0x50 &* ones)) & ~(x &+ (0x46 &* ones))
        let lower = x | (0x20 &* ones)
        let letter = (lower &+ (0x1F &* ones)) & ~(lower &+ (0x19 &* ones))
        let valid = (x & highs) == 0 && ((digit | letter) & highs) == highs
        // A digit's low nibble is its value; a letter's (bit 6 set) is its value − 9.
        var v = ((x & (0x0F &* ones)) &+ 9 &* ((x >> 6) & ones)).byteSwapped
        v = (v | v >> 4) & 0x00FF_00FF_00FF_00FF
        v = (v | v >> 8) & 0x0000_FFFF_0000_FFFF
        v = (v | v >> 16) & 0x0000_0000_FFFF_FFFF
        return (v, valid)
    }

    /// A `String` from field bytes, refusing invalid UTF-8 as PostgreSQL's encoding check does.
    static func validatedString(_ b: UnsafeRawBufferPointer) throws(ValueError) -> String {
        if isASCII(b) { return String(decoding: b, as: UTF8.self) }
        guard let s = String(validating: b, as: UTF8.self) else {
            throw .invalidSyntax(type: "UTF8", text: invalidSequenceHex(b))
        }
        return s
    }

    @inline(__always)
    static func isASCII(_ b: UnsafeRawBufferPointer) -> Bool {
        for c in b where c >= 0x80 { return false }
        return true
    }

    /// PostgreSQL names the first bad byte sequence as `0xc3 0x28`.
    static func invalidSequenceHex(_ b: UnsafeRawBufferPointer) -> String {
        var i = 0
        while i < b.count {
            let c = b[i]
            let len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1
            let end = min(i + len, b.count)
            if c >= 0x80, String(validating: UnsafeRawBufferPointer(rebasing: b[i..<end]), as: UTF8.self) == nil {
                return b[i..<end].map { "0x" + String($0, radix: 16, uppercase: false).leftPadded(2) }.joined(separator: " ")
            }
            i += len
        }
        return "0x??"
    }

    /// varchar/text from field bytes; `varchar(n)` counts characters and lets trailing spaces
    /// past the limit go (`varchar_input`).
    static func makeString(_ b: UnsafeRawBufferPointer, limit: Int?, typeName: String) throws(ValueError) -> String {
        let ascii = Self.isASCII(b)
        var s: String
        if ascii { s = String(decoding: b, as: UTF8.self) } else {
            guard let v = String(validating: b, as: UTF8.self) else { throw .invalidSyntax(type: "UTF8", text: Self.invalidSequenceHex(b)) }
            s = v
        }
        if let limit {
            let chars = ascii ? b.count : b.reduce(0) { $0 + (($1 & 0xC0) == 0x80 ? 0 : 1) }
            if chars > limit {
                let scalars = Array(s.unicodeScalars)
                guard scalars[limit...].allSatisfy({ $0 == " " }) else { throw .valueTooLong(type: typeName) }
                var cut = String.UnicodeScalarView()
                cut.append(contentsOf: scalars[..<limit])
                s = String(cut)
            }
        }
        return s
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
