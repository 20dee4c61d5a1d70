import Analytics
import Foundation
import Schema

/// PostgREST's REST conventions over a ``ServedDatabase``: what the Supabase clients send to
/// `/rest/v1/…` and what they expect back.
///
/// - `POST|GET /rest/v1/rpc/<fn>`: named arguments (JSON body, or query parameters for GET),
///   DEFAULTs as declared; a set-returning function's rows are read as a table's (``answerRead``:
///   `select`, filters, `order`, ranges, counts, the single object).
/// - `GET|HEAD /rest/v1/<table>`: `select=`, filters (`eq neq gt gte lt lte in is like ilike`,
///   `not.`, `or=(…)`/`and=(…)` trees),
///   `order=`, `limit=`/`offset=`, `Range`, `Prefer: count=exact` with `Content-Range`.
/// - `POST /rest/v1/<table>`: insert; `Prefer: resolution=merge-duplicates|ignore-duplicates`
///   with `on_conflict=` upserts; `Prefer: return=representation|minimal`.
/// - `PATCH`/`DELETE /rest/v1/<table>` with filters: update or delete the matching rows.
/// - `Accept`: JSON arrays, the single object (``SingleObject``) or CSV (``CSVBody``), picked
///   in the order PostgREST tries the header's types (``AcceptHeader``).
///
/// Independent of the HTTP library: ``RestServer`` feeds it from a socket, tests call it directly.
public struct RestAPI: Sendable {
    public let database: ServedDatabase
    static let prefix = "/rest/v1/"

    public init(database: ServedDatabase) {
        self.database = database
    }

    public func handle(_ request: RestRequest) -> RestResponse {
        do throws(RestError) {
            return RestAPI.strippingNulls(try route(request), request)
        } catch {
            return .error(error)
        }
    }

    /// A JSON answer to an `Accept` that asks for `nulls=stripped` (``NullStripping``), with its
    /// media type; any other answer as it is.
    static func strippingNulls(_ response: RestResponse, _ request: RestRequest) -> RestResponse {
        let single: Bool
        switch firstServedMediaType(request) {
        case .arrayStrippingNulls?: single = false
        case .singleObject(strippingNulls: true)?: single = true
        default: return response
        }
        guard response.status < 300, let i = response.headers.firstIndex(where: { $0.name == "Content-Type" }),
              response.headers[i].value.hasPrefix("application/") else { return response }
        var stripped = response
        stripped.headers[i].value = NullStripping.contentType(single: single)
        if !stripped.body.isEmpty { stripped.body = NullStripping.strip(stripped.body) }
        return stripped
    }

    /// Who is asking: the role, and whether a token was presented (401 versus 403 on a refusal).
    struct Caller {
        var role: String
        var authenticated: Bool
        /// nil when roles are not checked (no `--jwt-secret`).
        var checked: Bool
    }

    func caller(_ request: RestRequest) throws(RestError) -> Caller {
        guard let verifier = database.verifier else { return Caller(role: database.configuration.anonymousRole, authenticated: false, checked: false) }
        var token: String?
        if let auth = request.header("Authorization") {
            let parts = auth.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "bearer" else { throw TokenVerifier.invalid("Authorization header is not a Bearer token") }
            token = String(parts[1]).trimmingCharacters(in: .whitespaces)
        } else if let key = request.header("apikey"), key.split(separator: ".").count == 3 {
            // Supabase's gateway passes the apikey on as the bearer token when none is sent.
            token = key
        }
        guard let token else { return Caller(role: verifier.anonymousRole, authenticated: false, checked: true) }
        return Caller(role: try verifier.role(token: token), authenticated: true, checked: true)
    }

    func require(_ caller: Caller, _ privilege: String, on object: Grants.Object) throws(RestError) {
        guard caller.checked, !database.grants.allows(caller.role, privilege, on: object) else { return }
        let what: String
        switch object {
        case .function(let f): what = "function \(f)"
        case .table(let t): what = "table \(t)"
        }
        throw RestError.postgres("42501", "permission denied for \(what)", authenticated: caller.authenticated)
    }

    /// The first media type of the request's `Accept` that this server writes
    /// (``MediaType/isServed``), in the order PostgREST tries them (``AcceptHeader``); `*/*`
    /// without an `Accept`, nil when it names none of them.
    static func firstServedMediaType(_ request: RestRequest) -> MediaType? {
        guard let accept = request.header("Accept") else { return .any }
        return AcceptHeader.mediaTypes(accept).map(MediaType.init(decoding:)).first(where: \.isServed)
    }

