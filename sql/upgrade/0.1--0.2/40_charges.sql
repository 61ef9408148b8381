/*-------------------------------------------------------------------------
 *
 * 40_charges.sql
 *	  0.1 to 0.2: the charges' view and keys, the functions that raise and withdraw them, dumps and privileges.
 *
 *-------------------------------------------------------------------------
 */

-- charges to post: a view made at binding; the charges' keys follow the ledger's
INSERT INTO dunning.derived_view (name, position, definition, comment) VALUES
('charges_to_post', 4, $view$
SELECT c.id, c.invoice_id, c.customer_id, l.reference, c.kind, c.amount, c.currency,
       c.level, c.period_from, c.period_to, c.reminder_id, c.raised_at, a.archived_at AS sent_at
  FROM dunning.charge c
  JOIN dunning.reminder_archive a ON a.id = c.reminder_id AND a.status = 'sent'
  LEFT JOIN dunning.ledger l ON l.invoice_id = c.invoice_id
 WHERE c.waived_at IS NULL AND c.posted_at IS NULL
$view$, 'The charges finance has not posted yet: raised by a reminder that was sent, not waived; post them to the ledger, then call dunning.mark_posted().');
INSERT INTO dunning.key_column (relation, column_name, role, is_array) VALUES
  ('dunning.charge',     'invoice_id',  'invoice',  false),
  ('dunning.charge',     'customer_id', 'customer', false);

