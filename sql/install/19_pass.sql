/*-------------------------------------------------------------------------
 *
 * 19_pass.sql
 *	  Passes: dunning.run() and dunning.preview() (src/pass.c).
 *
 *-------------------------------------------------------------------------
 */

CREATE TYPE dunning.run_result AS (
  run_id    bigint,
  as_of     timestamptz,
  discovery text,
  examined  bigint,
  emitted   bigint,
  resolved  bigint,
  cancelled bigint,
  duration  interval
);
COMMENT ON TYPE dunning.run_result IS 'What one evaluation pass did.';

CREATE FUNCTION dunning.run(as_of timestamptz DEFAULT pg_catalog.now(),
                            full_discovery boolean DEFAULT false)
RETURNS dunning.run_result
AS 'MODULE_PATHNAME', 'dunning_run'
LANGUAGE C STRICT VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET jit = off;
COMMENT ON FUNCTION dunning.run(timestamptz, boolean) IS
  'Runs one evaluation pass at as_of in the caller''s transaction: emits the reminders that are due, resolves paid invoices and cancels their unsent reminders.';

-- A pass later the same day as the previous one reads nothing of the ledger
-- for new due dates; invoices entered with a due date already past (an
-- import, a posting after the due date) are found by the day's full
-- discovery, or at the next pass after this.
CREATE FUNCTION dunning.rediscover() RETURNS void
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  UPDATE dunning.engine SET last_full_as_of = NULL;
END
$$;
COMMENT ON FUNCTION dunning.rediscover() IS
  'Makes the next pass a full discovery (every open overdue invoice looked at): call it after entering invoices whose due date has passed, then dunning.wake() if you do not want to wait for the next pass.';

CREATE FUNCTION dunning.preview(as_of timestamptz DEFAULT pg_catalog.now(),
                                full_discovery boolean DEFAULT false,
                                include_queued boolean DEFAULT false)
RETURNS SETOF dunning.reminder
AS 'MODULE_PATHNAME', 'dunning_preview'
LANGUAGE C STRICT VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET jit = off;
COMMENT ON FUNCTION dunning.preview(timestamptz, boolean, boolean) IS
  'The reminders a pass at as_of would emit, computed the same way, writing nothing; with include_queued, also those already in the queue and ready by as_of: what goes out by then, in one query.';
