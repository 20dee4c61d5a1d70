import Foundation

/// The media types of an `Accept` header in the order PostgREST 12 tries them: wai-extra's
/// `parseHttpAccept` — items split on `,` with every space removed, each item's `;q=` weight
/// read (1 when absent or unreadable), then sorted, stably, by weight and then by specificity
/// (its `;` count less its `*` count), highest first; PostgREST then takes the first type it
/// produces (`negotiateContent`). So `*/*, text/csv` picks CSV, and
/// `text/csv;q=0.5, application/json` JSON.
enum AcceptHeader {
    /// The items in preference order, spaces removed and `;q=…` cut, as written otherwise (case
    /// and other parameters kept: ``MediaType`` reads them); an empty item stays empty.
    static func mediaTypes(_ header: String) -> [String] {
        guard !header.isEmpty else { return [] }
        var items: [(type: String, weight: Double, specificity: Int)] = []
        for raw in header.split(separator: ",", omittingEmptySubsequences: false) {
            let item = raw.filter { $0 != " " }
            var kept = item[...]
            var weight = 1.0
            if let q = item.range(of: ";q=") {
                kept = item[..<q.lowerBound]
                weight = readWeight(item[q.upperBound...].prefix { $0 != ";" })
            }
            let specificity = kept.filter { $0 == ";" }.count - kept.filter { $0 == "*" }.count
            items.append((String(kept), weight, specificity))
        }
        // Swift's sort is not stable: keep the header's order among equals by index.
        let order = items.indices.sorted { a, b in
            let x = items[a], y = items[b]
            if x.weight != y.weight { return x.weight > y.weight }
            if x.specificity != y.specificity { return x.specificity > y.specificity }
            return a < b
        }
        return order.map { items[$0].type }
    }

    /// Haskell's `reads` of a `Double` prefix (`0.5`, `1`, `-1`, `1e-3`; `.5` is not one): the
    /// number, or 1 when there is none.
    private static func readWeight(_ text: Substring) -> Double {
        let bytes = Array(text.utf8)
        var i = 0
        func digits() -> Int {
            let start = i
            while i < bytes.count, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") { i += 1 }
            return i - start
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") { i += 1 }
        guard digits() > 0 else { return 1 }
        var end = i
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            if digits() > 0 { end = i }
        }
        i = end
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") { i += 1 }
            if digits() > 0 { end = i }
        }
        return Double(String(decoding: bytes[..<end], as: UTF8.self)).flatMap { $0.isNaN ? nil : $0 } ?? 1
    }
}
