import Testing
@testable import PostgresModel
import Schema

/// `check` on statements frameworks write around their tables: pg_dump's sequences named by a
/// default, and drizzle-kit's enums in a `DO … EXCEPTION WHEN duplicate_object` block. Each
/// verdict is PostgreSQL 15.18's on a throwaway cluster.
@Suite struct FrameworkShapeCheckTests {
    static func errors(_ sql: String) -> [String] {
        MigrationCheck.run(files: [("m.sql", sql)]).findings.filter { $0.severity == .error }.map(\.message)
    }

    /// regclassin reads the constant when the default is parsed: PostgreSQL 15.18 refuses the
    /// table (`ERROR:  relation "public.nosuch_seq" does not exist`); check accepted it.
    @Test func aDefaultNamingAMissingSequenceIsRefused() {
        #expect(Self.errors("CREATE TABLE t1 (id bigint NOT NULL DEFAULT nextval('public.nosuch_seq'::regclass));")
                == ["relation \"public.nosuch_seq\" does not exist"])
        #expect(Self.errors("CREATE TABLE t2 (id bigint DEFAULT nextval('nosuch_seq'));") == ["relation \"nosuch_seq\" does not exist"])
        #expect(Self.errors("CREATE TABLE t (id bigint);\nALTER TABLE t ALTER COLUMN id SET DEFAULT nextval('t_id_seq'::regclass);")
                == ["relation \"t_id_seq\" does not exist"])
    }

    /// What the server takes: a sequence created first (pg_dump's order), a serial column's own
    /// sequence, any relation (`nextval` checks the kind only when it runs), system relations.
    @Test func sequencesThatExistAreTaken() {
        #expect(Self.errors("""
            CREATE TABLE public.t (id bigint NOT NULL);
            CREATE SEQUENCE public.t_id_seq START WITH 1 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1;
            ALTER TABLE ONLY public.t ALTER COLUMN id SET DEFAULT nextval('public.t_id_seq'::regclass);
            """).isEmpty)
        #expect(Self.errors("CREATE TABLE a (id serial);\nCREATE TABLE b (id int DEFAULT nextval('a_id_seq'), r regclass DEFAULT 'pg_class'::regclass);").isEmpty)
        #expect(Self.errors("CREATE TABLE a (id int);\nCREATE TABLE b (id bigint DEFAULT nextval('\"a\"'));").isEmpty)
    }

    /// drizzle-kit's enum idiom: the type is defined (a later column of it, and its literal
    /// default, are checked), a second block is caught by its handler. Before, the block was "not
    /// modelled" and the column was `type "side" does not exist`.
    @Test func theDuplicateObjectIdiomDefinesItsType() {
        let block = """
            DO $$ BEGIN
             CREATE TYPE "public"."side" AS ENUM('BUY', 'SELL');
            EXCEPTION
             WHEN duplicate_object THEN null;
            END $$;

            """
        let run = MigrationCheck.run(files: [("m.sql", block + block + "CREATE TABLE trade (side side NOT NULL DEFAULT 'BUY', ts timestamptz NOT NULL);")])
        #expect(run.findings.isEmpty, "\(run.findings.map(\.message))")
        #expect(run.catalog.tables["trade"]?.columns.first?.enumLabels == ["BUY", "SELL"])
        #expect(Self.errors(block + "CREATE TABLE trade (side side DEFAULT 'HOLD');") == ["invalid input value for enum side: \"HOLD\""])
        // Another error inside the block is the block's.
        // (PostgreSQL 15.18: `ERROR:  duplicate key value violates unique constraint "pg_enum_typid_label_index"`, 23505.)
        #expect(Self.errors("DO $$ BEGIN CREATE TYPE e AS ENUM ('a', 'a'); EXCEPTION WHEN duplicate_object THEN null; END $$;")
                == ["duplicate key value violates unique constraint \"pg_enum_typid_label_index\""])
    }

    /// Any other DO block stays unread, and a type it may define is not refused later.
    @Test func aTypeAnUnreadBlockMayDefineIsNotRefused() {
        let sql = """
            DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'Side') THEN CREATE TYPE "Side" AS ENUM ('BUY'); END IF; END $$;
            CREATE TABLE "Trade" (side "Side" NOT NULL, ts timestamptz NOT NULL);
            """
        #expect(Self.errors(sql).isEmpty)
    }
}
