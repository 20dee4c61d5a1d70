/// PostgREST's single-object representation: `Accept: application/vnd.pgrst.object+json`
/// (`.single()` in the clients) asks for one JSON object instead of an array. Reads, function
/// calls and writes all answer it the same way: exactly one row is the object, any other number
/// is `406 PGRST116` — and a write that affected another number of rows is rolled back.
enum SingleObject {
    /// The media type of the answer, as PostgREST 12 writes it.
    static let contentType = "application/vnd.pgrst.object+json; charset=utf-8"

    /// Whether the request's `Accept` picks the single object: its first media type this server
    /// writes is `application/vnd.pgrst.object[+json]` (``MediaType``; PostgREST takes the
    /// client's order).
    static func isRequested(by request: RestRequest) -> Bool {
        if case .singleObject? = RestAPI.firstServedMediaType(request) { return true }
        return false
    }

    /// Refuses `rows` other than one: `406 PGRST116`, PostgREST 12's words.
    static func require(rows: Int) throws(RestError) {
        guard rows != 1 else { return }
        throw RestError(status: 406, code: "PGRST116", message: "JSON object requested, multiple (or no) rows returned",
                        details: "The result contains \(rows) rows")
    }
}
