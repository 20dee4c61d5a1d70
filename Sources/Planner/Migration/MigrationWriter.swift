import PostgresModel
import Schema
import Storage

/// Writes the migration of `chunkwise migrate` for a resolved ``Scenario``: the table (if it does
/// not exist yet), the keys a hypertable needs, the conversion with a safe path for a table that
/// holds data, compression settings, policies with the parameter names the chosen TimescaleDB
/// version accepts, and the indexes; each step with its rollback and, given a ``CapacityPlan``,
/// its predicted effect. Identifiers and literals are quoted as PostgreSQL's `quote_ident` and
/// `quote_literal` would.
public enum MigrationWriter {
    /// - Parameter indexChoice: the indexes the latency model chose (``IndexChoice/choose(scenario:facts:)``);
    ///   without it the index step adds the scenario's index set as given and comments carry no latency.
    public static func steps(for scenario: Scenario, plan: CapacityPlan?, indexChoice: IndexChoice? = nil) -> [MigrationStep] {
        // The table as its migrations wrote it: with --from, the keys TimescaleDB refused are back
        // in its definition, so the keys step below can say what they must become.
        var table = scenario.table
        for dropped in scenario.droppedForHypertable where dropped.table == table.name && !table.indexes.contains(where: { $0.name == dropped.name })
            && (dropped.origin == .primaryKey || dropped.origin == .uniqueConstraint) {
            table.indexes.append(dropped)
        }
        let t = qualified(table)
        let relation = SQLQuote.literal(t)
        let time = scenario.timeColumn
        var steps: [MigrationStep] = []
        func add(_ name: String, _ comments: [String], _ up: [String], _ down: [String], postgresOnly: Bool) {
            steps.append(MigrationStep(number: steps.count + 1, name: name, comments: comments, statements: up, rollbackStatements: down,
                                       postgresOnly: postgresOnly))
        }
        let bytes: (Int) -> String = { ByteCount.text($0) }

        // 1. The table as the scenario defines it (a no-op when it exists), after its enums and
        // domains and the plain tables its foreign keys reference.
        let types = typeDefinitions(table)
        let referenced = scenario.referencedTables.filter { $0.hypertable == nil }
        let referencedNames = Set(referenced.map(\.name))
        var referencedSQL: [String] = []
        var createdTypes = Set(types.create)
        for r in referenced {
            for t in typeDefinitions(r).create where createdTypes.insert(t).inserted { referencedSQL.append(t) }
            referencedSQL.append(createTable(r, referencing: referencedNames))
        }
        var keyNote: [String] = []
        if !table.foreignKeys.isEmpty {
            let them = referenced.count == 1 ? "it" : "them"
            var note = "Its foreign keys reference " + table.foreignKeys.map(\.referencedTable).joined(separator: ", ")
            if !referenced.isEmpty {
                note += "; " + referenced.map(\.name).joined(separator: ", ") + " as the migrations define \(them), created first when missing (the rollback leaves \(them))"
            }
            if table.foreignKeys.contains(where: { !referencedNames.contains($0.referencedTable) && $0.referencedTable != table.name }) {
                note += "; a key to a hypertable or to a table the migrations do not define is not written"
            }
            keyNote = [note + "."]
        }
        // A table the team's migrations define is theirs: its rollback leaves it (it may hold their rows).
        let teamsTable = scenario.resolved["migrations"] != nil
        // The plain table keeps every row loaded (the plan's `rows` are the hypertable's, after retention).
        let figures = [plan.map { "Predicted as a plain table at now: \(bytes($0.sizes.plain.totalBytes)) with its indexes, "
                                  + "\(grouped($0.intervals.reduce(0) { $0 + $1.loadedRows })) rows." }
                       ?? "Sizes: run `chunkwise plan` with the same flags."]
            + (indexChoice.map { ["Latency as a plain table with these indexes (C1): " + IndexChoice.text($0.before, config: "C1") + "."] } ?? [])
        // A table in its own schema: the schema first (the rollback leaves it).
        let schemaSQL = table.schema.flatMap { $0 == "public" ? nil : ["CREATE SCHEMA IF NOT EXISTS \(SQLQuote.ident($0));"] } ?? []
        let createSQL = createTable(table, referencing: referencedNames.union([table.name]))
        if let key = table.partitionKey {
            // TimescaleDB refuses a declaratively partitioned table: the team's is set aside, with
            // its partitions and rows, and a plain table of the same columns takes its name.
            let aside = partitionedAside(table)
            add("table", ["\(table.name) is partitioned (PARTITION BY \(key.strategy.rawValue.uppercased()) (\(key.columns.joined(separator: ", ")))), "
                          + "and create_hypertable refuses a partitioned table (\"table is already partitioned\").",
                          "It is renamed \(aside.table) (its partitions and indexes stay with it, the indexes renamed too), and a plain table "
                          + "\(table.name) with the same columns, keys and indexes takes its place, filled with its rows;",
                          "drop \(aside.table) once the hypertable is checked. The copy reads every partition once."] + keyNote + figures,
                schemaSQL + types.create + referencedSQL + aside.up + [createSQL, aside.copy],
                ["DROP TABLE IF EXISTS \(t);"] + aside.down, postgresOnly: true)
        } else {
            add("table", ["The table \(table.name) as the plan models it; IF NOT EXISTS leaves an existing table untouched."
                          + (teamsTable ? " The migrations define it, so the rollback leaves it (it may hold the team's rows)." : "")] + keyNote + figures,
                schemaSQL + types.create + referencedSQL + [createSQL],
                teamsTable ? ["SELECT 1; -- \(table.name) is the migrations' table: kept"] : ["DROP TABLE IF EXISTS \(t);"] + types.drop,
                postgresOnly: true)
        }

        // The migrations' space (hash) dimension, kept: its column is a partitioning column too.
        let space = table.hypertable?.hashDimension
        let partitioning = [time] + (space.map { [$0.column] } ?? [])

        // 2. Unique keys without every partitioning column: TimescaleDB refuses them on a hypertable.
        let lacking = table.indexes.filter { index in index.unique && partitioning.contains { !index.keyColumns.contains($0) } }
        if !lacking.isEmpty {
            var up: [String] = [], down: [String] = [], comments: [String] = []
            for index in lacking {
                let missing = partitioning.filter { !index.keyColumns.contains($0) }
                let oldKey = index.keyColumns.map(SQLQuote.ident).joined(separator: ", ")
                let newKey = (index.keyColumns + missing).map(SQLQuote.ident).joined(separator: ", ")
                let name = SQLQuote.ident(index.name)
                switch index.origin {
                case .primaryKey, .uniqueConstraint:
                    let kind = index.origin == .primaryKey ? "PRIMARY KEY" : "UNIQUE"
                    comments.append("\(kind) (\(index.keyColumns.joined(separator: ", "))) lacks the partitioning column \"\(missing[0])\": "
                                    + "TimescaleDB rejects it (\"cannot create a unique index without the column \"\(missing[0])\" (used in partitioning)\"). "
                                    + "It becomes \(kind) (\((index.keyColumns + missing).joined(separator: ", "))): still unique, since the old key was.")
                    up.append("ALTER TABLE \(t) DROP CONSTRAINT \(name);")
                    up.append("ALTER TABLE \(t) ADD CONSTRAINT \(name) \(kind) (\(newKey));")
                    down.insert("ALTER TABLE \(t) ADD CONSTRAINT \(name) \(kind) (\(oldKey));", at: 0)
                    down.insert("ALTER TABLE \(t) DROP CONSTRAINT \(name);", at: 0)
                default:
                    comments.append("Unique index \(index.name) (\(index.keyColumns.joined(separator: ", "))) lacks \"\(missing[0])\"; it is rebuilt with "
                                    + missing.map { "\"\($0)\"" }.joined(separator: ", ") + ".")
                    up.append("DROP INDEX \(qualified(table, name: index.name));")
                    up.append("CREATE UNIQUE INDEX \(name) ON \(t) (\(newKey));")
                    down.insert("CREATE UNIQUE INDEX \(name) ON \(t) (\(oldKey));", at: 0)
                    down.insert("DROP INDEX \(qualified(table, name: index.name));", at: 0)
                }
            }
            comments.append("Rebuilding a key locks the table and reads it once; on a large table run it in a maintenance window.")
            add("keys", comments, up, down, postgresOnly: true)
        }

        // 3. The conversion.
        // An integer time column takes its chunk interval and lags as integers of its unit.
        let integerType = scenario.timeUnit != nil ? table.column(time)?.type.sqlName : nil
        let interval = integerType != nil ? String(scenario.columnChunkInterval)
            : "INTERVAL " + SQLQuote.literal(intervalText(scenario.chunkInterval))
        let unitNote = scenario.timeUnit.map { " (\(scenario.columnChunkInterval) \($0.rawValue) of \"\(time)\", an integer of epoch \($0.name))" } ?? ""
        let byRange = scenario.timescaledb >= TimescaleDBVersion(2, 13)
        let defaultIndex = indexChoice?.candidates.first { $0.origin == .timescaledbDefault }
        // The migrations' `create_default_indexes => false` is kept (the index choice then has no
        // such candidate); otherwise the default index goes when no predicted plan uses it.
        let teamRefusesDefault = table.hypertable?.createDefaultIndexes == false
        let noDefault = teamRefusesDefault || defaultIndex?.used == false ? ", create_default_indexes => false" : ""
        // A space dimension needs the legacy form: add_dimension is refused once migrate_data has
        // put rows in chunks, and by_range takes one dimension.
        let spaceArguments = space.map { ", partitioning_column => \(SQLQuote.literal($0.column)), number_partitions => \($0.partitions)" } ?? ""
        let create = byRange && space == nil
            ? "SELECT create_hypertable(\(relation), by_range(\(SQLQuote.literal(time)), \(interval))\(noDefault), migrate_data => true);"
            : "SELECT create_hypertable(\(relation), \(SQLQuote.literal(time))\(spaceArguments), chunk_time_interval => \(interval)\(noDefault), migrate_data => true);"
        var hyperComments = ["Turns \(table.name) into a hypertable partitioned by \"\(time)\" in chunks of \(intervalText(scenario.chunkInterval))\(unitNote)"
                             + (space.map { ", and by a hash of \"\($0.column)\" into \($0.partitions) partitions (the migrations' space dimension; "
                                + (scenario.hashDimension != nil ? "the figures split each time slice over the partitions the tickers hash to)."
                                                                  : "the figures model one partition per time slice).") } ?? "."),
                             "migrate_data => true moves rows already in the table into chunks, holding an exclusive lock while it copies;",
                             "for a large table, create an empty hypertable and copy into it by time range instead, then swap names."]
        if let p = plan {
            hyperComments.append("Predicted at now: \(p.chunks) chunks, \(bytes(p.sizes.hypertableUncompressed.totalBytes)) uncompressed "
                                 + "(plain table \(bytes(p.sizes.plain.totalBytes))); newest chunk \(bytes(p.memory.activeChunkBytes)) "
                                 + (p.memory.fits ? "fits" : "does NOT fit") + " 25 % of memory.")
        }
        if let c = indexChoice {
            hyperComments.append("Latency (latency model, planning + execution, calibration machine): plain table (C1) "
                                 + IndexChoice.text(c.before, config: "C1") + " -> hypertable (C3) " + IndexChoice.text(c.after, config: "C3") + ".")
            if let d = defaultIndex {
                hyperComments.append(d.used
                    ? "create_hypertable adds its default index \(d.index.name) (\(d.index.columns.joined(separator: ", "))): \(d.usedBy.joined(separator: ", ")) scan it."
                    : "create_default_indexes => false: the default (\(d.index.columns.joined(separator: ", "))) index would be dead weight "
                      + "(no query of Q1-Q5 scans it), \(bytes(d.hypertableBytes)) on the chunks at now.")
            }
        }
        let plainRollback = plainTableRollback(table, keys: keysAfter(table, partitioning: partitioning), scenario: scenario,
                                               referencing: referencedNames)
        if let theirs = table.hypertable {
            // The migrations make it a hypertable: on a database they converted already,
            // create_hypertable would fail ("already a hypertable"), so it skips there, and the
            // chosen interval applies to the chunks created from now on (existing chunks keep
            // theirs). The rollback still returns a plain table (a database where the migrations'
            // conversion never ran); its first line says what gives back their interval instead.
            let theirInterval = theirs.chunkInterval?.timescaleMicroseconds ?? 604_800_000_000  // TimescaleDB's default: 7 days
            let theirText = integerType != nil ? String(theirInterval) : "INTERVAL " + SQLQuote.literal(intervalText(theirInterval))
            hyperComments.insert("The migrations make \(table.name) a hypertable (chunks of \(integerType != nil ? String(theirInterval) : intervalText(theirInterval))): "
                                 + "where they ran, create_hypertable skips it (if_not_exists) and set_chunk_time_interval gives the chunks created "
                                 + "from now on the new interval; existing chunks keep theirs.", at: 1)
            let skipping = create.replacingOccurrences(of: ", migrate_data => true);", with: ", migrate_data => true, if_not_exists => true);")
            add("hypertable", hyperComments, [skipping, "SELECT set_chunk_time_interval(\(relation), \(interval));"],
                ["-- On a database where the migrations had made \(table.name) a hypertable, run only: "
                 + "SELECT set_chunk_time_interval(\(relation), \(theirText));"] + plainRollback, postgresOnly: false)
        } else {
            add("hypertable", hyperComments, [create], plainRollback, postgresOnly: false)
        }

        let apache = scenario.edition == "apache"
        // 4. Compression settings.
        if let c = scenario.compression, !apache {
            let segment = c.segmentBy.map(SQLQuote.ident).joined(separator: ", ")
            let order = c.orderBy.map(\.sqlText).joined(separator: ", ")
            var options = ["timescaledb.compress"]
            // An empty segmentby is written too: left out, TimescaleDB would pick one from the indexes.
            options.append("timescaledb.compress_segmentby = \(SQLQuote.literal(segment))")
            if !order.isEmpty { options.append("timescaledb.compress_orderby = \(SQLQuote.literal(order))") }
            // The migrations' merging of compressed chunks, kept (plan models it).
            if let merge = scenario.compressChunkInterval {
                options.append("timescaledb.compress_chunk_time_interval = \(SQLQuote.literal(intervalText(merge)))")
            }
            var comments = ["Compression: segment by \(c.segmentBy.isEmpty ? "nothing" : c.segmentBy.joined(separator: ", ")), "
                            + "order by \(c.orderBy.map(\.description).joined(separator: ", "))"
                            + (scenario.compressChunkInterval.map { "; compressed chunks merged up to \(intervalText($0)) each." } ?? ".")]
            if let p = plan, p.sizes.compressionStats.compressedChunks > 0 {
                let s = p.sizes.compressionStats
                comments.append("Predicted at now: \(s.compressedChunks) compressed chunks, \(bytes(s.beforeCompressionTotalBytes)) → "
                                + "\(bytes(s.afterCompressionTotalBytes)) in \(grouped(s.compressedBatches)) batches.")
            }
            if let ch = indexChoice, ch.configs.contains("C4") {
                comments.append("Latency once the policy has compressed: uncompressed hypertable (C3) " + IndexChoice.text(ch.after, config: "C3")
                                + " -> with compressed chunks (C4) " + IndexChoice.text(ch.after, config: "C4") + ".")
            }
            var rollback = ["SELECT decompress_chunk(c, true) FROM show_chunks(\(relation)) c;",
                            "ALTER TABLE \(t) SET (timescaledb.compress = false);"]
            if let theirs = table.hypertable, theirs.compressionEnabled {
                // The migrations compressed already: the rollback gives back their settings (chunks
                // compressed meanwhile keep the ones they were compressed with).
                var their = ["timescaledb.compress"]
                if !theirs.segmentByDefaulted {
                    their.append("timescaledb.compress_segmentby = \(SQLQuote.literal(theirs.segmentBy.map(SQLQuote.ident).joined(separator: ", ")))")
                }
                if !theirs.orderBy.isEmpty {
                    their.append("timescaledb.compress_orderby = \(SQLQuote.literal(theirs.orderBy.map(\.sqlText).joined(separator: ", ")))")
                }
                if let merge = theirs.compressChunkInterval?.timescaleMicroseconds {
                    their.append("timescaledb.compress_chunk_time_interval = \(SQLQuote.literal(intervalText(merge)))")
                }
                rollback = ["ALTER TABLE \(t) SET (\(their.joined(separator: ", ")));"]
                comments.append("The migrations compressed already; the rollback gives back their settings.")
            }
            add("compression", comments, ["ALTER TABLE \(t) SET (\(options.joined(separator: ", ")));"], rollback, postgresOnly: false)
        }

        // 5. Policies (TimescaleDB 2.28 names its parameters compress_after and drop_after).
        var up: [String] = [], down: [String] = [], policyComments: [String] = []
        // A lag: an interval, or on an integer time column (unless by creation time) its units in the column's type.
        func lag(_ interval: PGInterval, byCreation: Bool) -> String {
            if let unit = scenario.timeUnit, let type = integerType, !byCreation,
               let us = interval.exactTimescaleMicroseconds, let units = unit.units(fromMicroseconds: us) {
                return "CAST(\(units) AS \(type))"
            }
            return "INTERVAL \(SQLQuote.literal(interval.description))"
        }
        if let unit = scenario.timeUnit, let type = integerType, !apache,
           (scenario.compressAfter != nil && scenario.compression != nil) || scenario.retain != nil {
            // The policies ask the hypertable's integer_now function for "now" (without one their jobs fail).
            let function = SQLQuote.ident(String((table.name + "_integer_now").prefix(63)))
            let scale = unit.perSecond == 1 ? "" : " * \(unit.perSecond)"
            up.append("CREATE OR REPLACE FUNCTION \(function)() RETURNS \(type) LANGUAGE SQL STABLE AS $$ SELECT (extract(epoch FROM now())\(scale))::\(type) $$;")
            up.append("SELECT set_integer_now_func(\(relation), \(SQLQuote.literal(function)), replace_if_exists => true);")
            policyComments.append("\"\(time)\" holds epoch \(unit.name): the policies' lags are integers of them, and \(function)() gives them \"now\".")
        }
        if let after = scenario.compressAfter, scenario.compression != nil, !apache {
            let parameter = scenario.compressByCreationTime ? "compress_created_before" : "compress_after"
            let schedule = scenario.compressionSchedule.map { ", schedule_interval => INTERVAL \(SQLQuote.literal(intervalText($0)))" } ?? ""
            let timing = scenario.compressionTiming.arguments(literal: SQLQuote.literal)
            // A policy the migrations added is replaced (add_compression_policy would fail: "already exists").
            if table.hypertable?.compressAfter != nil { up.append("SELECT remove_compression_policy(\(relation), if_exists => true);") }
            up.append("SELECT add_compression_policy(\(relation), \(parameter) => \(lag(after, byCreation: scenario.compressByCreationTime))\(schedule)\(timing));")
            if let theirs = table.hypertable, let theirAfter = theirs.compressAfter, theirs.compressionEnabled {
                // Rolled back (run in reverse): the migrations' own policy back after this one goes.
                let theirParameter = theirs.compressByCreationTime ? "compress_created_before" : "compress_after"
                let theirSchedule = theirs.compressSchedule.map { ", schedule_interval => INTERVAL \(SQLQuote.literal($0.description))" } ?? ""
                down.append("SELECT add_compression_policy(\(relation), \(theirParameter) => \(lag(theirAfter, byCreation: theirs.compressByCreationTime))"
                            + "\(theirSchedule)\(theirs.compressTiming.arguments(literal: SQLQuote.literal)));")
            }
            down.append("SELECT remove_compression_policy(\(relation), if_exists => true);")
            policyComments.append(scenario.compressByCreationTime
                ? "Compress chunks created more than \(after.description) ago (the migrations' compress_created_before)."
                : "Compress chunks once all their rows are older than \(after.description).")
        }
        if let retain = scenario.retain, !apache {
            let parameter = scenario.dropByCreationTime ? "drop_created_before" : "drop_after"
            let schedule = scenario.retentionSchedule.map { ", schedule_interval => INTERVAL \(SQLQuote.literal(intervalText($0)))" } ?? ""
            let timing = scenario.retentionTiming.arguments(literal: SQLQuote.literal)
            if table.hypertable?.dropAfter != nil { up.append("SELECT remove_retention_policy(\(relation), if_exists => true);") }
            up.append("SELECT add_retention_policy(\(relation), \(parameter) => \(lag(retain, byCreation: scenario.dropByCreationTime))\(schedule)\(timing));")
            if let theirs = table.hypertable, let theirDrop = theirs.dropAfter {
                let theirParameter = theirs.dropByCreationTime ? "drop_created_before" : "drop_after"
                let theirSchedule = theirs.retentionSchedule.map { ", schedule_interval => INTERVAL \(SQLQuote.literal($0.description))" } ?? ""
                down.append("SELECT add_retention_policy(\(relation), \(theirParameter) => \(lag(theirDrop, byCreation: theirs.dropByCreationTime))"
                            + "\(theirSchedule)\(theirs.retentionTiming.arguments(literal: SQLQuote.literal)));")
            }
            down.append("SELECT remove_retention_policy(\(relation), if_exists => true);")
            policyComments.append(scenario.dropByCreationTime
                ? "Drop chunks created more than \(retain.description) ago (the migrations' drop_created_before)."
                : "Drop chunks once all their rows are older than \(retain.description).")
        }
        if !up.isEmpty {
            if let p = plan {
                policyComments.append("Predicted at now: \(p.compressedChunks) chunks compressed, \(p.droppedChunks) dropped; "
                                      + "the hypertable takes \(bytes(p.sizes.hypertable.totalBytes))"
                                      + (p.steadyState.map { ", peaking at \(bytes($0.peakHypertableBytes)) in \($0.peakMonth)" } ?? "") + ".")
            }
            if let ch = indexChoice {
                let c = ch.configs.last ?? "C3"
                policyComments.append("Latency with the policies' chunks at now (\(c)): " + IndexChoice.text(ch.after, config: c) + ".")
            }
            add("policies", policyComments, up, down.reversed(), postgresOnly: false)
        }
        if apache && (scenario.compression != nil || scenario.retain != nil) {
            steps[steps.count - 1].comments.append("The apache edition has no compression and no policies: none are emitted. "
                                                   + "Lost: compressed storage and automatic retention; drop old chunks with drop_chunks() from a scheduled job.")
            if let p = plan, scenario.compression != nil {
                steps[steps.count - 1].comments.append(
                    "Lost at now: the community edition would keep \(bytes(p.sizes.hypertable.totalBytes)) with \(p.compressedChunks) chunks compressed "
                    + "and \(p.droppedChunks) dropped; here the chunks stay uncompressed (\(bytes(p.sizes.hypertableUncompressed.totalBytes))"
                    + (scenario.retain != nil ? ", and every chunk stays until dropped by hand)." : ")."))
            }
        }

        // 6. Indexes: those the latency model says the planner uses (or, without a choice, the
        // scenario's index set beyond the table's own).
        let existing = Set(table.indexes.map(\.name))
        let extra = scenario.hypertableIndexes.filter { !existing.contains($0.name) }
        if let choice = indexChoice {
            let create = choice.toCreate.map { IndexChoice.definition($0, in: scenario) }
            add("indexes", choice.comments(tableName: table.name),
                create.isEmpty ? ["SELECT 1; -- no index to add: the table has every index the queries use"] : create.map { createIndex($0, table: t) },
                create.isEmpty ? ["SELECT 1;"] : create.reversed().map { "DROP INDEX IF EXISTS \(qualified(table, name: $0.name));" }, postgresOnly: true)
        } else if !extra.isEmpty {
            add("indexes", ["Indexes added for the scenario's index set (\(scenario.indexSet)); on a hypertable each is built per chunk."],
                extra.map { createIndex($0, table: t) }, extra.reversed().map { "DROP INDEX IF EXISTS \(qualified(table, name: $0.name));" },
                postgresOnly: true)
        }
        // 7. The market-data analytics functions of migration 010, over this table.
        // (The functions take timestamptz bounds: written for a time-typed column only.)
        if scenario.timeUnit == nil, let functions = analyticsFunctions(table, timeColumn: time) {
            add("analytics_functions",
                ["get_latest_price and get_price_range (migration 010) over \(table.name): STABLE SQL functions, planned per call,",
                 "so their index scans use the indexes above; get_prediction_accuracy and get_block_prediction_accuracy read the",
                 "predictions tables, which this migration does not touch: keep them from migration 010."],
                functions.create, functions.drop, postgresOnly: true)
        }
        // 8. The migrations' continuous aggregates on the table (and on those), as they wrote them.
        let aggregates = writtenContinuousAggregates(scenario)
        if !aggregates.isEmpty {
            var comments = ["The continuous aggregates the migrations define on \(table.name), with their settings and policies, as written;",
                            "each is created WITH its data unless it says WITH NO DATA (a refresh reads the whole table once).",
                            "Where the migrations ran, each exists already: IF NOT EXISTS skips it, and each policy is removed (if_exists)",
                            "before it is added again, so this step runs there and on a database without them."]
            for a in aggregates {
                if let figure = plan?.continuousAggregates.first(where: { $0.name == a.definition.name }) {
                    comments.append("\(a.definition.name): predicted at now \(grouped(figure.rows)) rows, \(bytes(figure.totalBytes)) in "
                                    + "\(figure.chunks) chunks of \(figure.chunkInterval).")
                }
            }
            add("continuous_aggregates", comments,
                aggregates.flatMap { $0.rerunnableStatements.map { $0.hasSuffix(";") ? $0 : $0 + ";" } },
                // The migrations define them (as they define the table, which the table step's
                // rollback leaves too): dropping them would drop the team's materialized rows.
                aggregates.reversed().map { "-- \($0.definition.name) is the migrations' own: the rollback leaves it; where this step created it, "
                    + "run DROP MATERIALIZED VIEW IF EXISTS \(SQLQuote.ident($0.definition.name)) CASCADE;" },
                postgresOnly: false)
        }
        return steps
    }

