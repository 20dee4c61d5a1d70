import Schema

extension RestAPI {
    /// PostgREST's answer to a read of `table` — a table's rows, or a set-returning function's:
    /// the rows `query` keeps, the window that `limit`/`offset` and the `Range` header ask for,
    /// `Content-Range` (with the total under `Prefer: count=exact`), 200/206/416, and the array or
    /// (``SingleObject``) the one object, or (``CSVBody``) the CSV. `HEAD` gets the headers only.
    ///
    /// `sourceKeys` is a function call's CSV header: PostgREST takes the header from its source
    /// (the call, before filters and ranges: the columns it returns, nil when it returned no row);
    /// a table read's source is the read itself, so without it the header is the selected keys
    /// when the window holds a row.
    func answerRead(_ table: ServedTable, _ query: TableQuery, _ request: RestRequest,
                    sourceKeys: [String]?? = .none) throws(RestError) -> RestResponse {
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
        let csv = CSVBody.isRequested(by: request)
        let single = !csv && SingleObject.isRequested(by: request)
        if single { try SingleObject.require(rows: window.count) }
        let (status, rangeText) = try rows.answer(returned: window.count, total: RestAPI.countsRows(prefer) ? matching.count : nil)
        var headers: [(name: String, value: String)] = [("Content-Range", rangeText)]
        if let applied = prefer.applied(RestAPI.appliedToReads) { headers.append(applied) }
        var body: String
        if csv {
            let (keys, fields) = try table.csvFields(window, select: query.select, zone: zone)
            let header = sourceKeys ?? (window.isEmpty ? nil : keys)
            body = CSVBody.body(header: header?.joined(separator: ",") ?? "", rows: fields)
            headers.append(("Content-Type", CSVBody.contentType))
        } else if single {
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
