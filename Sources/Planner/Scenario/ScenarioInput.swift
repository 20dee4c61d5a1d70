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
    /// An integer time column's unit (`s`, `ms`, `us`, `ns`).
    public var timeUnit: String?
    /// The column to partition by when the migrations do not call create_hypertable (or the one
    /// they do, confirmed): otherwise ``TableDefinition/marketDataTimeColumn``'s choice.
    public var timeColumn: String?

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
        if let v = other.timeUnit { r.timeUnit = v }
        if let v = other.timeColumn { r.timeColumn = v }
        return r
    }

    /// Field names a scenario file may use (the flag names; `_` and `-` are the same).
    public static let fieldNames = ["table", "tickers", "intervals", "session", "start", "end", "days", "years", "now", "timezone",
                                    "profile", "chunk-interval", "segmentby", "orderby", "compress-after", "retain", "indexes",
                                    "memory", "shared-buffers", "timescaledb", "edition", "batch-size", "migrations", "time-unit"]

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
        case "time-unit": timeUnit = text
        case "time-column": timeColumn = text
        default:
            throw .unknownField(field)
        }
    }

    /// Reads a TOML scenario file: top-level keys named as the flags. Anything readable is read
    /// (a regular file, `/dev/null`, a pipe such as `<(…)`); a missing path and a directory are
    /// told apart.
    public static func read(scenarioFile path: String) throws(ScenarioError) -> ScenarioInput {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .file(path, "could not open file \"\(path)\" for reading: No such file or directory")
        }
        guard !isDirectory.boolValue else { throw .file(path, "could not read file \"\(path)\": it is a directory") }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .file(path, "could not open file \"\(path)\" for reading: Permission denied")
        }
        defer { try? handle.close() }
        let data: Data
        do { data = try handle.readToEnd() ?? Data() } catch {
            throw .file(path, "could not read file \"\(path)\": \(error.localizedDescription)")
        }
        return try parse(toml: String(decoding: data, as: UTF8.self), path: path)
    }

    /// Parses TOML scenario text; `path` names it in errors.
    public static func parse(toml text: String, path: String) throws(ScenarioError) -> ScenarioInput {
        // The TOML reader stops at a NUL byte; a file holding one is not a scenario.
        if let nul = text.utf8.firstIndex(of: 0) {
            let before = text.utf8[..<nul]
            let line = before.reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
            let column = before.count - (before.lastIndex(of: UInt8(ascii: "\n")).map { before.distance(from: before.startIndex, to: $0) + 1 } ?? 0) + 1
            throw .scenarioFile(path, "line \(line), column \(column): a NUL byte (a scenario file is TOML text)")
        }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw .scenarioFile(path, "line \(error.source.begin.line), column \(error.source.begin.column): \(error.description)")
        } catch {
            throw .scenarioFile(path, "\(error)")
        }
        let keys = table.keys.sorted()
        let spelled = Set(keys.map { $0.replacingOccurrences(of: "_", with: "-").lowercased() })
        if spelled.contains("days") && spelled.contains("years") {
            throw .scenarioFile(path, "fields \"days\" and \"years\" both give the span; keep one")
        }
        var input = ScenarioInput()
        for key in keys {
            guard let value = table[key] else { continue }
            let text: String
            do { text = try fieldText(value) } catch {
                throw .scenarioFile(path, "field \"\(key)\": \(error.message)")
            }
            do {
                try input.set(key, text: text)
            } catch {
                throw .scenarioFile(path, "field \"\(key)\": \(error.description)")
            }
        }
        return input
    }

    private struct FieldTypeError: Error {
        let message: String
    }

    /// A field's value as the flag's text: strings as written, integers in decimal (TOML's hex,
    /// octal and binary forms included), whole floats without a fraction, arrays comma-joined,
    /// TOML dates and times as written.
    private static func fieldText(_ value: any TOMLValueConvertible) throws(FieldTypeError) -> String {
        switch value.type {
        case .string: return value.string ?? ""
        case .int: return value.int.map { String($0) } ?? ""
        case .double:
            let d = value.double ?? .nan
            guard d.isFinite else { throw FieldTypeError(message: "expected a finite number, got \(d)") }
            return d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
        case .array:
            var parts: [String] = []
            for element in value.array ?? TOMLArray() {
                guard element.type != .array, element.type != .table else {
                    throw FieldTypeError(message: "expected an array of strings or numbers, not nested arrays or tables")
                }
                parts.append(try fieldText(element))
            }
            return parts.joined(separator: ",")
        case .dateTime:
            // Written out here: TOMLKit's own text gives a local date-time (no offset) an offset of
            // UTC, where TOML means local time — the session zone's, as for every other time.
            guard let dt = value.dateTime else { return "\(value)" }
            var text = String(format: "%04d-%02d-%02d %02d:%02d:%02d", dt.date.year, dt.date.month, dt.date.day,
                              dt.time.hour, dt.time.minute, dt.time.second)
            if dt.time.nanoSecond > 0 { text += String(format: ".%06d", dt.time.nanoSecond / 1_000) }
            if let minutes = dt.offset?.offset {
                text += (minutes < 0 ? "-" : "+") + String(format: "%02d:%02d", abs(minutes) / 60, abs(minutes) % 60)
            }
            return text
        case .date, .time: return "\(value)"
        case .bool: throw FieldTypeError(message: "expected a string, number or array, got a boolean (write \"none\" to turn a policy off)")
        case .table: throw FieldTypeError(message: "expected a string, number or array, got a table (scenario fields are top-level keys)")
        }
    }
}