    /// A relation of `table`'s schema (the table itself by default) as SQL names it: qualified
    /// when the migrations created the table in a schema (`mkt.trades`), so the steps reach the
    /// team's table and not a new one in `public`.
    static func qualified(_ table: TableDefinition, name: String? = nil) -> String {
        (table.schema.map { SQLQuote.ident($0) + "." } ?? "") + SQLQuote.ident(name ?? table.name)
    }

    /// A declaratively partitioned table set aside under `<name>_partitioned` (its indexes under
    /// `<index>_partitioned`, which renames a key's constraint too), the copy of its rows into the
    /// plain table that takes its name, and the renames back.
    static func partitionedAside(_ table: TableDefinition) -> (table: String, up: [String], copy: String, down: [String]) {
        func aside(_ name: String) -> String { String((name + "_partitioned").prefix(63)) }
        let t = qualified(table), moved = qualified(table, name: aside(table.name))
        var up = ["ALTER TABLE IF EXISTS \(t) RENAME TO \(SQLQuote.ident(aside(table.name)));"]
        var down: [String] = []
        for index in table.indexes {
            up.append("ALTER INDEX IF EXISTS \(qualified(table, name: index.name)) RENAME TO \(SQLQuote.ident(aside(index.name)));")
            down.append("ALTER INDEX IF EXISTS \(qualified(table, name: aside(index.name))) RENAME TO \(SQLQuote.ident(index.name));")
        }
        down.append("ALTER TABLE IF EXISTS \(moved) RENAME TO \(SQLQuote.ident(table.name));")
        let written = insertableColumns(table)
        let copy = "INSERT INTO \(t) (\(written)) OVERRIDING SYSTEM VALUE SELECT \(written) FROM \(moved);"
        return (aside(table.name), up, copy, down)
    }

