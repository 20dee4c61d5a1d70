import Analytics
import Foundation
import Schema
import Storage
import Synchronization

/// What `chunkwise serve` answers from: the tables (definitions from the migrations or the
/// built-in NQP ones, rows from COPY CSV files), the functions and their GRANTs, and the session
/// (`now()`, time zone). Shared by every request; writes are serialized and atomic per request.
public final class ServedDatabase: Sendable {
    /// How the server is set up.
    public struct Configuration: Sendable {
        /// Migration SQL files (`--schema`); none means the built-in NQP tables and migration 010's functions.
        public var schemaFiles: [String] = []
        /// COPY CSV files or directories of them (`--data`); a file belongs to the table its name starts with.
        public var dataPaths: [String] = []
        /// Table-store directories (`--store`, docs/STORE.md): every table saved there is loaded into
        /// the served table of its name before the `--data` files, which add to it.
        public var storeDirectories: [String] = []
        /// `--now`: `now()` for every request (µs); nil is the wall clock at each request.
        public var now: Int64?
        /// The session TimeZone: how timestamptz values print, where `- N days` steps.
        public var timeZone: PGTimeZone = .utc
        /// `--jwt-secret`: verify tokens and check roles against the GRANTs; nil trusts every request.
        public var jwtSecret: String?
        /// PostgREST's `db-anon-role`.
        public var anonymousRole = "anon"
        /// `--max-rows`: PostgREST's `db-max-rows`, the most rows a table read or a function call
        /// answers (the window is cut there; a count still counts every row); nil is no cap.
        public var maximumRows: Int?
        /// The largest request body accepted, in bytes.
        public var maximumBodyBytes = 16 << 20

        public init() {}
    }

    /// A setup error naming the file (and line) at fault.
    public struct LoadError: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    struct State: Sendable {
        var tables: [String: ServedTable]
        var analytics: NQPAnalytics?
        var writes: UInt64 = 0
    }

    public let configuration: Configuration
    public let functions: FunctionCatalog
    public let grants: Grants
    let verifier: TokenVerifier?
    private let state: Mutex<State>

