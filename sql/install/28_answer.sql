/*-------------------------------------------------------------------------
 *
 * 28_answer.sql
 *	  Answers of a consumer: ack, nack (and what a dead reminder takes back), extend, record_event.
 *
 *-------------------------------------------------------------------------
 */

CREATE OR REPLACE FUNCTION dunning.ack(consumer text, reminder_id bigint, provider_ref text DEFAULT NULL)
RETURNS void
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  -- the batch form; it says, in the reminder's own words, why one it
  -- cannot acknowledge is refused
  PERFORM dunning.ack(consumer, ARRAY[reminder_id], ARRAY[provider_ref]);
END
$$;
COMMENT ON FUNCTION dunning.ack(text, bigint, text) IS
  'Records that the consumer holding its lease delivered the reminder (status sent, moved to the archive), with the provider''s reference.';

CREATE OR REPLACE FUNCTION dunning.ack(consumer text, reminder_ids bigint[], provider_refs text[] DEFAULT NULL)
RETURNS integer
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET plan_cache_mode = force_generic_plan
AS $$
DECLARE
  done bigint;
  culprit bigint;
BEGIN
  IF provider_refs IS NOT NULL
     AND cardinality(provider_refs) <> cardinality(reminder_ids) THEN
    RAISE EXCEPTION 'provider_refs must have one entry per reminder'
      USING ERRCODE = 'array_subscript_error',
            DETAIL = format('%s reminder ids, %s provider references.',
                            cardinality(reminder_ids), cardinality(provider_refs)),
            HINT = 'Pass NULL entries for reminders without a reference, or no array at all.';
  END IF;
  IF coalesce(cardinality(reminder_ids), 0) = 0 THEN
    RETURN 0;
  END IF;
  PERFORM dunning.require_consumer(consumer);
  -- one move to the archive of those leased to this consumer; if that is
  -- not all of them, the first that is not says why (and the move is undone)
  WITH acked AS (
    DELETE FROM dunning.reminder r
     USING unnest(reminder_ids,
                  coalesce(provider_refs, array_fill(NULL::text, ARRAY[cardinality(reminder_ids)])))
           AS x (id, ref)
     WHERE r.id = x.id AND r.status = 'claimed' AND r.lease_owner = consumer
       AND r.lease_role = session_user
    RETURNING r, x.ref)
  INSERT INTO dunning.reminder_archive
  SELECT x.* FROM acked a CROSS JOIN LATERAL dunning.archived(a.r, 'sent', NULL, a.ref) x;
  GET DIAGNOSTICS done = ROW_COUNT;
  IF done <> cardinality(reminder_ids) THEN
    -- the first one left untouched says why, in its own words; else an id
    -- given twice was acknowledged already
    SELECT x.id INTO culprit
      FROM unnest(reminder_ids) WITH ORDINALITY AS x (id, o)
     WHERE NOT EXISTS (SELECT 1 FROM dunning.reminder_archive a
                        WHERE a.id = x.id AND a.status = 'sent' AND a.lease_owner = consumer
                          AND a.archived_at = pg_catalog.now())
     ORDER BY x.o LIMIT 1;
    IF NOT FOUND THEN
      SELECT x.id INTO culprit FROM unnest(reminder_ids) AS x (id)
       GROUP BY x.id HAVING count(*) > 1 LIMIT 1;
    END IF;
    PERFORM dunning.leased_reminder(consumer, culprit, 'ack');
    RAISE EXCEPTION 'reminder % could not be acknowledged', culprit
      USING ERRCODE = 'object_not_in_prerequisite_state',
            HINT = 'Acknowledge it alone to see why.';
  END IF;
  RETURN done;
END
$$;
COMMENT ON FUNCTION dunning.ack(text, bigint[], text[]) IS
  'Acknowledges a batch of reminders, all or none, moving them to the archive; returns how many.';

-- How long a rejected reminder waits before it is claimed again (src/backoff.c).
CREATE OR REPLACE FUNCTION dunning.delivery_retry_delay(attempts integer) RETURNS interval
AS 'MODULE_PATHNAME', 'dunning_delivery_retry_delay'
LANGUAGE C STRICT IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION dunning.delivery_retry_delay(integer) IS
  'How long a reminder rejected by a mailer waits before it can be claimed again, after that many attempts: 1 minute, doubled with each attempt, at most 6 hours.';