    /// The table's keys and indexes once the keys step has run: each unique key lacking a
    /// partitioning column widened by it.
    static func keysAfter(_ table: TableDefinition, partitioning: [String]) -> [IndexDefinition] {
        table.indexes.map { index in
            guard index.unique else { return index }
            let missing = partitioning.filter { !index.keyColumns.contains($0) }
            guard !missing.isEmpty else { return index }
            var widened = index
            widened.keys += missing.map { IndexDefinition.Key(column: $0) }
            return widened
        }
    }

    /// The conversion's rollback: TimescaleDB cannot turn a hypertable back, so the rows go to a
    /// plain copy that takes the table's place. The copy takes the columns, defaults, CHECKs and
    /// storage (`LIKE … INCLUDING`, no indexes); after the swap the keys, indexes and foreign keys
    /// are added under their own names (a `LIKE … INCLUDING ALL` copy would name them after the
    /// copy, and the keys step's rollback could not find them), an identity restarts past the
    /// rows, and the migrations' row-level security, policies and grants are applied again
    /// (dropping the hypertable drops them).
    static func plainTableRollback(_ table: TableDefinition, keys: [IndexDefinition], scenario: Scenario,
                                   referencing: Set<String>) -> [String] {
        let t = qualified(table)
        let plainCopy = qualified(table, name: String((table.name + "_plain").prefix(63)))
        // Stored generated columns take no value; an identity column takes the rows' own.
        let written = insertableColumns(table)
        // LIKE copies neither the persistence nor the storage parameters: written as the table has them.
        var out = ["CREATE \(table.unlogged ? "UNLOGGED " : "")TABLE \(plainCopy) (LIKE \(t) INCLUDING DEFAULTS INCLUDING CONSTRAINTS "
                   + "INCLUDING GENERATED INCLUDING IDENTITY INCLUDING STORAGE INCLUDING COMMENTS INCLUDING COMPRESSION INCLUDING STATISTICS)"
                   + storageParameters(table) + ";",
                   "INSERT INTO \(plainCopy) (\(written)) OVERRIDING SYSTEM VALUE SELECT \(written) FROM \(t);",
                   "DROP TABLE \(t);",
                   "ALTER TABLE \(plainCopy) RENAME TO \(SQLQuote.ident(table.name));"]
        for index in keys {
            let columns = index.keyColumns.map(SQLQuote.ident).joined(separator: ", ")
            switch index.origin {
            case .primaryKey: out.append("ALTER TABLE \(t) ADD CONSTRAINT \(SQLQuote.ident(index.name)) PRIMARY KEY (\(columns));")
            case .uniqueConstraint: out.append("ALTER TABLE \(t) ADD CONSTRAINT \(SQLQuote.ident(index.name)) UNIQUE (\(columns));")
            default: out.append(createIndex(index, table: t))
            }
        }
        for key in table.foreignKeys where referencing.contains(key.referencedTable) {
            out.append("ALTER TABLE \(t) ADD \(foreignKeyConstraint(key));")
        }
        for c in table.columns where c.defaultValue == .sequence {
            let column = SQLQuote.ident(c.name)
            out.append("SELECT setval(pg_get_serial_sequence(\(SQLQuote.literal(t)), \(SQLQuote.literal(c.name))), "
                       + "COALESCE(max(\(column)), 0) + 1, false) FROM \(t);")
        }
        out += scenario.accessStatements.map { $0.hasSuffix(";") ? $0 : $0 + ";" }
        return out
    }

