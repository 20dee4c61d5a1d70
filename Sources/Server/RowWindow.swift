/// The rows a read answers, as PostgREST 12 computes its top-level range (RangeQuery.hs,
/// ApiRequest.getRanges): `offset`/`limit` intersected with a `Range: first-last` header, and
/// from the rows returned and the total, the status and `Content-Range` (rangeStatusHeader).
struct RowWindow {
    /// The first row asked for.
    var lower: Int
    /// The last row asked for (inclusive); nil when open-ended, `lower - 1` for `limit=0`.
    var upper: Int?

    static func notSatisfiable(_ details: String) -> RestError {
        RestError(status: 416, code: "PGRST103", message: "Requested range not satisfiable", details: details)
    }

    /// - Throws: `416 PGRST103` for an empty range other than `limit=0` — a negative limit, or a
    ///   `Range` header whose last row comes before its first; `2201X` for a negative offset, as
    ///   PostgreSQL refuses `OFFSET -1`.
    init(_ query: TableQuery, rangeHeader: String?) throws(RestError) {
        let offset = query.offset ?? 0
        guard offset >= 0 else { throw RestError.postgres("2201X", "OFFSET must not be negative") }
        lower = offset
        if let limit = query.limit {
            // PostgREST keeps an empty range only for limit=0 at offset 0 (its limitZeroRange).
            guard limit > 0 || (limit == 0 && offset == 0) else {
                throw RowWindow.notSatisfiable("Limit should be greater than or equal to zero.")
            }
            let (sum, overflow) = offset.addingReportingOverflow(limit)
            upper = overflow ? Int.max : sum - 1
            if limit == 0 { return }  // limit=0 bypasses the Range header.
        }
        guard let rangeHeader, let (first, last) = RowWindow.parseRange(rangeHeader) else { return }
        if let last, last < first {
            throw RowWindow.notSatisfiable("The lower boundary must be lower than or equal to the upper boundary in the Range header.")
        }
        lower = max(lower, first)
        if let last { upper = min(upper ?? Int.max, last) }
        if let upper, upper < lower {
            throw RowWindow.notSatisfiable("Limit should be greater than or equal to zero.")
        }
    }

    /// The window cut at `maximum` rows (PostgREST's `restrictRange` with `db-max-rows`).
    func capped(at maximum: Int?) -> RowWindow {
        guard let maximum else { return self }
        var out = self
        let (sum, overflow) = lower.addingReportingOverflow(maximum)
        out.upper = min(upper ?? Int.max, overflow ? Int.max : sum - 1)
        return out
    }

    /// `Range: 0-9` (`items=0-9` too, as earlier versions of this server read it) or `5-`: first
    /// and last row; nil for a header PostgREST would not read (it then ignores it).
    static func parseRange(_ text: String) -> (Int, Int?)? {
        var t = Substring(text.trimmingCharacters(in: .whitespaces))
        if let eq = t.firstIndex(of: "=") { t = t[t.index(after: eq)...] }
        let parts = t.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].allSatisfy({ $0.isASCII && $0.isNumber }),
              parts[1].allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let first = Int(parts[0]) ?? Int.max
        return (first, parts[1].isEmpty ? nil : Int(parts[1]) ?? Int.max)
    }

    /// The positions of `matching` inside the window.
    func slice<T>(_ matching: [T]) -> ArraySlice<T> {
        let last = min(upper ?? Int.max, matching.count - 1)
        return lower < matching.count && last >= lower ? matching[lower...last] : []
    }

    /// PostgREST's status and `Content-Range` for `returned` rows of a window over `total` rows
    /// (nil when not counted): 416 when the window starts past the total, 206 when it holds fewer
    /// than the total, 200 otherwise; `*` for the range when nothing is returned or the total is 0.
    func answer(returned: Int, total: Int?) throws(RestError) -> (status: Int, contentRange: String) {
        let totalText = total.map(String.init) ?? "*"
        let rangeText = returned > 0 && total != 0 ? "\(lower)-\(lower + returned - 1)" : "*"
        guard let total else { return (200, "\(rangeText)/\(totalText)") }
        if lower > total {
            var e = RowWindow.notSatisfiable("An offset of \(lower) was requested, but there are only \(total) rows.")
            e.headers = [("Content-Range", "*/\(total)")]
            throw e
        }
        return (returned < total ? 206 : 200, "\(rangeText)/\(totalText)")
    }
}
