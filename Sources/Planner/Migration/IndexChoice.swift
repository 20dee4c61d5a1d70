import Foundation
import PostgresModel
import Schema
import Storage

/// The indexes `chunkwise migrate` emits: those the latency model (docs/LATENCY_MODEL.md) says
/// PostgreSQL 15 / TimescaleDB will use for the NQP queries Q1–Q3 on the migrated table, chosen
/// among the table's own indexes, migration 009's (with `--indexes 009`), TimescaleDB's default
/// time index and the indexes the queries' conditions suggest; and for every index no query uses
/// (dead weight), what it costs in bytes (the PostgreSQL 15 size model on the scenario's rows) and
/// in insert time (``insertMicrosecondsPerEntry`` per row and index).
///
/// Q4 and Q5 read the prediction tables, which `migrate` does not touch: no index of the migrated
/// table serves them.
public struct IndexChoice: Sendable, Codable {
    /// Where a candidate index comes from.
    public enum Origin: String, Sendable, Codable, Hashable {
        /// The table's own index (its migrations, or the scenario's table).
        case table
        /// A primary key or unique constraint rebuilt with the time column (the keys step).
        case rebuiltKey = "rebuilt_key"
        /// Migration 009's (`--indexes 009`).
        case migration009 = "009"
        /// What `create_hypertable` adds when no index on the time column alone exists.
        case timescaledbDefault = "timescaledb_default"
        /// Suggested by the queries' conditions (equality on ticker and interval, order on time).
        case proposed
    }

    public struct Candidate: Sendable, Codable, Hashable {
        public var index: IndexDefinitionText
        public var origin: Origin
        /// Backs a primary key or unique constraint: kept whatever the queries do.
        public var constraint: Bool
        /// `Q1 on C4` … for each predicted plan that scans it.
        public var usedBy: [String]
        /// The plain table's index with the rows kept at now (PostgreSQL 15 size model).
        public var plainBytes: Int
        /// The same index on the hypertable's uncompressed chunks at now (per row as on the plain
        /// table) plus the page compression leaves of it in each compressed chunk.
        public var hypertableBytes: Int
        /// Insert time the index adds per day of bars (rows per day × ``IndexChoice/insertMicrosecondsPerEntry``).
        public var insertMillisecondsPerDay: Double
        public var used: Bool { !usedBy.isEmpty }
    }

    /// What an index is, in words a comment can carry (the definition itself stays in the scenario).
    public struct IndexDefinitionText: Sendable, Codable, Hashable {
        public var name: String
        public var columns: [String]
        public var method: String
        public var partial: Bool
    }

    /// Predicted planning + execution (hot) of one query on one configuration.
    public struct QueryLatency: Sendable, Codable, Hashable {
        public var query: String
        public var config: String
        public var plan: String
        public var milliseconds: Double
    }

    public var candidates: [Candidate]
    /// With the table's own indexes (and TimescaleDB's default), on the plain table (C1) and the
    /// configurations judged.
    public var before: [QueryLatency]
    /// With the chosen indexes.
    public var after: [QueryLatency]
    /// The configurations the choice was judged on (C3, and C4 when chunks are compressed at now).
    public var configs: [String]
    public var rowsPerDay: Double
    /// Whether TimescaleDB's default time index is chosen (if not, `create_hypertable` is told
    /// `create_default_indexes => false`).
    public var keepsTimescaleDefault: Bool
    /// Indexes the model cannot judge (hash, GIN, GiST, expression keys): kept and not called dead weight.
    public var notModelled: [String]

    /// Insert cost of one B-tree entry, µs: the extra time a COPY of market_data-shaped rows in
    /// time order takes per row with one more secondary index, measured on PostgreSQL 15.20 on this
    /// project's VM, backend CPU time (`bench/index_insert_cost/measure.sh`, docs/MIGRATE.md:
    /// 1.9–5.4 µs for five index shapes; their median is used).
    public static let insertMicrosecondsPerEntry = 4.2

    /// The indexes to emit: chosen ones the table does not have yet.
    public var toCreate: [Candidate] { candidates.filter { $0.used && ($0.origin == .proposed || $0.origin == .migration009) } }
    /// The table's indexes no query uses (constraints excluded: they enforce uniqueness).
    /// (TimescaleDB's default time index, when unused, is not created: `create_default_indexes => false`.)
    public var deadWeight: [Candidate] { candidates.filter { !$0.used && !$0.constraint && $0.origin == .table } }
    /// Constraint indexes no query uses (kept; their cost is stated).
    public var unusedConstraints: [Candidate] { candidates.filter { !$0.used && $0.constraint } }
    /// Candidates of 009 or proposed that no query would use (not emitted).
    public var notEmitted: [Candidate] { candidates.filter { !$0.used && ($0.origin == .proposed || $0.origin == .migration009) } }

