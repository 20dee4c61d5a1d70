import Schema

/// The `Prefer` header as PostgREST 12 reads it (ApiRequest/Preferences.hs): comma-separated
/// items over any number of `Prefer` lines, each compared whole (`return=representation`); the
/// first of each kind counts. Items it does not know — and a `timezone=` naming no zone of
/// `pg_timezone_names` — are invalid: ignored, or `400 PGRST122` with `handling=strict`.
struct Preferences {
    /// The values PostgREST recognises, by preference.
    static let known: [String: Set<String>] = [
        "resolution": ["merge-duplicates", "ignore-duplicates"],
        "return": ["representation", "minimal", "headers-only"],
        "params": ["single-object"],
        "count": ["exact", "planned", "estimated"],
        "tx": ["commit", "rollback"],
        "missing": ["default", "null"],
        "handling": ["strict", "lenient"],
    ]
    /// The order PostgREST lists applied preferences in (prefAppliedHeader).
    static let appliedOrder = ["resolution", "missing", "return", "params", "count", "tx", "handling", "timezone"]
    /// UTC's names in `pg_timezone_names` besides the zone files' own identifiers.
    static let utcNames: Set<String> = ["UTC", "GMT", "Etc/UTC", "Etc/GMT", "UCT", "Universal", "Zulu"]

    /// The first recognised value of each preference.
    private(set) var values: [String: String] = [:]
    /// The items PostgREST would not recognise, as sent.
    private(set) var invalid: [String] = []
    /// `timezone=…` naming a zone: the zone the request's timestamps are read and written in.
    private(set) var timeZone: PGTimeZone?

    init(_ request: RestRequest) {
        for item in request.headerList("Prefer") where !item.isEmpty {
            let pair = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = String(pair[0]), value = pair.count == 2 ? String(pair[1]) : nil
            if let value, Preferences.known[key]?.contains(value) == true {
                if values[key] == nil { values[key] = value }
            } else if key == "timezone", let value, let zone = Preferences.zone(named: value) {
                if values[key] == nil { values[key] = value; timeZone = zone }
            } else if key != "max-affected" || value == nil {
                invalid.append(item)
            }
        }
    }

    /// A zone PostgREST accepts: a name `pg_timezone_names` lists, letter case as listed.
    static func zone(named name: String) -> PGTimeZone? {
        guard let zone = PGTimeZone(name: name), zone.description == name || utcNames.contains(name) else { return nil }
        return zone
    }

    subscript(key: String) -> String? { values[key] }

    /// `handling=strict` refuses a request with invalid preferences (PostgREST's `PGRST122`).
    func check() throws(RestError) {
        guard values["handling"] == "strict", !invalid.isEmpty else { return }
        throw RestError(status: 400, code: "PGRST122", message: "Invalid preferences given with handling=strict",
                        details: "Invalid preferences: " + invalid.joined(separator: ", "))
    }

    /// `Preference-Applied` for the preferences among `kinds` the request made, in PostgREST's order.
    func applied(_ kinds: Set<String>) -> (name: String, value: String)? {
        let items = Preferences.appliedOrder.compactMap { kind in kinds.contains(kind) ? values[kind].map { "\(kind)=\($0)" } : nil }
        return items.isEmpty ? nil : ("Preference-Applied", items.joined(separator: ", "))
    }
}