/*
 * A dead reminder never reached the customer, so it does not count: each
 * of its invoices whose last reminder it was goes back to the level, and
 * the time, of its last reminder that was not dead, and is looked at again
 * at once.  The cap and min_days_between count what reached the customer.
 */
CREATE OR REPLACE FUNCTION dunning.undo_level(r dunning.reminder, error text)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  WITH before AS (
    SELECT s.invoice_id, s.customer_id, s.level AS dead_level,
           coalesce(h.level, 0) AS level, h.at, h.reminder_id
      FROM dunning.invoice_state s
      LEFT JOIN LATERAL (
        SELECT e.level, e.at, e.reminder_id FROM dunning.history e
         WHERE e.invoice_id = s.invoice_id AND e.event = 'emitted'
           AND e.reminder_id IS DISTINCT FROM r.id
           AND NOT EXISTS (SELECT 1 FROM dunning.reminder_archive a
                            WHERE a.id = e.reminder_id AND a.status = 'dead')
         ORDER BY e.id DESC LIMIT 1) h ON true
     WHERE s.invoice_id = ANY (r.invoice_ids) AND s.last_reminder_id = r.id
       AND s.status = 'open'),
  undone AS (
    UPDATE dunning.invoice_state s
       SET level = b.level, last_reminder_at = b.at, last_reminder_id = b.reminder_id,
           next_check_at = '-infinity', updated_at = pg_catalog.now()
      FROM before b
     WHERE s.invoice_id = b.invoice_id
    RETURNING s.invoice_id, s.customer_id, b.dead_level, b.level)
  INSERT INTO dunning.history (at, invoice_id, customer_id, event, level, reminder_id, reason,
                               reason_code, tenant)
  SELECT pg_catalog.now(), u.invoice_id, u.customer_id, 'undelivered', u.level, r.id,
         format('reminder %s of level %s died: %s', r.id, u.dead_level, coalesce(error, 'no reason given')),
         'dead', r.tenant
    FROM undone u;
END
$$;
COMMENT ON FUNCTION dunning.undo_level(dunning.reminder, text) IS
  'Takes back what a dead reminder gave its invoices: each goes back to the level and time of its last reminder that was not dead, is looked at again at once, and the history says so (undelivered).';

CREATE OR REPLACE FUNCTION dunning.nack(consumer text, reminder_id bigint, error text,
                             retry_in interval DEFAULT NULL, permanent boolean DEFAULT false)
RETURNS text
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  r dunning.reminder;
  max_attempts integer := coalesce(nullif(current_setting('dunning.max_attempts', true), ''), '5')::integer;
BEGIN
  IF retry_in IS NOT NULL AND retry_in < interval '0' THEN
    RAISE EXCEPTION 'retry_in must not be negative'
      USING ERRCODE = 'invalid_parameter_value',
            DETAIL = format('It was %s.', retry_in),
            HINT = 'Pass NULL for the default backoff, or the delay the provider asked for.';
  END IF;
  r := dunning.leased_reminder(consumer, reminder_id, 'nack');
  IF r.attempts < max_attempts AND NOT coalesce(permanent, false) THEN
    UPDATE dunning.reminder q
       SET status = 'failed',
           available_at = pg_catalog.now()
             + coalesce(retry_in, dunning.delivery_retry_delay(r.attempts)),
           lease_until = NULL, last_error = error, updated_at = pg_catalog.now()
     WHERE q.id = reminder_id;
    RETURN 'failed';
  END IF;
  -- out of attempts, or a failure that no retry mends: dead, and done
  DELETE FROM dunning.reminder q WHERE q.id = reminder_id;
  -- it never reached the customer: its key is free for the next try
  r.idempotency_key := r.idempotency_key || ':dead:' || r.id;
  INSERT INTO dunning.reminder_archive
  SELECT x.* FROM dunning.archived(r, 'dead', error, r.provider_ref) x;
  -- what it charged, and the level it gave its invoices, go with it
  PERFORM dunning.withdraw_charges(ARRAY[r.id]);
  PERFORM dunning.undo_level(r, error);
  -- the provider refused the address for good: no reminder uses it again
  IF coalesce(permanent, false) THEN
    PERFORM dunning.suppress_recipient(r.id, 'failed', error);
  END IF;
  RETURN 'dead';
