import Testing
import TestSupport
@testable import Schema

/// `inet`, `cidr`, `macaddr` and `bytea` input against a real PostgreSQL 15, on random texts: which ones
/// `network_in` and `byteain` refuse and with which words, and for the accepted addresses the
/// family, prefix length, address bytes (`family()`, `masklen()`, `inet_send`) and printed text.
@Suite("inet, cidr and bytea input against PostgreSQL", .serialized)
struct NetworkByteaDifferentialTests {
    static let functions = """
        CREATE TABLE lits (id integer, typ text, lit text);
        CREATE FUNCTION read_value(t text, typ text) RETURNS text LANGUAGE plpgsql AS $$
        DECLARE d text; r text;
        BEGIN
          IF typ IN ('bytea', 'macaddr') THEN
            EXECUTE format('SELECT concat(%L::%s)', t, typ) INTO r;
          ELSE
            EXECUTE format('SELECT family(v) || '' '' || masklen(v) || '' '' || encode(inet_send(v::inet), ''hex'') || '' '' || concat(v) FROM (SELECT %L::%s AS v) s', t, typ) INTO r;
          END IF;
          RETURN 'ok ' || r;
        EXCEPTION WHEN others THEN
          GET STACKED DIAGNOSTICS d = PG_EXCEPTION_DETAIL;
          RETURN 'ERROR: ' || SQLERRM || CASE WHEN d <> '' THEN ' (' || d || ')' ELSE '' END;
        END $$;
        """

    @Test(.enabled(if: PostgresCluster.canRun, "needs postgresql-15")) func randomValuesReadAsTheServerReadsThem() throws {
        var random = SeededGenerator(seed: 23)
        var cases: [(type: String, text: String)] = []
        for type in ["inet", "cidr"] {
            for text in Self.fixedAddresses { cases.append((type, text)) }
            for _ in 0..<400 { cases.append((type, Self.address(&random))) }
            for _ in 0..<400 { cases.append((type, Self.damagedAddress(Self.address(&random), &random))) }
        }
        for text in Self.fixedMacaddr { cases.append(("macaddr", text)) }
        for _ in 0..<500 { cases.append(("macaddr", Self.macaddr(&random))) }
        for text in Self.fixedBytea { cases.append(("bytea", text)) }
        for _ in 0..<300 { cases.append(("bytea", Self.bytea(&random))) }
        for _ in 0..<300 {
            cases.append(("bytea", random.damage(Self.bytea(&random), replacements: ["\\", "x", "g", " ", "0", "7", "8", "f"], whenEmpty: "\\")))
        }
        let answers = try PostgresCluster.answers(
            loading: cases.map { [$0.type, $0.text] }, into: "lits", setup: Self.functions,
            select: "SELECT id, read_value(lit, typ) FROM lits ORDER BY id", databasePrefix: "network")
        try #require(answers.count == cases.count)
        var tally = DifferentialTally()
        for (i, c) in cases.enumerated() {
            let fields = answers[i]
            guard fields.count == 1 else { Issue.record("row \(i): \(fields)"); continue }
            let ours = Self.read(c.text, type: c.type)
            tally.compare("\(c.type) \(c.text.debugDescription)", ours: ours, theirs: fields[0], accepted: ours.hasPrefix("ok"))
        }
        // Both sides of the input rules are exercised.
        tally.expectAgreement(of: "values")
    }

    /// What the test's SQL function prints for `text` read as `type`, computed by Chunkwise: the
    /// check COPY applies, then the parsed value.
    static func read(_ text: String, type: String) -> String {
        do {
            try UnmodelledTypeInput.check(text, catalogType: type)
        } catch {
            return "ERROR: " + error.description
        }
        func hex(_ bytes: [UInt8]) -> String { bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined() }
        if type == "macaddr" {
            guard case .success(let octets) = PGMacaddrLiteral.parse(text) else { return "check accepted, parse refused" }
            return "ok " + PGMacaddrLiteral.text(octets)
        }
        if type == "bytea" {
            guard case .success(let bytes) = PGByteaLiteral.parse(text) else { return "check accepted, parse refused" }
            return "ok " + PGByteaLiteral.hexText(bytes)
        }
        guard case .success(let v) = PGNetworkLiteral.parse(text, isCidr: type == "cidr") else { return "check accepted, parse refused" }
        // inet_send of the value cast to inet: family, bits, is_cidr (0 after the cast), address length, address.
        let header: [UInt8] = [v.family, UInt8(v.bits), 0, UInt8(v.address.count)]
        return "ok \(v.isIPv6 ? 6 : 4) \(v.bits) " + hex(header + v.address) + " " + v.text(isCidr: type == "cidr")
    }

