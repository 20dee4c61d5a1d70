import Foundation

/// Deterministic synthetic rows for size tests: time-major ticks for several integer tickers,
/// random v4 ids, NULL-heavy columns, and occasional incompressible text long enough to TOAST.
enum GeneratedMarketData {
    static let schemaTable = """
        CREATE TABLE gen (
          id uuid NOT NULL,
          ticker int4 NOT NULL,
          ts timestamptz NOT NULL,
          price numeric(12,2),
          volume bigint,
          note text,
          tag varchar(20)
        ) WITH (fillfactor = 90);
        """
    static let schemaConstraints = "ALTER TABLE gen ADD PRIMARY KEY (id);"
    static let schemaIndexes = """
        CREATE INDEX gen_ticker_ts ON gen (ticker, ts);
        CREATE INDEX gen_ts_desc ON gen (ts DESC);
        CREATE INDEX gen_tag ON gen (tag);
        CREATE INDEX gen_price_traded ON gen (price) WHERE volume IS NOT NULL;
        CREATE INDEX gen_ts_brin ON gen USING brin (ts) WITH (pages_per_range = 4);
        """

    /// CSV text with header.
    static func csv(tickers: Int, steps: Int, seed: UInt64 = 42) -> String {
        var state = seed
        func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 11
        }
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        let tags = ["alpha", "beta", "gamma", "delta", "epsilon"]
        let vocabulary = ["open", "high", "low", "close", "volume", "bid", "ask", "spread", "rally", "selloff", "gap", "halt",
                          "futures", "session", "breakout", "support", "resistance", "momentum", "reversal", "trend"]
        var out = "id,ticker,ts,price,volume,note,tag\n"
        let start: Int64 = 1_700_000_000
        for step in 0..<steps {
            for t in 0..<tickers {
                let hi = next(), lo = next()
                var bytes: [UInt8] = (0..<8).map { UInt8(truncatingIfNeeded: hi >> (8 * $0)) } + (0..<8).map { UInt8(truncatingIfNeeded: lo >> (8 * $0)) }
                bytes[6] = (bytes[6] & 0x0f) | 0x40
                bytes[8] = (bytes[8] & 0x3f) | 0x80
                let hex = bytes.map { String(format: "%02x", $0) }.joined()
                let id = "\(hex.prefix(8))-\(hex.dropFirst(8).prefix(4))-\(hex.dropFirst(12).prefix(4))-\(hex.dropFirst(16).prefix(4))-\(hex.dropFirst(20))"
                let secs = start + Int64(step) * 60
                let ts = Date(timeIntervalSince1970: TimeInterval(secs))
                let f = DateFormatter()
                f.locale = Locale(identifier: "en_US_POSIX")
                f.timeZone = TimeZone(identifier: "UTC")
                f.dateFormat = "yyyy-MM-dd HH:mm:ss"
                let cents = 100_000 + Int(next() % 900_000)
                let price = next() % 10 == 0 ? "" : "\(cents / 100).\(String(format: "%02d", cents % 100))"
                let volume = next() % 2 == 0 ? "" : "\(next() % 100_000)"
                var note = ""
                let r = next() % 100
                if r < 3 {
                    // Incompressible: pglz gives up, the value goes out of line uncompressed.
                    note = String((0..<3000).map { _ in alphabet[Int(next() % 64)] })
                } else if r < 5 {
                    // Words from a small vocabulary: compresses, often still too long to stay inline.
                    var words: [String] = []
                    let target = 4000 + Int(next() % 8000)
                    var length = 0
                    while length < target {
                        let w = vocabulary[Int(next() % UInt64(vocabulary.count))] + String(next() % 100)
                        words.append(w)
                        length += w.count + 1
                    }
                    note = words.joined(separator: " ")
                } else if r < 6 {
                    // Highly repetitive: compresses to well under the threshold and stays inline.
                    note = String(repeating: "tick \(t) ", count: 300 + Int(next() % 300))
                } else if r < 30 {
                    note = String((0..<(5 + Int(next() % 60))).map { _ in alphabet[Int(next() % 64)] })
                }
                let tag = next() % 10 < 6 ? "" : tags[Int(next() % 5)]
                out += "\(id),\(t + 1),\(f.string(from: ts))+00,\(price),\(volume),\(note),\(tag)\n"
            }
        }
        return out
    }
}
