import Schema
import Storage

/// Relation sizes per row, taken from a sample of the data, to predict sizes for a row count the
/// sample does not reach (capacity questions: "a year of these bars").
///
/// The exact model runs on the sample and on its first half; each relation's main fork grows
/// linearly from there (pages per added row, plus a fixed part), and the heap forks and BRIN are
/// recomputed from the predicted heap page count. Page fill
/// patterns (bulk 90 %, ascending 90 %, DESC 50 %, random ~69 %) carry over because they are measured
/// on the sample itself, so the sample must be long enough to show them (a few thousand rows).
///
/// ```swift
/// let profile = try SizeProfile(sample: firstWeek, build: { _ in .incremental })
/// let yearly = profile.predict(rowCount: 52 * firstWeek.count)
/// ```
public struct SizeProfile: Sendable {
    public struct Relation: Sendable {
        public var name: String
        public var kind: RelationSize.Kind
        /// Main-fork bytes per row beyond the fixed pages.
        public var bytesPerRow: Double
        /// Pages that do not grow with rows (B-tree metapage, an empty TOAST index). Negative for a
        /// B-tree whose sample's second half added more pages than its first half holds (the
        /// second half's rows split the pages the first half filled: a day of bars of each of
        /// thousands of tickers), so that the sample's row count gives the sample's size.
        public var fixedPages: Int
        /// BRIN pages per range (BRIN is recomputed from heap pages).
        public var pagesPerRange: Int?
        /// The init fork of an UNLOGGED table's index (it does not grow with rows).
        public var initBytes = 0
    }

    public let sampleRows: Int
    public let relations: [Relation]

    public init(sample: RowSet, build: (IndexDefinition) -> IndexBuild, context: EvaluationContext = EvaluationContext()) throws(SizeModelError) {
        // Two points (half the sample, all of it) give each relation's growth per row and its fixed
        // part (metapage, root, the partly filled last page) without mistaking one for the other.
        let half = sample.gathering(Array(0..<(sample.count / 2)))
        let small = try RelationSizeModel.predict(rows: half, build: build, context: context)
        let large = try RelationSizeModel.predict(rows: sample, build: build, context: context)
        let added = Double(max(sample.count - half.count, 1))
        sampleRows = sample.count
        var out: [Relation] = []
        for (a, b) in zip(small, large) {
            let pagesA = a.mainBytes / PageLayout.blockSize, pagesB = b.mainBytes / PageLayout.blockSize
            let perRow = Double(max(0, pagesB - pagesA)) * Double(PageLayout.blockSize) / added
            let unfixed = pagesB - Int((perRow * Double(sample.count) / Double(PageLayout.blockSize)).rounded())
            let fixed = b.kind == .brin ? pagesB : b.kind == .btree ? unfixed : max(0, unfixed)
            let ppr = b.kind == .brin ? sample.table.indexes.first { $0.name == b.name }.map { $0.pagesPerRange ?? 128 } : nil
            out.append(Relation(name: b.name, kind: b.kind, bytesPerRow: perRow, fixedPages: b.kind == .heap ? 0 : fixed, pagesPerRange: ppr,
                                initBytes: b.initBytes))
        }
        relations = out
    }

    /// Predicted sizes for `rowCount` rows of `seriesFactor` times as many series (tickers) as
    /// the sample holds. An index named in `seriesLed` leads with the series column: with more
    /// series it is the sample's per-series structure side by side, so it is predicted at the
    /// sample's width (for `rowCount / seriesFactor` rows) and its pages past the metapage scaled
    /// by the factor. Grown per row instead, it carried over the slope of the sample's own pages
    /// splitting as they filled (300 tickers sampled at 23: +9 % on the ticker-led indexes). The
    /// heap and the other indexes grow per row (a time-led index's duplicates get denser with
    /// more series, which scaling would lose).
    public func predict(rowCount: Int, seriesFactor: Double, seriesLed: Set<String>) -> [RelationSize] {
        let grown = predict(rowCount: rowCount)
        guard seriesFactor > 1, seriesFactor.isFinite, !seriesLed.isEmpty else { return grown }
        let narrow = predict(rowCount: Int((Double(rowCount) / seriesFactor).rounded()))
        return zip(grown, narrow).map { g, n in
            guard g.kind == .btree, seriesLed.contains(g.name) else { return g }
            let pages = Double(max(0, n.mainBytes / PageLayout.blockSize - 1)) * seriesFactor
            var scaled = g
            scaled.mainBytes = (1 + Int(min(pages.rounded(.up), Double(Int.max / PageLayout.blockSize - 1)))) * PageLayout.blockSize
            return scaled
        }
    }

    /// Predicted sizes after loading `rowCount` rows with the sample's shape.
    public func predict(rowCount: Int) -> [RelationSize] {
        var heapPages = 0
        var out: [RelationSize] = []
        for r in relations {
            let grown = Int((r.bytesPerRow * Double(rowCount) / Double(PageLayout.blockSize)).rounded(.up))
            switch r.kind {
            case .heap:
                heapPages = grown
                out.append(RelationSize(name: r.name, kind: .heap, mainBytes: grown * PageLayout.blockSize,
                                        fsmBytes: FreeSpaceMap.pages(heapPages: grown) * PageLayout.blockSize,
                                        vmBytes: VisibilityMap.pages(heapPages: grown) * PageLayout.blockSize))
            case .btree, .toast:
                // A B-tree holding rows has its metapage and a leaf at least (and an empty one its metapage).
                let least = r.kind == .toast ? 0 : rowCount > 0 ? 2 : 1
                out.append(RelationSize(name: r.name, kind: r.kind, mainBytes: max(least, r.fixedPages + grown) * PageLayout.blockSize,
                                        initBytes: r.initBytes))
            case .brin:
                let pages = BRINIndex.pages(heapPages: heapPages, pagesPerRange: r.pagesPerRange ?? 128, valueWidths: [(8, 8)])
                out.append(RelationSize(name: r.name, kind: .brin, mainBytes: pages * PageLayout.blockSize,
                                        fsmBytes: FreeSpaceMap.pages(heapPages: pages) * PageLayout.blockSize, initBytes: r.initBytes))
            }
        }
        return out
    }
}
