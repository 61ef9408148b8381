-- The settle rule (sql/install/26_settle.sql): whoever sees a payment first,
-- the pass's sweep or a claim, an unsent reminder ends the same way.  Each
-- case is played twice from the same state, once through a pass and once
-- through a claim, and the rows they leave are compared.
\set SHOW_CONTEXT never
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
CREATE SCHEMA st;
CREATE TABLE st.invoices (id text PRIMARY KEY, customer_id text NOT NULL,
                          due_date date NOT NULL, balance numeric(12,2) NOT NULL,
                          number text NOT NULL);
INSERT INTO st.invoices VALUES
  ('A1', 'A', '2026-10-01', 100.00, 'N-A1'),   -- reaches level 2
  ('B1', 'B', '2026-10-20', 50.00, 'N-B1');
SELECT dunning.bind_ledger('st.invoices', 'id', 'customer_id', 'due_date', 'balance',
                           reference => 'number');
INSERT INTO dunning.policy (name, currency, is_default, grace_days, min_days_between,
    group_by, send_days, send_from, send_until, time_zone, sender_name)
VALUES ('st', 'EUR', true, 0, 1, 'customer', '{1,2,3,4,5,6,7}', '00:00', '23:59', 'UTC',
        'Accounts');
INSERT INTO dunning.step (policy, level, days_overdue, channel, template) VALUES
  ('st', 1, 1, 'email', 'friendly'), ('st', 2, 30, 'letter', 'final');
