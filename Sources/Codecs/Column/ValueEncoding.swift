/// Per-type codec choice for the values of a block's non-NULL rows: analyze every allowed
/// candidate, keep the smallest (ties go to the earlier, simpler codec).
enum ValueEncoding {
    static func encode(_ data: ColumnData, nulls: [Bool], options: EncodingOptions, into writer: inout ByteWriter) -> ValueChoice {
        let intAllowed: (IntegerCodecID) -> Bool = { options.allows($0.name) }
        switch data {
        case .int64(let all):
            let values = NullSlots.present(all, nulls: nulls)
            var analysis = IntegerAnalysis(values)
            let (id, _) = IntegerStream.choose(&analysis, allowed: intAllowed)
            id.codec.encode(&analysis, into: &writer)
            return ValueChoice(id: id.rawValue, name: id.name)

        case .float64(let all):
            let values = NullSlots.present(all, nulls: nulls)
            return FloatEncoding.encode(values, options: options, into: &writer)

        case .decimal(let u, let s):
            let plan = ScaledDecimalCodec.plan(unscaled: NullSlots.present(u, nulls: nulls), scales: NullSlots.present(s, nulls: nulls))
            let inner = ScaledDecimalCodec.encode(plan, into: &writer, allowed: intAllowed)
            return ValueChoice(id: ScaledDecimalCodec.id, name: "\(ScaledDecimalCodec.name)/\(inner.name)")

        case .bool(let all):
            let values = NullSlots.present(all, nulls: nulls)
            let runs = BoolRunCodec.analyze(values)
            if options.allows(BoolRunCodec.name) && runs < BoolBitmapCodec.analyze(values) {
                BoolRunCodec.encode(values, into: &writer)
                return ValueChoice(id: BoolRunCodec.id, name: BoolRunCodec.name)
            }
            BoolBitmapCodec.encode(values, into: &writer)
            return ValueChoice(id: BoolBitmapCodec.id, name: BoolBitmapCodec.name)

        case .uuid(let h, let l):
            return UUIDEncoding.encode(high: NullSlots.present(h, nulls: nulls), low: NullSlots.present(l, nulls: nulls),
                                       options: options, into: &writer)

        case .bytes(let all):
            return BytesEncoding.encode(NullSlots.present(all, nulls: nulls), options: options, into: &writer)
        }
    }

    static func decode(_ type: ColumnTypeTag, codec: UInt8, _ reader: inout ByteReader, count: Int) throws(CodecError) -> ColumnData {
        let at = reader.offset
        func unknown() -> CodecError { .corrupt(offset: at, reason: "unknown codec \(codec) for \(type)") }
        switch type {
        case .int64:
            guard let id = IntegerCodecID(rawValue: codec) else { throw unknown() }
            return .int64(try IntegerStream.decode(id, &reader, count: count))
        case .float64:
            return .float64(try FloatEncoding.decode(codec: codec, &reader, count: count))
        case .decimal:
            guard codec == ScaledDecimalCodec.id else { throw unknown() }
            let (u, s) = try ScaledDecimalCodec.decode(&reader, count: count)
            return .decimal(unscaled: u, scales: s)
        case .bool:
            switch codec {
            case BoolBitmapCodec.id: return .bool(try BoolBitmapCodec.decode(&reader, count: count))
            case BoolRunCodec.id: return .bool(try BoolRunCodec.decode(&reader, count: count))
            default: throw unknown()
            }
        case .uuid:
            let (h, l) = try UUIDEncoding.decode(codec: codec, &reader, count: count)
            return .uuid(high: h, low: l)
        case .bytes:
            return .bytes(try BytesEncoding.decode(codec: codec, &reader, count: count))
        }
    }

    static func zeros(_ type: ColumnTypeTag, count: Int) -> ColumnData {
        switch type {
        case .int64: return .int64(Array(repeating: 0, count: count))
        case .float64: return .float64(Array(repeating: 0, count: count))
        case .decimal: return .decimal(unscaled: Array(repeating: 0, count: count), scales: Array(repeating: 0, count: count))
        case .bool: return .bool(Array(repeating: false, count: count))
        case .uuid: return .uuid(high: Array(repeating: 0, count: count), low: Array(repeating: 0, count: count))
        case .bytes: return .bytes(Array(repeating: [], count: count))
        }
    }

    static func scatter(_ data: ColumnData, nulls: [Bool]) -> ColumnData {
        switch data {
        case .int64(let v): return .int64(NullSlots.scatter(v, nulls: nulls, zero: 0))
        case .float64(let v): return .float64(NullSlots.scatter(v, nulls: nulls, zero: 0))
        case .decimal(let u, let s):
            return .decimal(unscaled: NullSlots.scatter(u, nulls: nulls, zero: 0), scales: NullSlots.scatter(s, nulls: nulls, zero: 0))
        case .bool(let v): return .bool(NullSlots.scatter(v, nulls: nulls, zero: false))
        case .uuid(let h, let l):
            return .uuid(high: NullSlots.scatter(h, nulls: nulls, zero: 0), low: NullSlots.scatter(l, nulls: nulls, zero: 0))
        case .bytes(let v): return .bytes(NullSlots.scatter(v, nulls: nulls, zero: []))
        }
    }
}

