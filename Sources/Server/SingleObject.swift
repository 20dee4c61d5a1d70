/// PostgREST's single-object representation: `Accept: application/vnd.pgrst.object+json`
/// (`.single()` in the clients) asks for one JSON object instead of an array. Reads, function
/// calls and writes all answer it the same way: exactly one row is the object, any other number
/// is `406 PGRST116` — and a write that affected another number of rows is rolled back.
enum SingleObject {
    /// The media type of the answer, as PostgREST 12 writes it.
    static let contentType = "application/vnd.pgrst.object+json; charset=utf-8"

    /// The media types that ask for the object (PostgREST reads both spellings).
    static let mediaTypes: Set<String> = ["application/vnd.pgrst.object+json", "application/vnd.pgrst.object"]

    /// Whether the request's `Accept` picks the single object: its first media type this server
    /// writes is one of ``mediaTypes`` (PostgREST takes the client's order).
    static func isRequested(by request: RestRequest) -> Bool {
        RestAPI.firstServedMediaType(request).map(mediaTypes.contains) ?? false
    }

    /// Refuses `rows` other than one: `406 PGRST116`, PostgREST 12's words.
    static func require(rows: Int) throws(RestError) {
        guard rows != 1 else { return }
        throw RestError(status: 406, code: "PGRST116", message: "JSON object requested, multiple (or no) rows returned",
                        details: "The result contains \(rows) rows")
    }
}