    /// `406 PGRST107` when `Accept` names no type this server writes, listing the types it names
    /// as PostgREST 12 does: in the order it tries them, each by its `toMime` (`text/plain, image/png`).
    static func checkAccept(_ request: RestRequest) throws(RestError) {
        guard let accept = request.header("Accept"), firstServedMediaType(request) == nil else { return }
        let names = AcceptHeader.mediaTypes(accept).map { MediaType(decoding: $0).mime }
        throw RestError(status: 406, code: "PGRST107", message: "None of these media types are available: " + names.joined(separator: ", "))
    }

    /// `400 PGRST102` for a body whose `Content-Type` PostgREST 12 does not read for a table write
    /// or a call (its `getPayload`: no `Content-Type` is JSON; the type is compared
    /// case-sensitively). `text/csv` and form bodies, and a call's raw `text/plain`, `text/xml` or
    /// `application/octet-stream` body, which PostgREST reads, are not supported here (`0A000`).
    static func checkContentType(_ request: RestRequest, call: Bool) throws(RestError) {
        guard let header = request.header("Content-Type") else { return }
        let type = MediaType(decoding: header)
        switch type {
        case .json: return
        case .csv, .urlEncoded:
            throw RestError.postgres("0A000", "chunkwise serve does not read a \(type.mime) body")
        case .textPlain, .textXML, .octetStream:
            guard !call else { throw RestError.postgres("0A000", "chunkwise serve does not read a \(type.mime) body") }
            throw RestError(status: 400, code: "PGRST102", message: "Content-Type not acceptable: \(type.mime)")
        default:
            throw RestError(status: 400, code: "PGRST102", message: "Content-Type not acceptable: \(type.mime)")
        }
    }

    /// The `Content-Type` of a body the request asked for: CSV, the single object or JSON.
    static func bodyContentType(_ request: RestRequest) -> String {
        if CSVBody.isRequested(by: request) { return CSVBody.contentType }
        return SingleObject.isRequested(by: request) ? SingleObject.contentType : "application/json; charset=utf-8"
    }

    /// The preferences a read or a function call reports in `Preference-Applied` (PostgREST 12's
    /// readResponse and invokeResponse).
    static let appliedToReads: Set<String> = ["count", "handling", "timezone"]

    /// `Prefer: count=exact`, or `planned`/`estimated`: PostgREST answers those from the planner's
    /// estimate, which for a table held whole in memory is the exact count.
    static func countsRows(_ prefer: Preferences) -> Bool {
        ["exact", "planned", "estimated"].contains(prefer["count"] ?? "")
    }

    func route(_ request: RestRequest) throws(RestError) -> RestResponse {
        guard request.path.hasPrefix(RestAPI.prefix) else {
            throw RestError(status: 404, code: "PGRST125", message: "Invalid path specified in request URL")
        }
        if let profile = request.header("Accept-Profile") ?? request.header("Content-Profile"), profile != "public" {
            throw RestError(status: 406, code: "PGRST106", message: "The schema must be one of the following: public")
        }
        let rest = request.path.dropFirst(RestAPI.prefix.count)
        // PostgREST reads the body (getPayload) before it negotiates the answer's type.
        if request.method == "POST" || request.method == "PATCH" { try RestAPI.checkContentType(request, call: rest.hasPrefix("rpc/")) }
        try RestAPI.checkAccept(request)
        try RestAPI.preferences(request).check()
        let who = try caller(request)
        if rest.hasPrefix("rpc/") {
            let name = RestRequest.percentDecoded(rest.dropFirst(4))
            switch request.method {
            case "POST", "GET", "HEAD": return try rpc(name, request, who)
            default: throw RestError(status: 405, code: "PGRST101", message: "Only GET, HEAD and POST are allowed for calling functions")
            }
        }
        let table = RestRequest.percentDecoded(rest)
        guard !table.isEmpty, !table.contains("/") else {
            throw RestError(status: 404, code: "PGRST125", message: "Invalid path specified in request URL")
        }
        switch request.method {
        case "GET", "HEAD": return try read(table, request, who)
        case "POST": return try insert(table, request, who)
        case "PATCH": return try update(table, request, who)
        case "DELETE": return try delete(table, request, who)
        default:
            throw RestError(status: 405, code: "PGRST117", message: "Unsupported HTTP method: \(request.method)",
                            details: "chunkwise serve answers reads (GET/HEAD), inserts and upserts (POST), updates (PATCH), deletes (DELETE) and function calls")
        }
    }

    // MARK: - Functions