    /// The migrations' continuous aggregates `migrate` writes: those on the scenario's table and
    /// those on them (hierarchical), in definition order.
    public static func writtenContinuousAggregates(_ scenario: Scenario) -> [ContinuousAggregateSetup] {
        var sources: Set<String> = [scenario.table.name]
        var out: [ContinuousAggregateSetup] = []
        for a in scenario.continuousAggregates {
            guard let source = a.definition.source, sources.contains(source) else { continue }
            sources.insert(a.definition.name)
            out.append(a)
        }
        return out
    }

    /// `get_latest_price` and `get_price_range` with REFERENCE.md §3's semantics, for a table with
    /// the market-data columns (nil otherwise).
    static func analyticsFunctions(_ table: TableDefinition, timeColumn: String) -> (create: [String], drop: [String])? {
        let needed = ["id", "ticker_id", "open", "high", "low", "close", "volume", "interval", timeColumn]
        guard needed.allSatisfy({ table.columnIndex($0) != nil }) else { return nil }
        let q = SQLQuote.ident
        let t = qualified(table), ts = q(timeColumn)
        func type(_ c: String) -> String { table.column(c)?.type.sqlName ?? "text" }
        func col(_ c: String) -> String { "md." + q(c) }
        let latest = """
            CREATE OR REPLACE FUNCTION get_latest_price(p_ticker_id uuid, p_interval varchar DEFAULT '1h')
            RETURNS TABLE (
                id \(type("id")), ticker_id \(type("ticker_id")), \(ts) \(type(timeColumn)),
                open numeric, high numeric, low numeric, close numeric, volume \(type("volume")), "interval" varchar
            )
            LANGUAGE sql STABLE AS $fn$
                SELECT \(["id", "ticker_id", timeColumn, "open", "high", "low", "close", "volume", "interval"].map(col).joined(separator: ", "))
                FROM \(t) md
                WHERE md.ticker_id = p_ticker_id AND md."interval" = p_interval
                ORDER BY md.\(ts) DESC
                LIMIT 1;
            $fn$;
            """
        let range = """
            CREATE OR REPLACE FUNCTION get_price_range(p_ticker_id uuid, p_interval varchar, p_start timestamptz, p_end timestamptz)
            RETURNS TABLE (\(ts) \(type(timeColumn)), open numeric, high numeric, low numeric, close numeric, volume \(type("volume")))
            LANGUAGE sql STABLE AS $fn$
                SELECT \([timeColumn, "open", "high", "low", "close", "volume"].map(col).joined(separator: ", "))
                FROM \(t) md
                WHERE md.ticker_id = p_ticker_id AND md."interval" = p_interval AND md.\(ts) BETWEEN p_start AND p_end
                ORDER BY md.\(ts) ASC;
            $fn$;
            """
        return ([latest, range], ["DROP FUNCTION IF EXISTS get_price_range(uuid, varchar, timestamptz, timestamptz);",
                                  "DROP FUNCTION IF EXISTS get_latest_price(uuid, varchar);"])
    }

