-- One consolidated notice per customer, the per-customer minimum, holds
-- inside a consolidated notice, a payment between two passes, the contact cap.
\set SHOW_CONTEXT never
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
CREATE SCHEMA cons;
CREATE TABLE cons.invoices (id text PRIMARY KEY, customer_id text NOT NULL,
  due_date date NOT NULL, balance numeric(10,2) NOT NULL, number text NOT NULL);
CREATE INDEX ON cons.invoices (customer_id);
INSERT INTO cons.invoices VALUES
  -- A: five invoices, at different stages
  ('A1', 'A', '2026-09-01', 100.00, 'INV-A1'),
  ('A2', 'A', '2026-10-01', 200.00, 'INV-A2'),
  ('A3', 'A', '2026-10-20', 300.00, 'INV-A3'),
  ('A4', 'A', '2026-10-25',  40.50, 'INV-A4'),
  ('A5', 'A', '2026-10-28',   9.50, 'INV-A5'),
  -- B: 2 + 2 = 4 open in all, under the minimum of 5 per customer
  ('B1', 'B', '2026-10-01', 2.00, 'INV-B1'),
  ('B2', 'B', '2026-10-02', 2.00, 'INV-B2'),
  -- C: one of two invoices in dispute
  ('C1', 'C', '2026-10-01', 50.00, 'INV-C1'),
  ('C2', 'C', '2026-10-01', 60.00, 'INV-C2'),
  -- D: a new invoice falls due every week, to reach the contact cap
  ('D1', 'D', '2026-10-20', 10.00, 'INV-D1'),
  ('D2', 'D', '2026-10-27', 10.00, 'INV-D2'),
  ('D3', 'D', '2026-11-03', 10.00, 'INV-D3'),
  ('D4', 'D', '2026-11-10', 10.00, 'INV-D4');
SELECT dunning.bind_ledger('cons.invoices', 'id', 'customer_id', 'due_date', 'balance',
                           reference => 'number');
INSERT INTO dunning.policy (name, currency, is_default, min_open_amount, grace_days,
    min_days_between, group_by, max_reminders, per_period, send_days, send_from,
    send_until, time_zone)
VALUES ('cons', 'EUR', true, 5, 0, 7, 'customer', 2, '30 days', '{1,2,3,4,5,6,7}',
        '00:00', '23:59', 'UTC');
INSERT INTO dunning.step (policy, level, days_overdue, channel, fee) VALUES
  ('cons', 1, 3, 'email', 0), ('cons', 2, 30, 'email', 0), ('cons', 3, 60, 'letter', 15);
INSERT INTO dunning.hold (invoice_id, reason) VALUES ('C1', 'dispute');