    func rpc(_ name: String, _ request: RestRequest, _ who: Caller) throws(RestError) -> RestResponse {
        var arguments: [String: FunctionArgument] = [:]
        if request.method == "POST" {
            let body = request.body.isEmpty ? JSONDocument.object([]) : try RestAPI.parseBody(request.body)
            guard case .object(let members) = body else { throw RestError.badBody("the arguments must be a JSON object") }
            let written = members.contains { if case .array = $0.value { true } else if case .object = $0.value { true } else { false } }
                ? JSONDocument.memberTexts(request.body) : [:]
            for (key, value) in members {
                switch value {
                case .null: arguments[key] = .null
                case .string(let s): arguments[key] = .string(s)
                case .number(let n): arguments[key] = .number(n)
                case .bool(let b): arguments[key] = .bool(b)
                case .array, .object: arguments[key] = .json(written[key] ?? value.text)
                }
            }
        } else {
            for (key, value) in request.queryItems where !FunctionCallQuery.shapesResult(key: key, value: value) {
                arguments[key] = .string(value)
            }
        }
        let shaping = request.queryItems.filter { request.method == "POST" || FunctionCallQuery.shapesResult(key: $0.key, value: $0.value) }
        let query = try TableQuery(items: shaping)
        let dispatch = FunctionDispatch(catalog: database.functions)
        guard database.functions.signature(name) != nil else { throw RestError(FunctionCallError.noMatchingFunction(name: name, argumentNames: Array(arguments.keys))) }
        try require(who, "EXECUTE", on: .function(name))
        let result: FunctionResult
        do {
            var analytics = try database.analytics()
            analytics.session = AnalyticsSession(now: analytics.session.now, timeZone: zone(request))
            result = try dispatch.call(name, arguments: arguments, analytics: analytics)
        } catch {
            throw RestError(error)
        }
        if result.returnsSet {
            return try answerRead(try ServedTable(function: name, result: result, returning: query.select), query, request,
                                  sourceKeys: .some(ServedTable.callColumns(result, returning: query.select)))
        }
        for (key, value) in shaping where !(key == "select" && value == "*") {
            throw RestError.badQuery("chunkwise serve does not select, filter or order the result of a function returning one value (\(key)=…)")
        }
        // A scalar result is one value: the single object asked for is that value; as CSV, the
        // one-column row PostgREST's call makes of it (`SELECT fn(…) pgrst_scalar`).
        let csv = CSVBody.isRequested(by: request)
        let contentType = RestAPI.bodyContentType(request)
        let body: String
        if csv {
            let field = result.columns.first.flatMap { c in result.rows.first?.first?.text(as: c.type, zone: zone(request)) }
            body = CSVBody.body(header: ServedTable.scalarColumn, rows: [[field]])
        } else {
            body = result.json(zone: zone(request))
        }
        var headers: [(name: String, value: String)] = [("Content-Type", contentType)]
        if let applied = RestAPI.preferences(request).applied(RestAPI.appliedToReads) { headers.append(applied) }
        return RestResponse(status: 200, headers: headers, body: request.method == "HEAD" ? "" : body)
    }

    // MARK: - Tables

    func read(_ name: String, _ request: RestRequest, _ who: Caller) throws(RestError) -> RestResponse {
        guard let table = database.table(name) else { throw RestError.unknownTable(name) }
        let query = try TableQuery(items: request.queryItems)
        try require(who, "SELECT", on: .table(name))
        return try answerRead(table, query, request)
    }

