import Testing
import TestSupport
@testable import Schema

/// `point`, `line`, `lseg`, `box` and `circle` text against a real PostgreSQL 15: every bracket
/// form their input functions read, numbers as `float8in` reads them (exponents, `NaN`,
/// `Infinity`, hexadecimal, white space, overflow and underflow, random doubles printed shortest),
/// and damaged spellings; which are refused, with what words and SQLSTATE, and how accepted
/// values print (`extra_float_digits` 1: the shortest digits that read back).
@Suite("geometric input against PostgreSQL", .serialized)
struct GeometryDifferentialTests {
    static let functions = """
        CREATE TABLE lits (id integer, typ text, lit text);
        CREATE FUNCTION read_value(t text, typ text) RETURNS text LANGUAGE plpgsql AS $$
        DECLARE r text;
        BEGIN
          EXECUTE format('SELECT %L::%s::text', t, typ) INTO r;
          RETURN 'ok ' || r;
        EXCEPTION WHEN others THEN
          RETURN 'ERROR: ' || SQLSTATE || ' ' || SQLERRM;
        END $$;
        """

    static let fixed: [(String, String)] = [
        ("point", ""), ("point", " "), ("point", "(1,2)"), ("point", "1,2"), ("point", " ( 1 , 2 ) "), ("point", "(1e400,2)"),
        ("point", "(1e-400,2)"), ("point", "(1e-310,2)"), ("point", "(nan,-inf)"), ("point", "(Infinity,-Infinity)"),
        ("point", "(1e20,1.5)"), ("point", "(-0,0.1)"), ("point", "(1e15,1e14)"), ("point", "(0.0001,0.00001)"),
        ("point", "(123456789012345678,2)"), ("point", "x"), ("point", "(1,2"), ("point", "1,2)"), ("point", "(1,2)x"),
        ("point", "0x10,2"), ("point", "(1 2)"), ("point", "(infinit,2)"), ("point", "(nan(1),2)"), ("point", "(+inf,-Infinity)"),
        ("point", "(1.7976931348623157e308,5e-324)"), ("point", "(2e-308,0.1e-307)"), ("point", "(.5,5.)"), ("point", "(1,,2)"),
        ("point", "(1,2))"), ("point", "((1,2))"), ("point", "[1,2]"), ("point", "(1,2) "), ("point", "(1é,2)"),
        // Shortest digits: 4.488447918823602e16 lies exactly halfway to the next double; float8out prints 17 digits.
        ("point", "(-87,-4.488447918823602e+16)"), ("point", "(4.4884479188236016e16,9007199254740993)"),
        ("line", "{1,2,3}"), ("line", "{0,0,3}"), ("line", "{1e-7,0,3}"), ("line", " { 1 , 2 , 3 } "), ("line", "{1,2,3} x"),
        ("line", "{nan,0,1}"), ("line", "(1,2),(1,3)"), ("line", "(1,2),(3,2)"), ("line", "(1,2),(3,5)"), ("line", "[(1,2),(3,5)]"),
        ("line", "((1,2),(3,5))"), ("line", "(1,2),(1,2)"), ("line", "(1,2),(1.0000001,2)"), ("line", "1,2,3,5"),
        ("line", "(0,0),(1e308,-1e308)"), ("line", "(nan,0),(nan,0)"), ("line", "(0,0),(nan,1)"), ("line", "[(1,2),(3,5)"),
        ("line", "( (1,2),(3,5) )"), ("line", "(1,2,3,5)"), ("line", "{1,2}"), ("line", "{1,2,3"), ("line", "(1e-300,0),(2e-300,1e300)"),
        ("line", "(1e308,0),(-1e308,1)"), ("line", "(0,1e308),(1e-300,-1e308)"), ("line", "(0,1e-300),(1e300,0)"),
        ("line", "(0,0),(1e300,1e-300)"), ("line", "(0,0),(1e-10,1e308)"), ("line", "(inf,0),(0,1)"), ("line", "(1,1e-300),(3,1e300)"),
        ("line", "(1e-300,1e-300),(1,1e-20)"), ("line", "(3,1e300),(1e300,1)"), ("line", "{1,2,3,4}"), ("line", "{ }"),
        ("lseg", "[(1,2),(3,4)]"), ("lseg", "(1,2),(3,4)"), ("lseg", "((1,2),(3,4))"), ("lseg", "1,2,3,4"), ("lseg", "[1,2,3,4]"),
        ("lseg", "[(1,2),(3,4))"), ("lseg", "((1,2),(3,4)]"), ("lseg", "(1,2),(3,4)]"), ("lseg", "( (1,2) , (3,4) ) "),
        ("lseg", "((1,2) (3,4))"), ("lseg", "(1,2)(3,4)"), ("lseg", "(1,2,3,4)"), ("lseg", "[ (1,2),(3,4) ]"), ("lseg", "[(1,2)]"),
        ("lseg", "[(1,2),(3,4),(5,6)]"), ("lseg", "(1,2),(3,4),"), ("lseg", "(1,2),(3,4) ,"),
        ("box", "(1,2),(3,4)"), ("box", "(3,4),(1,2)"), ("box", "(3,2),(1,4)"), ("box", "[(1,2),(3,4)]"), ("box", "((1,2),(3,4))"),
        ("box", "(nan,1),(2,3)"), ("box", "(1,nan),(2,3)"), ("box", "1,2,3,4"), ("box", "(nan,nan),(nan,nan)"), ("box", "(-inf,1),(inf,-1)"),
        ("circle", "<(1,2),3>"), ("circle", "((1,2),3)"), ("circle", "(1,2),3"), ("circle", "1,2,3"), ("circle", "(1,2,3)"),
        ("circle", "<(1,2),-3>"), ("circle", "<(1,2),nan>"), ("circle", "<(1,2),3)"), ("circle", "((1,2),3>"), ("circle", "<1,2,3>"),
        ("circle", "(1,2) 3"), ("circle", "<(1,2),-0>"), ("circle", " < ( 1 , 2 ) , 3 > "), ("circle", "(((1,2),3))"),
        ("circle", "((1,2)),3"), ("circle", "<(1,2),3> x"), ("circle", "<(1,2),-inf>"), ("circle", "<(1,2),inf>"), ("circle", "<(1,2)>"),
        ("circle", "<(1,2),3,4>"), ("circle", "<<(1,2),3>>"),
    ]

