/// The input functions of types Chunkwise stores no values of, as far as migrations meet them in
/// literals (`DEFAULT '…'`, `x <> ''`) and in COPY: `inet`/`cidr` (`network_in`), `bytea`
/// (`byteain`), `macaddr` and `macaddr8` (`macaddr_in`, `macaddr8_in`), `interval`
/// (`interval_in`), `money` (`cash_in`), `oid` (`oidin`), `bit`/`varbit` (`bit_in`, `varbit_in`),
/// `timetz` (`timetz_in`, in a UTC session), `point`, `line`, `lseg`, `box`, `circle` (geo_ops.c),
/// arrays (`array_in`) and built-in ranges (`range_in`). nil when the text is accepted or the type
/// is not one of these.
public enum UnmodelledTypeInput {
    static func refusal(_ text: String, typeName: String, catalog: PostgresBuiltinCatalog) -> String? {
        do {
            try check(text, catalogType: typeName, catalog: catalog)
            return nil
        } catch {
            // A finding carries the message line alone, as the server's ERROR line reads.
            return error.message
        }
    }

    /// The carried scalar types whose input is read (besides arrays and ranges).
    static let scalarTypes: Set<String> = ["inet", "cidr", "bytea", "macaddr", "interval", "money", "oid", "bit", "varbit", "macaddr8",
                                           "timetz", "point", "line", "lseg", "box", "circle"]

    /// `catalogType` when ``check(_:catalogType:catalog:)`` reads its values (addresses, bytea,
    /// arrays, ranges), nil for a type it passes unread.
    public static func checkedType(_ catalogType: String) -> String? {
        scalarTypes.contains(catalogType) || catalogType.hasPrefix("_")
            || PGRangeLiteral.subtypes[catalogType] != nil ? catalogType : nil
    }

    /// Reads `text` as a value of the carried type `catalogType` (`inet`, `cidr`, `_int4`, …)
    /// and throws what PostgreSQL's input function would refuse it with: an address that is not
    /// one, an array literal `array_in` refuses, or an array element its element type's input
    /// refuses (`invalid input syntax for type integer: "x"`). Types it does not read pass.
    /// `elementType` is an array column's element type with its modifier
    /// (``ColumnDefinition/arrayElementType``), applied to every element as `array_in` does.
    public static func check(_ text: String, catalogType: String, elementType modelled: ArrayElementType? = nil,
                             bitLength: Int? = nil, catalog: PostgresBuiltinCatalog = .shared) throws(ValueError) {
        switch catalogType {
        case _ where scalarTypes.contains(catalogType):
            try checkScalar(text, catalogType: catalogType, bitLength: bitLength)
        case _ where PGRangeLiteral.subtypes[catalogType] != nil:
            try checkRange(text, catalogType: catalogType)
        default:
            guard catalogType.hasPrefix("_"), let element = catalog.types[catalogType]?.element else { return }
            let literal: PGArrayLiteral
            switch PGArrayLiteral.parse(text) {
            case .success(let l): literal = l
            case .failure(let refusal):
                if let quoted = refusal.quoted { throw .malformedLiteral(kind: "array", text: quoted, detail: refusal.detail) }
                throw .refused(message: refusal.message, sqlState: refusal.sqlState)
            }
            for case let value? in literal.elements { try checkElement(value, elementType: element, modelled: modelled) }
        }
    }

    /// Reads one array element's text by its element type's input (`element` a catalog name:
    /// `int4`, `inet`, `int4range`, …; `modelled` the element type with the column's modifier,
    /// when the column declares one); unbounded text types and types it does not read pass.
    public static func checkElement(_ value: String, elementType element: String, modelled: ArrayElementType? = nil) throws(ValueError) {
        switch modelled {
        case .modelled(let type)?:
            _ = try Value.parse(value, as: type)
            return
        case .blankPadded(let length)?:
            try checkBlankPadded(value, length: length)
            return
        case .bitString(let length)?:
            try checkScalar(value, catalogType: element, bitLength: length)
            return
        case nil: break
        }
        switch element {
        case "box":
            // box's arrays separate elements with `;` (its typdelim), which the array reader,
            // splitting at commas, does not: their elements stay unread.
            return
        case _ where scalarTypes.contains(element):
            try checkScalar(value, catalogType: element)
        case "text", "varchar", "bpchar", "name", "char":
            return
        case _ where PGRangeLiteral.subtypes[element] != nil:
            try checkRange(value, catalogType: element)
        default:
            guard let type = PGType(sql: element) else { return }
            _ = try Value.parse(value, as: type)
        }
    }

