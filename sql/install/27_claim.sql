/*-------------------------------------------------------------------------
 *
 * 27_claim.sql
 *	  The claim: handing reminders out, with its re-check of the live ledger, and the checks the protocol shares.
 *
 *-------------------------------------------------------------------------
 */

-- Checks shared by claim, ack and nack.
CREATE OR REPLACE FUNCTION dunning.require_consumer(consumer text) RETURNS void
LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF consumer IS NULL OR btrim(consumer) = '' THEN
    RAISE EXCEPTION 'consumer must not be empty'
      USING ERRCODE = 'invalid_parameter_value',
            HINT = 'Name the mailer process that calls, for example its host name and process id; the same name must claim and then acknowledge.';
  END IF;
END
$$;
COMMENT ON FUNCTION dunning.require_consumer(text) IS
  'Raises a clear error for an empty consumer name.';

/*
 * A reminder by its id: locked if it is still in the queue, else as the
 * archive keeps it (its updated_at is when it was archived); an id of no
 * reminder is an error with the hint given.
 */
CREATE OR REPLACE FUNCTION dunning.locked_reminder(reminder_id bigint, hint text)
RETURNS dunning.reminder
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  r dunning.reminder;
BEGIN
  SELECT * INTO r FROM dunning.reminder q WHERE q.id = reminder_id FOR UPDATE;
  IF NOT FOUND THEN
    -- by name: the archive has archived_at besides the queue's columns
    SELECT (pg_catalog.jsonb_populate_record(NULL::dunning.reminder, pg_catalog.to_jsonb(a))).*
      INTO r FROM dunning.reminder_archive a WHERE a.id = reminder_id;
  END IF;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'reminder % does not exist', coalesce(reminder_id::text, 'NULL')
      USING ERRCODE = 'no_data_found', HINT = hint;
  END IF;
  RETURN r;
END
$$;
COMMENT ON FUNCTION dunning.locked_reminder(bigint, text) IS
  'Locks and returns a reminder of the queue, or returns it as the archive keeps it; raises a clear error, with the hint given, for an id of no reminder.';

/*
 * Consumers are tied to the database role they log in as: a reminder
 * claimed by one role is answered for by that role only, whatever consumer
 * name another role gives.
 */
CREATE OR REPLACE FUNCTION dunning.require_lease_role(r dunning.reminder) RETURNS void
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF r.lease_role IS DISTINCT FROM session_user THEN
    RAISE EXCEPTION 'reminder % was not claimed by role "%"', r.id, session_user
      USING ERRCODE = 'insufficient_privilege',
            DETAIL = CASE WHEN r.lease_role IS NULL THEN 'No role has claimed it.'
                          ELSE format('Role "%s" claimed it.', r.lease_role) END,
            HINT = 'Answer for a reminder, and record its events, from the role that claimed it.';
  END IF;
END
$$;
COMMENT ON FUNCTION dunning.require_lease_role(dunning.reminder) IS
  'Raises a clear error unless the session''s role is the one that claimed the reminder.';

-- A lease is between a second and an hour: dunning.extend() renews it.
CREATE OR REPLACE FUNCTION dunning.require_lease(lease interval) RETURNS void
LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF lease IS NULL OR lease < interval '1 second' OR lease > interval '1 hour' THEN
    RAISE EXCEPTION 'lease must be between 1 second and 1 hour'
      USING ERRCODE = 'invalid_parameter_value',
            DETAIL = format('It was %s.', coalesce(lease::text, 'NULL')),
            HINT = 'Give the time a batch takes to deliver, with room to spare, such as ''5 minutes'', and renew it with dunning.extend() while the batch is under way.';
  END IF;
END
$$;
COMMENT ON FUNCTION dunning.require_lease(interval) IS
  'Raises a clear error for a lease that is not between 1 second and 1 hour.';

/*
 * The reminder a consumer answers for, locked: it must exist and be leased
 * to that consumer, claimed by the session's role.
 */
