import Schema

extension TableResolution {
    /// What `simulate` takes from the migrations where no flag gives it, and the warnings for what
    /// it models otherwise than the server (a second dimension, creation-time policies, a
    /// segmentby TimescaleDB would choose).
    public struct SimulationDefaults: Sendable {
        /// The space dimension: the flags', else the migrations' first hash dimension.
        public var space: (column: String, partitions: Int)?
        /// compress_segmentby / compress_orderby text (nil: none given anywhere).
        public var segmentBy: String?
        public var orderBy: String?
        public var compressAfter: PGInterval?
        public var retain: PGInterval?
        /// The migrations' policy schedules in µs, kept while no flag replaced the policy (nil: the defaults).
        public var compressionSchedule: Int64?
        public var retentionSchedule: Int64?
        /// Whether the migrations enable compression.
        public var compressionEnabled: Bool
        /// Warnings for stderr, each naming the migration line it is about.
        public var warnings: [String]
    }

    /// The flags as given (nil: not given) over the migrations' settings.
    /// `timeColumn` is `--time-column` (nil: ``defaultTimeColumn``).
    public func simulationDefaults(partitions: Int?, partitionColumn: String?, segmentBy: String?, orderBy: String?,
                                   compressAfter: PGInterval?, retain: PGInterval?, timeColumn: String? = nil) -> SimulationDefaults {
        let migrated = table.hypertable
        var warnings: [String] = []
        func at(_ setting: HypertableSetting) -> String { sources[setting].map { "\($0.file):\($0.line): " } ?? "" }

        let fromFlags = partitions.flatMap { n in partitionColumn.map { (column: $0, partitions: n) } }
        let space = fromFlags ?? migrated?.hashDimension
        if let dims = migrated?.additionalDimensions, !dims.isEmpty {
            let named = dims.map { "\"\($0.column)\"" }.joined(separator: ", ")
            if fromFlags != nil {
                warnings.append("WARNING: \(at(.dimensions))the migrations partition \"\(table.name)\" by \(named); --partitions/--partition-column replace them")
            } else if dims.count > 1 || migrated?.hashDimension == nil {
                warnings.append("WARNING: \(at(.dimensions))the migrations partition \"\(table.name)\" by \(named); simulate models one hash "
                    + "dimension, the first, and no second range dimension")
            }
        }

        var segment = segmentBy ?? migrated.map { $0.segmentBy.joined(separator: ", ") }
        if segmentBy == nil, let m = migrated, m.compressionEnabled, m.segmentByDefaulted {
            let chosen = TimescaleSegmentByDefault.column(of: table, partitioning: m.partitioningColumns).map { [$0] } ?? []
            segment = chosen.joined(separator: ", ")
            warnings.append(Self.defaultedSegmentByWarning(table: table.name, at: sources[.compression] ?? sources[.hypertable], chosen: chosen, flag: "--segmentby"))
        }
        var order = orderBy ?? migrated.flatMap { m in m.orderBy.isEmpty ? nil : m.orderBy.map(\.description).joined(separator: ", ") }
        if order == nil {
            // TimescaleDB's default from the indexes, for the segmentby in force.
            let time = timeColumn ?? defaultTimeColumn
            let partitioning = fromFlags.map { [time, $0.column] } ?? migrated.map { [time] + $0.additionalDimensions.map(\.column) } ?? [time]
            let keys = TimescaleOrderByDefault.keys(of: table, segmentByText: segment ?? "", partitioning: partitioning) ?? []
            if let text = TimescaleOrderByDefault.text(keys) { order = text }
            let compressing = migrated?.compressionEnabled == true || segmentBy != nil || compressAfter != nil
            if compressing, TimescaleOrderByDefault.isNotable(keys, timeColumn: time) {
                warnings.append(Self.defaultedOrderByWarning(table: table.name, at: sources[.compression] ?? sources[.hypertable], chosen: keys, flag: "--orderby"))
            }
        }

        for (byCreation, parameter, plain, setting) in [
            (compressAfter == nil && migrated?.compressByCreationTime == true, "compress_created_before", "compress_after", HypertableSetting.compressAfter),
            (retain == nil && migrated?.dropByCreationTime == true, "drop_created_before", "drop_after", .retain)] where byCreation {
            warnings.append("WARNING: \(at(setting))the policy's \(parameter) is simulated as \(plain) of the same interval (the server "
                + "picks chunks by when they were created, here about one chunk interval sooner)")
        }
        let micros = HypertableDefinition.scheduleMicroseconds
        return SimulationDefaults(space: space, segmentBy: segment, orderBy: order,
                                  compressAfter: compressAfter ?? migrated?.compressAfter, retain: retain ?? migrated?.dropAfter,
                                  compressionSchedule: compressAfter == nil ? micros(migrated?.compressSchedule) : nil,
                                  retentionSchedule: retain == nil ? micros(migrated?.retentionSchedule) : nil,
                                  compressionEnabled: migrated?.compressionEnabled == true, warnings: warnings)
    }
}

extension HypertableDefinition {
    /// A policy's `schedule_interval` as the µs the simulated jobs run every (months as 30 days, as
    /// TimescaleDB's interval arithmetic for jobs), nil for none or one that is not positive.
    static func scheduleMicroseconds(_ interval: PGInterval?) -> Int64? {
        interval?.exactTimescaleMicroseconds.flatMap { $0 > 0 ? $0 : nil }
    }
}
