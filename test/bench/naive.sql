-- The reference a team writes by hand: bench.naive_run(as_of), a PL/pgSQL
-- loop over every open overdue invoice of the ledger, one statement per
-- lookup and per write, into its own queue (bench.naive_reminder) and state
-- (bench.naive_state).
--
-- It makes the same decisions as dunning.run() for one invoice at a time:
-- the customer's assignment else the currency's default policy, the grace
-- days, the holds on the invoice and on the customer, the minimum open
-- amount, the next step only (one level at a time) once its days overdue
-- are reached and min_days_between have passed since the last reminder, the
-- send window for available_at.  It does not consolidate and has no contact
-- cap, so it emits one reminder per due invoice.
--
-- sample (0 < sample <= 1) restricts the loop to a uniform sample of the
-- invoices (a hash of the id), to time it on a bounded subset of a large
-- ledger and extrapolate.

\set ON_ERROR_STOP on
SET client_min_messages = warning;

DROP TABLE IF EXISTS bench.naive_reminder, bench.naive_state;
DROP SEQUENCE IF EXISTS bench.naive_reminder_id_seq;

CREATE TABLE bench.naive_reminder (LIKE dunning.reminder INCLUDING ALL);
CREATE SEQUENCE bench.naive_reminder_id_seq OWNED BY bench.naive_reminder.id;
ALTER TABLE bench.naive_reminder
  ALTER COLUMN id SET DEFAULT nextval('bench.naive_reminder_id_seq');

CREATE TABLE bench.naive_state (
  invoice_id       bigint PRIMARY KEY,
  customer_id      bigint NOT NULL,
  policy           text NOT NULL,
  level            integer NOT NULL,
  last_reminder_at timestamptz NOT NULL,
  last_reminder_id bigint NOT NULL,
  updated_at       timestamptz NOT NULL
);
CREATE INDEX naive_state_customer ON bench.naive_state (customer_id);

-- The first moment at or after as_of inside the policy's send window.
CREATE OR REPLACE FUNCTION bench.naive_opening(as_of timestamptz, pol dunning.policy)
RETURNS timestamptz
LANGUAGE plpgsql STABLE AS $$
DECLARE
  local timestamp := as_of AT TIME ZONE pol.time_zone;
  candidate date;
BEGIN
  FOR ahead IN 0 .. 14 LOOP
    candidate := local::date + ahead;
    IF extract(isodow FROM candidate)::int = ANY (pol.send_days)
       AND NOT EXISTS (SELECT 1 FROM dunning.holiday h
                        WHERE h.calendar = pol.calendar AND h.day = candidate) THEN
      IF ahead > 0 OR local::time < pol.send_from THEN
        RETURN (candidate + pol.send_from) AT TIME ZONE pol.time_zone;
      ELSIF local::time < pol.send_until THEN
        RETURN as_of;
      END IF;
    END IF;
  END LOOP;
  RETURN as_of;
END
$$;

CREATE OR REPLACE FUNCTION bench.naive_run(as_of timestamptz, sample float8 DEFAULT 1.0,
                                           OUT examined bigint, OUT emitted bigint)
LANGUAGE plpgsql AS $$
DECLARE
  inv        record;
  pol        dunning.policy;
  nxt        dunning.step;
  st         bench.naive_state;
  assigned   text;
  today      date;
  overdue    integer;
  held       boolean;
  reminder   bigint;
BEGIN
  examined := 0;
  emitted := 0;
  FOR inv IN
    SELECT i.id, i.customer_id, i.due_date, i.currency, i.balance, i.number
      FROM bench.invoices i
     WHERE i.balance > 0 AND i.due_date < (as_of + interval '1 day')::date
       AND (sample >= 1.0 OR bench.u(i.id, 99) < sample)
     ORDER BY i.id
  LOOP
    examined := examined + 1;

    -- the policy: the customer's assignment, else the currency's default
    SELECT a.policy INTO assigned FROM dunning.assignment a WHERE a.customer_id = inv.customer_id;
    pol := NULL;
    IF assigned IS NOT NULL THEN
      SELECT * INTO pol FROM dunning.policy p
       WHERE p.name = assigned AND p.currency = inv.currency
         AND p.active_from <= as_of AND coalesce(p.active_until > as_of, true);
    END IF;
    IF pol.name IS NULL THEN
      SELECT * INTO pol FROM dunning.policy p
       WHERE p.is_default AND p.currency = inv.currency
         AND p.active_from <= as_of AND coalesce(p.active_until > as_of, true);
    END IF;
    CONTINUE WHEN pol.name IS NULL;

    today := (as_of AT TIME ZONE pol.time_zone)::date;
    overdue := today - inv.due_date;
    CONTINUE WHEN overdue <= pol.grace_days;

    -- holds on the invoice, then on the customer
    SELECT true INTO held FROM dunning.hold h
     WHERE h.invoice_id = inv.id AND (h.until IS NULL OR h.until >= today) LIMIT 1;
    CONTINUE WHEN FOUND;
    SELECT true INTO held FROM dunning.hold h
     WHERE h.customer_id = inv.customer_id AND (h.until IS NULL OR h.until >= today) LIMIT 1;
    CONTINUE WHEN FOUND;

    CONTINUE WHEN inv.balance < pol.min_open_amount;

    -- where the invoice stands, and the next step above it
    SELECT * INTO st FROM bench.naive_state s WHERE s.invoice_id = inv.id;
    SELECT * INTO nxt FROM dunning.step s
     WHERE s.policy = pol.name AND s.level > coalesce(st.level, 0)
     ORDER BY s.level LIMIT 1;
    CONTINUE WHEN NOT FOUND;
    CONTINUE WHEN overdue < nxt.days_overdue;
    CONTINUE WHEN st.last_reminder_at IS NOT NULL
              AND today < (st.last_reminder_at AT TIME ZONE pol.time_zone)::date
                          + pol.min_days_between;

    INSERT INTO bench.naive_reminder (customer_id, invoice_ids, policy, level, channel,
                                      payload, available_at, idempotency_key, as_of)
    VALUES (inv.customer_id, ARRAY[inv.id], pol.name, nxt.level, nxt.channel,
            jsonb_build_object(
              'policy', pol.name, 'level', nxt.level, 'channel', nxt.channel,
              'template', nxt.template, 'fee', nxt.fee, 'currency', inv.currency,
              'customer', jsonb_build_object('id', inv.customer_id::text),
              'invoices', jsonb_build_array(jsonb_build_object(
                'invoice_id', inv.id::text, 'reference', inv.number,
                'due_on', inv.due_date, 'days_overdue', overdue,
                'level', nxt.level, 'open_amount', inv.balance)),
              'total_open', inv.balance),
            bench.naive_opening(as_of, pol),
            'i:' || inv.id || ':' || nxt.level, as_of)
    ON CONFLICT (idempotency_key) DO NOTHING
    RETURNING id INTO reminder;
    CONTINUE WHEN reminder IS NULL;

    INSERT INTO bench.naive_state AS s (invoice_id, customer_id, policy, level,
                                        last_reminder_at, last_reminder_id, updated_at)
    VALUES (inv.id, inv.customer_id, pol.name, nxt.level, as_of, reminder, as_of)
    ON CONFLICT (invoice_id) DO UPDATE
      SET policy = EXCLUDED.policy, level = EXCLUDED.level,
          last_reminder_at = EXCLUDED.last_reminder_at,
          last_reminder_id = EXCLUDED.last_reminder_id, updated_at = EXCLUDED.updated_at;
    emitted := emitted + 1;
  END LOOP;
END
$$;
