import Testing
@testable import Storage

/// Chunk boundaries must be exactly TimescaleDB's (`calculate_open_range_default`).
@Suite struct ChunkRangeTests {
    let day: Int64 = 86_400_000_000
    let week: Int64 = 7 * 86_400_000_000
    let halfDay: Int64 = 12 * 3_600_000_000

    /// The reference formula, written out independently with explicit C-style truncation.
    func reference(_ v: Int64, _ interval: Int64) -> (Int64, Int64) {
        if v < 0 {
            let end = ((v + 1) / interval) * interval
            return (Int64.min + interval > end ? Int64.min : end - interval, end)
        }
        let start = (v / interval) * interval
        return (start, Int64.max - interval < start ? Int64.max : start + interval)
    }

    @Test func zeroStartsTheFirstSliceAtTheEpoch() {
        #expect(ChunkRange.timeSlice(containing: 0, interval: day) == ChunkRange(start: 0, end: day))
    }

    @Test func minusOneMicrosecondFallsInTheSliceBeforeTheEpoch() {
        #expect(ChunkRange.timeSlice(containing: -1, interval: day) == ChunkRange(start: -day, end: 0))
    }

    @Test func negativeBoundaryValueStartsItsOwnSlice() {
        #expect(ChunkRange.timeSlice(containing: -day, interval: day) == ChunkRange(start: -day, end: 0))
        #expect(ChunkRange.timeSlice(containing: -day - 1, interval: day) == ChunkRange(start: -2 * day, end: -day))
        #expect(ChunkRange.timeSlice(containing: -day + 1, interval: day) == ChunkRange(start: -day, end: 0))
    }

    @Test func boundariesPlusMinusOneForCommonIntervals() {
        for interval in [halfDay, day, week] {
            for k: Int64 in [1, 2, 19_358, 2_800] {
                let b = k * interval
                #expect(ChunkRange.timeSlice(containing: b, interval: interval) == ChunkRange(start: b, end: b + interval))
                #expect(ChunkRange.timeSlice(containing: b - 1, interval: interval) == ChunkRange(start: b - interval, end: b))
                #expect(ChunkRange.timeSlice(containing: b + 1, interval: interval) == ChunkRange(start: b, end: b + interval))
            }
        }
    }

    @Test func weeklySlicesStartOnThursdays() {
        // 2023-01-05 00:00 UTC is a Thursday: 19362 days after the epoch.
        let thursday: Int64 = 19_362 * day
        #expect(ChunkRange.timeSlice(containing: thursday + 5 * day, interval: week).start == thursday)
    }

    @Test func extremesClampToTheInt64Range() {
        let top = ChunkRange.timeSlice(containing: Int64.max, interval: week)
        #expect(top.end == Int64.max)
        #expect(top.start == (Int64.max / week) * week)
        let bottom = ChunkRange.timeSlice(containing: Int64.min, interval: week)
        #expect(bottom.start == Int64.min)
        #expect(bottom.end == ((Int64.min + 1) / week) * week)
    }

    @Test func matchesTheReferenceFormulaOnASweep() {
        var v: Int64 = -3 * week - 7
        while v < 3 * week {
            for interval in [halfDay, day, week, 1_000_000] {
                let r = reference(v, interval)
                #expect(ChunkRange.timeSlice(containing: v, interval: interval) == ChunkRange(start: r.0, end: r.1))
            }
            v += 3_600_000_000 - 13
        }
    }

    @Test func everyValueLiesInsideItsSlice() {
        for v: Int64 in [Int64.min, Int64.min + 1, -week - 1, -1, 0, 1, week - 1, week, Int64.max - 1, Int64.max] {
            let r = ChunkRange.timeSlice(containing: v, interval: week)
            #expect(r.contains(v))
        }
    }
}

@Suite struct SpaceDimensionTests {
    @Test func slicesCoverTheKeyspaceWithOpenEnds() {
        let dim = SpaceDimension(column: "symbol", partitions: 4)
        let width = Int64(Int32.max) / 4
        #expect(dim.slice(forHash: 0) == ChunkRange(start: Int64.min, end: width))
        #expect(dim.slice(forHash: width) == ChunkRange(start: width, end: 2 * width))
        #expect(dim.slice(forHash: Int64(Int32.max)) == ChunkRange(start: 3 * width, end: Int64.max))
    }

    @Test func hashIsMaskedToThirtyOneBits() {
        for s in ["A", "ES=F", "NQ=F", "^FTSE", ""] {
            let h = SpaceDimension.hash(.text(s))
            #expect(h >= 0 && h <= Int64(Int32.max))
        }
    }

    /// Limits open a slice on the side that reaches past them, and leave others alone.
    @Test func limitsOpenSlicesThatReachPastThem() {
        let limits: ClosedRange<Int64> = -1_000...999
        #expect(ChunkRange.timeSlice(containing: -1, interval: 600, within: limits) == ChunkRange(start: -600, end: 0))
        #expect(ChunkRange.timeSlice(containing: -601, interval: 600, within: limits) == ChunkRange(start: Int64.min, end: -600))
        #expect(ChunkRange.timeSlice(containing: 599, interval: 600, within: limits) == ChunkRange(start: 0, end: 600))
        #expect(ChunkRange.timeSlice(containing: 600, interval: 600, within: limits) == ChunkRange(start: 600, end: Int64.max))
        // TimescaleDB opens the end when `dim_max - start < interval`: a slice whose exclusive end
        // is the last value itself stays closed, one a microsecond further is open.
        #expect(ChunkRange.timeSlice(containing: 400, interval: 400, within: 0...800) == ChunkRange(start: 400, end: 800))
        #expect(ChunkRange.timeSlice(containing: 400, interval: 400, within: 0...799) == ChunkRange(start: 400, end: Int64.max))
    }
}
