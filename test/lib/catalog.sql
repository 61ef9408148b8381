-- The extension's catalogue as text, one line per fact, in a fixed order:
-- its tables and views with their columns in order (types, nullability,
-- defaults), indexes, constraints, triggers, functions (signature and a
-- digest of the definition), types, comments, and every privilege on them.  Two
-- databases whose lines are equal hold the same extension objects: a
-- restore against its source, an updated install against a fresh one.
-- Privileges are compared as sets: the order grants were given in does
-- not matter.
CREATE FUNCTION pg_temp.acl_set(acl aclitem[]) RETURNS text[]
LANGUAGE sql IMMUTABLE
RETURN (SELECT array_agg(x::text ORDER BY x::text) FROM unnest(acl) x);
WITH rel AS (
  SELECT c.oid, c.relname, c.relkind, pg_temp.acl_set(c.relacl) AS relacl
    FROM pg_catalog.pg_class c
   WHERE c.relnamespace = 'dunning'::regnamespace),
col AS (
  SELECT r.relname, a.attname, pg_temp.acl_set(a.attacl) AS attacl,
         row_number() OVER (PARTITION BY r.oid ORDER BY a.attnum) AS position,
         pg_catalog.format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull,
         pg_catalog.pg_get_expr(d.adbin, d.adrelid) AS default_value
    FROM rel r
    JOIN pg_catalog.pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
    LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
   WHERE r.relkind IN ('r', 'v', 'p', 'm'))
SELECT line FROM (
  SELECT format('relation %s %s', relname, relkind) AS line FROM rel
  UNION ALL
  SELECT format('column %s %s %s %s not null %s default %s', relname, position, attname, type,
                attnotnull, coalesce(default_value, '-'))
    FROM col
  UNION ALL
  SELECT format('index %s', pg_catalog.pg_get_indexdef(i.indexrelid))
    FROM pg_catalog.pg_index i JOIN rel r ON r.oid = i.indrelid
  UNION ALL
  SELECT format('constraint %s %s %s', r.relname, k.conname, pg_catalog.pg_get_constraintdef(k.oid))
    FROM pg_catalog.pg_constraint k JOIN rel r ON r.oid = k.conrelid
  UNION ALL
  SELECT format('trigger %s', pg_catalog.pg_get_triggerdef(t.oid))
    FROM pg_catalog.pg_trigger t JOIN rel r ON r.oid = t.tgrelid
   WHERE NOT t.tgisinternal
  UNION ALL
  SELECT format('function %s %s security definer %s config %s acl %s',
                p.oid::regprocedure, pg_catalog.md5(pg_catalog.pg_get_functiondef(p.oid)),
                p.prosecdef, coalesce(p.proconfig::text, '-'), coalesce(pg_temp.acl_set(p.proacl)::text, '-'))
    FROM pg_catalog.pg_proc p
   WHERE p.pronamespace = 'dunning'::regnamespace AND p.prokind IN ('f', 'p')
  UNION ALL
  SELECT format('acl %s %s', relname, relacl) FROM rel WHERE relacl IS NOT NULL
  UNION ALL
  SELECT format('column acl %s.%s %s', relname, attname, attacl) FROM col WHERE attacl IS NOT NULL
  UNION ALL
  SELECT format('type %s', t.oid::regtype)
    FROM pg_catalog.pg_type t
   WHERE t.typnamespace = 'dunning'::regnamespace AND t.typtype IN ('c', 'e', 'd')
     AND NOT EXISTS (SELECT 1 FROM rel r WHERE r.oid = t.typrelid AND r.relkind <> 'c')
  UNION ALL
  SELECT format('schema acl %s', pg_temp.acl_set(n.nspacl)) FROM pg_catalog.pg_namespace n
   WHERE n.nspname = 'dunning'
  UNION ALL
  SELECT format('comment %s: %s', r.relname, d.description)
    FROM rel r JOIN pg_catalog.pg_description d
      ON d.objoid = r.oid AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = 0
  UNION ALL
  SELECT format('comment %s.%s: %s', r.relname, a.attname, d.description)
    FROM rel r
    JOIN pg_catalog.pg_description d
      ON d.objoid = r.oid AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid > 0
    JOIN pg_catalog.pg_attribute a ON a.attrelid = r.oid AND a.attnum = d.objsubid
  UNION ALL
  SELECT format('comment %s: %s', p.oid::regprocedure, d.description)
    FROM pg_catalog.pg_proc p
    JOIN pg_catalog.pg_description d
      ON d.objoid = p.oid AND d.classoid = 'pg_catalog.pg_proc'::regclass
   WHERE p.pronamespace = 'dunning'::regnamespace
) facts
ORDER BY line;