    /// `CREATE TYPE` / `CREATE DOMAIN` have no IF NOT EXISTS: the statement in a block that
    /// catches `duplicate_object`, so the table step runs where the migrations made the type too
    /// (`check` reads the idiom: ``DuplicateObjectBlock`` in PostgresModel).
    static func ifNotDefined(_ sql: String) -> String {
        let tag = sql.contains("$$") ? "$chunkwise$" : "$$"
        return "DO \(tag) BEGIN\n    \(sql)\nEXCEPTION\n    WHEN duplicate_object THEN null;\nEND \(tag);"
    }

    /// The enum and domain types the table's columns are declared with, as the migrations defined
    /// them (`CREATE TYPE … AS ENUM`, `CREATE DOMAIN`, each run only where it is missing), and
    /// their drops for the rollback.
    static func typeDefinitions(_ table: TableDefinition) -> (create: [String], drop: [String]) {
        var create: [String] = [], drop: [String] = [], seen: Set<String> = []
        for c in table.columns {
            if let d = c.domain, seen.insert("domain " + d.name).inserted {
                var sql = "CREATE DOMAIN \(SQLQuote.ident(d.name)) AS \(d.baseTypeSQL)"
                if let e = d.defaultSQL { sql += " DEFAULT \(e)" }
                if d.notNull { sql += " NOT NULL" }
                // (A domain's check keeps its expression alone.)
                for check in d.checks { sql += " CONSTRAINT \(SQLQuote.ident(check.name)) CHECK (\(check.sql))" }
                create.append(ifNotDefined(sql + ";"))
                drop.append("DROP DOMAIN IF EXISTS \(SQLQuote.ident(d.name));")
            } else if c.domain == nil, let labels = c.enumLabels, let name = c.catalogType, seen.insert("enum " + name).inserted {
                create.append(ifNotDefined("CREATE TYPE \(SQLQuote.ident(name)) AS ENUM (\(labels.map(SQLQuote.literal).joined(separator: ", ")));"))
                drop.append("DROP TYPE IF EXISTS \(SQLQuote.ident(name));")
            }
        }
        return (create, drop)
    }