-- 2 November: A gets one notice listing its five invoices at level 1 (A5 is
-- only 5 days overdue but has reached step 1 too); B is under the minimum;
-- C's notice lists C2 only; D1 and D2 share one notice
SELECT discovery, examined, emitted FROM dunning.run('2026-11-02 09:00+00');
SELECT customer_id, invoice_ids, level, channel FROM dunning.all_reminders ORDER BY id;
-- (its self-service token is signed with this database's own key)
SELECT jsonb_pretty(payload - 'token'), payload->>'token' ~ '^[0-9]+\.[0-9]+\.[0-9a-f]{32}$' AS token
  FROM dunning.all_reminders WHERE customer_id = 'A';
SELECT invoice_id, level, waiting_for FROM dunning.invoice_state
 WHERE customer_id IN ('B', 'C') ORDER BY 1;

-- a preview of the same pass shows nothing more to send
SELECT count(*) FROM dunning.preview('2026-11-02 09:00+00');

-- A pays A3 before the mailer sends the notice: the next pass trims it, in
-- place, to the four invoices still open, totals updated (the settle rule,
-- sql/settle.sql); it stays the one contact of 2 November
UPDATE cons.invoices SET balance = 0 WHERE id = 'A3';
SELECT emitted, resolved, cancelled FROM dunning.run('2026-11-03 09:00+00');
SELECT customer_id, invoice_ids, level, status, payload->'total_open' AS total
  FROM dunning.all_reminders WHERE customer_id = 'A' ORDER BY id;

-- the mailer sends the notices of 2 November (each invoice's next level
-- waits for its last reminder to leave the queue)
SELECT count(*) FROM (SELECT dunning.ack('m', c.id) FROM dunning.claim('m', 10) c) a;

-- 9 November, a week later: A1 and A2 have reached step 2 and get a level 2
-- notice; A4 and A5 are not due (their step 2 comes at 30 days), so they are
-- not listed; A3 is closed
SELECT emitted FROM dunning.run('2026-11-09 09:00+00');
SELECT customer_id, invoice_ids, level FROM dunning.all_reminders
 WHERE customer_id = 'A' AND status = 'pending' ORDER BY id;
SELECT invoice_id, level, waiting_for, status FROM dunning.invoice_state
 WHERE customer_id = 'A' ORDER BY 1;

-- D: a notice on 2 November (D1, D2) and one on 9 November (D3); on 16
-- November D4 would be a third within 30 days: it waits, not looked at again
-- until the instant the first contact leaves the window (2 December, 09:00);
-- then it goes out together with D1 and D2, which have reached step 2
-- meanwhile
SELECT emitted FROM dunning.run('2026-11-16 09:00+00');
SELECT invoice_id, level, waiting_for, next_check_at FROM dunning.invoice_state
 WHERE customer_id = 'D' ORDER BY 1;
SELECT as_of, invoice_ids FROM dunning.all_reminders WHERE customer_id = 'D' ORDER BY id;
SELECT count(*) FROM (SELECT dunning.ack('m', c.id) FROM dunning.claim('m', 10) c) a;
SELECT emitted FROM dunning.run('2026-12-02 09:00+00');
SELECT as_of, invoice_ids FROM dunning.all_reminders WHERE customer_id = 'D' ORDER BY id;

-- D pays D1 and D2 before that notice goes out: it is trimmed to D4 alone,
-- at D4's own level 1; D4's state still points at it
UPDATE cons.invoices SET balance = 0 WHERE id IN ('D1', 'D2');
SELECT emitted, resolved, cancelled FROM dunning.run('2026-12-03 09:00+00');
SELECT invoice_ids, level, status, payload->'level' AS payload_level
  FROM dunning.all_reminders WHERE customer_id = 'D' ORDER BY id;
SELECT h.invoice_id, h.event, h.level, h.reason FROM dunning.history h
 WHERE h.customer_id = 'D' AND h.at = '2026-12-03 09:00+00' ORDER BY h.id;
SELECT s.invoice_id, r.invoice_ids AS last_reminder FROM dunning.invoice_state s
  JOIN dunning.all_reminders r ON r.id = s.last_reminder_id WHERE s.invoice_id = 'D4';

DELETE FROM dunning.reminder;
DELETE FROM dunning.reminder_archive;
DELETE FROM dunning.invoice_state;
DELETE FROM dunning.history;
DELETE FROM dunning.charge;
DELETE FROM dunning.run_log;
DELETE FROM cons.invoices;

-- E, under a policy that reminds per invoice, has three invoices due for a
-- reminder on 16 November and room for two contacts in 30 days: E1 and E2 go
-- out, E3 waits until the instant the first of them leaves the window (16
-- December, 09:00), is not looked at before, and goes out then
INSERT INTO dunning.policy (name, currency, is_default, min_open_amount, grace_days,
    min_days_between, group_by, max_reminders, per_period, send_days, send_from,
    send_until, time_zone)
VALUES ('single', 'EUR', false, 5, 0, 7, 'invoice', 2, '30 days', '{1,2,3,4,5,6,7}',
        '00:00', '23:59', 'UTC');
INSERT INTO dunning.step (policy, level, days_overdue, channel) VALUES ('single', 1, 3, 'email');
INSERT INTO dunning.assignment (customer_id, policy) VALUES ('E', 'single');
INSERT INTO cons.invoices VALUES
  ('E1', 'E', '2026-11-10', 10.00, 'INV-E1'),
  ('E2', 'E', '2026-11-10', 10.00, 'INV-E2'),
  ('E3', 'E', '2026-11-10', 10.00, 'INV-E3');
SELECT examined, emitted FROM dunning.run('2026-11-16 09:00+00', full_discovery => true);
SELECT invoice_ids, level FROM dunning.all_reminders WHERE customer_id = 'E' ORDER BY id;
SELECT invoice_id, level, waiting_for, next_check_at FROM dunning.invoice_state
 WHERE customer_id = 'E' ORDER BY 1;
SELECT examined, emitted FROM dunning.run('2026-12-15 09:00+00');
SELECT count(*) FROM dunning.preview('2026-12-16 08:59+00') WHERE customer_id = 'E';
SELECT emitted FROM dunning.run('2026-12-16 09:00+00');
SELECT invoice_ids, level, as_of FROM dunning.all_reminders WHERE customer_id = 'E' ORDER BY id;

\set fixture_schema cons
\i sql/fixtures/teardown.sql