CREATE OR REPLACE FUNCTION dunning.leased_reminder(consumer text, reminder_id bigint, verb text)
RETURNS dunning.reminder
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  r dunning.reminder;
BEGIN
  PERFORM dunning.require_consumer(consumer);
  -- if it is done and archived meanwhile, the checks below say what
  -- became of it
  r := dunning.locked_reminder(reminder_id,
         format('Pass the id of a reminder that dunning.claim() handed out before you %s it.', verb));
  IF r.status = 'sent' THEN
    RAISE EXCEPTION 'reminder % was already acknowledged', reminder_id
      USING ERRCODE = 'object_not_in_prerequisite_state',
            DETAIL = format('Consumer "%s" acknowledged it%s.', r.lease_owner,
                            CASE WHEN r.provider_ref IS NULL THEN ''
                                 ELSE format(' (provider reference %s)', r.provider_ref) END),
            HINT = 'Acknowledge or reject each reminder once.';
  END IF;
  IF r.status <> 'claimed' THEN
    RAISE EXCEPTION 'reminder % is not claimed', reminder_id
      USING ERRCODE = 'object_not_in_prerequisite_state',
            DETAIL = format('Its status is %s.', r.status),
            HINT = format('Only a reminder handed out by dunning.claim() can be %s.',
                          CASE verb WHEN 'ack' THEN 'acknowledged' ELSE 'rejected' END);
  END IF;
  IF r.lease_owner IS DISTINCT FROM consumer THEN
    RAISE EXCEPTION 'reminder % is leased to another consumer', reminder_id
      USING ERRCODE = 'object_not_in_prerequisite_state',
            DETAIL = CASE WHEN r.lease_until > pg_catalog.now()
                          THEN format('Consumer "%s" holds its lease.', r.lease_owner)
                          ELSE format('Consumer "%s" claimed it last; its lease has run out.', r.lease_owner) END,
            HINT = 'Your lease ran out before you answered and another consumer claimed it again: leave it to that consumer, and take longer leases.';
  END IF;
  PERFORM dunning.require_lease_role(r);
  RETURN r;
END
$$;
COMMENT ON FUNCTION dunning.leased_reminder(text, bigint, text) IS
  'Locks and returns a reminder leased to the consumer, or raises a clear error saying why not.';

CREATE OR REPLACE FUNCTION dunning.claim(consumer text, max integer DEFAULT 100,
                              lease interval DEFAULT '5 minutes', channels text[] DEFAULT NULL)
RETURNS SETOF dunning.reminder
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
-- planned once per session: a custom plan of the ready scan would be
-- planned again at every call, each time probing the ends of the queue's
-- indexes, which are where the entries of claimed and done reminders are;
-- and never compiled: the generic plan's estimate (the whole queue, a
-- ledger look-up per row) is far above what a claim reads, and JIT would
-- take longer than the claim
SET plan_cache_mode = force_generic_plan
SET jit = off
AS $$
DECLARE
  ids bigint[];
  changed bigint[];
  ch text;
  tenants text[];
BEGIN
  PERFORM dunning.require_consumer(consumer);
  IF max IS NULL OR max < 1 OR max > 10000 THEN
    RAISE EXCEPTION 'max must be between 1 and 10000'
      USING ERRCODE = 'invalid_parameter_value',
            DETAIL = format('It was %s.', coalesce(max::text, 'NULL')),
            HINT = 'Claim in batches of tens to a few hundred reminders.';
  END IF;
  PERFORM dunning.require_lease(lease);
  FOREACH ch IN ARRAY coalesce(channels, '{}') LOOP
    PERFORM dunning.require_channel(ch);
  END LOOP;
  IF NOT EXISTS (SELECT 1 FROM dunning.binding b WHERE b.kind = 'ledger') THEN
    RAISE EXCEPTION 'no ledger is bound'
      USING ERRCODE = 'object_not_in_prerequisite_state',
            HINT = 'Bind your invoice table with dunning.bind_ledger() first.';
  END IF;

  -- a mailer given some tenants only (grant_mailer(role, tenants)) claims theirs
  tenants := dunning.granted_tenants(session_user, '{mailer}');

  -- the oldest ready reminders, passing over those whose lease is running
  SELECT pg_catalog.array_agg(q.id ORDER BY q.id) INTO ids
    FROM (SELECT r.id
            FROM dunning.reminder r
           WHERE r.available_at <= pg_catalog.now()
             AND (r.status <> 'claimed' OR r.lease_until <= pg_catalog.now())
             AND (channels IS NULL OR r.channel = ANY (channels))
             AND (tenants IS NULL OR r.tenant = ANY (tenants))
           ORDER BY r.available_at, r.id
           LIMIT max
           FOR UPDATE OF r SKIP LOCKED) q;
  IF ids IS NULL THEN
    RETURN;
  END IF;

  -- those the live ledger or a hold no longer agrees with (most often none) are
  -- settled by the rule a pass follows too (26_settle.sql): those it
  -- cancels move to the archive, and are not handed out
  changed := dunning.unsent_changed(ids, pg_catalog.now());
  IF cardinality(changed) > 0 THEN
    PERFORM dunning.settle_unsent(changed, pg_catalog.now(), NULL);
  END IF;

  -- no indexed column changes: a HOT update
  RETURN QUERY
  UPDATE dunning.reminder r
     SET status = 'claimed', lease_owner = consumer, lease_role = session_user,
         lease_until = pg_catalog.now() + lease, attempts = r.attempts + 1,
         updated_at = pg_catalog.now()
   WHERE r.id = ANY (ids)
  RETURNING r.*;
END
$$;
COMMENT ON FUNCTION dunning.claim(text, integer, interval, text[]) IS
  'Hands out up to max ready reminders (oldest first, of the given channels) to a consumer for the lease; those whose invoices are all paid meanwhile are cancelled instead, consolidated ones keep only their invoices still open.';
