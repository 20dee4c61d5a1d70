/// Why a text value could not become a value of its column type.
///
/// Messages read like PostgreSQL's own; the COPY reader adds file, line and column.
public enum ValueError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `invalid input syntax for type <type>: "<text>"`
    case invalidSyntax(type: String, text: String)
    /// `value "<text>" is out of range for type <type>`
    case outOfRange(type: String, text: String)
    /// `timestamp out of range: "<text>"`
    case timestampOutOfRange(text: String)
    /// `date/time field value out of range: "<text>"` (a month, day or time field past its range);
    /// `monthOrDay` when a month past 12 or a day past 31 was the reason (`DTERR_MD_FIELD_OVERFLOW`),
    /// which the server's error carries a datestyle hint for (``hint``).
    case dateTimeFieldOutOfRange(text: String, monthOrDay: Bool = false)
    /// `date out of range: "<text>"`
    case dateOutOfRange(text: String)
    /// `time zone displacement out of range: "<text>"`
    case timeZoneDisplacementOutOfRange(text: String)
    /// `numeric field overflow`, with PostgreSQL's detail line.
    case numericFieldOverflow(precision: Int, scale: Int)
    /// `numeric field overflow` for `Infinity` / `-Infinity` in a `numeric(p,s)` column, with
    /// PostgreSQL's detail line for an infinite value.
    case numericFieldOverflowInfinite(precision: Int, scale: Int)
    /// `value overflows numeric format`: more than 131,072 digits before the point or 16,383 after
    /// it, or an exponent of 2^30 or more.
    case numericValueOverflow
    /// `value too long for type character varying(n)`
    case valueTooLong(type: String)
    /// A text `json_in` or `jsonb_in` refuses: `invalid input syntax for type json`, or
    /// `unsupported Unicode escape sequence` for `\u0000` in jsonb, with the server's DETAIL
    /// (`Token "p" is invalid.`) and CONTEXT (`JSON data, line 1: p`) lines.
    case invalidJSON(JSONRefusal)
    /// `invalid input value for enum <type>: "<text>"`: a label the enum type does not have.
    case invalidEnumLabel(type: String, text: String)
    /// `malformed array literal: "<text>"` / `malformed range literal: "<text>"` (`kind` "array" or
    /// "range"), with the input function's detail (`Unexpected end of input.`).
    case malformedLiteral(kind: String, text: String, detail: String?)
    /// Another refusal of an array's or a carried type's text, in the server's words: dimension
    /// limits and bounds (`number of array dimensions (7) exceeds the maximum allowed (6)`), or
    /// `invalid input syntax for type inet: "…"`.
    case refused(message: String, sqlState: String)
    /// `invalid cidr value: "<text>"`: a `cidr` with bits set right of its mask (the detail line
    /// says so).
    case invalidCidr(text: String)
    /// A value PostgreSQL would accept but Chunkwise cannot represent exactly (say, a numeric with more
    /// than 18 significant digits); never silently rounded.
    case unsupported(type: String, text: String, reason: String)

    /// The SQLSTATE PostgreSQL raises the error with: invalid_text_representation, numeric_value_out_of_range,
    /// datetime_field_overflow, string_data_right_truncation, untranslatable_character, and
    /// feature_not_supported for what Chunkwise cannot represent.
    public var sqlState: String {
        switch self {
        // A date/time type's input refuses a spelling as invalid_datetime_format (DateTimeParseError).
        case .invalidSyntax(let type, _) where Self.dateTimeTypeNames.contains(type): return "22007"
        case .invalidSyntax, .invalidEnumLabel, .malformedLiteral, .invalidCidr: return "22P02"
        case .invalidJSON(let refusal): return refusal.isUnsupportedEscape ? "22P05" : "22P02"
        case .refused(_, let state): return state
        case .outOfRange, .numericFieldOverflow, .numericFieldOverflowInfinite, .numericValueOverflow: return "22003"
        case .timestampOutOfRange, .dateTimeFieldOutOfRange, .dateOutOfRange: return "22008"
        case .timeZoneDisplacementOutOfRange: return "22009"
        case .valueTooLong: return "22001"
        case .unsupported: return "0A000"
        }
    }

    /// The type names date/time inputs refuse spellings under (`invalid input syntax for type date`).
    static let dateTimeTypeNames: Set<String> = [
        "timestamp with time zone", "timestamp without time zone", "timestamp", "date", "time", "time without time zone",
        "time with time zone", "interval",
    ]

    /// A value quoted as messages show it: whole up to 256 bytes; past that the first 256 bytes and
    /// the length, so a bad 50 MB field neither floods the terminal nor costs more than a copy.
    public static func quoted(_ text: String) -> String {
        let limit = 256
        let utf8 = text.utf8
        guard utf8.count > limit else { return "\"" + text + "\"" }
        var bytes = Array(utf8.prefix(limit))
        while let last = bytes.last, last & 0xC0 == 0x80 { bytes.removeLast() }
        if let last = bytes.last, last >= 0xC0 { bytes.removeLast() }
        return "\"" + String(decoding: bytes, as: UTF8.self) + "…\" (\(utf8.count) bytes, first \(bytes.count) shown)"
    }

    /// The server's ERROR line alone, for places that show it apart from ``detail`` (COPY's
    /// `DETAIL:` line, `check` findings).
    public var message: String {
        switch self {
        case .invalidSyntax(let type, let text): return "invalid input syntax for type \(type): \(Self.quoted(text))"
        case .outOfRange(let type, let text): return "value \(Self.quoted(text)) is out of range for type \(type)"
        case .timestampOutOfRange(let text): return "timestamp out of range: \(Self.quoted(text))"
        case .dateTimeFieldOutOfRange(let text, _): return "date/time field value out of range: \(Self.quoted(text))"
        case .dateOutOfRange(let text): return "date out of range: \(Self.quoted(text))"
        case .timeZoneDisplacementOutOfRange(let text): return "time zone displacement out of range: \(Self.quoted(text))"
        case .numericFieldOverflow, .numericFieldOverflowInfinite: return "numeric field overflow"
        case .numericValueOverflow: return "value overflows numeric format"
        case .valueTooLong(let type): return "value too long for type \(type)"
        // json's input names the bad token in its DETAIL line, not in the message.
        case .invalidJSON(let refusal): return refusal.message
        case .invalidEnumLabel(let type, let text): return "invalid input value for enum \(type): \(Self.quoted(text))"
        case .unsupported(let type, let text, let reason): return "unsupported value for type \(type): \(Self.quoted(text)) (\(reason))"
        case .malformedLiteral(let kind, let text, _): return "malformed \(kind) literal: \(Self.quoted(text))"
        case .refused(let message, _): return message
        case .invalidCidr(let text): return "invalid cidr value: \(Self.quoted(text))"
        }
    }

    /// The server's DETAIL line: numeric overflow's precision, which brace or quote a literal
    /// lacks, a cidr's host bits, JSON's bad token; nil for errors without one.
    public var detail: String? {
        switch self {
        case .numericFieldOverflow(let p, let s):
            return "A field with precision \(p), scale \(s) must round to an absolute value less than 10^\(p - s)."
        case .numericFieldOverflowInfinite(let p, let s): return "A field with precision \(p), scale \(s) cannot hold an infinite value."
        case .invalidCidr: return "Value has bits set to right of mask."
        case .malformedLiteral(_, _, let detail): return detail
        case .invalidJSON(let refusal): return refusal.detail
        default: return nil
        }
    }

    /// The server's HINT line: `Perhaps you need a different "datestyle" setting.` for a date
    /// whose month or day field is past its range (`2024-13-01`, `13/01/2024`); nil otherwise.
    public var hint: String? {
        switch self {
        case .dateTimeFieldOutOfRange(_, let monthOrDay):
            return monthOrDay ? "Perhaps you need a different \"datestyle\" setting." : nil
        default: return nil
        }
    }

    /// ``message`` with ``detail`` in parentheses, for places that show one line.
    public var description: String { message + (detail.map { " (\($0))" } ?? "") }
}
