/*-------------------------------------------------------------------------
 *
 * 29_cancel.sql
 *	  Cancelling reminders by hand.
 *
 *-------------------------------------------------------------------------
 */


/*
 * Cancels reminders still in the queue, by hand (one a campaign should not
 * have emitted, or one about invoices settled outside the ledger): all or
 * none, each moved to the archive as cancelled with the reason, and the
 * history told for each of its invoices.  A reminder a consumer holds a
 * running lease on is refused: it may be on its way.  The invoices keep
 * their level; a hold, not a cancellation, stops their dunning.
 */
CREATE OR REPLACE FUNCTION dunning.cancel(reminder_ids bigint[], reason text)
RETURNS integer
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  wanted bigint[];
  rid bigint;
  r dunning.reminder;
BEGIN
  IF reason IS NULL OR btrim(reason) = '' THEN
    RAISE EXCEPTION 'a cancellation needs a reason'
      USING ERRCODE = 'invalid_parameter_value',
            HINT = 'Say why the reminder must not be sent, such as ''settled by phone''; the history keeps it.';
  END IF;
  SELECT array_agg(DISTINCT x.id ORDER BY x.id) INTO wanted
    FROM unnest(reminder_ids) AS x (id);
  IF wanted IS NULL THEN
    RETURN 0;
  END IF;
  -- lock them in id order, and refuse the batch for the first that cannot go
  FOREACH rid IN ARRAY wanted LOOP
    r := dunning.locked_reminder(rid, 'Pass the id of a reminder in dunning.reminder.');
    IF r.status NOT IN ('pending', 'claimed', 'failed') THEN
      RAISE EXCEPTION 'reminder % is done already', r.id
        USING ERRCODE = 'object_not_in_prerequisite_state',
              DETAIL = format('It is %s, and in the archive since %s.', r.status, r.updated_at),
              HINT = 'Only a reminder still in the queue (pending, claimed or failed) can be cancelled.';
    END IF;
    IF r.status = 'claimed' AND r.lease_until > pg_catalog.now() THEN
      RAISE EXCEPTION 'reminder % is being delivered', r.id
        USING ERRCODE = 'object_not_in_prerequisite_state',
              DETAIL = format('Consumer "%s" holds its lease until %s.', r.lease_owner, r.lease_until),
              HINT = 'Wait until the consumer acknowledges or rejects it, or its lease runs out, then cancel it if it is still in the queue.';
    END IF;
  END LOOP;

  WITH gone AS (
    DELETE FROM dunning.reminder q WHERE q.id = ANY (wanted)
    RETURNING q),
  moved AS (
    INSERT INTO dunning.reminder_archive
    SELECT x.*
      FROM gone g
     CROSS JOIN LATERAL dunning.archived(g.q, 'cancelled', 'cancelled by hand: ' || reason,
                                         (g.q).provider_ref) x
    RETURNING id, customer_id, invoice_ids, level, payload, tenant)
  INSERT INTO dunning.history (at, invoice_id, customer_id, event, level, reminder_id, reason,
                               reason_code, tenant)
  SELECT pg_catalog.now(), x.i, m.customer_id, 'cancelled',
         coalesce(dunning.payload_level(m.payload, x.i::text), m.level),
         m.id, 'cancelled by hand: ' || reason, 'by_hand', m.tenant
    FROM moved m CROSS JOIN LATERAL unnest(m.invoice_ids) AS x (i);
  -- what they charged never reached the customer
  PERFORM dunning.withdraw_charges(wanted);
  RETURN cardinality(wanted);
END
$$;
COMMENT ON FUNCTION dunning.cancel(bigint[], text) IS
  'Cancels reminders still in the queue, all or none, with a reason: they move to the archive as cancelled and the history says so; one whose lease is running is refused; returns how many.';

CREATE OR REPLACE FUNCTION dunning.cancel(reminder_id bigint, reason text)
RETURNS integer
LANGUAGE sql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
  SELECT dunning.cancel(ARRAY[reminder_id], reason)
$$;
COMMENT ON FUNCTION dunning.cancel(bigint, text) IS
  'Cancels one reminder still in the queue, with a reason (see the batch form).';