    /// The choice for a scenario and its plan; nil when the table lacks the market-data columns the
    /// NQP queries filter on (`ticker_id`, `interval`) or the plan has no chunk at now.
    public static func choose(scenario s: Scenario, facts: CapacityPlanner.PlanFacts) throws(PlanError) -> IndexChoice? {
        let table = s.table
        guard table.columnIndex("ticker_id") != nil, table.columnIndex("interval") != nil, facts.chunksAtNow > 0 else { return nil }
        let time = s.timeColumn

        // Candidates, each once by name and by key.
        var defs: [(IndexDefinition, Origin)] = []
        func has(_ keys: [IndexDefinition.Key]) -> Bool {
            defs.contains { d in d.0.predicateSQL == nil && d.0.method == .btree && d.0.keys.map(\.column) == keys.map(\.column) }
        }
        let tableNames = Set(table.indexes.map(\.name))
        for index in s.hypertableIndexes { defs.append((index, tableNames.contains(index.name) ? .table : .migration009)) }
        for index in s.droppedForHypertable where index.table == table.name && (index.origin == .primaryKey || index.origin == .uniqueConstraint) {
            var rebuilt = index
            rebuilt.keys.append(.init(column: time, descending: false))
            defs.append((rebuilt, .rebuiltKey))
        }
        // TimescaleDB's default time index, unless the migrations' create_hypertable turned it off.
        if table.hypertable?.createDefaultIndexes != false,
           !defs.contains(where: { $0.0.keyColumns == [time] && $0.0.keys.count == 1 && $0.0.predicateSQL == nil }) {
            defs.append((IndexDefinition(name: String("\(table.name)_\(time)_idx".prefix(63)), table: table.name,
                                         keys: [.init(column: time, descending: true)]), .timescaledbDefault))
        }
        for cols in [["ticker_id", "interval"], ["ticker_id"]] {
            let keys = cols.map { IndexDefinition.Key(column: $0, descending: false) } + [.init(column: time, descending: true)]
            guard !has(keys) else { continue }
            let name = String(("idx_" + table.name + "_" + (cols + [time]).joined(separator: "_")).prefix(63))
            guard !defs.contains(where: { $0.0.name == name }) else { continue }
            defs.append((IndexDefinition(name: name, table: table.name, keys: keys), .proposed))
        }

        // Bytes per row of each candidate: the PostgreSQL 15 model on consecutive rows, every index
        // maintained by inserts in load order (as on a table that takes its bars as they come).
        var sizeTable = table
        sizeTable.indexes = defs.map(\.0).filter { $0.method == .btree || $0.method == .brin }
        var sizeScenario = s
        sizeScenario.table = sizeTable
        let sampler = ChunkSampler(scenario: sizeScenario)
        let perDayPerTicker = facts.barsPerTickerPerDay.values.reduce(0, +)
        let width = min(s.tickers, 8)
        let days = max(2.0, min(Double(s.end - s.start) / 86_400e6, 16_000 / max(1, perDayPerTicker * Double(width))))
        let window = (s.start, min(s.end, s.start + Int64(days.rounded(.up)) * 86_400_000_000))
        let sample = try sampler.rows(window: window, tickers: width, seed: 1)
        guard sample.count >= 2 else { throw .empty("the index-size sample has no rows") }
        let profile: SizeProfile
        do {
            profile = try SizeProfile(sample: sample, build: { _ in .incremental }, context: EvaluationContext(now: s.now))
        } catch {
            throw .sampling("PostgreSQL size model: \(error)")
        }
        let rows = max(1, facts.rowsAtNow)
        let relations = Dictionary(profile.predict(rowCount: rows).map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let uncompressedShare = Double(max(0, facts.chunksAtNow - facts.compressedChunksAtNow)) / Double(max(1, facts.chunksAtNow))
        let rowsPerDay = perDayPerTicker * Double(s.tickers)

        // The model's view of each candidate: columns by the queries' names, pages per row.
        var notModelled: [String] = []
        var modelled: [(IndexDefinition, Origin, [String], Double)] = []  // definition, origin, columns, bytes per row
        for (d, o) in defs {
            guard d.method == .btree || d.method == .brin, let cols = PlanLatency.modelColumns(d, in: s) else { notModelled.append(d.name); continue }
            let r = relations[d.name]
            let perRow = r.map { Double($0.mainBytes + $0.fsmBytes + $0.vmBytes) / Double(rows) } ?? 40
            modelled.append((d, o, cols, perRow))
        }
        let base = PlanLatency.scenario(s, facts)
        func shapes(_ set: [(IndexDefinition, Origin, [String], Double)], rows r: Double, prefix: String) -> [IndexShape] {
            set.map { d, _, cols, perRow in
                IndexShape.derived(name: prefix + d.name, columns: cols, method: d.method == .brin ? .brin : .btree,
                                   pages: max(1, Int(min(1e15, (r * perRow / 8192).rounded(.up)))), rows: r, isPartial: d.predicateSQL != nil)
            }
        }
        func scenario(with set: [(IndexDefinition, Origin, [String], Double)]) -> LatencyScenario {
            var ls = base
            func rechunk(_ h: HypertableShape?) -> HypertableShape? {
                guard var h else { return nil }
                for i in h.chunks.indices where h.chunks[i].compressed == nil {
                    h.chunks[i].table.indexes = shapes(set, rows: h.chunks[i].table.rows, prefix: h.chunks[i].table.name + "_")
                }
                return h
            }
            ls.hypertable = rechunk(ls.hypertable)
            ls.compressedHypertable = rechunk(ls.compressedHypertable)
            ls.plain001.indexes = shapes(set, rows: ls.plain001.rows, prefix: "")
            return ls
        }
        let compressedAtNow = s.compression != nil && s.edition != "apache" && facts.compressedChunksAtNow > 0
        let configs: [StorageConfiguration] = compressedAtNow ? [.c3, .c4] : [.c3]
        let model = LatencyModel()
        func run(_ set: [(IndexDefinition, Origin, [String], Double)], plain: Bool = false) -> (latency: [QueryLatency], used: [String: [String]]) {
            let ls = scenario(with: set)
            var latency: [QueryLatency] = []
            var used: [String: [String]] = [:]
            for c in (plain ? [.c1] : []) + configs {
                for q in [LatencyQuery.q1, .q2, .q3] {
                    guard let p = model.explain(q, c, ls) else { continue }
                    latency.append(QueryLatency(query: q.rawValue, config: c.rawValue, plan: p.root.shape(),
                                                milliseconds: p.planningMs + p.executionMs))
                    var names = Set<String>()
                    func walk(_ n: PredictedPlanNode) {
                        if n.loops > 0, let ix = n.index,
                           let d = set.map(\.0.name).filter({ ix == $0 || ix.hasSuffix("_" + $0) }).max(by: { $0.count < $1.count }) {
                            names.insert(d)
                        }
                        n.children.forEach(walk)
                    }
                    walk(p.root)
                    if c != .c1 { for n in names { used[n, default: []].append("\(q.rawValue) on \(c.rawValue)") } }
                }
            }
            return (latency, used)
        }
        let everything = run(modelled)
        let own = modelled.filter { $0.1 == .table || $0.1 == .rebuiltKey || $0.1 == .timescaledbDefault }
        let before = run(own, plain: true).latency
        let keep = modelled.filter { everything.used[$0.0.name] != nil || $0.0.unique || $0.0.origin != .createIndex
 }
        let after = run(keep)

        let candidates = modelled.map { d, o, cols, perRow -> Candidate in
            let plain = relations[d.name].map { $0.mainBytes + $0.fsmBytes + $0.vmBytes } ?? Int((perRow * Double(rows)).rounded())
            let hyper = Int((perRow * Double(rows) * uncompressedShare).rounded()) + facts.compressedChunksAtNow * 8192
            return Candidate(index: IndexDefinitionText(name: d.name, columns: cols.map { $0.hasPrefix("timestamp") && time != "timestamp" ? time + $0.dropFirst(9) : $0 },
                                                        method: d.method.rawValue, partial: d.predicateSQL != nil),
                             origin: o, constraint: d.unique || d.origin != .createIndex, usedBy: after.used[d.name] ?? everything.used[d.name] ?? [],
                             plainBytes: plain, hypertableBytes: hyper,
                             insertMillisecondsPerDay: rowsPerDay * insertMicrosecondsPerEntry / 1000)
        }
        return IndexChoice(candidates: candidates, before: before, after: after.latency, configs: configs.map(\.rawValue),
                           rowsPerDay: rowsPerDay,
                           keepsTimescaleDefault: candidates.contains { $0.origin == .timescaledbDefault && $0.used },
                           notModelled: notModelled)
    }

    /// The index definitions behind the candidates to create, from the scenario (or as proposed).
    static func definition(_ c: Candidate, in s: Scenario) -> IndexDefinition {
        if let d = s.hypertableIndexes.first(where: { $0.name == c.index.name }) { return d }
        let time = s.timeColumn
        return IndexDefinition(name: c.index.name, table: s.table.name, keys: c.index.columns.map { col in
            let desc = col.hasSuffix(" DESC")
            let name = desc ? String(col.dropLast(5)) : col
            return IndexDefinition.Key(column: name == "timestamp" ? time : name, descending: desc)
        })
    }
}
