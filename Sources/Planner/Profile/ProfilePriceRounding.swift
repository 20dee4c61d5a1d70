import Foundation
import Schema
import Storage

/// Prices an export holds that its table's `numeric(p, s)` price columns store as 0.
///
/// COPY rounds a numeric value to the column's scale without a word (PostgreSQL's
/// `apply_typmod`): a penny stock's `0.0012` loaded into the built-in `numeric(12,2)` market_data
/// is `0.00`. A profile measures what the table stores, so such an export has no positive close,
/// and its price level silently fell back to the default. The schema is the user's choice and is
/// kept; the profile says which columns lost their prices and how to keep them (`--schema`).
///
/// Only a file that loaded some 0 price is read a second time (with the price columns'
/// type modifiers dropped) to tell a rounded price from a 0 in the file; a pipe or FIFO is not
/// read twice, and then the stored 0s are reported as such.
enum ProfilePriceRounding {
    /// A column whose rounded prices are fewer than this share of its non-zero ones is not
    /// reported (a stray value, as the profile's other 99 % rules treat them).
    static let reportedShare = 0.01

    /// One price column's count.
    struct ColumnCount: Sendable, Hashable {
        var column: String
        /// Its market_data role (`open`, `high`, `low`, `close`).
        var role: String
        var type: PGType
        var scale: Int
        /// Values stored as 0 that were not 0 in the file (or, when the file could not be read
        /// again, values stored as 0).
        var rounded: Int
        /// Non-zero values in the file (or, unread, every finite value).
        var of: Int
        /// A value as the file gave it, nil when unread.
        var example: String?
    }

    /// The warning for `loaded` (read from `path` as `table`), nil when no price column rounds a
    /// reported share of its prices to 0.
    static func warning(path: String, table: TableDefinition, zone: PGTimeZone, loaded: RowSet) -> String? {
        let counts = self.counts(path: path, table: table, zone: zone, loaded: loaded)
        guard !counts.isEmpty else { return nil }
        let file = URL(fileURLWithPath: path).lastPathComponent
        let reread = counts.allSatisfy { $0.example != nil }
        func percent(_ c: ColumnCount) -> String {
            let share = Double(c.rounded) / Double(max(1, c.of)) * 100
            return share >= 99.95 ? "100" : share < 0.1 ? "under 0.1" : String(format: "%.1f", share)
        }
        // The close first (it sets the level), each column's type named where it is not the first's.
        let ordered = counts.filter { $0.role == "close" } + counts.filter { $0.role != "close" }
        let first = ordered[0]
        let listed = ordered.enumerated().map { k, c in
            let type = c.type == first.type ? "" : " (\(c.type.sqlName))"
            if k == 0 {
                return reread
                    ? "\"\(c.column)\" stores \(c.rounded) of the \(c.of) non-zero prices the file gives it as 0 (\(percent(c)) %, e.g. \(c.example ?? "?"))"
                    : "\"\(c.column)\" holds 0 in \(c.rounded) of \(c.of) rows (\(percent(c)) %)"
            }
            return "\"\(c.column)\"\(type) \(c.rounded) of \(c.of) (\(percent(c)) %)"
        }
        let scale = first.scale
        let half = scale == 0 ? "0.5" : "0." + String(repeating: "0", count: scale) + "5"
        let zero = scale == 0 ? "0" : "0." + String(repeating: "0", count: scale)
        let closeColumn = try? MarketDataShapedRows.view(loaded).column("close")
        let positiveClose = closeColumn.map { Self.hasPositive($0) } ?? false
        let effect = positiveClose
            ? "The profile's price level, tick and steps are measured from the prices that kept a digit."
            : "No close is left above 0, so the profile's price level is the default 100 and its tick and steps say nothing about these prices."
        let opening = reread
            ? "the prices of \(file) round to 0 at scale \(scale) in the table's \(first.type.sqlName) columns: "
            : "the table's \(first.type.sqlName) columns store 0 for many prices of \(file) (not a regular file, so not read again to tell "
                + "a 0 in it from a price that rounds to 0 at scale \(scale)): "
        return opening + listed.joined(separator: ", ")
            + " (COPY stores a price under \(half) as \(zero)). \(effect) The schema is kept as given; to profile and plan these prices, "
            + "give your table's definition with --schema FILE.sql (plan also takes it as --migrations), its price columns of a scale "
            + "that keeps their digits (numeric(18,8), say)."
    }

