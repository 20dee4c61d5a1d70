import Schema

extension RestAPI {
    /// PostgREST's answer to a read of `table` — a table's rows, or a set-returning function's:
    /// the rows `query` keeps, the window that `limit`/`offset` and the `Range` header ask for,
    /// `Content-Range` (with the total under `Prefer: count=exact`), 200/206/416, and the array or
    /// (``SingleObject``) the one object. `HEAD` gets the headers only.
    func answerRead(_ table: ServedTable, _ query: TableQuery, _ request: RestRequest) throws(RestError) -> RestResponse {
        let zone = zone(request)
        // The range is read with the request, before any row is. PostgREST (since 11) reads the
        // Range header on GET only: HEAD and POST calls use limit/offset.
        let rangeHeader = request.method == "GET" ? request.header("Range") : nil
        let rows = try RowWindow(query, rangeHeader: rangeHeader).capped(at: database.configuration.maximumRows)
        // The sort is bounded by the LIMIT + OFFSET PostgREST sends (the window's end).
        let bound = rows.upper.flatMap { $0 < Int.max ? $0 + 1 : nil }
        let matching = try table.select(query, zone: zone, clock: database.now, bound: bound)
        let prefer = RestAPI.preferences(request)
        let window = Array(rows.slice(matching))
        let single = SingleObject.isRequested(by: request)
        if single { try SingleObject.require(rows: window.count) }
        let (status, rangeText) = try rows.answer(returned: window.count, total: RestAPI.countsRows(prefer) ? matching.count : nil)
        var headers: [(name: String, value: String)] = [("Content-Range", rangeText)]
        if let applied = prefer.applied(RestAPI.appliedToReads) { headers.append(applied) }
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
