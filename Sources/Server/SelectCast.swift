import Schema

/// The target of a `select=column::type` cast (PostgREST's `CAST(column AS type)`), converted as
/// PostgreSQL 15 converts, for the types Chunkwise models (``ValueCast``) and for two more:
/// - `char`/`character` (`character(1)`) and `bpchar` (unbounded): any value's text — what its
///   cast to `text` gives (`true` for a boolean) — cut to the length and blank-padded to it, as
///   an explicit cast does (`'2024-01-01 10:00+00'::timestamptz::char` is `2`, `101.50::char` `1`);
/// - a carried type the server reads and prints (``UnmodelledTypeOutput``: `interval`, `inet`,
///   `bytea`, `money`, …) from `text`/`varchar` through its input function
///   (`'1h30m'::interval` is `01:30:00`, `'x'` is `22007`), and `time` to `interval`; from any
///   other type PostgreSQL's `42846 cannot cast type integer to interval`, or `0A000` for a cast
///   it has that Chunkwise does not model (`integer` to `money`).
enum SelectCast: Equatable, Sendable {
    /// A modelled type.
    case type(PGType)
    /// `character(length)`; nil is `bpchar` without a length.
    case character(length: Int?)
    /// A carried type by its catalog name (`interval`).
    case carried(String)

    /// The carried types a value is cast to: printed by ``UnmodelledTypeOutput`` as strings
    /// (`oid`, a JSON number, `timetz`, whose `now` reads the clock, and `bit`, which is `bit(1)`
    /// in a cast and refuses other lengths, are left out).
    static let carriedTargets: Set<String> = UnmodelledTypeOutput.types.subtracting(["oid", "timetz", "bit"])

    /// The target `name` (as PostgREST passes it: letters, digits, `_`, `$`, spaces) names:
    /// `42704 type "x" does not exist` as PostgreSQL words it, `0A000` for a type it has that
    /// Chunkwise does not convert to.
    static func target(_ name: String) throws(RestError) -> SelectCast {
        if let type = PGType(sql: name) { return .type(type) }
        let catalogName: String
        do { catalogName = try PostgresBuiltinCatalog.shared.typeName(sql: name) } catch {
            throw RestError.postgres("42704", "type \"\(name.lowercased())\" does not exist")
        }
        if catalogName == "bpchar" {
            // `char` and `character` alone are character(1) (gram.y); `bpchar` has no length.
            return .character(length: name.lowercased().split(separator: " ") == ["bpchar"] ? nil : 1)
        }
        if carriedTargets.contains(catalogName) { return .carried(catalogName) }
        throw RestError.postgres("0A000", "chunkwise serve does not cast to type \(name)")
    }

    /// `value`, of `source`, cast to this target, with the type it then has (a cast to a carried
    /// type or to `character` is its output text, printed as a string as `to_json` prints it).
    func apply(_ value: Value, from source: PGType, zone: PGTimeZone) throws(RestError) -> (Value, PGType) {
        switch self {
        case .type(let target):
            if source == .jsonb, case .jsonb(let document) = value, let converted = try SelectCast.jsonbScalar(document, to: target, zone: zone) {
                return (converted, target)
            }
            do { return (try ValueCast.cast(value, from: source, to: target, zone: zone), target) } catch {
                throw RestError.postgres(error.sqlState, error.message, details: error.detail, hint: error.hint)
            }
        case .character(let length):
            guard !value.isNull else { return (.null, .text) }
            guard case .text(let text) = try SelectCast.type(.text).apply(value, from: source, zone: zone).0 else { return (.null, .text) }
            guard let length else { return (.text(text), .text) }
            var scalars = String.UnicodeScalarView(text.unicodeScalars.prefix(length))
            let count = scalars.count
            if count < length { scalars.append(contentsOf: repeatElement(" ", count: length - count)) }
            return (.text(String(scalars)), .text)
        case .carried(let catalogType):
            if let refusal = SelectCast.refusal(from: source, to: catalogType) { throw refusal }
            switch value {
            case .text(let text):
                do { try UnmodelledTypeInput.check(text, catalogType: catalogType) } catch {
                    throw RestError.postgres(error.sqlState, error.message, details: error.detail, hint: error.hint)
                }
                guard let printed = UnmodelledTypeOutput.text(text, catalogType: catalogType) else {
                    throw RestError.postgres("0A000", "chunkwise serve does not cast this value to type \(SelectCast.formatName(catalogType))")
                }
                return (.text(printed), .text)
            case .time(let micros):
                return (.text(PGInterval(microseconds: micros).description), .text)
            default:
                return (.null, .text)
            }
        }
    }