    public init(_ configuration: Configuration) throws(LoadError) {
        self.configuration = configuration
        var tables: [String: ServedTable] = [:]
        var grants = Grants()
        var functions = FunctionCatalog.nqp
        if configuration.schemaFiles.isEmpty {
            for (name, def) in NQPTables.all { tables[name] = ServedTable(definition: def) }
            for name in functions.signatures.keys { grants.functionCreated(name) }
        } else {
            var catalog = SchemaCatalog()
            for file in configuration.schemaFiles {
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw LoadError(description: "could not open file \"\(file)\" for reading: No such file or directory")
                }
                let statements: [SQLStatement]
                do { statements = try SQLParser.parse(text: String(decoding: data, as: UTF8.self), file: file) } catch {
                    throw LoadError(description: error.description)
                }
                for s in statements {
                    for d in catalog.apply(s) where d.severity == .error {
                        throw LoadError(description: "\(s.location): \(d.message)")
                    }
                    switch s.kind {
                    case .createFunction(let f): grants.functionCreated(f.name.lowercased())
                    case .notModelled:
                        grants.apply(statement: s.text, tables: catalog.tableOrder, functions: Array(catalog.functions.keys))
                    default: break
                    }
                }
            }
            for (name, def) in catalog.tables { tables[name] = ServedTable(definition: def) }
            do { functions = try FunctionCatalog(catalog) } catch { throw LoadError(description: error.description) }
        }
        self.functions = functions
        self.grants = grants
        verifier = configuration.jwtSecret.map { TokenVerifier(secret: $0, anonymousRole: configuration.anonymousRole) }
        let loadTime = configuration.now ?? ServedDatabase.wallClock()
        // gen_random_uuid() for rows that omit a uuid key: a random stream per file and per write.
        let seedBase = UInt64.random(in: 0...UInt64.max)
        var fileNumber: UInt64 = 0
        for directory in configuration.storeDirectories {
            do {
                for stored in try TableStore(directory: directory).openAll() {
                    guard let served = tables[stored.tableName] else {
                        throw LoadError(description: "\(stored.file): table \"\(stored.tableName)\" is not defined (tables: \(tables.keys.sorted().joined(separator: ", ")))")
                    }
                    let rows = try stored.rows(table: served.definition)
                    let merged = try UniqueKeyMerge.merge(existing: served.rows, incoming: rows, action: .error, zone: configuration.timeZone)
                    tables[stored.tableName] = ServedTable(definition: served.definition, rows: merged.rows)
                }
            } catch let error as LoadError {
                throw error
            } catch {
                throw LoadError(description: "\(error)")
            }
        }
        for file in try ServedDatabase.dataFiles(configuration.dataPaths) {
            fileNumber &+= 1
            guard let table = ServedDatabase.table(forFile: file, among: Array(tables.keys)) else {
                throw LoadError(description: "\(file): no table to load it into (name a file after its table: market_data.csv, predictions_2024.csv, …; tables: \(tables.keys.sorted().joined(separator: ", ")))")
            }
            guard var served = tables[table] else { continue }
            let loaded: CopyLoadResult
            do {
                loaded = try CopyReader(table: served.definition, zone: configuration.timeZone, loadTime: loadTime,
                                        seed: seedBase &+ fileNumber).load(path: file)
            } catch {
                throw LoadError(description: error.description)
            }
            do {
                let merged = try UniqueKeyMerge.merge(existing: served.rows, incoming: loaded.rows, action: .error, zone: configuration.timeZone)
                served = ServedTable(definition: served.definition, rows: merged.rows)
            } catch {
                let line = error.incomingRow < loaded.lines.count ? Int(loaded.lines[error.incomingRow]) : 0
                throw LoadError(description: CopyError(error, file: file, line: line, table: table).description)
            }
            tables[table] = served
        }
        state = Mutex(State(tables: tables, writes: seedBase &+ (1 << 32)))
    }

    /// `now()` for a request.
    public var now: Int64 { configuration.now ?? ServedDatabase.wallClock() }

    static func wallClock() -> Int64 { WallClock.microseconds }

    /// The session of a request.
    public var session: AnalyticsSession { AnalyticsSession(now: now, timeZone: configuration.timeZone) }

    /// A table's current rows (a snapshot; later writes do not change it).
    public func table(_ name: String) -> ServedTable? { state.withLock { $0.tables[name] } }

    /// The analytics functions over the current rows of `market_data`, `predictions` and
    /// `block_predictions` (rebuilt after a write, on the next call).
    public func analytics() throws(FunctionCallError) -> NQPAnalytics {
        let (cached, tables, version) = state.withLock { s in (s.analytics, s.tables, s.writes) }
        var analytics: NQPAnalytics
        if let cached {
            analytics = cached
        } else {
            do {
                analytics = NQPAnalytics(session: session)
                if let md = tables["market_data"] { analytics.marketData = try InMemoryMarketData(rows: md.rows) }
                if let p = tables["predictions"] { analytics.predictions = try InMemoryPredictions(rows: p.rows) }
                if let b = tables["block_predictions"] { analytics.blockPredictions = try InMemoryPredictions(rows: b.rows) }
            } catch {
                throw .evaluation(sqlState: "XX000", message: error.description)
            }
            let built = analytics
            state.withLock { s in if s.analytics == nil && s.writes == version { s.analytics = built } }
        }
        analytics.session = session
        return analytics
    }

    /// Runs `body` on a table under the write lock; its changes are kept only if it returns.
    public func write<T: Sendable>(_ name: String, _ body: (inout ServedTable, UInt64) throws(RestError) -> T) throws(RestError) -> T {
        try state.withLock { (s: inout State) throws(RestError) -> T in
            guard var table = s.tables[name] else { throw RestError.unknownTable(name) }
            s.writes &+= 1
            let result = try body(&table, s.writes)
            s.tables[name] = table
            s.analytics = nil
            return result
        }
    }

    /// Files named by `--data`: each file itself, each `*.csv` of a directory (sorted).
    static func dataFiles(_ paths: [String]) throws(LoadError) -> [String] {
        var out: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw LoadError(description: "could not open file \"\(path)\" for reading: No such file or directory")
            }
            if isDirectory.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                out += names.filter { $0.hasSuffix(".csv") }.sorted().map { (path as NSString).appendingPathComponent($0) }
            } else {
                out.append(path)
            }
        }
        return out
    }

    /// The table a data file is for: the longest table name its base name equals or starts with
    /// followed by `_`, `-` or `.` (`market_data_sample.csv` → `market_data`).
    static func table(forFile path: String, among tables: [String]) -> String? {
        let base = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        return tables.filter { t in
            base == t || (base.hasPrefix(t) && ["_", "-", "."].contains(base[base.index(base.startIndex, offsetBy: t.count)]))
        }.max { $0.count < $1.count }
    }
}
