import Schema
import Storage

/// How `plan` splits each time slice over a hash (space) dimension: every ticker's rows go to the
/// partition its key hashes to (``SpaceDimension/hash(_:)``, PostgreSQL's hash of the value the
/// generator gives the ticker), so a slice is one chunk per partition that receives a ticker, each
/// the size of a chunk of that many tickers. Without a hash dimension a slice is one chunk of all
/// tickers.
struct HashPartitions: Sendable, Equatable {
    /// Tickers in each partition that receives rows, ascending.
    let widths: [Int]

    init(widths: [Int]) { self.widths = widths }

    init(scenario s: Scenario) {
        guard let dimension = s.hashDimension else {
            widths = [s.tickers]
            return
        }
        let spec = SyntheticDataSpec(tickers: s.tickers, intervals: s.intervals, days: 1, profile: s.profile, calendar: s.calendar)
        guard let values = s.marketDataGenerator(spec).tickerValues(of: dimension.column) else {
            widths = [s.tickers]
            return
        }
        var perSlice: [Int64: Int] = [:]
        for v in values { perSlice[dimension.slice(forHash: SpaceDimension.hash(v)).start, default: 0] += 1 }
        widths = perSlice.values.sorted()
    }

    /// Chunks a full time slice holds.
    var chunksPerSlice: Int { widths.count }

    /// The widths whose chunks are sampled: every distinct width when there are at most three,
    /// else the narrowest and the widest (a chunk's sizes are a fixed part plus a part per ticker,
    /// so the others lie on the line between them).
    var sampledWidths: [Int] {
        let distinct = Array(Set(widths)).sorted()
        return distinct.count <= 3 ? distinct : [distinct.first!, distinct.last!]
    }

    /// A chunk of `width` tickers from the sampled chunks (`measured` by width): measured, or on
    /// the line between the nearest sampled widths.
    func chunk(width: Int, measured: [Int: ChunkSizes]) -> ChunkSizes {
        if let m = measured[width] { return m }
        let sampled = measured.keys.sorted()
        let lower = sampled.last { $0 <= width } ?? sampled.first!
        let upper = sampled.first { $0 >= width } ?? sampled.last!
        guard upper > lower, let a = measured[lower], let b = measured[upper] else { return measured[lower]! }
        return ChunkSizes.lerp(a, b, Double(width - lower) / Double(upper - lower))
    }

    /// A whole time slice: the sum of its partitions' chunks.
    func slice(measured: [Int: ChunkSizes]) -> ChunkSizes {
        widths.map { chunk(width: $0, measured: measured) }.reduce(ChunkSizes()) { $0.adding($1) }
    }
}

extension ChunkSizes {
    /// Two chunks' sizes together (every relation, batch and engine byte, the emptied relations too).
    func adding(_ o: ChunkSizes) -> ChunkSizes {
        var r = self
        r.rows += o.rows
        r.before = before + o.before
        r.after = after + o.after
        r.emptied = emptied + o.emptied
        r.batches += o.batches
        r.engineUncompressed += o.engineUncompressed
        r.engineCompressed += o.engineCompressed
        r.columnPlain.merge(o.columnPlain, uniquingKeysWith: +)
        r.columnEngineCompressed.merge(o.columnEngineCompressed, uniquingKeysWith: +)
        r.columnTimescaleCompressed.merge(o.columnTimescaleCompressed, uniquingKeysWith: +)
        return r
    }
}
