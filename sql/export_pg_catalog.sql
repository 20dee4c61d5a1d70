-- Exports the parts of PostgreSQL's catalog that `chunkwise check` resolves expressions against:
-- built-in types, functions, operators, casts and keywords, one tab-separated line each.
-- Run with: psql -X -A -t -q -f sql/export_pg_catalog.sql
-- The output is committed as Sources/Schema/Catalog/PostgresBuiltinCatalogData.swift; the test
-- PostgresBuiltinCatalogTests runs this script on the throwaway PostgreSQL 15 and compares.
WITH t AS (
  SELECT oid, typname FROM pg_type WHERE typnamespace = 'pg_catalog'::regnamespace
)
SELECT line FROM (
  -- T name display category preferred typtype element array input-volatility output-volatility
  SELECT 1 AS section, ty.typname::text AS k1, '' AS k2,
         concat_ws(E'\t', 'T', ty.typname, format_type(ty.oid, NULL), ty.typcategory, ty.typispreferred::int, ty.typtype,
                   coalesce((SELECT typname FROM t WHERE t.oid = ty.typelem AND ty.typlen = -1), '-'),
                   coalesce((SELECT typname FROM t WHERE t.oid = ty.typarray), '-'),
                   (SELECT provolatile FROM pg_proc WHERE oid = ty.typinput),
                   (SELECT provolatile FROM pg_proc WHERE oid = ty.typoutput)) AS line
    FROM pg_type ty
   WHERE ty.typnamespace = 'pg_catalog'::regnamespace AND ty.typtype IN ('b', 'p', 'r', 'm')
     AND ty.typname NOT LIKE 'pg\_%'
  UNION ALL
  -- F name args result volatility strict retset kind variadic nargdefaults inlined
  -- (inlined: a SQL-language function with a text body the planner inlines before volatility is checked)
  SELECT 2, p.proname::text, p.proargtypes::text || p.oid::text,
         concat_ws(E'\t', 'F', p.proname,
                   coalesce((SELECT string_agg(t.typname, ',' ORDER BY a.n) FROM unnest(p.proargtypes::oid[]) WITH ORDINALITY a(o, n) JOIN t ON t.oid = a.o), ''),
                   (SELECT typname FROM t WHERE t.oid = p.prorettype), p.provolatile, p.proisstrict::int, p.proretset::int, p.prokind,
                   coalesce((SELECT typname FROM t WHERE t.oid = p.provariadic), '-'), p.pronargdefaults,
                   (p.prolang = (SELECT oid FROM pg_language WHERE lanname = 'sql') AND p.prosrc <> '')::int)
    FROM pg_proc p
   WHERE p.pronamespace = 'pg_catalog'::regnamespace AND p.prokind IN ('f', 'a', 'w')
     AND NOT ('internal'::regtype = ANY (p.proargtypes::oid[] || p.prorettype))
     AND NOT ('cstring'::regtype = ANY (p.proargtypes::oid[] || p.prorettype))
     AND NOT EXISTS (SELECT 1 FROM unnest(p.proargtypes::oid[]) a(o) WHERE a.o NOT IN (SELECT oid FROM t))
     AND p.prorettype IN (SELECT oid FROM t)
     AND p.proname NOT LIKE '%recv' AND p.proname NOT LIKE '%send'
  UNION ALL
  -- O name left right result volatility inlined strict (of the operator's function)
  SELECT 3, o.oprname::text, o.oprleft::text || ',' || o.oprright::text || ',' || o.oid::text,
         concat_ws(E'\t', 'O', o.oprname, coalesce((SELECT typname FROM t WHERE t.oid = o.oprleft), '-'),
                   (SELECT typname FROM t WHERE t.oid = o.oprright), (SELECT typname FROM t WHERE t.oid = o.oprresult),
                   (SELECT provolatile FROM pg_proc WHERE oid = o.oprcode),
                   (SELECT (prolang = (SELECT oid FROM pg_language WHERE lanname = 'sql') AND prosrc <> '')::int FROM pg_proc WHERE oid = o.oprcode),
                   (SELECT proisstrict::int FROM pg_proc WHERE oid = o.oprcode))
    FROM pg_operator o
   WHERE o.oprnamespace = 'pg_catalog'::regnamespace AND o.oprcode <> 0
     AND o.oprright IN (SELECT oid FROM t) AND o.oprresult IN (SELECT oid FROM t)
     AND (o.oprleft = 0 OR o.oprleft IN (SELECT oid FROM t))
  UNION ALL
  -- C source target context method volatility
  SELECT 4, (SELECT typname FROM t WHERE t.oid = c.castsource)::text, (SELECT typname FROM t WHERE t.oid = c.casttarget)::text,
         concat_ws(E'\t', 'C', (SELECT typname FROM t WHERE t.oid = c.castsource), (SELECT typname FROM t WHERE t.oid = c.casttarget),
                   c.castcontext, c.castmethod, coalesce((SELECT provolatile FROM pg_proc WHERE oid = c.castfunc), '-'))
    FROM pg_cast c
   WHERE c.castsource IN (SELECT oid FROM t) AND c.casttarget IN (SELECT oid FROM t)
  UNION ALL
  -- A access-method input-type: the default operator classes (GetDefaultOpClass)
  SELECT 6, am.amname::text, (SELECT typname FROM t WHERE t.oid = oc.opcintype)::text,
         concat_ws(E'\t', 'A', am.amname, (SELECT typname FROM t WHERE t.oid = oc.opcintype))
    FROM pg_opclass oc JOIN pg_am am ON am.oid = oc.opcmethod
   WHERE oc.opcdefault AND oc.opcintype IN (SELECT oid FROM t)
  UNION ALL
  -- K word category
  SELECT 5, word, '', concat_ws(E'\t', 'K', word, catcode) FROM pg_get_keywords()
) x
ORDER BY section, k1 COLLATE "C", k2 COLLATE "C", line COLLATE "C";
