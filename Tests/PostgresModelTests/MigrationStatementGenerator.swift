import TestSupport

/// A grammar-driven generator of migration statements over one base table: indexes with
/// expressions, predicates, INCLUDE and BRIN; tables with defaults, CHECKs and generated columns;
/// ALTERs and DROPs; functions of every volatility, implicit and explicit casts, untyped literals,
/// quoted identifiers. Deterministic from its seed.
struct MigrationStatementGenerator {
    /// The table every statement is checked against (created first in each case).
    static let base = """
        CREATE TABLE base (id int PRIMARY KEY, a int, b text, v varchar(10), n numeric(12,2), ts timestamptz NOT NULL, d date, \
        j jsonb, f float8, flag bool, "Mixed Case" int, u uuid);
        """

    var rng: SeededGenerator

    init(seed: UInt64) { rng = SeededGenerator(seed: seed) }

    mutating func pick<T>(_ xs: [T]) -> T { xs[Int(rng.next() % UInt64(xs.count))] }
    mutating func chance(_ percent: UInt64) -> Bool { rng.next() % 100 < percent }

    static let columns = ["a", "b", "v", "n", "ts", "d", "j", "f", "flag", "\"Mixed Case\"", "u", "id", "nope"]

    /// A scalar expression over the base table's columns.
    mutating func scalar(depth: Int = 0) -> String {
        if depth > 2 { return pick(["a", "b", "ts", "d", "n", "1", "'x'", "2.5"]) }
        switch rng.next() % 12 {
        case 0: return pick(Self.columns)
        case 1: return pick(["1", "0", "-3", "2.5", "'abc'", "'2025-01-01'", "NULL", "true", "3000000000", "1e3"])
        case 2:
            let f = pick(["lower", "upper", "length", "md5", "abs", "round", "floor", "trim", "btrim", "nosuch", "random", "now",
                          "clock_timestamp", "timeofday", "to_char", "date_trunc", "age", "coalesce", "greatest", "nullif",
                          "jsonb_typeof", "gen_random_uuid", "concat", "left", "substr", "sqrt", "sign"])
            switch f {
            case "random", "now", "clock_timestamp", "timeofday", "gen_random_uuid": return "\(f)()"
            case "round", "left", "substr", "date_trunc", "to_char", "coalesce", "greatest", "nullif", "concat":
                if f == "date_trunc" { return "date_trunc('day', \(scalar(depth: depth + 1)))" }
                return "\(f)(\(scalar(depth: depth + 1)), \(scalar(depth: depth + 1)))"
            default: return "\(f)(\(scalar(depth: depth + 1)))"
            }
        case 3: return "(\(scalar(depth: depth + 1)) \(pick(["+", "-", "*", "/", "||", "%"])) \(scalar(depth: depth + 1)))"
        case 4: return "\(pick(["a", "b", "ts", "d", "n", "v", "f", "'2025-01-01'", "'7'", "1"]))::\(pick(["text", "date", "timestamptz", "timestamp", "int", "numeric", "bigint", "varchar(5)", "uuid", "bool", "interval", "float8"]))"
        case 5: return pick(["DATE '2025-01-01'", "TIMESTAMPTZ '2025-01-01 00:00:00+00'", "TIMESTAMP '2025-01-01'", "INTERVAL '1 day'", "now() - INTERVAL '30 days'", "CURRENT_DATE", "CURRENT_TIMESTAMP", "LOCALTIMESTAMP"])
        case 6: return "extract(\(pick(["epoch", "year", "dow"])) FROM \(pick(["ts", "d", "now()"])))"
        case 7: return "(\(scalar(depth: depth + 1)))"
        case 8: return pick(["ts + INTERVAL '1 hour'", "d + 1", "d - INTERVAL '1 day'", "ts - d", "n * 2", "a / 2", "f * 2", "b || a", "v || b"])
        default: return pick(["a", "b", "n", "ts", "d", "v"])
        }
    }

    /// A boolean-ish predicate (sometimes not boolean, to draw PostgreSQL's refusal).
    mutating func predicate(depth: Int = 0) -> String {
        switch rng.next() % 9 {
        case 0, 1: return "\(scalar()) \(pick(["=", "<>", "<", "<=", ">", ">="])) \(scalar())"
        case 2: return "\(pick(Self.columns)) IS \(pick(["", "NOT "]))NULL"
        case 3: return "\(pick(["a", "b", "v", "n", "d"])) \(pick(["", "NOT "]))IN (\(scalar()), \(scalar()))"
        case 4: return "\(pick(["b", "v", "a"])) \(pick(["LIKE", "ILIKE", "NOT LIKE"])) \(pick(["'x%'", "'%y'", "b"]))"
        case 5: return "\(pick(["a", "n", "ts", "d"])) BETWEEN \(scalar()) AND \(scalar())"
        case 6 where depth < 2: return "(\(predicate(depth: depth + 1)) \(pick(["AND", "OR"])) \(predicate(depth: depth + 1)))"
        case 7 where depth < 2: return "NOT \(predicate(depth: depth + 1))"
        default: return pick(["flag", "a", "b", "true", "'t'", "'maybe'", "ts > now()", "created_at > now()"])
        }
    }

