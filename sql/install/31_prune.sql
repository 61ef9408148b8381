/*-------------------------------------------------------------------------
 *
 * 31_prune.sql
 *	  Housekeeping: how long the run log, the history, delivery events and
 *	  the archive are kept, and the function that prunes them.
 *
 * dunning.prune() deletes what is older than its setting
 * (dunning.keep_run_log_days, keep_history_days, keep_events_days,
 * keep_archive_days; 0 keeps for ever), counted back from as_of, and never
 * what is still needed:
 *	- an archived reminder the contact cap still counts (emitted within the
 *	  longest per_period of any policy), one that lists an invoice still
 *	  open (its idempotency key keeps that invoice from being reminded at
 *	  that level twice), or one whose charges are still to post
 *	  (dunning.charges_to_post);
 *	- the history of an invoice still open (a dead reminder's level is
 *	  given back from it).
 * Call it from cron, pg_cron or by hand; it is one transaction.
 *
 *-------------------------------------------------------------------------
 */

CREATE FUNCTION dunning.keep_days(setting text, fallback integer) RETURNS integer
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
  SELECT coalesce(nullif(current_setting('dunning.' || setting, true), ''), fallback::text)::integer
$$;
COMMENT ON FUNCTION dunning.keep_days(text, integer) IS
  'How many days a retention setting keeps (0: for ever), or the default when the library has not defined it.';

CREATE FUNCTION dunning.prune(as_of timestamptz DEFAULT pg_catalog.now())
RETURNS TABLE (kind text, deleted bigint)
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  run_log_days integer := dunning.keep_days('keep_run_log_days', 90);
  history_days integer := dunning.keep_days('keep_history_days', 730);
  events_days integer := dunning.keep_days('keep_events_days', 365);
  archive_days integer := dunning.keep_days('keep_archive_days', 730);
  -- the cap looks this far back
  longest interval := (SELECT coalesce(max(p.per_period), interval '0') FROM dunning.policy p);
  n bigint;
BEGIN
  IF prune.as_of IS NULL THEN
    RAISE EXCEPTION 'as_of must not be null'
      USING ERRCODE = 'null_value_not_allowed',
            HINT = 'Pass the instant to count the retention back from, or leave it out for now().';
  END IF;

  DELETE FROM dunning.run_log r
   WHERE run_log_days > 0 AND r.as_of < prune.as_of - run_log_days * interval '1 day';
  GET DIAGNOSTICS n = ROW_COUNT;
  kind := 'run_log'; deleted := n; RETURN NEXT;

  DELETE FROM dunning.reminder_event e
   WHERE events_days > 0 AND e.at < prune.as_of - events_days * interval '1 day';
  GET DIAGNOSTICS n = ROW_COUNT;
  kind := 'events'; deleted := n; RETURN NEXT;

  DELETE FROM dunning.reminder_archive a
   WHERE archive_days > 0 AND a.as_of < prune.as_of - archive_days * interval '1 day'
     AND a.as_of <= prune.as_of - longest
     AND NOT EXISTS (SELECT 1 FROM unnest(a.invoice_ids) AS i (invoice_id)
                       JOIN dunning.invoice_state s ON s.invoice_id = i.invoice_id
                      WHERE s.status = 'open')
     AND NOT EXISTS (SELECT 1 FROM dunning.charge c
                      WHERE c.reminder_id = a.id AND c.posted_at IS NULL
                        AND c.waived_at IS NULL);
  GET DIAGNOSTICS n = ROW_COUNT;
  kind := 'archive'; deleted := n; RETURN NEXT;

  DELETE FROM dunning.history h
   WHERE history_days > 0 AND h.at < prune.as_of - history_days * interval '1 day'
     AND NOT EXISTS (SELECT 1 FROM dunning.invoice_state s
                      WHERE s.invoice_id = h.invoice_id AND s.status = 'open');
  GET DIAGNOSTICS n = ROW_COUNT;
  kind := 'history'; deleted := n; RETURN NEXT;
END
$$;
COMMENT ON FUNCTION dunning.prune(timestamptz) IS
  'Deletes run log entries, delivery events, archived reminders and history entries older than their retention settings (dunning.keep_*_days, counted back from as_of; 0 keeps for ever), never what the contact cap, the idempotency keys of open invoices, the charges to post or the history of open invoices still need; returns how many of each.';
