import Schema
import Storage

/// One `--setting` of `chunkwise compare`: `segmentby=ticker_id,interval;orderby=timestamp DESC`,
/// optionally with `;zstd_dictionary=off|on|auto` (an engine option, see ``ZstdDictionaryMode``).
///
/// Keys may come in any order; a missing `segmentby` means none, a missing `orderby` means
/// TimescaleDB's default for the table and that segmentby (``TimescaleOrderByDefault``: the first
/// unique index's columns, then the dimensions, DESC, then other indexes' leading columns), a
/// missing `zstd_dictionary` means the comparison's own (`--zstd-dictionary`).
public struct CompressionSettingText: Sendable, Hashable {
    public var segmentBy: String
    public var orderBy: String?
    /// This setting's dictionary mode; nil takes ``CompressionComparison/zstdDictionary``.
    public var zstdDictionary: ZstdDictionaryMode?

    public init(segmentBy: String = "", orderBy: String? = nil, zstdDictionary: ZstdDictionaryMode? = nil) {
        self.segmentBy = segmentBy
        self.orderBy = orderBy
        self.zstdDictionary = zstdDictionary
    }

    /// Parses the `key=value;key=value` form; throws on unknown keys.
    public init(parsing text: String) throws(ComparisonError) {
        var segment = ""
        var order: String?
        var dictionary: ZstdDictionaryMode?
        var given: Set<String> = []
        for part in text.split(separator: ";") {
            let pair = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map { String($0) }
            let key = pair.first.map { CompressionSettingText.trim($0).lowercased() } ?? ""
            if key.isEmpty { continue }
            guard pair.count == 2 else { throw .invalidSetting(text: text, reason: "\"\(key)\" needs a value") }
            // A key given twice (under either spelling) would keep one silently: refused.
            let canonical = key.hasPrefix("compress_") ? String(key.dropFirst("compress_".count)) : key
            guard given.insert(canonical).inserted else { throw .invalidSetting(text: text, reason: "\"\(canonical)\" is given twice") }
            switch key {
            case "segmentby", "compress_segmentby": segment = Self.trim(pair[1])
            case "orderby", "compress_orderby": order = Self.trim(pair[1])
            case "zstd_dictionary":
                let value = Self.trim(pair[1]).lowercased()
                guard let mode = ZstdDictionaryMode(rawValue: value) else {
                    throw .invalidSetting(text: text, reason: "invalid value for zstd_dictionary: \"\(value)\" (expected off, on or auto)")
                }
                dictionary = mode
            default:
                throw .invalidSetting(text: text, reason: "unknown key \"\(key)\" (expected segmentby, orderby or zstd_dictionary)")
            }
        }
        self.init(segmentBy: segment, orderBy: order, zstdDictionary: dictionary)
    }

    /// TimescaleDB's default orderby text for `segmentBy` on `table` as a hypertable on
    /// `timeColumn` (nil: none, or a segmentby that does not parse: the settings say why).
    static func defaultOrderBy(table: TableDefinition, segmentBy: String, timeColumn: String) -> String? {
        let partitioning = [timeColumn] + (table.hypertable?.additionalDimensions.map(\.column) ?? [])
        return TimescaleOrderByDefault.keys(of: table, segmentByText: segmentBy, partitioning: partitioning).flatMap(TimescaleOrderByDefault.text)
    }

    static func trim(_ s: String) -> String {
        String(s.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }

    /// The settings the engine uses for this text on `table` (whose indexes give the default orderby).
    func resolved(table: TableDefinition, timeColumn: String, batchSize: Int, zstdLevel: Int32,
                  zstdDictionary: ZstdDictionaryMode = .off) throws(ComparisonError) -> CompressionSettings {
        do {
            let order = orderBy.flatMap { $0.isEmpty ? nil : $0 } ?? Self.defaultOrderBy(table: table, segmentBy: segmentBy, timeColumn: timeColumn)
            var settings = try CompressionSettings(segmentBy: segmentBy, orderBy: order, timeColumn: timeColumn, batchSizeLimit: batchSize)
            settings.zstdLevel = zstdLevel
            settings.zstdDictionary = self.zstdDictionary ?? zstdDictionary
            return settings
        } catch {
            throw .engine(error.description)
        }
    }
}

/// Why a comparison could not run.
public enum ComparisonError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidSetting(text: String, reason: String)
    /// A row duplicates a unique key of an earlier row; `incomingRow` counts the rows given to
    /// ``CompressionComparison/run(rows:rawCopyBytes:settings:)``, so a caller can name its file and line.
    case duplicateKey(UniqueViolation)
    case engine(String)

    public var description: String {
        switch self {
        case .invalidSetting(let text, let reason): return "invalid setting \"\(text)\": \(reason)"
        case .duplicateKey(let violation): return "\(violation.description) (row \(violation.incomingRow + 1))"
        case .engine(let message): return message
        }
    }
}