    /// `jsonb` to a number type or `boolean` (`jsonb_numeric`, `jsonb_int4`, `jsonb_bool`, …): a
    /// JSON number through `numeric` (`1.5` to `integer` is `2`), `true`/`false` to boolean, any
    /// other JSON value `22023 cannot cast jsonb string to type integer`; nil for other targets.
    static func jsonbScalar(_ document: String, to target: PGType, zone: PGTimeZone) throws(RestError) -> Value? {
        let isNumber: Bool
        switch target {
        case .int2, .int4, .int8, .numeric, .float4, .float8: isNumber = true
        case .bool: isNumber = false
        default: return nil
        }
        let text = document.trimmingCharacters(in: .whitespaces)
        let kind: String
        switch text.unicodeScalars.first {
        case "\""?: kind = "string"
        case "n"?: kind = "null"
        case "t"?, "f"?: kind = "boolean"
        case "["?: kind = "array"
        case "{"?: kind = "object"
        default: kind = "numeric"
        }
        if !isNumber {
            guard kind == "boolean" else { throw RestError.postgres("22023", "cannot cast jsonb \(kind) to type boolean") }
            return .bool(text == "true")
        }
        guard kind == "numeric" else { throw RestError.postgres("22023", "cannot cast jsonb \(kind) to type \(formatName(target))") }
        do {
            let number = try Value.parse(text, as: .numeric(precision: nil, scale: nil), zone: zone)
            return try ValueCast.cast(number, from: .numeric(precision: nil, scale: nil), to: target, zone: zone)
        } catch {
            throw RestError.postgres(error.sqlState, error.message, details: error.detail, hint: error.hint)
        }
    }

    /// Why PostgreSQL refuses to cast `source` to the carried type `catalogType` — while it plans
    /// the statement, before any row is read — or nil: `text`/`varchar` (their input function)
    /// and `time` to `interval` convert; pg_cast's other casts from modelled types (`integer` to
    /// `money`, to `bit`) are not modelled here (`0A000`); any other source has no cast (`42846`).
    static func refusal(from source: PGType, to catalogType: String) -> RestError? {
        switch source {
        case .text, .varchar: return nil
        case .time where catalogType == "interval": return nil
        default: break
        }
        let name = formatName(catalogType)
        let modelledCasts: Set<String> = ["int4 money", "int8 money", "numeric money"]
        if modelledCasts.contains("\(source.catalogName) \(catalogType)") {
            return RestError.postgres("0A000", "chunkwise serve does not cast \(formatName(source)) to type \(name)")
        }
        return RestError.postgres("42846", "cannot cast type \(formatName(source)) to \(name)")
    }

    /// The carried column types a value is cast from: those whose cast to `text` is their output
    /// text (`inet` and `cidr` have `text(inet)`, which prints the mask; `oid` and `timetz` are left out).
    static let castableCarried: Set<String> = carriedTargets.subtracting(["inet", "cidr"])

    /// pg_cast's casts from a castable carried type to a modelled one (not modelled: `0A000`).
    static let carriedCastsToModelled: [String: Set<PGType>] = ["interval": [.time], "money": [.numeric(precision: nil, scale: nil)]]

    /// A value of the carried column type `source`, given as its printed text, cast to this
    /// target: to `text`, `varchar`, `character` or `source` itself its text (cut to the
    /// length); to another type PostgreSQL's `42846`, or `0A000` for a cast it has that is not
    /// modelled here (`interval` to `time`).
    func apply(carried source: String, _ printed: Value, zone: PGTimeZone) throws(RestError) -> (Value, PGType) {
        if let refusal = refusal(fromCarried: source) { throw refusal }
        switch self {
        case .type(let target): return try SelectCast.type(target).apply(printed, from: .text, zone: zone)
        case .character: return try apply(printed, from: .text, zone: zone)
        case .carried: return (printed, .text)
        }
    }

    /// Why PostgreSQL refuses this cast from the carried type `source`, or nil.
    func refusal(fromCarried source: String) -> RestError? {
        let name = SelectCast.formatName(source)
        switch self {
        case .type(.text), .type(.varchar), .character: return nil
        case .carried(let target) where target == source: return nil
        case .carried(let target):
            return RestError.postgres("0A000", "chunkwise serve does not cast \(name) to type \(SelectCast.formatName(target))")
        case .type(let target):
            let base: PGType
            if case .numeric = target { base = .numeric(precision: nil, scale: nil) } else { base = target }
            if SelectCast.carriedCastsToModelled[source]?.contains(base) == true {
                return RestError.postgres("0A000", "chunkwise serve does not cast \(name) to type \(SelectCast.formatName(target))")
            }
            return RestError.postgres("42846", "cannot cast type \(name) to \(SelectCast.formatName(target))")
        }
    }

    /// `format_type_be`'s name of a carried type, as a cast error words it.
    static func formatName(_ catalogType: String) -> String {
        switch catalogType {
        case "varbit": return "bit varying"
        case "timetz": return "time with time zone"
        default: return catalogType
        }
    }

    /// `format_type_be`'s name of a modelled type: no modifier (`numeric`, `character varying`), as
    /// PostgreSQL's cast, operator and IS TRUE errors name it.
    static func formatName(_ type: PGType) -> String {
        switch type {
        case .numeric: return "numeric"
        case .varchar: return "character varying"
        default: return type.sqlName
        }
    }

}
