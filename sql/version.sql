-- The library and the extension's SQL are of one version, or passes refuse
-- to run (after a new library, until ALTER EXTENSION dunning UPDATE; after
-- an update, until the server runs the new library).
\set SHOW_CONTEXT never
SELECT dunning.library_version() = extversion AS same_version
  FROM pg_extension WHERE extname = 'dunning';
-- what a database still at another version's SQL looks like to a pass
BEGIN;
UPDATE pg_extension SET extversion = '0.0' WHERE extname = 'dunning';
SELECT * FROM dunning.run('2026-11-02 10:00+00');
ROLLBACK;
BEGIN;
UPDATE pg_extension SET extversion = '0.0' WHERE extname = 'dunning';
SELECT count(*) FROM dunning.preview('2026-11-02 10:00+00');
ROLLBACK;
