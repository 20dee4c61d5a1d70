/// The fitted constants of the latency model: the cost of one unit of work on the machine the
/// calibration ran on (PostgreSQL 15.20 + TimescaleDB 2.28.3, 2 CPUs, `latency_*.json`), in
/// milliseconds. Each value names the measurement it came from (docs/LATENCY_MODEL.md has the
/// table). Times for another machine are these times multiplied by ``machineFactor``.
public struct LatencyParameters: Codable, Sendable, Hashable {
    // MARK: execution, per unit of work (hot: every page in shared_buffers)

    /// Executor start and end for a plan (syn20 C1 Q1: 0.005 ms with 4 buffer hits).
    public var executorBase = 0.003
    /// One shared-buffer hit: pin, lock, release (C1 Q2 syn20 vs mes: 719 vs 41 hits).
    public var bufferHit = 0.00015
    /// One buffer read from the OS page cache into shared_buffers (first runs of syn20 C1 Q3:
    /// (5.223 − 1.3 × 0.354) ms / 663 reads).
    public var bufferRead = 0.007
    /// Fetching one heap tuple through an index and evaluating the scan's filter on it (syn20 C1 Q2:
    /// 33,600 rows examined, 1,381 kept, 2.243 ms).
    public var tupleExamined = 0.000062
    /// Passing one row up through one plan node, with EXPLAIN ANALYZE's per-node timing (mes C1 Q3:
    /// 29,888 rows, 4.074 ms, less the examination cost).
    public var rowPerNode = 0.00006
    /// Extra work per heap page of a bitmap heap scan (syn20 C1 Q3: 700 pages, bitmap node 0.243 ms).
    public var bitmapPage = 0.00008
    /// One tuple of a sequential scan, filter included (mes Q4: 2,110 rows over 44 pages, 0.238 ms).
    public var seqTuple = 0.00009
    /// Sort: per row and comparison level (n·log2 n) (syn20 C1 Q3 Sort node: 690 rows, 0.073 ms).
    public var sortCompare = 0.000005
    /// Setting up a Sort node (work_mem, tuplesort) (syn20 C1 Q3: execution 0.354 vs top node 0.316).
    public var sortStartup = 0.03
    /// Aggregating one input row (mes Q5: 168 rows, 0.046 ms).
    public var aggregateRow = 0.00008
    /// Executor start-up of one uncompressed chunk's scan under (Chunk)Append, executed or not
    /// (C3 Q1: (0.152 − 0.005) ms / 60 chunks syn20; (0.194 − 0.005) / 77 mes).
    public var chunkScanInit = 0.0024
    /// Executor start-up of one compressed chunk's ColumnarScan (C4 Q1: syn20 (0.689 − 0.024) / 52,
    /// mes (1.107 − 0.022) / 70; the mean of 12.8 and 15.5 µs).
    public var columnarScanInit = 0.014
    /// Opening one compressed batch (C4 Q3 syn20: 23 one-batch chunks at 3–6 µs each).
    public var batchOpen = 0.002
    /// Decompressing one row of the queried columns (C4 Q3 mes: 1,380-row chunks at 0.143 ms).
    public var rowDecompressed = 0.00002
    /// Reading one TOASTed value chunk (C4 Q3 mes: 24 TOAST accesses per two-batch chunk).
    public var toastAccess = 0.002

    // MARK: planning (hot: catalog caches warm)

    /// Planning a one-table query on a plain table (mes C1 Q1: 0.024 ms with 5 indexes).
    public var planBase = 0.012
    /// Per index the planner costs (C1 vs C2 Q1: 5 vs 7 indexes, +0.005 ms both files).
    public var planPerIndex = 0.0025
    /// A range condition (more paths: bitmap, both scan directions) (C1 Q2 vs Q1: +0.02 ms).
    public var planRangeQuals = 0.012
    /// TimescaleDB's hypertable expansion and chunk exclusion (C3 Q2: 0.125–0.131 ms with 2 chunks).
    public var planHypertableBase = 0.085
    /// Checking one chunk's constraints during exclusion, excluded or not.
    public var planPerChunkExcluded = 0.0005
    /// Planning one uncompressed chunk with four indexes (C3 Q3: syn20 (0.678 − 0.131) / 29,
    /// mes (0.694 − 0.125) / 25, C3 Q1: 60 and 77 chunks; about 20 µs).
    public var planPerChunk = 0.020
    /// Planning one compressed chunk whose batches are read through the compressed index
    /// (C4 Q1/Q3 syn20: (2.315 − 0.1 − 8 × 0.02) / 52 and (1.189 − 0.1 − 0.16) / 23, about 40 µs).
    public var planPerCompressedChunk = 0.040
    /// Extra planning for a compressed chunk read by a sorted sequential scan of the compressed
    /// relation (C4 Q1/Q3 mes: 66 µs per chunk against 40 µs with an index path).
    public var planCompressedSortPath = 0.026

    // MARK: first run on a fresh connection (catalog caches cold)

    /// Planning the first statement of a fresh backend on a plain table (C1 Q1: 0.403–0.454 ms).
    public var coldPlanBase = 0.33
    /// Loading one index's catalog entries cold (C2 vs C1 first planning: +0.1 ms for 2 indexes).
    public var coldPlanPerIndex = 0.02
    /// TimescaleDB's extension caches on first use (C3 Q2: 1.44–1.47 ms with 2 chunks).
    public var coldPlanHypertableBase = 1.1
    /// Opening one relation cold (a chunk with four indexes is five; C3 Q3: 5.5–6.1 ms for 27–31
    /// chunks, C3 Q1: 10.8–13.6 ms for 60–77 chunks → 0.165 ms per chunk).
    public var coldRelationOpen = 0.033
    /// Planning one compressed chunk cold (C4 Q1: (21.4 − 1.1 − 8 × 0.165) / 52 = 0.365 ms syn20,
    /// (30.5 − 1.1 − 7 × 0.165) / 70 = 0.40 mes).
    public var coldPlanPerCompressedChunk = 0.38
    /// First execution costs this multiple of a hot one before buffer reads (mes C1 Q2/Q3: 1.38–1.56).
    public var coldExecutionFactor = 1.3
    /// Fixed extra of a first execution (C1 Q1: 0.057 vs 0.007 ms).
    public var coldExecutionBase = 0.045
    /// Executor start-up per chunk scan on a cold backend (C3 Q1: (0.449 − 0.152) / 60 ms).
    public var coldChunkScanInit = 0.005

    // MARK: machine

    /// This machine's speed relative to the calibration machine (time here / time there); 1 means
    /// the calibration machine. ``LatencyMachineFactor`` measures it.
    public var machineFactor = 1.0

    public init() {}

    /// The parameters as fitted on the calibration files.
    public static let calibrated = LatencyParameters()
}

/// PostgreSQL 15's planner settings (defaults, as on the calibration server).
public struct PlannerSettings: Codable, Sendable, Hashable {
    public var seqPageCost = 1.0
    public var randomPageCost = 4.0
    public var cpuTupleCost = 0.01
    public var cpuIndexTupleCost = 0.005
    public var cpuOperatorCost = 0.0025
    /// `effective_cache_size` in pages (calibration: 524288 × 8 kB = 4 GB).
    public var effectiveCacheSizePages = 524_288.0

    public init() {}
}
