import Foundation
import TOMLKit

/// What a user said about a capacity scenario, before resolution: every field optional, named as
/// the `plan` flags are (CLI.md). Flags, a scenario file (TOML, same names with `-` or `_`) and
/// defaults each give one; ``overriding(_:)`` layers them (flags over file over migrations over
/// defaults).
public struct ScenarioInput: Sendable, Hashable {
    public var table: String?
    public var tickers: Int?
    public var intervals: [String]?
    public var session: String?
    public var start: String?
    public var end: String?
    public var days: Int?
    public var years: Int?
    public var now: String?
    public var timezone: String?
    public var profile: String?
    public var chunkInterval: String?
    public var segmentby: String?
    public var orderby: String?
    public var compressAfter: String?
    public var retain: String?
    public var indexes: String?
    public var memory: String?
    public var sharedBuffers: String?
    public var timescaledb: String?
    public var edition: String?
    public var batchSize: Int?
    public var migrations: [String]?

    public init() {}

    /// `self` with every field `other` sets replaced by `other`'s.
    public func overriding(_ other: ScenarioInput) -> ScenarioInput {
        var r = self
        if let v = other.table { r.table = v }
        if let v = other.tickers { r.tickers = v }
        if let v = other.intervals { r.intervals = v }
        if let v = other.session { r.session = v }
        if let v = other.start { r.start = v }
        if let v = other.end { r.end = v; if other.days == nil && other.years == nil { r.days = nil; r.years = nil } }
        if let v = other.days { r.days = v; r.years = nil }
        if let v = other.years { r.years = v; r.days = nil }
        if let v = other.now { r.now = v }
        if let v = other.timezone { r.timezone = v }
        if let v = other.profile { r.profile = v }
        if let v = other.chunkInterval { r.chunkInterval = v }
        if let v = other.segmentby { r.segmentby = v }
        if let v = other.orderby { r.orderby = v }
        if let v = other.compressAfter { r.compressAfter = v }
        if let v = other.retain { r.retain = v }
        if let v = other.indexes { r.indexes = v }
        if let v = other.memory { r.memory = v }
        if let v = other.sharedBuffers { r.sharedBuffers = v }
        if let v = other.timescaledb { r.timescaledb = v }
        if let v = other.edition { r.edition = v }
        if let v = other.batchSize { r.batchSize = v }
        if let v = other.migrations { r.migrations = v }
        return r
    }

    /// Field names a scenario file may use (the flag names; `_` and `-` are the same).
    public static let fieldNames = ["table", "tickers", "intervals", "session", "start", "end", "days", "years", "now", "timezone",
                                    "profile", "chunk-interval", "segmentby", "orderby", "compress-after", "retain", "indexes",
                                    "memory", "shared-buffers", "timescaledb", "edition", "batch-size", "migrations"]

    /// Sets one field from text, as a flag would (`--vary` and scenario files use this).
    public mutating func set(_ field: String, text: String) throws(ScenarioError) {
        let name = field.replacingOccurrences(of: "_", with: "-").lowercased()
        func int() throws(ScenarioError) -> Int {
            guard let v = Int(text.trimmingCharacters(in: .whitespaces)) else {
                throw .invalidValue(flag: name, message: "invalid integer \"\(text)\"")
            }
            return v
        }
        switch name {
        case "table": table = text
        case "tickers": tickers = try int()
        case "intervals": intervals = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        case "session": session = text
        case "start": start = text
        case "end": end = text
        case "days": days = try int(); years = nil
        case "years": years = try int(); days = nil
        case "now": now = text
        case "timezone": timezone = text
        case "profile": profile = text
        case "chunk-interval": chunkInterval = text
        case "segmentby": segmentby = text
        case "orderby": orderby = text
        case "compress-after": compressAfter = text
        case "retain": retain = text
        case "indexes": indexes = text
        case "memory": memory = text
        case "shared-buffers": sharedBuffers = text
        case "timescaledb": timescaledb = text
        case "edition": edition = text
        case "batch-size": batchSize = try int()
        case "migrations": migrations = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        default:
            throw .unknownField(field)
        }
    }

    /// Reads a TOML scenario file: top-level keys named as the flags.
    public static func read(scenarioFile path: String) throws(ScenarioError) -> ScenarioInput {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .file(path, "could not open file \"\(path)\" for reading: No such file or directory")
        }
        return try parse(toml: String(decoding: data, as: UTF8.self), path: path)
    }

    /// Parses TOML scenario text; `path` names it in errors.
    public static func parse(toml text: String, path: String) throws(ScenarioError) -> ScenarioInput {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw .scenarioFile(path, "line \(error.source.begin.line), column \(error.source.begin.column): \(error.description)")
        } catch {
            throw .scenarioFile(path, "\(error)")
        }
        let json = table.convert(to: .json)
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else {
            throw .scenarioFile(path, "not a table of scenario fields")
        }
        var input = ScenarioInput()
        for key in object.keys.sorted() {
            let value = object[key]!
            let text: String
            switch value {
            case let s as String: text = s
            case let n as NSNumber: text = n.stringValue
            case let a as [Any]: text = a.map { "\($0)" }.joined(separator: ",")
            default: throw .scenarioFile(path, "field \"\(key)\": expected a string, number or array")
            }
            do {
                try input.set(key, text: text)
            } catch {
                throw .scenarioFile(path, "field \"\(key)\": \(error.description)")
            }
        }
        return input
    }
}