    @Test(.enabled(if: PostgresCluster.canRun, "needs postgresql-15")) func randomShapesReadAsTheServerReadsThem() throws {
        var random = SeededGenerator(seed: 59)
        var cases = Self.fixed
        for type in ["point", "line", "lseg", "box", "circle"] {
            for _ in 0..<130 { cases.append((type, Self.shape(type, &random))) }
            for _ in 0..<110 {
                let damaged = random.damage(Self.shape(type, &random), replacements: ["(", ")", "[", "]", "<", ">", "{", "}", ",", " ", "1", "e", "-", "."],
                                            whenEmpty: "x")
                cases.append((type, damaged))
            }
        }
        let answers = try PostgresCluster.answers(
            loading: cases.map { [$0.0, $0.1] }, into: "lits", setup: Self.functions,
            select: "SELECT id, read_value(lit, typ) FROM lits ORDER BY id", databasePrefix: "geometry")
        try #require(answers.count == cases.count && answers.allSatisfy { $0.count == 1 })
        var tally = DifferentialTally()
        for (i, (type, text)) in cases.enumerated() {
            let theirs = answers[i][0]
            let ours: String
            switch PGGeometryLiteral.parse(text, type: type) {
            case .success(let value): ours = "ok " + value.text
            case .failure(let error): ours = "ERROR: " + error.sqlState + " " + error.message
            }
            tally.compare("\(type) \(text.debugDescription)", ours: ours, theirs: theirs, accepted: ours.hasPrefix("ok"))
        }
        tally.expectAgreement(of: "shapes", acceptedShare: 1.0 / 3...0.8)
    }

    /// A number as `float8in` reads it: small integers and decimals, exponents, words, and random
    /// doubles in their shortest spelling.
    static func number(_ random: inout SeededGenerator) -> String {
        switch random.next() % 10 {
        case 0:
            let words = ["NaN", "nan", "Infinity", "-Infinity", "inf", "-inf", "+Infinity", "1e400", "-1e-400", "1e-310", "0x1p3", "-0",
                         "+.5", "5.", "1e+20", "1E15", "123456789012345678", " 7 ", "1e308", "-1e308", "2.5e-300"]
            return words[Int(random.next() % UInt64(words.count))]
        case 1, 2:
            var d = Double(bitPattern: random.next())
            if !d.isFinite { d = 0.1 }
            return "\(d)"
        case 3:
            return "\(Double(Int64(random.next() % 2_000_001) - 1_000_000) / 1000)"
        default:
            return String(Int64(random.next() % 201) - 100)
        }
    }

    /// A value of `type` in one of the spellings its input function reads.
    static func shape(_ type: String, _ random: inout SeededGenerator) -> String {
        func n() -> String { number(&random) }
        func sp() -> String { random.next() % 5 == 0 ? " " : "" }
        func point() -> String {
            random.next() % 4 == 0 ? sp() + n() + sp() + "," + sp() + n() + sp() : "(" + sp() + n() + "," + n() + sp() + ")"
        }
        func twoPoints(open: Bool) -> String {
            let inner = point() + sp() + "," + sp() + point()
            switch random.next() % 4 {
            case 0: return inner
            case 1 where open: return "[" + inner + "]"
            default: return "(" + sp() + inner + sp() + ")"
            }
        }
        switch type {
        case "point": return sp() + point() + sp()
        case "line":
            if random.next() % 2 == 0 { return sp() + "{" + n() + "," + n() + "," + n() + "}" + sp() }
            return twoPoints(open: true)
        case "lseg": return twoPoints(open: true)
        case "box": return twoPoints(open: false)
        default:
            let center = point(), radius = random.next() % 3 == 0 ? n() : String(random.next() % 50)
            switch random.next() % 4 {
            case 0: return "<" + center + "," + sp() + radius + ">"
            case 1: return "(" + center + "," + radius + ")"
            case 2: return center + "," + radius
            default: return sp() + "<" + sp() + center + sp() + "," + radius + sp() + ">" + sp()
            }
        }
    }
}
