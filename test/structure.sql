-- Structural invariants of the installed extension.  Runs in a database
-- where pgtap and dunning are installed; names no object except the schema.
\set ON_ERROR_STOP 1
\pset format unaligned
\pset tuples_only true
\pset pager off
SET client_min_messages = warning;

BEGIN;
SELECT plan(8);

SELECT has_schema('dunning', 'schema dunning exists');
SELECT has_extension('dunning', 'extension dunning is installed');

-- Every object that belongs to the extension.
CREATE TEMP VIEW member AS
SELECT d.classid, d.objid,
       pg_catalog.pg_describe_object(d.classid, d.objid, 0) AS object
  FROM pg_catalog.pg_depend d
  JOIN pg_catalog.pg_extension e
    ON d.refclassid = 'pg_catalog.pg_extension'::regclass
   AND d.refobjid = e.oid
 WHERE e.extname = 'dunning'
   AND d.deptype = 'e';

-- Sequences implementing a serial or identity column.
CREATE TEMP VIEW owned_sequence AS
SELECT d.objid AS seq, d.refobjid AS tbl
  FROM pg_catalog.pg_depend d
  JOIN pg_catalog.pg_class s ON s.oid = d.objid AND s.relkind = 'S'
 WHERE d.classid = 'pg_catalog.pg_class'::regclass
   AND d.refclassid = 'pg_catalog.pg_class'::regclass
   AND d.refobjsubid > 0
   AND d.deptype IN ('a', 'i');

CREATE TEMP VIEW config AS
SELECT unnest(e.extconfig) AS tbl
  FROM pg_catalog.pg_extension e
 WHERE e.extname = 'dunning';

CREATE TEMP VIEW ns AS
SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = 'dunning';

SELECT is_empty($$
    SELECT m.object
      FROM member m
     WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_description c
                        WHERE c.classoid = m.classid
                          AND c.objoid = m.objid
                          AND c.objsubid = 0)
       AND m.objid NOT IN (SELECT seq FROM owned_sequence)
     ORDER BY 1
$$, 'every member of the extension has a COMMENT (serial and identity sequences excepted)');

SELECT is_empty($$
    SELECT format('%s %s: %s', CASE c.relkind WHEN 'S' THEN 'sequence'
                                              WHEN 'v' THEN 'view'
                                              WHEN 'm' THEN 'materialized view'
                                              ELSE 'table' END,
                  c.oid::regclass, a.privilege_type)
      FROM pg_catalog.pg_class c
     CROSS JOIN LATERAL pg_catalog.aclexplode(c.relacl) a
     WHERE c.relnamespace IN (SELECT oid FROM ns)
       AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
       AND a.grantee = 0
     ORDER BY 1
$$, 'no table, view or sequence of schema dunning grants anything to PUBLIC');

SELECT is_empty($$
    SELECT p.oid::regprocedure::text
      FROM pg_catalog.pg_proc p
     WHERE p.pronamespace IN (SELECT oid FROM ns)
       AND (p.proacl IS NULL
            OR EXISTS (SELECT 1 FROM pg_catalog.aclexplode(p.proacl) a
                        WHERE a.grantee = 0))
     ORDER BY 1
$$, 'no function of schema dunning is executable by PUBLIC');

SELECT is_empty($$
    SELECT c.oid::regclass::text
      FROM member m
      JOIN pg_catalog.pg_class c
        ON m.classid = 'pg_catalog.pg_class'::regclass AND c.oid = m.objid
     WHERE c.relnamespace IN (SELECT oid FROM ns)
       AND c.relkind = 'r'
       AND c.oid NOT IN (SELECT tbl FROM config)
       AND coalesce(pg_catalog.obj_description(c.oid, 'pg_class'), '')
           NOT LIKE 'Reference data%'
     ORDER BY 1
$$, 'every table is a configuration table (pg_extension_config_dump) or commented as ''Reference data''');

SELECT is_empty($$
    SELECT format('%s (owned by %s)', o.seq::regclass, o.tbl::regclass)
      FROM owned_sequence o
     WHERE o.tbl IN (SELECT tbl FROM config)
       AND o.seq NOT IN (SELECT tbl FROM config)
     ORDER BY 1
$$, 'every sequence of a configuration table is registered with pg_extension_config_dump');

SELECT is_empty($$
    SELECT p.oid::regprocedure::text
      FROM pg_catalog.pg_proc p
     WHERE p.pronamespace IN (SELECT oid FROM ns)
       AND p.prosecdef
       AND NOT EXISTS (SELECT 1 FROM unnest(p.proconfig) s
                        WHERE s LIKE 'search\_path=%')
     ORDER BY 1
$$, 'every SECURITY DEFINER function of schema dunning sets search_path');

SELECT * FROM finish();
ROLLBACK;
