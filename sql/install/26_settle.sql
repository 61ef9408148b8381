/*-------------------------------------------------------------------------
 *
 * 26_settle.sql
 *	  The settle rule: what becomes of an unsent reminder whose invoices the
 *	  ledger no longer agrees with.
 *
 * One rule, whoever sees the payment first: the pass's sweep
 * (dunning.sweep_unsent(), from src/pass.c) or the claim's re-check
 * (dunning.claim()).  Both lock the reminders, ask dunning.unsent_changed()
 * which of them changed, and hand those to dunning.settle_unsent():
 *
 *	- an invoice is dropped from it when it is settled (paid, or gone from
 *	  the ledger) or held (a hold on it or its customer in force, placed
 *	  after the reminder was queued: a dispute, a promise to pay);
 *	- every invoice dropped: the reminder is cancelled and moves to the
 *	  archive;
 *	- some dropped: the reminder keeps its id and idempotency key and lists
 *	  only the invoices still due, at the highest level among them, with
 *	  that step's channel, template and fee, the live open amounts and
 *	  total, and its texts rendered again;
 *	- none settled but an amount changed (a partial payment): the same, with
 *	  the amounts brought up to date;
 *	- the settled invoices' state is closed, a held invoice's waits for its
 *	  hold (it keeps its level, as after dunning.cancel()), and the history
 *	  says so;
 *	- the charges the reminder raised for the invoices it no longer lists
 *	  are withdrawn (17_charge.sql), and its totals follow.
 *
 *-------------------------------------------------------------------------
 */

/*
 * The hold in force on an invoice or its customer on the day of an
 * instant in a time zone (until is that day or later, or none), if any:
 * its reason.  A hold on a customer that names a tenant holds the
 * customer in that tenant only (33_tenant.sql).
 */
CREATE OR REPLACE FUNCTION dunning.hold_in_force(invoice_id anyelement, customer_id anycompatible,
                                      tenant text, at timestamptz, time_zone text)
RETURNS text
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
  SELECT h.reason FROM dunning.hold h
   WHERE (h.invoice_id = $1
          OR (h.customer_id = $2 AND (h.tenant IS NULL OR h.tenant = $3)))
     AND (h.until IS NULL OR h.until >= ($4 AT TIME ZONE $5)::date)
   ORDER BY h.id LIMIT 1
$$;
COMMENT ON FUNCTION dunning.hold_in_force(anyelement, anycompatible, text, timestamptz, text) IS
  'The reason of the hold in force on an invoice or its customer (in the reminder''s tenant) on the day of an instant in a time zone, or NULL: what stops an unsent reminder for it.';

/*
 * Which of these reminders the live ledger and the holds no longer agree
 * with, at an instant: an invoice no longer open, another total, or a hold
 * in force.  The ledger is read as its
 * owner (dunning.ledger_open_amounts), with one index scan for all.
 */
-- (plpgsql: its plan is kept for the session, as a claim calls it each time)
CREATE OR REPLACE FUNCTION dunning.unsent_changed(ids bigint[], as_of timestamptz) RETURNS bigint[]
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF cardinality(ids) = 0 THEN
    RETURN '{}';
  END IF;
  RETURN (
    WITH listed AS MATERIALIZED (
           SELECT r.id, r.customer_id, r.tenant, r.invoice_ids,
                  (r.payload->>'total_open')::numeric AS total, p.time_zone
             FROM dunning.reminder r
             JOIN dunning.policy p ON p.name = r.policy
            WHERE r.id = ANY (ids)),
         items AS MATERIALIZED (
           SELECT k.id, x.i, k.customer_id, k.tenant, k.time_zone
             FROM listed k, unnest(k.invoice_ids) x (i)),
         live AS MATERIALIZED (
           SELECT l.invoice_id, l.open_amount
             FROM dunning.ledger_open_amounts(ARRAY(SELECT t.i FROM items t)) l),
         -- holds are few: joined, not looked up per invoice
         held AS (
           SELECT t.id FROM items t
             JOIN dunning.hold h ON h.invoice_id = t.i
            WHERE h.until IS NULL OR h.until >= (unsent_changed.as_of AT TIME ZONE t.time_zone)::date
           UNION
           SELECT t.id FROM items t
             JOIN dunning.hold h ON h.customer_id = t.customer_id
                                AND (h.tenant IS NULL OR h.tenant = t.tenant)
            WHERE h.until IS NULL OR h.until >= (unsent_changed.as_of AT TIME ZONE t.time_zone)::date),
         per_reminder AS (
           SELECT t.id, count(*) FILTER (WHERE l.open_amount > 0) AS still_open,
                  sum(l.open_amount) FILTER (WHERE l.open_amount > 0) AS total
             FROM items t LEFT JOIN live l ON l.invoice_id = t.i
            GROUP BY t.id)
    SELECT coalesce(array_agg(k.id ORDER BY k.id), '{}')
      FROM listed k JOIN per_reminder p ON p.id = k.id
     WHERE NOT (p.still_open = cardinality(k.invoice_ids) AND p.total = k.total)
        OR p.total IS NULL
        OR k.id IN (SELECT h.id FROM held h));