    mutating func indexKey() -> String {
        switch rng.next() % 4 {
        case 0, 1: return pick(Self.columns) + pick(["", " DESC", " ASC NULLS FIRST"])
        case 2: return "(\(scalar()))"
        default:
            let f = pick(["lower(b)", "upper(v)", "abs(a)", "round(n, 2)", "date_trunc('day', ts)", "md5(b)", "random()", "now()", "length(b)", "coalesce(a, 0)", "nosuch(a)"])
            return f
        }
    }

    static let types = ["int", "text", "uuid", "timestamptz", "date", "numeric(5,2)", "bool", "varchar(3)", "bigint", "float8", "jsonb", "nosuchtype", "int[]", "inet"]

    mutating func defaultExpression() -> String {
        pick(["0", "'abc'", "now()", "random()", "'x'::text", "CURRENT_DATE", "gen_random_uuid()", "1.5", "true", "nosuch()",
              "'2025-01-01'", "'{}'", "NULL", "1 + 1", "clock_timestamp()", "'10'::int", "now() - INTERVAL '1 day'", "-1", "x", "lower('A')"])
    }

    /// One statement to run after the base table exists.
    mutating func statement() -> String {
        switch rng.next() % 10 {
        case 0, 1, 2, 3:
            let unique = chance(15) ? "UNIQUE " : ""
            let method = chance(15) ? "USING \(pick(["brin", "hash", "btree", "gin", "nosuch"])) " : ""
            var keys = [indexKey()]
            if chance(30) { keys.append(indexKey()) }
            var s = "CREATE \(unique)INDEX \(chance(20) ? "" : "ix ")ON base \(method)(\(keys.joined(separator: ", ")))"
            if chance(15) { s += " INCLUDE (\(pick(Self.columns)))" }
            if chance(10) { s += " WITH (\(pick(["fillfactor = 50", "fillfactor = 5", "pages_per_range = 64", "nosuch = 1"])))" }
            if chance(55) { s += " WHERE \(predicate())" }
            return s + ";"
        case 4, 5:
            let type = pick(Self.types)
            var cols = ["x \(type)\(chance(50) ? " DEFAULT \(defaultExpression())" : "")"]
            if chance(40) { cols.append("y \(pick(Self.types)) GENERATED ALWAYS AS (\(generatedExpression())) STORED") }
            if chance(40) { cols.append("CHECK (\(checkPredicate()))") }
            return "CREATE TABLE t2 (\(cols.joined(separator: ", ")));"
        case 6:
            return "ALTER TABLE base ADD COLUMN \(pick(["c", "a", "\"New Col\""])) \(pick(Self.types))\(chance(50) ? " DEFAULT \(defaultExpression())" : "");"
        case 7:
            return "ALTER TABLE base ADD \(chance(50) ? "CONSTRAINT ck " : "")CHECK (\(predicate()));"
        case 8:
            return pick(["DROP INDEX \(pick(["ix", "base_pkey", "nope"]));", "DROP TABLE \(pick(["base", "nope"]));",
                         "ALTER TABLE base DROP COLUMN \(pick(Self.columns));", "ALTER TABLE base ALTER COLUMN \(pick(Self.columns)) SET NOT NULL;",
                         "ALTER TABLE base DROP CONSTRAINT \(pick(["base_pkey", "nope"]));"])
        default:
            return "CREATE INDEX ON base (\(indexKey())) WHERE \(predicate());"
        }
    }

    mutating func generatedExpression() -> String {
        pick(["x * 2", "x || 'a'", "now()", "lower(x::text)", "x::text", "x + 1", "random()", "upper(x)", "x", "length(x::text)", "x::date"])
    }

    mutating func checkPredicate() -> String {
        pick(["x > 0", "x", "x + 'a' > 0", "x > now()", "x IS NOT NULL", "x <> ''", "length(x) > 1", "x IN (1, 2)", "x IN ('a', 'b')",
              "nosuch(x)", "x BETWEEN 1 AND 5", "x::text <> ''"])
    }
}
