import Crypto
import Foundation

/// Verifies the `Authorization: Bearer` JWTs PostgREST accepts with a shared secret: HS256
/// signature over `header.payload`, the time claims `exp`, `nbf` and `iat` (with PostgREST's
/// 30-second clock skew allowance), and the `role` claim.
public struct TokenVerifier: Sendable {
    /// The shared secret's bytes (a `SymmetricKey` is made per check: it is not `Sendable`).
    let secret: [UInt8]
    /// The role of a request without a token (PostgREST's `db-anon-role`).
    public var anonymousRole: String

    public init(secret: String, anonymousRole: String = "anon") {
        self.secret = Array(secret.utf8)
        self.anonymousRole = anonymousRole
    }

    /// The role a token grants.
    /// - Throws: PostgREST's 401 answers: `PGRST301` for a token that is malformed, not HS256
    ///   or wrongly signed, `PGRST303` for an expired one.
    public func role(token: String, now: Date = Date()) throws(RestError) -> String {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw TokenVerifier.invalid("Expected 3 parts in JWT; got \(parts.count)") }
        guard let headerBytes = TokenVerifier.base64URL(parts[0]), let header = try? JSONDocument.parse(headerBytes) else {
            throw TokenVerifier.invalid("JWT header is not JSON")
        }
        guard case .string(let alg)? = header["alg"], alg == "HS256" else { throw TokenVerifier.invalid("Wrong or unsupported encoding algorithm") }
        guard let signature = TokenVerifier.base64URL(parts[2]) else { throw TokenVerifier.invalid("JWT signature is not base64url") }
        let signed = Array((parts[0] + "." + parts[1]).utf8)
        guard HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: signed, using: SymmetricKey(data: secret)) else {
            throw TokenVerifier.invalid("JWSError JWSInvalidSignature")
        }
        guard let payloadBytes = TokenVerifier.base64URL(parts[1]), let payload = try? JSONDocument.parse(payloadBytes),
              case .object = payload else { throw TokenVerifier.invalid("JWT claims are not a JSON object") }
        if let exp = payload["exp"] {
            guard case .number(let text) = exp, let seconds = Double(text) else { throw TokenVerifier.invalid("The JWT 'exp' claim must be a number") }
            if now.timeIntervalSince1970 > seconds + 30 { throw TokenVerifier.claimRefused("JWT expired") }
        }
        // PostgREST's other time claims, with the same 30-second allowance.
        for (claim, message) in [("nbf", "JWT not yet valid"), ("iat", "JWT issued at future")] {
            guard let value = payload[claim] else { continue }
            guard case .number(let text) = value, let seconds = Double(text) else {
                throw TokenVerifier.invalid("The JWT '\(claim)' claim must be a number")
            }
            if now.timeIntervalSince1970 + 30 < seconds { throw TokenVerifier.claimRefused(message) }
        }
        if case .string(let role)? = payload["role"] { return role }
        return anonymousRole
    }

    static func invalid(_ message: String) -> RestError { refused("PGRST301", message) }

    /// A well-formed token whose time claims refuse it now (PGRST303).
    static func claimRefused(_ message: String) -> RestError { refused("PGRST303", message) }

    static func refused(_ code: String, _ message: String) -> RestError {
        var e = RestError(status: 401, code: code, message: message)
        e.headers = [("WWW-Authenticate", "Bearer error=\"invalid_token\", error_description=\"\(message)\"")]
        return e
    }

    static func base64URL(_ s: Substring) -> [UInt8]? {
        var t = s.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        t = t.replacingOccurrences(of: "=", with: "")
        while t.count % 4 != 0 { t += "=" }
        return Data(base64Encoded: t).map { Array($0) }
    }
}