    /// `bpcharin` with a length: more than `length` characters only when the rest are blanks.
    static func checkBlankPadded(_ value: String, length: Int) throws(ValueError) {
        var count = 0
        for c in value.unicodeScalars {
            count += 1
            if count > length && c != " " { throw .valueTooLong(type: "character(\(length))") }
        }
    }

    /// The scalar input functions above (`bit_in` and `varbit_in` with the column's length when
    /// known): what they refuse, in their words (an interval beyond its fields' range is refused as
    /// syntax here, `interval field value out of range` there).
    private static func checkScalar(_ text: String, catalogType: String, bitLength: Int? = nil) throws(ValueError) {
        func refuse<T>(_ result: Result<T, ValueError>) throws(ValueError) {
            if case .failure(let error) = result { throw error }
        }
        switch catalogType {
        case "bit", "varbit": try refuse(PGBitLiteral.parse(text, varying: catalogType == "varbit", length: bitLength))
        case "bytea": try refuse(PGByteaLiteral.parse(text))
        case "macaddr": try refuse(PGMacaddrLiteral.parse(text))
        case "macaddr8": try refuse(PGMacaddr8Literal.parse(text))
        case "money": try refuse(PGMoneyLiteral.parse(text))
        case "oid": try refuse(PGOidLiteral.parse(text))
        case "timetz": try refuse(PGTimetzLiteral.parse(text))
        case _ where PGGeometryLiteral.types.contains(catalogType): try refuse(PGGeometryLiteral.parse(text, type: catalogType))
        case "interval":
            guard PGInterval(text: text) == nil else { return }
            if PGInterval.hasClockFieldOverflow(text) {
                throw .refused(message: "interval field value out of range: \(ValueError.quoted(text))", sqlState: "22015")
            }
            throw .invalidSyntax(type: "interval", text: text)
        case "inet", "cidr":
            if case .failure(let refusal) = PGNetworkLiteral.parse(text, isCidr: catalogType == "cidr") {
                throw PGNetworkLiteral.error(refusal, text: text, type: catalogType)
            }
        default: return
        }
    }

    /// `range_in` of a built-in range type: the literal, each finite bound through the subtype's
    /// input, the bounds in order (`range_serialize`), and an integer range's canonical form
    /// (`[a, b)`), whose `+ 1` can leave the subtype's range.
    static func checkRange(_ text: String, catalogType: String) throws(ValueError) {
        guard let subtype = PGRangeLiteral.subtypes[catalogType] else { return }
        let literal: PGRangeLiteral
        switch PGRangeLiteral.parse(text) {
        case .success(let l): literal = l
        case .failure(let refusal): throw .malformedLiteral(kind: "range", text: text, detail: refusal.detail)
        }
        guard !literal.isEmpty else { return }
        let lower = try literal.lower.map { t throws(ValueError) in try Value.parse(t, as: subtype) }
        let upper = try literal.upper.map { t throws(ValueError) in try Value.parse(t, as: subtype) }
        if let lower, let upper, let order = rangeOrder(lower, upper) {
            if order > 0 {
                throw .refused(message: "range lower bound must be less than or equal to range upper bound", sqlState: "22000")
            }
            if order == 0 && !(literal.lowerInclusive && literal.upperInclusive) { return } // empty
        }
        let limit: (name: String, max: Int64)? = subtype == .int4 ? ("integer", Int64(Int32.max))
            : subtype == .int8 ? ("bigint", Int64.max) : nil
        if let limit {
            if case .int(let v)? = lower, !literal.lowerInclusive, v == limit.max {
                throw .refused(message: "\(limit.name) out of range", sqlState: "22003")
            }
            if case .int(let v)? = upper, literal.upperInclusive, v == limit.max {
                throw .refused(message: "\(limit.name) out of range", sqlState: "22003")
            }
        }
    }

    /// −1, 0, 1 for two bounds of one range subtype; nil for values it does not order.
    private static func rangeOrder(_ a: Value, _ b: Value) -> Int? {
        switch (a, b) {
        case (.int(let x), .int(let y)), (.timestamp(let x), .timestamp(let y)), (.date(let x), .date(let y)):
            return x < y ? -1 : (x == y ? 0 : 1)
        default:
            guard let x = a.numericValue, let y = b.numericValue else { return nil }
            return NumericValue.compare(x, y)
        }
    }
}
