import Testing
@testable import PostgresModel
import Schema
import Storage

/// Widths of types Chunkwise carries as text, as `pg_column_size` gave them on a PostgreSQL 15
/// server for the same values.
@Suite struct UnmodelledTypeStorageTests {
    @Test func widthsAsTheServerStoresThem() throws {
        let (findings, catalog) = MigrationCheck.run(files: [("t.sql", "CREATE TABLE w (i interval, b bytea, a inet, c cidr, n name, e bytea, q oid);")])
        #expect(!findings.contains { $0.severity == .error }, "\(findings)")
        let table = try #require(catalog.tables["w"])
        var rows = RowSet(table: table)
        rows.append(row: [.text("1 day"), .text(#"\x0102"#), .text("1.2.3.4"), .text("10.0.0.0/8"), .text("abc"), .text(#"ab\001\\"#), .text("4294967295")])
        rows.append(row: [.null, .text(#"\x"#), .text("2001:db8::1/64"), .text("2001:db8::/32"), .text("x"), .text(""), .null])
        let widths = zip(table.columns, rows.columns).map { definition, column in
            var w = ColumnWidths(column)
            w.store(as: definition, column: column)
            return w
        }
        #expect(widths.map(\.width) == [[16, -1], [3, 1], [7, 19], [7, 19], [64, 64], [5, 1], [4, -1]])
        #expect(widths.map(\.alignment) == [8, 4, 4, 4, 1, 4, 4])
        #expect(widths.map(\.isVarlena) == [false, true, true, true, false, true, false])
    }

    @Test func byteaInputForms() {
        #expect(UnmodelledTypeStorage.byteaLength(#"\xDEAD beef"#) == 4)
        #expect(UnmodelledTypeStorage.byteaLength(#"\x0"#) == nil)
        #expect(UnmodelledTypeStorage.byteaLength(#"a\\b\377"#) == 4)
        #expect(UnmodelledTypeStorage.byteaLength(#"\9"#) == nil)
    }
}

/// Sort keys of types carried as text, in the order `ORDER BY` gave the same values on a PostgreSQL
/// 15 server.
@Suite struct UnmodelledTypeOrderingTests {
    static func sorted(_ values: [String], type: String) throws -> [String] {
        let (_, catalog) = MigrationCheck.run(files: [("t.sql", "CREATE TABLE t (v \(type));")])
        let definition = try #require(catalog.tables["t"]?.columns.first)
        let column = ColumnVector(type: .text, storage: .string(StringColumn(values)))
        let keys = try #require(UnmodelledTypeOrdering.column(definition, values: column))
        guard case .string(let k) = keys.storage else { return [] }
        return values.indices.sorted { Array(k[$0].unicodeScalars.map(\.value)).lexicographicallyPrecedes(k[$1].unicodeScalars.map(\.value)) }
            .map { values[$0] }
    }

    @Test func ordersAsTheServerDoes() throws {
        #expect(try Self.sorted(["1 day", "2 mons", "23:00:00", "-1 day", "1 year", "00:00:00.5"], type: "interval")
                == ["-1 day", "00:00:00.5", "23:00:00", "1 day", "2 mons", "1 year"])
        #expect(try Self.sorted(["10.00", "9.99", "$1,000.01", "-5", "(2.50)"], type: "money") == ["-5", "(2.50)", "9.99", "10.00", "$1,000.01"])
        #expect(try Self.sorted(["12:00:00+02", "11:00:00+00", "10:30:00-01"], type: "timetz") == ["12:00:00+02", "11:00:00+00", "10:30:00-01"])
        // timetz_in's other spellings: 10:00 EST is 15:00 UTC, 1030 pm +05 is 17:30 UTC.
        #expect(try Self.sorted(["10:00 EST", "1030 pm +05", "t1600-01"], type: "timetz") == ["10:00 EST", "t1600-01", "1030 pm +05"])
        #expect(try Self.sorted([#"\x10"#, #"\x0fff"#, #"\x"#, "a"], type: "bytea") == [#"\x"#, #"\x0fff"#, #"\x10"#, "a"])
        #expect(try Self.sorted(["10.0.0.2", "9.255.0.1", "2001:db8::1", "10.0.0.0/8"], type: "inet")
                == ["9.255.0.1", "10.0.0.0/8", "10.0.0.2", "2001:db8::1"])
        #expect(try Self.sorted(["0a-00-00-00-00-01", "09:ff:ff:ff:ff:ff"], type: "macaddr") == ["09:ff:ff:ff:ff:ff", "0a-00-00-00-00-01"])
        // A six-byte address is FF:FE in the middle: after an eight-byte one its text sorts before.
        #expect(try Self.sorted(["08-00-2b-01-02-03", "08:00:2b:01:02:03:04:05"], type: "macaddr8") == ["08:00:2b:01:02:03:04:05", "08-00-2b-01-02-03"])
    }
}

/// Values of types carried as text as TimescaleDB's array and dictionary data hold them
/// (`datum_to_bytes_and_advance`): the types' binary forms.
@Suite struct UnmodelledTypeDatumTests {
    static func column(_ type: String) throws -> ColumnDefinition {
        let (_, catalog) = MigrationCheck.run(files: [("t.sql", "CREATE TABLE t (v \(type));")])
        return try #require(catalog.tables["t"]?.columns.first)
    }

    @Test func binaryForms() throws {
        let interval = try #require(UnmodelledTypeStorage.datum("1 day 00:00:01", column: try Self.column("interval")))
        #expect(interval == SerializedDatum(bytes: [0x40, 0x42, 0x0F, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0], alignment: 8))
        let money = try #require(UnmodelledTypeStorage.datum("$12.34", column: try Self.column("money")))
        #expect(money == SerializedDatum(bytes: [0xD2, 0x04, 0, 0, 0, 0, 0, 0], alignment: 8))
        // 00:00:01 local at +02: time 1 s, zone −7200 (seconds west).
        let timetz = try #require(UnmodelledTypeStorage.datum("00:00:01+02", column: try Self.column("timetz")))
        #expect(timetz == SerializedDatum(bytes: [0x40, 0x42, 0x0F, 0, 0, 0, 0, 0, 0xE0, 0xE3, 0xFF, 0xFF], alignment: 8))
        let inet = try #require(UnmodelledTypeStorage.datum("1.2.3.4", column: try Self.column("inet")))
        #expect(inet == SerializedDatum(bytes: [7 << 1 | 1, 2, 32, 1, 2, 3, 4], alignment: 1))
        let bytea = try #require(UnmodelledTypeStorage.datum(#"\x0102"#, column: try Self.column("bytea")))
        #expect(bytea == SerializedDatum(bytes: [3 << 1 | 1, 1, 2], alignment: 1))
        // VarBit: the bit count, then the bits from the highest; a 10-bit value takes two bytes.
        let bits = try #require(UnmodelledTypeStorage.datum("1011000011", column: try Self.column("bit(10)")))
        #expect(bits == SerializedDatum(bytes: [7 << 1 | 1, 10, 0, 0, 0, 0b1011_0000, 0b1100_0000], alignment: 1))
        let hexBits = try #require(UnmodelledTypeStorage.datum("X0F", column: try Self.column("varbit")))
        #expect(hexBits == SerializedDatum(bytes: [6 << 1 | 1, 8, 0, 0, 0, 0x0F], alignment: 1))
        // A six-byte address in a macaddr8 column: EUI-64 with FF:FE in the middle.
        let mac8 = try #require(UnmodelledTypeStorage.datum("08-00-2b-01-02-03", column: try Self.column("macaddr8")))
        #expect(mac8 == SerializedDatum(bytes: [0x08, 0x00, 0x2B, 0xFF, 0xFE, 0x01, 0x02, 0x03], alignment: 4))
        // Point: x then y as little-endian float8; a box's corners reordered high first.
        let point = try #require(UnmodelledTypeStorage.datum(" ( 1 , 2 ) ", column: try Self.column("point")))
        #expect(point == SerializedDatum(bytes: [0, 0, 0, 0, 0, 0, 0xF0, 0x3F, 0, 0, 0, 0, 0, 0, 0, 0x40], alignment: 8))
        let box = try #require(UnmodelledTypeStorage.datum("(0,1),(1,0)", column: try Self.column("box")))
        #expect(box.bytes == [1.0, 1.0, 0.0, 0.0].flatMap { d in (0..<8).map { UInt8(truncatingIfNeeded: d.bitPattern >> (8 * $0)) } })
        // 10:00 EST: 36,000 s local, zone 18,000 s west.
        let est = try #require(UnmodelledTypeStorage.datum("10:00 EST", column: try Self.column("timetz")))
        #expect(est == SerializedDatum(bytes: [0x00, 0x68, 0xC4, 0x61, 0x08, 0, 0, 0, 0x50, 0x46, 0, 0], alignment: 8))
        let oid = try #require(UnmodelledTypeStorage.datum("-1", column: try Self.column("oid")))
        #expect(oid == SerializedDatum(bytes: [0xFF, 0xFF, 0xFF, 0xFF], alignment: 4))
        #expect(UnmodelledTypeStorage.datum("x", column: ColumnDefinition("t", .text)) == nil)
    }

    /// Array values at their binary size, as `pg_column_size` reported them on PostgreSQL 15.
    @Test func arraysAtTheServersSize() {
        let measured: [(String, String, Int)] = [
            ("_int4", "{1,2,3}", 36), ("_int4", "{}", 16), ("_int4", "{1,NULL,3}", 40), ("_int8", "{1,2,3}", 48),
            ("_text", "{a,bc}", 40), ("_text", "{a}", 32), ("_int4", "{{1,2},{3,4}}", 48), ("_numeric", "{1.5,2}", 44),
            ("_float8", "{1}", 32), ("_bool", "{t,f}", 26),
        ]
        for (type, text, bytes) in measured {
            #expect(ArrayStorage.size(text, catalogType: type) == bytes, "\(type) \(text)")
        }
        #expect(ArrayStorage.size("{1,2}", catalogType: "_jsonb") == nil)
        #expect(ArrayStorage.size("1,2", catalogType: "_int4") == nil)
    }

    /// Range values at their binary size, as `pg_column_size` reported them on PostgreSQL 15.
    @Test func rangesAtTheServersSize() {
        let measured: [(String, String, Int)] = [
            ("tstzrange", "[2024-01-01,2024-02-01)", 25), ("int4range", "[1,10)", 17), ("int8range", "[1,10)", 25),
            ("numrange", "[1.5,2.25]", 23), ("int4range", "empty", 9), ("int4range", "[1,)", 13), ("tstzrange", "(,)", 9),
            ("daterange", "[2024-01-01,2024-02-01)", 17), ("int4range", "(1,2)", 9), ("int4range", "[5,5]", 17),
            ("tstzrange", #"["2024-01-01 10:00","2024-01-02")"#, 25),
        ]
        for (type, text, bytes) in measured {
            #expect(RangeStorage.binary(text, catalogType: type)?.count == bytes, "\(type) \(text)")
        }
        #expect(RangeStorage.binary("[3,1)", catalogType: "int4range") == nil)
        #expect(RangeStorage.binary("[1,2", catalogType: "int4range") == nil)
    }

    @Test func arrayLiteralsReadAsArrayInReadsThem() throws {
        func read(_ text: String) -> PGArrayLiteral? { try? PGArrayLiteral.parse(text).get() }
        let a = try #require(read(#" { "a,b" , NULL,"NULL", c d ,\"x } "#))
        #expect(a.elements == ["a,b", nil, "NULL", "c d", "\"x"])
        #expect(a.lengths == [5])
        #expect(read("[1:2]={1,2}")?.elements == ["1", "2"])
        #expect(read("{{1,2},{3,4}}")?.lengths == [2, 2])
        #expect(read("{}")?.lengths == [])
        #expect(read("{1,2") == nil)
        #expect(read("{1}x") == nil)
        #expect(read("{\"open}") == nil)
    }

    @Test func moneyHasNoDictionary() throws {
        #expect(CompressionAlgorithm.default(for: try Self.column("money"), version: .calibrated) == .array)
        // bit and varbit have no hash operator class either (pg_opclass on PostgreSQL 15).
        #expect(CompressionAlgorithm.default(for: try Self.column("bit(4)"), version: .calibrated) == .array)
        #expect(CompressionAlgorithm.default(for: try Self.column("varbit"), version: .calibrated) == .array)
        #expect(CompressionAlgorithm.default(for: try Self.column("interval"), version: .calibrated) == .dictionary)
    }

    /// compression_get_default_algorithm switches on the column's type OID: a domain's matches no
    /// case, so a domain over bigint, timestamptz, float8 or numeric is DICTIONARY (json's ARRAY);
    /// an enum is DICTIONARY over its 4-byte label OIDs.
    @Test func domainsAndEnumsTakeTheDefaultBranch() throws {
        let sql = """
            CREATE DOMAIN big AS bigint; CREATE DOMAIN at AS timestamptz NOT NULL; CREATE DOMAIN f AS float8;
            CREATE DOMAIN price AS numeric(12,2) CHECK (VALUE > 0); CREATE DOMAIN doc AS json;
            CREATE TYPE side AS ENUM ('buy', 'sell');
            CREATE TABLE d (b big, a at, f f, p price, j doc, s side, plain bigint);
            """
        let (findings, catalog) = MigrationCheck.run(files: [("d.sql", sql)])
        #expect(!findings.contains { $0.severity == .error || $0.message.contains("not modelled") }, "\(findings)")
        let table = try #require(catalog.tables["d"])
        #expect(table.columns.map(\.type) == [.int8, .timestamptz, .float8, .numeric(precision: 12, scale: 2), .json, .text, .int8])
        #expect(table.columns.map { CompressionAlgorithm.default(for: $0, version: .calibrated) }
                == [.dictionary, .dictionary, .dictionary, .dictionary, .array, .dictionary, .deltadelta])
        #expect(UnmodelledTypeStorage.fixed(table.columns[5])! == (4, 4))
        #expect(UnmodelledTypeStorage.datum("sell", column: table.columns[5]) == SerializedDatum(bytes: [0x03, 0x40, 0, 0], alignment: 4))
    }
}
