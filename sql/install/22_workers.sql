/*-------------------------------------------------------------------------
 *
 * 22_workers.sql
 *	  The background workers as SQL sees them (src/worker.c).
 *
 *-------------------------------------------------------------------------
 */

------------------------------------------------------------------------------
-- The background workers
------------------------------------------------------------------------------

CREATE FUNCTION dunning.wake() RETURNS boolean
AS 'MODULE_PATHNAME', 'dunning_wake'
LANGUAGE C STRICT VOLATILE;
COMMENT ON FUNCTION dunning.wake() IS
  'Asks this database''s scheduler to run a pass now; false when no scheduler runs here.';

CREATE FUNCTION dunning.worker_hello() RETURNS void
AS 'MODULE_PATHNAME', 'dunning_worker_hello'
LANGUAGE C VOLATILE;
COMMENT ON FUNCTION dunning.worker_hello() IS
  'Tells the launcher that this database has the extension (called by CREATE EXTENSION).';

CREATE FUNCTION dunning.worker_status(
  OUT role text, OUT pid integer, OUT database text, OUT state text,
  OUT last_pass_started timestamptz, OUT last_pass_ended timestamptz,
  OUT next_pass timestamptz, OUT passes bigint, OUT failures integer,
  OUT last_error text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'dunning_worker_status'
LANGUAGE C STRICT VOLATILE;
COMMENT ON FUNCTION dunning.worker_status() IS
  'The launcher and the schedulers of the cluster, from shared memory (see dunning.workers).';

CREATE VIEW dunning.workers AS SELECT * FROM dunning.worker_status();
COMMENT ON VIEW dunning.workers IS
  'The live background workers: the launcher, and one scheduler per database with its state, last and next pass, failures in a row and last error.';

CREATE FUNCTION dunning.library_version() RETURNS text
AS 'MODULE_PATHNAME', 'dunning_library_version'
LANGUAGE C STRICT IMMUTABLE;
COMMENT ON FUNCTION dunning.library_version() IS
  'The version of the loaded dunning library; passes refuse to run while the extension''s SQL installed in the database (pg_extension.extversion) is another.';
