import Foundation
import Schema
import Storage

/// Reads `--profile FILE`: a profile JSON written by `chunkwise profile`, or a COPY-CSV export
/// measured on the spot.
public enum ProfileSource {
    /// `flag` names the option the path came from in errors (`--profile` for plan, `--data` for
    /// `chunkwise profile`).
    public static func load(_ path: String, table: TableDefinition, zone: PGTimeZone, flag: String = "profile") throws(ScenarioError) -> MarketDataProfile {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue,
           let files = try? TableStore(directory: path).files(), !files.isEmpty {
            return try load(store: path, table: table)
        }
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .invalidValue(flag: flag, message: "\"\(path)\" is neither a built-in profile (\(MarketDataProfile.builtInNames.joined(separator: ", "))) nor a file")
        }
        guard !isDirectory.boolValue else {
            throw .invalidValue(flag: flag, message: "\"\(path)\" is a directory and not a table store (no *.cwstore file)")
        }
        if path.lowercased().hasSuffix(".json") {
            guard let data = FileManager.default.contents(atPath: path) else { throw .file(path, "could not read file \"\(path)\"") }
            do {
                return try MarketDataProfile.decode(json: data)
            } catch let error as MarketDataProfile.ValidationError {
                throw .invalidValue(flag: flag, message: "\(path): \(error.description)")
            } catch let error as DecodingError {
                throw .invalidValue(flag: flag, message: "\(path): not a profile written by `chunkwise profile`: \(Self.describe(error))")
            } catch {
                throw .invalidValue(flag: flag, message: "\(path): not a profile written by `chunkwise profile`: \(error)")
            }
        }
        let loaded: CopyLoadResult
        do {
            loaded = try CopyReader(table: table, zone: zone, loadTime: 0, seed: 1).load(path: path)
        } catch {
            // With PostgreSQL's DETAIL line (the failing row, the numeric's precision).
            throw .invalidValue(flag: flag, message: error.report)
        }
        var profile: MarketDataProfile
        do {
            profile = try MarketDataProfile.measure(loaded.rows, name: URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent,
                                                    source: path, omittedColumns: Set(loaded.omittedColumns))
                .clampedToUsableRanges()
        } catch {
            throw .invalidValue(flag: flag, message: "\(path): \(error.description)")
        }
        if let rounding = priceRoundingWarning(path: path, table: table, zone: zone, loaded: loaded) {
            profile.warnings = [rounding] + (profile.warnings ?? [])
        }
        do {
            try profile.validate()
        } catch {
            throw .invalidValue(flag: flag, message: "\(path): the measured profile's \(error.description)")
        }
        return profile
    }

    /// The warning for an export whose prices `table`'s `numeric(p, s)` columns store as 0
    /// (``ProfilePriceRounding``), nil when none does: `loaded` is `path` read as `table`.
    public static func priceRoundingWarning(path: String, table: TableDefinition, zone: PGTimeZone, loaded: CopyLoadResult) -> String? {
        ProfilePriceRounding.warning(path: path, table: table, zone: zone, loaded: loaded.rows)
    }

    /// A JSON decoding failure as the field's path and what was wrong (`price.level: expected a number`).
    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            let text = keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return text.hasPrefix(".") ? String(text.dropFirst()) : (text.isEmpty ? "(top level)" : text)
        }
        func kind(_ type: Any.Type) -> String {
            let name = "\(type)"
            if name.hasPrefix("Dictionary") { return "an object" }
            if name.hasPrefix("Array") { return "an array" }
            if name.contains("String") { return "a string" }
            if name.contains("Bool") { return "true or false" }
            if name.contains("Int") || name.contains("Double") { return "a number" }
            return name
        }
        switch error {
        case .keyNotFound(let key, let c): return "\(path(c.codingPath + [key])): missing"
        case .typeMismatch(let type, let c): return "\(path(c.codingPath)): expected \(kind(type))"
        case .valueNotFound(let type, let c): return "\(path(c.codingPath)): expected \(kind(type)), found null"
        case .dataCorrupted(let c): return "\(path(c.codingPath)): \(c.debugDescription)"
        @unknown default: return "\(error)"
        }
    }

    /// Measures the profile from the rows a table store (docs/STORE.md, `simulate --save`) holds for `table`.
    public static func load(store directory: String, table: TableDefinition) throws(ScenarioError) -> MarketDataProfile {
        let rows: RowSet
        do {
            rows = try TableStore(directory: directory).open(table: table.name).rows(table: table)
        } catch {
            throw .invalidValue(flag: "store", message: error.description)
        }
        do {
            return try MarketDataProfile.measure(rows, name: table.name, source: TableStore(directory: directory).path(table: table.name))
        } catch {
            throw .invalidValue(flag: "store", message: "\(directory): \(error.description)")
        }
    }
}
