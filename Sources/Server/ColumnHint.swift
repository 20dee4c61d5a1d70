/// PostgreSQL 15's hint for a column that does not exist (parse_relation.c, errorMissingColumn
/// with updateFuzzyAttrMatchState): the relation's columns within Levenshtein distance 3 of the
/// name asked for, and no further than half its length; the closest one is suggested, two
/// equally close ones both, three or more none.
enum ColumnHint {
    /// MAX_FUZZY_DISTANCE.
    static let maximumDistance = 3

    /// `Perhaps you meant to reference the column "rel.col".` (or `… or the column "rel.other".`),
    /// or nil when no column is close enough.
    static func hint(for missing: String, among columns: [String], relation: String) -> String? {
        var distance = maximumDistance + 1
        var first: String?, second: String?
        let limit = missing.utf8.count / 2
        for column in columns where !column.isEmpty {
            let d = levenshtein(column, missing)
            guard d <= limit else { continue }
            if d < distance {
                distance = d
                first = column
                second = nil
            } else if d == distance {
                if second != nil {
                    // A third equally close column: no suggestion at this distance.
                    first = nil
                    second = nil
                    distance = d - 1
                } else if first != nil {
                    second = column
                } else if distance <= maximumDistance {
                    first = column
                }
            }
        }
        guard let first else { return nil }
        guard let second else { return "Perhaps you meant to reference the column \"\(relation).\(first)\"." }
        return "Perhaps you meant to reference the column \"\(relation).\(first)\" or the column \"\(relation).\(second)\"."
    }

    /// Edit distance with unit costs, over characters (varstr_levenshtein).
    static func levenshtein(_ a: String, _ b: String) -> Int {
        let s = Array(a.unicodeScalars), t = Array(b.unicodeScalars)
        if s.isEmpty { return t.count }
        if t.isEmpty { return s.count }
        var previous = Array(0...t.count)
        var current = [Int](repeating: 0, count: t.count + 1)
        for i in 1...s.count {
            current[0] = i
            for j in 1...t.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (s[i - 1] == t[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[t.count]
    }
}