    func insert(_ name: String, _ request: RestRequest, _ who: Caller) throws(RestError) -> RestResponse {
        guard let stored = database.table(name) else { throw RestError.unknownTable(name) }
        let items = request.queryItems
        let query = try TableQuery(items: items)
        guard !query.hasConditions else { throw RestError.badQuery("filters do not apply to an insert") }
        let prefer = RestAPI.preferences(request)
        let resolution: ServedTable.Resolution
        switch prefer["resolution"] {
        case "merge-duplicates": resolution = .mergeDuplicates
        case "ignore-duplicates": resolution = .ignoreDuplicates
        default: resolution = .error
        }
        try require(who, "INSERT", on: .table(name))
        if resolution == .mergeDuplicates { try require(who, "UPDATE", on: .table(name)) }
        let representation = prefer["return"] == "representation"
        if representation { try require(who, "SELECT", on: .table(name)) }
        let body = try RestAPI.parseBody(request.body)
        let objects: [JSONDocument]
        switch body {
        case .object: objects = [body]
        case .array(let list): objects = list
        default: throw RestError.badBody("the body must be a JSON object or an array of objects")
        }
        var columns: [String]
        let columnsSpec = items.last(where: { $0.key == "columns" })?.value
        if let spec = columnsSpec {
            columns = []
            for part in spec.split(separator: ",", omittingEmptySubsequences: false) {
                guard let c = TableQuery.identifier(part) else {
                    throw TableQuery.worded(RestError.badQuery("\"failed to parse columns parameter (\(spec))\""), PostgRESTGrammar.columns,
                                            name: "failed to parse columns parameter (\(spec))", text: spec)
                }
                columns.append(c)
            }
        } else if case .object(let members)? = objects.first {
            columns = []
            for m in members where !columns.contains(m.key) { columns.append(m.key) }
        } else {
            columns = []
        }
        // Without `columns=`, PostgREST takes the first object's keys and requires every object
        // to have exactly those (its payloadAttributes); with it, the objects are read as they are.
        let keys = Set(columns)
        for o in objects {
            guard case .object(let members) = o, columnsSpec != nil || Set(members.map(\.key)) == keys else {
                throw RestError.keysMustMatch
            }
        }
        var onConflict: [String]?
        if let spec = items.last(where: { $0.key == "on_conflict" })?.value {
            // PostgREST's pColumns: an empty or unreadable name is PGRST100, not skipped.
            var names: [String] = []
            for part in spec.split(separator: ",", omittingEmptySubsequences: false) {
                guard let c = TableQuery.identifier(part) else {
                    throw TableQuery.worded(RestError.badQuery("\"failed to parse on_conflict parameter (\(spec))\""), PostgRESTGrammar.columns,
                                            name: "failed to parse on_conflict parameter (\(spec))", text: spec)
                }
                names.append(c)
            }
            onConflict = names
        }
        let zone = zone(request)
        let now = database.now
        let written = JSONDocument.rowMemberTexts(request.body)
        var missingDefault = prefer["missing"] == "default"
        if columns.isEmpty, !objects.isEmpty {
            // `{}` names no column: PostgREST's INSERT … SELECT FROM json_to_recordset(…) selects
            // none, so each object is a row of DEFAULTs (NULL where there is none, which NOT NULL
            // then refuses as PostgreSQL does).
            columns = stored.definition.columns.filter { $0.generated == nil }.map(\.name)
            missingDefault = true
        }
        let csv = CSVBody.isRequested(by: request)
        let single = !csv && SingleObject.isRequested(by: request)
        // RETURNING's columns are resolved before any row is written, as PostgreSQL parses them;
        // the body is rendered inside the write, so any error leaves the table as it was.
        if representation { _ = try stored.resolve(query.select) }
        let (positions, rendered) = try database.write(name) { (t: inout ServedTable, serial: UInt64) throws(RestError) -> ([Int], String) in
            let p = try t.insert(objects, written: written, columns: columns, missingDefault: missingDefault, resolution: resolution,
                                 onConflict: onConflict, loadTime: now, seed: serial, zone: zone)
            if single { try SingleObject.require(rows: p.count) }
            guard representation else { return (p, "") }
            return (p, csv ? try t.csvReturned(p, select: query.select, zone: zone) : try t.json(p, select: query.select, zone: zone, single: single))
        }
        var headers: [(name: String, value: String)] = [("Content-Range", "*/\(RestAPI.countsRows(prefer) ? String(positions.count) : "*")")]
        if let applied = prefer.applied(["resolution", "missing", "return", "count", "handling", "timezone"]) { headers.append(applied) }
        guard representation else { return RestResponse(status: 201, headers: headers) }
        headers.append(("Content-Type", RestAPI.bodyContentType(request)))
        return RestResponse(status: 201, headers: headers, body: rendered)
    }

    /// `PATCH`: `UPDATE table SET <body's columns> WHERE <filters>`. A request without filters is
    /// refused as Supabase's pg-safeupdate refuses it (`21000`).
    func update(_ name: String, _ request: RestRequest, _ who: Caller) throws(RestError) -> RestResponse {
        guard database.table(name) != nil else { throw RestError.unknownTable(name) }
        let query = try TableQuery(items: request.queryItems)
        let body = try RestAPI.parseBody(request.body)
        guard case .object = body else { throw RestError.badBody("the body of an update must be a JSON object") }
        guard query.hasConditions else { throw RestError.postgres("21000", "UPDATE requires a WHERE clause") }
        let prefer = RestAPI.preferences(request)
        try require(who, "UPDATE", on: .table(name))
        // WHERE and RETURNING read the table: SELECT too, as PostgreSQL checks.
        try require(who, "SELECT", on: .table(name))
        let zone = zone(request), clock = database.now
        let csv = CSVBody.isRequested(by: request)
        let single = !csv && SingleObject.isRequested(by: request)
        let representation = prefer["return"] == "representation"
        if representation, let table = database.table(name) { _ = try table.resolve(query.select) }
        let (count, rendered) = try database.write(name) { (t: inout ServedTable, _: UInt64) throws(RestError) -> (Int, String) in
            let matching = try RestAPI.window(try t.select(query, zone: zone, clock: clock), query)
            let p = try t.update(body, written: JSONDocument.memberTexts(request.body), positions: matching, zone: zone)
            if single { try SingleObject.require(rows: p.count) }
            guard representation else { return (p.count, "") }
            return (p.count, csv ? try t.csvReturned(p, select: query.select, zone: zone) : try t.json(p, select: query.select, zone: zone, single: single))
        }
        return mutationResponse(count, request, prefer, body: rendered)
    }