    static let fixedAddresses = [
        "1.2.3.4", "1.2.3.4/24", "1.2.3.0/24", "10", "10/8", "10.1", "10.1/16", "10.1.2/24", "192.168.1", "224", "224.1",
        "240", "128.1", "0", "0.0.0.0/0", "255.255.255.255", "256.1.1.1", "1.2.3.4.5", "1.2.3.4.", "1.2.3.", "1..2.3",
        "01.002.3.4", "1.2.3.4/33", "1.2.3.4/", "1.2.3.4/x", "1.2.3.4/08", " 1.2.3.4", "1.2.3.4 ", "0x0a", "0x0a000001",
        "0xg", "0x", "0X0A0B", "0x123456789", "::", "::1", "::/0", "1::", "1::2::3", "fe80::1/64", "FE80::1", "::ffff:1.2.3.4",
        "::ffff:1.2.3.4/96", "::1.2", "::1..2", "::01.2.3.4", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7::",
        "1:2:3:4:5:6:7:8::", "12345::", ":1", "1:", "1::/129", "1::/0128", "1::/", "::/00", "2001:db8::/32",
        "2001:db8::1/32", "", "x", "1.2.3.4/24/8", "::1.2.3.4.5", ":::", "1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:7:1.2.3.4",
    ]

    static let fixedBytea = [
        "", "abc", "\\x", "\\x00ff", "\\xABcd", "\\x0", "\\x0g", "\\xg0", "\\x 01 02", "\\x0 1", "\\x01\t02\n", "\\X01",
        "\\\\", "\\", "a\\b", "\\000", "\\377", "\\400", "\\12", "\\1234", "\\\\x", "x\\x01", "\\xé", "\\x0é", "é",
    ]

    static let fixedMacaddr = [
        "08:00:2b:01:02:03", "08-00-2b-01-02-03", "08002b:010203", "08002b-010203", "0800.2b01.0203", "0800-2b01-0203",
        "08002b010203", "08:00:2B:01:02:03 ", " 08:00:2b:01:02:03", "08: 00:2b:01:02:03", "8:0:2b:1:2:3", "08:00:2b:01:02",
        "08:00:2b:01:02:03:04", "08:00:2b:01:02:0g", "100:0:0:0:0:0", "-1:0:0:0:0:0", "-0:0:0:0:0:0", "+8:0:0:0:0:0",
        "0x8:0:0:0:0:0", "0x:0:0:0:0:0", "100000000:0:0:0:0:0", "fffffffffffffffff:0:0:0:0:0", "08002b01020", "08002b0102030",
        "0800.2b01.02", "08:00-2b:01:02:03", "", "x", "08002b:01020g", "0x0x0x0x0x0x", "08002b 010203", "08 00 2b 01 02 03",
    ]

    static func macaddr(_ r: inout SeededGenerator) -> String {
        func pick(_ options: [String]) -> String { options[Int(r.next() % UInt64(options.count))] }
        let pieces = ["08", "0", "2b", "FF", "100", "-1", "+1", "0x1", " 1", "g", "", "abc", "00"]
        let separators = [":", "-", ".", "", " "]
        var text = ""
        let count = Int(r.next() % 8) + 1
        for k in 0..<count {
            if k > 0 && r.next() % 4 != 0 { text += pick(separators) }
            text += pick(pieces)
        }
        if r.next() % 5 == 0 { text += pick([" ", "x", "\t", "  "]) }
        return text
    }

    static func address(_ r: inout SeededGenerator) -> String {
        func pick(_ options: [String]) -> String { options[Int(r.next() % UInt64(options.count))] }
        let bits = r.next() % 3 == 0 ? "" : "/" + pick(["0", "1", "7", "8", "16", "23", "24", "31", "32", "33", "64", "96", "127", "128", "129"])
        switch r.next() % 4 {
        case 0:
            // IPv4 with one to five octets, some of them network-only.
            let count = Int(r.next() % 5) + 1
            let octets = (0..<count).map { _ in pick(["0", "1", "10", "127", "128", "192", "224", "240", "255", "256", "01"]) }
            return octets.joined(separator: ".") + bits
        case 1:
            return "0x" + String((0..<Int(r.next() % 9)).map { _ in Character(pick(["0", "a", "F", "1", "8", "c"])) }) + bits
        default:
            // IPv6: groups with at most one compression, sometimes an IPv4 tail.
            let count = Int(r.next() % 9)
            var groups = (0..<count).map { _ in pick(["0", "1", "db8", "2001", "ffff", "FE80", "abcd", "12345", "g"]) }
            if r.next() % 2 == 0 { groups.insert("", at: Int(r.next() % UInt64(groups.count + 1))) }
            var text = groups.joined(separator: ":")
            if text.hasPrefix(":") && !text.hasPrefix("::") { text = ":" + text }
            if text.hasSuffix(":") && !text.hasSuffix("::") { text += ":" }
            if r.next() % 4 == 0 { text += (text.hasSuffix(":") ? "" : ":") + pick(["1.2.3.4", "10.0.0.1", "1.2", "255.255.255.255"]) }
            if !text.contains(":") { text = "::" + text }
            return text + bits
        }
    }

    static func damagedAddress(_ text: String, _ r: inout SeededGenerator) -> String {
        r.damage(text, replacements: [".", ":", "/", "0", "9", "f", "x", " "], whenEmpty: ":")
    }

    static func bytea(_ r: inout SeededGenerator) -> String {
        func pick(_ options: [String]) -> String { options[Int(r.next() % UInt64(options.count))] }
        if r.next() % 2 == 0 {
            return "\\x" + (0..<Int(r.next() % 6)).map { _ in pick(["00", "ff", "A0", "7f", " ", "\n", "1b"]) }.joined()
        }
        return (0..<Int(r.next() % 6)).map { _ in pick(["a", "\\\\", "\\000", "\\377", "\\101", "z", " "]) }.joined()
    }
}
