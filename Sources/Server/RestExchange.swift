import Foundation

/// An HTTP request as the REST layer reads it: independent of the server library, so the same
/// handling runs over a socket (``RestServer``) and in tests without one.
public struct RestRequest: Sendable {
    public var method: String
    /// The path without the query, e.g. `/rest/v1/market_data`.
    public var path: String
    /// The raw query string (after `?`), still percent-encoded.
    public var query: String
    /// Header fields; names compare case-insensitively.
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(method: String, path: String, query: String = "", headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.method = method.uppercased()
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// The first value of header `name`.
    public func header(_ name: String) -> String? {
        headers.first { RestRequest.sameName($0.name, name) }?.value
    }

    /// Every value of header `name`, comma lists split (`Prefer: a, b` and two `Prefer` lines alike).
    public func headerList(_ name: String) -> [String] {
        headers.filter { RestRequest.sameName($0.name, name) }
            .flatMap { $0.value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
    }

    /// Header names compare ASCII case-insensitively (without allocating lowercased copies).
    static func sameName(_ a: String, _ b: String) -> Bool {
        let x = a.utf8, y = b.utf8
        guard x.count == y.count else { return false }
        return zip(x, y).allSatisfy { p, q in p == q || (p | 0x20 == q | 0x20 && (p | 0x20) >= 0x61 && (p | 0x20) <= 0x7A) }
    }

    /// `%XX` escapes decoded; text without `%` is returned as is (no Foundation round trip).
    static func percentDecoded(_ s: Substring) -> String {
        guard s.utf8.contains(UInt8(ascii: "%")) else { return String(s) }
        return s.removingPercentEncoding ?? String(s)
    }

    /// Query parameters in order, `+` read as space and percent escapes decoded.
    public var queryItems: [(key: String, value: String)] {
        query.split(separator: "&", omittingEmptySubsequences: true).map { part in
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                guard s.utf8.contains(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "%") }) else { return String(s) }
                let spaced = s.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            return (decode(pieces[0]), pieces.count > 1 ? decode(pieces[1]) : "")
        }
    }
}

/// The answer: status, headers and body.
public struct RestResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: String

    public init(status: Int, headers: [(name: String, value: String)] = [], body: String = "") {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.name.lowercased() == lowered }?.value
    }

    static func error(_ e: RestError) -> RestResponse {
        var headers: [(name: String, value: String)] = [("Content-Type", "application/json; charset=utf-8")]
        for (name, value) in e.headers { headers.append((name, value)) }
        return RestResponse(status: e.status, headers: headers, body: e.json)
    }
}
