/// A media type of `Accept` or `Content-Type` as PostgREST 12 reads it (`PostgREST.MediaType`'s
/// `decodeMediaType`): the text before the first `;` compared byte for byte — case-sensitively,
/// so `Application/JSON` and `TEXT/CSV` are other types, and `application/*` is no wildcard —
/// with the vendor types' `nulls=stripped` parameter read.
enum MediaType: Equatable, Sendable {
    case json
    case geoJSON
    case csv
    case textPlain
    case textXML
    case openAPI
    case urlEncoded
    case octetStream
    case any
    /// `application/vnd.pgrst.array+json;nulls=stripped`.
    case arrayStrippingNulls
    /// `application/vnd.pgrst.object+json`, stripping nulls with `nulls=stripped`.
    case singleObject(strippingNulls: Bool)
    /// `application/vnd.pgrst.plan[+text|+json]`: its format, the `for` type and the options
    /// PostgREST knows, in its order.
    indirect case plan(json: Bool, for: MediaType, options: [String])
    /// Any other type: the text before its first `;`.
    case other(String)

    /// `decodeMediaType`: an empty text is `*/*`.
    init(decoding text: String) {
        let parts = text.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        guard let head = parts.first, !text.isEmpty else { self = .any; return }
        let rest = Array(parts.dropFirst())
        switch head {
        case "application/json": self = .json
        case "application/geo+json": self = .geoJSON
        case "text/csv": self = .csv
        case "text/plain": self = .textPlain
        case "text/xml": self = .textXML
        case "application/openapi+json": self = .openAPI
        case "application/x-www-form-urlencoded": self = .urlEncoded
        case "application/octet-stream": self = .octetStream
        case "application/vnd.pgrst.plan", "application/vnd.pgrst.plan+text", "application/vnd.pgrst.plan+json":
            let given = rest.first { $0.hasPrefix("options=") }.map { $0.dropFirst(8).split(separator: "|", omittingEmptySubsequences: false).map(String.init) } ?? []
            var inner = MediaType.json
            if let f = rest.first(where: { $0.hasPrefix("for=") }) {
                var quoted = Substring(f.dropFirst(4))
                while quoted.first == "\"" { quoted.removeFirst() }
                while quoted.last == "\"" { quoted.removeLast() }
                inner = MediaType(decoding: String(quoted))
            }
            self = .plan(json: head.hasSuffix("+json"), for: inner,
                         options: ["analyze", "verbose", "settings", "buffers", "wal"].filter(given.contains))
        case "application/vnd.pgrst.object+json", "application/vnd.pgrst.object":
            self = .singleObject(strippingNulls: rest == ["nulls=stripped"])
        case "application/vnd.pgrst.array+json", "application/vnd.pgrst.array":
            self = rest == ["nulls=stripped"] ? .arrayStrippingNulls : .json
        case "*/*": self = .any
        default: self = .other(head)
        }
    }

    /// `toMime`: how PostgREST names the type in its errors (`None of these media types are
    /// available: …`, `Content-Type not acceptable: …`).
    var mime: String {
        switch self {
        case .json: return "application/json"
        case .geoJSON: return "application/geo+json"
        case .csv: return "text/csv"
        case .textPlain: return "text/plain"
        case .textXML: return "text/xml"
        case .openAPI: return "application/openapi+json"
        case .urlEncoded: return "application/x-www-form-urlencoded"
        case .octetStream: return "application/octet-stream"
        case .any: return "*/*"
        case .arrayStrippingNulls: return "application/vnd.pgrst.array+json;nulls=stripped"
        case .singleObject(let strip): return strip ? "application/vnd.pgrst.object+json;nulls=stripped" : "application/vnd.pgrst.object+json"
        case .plan(let json, let inner, let options):
            return "application/vnd.pgrst.plan+\(json ? "json" : "text"); for=\"\(inner.mime)\""
                + (options.isEmpty ? "" : "; options=" + options.joined(separator: "|"))
        case .other(let head): return head
        }
    }

    /// Whether this server writes a body of the type: JSON (and `*/*`), the single object, CSV.
    /// (PostgREST 12 has no handler for `application/*` or any other wildcard but `*/*`.)
    var isServed: Bool {
        switch self {
        case .json, .any, .csv, .singleObject, .arrayStrippingNulls: return true
        default: return false
        }
    }
}