    /// `DELETE`: `DELETE FROM table WHERE <filters>`; refused without filters like `PATCH`.
    func delete(_ name: String, _ request: RestRequest, _ who: Caller) throws(RestError) -> RestResponse {
        guard database.table(name) != nil else { throw RestError.unknownTable(name) }
        let query = try TableQuery(items: request.queryItems)
        guard query.hasConditions else { throw RestError.postgres("21000", "DELETE requires a WHERE clause") }
        let prefer = RestAPI.preferences(request)
        try require(who, "DELETE", on: .table(name))
        try require(who, "SELECT", on: .table(name))
        let zone = zone(request), clock = database.now
        let representation = prefer["return"] == "representation"
        let csv = CSVBody.isRequested(by: request)
        let single = !csv && SingleObject.isRequested(by: request)
        let (count, body) = try database.write(name) { (t: inout ServedTable, _: UInt64) throws(RestError) -> (Int, String) in
            let matching = try RestAPI.window(try t.select(query, zone: zone, clock: clock), query)
            if single { try SingleObject.require(rows: matching.count) }
            // RETURNING shows the rows as they were.
            let body = !representation ? "" : csv ? try t.csvReturned(matching, select: query.select, zone: zone)
                : try t.json(matching, select: query.select, zone: zone, single: single)
            t.delete(positions: matching)
            return (matching.count, body)
        }
        return mutationResponse(count, request, prefer, body: body)
    }

    /// The rows a limited `PATCH`/`DELETE` touches: `offset`/`limit` over the matching rows in
    /// the requested order. PostgREST 12 refuses a limit or offset without an `order`
    /// (`400 PGRST109`), since which rows it touches would be arbitrary.
    static func window(_ matching: [Int], _ query: TableQuery) throws(RestError) -> [Int] {
        if query.limit != nil || query.offset != nil, query.order.isEmpty {
            throw RestError(status: 400, code: "PGRST109", message: "A 'limit' was applied without an explicit 'order'",
                            hint: "Apply an 'order' using unique column(s)")
        }
        return Array(try RowWindow(query, rangeHeader: nil).slice(matching))
    }

    /// PostgREST's answer to a write: `204` (`return=minimal`, the default) or `200` with the
    /// rows (`return=representation`, `body` rendered inside the write), `Content-Range` over the
    /// affected rows.
    func mutationResponse(_ count: Int, _ request: RestRequest, _ prefer: Preferences, body: String) -> RestResponse {
        let total = RestAPI.countsRows(prefer) ? String(count) : "*"
        var headers: [(name: String, value: String)] = [("Content-Range", count == 0 ? "*/\(total)" : "0-\(count - 1)/\(total)")]
        if let applied = prefer.applied(["missing", "return", "count", "handling", "timezone"]) { headers.append(applied) }
        guard prefer["return"] == "representation" else { return RestResponse(status: 204, headers: headers) }
        headers.append(("Content-Type", RestAPI.bodyContentType(request)))
        return RestResponse(status: 200, headers: headers, body: body)
    }

    // MARK: - Request pieces

    static func parseBody(_ bytes: [UInt8]) throws(RestError) -> JSONDocument {
        do { return try JSONDocument.parse(bytes) } catch { throw RestError.badBody(error.description) }
    }

    /// `Prefer: return=representation, count=exact, resolution=merge-duplicates`, as PostgREST reads it.
    static func preferences(_ request: RestRequest) -> Preferences {
        Preferences(request)
    }

    /// The session zone of a request: `Prefer: timezone=…` (PostgREST 12 sets it for the
    /// transaction), else `--timezone`.
    func zone(_ request: RestRequest) -> PGTimeZone {
        RestAPI.preferences(request).timeZone ?? database.configuration.timeZone
    }
}
