import Testing
@testable import Schema

@Suite struct SchemaCatalogTests {
    func replay(_ sql: String) throws -> (SchemaCatalog, [CatalogDiagnostic]) {
        var c = SchemaCatalog()
        var d: [CatalogDiagnostic] = []
        for s in try SQLParser.parse(text: sql, file: "t.sql") { d += c.apply(s) }
        return (c, d)
    }

    @Test func constraintsGetTheNamesPostgreSQLGives() throws {
        let (c, d) = try replay("CREATE TABLE md (id uuid PRIMARY KEY, a int CHECK (a > 0), b int, UNIQUE (a, b));")
        #expect(d.isEmpty)
        #expect(c.tables["md"]?.indexes.map(\.name) == ["md_pkey", "md_a_b_key"])
        #expect(c.tables["md"]?.checks.map(\.name) == ["md_a_check"])
    }

    /// SQL value functions parse as calls (`current_user`, `CURRENT_TIMESTAMP(3)`), and a default
    /// set by ALTER COLUMN is the value the engine fills in, as CREATE TABLE's is.
    @Test func valueFunctionDefaultsAndSetDefault() throws {
        let (c, d) = try replay("""
            CREATE TABLE ev (ts timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP(3), who text DEFAULT current_user,
                             sch varchar(20) DEFAULT current_schema, t time DEFAULT LOCALTIME(2), a timestamptz, b int);
            ALTER TABLE ev ALTER COLUMN a SET DEFAULT now(), ALTER COLUMN b SET DEFAULT 7;
            """)
        #expect(d.isEmpty, "\(d)")
        let columns = try #require(c.tables["ev"]?.columns)
        #expect(columns.map(\.defaultValue) == [.now, .value(.text("postgres")), .value(.text("public")), .expression("LOCALTIME(2)"),
                                                 .now, .value(.int(7))])
        #expect(columns.map(\.defaultSQL) == ["CURRENT_TIMESTAMP(3)", nil, nil, nil, nil, nil])
    }

    /// The load's clock however a timestamp column's DEFAULT spells it (Supabase's
    /// `timezone('utc'::text, now())`, `AT TIME ZONE`, a cast, LOCALTIMESTAMP) is the clock,
    /// and the text is kept for `migrate`; a shift by an interval or a date column's stays SQL.
    @Test func clockReadingDefaults() throws {
        let (c, d) = try replay("""
            CREATE TABLE ev (a timestamptz NOT NULL DEFAULT timezone('utc'::text, now()), b timestamp DEFAULT (now() AT TIME ZONE 'utc'),
                             c timestamp DEFAULT now()::timestamp, e timestamptz DEFAULT LOCALTIMESTAMP, f timestamptz DEFAULT now() - interval '1 day',
                             g date DEFAULT timezone('utc', now()), h timestamptz DEFAULT timezone('utc', clock_timestamp()));
            """)
        #expect(d.isEmpty, "\(d)")
        let columns = try #require(c.tables["ev"]?.columns)
        #expect(columns.map(\.defaultValue) == [.now, .now, .now, .now, .expression("now() - interval '1 day'"), .expression("timezone('utc', now())"), .now])
        #expect(columns.map(\.defaultSQL) == ["timezone('utc'::text, now())", "(now() AT TIME ZONE 'utc')", "now()::timestamp", "LOCALTIMESTAMP", nil, nil,
                                               "timezone('utc', clock_timestamp())"])
    }

    /// A carried type's constant DEFAULT is the value a load that omits the column stores (it was
    /// kept as SQL, and such a load failed with "default expression … is not modelled"); a cast to
    /// another type and a function stay SQL, and a literal the type's input refuses fails the
    /// CREATE TABLE as on the server.
    @Test func carriedTypeConstantDefaults() throws {
        let (c, d) = try replay("""
            CREATE TABLE t (ts timestamptz, tags text[] DEFAULT '{}', ids int[] DEFAULT '{1,2}'::integer[], host inet DEFAULT '10.0.0.1',
                            other text[] DEFAULT '{}'::varchar[], f text[] DEFAULT ARRAY['a'], span interval DEFAULT '1 day');
            ALTER TABLE t ALTER COLUMN host SET DEFAULT '192.168.0.0/16', ALTER COLUMN f SET DEFAULT '{x,y}';
            """)
        #expect(!d.contains { $0.severity == .error }, "\(d)")
        let columns = try #require(c.tables["t"]?.columns)
        #expect(columns.map(\.defaultValue) == [nil, .value(.text("{}")), .value(.text("{1,2}")), .value(.text("192.168.0.0/16")),
                                                 .expression("'{}'::varchar[]"), .value(.text("{x,y}")), .value(.text("1 day"))])
        // ARRAY constructors of constants are values too, as array_out prints them.
        let (a, ad) = try replay("""
            CREATE TABLE a (e text[] DEFAULT ARRAY[]::text[], i int8[] DEFAULT ARRAY[1, 2], q text[] DEFAULT ARRAY['a b', 'c', NULL, 'x"y', 'null', ''],
                            m int[] DEFAULT ARRAY[[1, 2], [3, 4]], r int[] DEFAULT ARRAY[1, 2.5], n numeric[] DEFAULT ARRAY[1.50, -2]);
            """)
        #expect(!ad.contains { $0.severity == .error }, "\(ad)")
        let arrays = try #require(a.tables["a"]?.columns)
        #expect(arrays.map(\.defaultValue) == [.value(.text("{}")), .value(.text("{1,2}")), .value(.text(#"{"a b",c,NULL,"x\"y","null",""}"#)),
                                                .value(.text("{{1,2},{3,4}}")), .expression("ARRAY[1, 2.5]"), .value(.text("{1.50,-2}"))],
                "a decimal into integers rounds: left an expression")
        let (refused, diagnostics) = try replay("CREATE TABLE u (host inet DEFAULT '10.0.0.300');")
        #expect(refused.tables["u"] == nil && diagnostics.contains { $0.message.contains("invalid input syntax for type inet") })
    }

    /// float(p) is real up to 24 bits and double precision above (gram.y), in the catalog too.
    @Test func floatPrecisionChoosesTheType() throws {
        let (c, d) = try replay("CREATE TABLE f (a float(24), b float(25), c float, d float(1));")
        #expect(d.isEmpty, "\(d)")
        let columns = try #require(c.tables["f"]?.columns)
        #expect(columns.map(\.type) == [.float4, .float8, .float8, .float4])
        #expect(columns.map(\.catalogType) == [nil, nil, nil, nil])
    }

    /// What `pg_dump --schema-only` writes replays without errors: identity added by ALTER COLUMN,
    /// sequences and views altered by ALTER TABLE, a row type, a qualified collation, json operators.
    @Test func pgDumpStyleSchemaReplays() throws {
        let (c, d) = try replay("""
            CREATE TABLE public.events (id bigint NOT NULL, kind text COLLATE pg_catalog."default" NOT NULL, payload jsonb);
            ALTER TABLE public.events OWNER TO postgres;
            ALTER TABLE public.events ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
                SEQUENCE NAME public.events_id_seq START WITH 1 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1
            );
            CREATE SEQUENCE public.misc_seq START WITH 100 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1;
            ALTER TABLE public.misc_seq OWNER TO postgres;
            CREATE TABLE public.misc (n integer DEFAULT nextval('public.misc_seq'::regclass), e public.events);
            CREATE VIEW public.v_events AS SELECT events.id FROM public.events WHERE (events.kind <> 'x'::text);
            ALTER TABLE public.v_events OWNER TO postgres;
            CREATE INDEX events_k ON public.events USING btree (((payload ->> 'k'::text)));
            ALTER TABLE ONLY public.events ADD CONSTRAINT events_pkey PRIMARY KEY (id);
            """)
        #expect(!d.contains { $0.severity == .error }, "\(d)")
        #expect(c.tables["events"]?.columns.first?.defaultValue == .sequence)
        // The identity's SEQUENCE NAME is a relation too (a later nextval('public.events_id_seq') finds it).
        #expect(c.otherRelations == ["misc_seq": "sequence", "v_events": "view", "events_id_seq": "sequence"])
    }

    /// An EXCLUDE constraint is accepted with a warning (not modelled); the rest of the table is kept.
    @Test func excludeConstraintIsAWarning() throws {
        let (c, d) = try replay("CREATE TABLE booking (room int, during tstzrange, EXCLUDE USING gist (during WITH &&), CHECK (room >= 0));")
        #expect(d.map(\.severity) == [.warning, .warning], "\(d)")
        #expect(d.last?.message.hasPrefix("constraint not modelled: EXCLUDE USING gist") == true)
        #expect(c.tables["booking"]?.checks.count == 1)
    }

    @Test func replayedNQPTableEqualsTheBuiltInDefinition() throws {
        let (c, d) = try replay("""
            CREATE TABLE market_data (
              id uuid PRIMARY KEY DEFAULT gen_random_uuid(), ticker_id uuid NOT NULL, "timestamp" timestamptz NOT NULL,
              open numeric(12,2) NOT NULL, high numeric(12,2) NOT NULL, low numeric(12,2) NOT NULL, close numeric(12,2) NOT NULL,
              volume bigint, interval varchar(10) NOT NULL CHECK (interval IN ('1m','5m','15m','30m','1h','4h','1d','1w','1M')),
              source varchar(50) DEFAULT 'yfinance', metadata jsonb DEFAULT '{}', created_at timestamptz DEFAULT now(),
              UNIQUE (ticker_id, "timestamp", interval));
            CREATE INDEX idx_market_data_ticker_timestamp ON market_data (ticker_id, "timestamp" DESC);
            CREATE INDEX idx_market_data_ticker_interval_timestamp ON market_data (ticker_id, interval, "timestamp" DESC);
            CREATE INDEX idx_market_data_timestamp ON market_data ("timestamp" DESC);
            """)
        #expect(d.isEmpty)
        let t = c.tables["market_data"]
        #expect(t?.columns == NQPTables.marketData.columns)
        #expect(t?.indexes == NQPTables.marketData.indexes)
        #expect(t?.checks.map(\.name) == NQPTables.marketData.checks.map(\.name))
    }

    @Test func ifNotExistsTurnsDuplicatesIntoNotices() throws {
        let (_, d) = try replay("CREATE TABLE t (x int); CREATE TABLE IF NOT EXISTS t (x int);")
        #expect(d == [.notice("relation \"t\" already exists, skipping")])
    }

    @Test func dropIndexRemovesItAndAFailedAlterChangesNothing() throws {
        let (c, d) = try replay("CREATE TABLE t (x int, y int); CREATE INDEX i ON t (x); DROP INDEX i; ALTER TABLE t ADD COLUMN z int, DROP COLUMN nope;")
        #expect(d == [.error("column \"nope\" of relation \"t\" does not exist")])
        #expect(c.tables["t"]?.indexes.isEmpty == true)
        #expect(c.tables["t"]?.columns.map(\.name) == ["x", "y"])
    }
}

extension SchemaCatalogTests {
    @Test func aTableHasAtMost1600Columns() throws {
        // heap.c CheckAttributeNamesTypes / tablecmds.c ATExecAddColumn: 54011.
        let columns = (1...1601).map { "c\($0) int" }
        let (_, created) = try replay("CREATE TABLE wide (\(columns.joined(separator: ", ")));")
        #expect(created.map(\.message) == ["tables can have at most 1600 columns"])
        #expect(created.first?.sqlState == "54011")
        let (c, ok) = try replay("CREATE TABLE wide (\(columns.dropLast().joined(separator: ", "))); ALTER TABLE wide ADD COLUMN extra int;")
        #expect(ok.map(\.message) == ["tables can have at most 1600 columns"])
        #expect(c.tables["wide"]?.columns.count == 1600)
    }
}