    /// The price columns (by market_data role, ``MarketDataShapedRows``) of a fixed scale that
    /// store a reported share of their prices as 0.
    static func counts(path: String, table: TableDefinition, zone: PGTimeZone, loaded: RowSet) -> [ColumnCount] {
        guard let shaped = try? MarketDataShapedRows.view(loaded) else { return [] }
        var candidates: [(index: Int, role: String, scale: Int, zeros: [Int], finite: Int)] = []
        for (i, column) in table.columns.enumerated() where i < shaped.table.columns.count && i < loaded.columns.count {
            guard ProfilePrices.columnNames.contains(shaped.table.columns[i].name),
                  case .numeric(let precision, let s) = column.type, precision != nil || s != nil,
                  case .numeric(let unscaled, let scales) = loaded.columns[i].storage else { continue }
            var zeros: [Int] = [], finite = 0
            for r in unscaled.indices where !loaded.columns[i].isNull(at: r) && !PGNumeric.isSpecial(scale: scales[r]) {
                finite += 1
                if unscaled[r] == 0 { zeros.append(r) }
            }
            if !zeros.isEmpty { candidates.append((i, shaped.table.columns[i].name, s ?? 0, zeros, finite)) }
        }
        guard !candidates.isEmpty else { return [] }

        // Read the file again with these columns unconstrained, if it is a regular file (a FIFO's
        // second open would wait for a writer; standard input is gone).
        var loose = table
        for c in candidates { loose.columns[c.index].type = .numeric(precision: nil, scale: nil) }
        let regular = (try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType) == .typeRegular
        let raw = regular ? (try? CopyReader(table: loose, zone: zone, loadTime: 0, seed: 1).load(path: path))?.rows : nil
        var out: [ColumnCount] = []
        for c in candidates {
            let column = table.columns[c.index]
            if let raw, raw.count == loaded.count, c.index < raw.columns.count,
               case .numeric(let unscaled, let scales) = raw.columns[c.index].storage {
                var nonZero = 0
                for r in unscaled.indices where !raw.columns[c.index].isNull(at: r) && !PGNumeric.isSpecial(scale: scales[r]) && unscaled[r] != 0 {
                    nonZero += 1
                }
                let rounded = c.zeros.filter { unscaled[$0] != 0 && !PGNumeric.isSpecial(scale: scales[$0]) }
                guard let first = rounded.first, Double(rounded.count) >= reportedShare * Double(nonZero) else { continue }
                out.append(ColumnCount(column: column.name, role: c.role, type: column.type, scale: c.scale, rounded: rounded.count, of: nonZero,
                                       example: PGNumeric(unscaled: unscaled[first], scale: Int(scales[first])).description))
            } else if Double(c.zeros.count) >= reportedShare * Double(c.finite) {
                out.append(ColumnCount(column: column.name, role: c.role, type: column.type, scale: c.scale, rounded: c.zeros.count, of: c.finite, example: nil))
            }
        }
        return out
    }

    static func hasPositive(_ column: ColumnVector) -> Bool {
        switch column.storage {
        case .numeric(let unscaled, let scales):
            return unscaled.indices.contains { !column.isNull(at: $0) && !PGNumeric.isSpecial(scale: scales[$0]) && unscaled[$0] > 0 }
        case .double(let values):
            return values.indices.contains { !column.isNull(at: $0) && values[$0] > 0 }
        case .int64(let values):
            return values.indices.contains { !column.isNull(at: $0) && values[$0] > 0 }
        default:
            return true
        }
    }
}