END
$$;
COMMENT ON FUNCTION dunning.nack(text, bigint, text, interval, boolean) IS
  'Records a failed delivery: the reminder is retried after retry_in (default: 1, 2, 4... minutes, at most 6 hours), or dead (moved to the archive, its charges withdrawn and its invoices back at the level they had) after dunning.max_attempts attempts or at once when permanent, which also lists its recipient as undeliverable; returns failed or dead.';

CREATE OR REPLACE FUNCTION dunning.nack(consumer text, reminder_ids bigint[], error text,
                             retry_in interval DEFAULT NULL, permanent boolean DEFAULT false)
RETURNS integer
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  FOR i IN 1 .. coalesce(cardinality(reminder_ids), 0) LOOP
    PERFORM dunning.nack(consumer, reminder_ids[i], error, retry_in, permanent);
  END LOOP;
  RETURN coalesce(cardinality(reminder_ids), 0);
END
$$;
COMMENT ON FUNCTION dunning.nack(text, bigint[], text, interval, boolean) IS
  'Rejects a batch of reminders with one error, all or none; returns how many.';

/*
 * A consumer whose batch takes longer than it thought renews its leases
 * before they run out, so that no other consumer claims what it is still
 * delivering.  Only leases still running, held under that consumer's name
 * by the session's role, are renewed; the others are no longer its own.
 */
CREATE OR REPLACE FUNCTION dunning.extend(consumer text, reminder_ids bigint[], lease interval)
RETURNS bigint[]
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  renewed bigint[];
BEGIN
  PERFORM dunning.require_consumer(consumer);
  PERFORM dunning.require_lease(lease);
  WITH done AS (
    UPDATE dunning.reminder r
       SET lease_until = pg_catalog.now() + lease, updated_at = pg_catalog.now()
     WHERE r.id = ANY (reminder_ids) AND r.status = 'claimed'
       AND r.lease_owner = consumer AND r.lease_role = session_user
       AND r.lease_until > pg_catalog.now()
    RETURNING r.id)
  SELECT coalesce(pg_catalog.array_agg(d.id ORDER BY d.id), '{}') INTO renewed FROM done d;
  RETURN renewed;
END
$$;
COMMENT ON FUNCTION dunning.extend(text, bigint[], interval) IS
  'Renews, for the lease given from now, the running leases the consumer holds (claimed by the session''s role) on these reminders; returns the ids renewed: the others are no longer the consumer''s to deliver.';

CREATE OR REPLACE FUNCTION dunning.record_event(reminder_id bigint, kind text,
                                     at timestamptz DEFAULT pg_catalog.now(),
                                     detail jsonb DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  event_id bigint;
  r dunning.reminder;
BEGIN
  IF kind IS NULL OR kind NOT IN ('delivered', 'opened', 'clicked', 'bounced', 'complained') THEN
    RAISE EXCEPTION 'unknown delivery event "%"', kind
      USING ERRCODE = 'invalid_parameter_value',
            HINT = 'Use delivered, opened, clicked, bounced or complained.';
  END IF;
  IF at IS NULL THEN
    RAISE EXCEPTION 'at must not be null'
      USING ERRCODE = 'null_value_not_allowed',
            HINT = 'Pass when the event happened, or leave it out for now().';
  END IF;
  -- a reminder of the queue or the archive, claimed by this role
  r := dunning.locked_reminder(reminder_id, 'Pass the id of a reminder that dunning.claim() handed out.');
  PERFORM dunning.require_lease_role(r);
  -- (with the reminder's tenant: 33_tenant.sql)
  INSERT INTO dunning.reminder_event (reminder_id, kind, at, detail, tenant)
  VALUES (reminder_id, kind, at, detail, r.tenant)
  RETURNING id INTO event_id;
  -- feedback that acts: no reminder goes to that address again
  IF kind IN ('bounced', 'complained') THEN
    PERFORM dunning.suppress_recipient(reminder_id, kind, detail::text);
  END IF;
  RETURN event_id;
END
$$;
COMMENT ON FUNCTION dunning.record_event(bigint, text, timestamptz, jsonb) IS
  'Records delivery feedback on a reminder (delivered, opened, clicked, bounced, complained); a bounce or a complaint lists its recipient on dunning.suppression; returns the event''s id.';