-- the settle rule withdraws the charges of what it takes out; a dead or
-- cancelled reminder's charges are withdrawn
CREATE OR REPLACE FUNCTION dunning.settle_unsent(ids bigint[], as_of timestamptz, run_id bigint,
                                      OUT cancelled bigint, OUT trimmed bigint,
                                      OUT resolved bigint)
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  WITH live AS MATERIALIZED (
    SELECT l.invoice_id, l.open_amount
      FROM dunning.ledger_open_amounts(ARRAY(SELECT x.i FROM dunning.reminder r,
                                                unnest(r.invoice_ids) x (i)
                                          WHERE r.id = ANY (ids))) l),
  listed AS (
    SELECT r.id, r.customer_id, r.level, x.i AS invoice_id, x.o,
           e.entry, l.invoice_id IS NOT NULL AS present, l.open_amount,
           h.held, l.open_amount > 0 AND h.held IS NULL AS due,
           coalesce((e.entry->>'fees')::numeric, 0) AS fees,
           coalesce((e.entry->>'interest')::numeric, 0) AS interest,
           coalesce((e.entry->>'compensation')::numeric, 0) AS compensation,
           coalesce((e.entry->>'fees')::numeric, 0) + coalesce((e.entry->>'interest')::numeric, 0)
             + coalesce((e.entry->>'compensation')::numeric, 0) AS charges
      FROM dunning.reminder r
      JOIN dunning.policy pol ON pol.name = r.policy
     CROSS JOIN LATERAL unnest(r.invoice_ids) WITH ORDINALITY AS x (i, o)
     CROSS JOIN LATERAL (SELECT dunning.hold_in_force(x.i, r.customer_id, settle_unsent.as_of,
                                                      pol.time_zone) AS held) h
      LEFT JOIN LATERAL (SELECT p.e AS entry
                           FROM jsonb_array_elements(r.payload->'invoices') AS p (e)
                          WHERE p.e->>'invoice_id' = x.i::text LIMIT 1) e ON true
      LEFT JOIN live l ON l.invoice_id = x.i
     WHERE r.id = ANY (ids)),
  per_reminder AS (
    SELECT id,
           array_agg(invoice_id ORDER BY o) FILTER (WHERE due) AS still_open,
           jsonb_agg(entry || jsonb_build_object(
                       'open_amount', open_amount,
                       'total_due', open_amount + charges) ORDER BY o)
             FILTER (WHERE due) AS entries,
           sum(fees) FILTER (WHERE due) AS fees,
           sum(interest) FILTER (WHERE due) AS interest,
           sum(compensation) FILTER (WHERE due) AS compensation,
           sum(open_amount) FILTER (WHERE due) AS total,
           max(coalesce((entry->>'level')::int, level)) FILTER (WHERE due) AS level,
           bool_or(held IS NOT NULL) AS any_held,
           bool_or(open_amount IS NULL OR NOT open_amount > 0) AS any_settled
      FROM listed GROUP BY id),
  done AS (
    DELETE FROM dunning.reminder r
     USING per_reminder p
     WHERE r.id = p.id AND p.still_open IS NULL
    RETURNING r, p.any_held, p.any_settled),
  archived AS (
    INSERT INTO dunning.reminder_archive
    SELECT x.*
      FROM done d
     CROSS JOIN LATERAL dunning.archived(d.r, 'cancelled',
                          CASE WHEN d.any_held AND d.any_settled
                                 THEN 'invoices paid or held before it was sent'
                               WHEN d.any_held THEN 'invoices held before it was sent'
                               ELSE 'invoices paid before it was sent' END,
                          (d.r).provider_ref) x
    RETURNING id),
  -- what a trimmed reminder becomes: the step of the highest level it still
  -- lists (its channel, template and fee), the live amounts and total
  rebuilt AS (
    SELECT r.id, p.still_open, p.level, coalesce(st.channel, r.channel) AS channel,
           r.payload || jsonb_build_object(
             'invoices', p.entries, 'total_open', p.total, 'level', p.level,
             'total_fees', p.fees, 'total_interest', p.interest,
             'total_compensation', p.compensation,
             'total_charges', p.fees + p.interest + p.compensation,
             'total_due', p.total + p.fees + p.interest + p.compensation,
             'legal_basis', CASE WHEN p.interest + p.compensation > 0
                                 THEN r.payload->'legal_basis' END,
             'channel', coalesce(st.channel, r.channel),
             'template', CASE WHEN st.level IS NULL THEN r.payload->'template'
                              ELSE to_jsonb(st.template) END,
             'fee', (SELECT coalesce(sum(c.amount), 0) FROM dunning.charge c
                      WHERE c.reminder_id = r.id AND c.kind = 'fee' AND c.waived_at IS NULL
                        AND c.invoice_id = ANY (p.still_open)),
             'fee_waived', (SELECT coalesce(sum(c.amount), 0) FROM dunning.charge c
                             WHERE c.reminder_id = r.id AND c.kind = 'fee'
                               AND c.waived_at IS NOT NULL
                               AND c.invoice_id = ANY (p.still_open))) AS payload
      FROM per_reminder p
      JOIN dunning.reminder r ON r.id = p.id
      LEFT JOIN dunning.step st ON st.policy = r.policy AND st.level = p.level
     WHERE p.still_open IS NOT NULL),
  kept AS (
    UPDATE dunning.reminder r
       SET invoice_ids = b.still_open, level = b.level, channel = b.channel,
           payload = b.payload, subject = t.subject, body = t.body, body_html = t.body_html,
           updated_at = now()
      FROM rebuilt b
     CROSS JOIN LATERAL dunning.render_reminder(b.payload) t
     WHERE r.id = b.id
    RETURNING r.id),
  settled AS (
    SELECT id, customer_id, invoice_id, coalesce((entry->>'level')::int, level) AS level,
           CASE WHEN present THEN 'paid' ELSE 'vanished' END AS reason
      FROM listed WHERE open_amount IS NULL OR NOT open_amount > 0),
  -- a held invoice keeps its level and waits for its hold
  held AS (
    SELECT id, customer_id, invoice_id, coalesce((entry->>'level')::int, level) AS level,
           held AS reason
      FROM listed WHERE held IS NOT NULL AND open_amount > 0),
  -- the charges raised for an invoice taken out of the reminder, or for a
  -- cancelled reminder, are withdrawn: the next reminder raises them again
  withdrawn AS (
    DELETE FROM dunning.charge c
     USING listed t
     WHERE c.reminder_id = t.id AND c.invoice_id = t.invoice_id AND t.due IS NOT TRUE
       AND c.posted_at IS NULL
    RETURNING 1),
  waiting AS (
    UPDATE dunning.invoice_state s
       SET waiting_for = 'hold', updated_at = settle_unsent.as_of
      FROM held t
     WHERE s.invoice_id = t.invoice_id AND s.status = 'open'
    RETURNING 1),
  closed AS (
    UPDATE dunning.invoice_state s
       SET status = 'closed', closed_reason = t.reason, next_check_at = 'infinity',
           updated_at = settle_unsent.as_of
      FROM settled t
     WHERE s.invoice_id = t.invoice_id AND s.status = 'open'
    RETURNING s.invoice_id, s.customer_id, s.level, t.reason),
  logged AS (
    -- in a fixed order: each reminder's cancellations, then the resolutions
    INSERT INTO dunning.history (at, run_id, invoice_id, customer_id, event, level,
                                 reminder_id, reason)
    SELECT settle_unsent.as_of, settle_unsent.run_id, u.invoice_id, u.customer_id,
           u.event, u.level, u.reminder_id, u.reason
      FROM (SELECT t.invoice_id, t.customer_id, 'cancelled' AS event, t.level,
                   t.id AS reminder_id,
                   CASE WHEN t.id IN (SELECT a.id FROM archived a) THEN 'paid before it was sent'
                        ELSE 'paid before it was sent: taken out of its consolidated reminder'
                   END AS reason
              FROM settled t
            UNION ALL
            SELECT t.invoice_id, t.customer_id, 'cancelled', t.level, t.id,
                   CASE WHEN t.id IN (SELECT a.id FROM archived a)
                        THEN 'held before it was sent: ' || t.reason
                        ELSE 'held before it was sent: ' || t.reason
                             || ': taken out of its consolidated reminder' END
              FROM held t
            UNION ALL
            SELECT c.invoice_id, c.customer_id, 'resolved', c.level, NULL, c.reason
              FROM closed c) u
     ORDER BY u.event, u.reminder_id, u.invoice_id
    RETURNING 1)
  SELECT (SELECT count(*) FROM archived), (SELECT count(*) FROM kept),
         (SELECT count(*) FROM closed)
    INTO cancelled, trimmed, resolved;