    /// A column's type as the migration declared it: its domain or enum, a carried type as written
    /// (`inet`, `text[]`, `character(3)`), else the modelled type's name.
    static func declaredType(_ c: ColumnDefinition) -> String {
        if let d = c.domain { return SQLQuote.ident(d.name) }
        if c.enumLabels != nil, let name = c.catalogType { return SQLQuote.ident(name) }
        return c.declaredType ?? c.type.sqlName
    }

    /// ` WITH (fillfactor = …, toast_tuple_target = …)` for the table's storage parameters, or "".
    static func storageParameters(_ table: TableDefinition) -> String {
        var parameters: [String] = []
        if let f = table.fillfactor { parameters.append("fillfactor = \(f)") }
        if let t = table.toastTupleTarget { parameters.append("toast_tuple_target = \(t)") }
        return parameters.isEmpty ? "" : " WITH (\(parameters.joined(separator: ", ")))"
    }

    /// `CREATE TABLE IF NOT EXISTS` for a table definition: columns (with their declared types,
    /// `COMPRESSION` and stored generation expressions), defaults, checks, keys, the foreign keys
    /// to the tables in `referencing` (deferrability is not kept), the storage parameters the
    /// size models read (`fillfactor`, `toast_tuple_target`) and each column's `SET STORAGE`.
    static func createTable(_ table: TableDefinition, referencing: Set<String> = []) -> String {
        var lines = table.columns.map { c -> String in
            let type = declaredType(c)
            var s = "    \(SQLQuote.ident(c.name)) \(type)"
            if let method = c.compression { s += " COMPRESSION \(method)" }
            if let g = c.generatedSQL { return s + " GENERATED ALWAYS AS (\(g)) STORED" + (c.notNull ? " NOT NULL" : "") }
            if c.notNull { s += " NOT NULL" }
            // A domain's default is the domain's to give (the catalog hands it to the column).
            switch c.domain?.defaultSQL != nil ? nil : c.defaultValue {
            case .value(let v)?:
                if let text = v.text(as: c.type) { s += " DEFAULT \(SQLQuote.literal(text))::\(type)" }
            case .now?: s += " DEFAULT \(c.defaultSQL ?? "now()")"
            case .randomUUID?: s += " DEFAULT gen_random_uuid()"
            case .sequence?: s += " GENERATED BY DEFAULT AS IDENTITY"
            case .expression(let e)?: s += " DEFAULT \(e)"
            case nil: break
            }
            return s
        }
        for check in table.checks {
            lines.append("    CONSTRAINT \(SQLQuote.ident(check.name)) \(check.sql)")
        }
        for index in table.indexes where index.origin == .primaryKey || index.origin == .uniqueConstraint {
            let kind = index.origin == .primaryKey ? "PRIMARY KEY" : "UNIQUE"
            lines.append("    CONSTRAINT \(SQLQuote.ident(index.name)) \(kind) (\(index.keyColumns.map(SQLQuote.ident).joined(separator: ", ")))")
        }
        for key in table.foreignKeys where referencing.contains(key.referencedTable) {
            lines.append("    " + foreignKeyConstraint(key))
        }
        // An unlogged table stays unlogged: TimescaleDB makes its chunks (and compressed chunks) unlogged too.
        // The sequences its defaults name (`nextval('t_id_seq'::regclass)`) exist before it.
        var out = ColumnSequences.createStatements(table).map { $0 + "\n" }.joined()
        out += "CREATE \(table.unlogged ? "UNLOGGED " : "")TABLE IF NOT EXISTS \(qualified(table)) (\n" + lines.joined(separator: ",\n") + "\n)"
            + storageParameters(table) + ";"
        for c in table.columns {
            guard let storage = c.storage else { continue }
            out += "\nALTER TABLE \(qualified(table)) ALTER COLUMN \(SQLQuote.ident(c.name)) SET STORAGE \(storage.rawValue.uppercased());"
        }
        for index in table.indexes where index.origin != .primaryKey && index.origin != .uniqueConstraint {
            out += "\n" + createIndex(index, table: qualified(table))
        }
        return out
    }