/// Codec choice for doubles.
enum FloatEncoding {
    static func encode(_ values: [Double], options: EncodingOptions, into writer: inout ByteWriter) -> ValueChoice {
        let intAllowed: (IntegerCodecID) -> Bool = { options.allows($0.name) }
        var best = (id: PlainFloatCodec.id, size: PlainFloatCodec.analyze(values))
        var plan: DecimalFloatCodec.Plan?
        if options.allows(DecimalFloatCodec.name), let p = DecimalFloatCodec.plan(values) {
            plan = p
            let size = DecimalFloatCodec.analyze(p, allowed: intAllowed)
            if size < best.size { best = (DecimalFloatCodec.id, size) }
        }
        if options.allows(GorillaCodec.name) {
            let size = GorillaCodec.analyze(values)
            if size < best.size { best = (GorillaCodec.id, size) }
        }
        switch best.id {
        case DecimalFloatCodec.id:
            if let plan {
                let inner = DecimalFloatCodec.encode(plan, into: &writer, allowed: intAllowed)
                return ValueChoice(id: DecimalFloatCodec.id, name: "\(DecimalFloatCodec.name)/\(inner.name)")
            }
        case GorillaCodec.id:
            GorillaCodec.encode(values, into: &writer)
            return ValueChoice(id: GorillaCodec.id, name: GorillaCodec.name)
        default:
            break
        }
        PlainFloatCodec.encode(values, into: &writer)
        return ValueChoice(id: PlainFloatCodec.id, name: PlainFloatCodec.name)
    }

    static func decode(codec: UInt8, _ reader: inout ByteReader, count: Int) throws(CodecError) -> [Double] {
        switch codec {
        case PlainFloatCodec.id: return try PlainFloatCodec.decode(&reader, count: count)
        case GorillaCodec.id: return try GorillaCodec.decode(&reader, count: count)
        case DecimalFloatCodec.id: return try DecimalFloatCodec.decode(&reader, count: count)
        default: throw .corrupt(offset: reader.offset, reason: "unknown float codec \(codec)")
        }
    }
}

/// Codec choice for UUIDs.
enum UUIDEncoding {
    static func encode(high: [UInt64], low: [UInt64], options: EncodingOptions, into writer: inout ByteWriter) -> ValueChoice {
        if options.allows(UUIDDictionaryCodec.name), let plan = UUIDDictionaryCodec.plan(high: high, low: low),
           UUIDDictionaryCodec.analyze(plan) < UUIDPlainCodec.analyze(count: high.count) {
            UUIDDictionaryCodec.encode(plan, into: &writer)
            return ValueChoice(id: UUIDDictionaryCodec.id, name: UUIDDictionaryCodec.name)
        }
        UUIDPlainCodec.encode(high: high, low: low, into: &writer)
        return ValueChoice(id: UUIDPlainCodec.id, name: UUIDPlainCodec.name)
    }

    static func decode(codec: UInt8, _ reader: inout ByteReader, count: Int) throws(CodecError) -> (high: [UInt64], low: [UInt64]) {
        switch codec {
        case UUIDPlainCodec.id: return try UUIDPlainCodec.decode(&reader, count: count)
        case UUIDDictionaryCodec.id: return try UUIDDictionaryCodec.decode(&reader, count: count)
        default: throw .corrupt(offset: reader.offset, reason: "unknown uuid codec \(codec)")
        }
    }
}

/// Codec choice for strings.
enum BytesEncoding {
    static func encode(_ values: [[UInt8]], options: EncodingOptions, into writer: inout ByteWriter) -> ValueChoice {
        if options.allows(StringDictionaryCodec.name), var plan = StringDictionaryCodec.plan(values) {
            let dictionary = StringDictionaryCodec.analyze(&plan)
            // Length-prefixed costs every byte plus a lengths stream of at least its id byte: a
            // dictionary below that bound wins without sizing the lengths stream (nine integer
            // codec analyses over a value per row), which is the common case it exists for.
            let bytes = values.reduce(0) { $0 + $1.count }
            if dictionary < 1 + bytes
                || dictionary < LengthPrefixedCodec.analyze(values, lengths: LengthPrefixedCodec.lengths(values)) {
                StringDictionaryCodec.encode(plan, into: &writer)
                return ValueChoice(id: StringDictionaryCodec.id, name: StringDictionaryCodec.name)
            }
        }
        let lengths = LengthPrefixedCodec.lengths(values)
        LengthPrefixedCodec.encode(values, lengths: lengths, into: &writer)
        return ValueChoice(id: LengthPrefixedCodec.id, name: LengthPrefixedCodec.name)
    }

    static func decode(codec: UInt8, _ reader: inout ByteReader, count: Int) throws(CodecError) -> [[UInt8]] {
        switch codec {
        case LengthPrefixedCodec.id: return try LengthPrefixedCodec.decode(&reader, count: count)
        case StringDictionaryCodec.id: return try StringDictionaryCodec.decode(&reader, count: count)
        default: throw .corrupt(offset: reader.offset, reason: "unknown bytes codec \(codec)")
        }
    }

    /// The same values as `decode`, each as `String(decoding:as: UTF8.self)`, appended to `out`.
    static func decodeStrings(codec: UInt8, _ reader: inout ByteReader, count: Int, appendingTo out: inout [String]) throws(CodecError) {
        let string = { (bytes: ArraySlice<UInt8>) in String(decoding: bytes, as: UTF8.self) }
        switch codec {
        case LengthPrefixedCodec.id: try LengthPrefixedCodec.decode(&reader, count: count, make: string, appendingTo: &out)
        case StringDictionaryCodec.id: try StringDictionaryCodec.decode(&reader, count: count, make: string, appendingTo: &out)
        default: throw .corrupt(offset: reader.offset, reason: "unknown bytes codec \(codec)")
        }
    }
}