END
$$;
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
  INSERT INTO dunning.reminder_archive
  SELECT x.* FROM dunning.archived(r, 'dead', error, r.provider_ref) x;
  -- what it charged never reached the customer
  PERFORM dunning.withdraw_charges(ARRAY[r.id]);
  RETURN 'dead';
END
$$;
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
    RETURNING id, customer_id, invoice_ids, level, payload)
  INSERT INTO dunning.history (at, invoice_id, customer_id, event, level, reminder_id, reason)
  SELECT pg_catalog.now(), x.i, m.customer_id, 'cancelled',
         coalesce(dunning.payload_level(m.payload, x.i::text), m.level),
         m.id, 'cancelled by hand: ' || reason
    FROM moved m CROSS JOIN LATERAL unnest(m.invoice_ids) AS x (i);
  -- what they charged never reached the customer
  PERFORM dunning.withdraw_charges(wanted);
  RETURN cardinality(wanted);
END
$$;
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

  -- the oldest ready reminders, passing over those whose lease is running
  SELECT pg_catalog.array_agg(q.id ORDER BY q.id) INTO ids
    FROM (SELECT r.id
            FROM dunning.reminder r
           WHERE r.available_at <= pg_catalog.now()
             AND (r.status <> 'claimed' OR r.lease_until <= pg_catalog.now())
             AND (channels IS NULL OR r.channel = ANY (channels))
           ORDER BY r.available_at, r.id
           LIMIT max
           FOR UPDATE OF r SKIP LOCKED) q;
  IF ids IS NULL THEN
    RETURN;
  END IF;

  -- those the live ledger or a hold no longer agrees with (most often none) are
  -- settled by the rule a pass follows too (23_settle.sql): those it
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

-- pg_dump keeps the charges, and your rates, schedules and laws
SELECT pg_catalog.pg_extension_config_dump('dunning.charge', '');
SELECT pg_catalog.pg_extension_config_dump('dunning.charge_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('dunning.reference_rate', 'WHERE NOT shipped');
SELECT pg_catalog.pg_extension_config_dump('dunning.fee_schedule', 'WHERE NOT shipped');
SELECT pg_catalog.pg_extension_config_dump('dunning.fee_band', 'WHERE NOT shipped');
SELECT pg_catalog.pg_extension_config_dump('dunning.law', 'WHERE NOT shipped');
REVOKE ALL ON dunning.reference_rate, dunning.reference_rates_in_effect, dunning.fee_schedule,
  dunning.fee_band, dunning.law, dunning.charge FROM PUBLIC;
REVOKE ALL ON SEQUENCE dunning.charge_id_seq FROM PUBLIC;
REVOKE ALL ON FUNCTION dunning.user_change(), dunning.reference_rate_check(),
  dunning.fee_schedule_check(), dunning.fee_for(text, numeric), dunning.law_check(),
  dunning.statutory_interest(text, numeric, date, date, boolean),
  dunning.withdraw_charges(bigint[], text[]), dunning.waive(bigint, text),
  dunning.mark_posted(bigint[], text) FROM PUBLIC;

-- a bound ledger gets the new view and the charges its key types
UPDATE dunning.binding SET source = source WHERE kind = 'ledger';