    /// `CONSTRAINT name FOREIGN KEY (cols) REFERENCES table [(cols)] [ON DELETE action]`.
    static func foreignKeyConstraint(_ key: ForeignKeyDefinition) -> String {
        var sql = "CONSTRAINT \(SQLQuote.ident(key.name)) FOREIGN KEY (\(key.columns.map(SQLQuote.ident).joined(separator: ", "))) "
            + "REFERENCES \(SQLQuote.ident(key.referencedTable))"
        if !key.referencedColumns.isEmpty { sql += " (\(key.referencedColumns.map(SQLQuote.ident).joined(separator: ", ")))" }
        if let action = key.onDelete { sql += " ON DELETE \(action)" }
        if let action = key.onUpdate { sql += " ON UPDATE \(action)" }
        return sql
    }

    /// The columns an INSERT … SELECT copies: all but stored generated ones (they take no value).
    static func insertableColumns(_ table: TableDefinition) -> String {
        table.columns.filter { $0.generatedSQL == nil }.map { SQLQuote.ident($0.name) }.joined(separator: ", ")
    }

    /// `CREATE [UNIQUE] INDEX IF NOT EXISTS … USING method (keys) INCLUDE (…) WITH (…) WHERE …`.
    static func createIndex(_ index: IndexDefinition, table: String) -> String {
        let keys = index.keys.map { k -> String in
            var s = k.column.map(SQLQuote.ident) ?? "(\(k.expression ?? ""))"
            if let c = k.collation { s += " COLLATE \(c)" }
            if let o = k.operatorClass { s += " \(o)" }
            if k.descending { s += " DESC" }
            if let nf = k.nullsFirst, nf != k.descending { s += nf ? " NULLS FIRST" : " NULLS LAST" }
            return s
        }.joined(separator: ", ")
        var s = "CREATE \(index.unique ? "UNIQUE " : "")INDEX IF NOT EXISTS \(SQLQuote.ident(index.name)) ON \(table)"
        if index.method != .btree { s += " USING \(index.method.rawValue)" }
        s += " (\(keys))"
        if !index.include.isEmpty { s += " INCLUDE (\(index.include.map(SQLQuote.ident).joined(separator: ", ")))" }
        var with: [String] = []
        if let f = index.fillfactor { with.append("fillfactor = \(f)") }
        if let p = index.pagesPerRange { with.append("pages_per_range = \(p)") }
        if !with.isEmpty { s += " WITH (\(with.joined(separator: ", ")))" }
        if let w = index.predicateSQL { s += " WHERE \(w)" }
        return s + ";"
    }

    /// `8,749,050`.
    static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// A chunk interval in µs as PostgreSQL interval text (`1 day`, `7 days`, `06:00:00`).
    static func intervalText(_ micros: Int64) -> String {
        let day: Int64 = 86_400_000_000
        if micros % day == 0 { let d = micros / day; return d == 1 ? "1 day" : "\(d) days" }
        let hour: Int64 = 3_600_000_000
        if micros % hour == 0 { let h = micros / hour; return h == 1 ? "1 hour" : "\(h) hours" }
        return "\(micros / 1_000_000) seconds"
    }
}
