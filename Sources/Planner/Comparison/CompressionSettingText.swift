import Storage

/// One `--setting` of `chunkwise compare`: `segmentby=ticker_id,interval;orderby=timestamp DESC`,
/// optionally with `;zstd_dictionary=off|on|auto` (an engine option, see ``ZstdDictionaryMode``).
///
/// Keys may come in any order; a missing `segmentby` means none, a missing `orderby` means
/// TimescaleDB's default (the time column DESC), a missing `zstd_dictionary` means the
/// comparison's own (`--zstd-dictionary`).
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
        for part in text.split(separator: ";") {
            let pair = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map { String($0) }
            let key = pair.first.map { CompressionSettingText.trim($0).lowercased() } ?? ""
            if key.isEmpty { continue }
            guard pair.count == 2 else { throw .invalidSetting(text: text, reason: "\"\(key)\" needs a value") }
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

    static func trim(_ s: String) -> String {
        String(s.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }

    /// The settings the engine uses for this text.
    func resolved(timeColumn: String, batchSize: Int, zstdLevel: Int32,
                  zstdDictionary: ZstdDictionaryMode = .off) throws(ComparisonError) -> CompressionSettings {
        do {
            var settings = try CompressionSettings(segmentBy: segmentBy, orderBy: orderBy, timeColumn: timeColumn, batchSizeLimit: batchSize)
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
    case engine(String)

    public var description: String {
        switch self {
        case .invalidSetting(let text, let reason): return "invalid setting \"\(text)\": \(reason)"
        case .engine(let message): return message
        }
    }
}
