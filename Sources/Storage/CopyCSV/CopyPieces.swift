import Dispatch
import Foundation
import Schema
import Synchronization

/// A COPY input held in memory, parsed on several threads at once: the data after the header is
/// cut into pieces at record terminators outside quotes (as ``CopyStream`` cuts a file), every
/// piece is parsed as a continuation of the one before it (same header mapping, same line ending),
/// and the pieces' columns are joined in file order.
///
/// The result equals the sequential parse's, row for row and line for line: a piece's row lines
/// are shifted by the lines before it, and a load whose defaults depend on how many rows came
/// before a piece (an omitted `gen_random_uuid()` or serial column) is not cut. When any piece
/// fails, ``load`` gives nil and the caller parses the input sequentially, which reports the error
/// the whole input gives (the first one in file order, CHECK violations ordered as PostgreSQL
/// orders them).
struct CopyPieces {
    let reader: CopyReader
    let file: String
    let base: UnsafePointer<UInt8>
    let count: Int

    /// The rows and lines of the whole input, or nil when it is not worth cutting (fewer than two
    /// pieces of `minimumPieceBytes`), cannot be cut (defaults counted per row) or a piece failed.
    func load(pieces wanted: Int, minimumPieceBytes: Int) -> CopyLoadResult? {
        guard wanted > 1, count >= 2 * minimumPieceBytes else { return nil }
        let table = reader.table
        var head = CopyLoad(reader: reader, file: file, base: base, count: count)
        guard let header = try? head.readHeaderAlone() else { return nil }
        let continuation = header.continuation
        guard !continuation.countsRows(in: table) else { return nil }
        let ranges = Self.cut(base + header.dataStart, count: count - header.dataStart,
                              pieces: min(wanted, (count - header.dataStart) / max(minimumPieceBytes, 1)))
            .map { ($0.lowerBound + header.dataStart)..<($0.upperBound + header.dataStart) }
        guard ranges.count > 1 else { return nil }

        struct Parsed: Sendable {
            var rows: RowSet
            var lines: [Int32]
            /// The line after the piece's last record, counted from the piece's first line.
            var endLine: Int
            var ended: Bool
        }
        let parsed = Mutex<[Parsed?]>(Array(repeating: nil, count: ranges.count))
        let reader = self.reader, file = self.file
        let address = UInt(bitPattern: base)
        DispatchQueue.concurrentPerform(iterations: ranges.count) { k in
            let r = ranges[k]
            guard let start = UnsafePointer<UInt8>(bitPattern: address) else { return }
            var piece = continuation
            // The first piece starts on the line after the header; the others count from line 1
            // and are shifted once the lines before them are known.
            if k > 0 { piece.line = 1 }
            var load = CopyLoad(reader: reader, file: file, base: start + r.lowerBound, count: r.count, continuing: piece)
            guard let rows = try? load.run() else { return }
            let next = load.continuation(rows: rows.count)
            let result = Parsed(rows: rows, lines: load.rowLines, endLine: next.line, ended: next.ended)
            parsed.withLock { $0[k] = result }
        }
        // Moved out of the lock, so the pieces' columns have one owner and are freed as they are joined.
        var pieces = parsed.withLock { all in
            defer { all = [] }
            return all
        }
        var kept: [Parsed] = []
        for k in pieces.indices {
            guard let piece = pieces[k] else { return nil }
            pieces[k] = nil
            kept.append(piece)
            // A `\.` line ends the data: later pieces are not data.
            if piece.ended { break }
        }
        pieces = []
        var lines: [Int32] = []
        lines.reserveCapacity(kept.reduce(0) { $0 + $1.lines.count })
        var shift = 0
        for (k, piece) in kept.enumerated() {
            if k == 0 {
                lines.append(contentsOf: piece.lines)
            } else {
                guard let delta = Int32(exactly: shift) else { return nil }
                lines.append(contentsOf: piece.lines.map { $0 &+ delta })
            }
            shift += piece.endLine - 1
        }
        var columns = kept.map(\.rows.columns)
        kept = []
        return CopyLoadResult(rows: Self.joined(&columns, table: table), lines: lines,
                              omittedColumns: continuation.omitted.map { table.columns[$0].name },
                              headerColumns: continuation.fieldColumn.map { table.columns[$0].name })
    }

    /// Up to `pieces` consecutive ranges covering `count` bytes, each ending just after a record
    /// terminator outside quotes (the last one at the end), of about equal size.
    static func cut(_ base: UnsafePointer<UInt8>, count: Int, pieces: Int) -> [Range<Int>] {
        guard pieces > 1 else { return [0..<count] }
        var ranges: [Range<Int>] = []
        var start = 0
        for k in 1..<pieces {
            let target = count / pieces * k
            guard target > start else { continue }
            let end = start + CopyStream.lastRecordEnd(base + start, count: target - start)
            guard end > start else { continue }
            ranges.append(start..<end)
            start = end
        }
        if start < count { ranges.append(start..<count) }
        return ranges
    }

    /// The pieces' columns (`columns[k]` are piece k's) joined in order, one column at a time: the
    /// pieces' copies of a column are freed once it is joined, so the peak holds one column twice,
    /// not the whole input. `columns` is left with empty vectors.
    static func joined(_ columns: inout [[ColumnVector]], table: TableDefinition) -> RowSet {
        var out: [ColumnVector] = []
        out.reserveCapacity(table.columns.count)
        for (c, column) in table.columns.enumerated() {
            let parts = columns.map { (vector: $0[c], rows: ColumnScan.Selection.range(0..<$0[c].count)) }
            for k in columns.indices { columns[k][c] = ColumnVector(type: column.type) }
            out.append(ColumnVector.concatenating(parts, type: column.type))
        }
        return RowSet(table: table, columns: out)
    }
}