END
$$;
COMMENT ON FUNCTION dunning.unsent_changed(bigint[], timestamptz) IS
  'Of these reminders, those the live ledger and the holds no longer agree with at as_of: an invoice no longer open, another total (the ledger read as its owner), or a hold in force.';

/*
 * The settle rule (see the top of this file), for reminders the caller has
 * locked and found changed.  run_id is the pass's, or NULL from a claim.
 * Returns how many reminders were cancelled and trimmed, and how many
 * invoices resolved.
 */
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
    SELECT r.id, r.customer_id, r.tenant, r.level, x.i AS invoice_id, x.o,
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
     CROSS JOIN LATERAL (SELECT dunning.hold_in_force(x.i, r.customer_id, r.tenant,
                                                      settle_unsent.as_of, pol.time_zone) AS held) h
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
           bool_or(present AND NOT open_amount > 0) AS any_paid,
           bool_or(NOT present) AS any_vanished
      FROM listed GROUP BY id),
  done AS (
    DELETE FROM dunning.reminder r
     USING per_reminder p
     WHERE r.id = p.id AND p.still_open IS NULL
    RETURNING r, p.any_held, p.any_paid, p.any_vanished),
  -- why, in the words the history uses for each invoice
  archived AS (
    INSERT INTO dunning.reminder_archive
    SELECT x.*
      FROM done d
     CROSS JOIN LATERAL dunning.archived(d.r, 'cancelled',
                          'invoices ' || array_to_string(ARRAY[
                             CASE WHEN d.any_paid THEN 'paid' END,
                             CASE WHEN d.any_vanished THEN 'gone from the ledger' END,
                             CASE WHEN d.any_held THEN 'held' END], ' or ')
                          || ' before it was sent',
                          (d.r).provider_ref) x
    RETURNING id),
  -- what a trimmed reminder becomes: the step of the highest level it still
  -- lists (its channel, or fallback channel, template and fee), the live
  -- amounts and total
  rebuilt AS (
    SELECT r.id, p.still_open, p.level,
           -- a reminder on its step's fallback channel stays on it
           CASE WHEN r.channel = st.fallback_channel THEN r.channel
                ELSE coalesce(st.channel, r.channel) END AS channel,
           r.payload || jsonb_build_object(
             'invoices', p.entries, 'total_open', p.total, 'level', p.level,
             'total_fees', p.fees, 'total_interest', p.interest,
             'total_compensation', p.compensation,
             'total_charges', p.fees + p.interest + p.compensation,
             'total_due', p.total + p.fees + p.interest + p.compensation,
             'legal_basis', CASE WHEN p.interest + p.compensation > 0
                                 THEN r.payload->'legal_basis' END,
             'channel', CASE WHEN r.channel = st.fallback_channel THEN r.channel
                             ELSE coalesce(st.channel, r.channel) END,
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
    SELECT id, customer_id, tenant, invoice_id, coalesce((entry->>'level')::int, level) AS level,
           CASE WHEN present THEN 'paid' ELSE 'vanished' END AS reason
      FROM listed WHERE open_amount IS NULL OR NOT open_amount > 0),
  -- a held invoice keeps its level and waits for its hold
  held AS (
    SELECT id, customer_id, tenant, invoice_id, coalesce((entry->>'level')::int, level) AS level,
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
    RETURNING s.invoice_id, s.customer_id, s.tenant, s.level, t.reason),
  logged AS (
    -- in a fixed order: each reminder's cancellations, then the resolutions
    INSERT INTO dunning.history (at, run_id, invoice_id, customer_id, event, level,
                                 reminder_id, reason, reason_code, tenant)
    SELECT settle_unsent.as_of, settle_unsent.run_id, u.invoice_id, u.customer_id,
           u.event, u.level, u.reminder_id, u.reason, u.reason_code, u.tenant
      FROM (SELECT t.invoice_id, t.customer_id, t.tenant, 'cancelled' AS event, t.level,
                   t.id AS reminder_id,
                   CASE WHEN t.reason = 'vanished' THEN 'gone from the ledger before it was sent'
                        ELSE 'paid before it was sent' END
                   || CASE WHEN t.id IN (SELECT a.id FROM archived a) THEN ''
                           ELSE ': taken out of its consolidated reminder' END AS reason,
                   CASE WHEN t.reason = 'vanished' THEN 'vanished_before_sent'
                        ELSE 'paid_before_sent' END AS reason_code
              FROM settled t
            UNION ALL
            SELECT t.invoice_id, t.customer_id, t.tenant, 'cancelled', t.level, t.id,
                   CASE WHEN t.id IN (SELECT a.id FROM archived a)
                        THEN 'held before it was sent: ' || t.reason
                        ELSE 'held before it was sent: ' || t.reason
                             || ': taken out of its consolidated reminder' END,
                   'held_before_sent'
              FROM held t
            UNION ALL
            SELECT c.invoice_id, c.customer_id, c.tenant, 'resolved', c.level, NULL, c.reason,
                   c.reason
              FROM closed c) u
     ORDER BY u.event, u.reminder_id, u.invoice_id
    RETURNING 1)
  SELECT (SELECT count(*) FROM archived), (SELECT count(*) FROM kept),
         (SELECT count(*) FROM closed)
    INTO cancelled, trimmed, resolved;
END
$$;
COMMENT ON FUNCTION dunning.settle_unsent(bigint[], timestamptz, bigint) IS
  'The settle rule, for locked reminders the ledger no longer agrees with: all invoices settled, cancelled (to the archive); else trimmed in place to the invoices still open, at the highest level among them with that step''s channel, template and fee, live amounts, texts rendered again; settled invoices closed; the history told.';

/*
 * The pass's sweep: the unsent reminders not being claimed right now, those
 * the ledger no longer agrees with settled by the rule above.
 */
CREATE OR REPLACE FUNCTION dunning.sweep_unsent(as_of timestamptz, run_id bigint,
                                     held_since timestamptz DEFAULT NULL,
                                     OUT cancelled bigint, OUT trimmed bigint,
                                     OUT resolved bigint)
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  changed bigint[];
  locked bigint[];
BEGIN
  -- which changed, read without locks (most often none): every unsent
  -- reminder, or only those a hold placed since held_since concerns; then
  -- only those are locked, passing over any a claim holds (that claim
  -- settles it), and looked at again under the lock
  IF held_since IS NULL THEN
    changed := dunning.unsent_changed(ARRAY(SELECT q.id FROM dunning.reminder q
                                             WHERE q.status IN ('pending', 'failed')),
                                       sweep_unsent.as_of);
  ELSE
    changed := dunning.unsent_changed(ARRAY(
      SELECT q.id FROM dunning.reminder q
       WHERE q.status IN ('pending', 'failed')
         AND q.id IN (SELECT s.last_reminder_id
                        FROM dunning.hold h
                        JOIN dunning.invoice_state s ON s.invoice_id = h.invoice_id
                       WHERE h.created_at >= sweep_unsent.held_since
                      UNION ALL
                      SELECT r.id
                        FROM dunning.hold h
                        JOIN dunning.reminder r ON r.customer_id = h.customer_id
                                               AND (h.tenant IS NULL OR h.tenant = r.tenant)
                       WHERE h.created_at >= sweep_unsent.held_since)),
      sweep_unsent.as_of);
  END IF;
  cancelled := 0;
  trimmed := 0;
  resolved := 0;
  IF cardinality(changed) = 0 THEN
    RETURN;
  END IF;
  SELECT array_agg(r.id) INTO locked
    FROM (SELECT q.id FROM dunning.reminder q
           WHERE q.id = ANY (changed) AND q.status IN ('pending', 'failed')
           FOR UPDATE SKIP LOCKED) r;
  SELECT s.cancelled, s.trimmed, s.resolved INTO cancelled, trimmed, resolved
    FROM dunning.settle_unsent(dunning.unsent_changed(coalesce(locked, '{}'), sweep_unsent.as_of),
                               sweep_unsent.as_of, sweep_unsent.run_id) s;
END
$$;
COMMENT ON FUNCTION dunning.sweep_unsent(timestamptz, bigint, timestamptz) IS
  'The pass''s sweep: settles the unsent reminders (not being claimed) that the live ledger and the holds no longer agree with (all of them, or, given held_since, those of holds placed since); returns how many were cancelled and trimmed, and how many invoices resolved.';

/*
 * Expiry: the unsent reminders (pending or failed, not being delivered)
 * that have waited longer than their policy's unsent_expiry since they were
 * emitted are cancelled as expired, with the history told and their charges
 * withdrawn; their invoices keep their level (as after dunning.cancel())
 * and go on at the next look.  The first pass of a day calls it.  Returns
 * how many.
 */
CREATE OR REPLACE FUNCTION dunning.expire_unsent(as_of timestamptz, run_id bigint)
RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  expired bigint[];
BEGIN
  SELECT array_agg(x.id ORDER BY x.id) INTO expired
    FROM (SELECT r.id
            FROM dunning.reminder r
            JOIN dunning.policy p ON p.name = r.policy
           WHERE p.unsent_expiry IS NOT NULL
             AND r.as_of + p.unsent_expiry <= expire_unsent.as_of
             AND (r.status IN ('pending', 'failed')
                  OR (r.status = 'claimed' AND r.lease_until <= pg_catalog.now()))
             FOR UPDATE OF r SKIP LOCKED) x;
  IF expired IS NULL THEN
    RETURN 0;
  END IF;
  WITH gone AS (
    DELETE FROM dunning.reminder q WHERE q.id = ANY (expired)
    RETURNING q),
  moved AS (
    INSERT INTO dunning.reminder_archive
    SELECT x.*
      FROM gone g
      JOIN dunning.policy p ON p.name = (g.q).policy
     CROSS JOIN LATERAL dunning.archived(g.q, 'cancelled',
                          format('expired: not sent within %s', p.unsent_expiry),
                          (g.q).provider_ref) x
    RETURNING id, customer_id, invoice_ids, level, payload, last_error, tenant)
  INSERT INTO dunning.history (at, run_id, invoice_id, customer_id, event, level, reminder_id,
                               reason, reason_code, tenant)
  SELECT expire_unsent.as_of, expire_unsent.run_id, x.i, m.customer_id, 'cancelled',
         coalesce(dunning.payload_level(m.payload, x.i::text), m.level), m.id, m.last_error,
         'expired', m.tenant
    FROM moved m CROSS JOIN LATERAL unnest(m.invoice_ids) AS x (i)
   ORDER BY m.id, x.i;
  PERFORM dunning.withdraw_charges(expired);
  RETURN cardinality(expired);
END
$$;
COMMENT ON FUNCTION dunning.expire_unsent(timestamptz, bigint) IS
  'Cancels, as expired, the unsent reminders that waited longer than their policy''s unsent_expiry (history told, charges withdrawn); called by the first pass of a day; returns how many.';
