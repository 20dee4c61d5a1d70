import Schema

extension RestAPI {
    /// PostgREST's answer to a read of `table` — a table's rows, or a set-returning function's:
    /// the rows `query` keeps, the window that `limit`/`offset` and the `Range` header ask for,
    /// `Content-Range` (with the total under `Prefer: count=exact`), 200/206/416, and the array or
    /// (``SingleObject``) the one object. `HEAD` gets the headers only.
    func answerRead(_ table: ServedTable, _ query: TableQuery, _ request: RestRequest) throws(RestError) -> RestResponse {
        let zone = database.configuration.timeZone
        let matching = try table.select(query, zone: zone)
        let prefer = RestAPI.preferences(request)
        let total = matching.count
        // The window: offset/limit, intersected with a Range header.
        var lower = query.offset ?? 0
        // Saturating: `offset` and `limit` are the caller's numbers (both up to Int.max).
        var upper = query.limit.map { limit in
            let (sum, overflow) = lower.addingReportingOverflow(limit)
            return overflow ? Int.max : sum - 1
        } ?? Int.max
        if let range = request.header("Range") {
            let (a, b) = try RestAPI.parseRange(range)
            lower = max(lower, a)
            if let b { upper = min(upper, b) }
        }
        let counted = RestAPI.countsRows(prefer)
        let window = lower < total && upper >= lower ? Array(matching[lower...min(upper, total - 1)]) : []
        let single = SingleObject.isRequested(by: request)
        if single { try SingleObject.require(rows: window.count) }
        if counted, lower > 0, lower >= total {
            var e = RestError(status: 416, code: "PGRST103", message: "Requested range not satisfiable",
                              details: "An offset of \(lower) was requested, but there are only \(total) rows.")
            e.headers = [("Content-Range", "*/\(total)")]
            throw e
        }
        let countText = counted ? String(total) : "*"
        let rangeText = window.isEmpty ? "*/\(countText)" : "\(lower)-\(lower + window.count - 1)/\(countText)"
        var status = 200
        if counted, !window.isEmpty, window.count < total { status = 206 }
        var headers: [(name: String, value: String)] = [("Content-Range", rangeText)]
        var body: String
        if single {
            body = try table.jsonObject(window[0], select: query.select, zone: zone)
            headers.append(("Content-Type", SingleObject.contentType))
        } else {
            body = try table.json(window, select: query.select, zone: zone)
            headers.append(("Content-Type", "application/json; charset=utf-8"))
        }
        if request.method == "HEAD" { body = "" }
        return RestResponse(status: status, headers: headers, body: body)
    }
}