-- 2 November: A1 and B1 at level 1 (A's is sent); then A2 and A3 arrive,
-- and on 5 November A's notice lists A1 at level 2 with A2 and A3 at level
-- 1, by letter, the channel of level 2; B's is still unsent
SELECT emitted FROM dunning.run('2026-11-02 09:00+00');
DELETE FROM dunning.reminder WHERE customer_id = 'A';
INSERT INTO st.invoices VALUES
  ('A2', 'A', '2026-10-20', 200.00, 'N-A2'),
  ('A3', 'A', '2026-10-20', 300.00, 'N-A3');
SELECT emitted FROM dunning.run('2026-11-05 09:00+00', full_discovery => true);
SELECT invoice_ids, level, channel, payload->>'template' AS template,
       payload->>'total_open' AS total
  FROM dunning.reminder ORDER BY customer_id;

-- what a settled reminder leaves behind, without ids, times or leases
CREATE FUNCTION pg_temp.left_behind() RETURNS jsonb LANGUAGE sql AS $$
  SELECT jsonb_build_object(
    'reminders', (SELECT jsonb_agg(jsonb_build_object(
                    'customer', customer_id, 'invoices', invoice_ids, 'level', level,
                    'channel', channel, 'recipient', recipient, 'payload', payload,
                    'subject', subject, 'body', body, 'body_html', body_html,
                    'key', idempotency_key, 'available_at', available_at,
                    'done', status IN ('sent', 'cancelled', 'dead'),
                    'archived_status', CASE WHEN archived_at IS NOT NULL THEN status END,
                    'last_error', last_error) ORDER BY customer_id, idempotency_key)
                    FROM dunning.all_reminders),
    'state', (SELECT jsonb_agg(jsonb_build_object(
                'invoice', invoice_id, 'level', level, 'status', status,
                'closed_reason', closed_reason) ORDER BY invoice_id)
                FROM dunning.invoice_state),
    'history', (SELECT jsonb_agg(jsonb_build_object(
                  'invoice', invoice_id, 'event', event, 'level', level, 'reason', reason)
                  ORDER BY invoice_id, event, level, reason)
                  FROM dunning.history WHERE event IN ('cancelled', 'resolved')))
$$;

-- case 1: A1 (the level 2 invoice) is paid: the notice is trimmed to A2 and
-- A3, at level 1 with step 1's channel and template, live amounts
-- case 2: B1 is paid: its reminder is cancelled
-- case 3: A2 is partly paid: its amount and the total are brought up to date
BEGIN;
UPDATE st.invoices SET balance = 0 WHERE id IN ('A1', 'B1');
UPDATE st.invoices SET balance = 150.00 WHERE id = 'A2';
SAVEPOINT before;
-- (a full pass: one later the same day leaves payments to the claim)
SELECT cancelled, emitted FROM dunning.run('2026-11-05 10:00+00', full_discovery => true);
SELECT pg_temp.left_behind() AS by_pass \gset
SELECT invoice_ids, status, level, channel, payload->>'template' AS template,
       payload->'invoices'->0->>'open_amount' AS first_amount,
       payload->>'total_open' AS total, subject
  FROM dunning.all_reminders ORDER BY customer_id, id;
SELECT invoice_id, event, level, reason, reason_code FROM dunning.history
 WHERE event IN ('cancelled', 'resolved') ORDER BY invoice_id, event, level;
ROLLBACK TO SAVEPOINT before;
SELECT invoice_ids, level, channel FROM dunning.claim('m', 10) ORDER BY customer_id;
SELECT pg_temp.left_behind() = :'by_pass'::jsonb AS claim_leaves_the_same;
ROLLBACK;

-- Holds reach the queue: a dispute or a promise to pay placed after a
-- reminder was queued stops it, whoever sees it first, like a payment
-- (the held invoice keeps its level and waits for its hold).
-- case 4: C disputes C1 of a notice listing C1 and C2: it is trimmed to C2
INSERT INTO st.invoices VALUES ('C1', 'C', '2026-10-20', 70.00, 'N-C1'),
                               ('C2', 'C', '2026-10-21', 80.00, 'N-C2');
SELECT emitted FROM dunning.run('2026-11-06 09:00+00', full_discovery => true);
BEGIN;
INSERT INTO dunning.hold (invoice_id, reason) VALUES ('C1', 'dispute');
SAVEPOINT before;
SELECT cancelled FROM dunning.run('2026-11-06 10:00+00');
SELECT pg_temp.left_behind() AS by_pass \gset
SELECT invoice_ids, status, payload->>'total_open' AS total, last_error
  FROM dunning.all_reminders WHERE customer_id = 'C' ORDER BY id;
SELECT invoice_id, level, waiting_for FROM dunning.invoice_state
 WHERE customer_id = 'C' ORDER BY 1;
SELECT invoice_id, event, level, reason, reason_code FROM dunning.history
 WHERE customer_id = 'C' AND event = 'cancelled' ORDER BY invoice_id;
ROLLBACK TO SAVEPOINT before;
SELECT invoice_ids FROM dunning.claim('m', 10) WHERE customer_id = 'C';
SELECT pg_temp.left_behind() = :'by_pass'::jsonb AS claim_leaves_the_same;
ROLLBACK;

-- case 5, the weekend: W's notice is queued on Friday 6 November at 18:00
-- in Paris, after its send window, so it waits for Monday 09:00; on
-- Saturday W promises to pay by 15 January: Monday's claim hands nothing
-- out, and a pass on Saturday would have cancelled it the same way
INSERT INTO dunning.policy (name, currency, grace_days, min_days_between, group_by,
    send_days, send_from, send_until, time_zone)
VALUES ('wk', 'EUR', 0, 1, 'customer', '{1,2,3,4,5}', '09:00', '17:00', 'Europe/Paris');
INSERT INTO dunning.step (policy, level, days_overdue, channel) VALUES ('wk', 1, 1, 'email');
INSERT INTO dunning.assignment (customer_id, policy) VALUES ('W', 'wk');
INSERT INTO st.invoices VALUES ('W1', 'W', '2026-10-20', 90.00, 'N-W1');
SELECT emitted FROM dunning.run('2026-11-06 17:00+00', full_discovery => true);
SELECT invoice_ids, available_at FROM dunning.reminder WHERE customer_id = 'W';
BEGIN;
INSERT INTO dunning.hold (customer_id, reason, until)
  VALUES ('W', 'promise_to_pay', '2027-01-15');
SAVEPOINT before;
SELECT cancelled FROM dunning.run('2026-11-07 10:00+00');
SELECT pg_temp.left_behind() AS by_pass \gset
SELECT invoice_ids, status, last_error FROM dunning.all_reminders WHERE customer_id = 'W';
ROLLBACK TO SAVEPOINT before;
SELECT count(*) AS handed_out FROM dunning.claim('m', 10) WHERE customer_id = 'W';
SELECT invoice_ids, status, last_error FROM dunning.all_reminders WHERE customer_id = 'W';
SELECT pg_temp.left_behind() = :'by_pass'::jsonb AS claim_leaves_the_same;
ROLLBACK;
-- a hold that has ended stops nothing
BEGIN;
INSERT INTO dunning.hold (customer_id, reason, until)
  VALUES ('W', 'promise_to_pay', '2026-11-06');
SELECT cancelled FROM dunning.run('2026-11-07 10:00+00');
SELECT invoice_ids, status FROM dunning.all_reminders WHERE customer_id = 'W';
ROLLBACK;
DELETE FROM dunning.assignment;

\set fixture_schema st
\i sql/fixtures/teardown.sql
