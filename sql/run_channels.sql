-- Every channel is emitted the same way, handoff and suspend included; the
-- idempotency key is the last line of defence when the state is lost.
\set SHOW_CONTEXT never
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
CREATE SCHEMA chan;
CREATE TABLE chan.invoices (id uuid PRIMARY KEY, customer_id uuid NOT NULL,
  due_date date NOT NULL, balance numeric NOT NULL);
CREATE TABLE chan.customers (id uuid PRIMARY KEY, email text, phone text);
INSERT INTO chan.customers VALUES
  ('00000000-0000-0000-0000-00000000000c', 'ap@example.com', '+33 1 00 00 00 00');
INSERT INTO chan.invoices VALUES
  ('00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-00000000000c',
   '2026-08-01', 1234.56);
SELECT dunning.bind_ledger('chan.invoices', 'id', 'customer_id', 'due_date', 'balance');
SELECT dunning.bind_customers('chan.customers', 'id', email => 'email', phone => 'phone');
INSERT INTO dunning.policy (name, currency, is_default, min_days_between, send_days,
    send_from, send_until, time_zone)
VALUES ('chan', 'EUR', true, 1, '{1,2,3,4,5,6,7}', '00:00', '23:59', 'UTC');
INSERT INTO dunning.step (policy, level, days_overdue, channel, fee) VALUES
  ('chan', 1, 3, 'email', 0), ('chan', 2, 10, 'sms', 0), ('chan', 3, 20, 'letter', 25),
  ('chan', 4, 30, 'phone', 0), ('chan', 5, 45, 'handoff', 0), ('chan', 6, 60, 'suspend', 0);

-- one pass a day, and a consumer that delivers what it emits: one level a
-- day, each on its own channel, to the address that fits the channel (the
-- next level waits until the previous reminder is out of the queue)
CREATE FUNCTION pg_temp.day(d timestamptz, OUT emitted bigint, OUT delivered bigint)
LANGUAGE plpgsql AS $$
BEGIN
  SELECT r.emitted INTO emitted FROM dunning.run(d) r;
  SELECT count(*) INTO delivered
    FROM (SELECT dunning.ack('m', c.id) FROM dunning.claim('m', 100) c) a;
END
$$;
SELECT d::date AS day, x.emitted, x.delivered
  FROM generate_series('2026-11-02 09:00+00'::timestamptz, '2026-11-08 09:00+00', '1 day') d,
       LATERAL pg_temp.day(d) x;
SELECT level, channel, recipient, payload->>'fee' AS fee, idempotency_key
  FROM dunning.all_reminders ORDER BY level;

-- the state is lost (say, restored from an old backup): a full pass finds the
-- invoice at level 0 again and decides step 1, but the idempotency key of
-- that reminder exists: nothing is emitted twice
DELETE FROM dunning.invoice_state;
SELECT discovery, examined, emitted FROM dunning.run('2026-11-08 10:00+00', full_discovery => true);
SELECT count(*) AS reminders, count(DISTINCT idempotency_key) AS keys FROM dunning.all_reminders;

DELETE FROM dunning.reminder;
DELETE FROM dunning.reminder_archive;
DELETE FROM dunning.invoice_state;
DELETE FROM dunning.history;
DELETE FROM dunning.charge;
DELETE FROM dunning.token_key;
DELETE FROM dunning.suppression;
DELETE FROM dunning.outcome;
DELETE FROM dunning.run_log;
DELETE FROM dunning.policy;
SELECT dunning.unbind('customers');
SELECT dunning.unbind('ledger');
DROP SCHEMA chan CASCADE;
