-- One pass after another, with frozen dates: the rules for single invoices.
\set SHOW_CONTEXT never
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
CREATE SCHEMA rules;
CREATE TABLE rules.invoices (
  id bigint PRIMARY KEY, customer_id bigint NOT NULL, due_date date NOT NULL,
  balance numeric(12,2) NOT NULL, currency text NOT NULL, number text NOT NULL);
CREATE TABLE rules.customers (id bigint PRIMARY KEY, email text, tz text);
INSERT INTO rules.customers VALUES
  (1, 'one@example.com', 'Europe/Paris'), (2, 'two@example.com', NULL),
  (3, 'three@example.com', 'Europe/Paris'), (4, 'four@example.com', 'Europe/Paris'),
  (5, 'five@example.com', 'Europe/Paris'), (6, 'six@example.com', 'Europe/Paris'),
  (7, 'seven@example.com', 'Europe/Paris'), (8, 'eight@example.com', 'Europe/Paris');
INSERT INTO rules.invoices VALUES
  (101, 1, '2026-11-01',  100.00, 'EUR', 'R-101'),  -- 1 day overdue: in grace
  (102, 1, '2026-10-20',  200.00, 'EUR', 'R-102'),  -- 13 days: step 1
  (103, 2, '2026-09-01',  300.00, 'EUR', 'R-103'),  -- 62 days: still step 1 first
  (104, 2, '2026-09-01',    0.00, 'EUR', 'R-104'),  -- paid: never looked at
  (105, 3, '2026-10-01',    2.00, 'EUR', 'R-105'),  -- under the minimum
  (106, 3, '2026-10-01',  600.00, 'EUR', 'R-106'),  -- disputed
  (107, 4, '2026-10-01',  700.00, 'EUR', 'R-107'),  -- its customer promised to pay
  (108, 5, '2026-10-01',  800.00, 'EUR', 'R-108'),  -- its customer follows 'gentle'
  (109, 6, '2026-10-01',  900.00, 'USD', 'R-109'),  -- no policy for USD
  (110, 7, '2026-10-30', 1000.00, 'EUR', 'R-110'),  -- exactly 3 days: still in grace
  (111, 8, '2026-12-01', 1100.00, 'EUR', 'R-111');  -- not due yet
SELECT dunning.bind_ledger('rules.invoices', 'id', 'customer_id', 'due_date', 'balance',
                           'currency', 'number');
SELECT dunning.bind_customers('rules.customers', 'id', email => 'email', time_zone => 'tz');

INSERT INTO dunning.policy (name, currency, is_default, min_open_amount, grace_days,
    min_days_between, send_days, send_from, send_until, time_zone)
VALUES ('std', 'EUR', true, 5, 3, 5, '{1,2,3,4,5}', '09:00', '17:00', 'Europe/Paris'),
       ('gentle', 'EUR', false, 5, 10, 10, '{1,2,3,4,5}', '09:00', '17:00', 'Europe/Paris');
INSERT INTO dunning.step (policy, level, days_overdue, channel, fee) VALUES
  ('std', 1, 3, 'email', 0), ('std', 2, 14, 'email', 0),
  ('std', 3, 30, 'letter', 40), ('std', 4, 45, 'handoff', 0),
  ('gentle', 1, 3, 'email', 0), ('gentle', 2, 30, 'email', 0);
INSERT INTO dunning.assignment (customer_id, policy) VALUES (5, 'gentle');
INSERT INTO dunning.hold (invoice_id, reason) VALUES (106, 'dispute');
INSERT INTO dunning.hold (customer_id, reason, until) VALUES (4, 'promise_to_pay', '2026-11-10');

-- what the state looks like after each pass
-- (every customer here counts days in Paris: the next look is shown there)
CREATE VIEW rules.state AS
  SELECT invoice_id, level, waiting_for,
         next_check_at AT TIME ZONE 'Europe/Paris' AS next_check, status, closed_reason
    FROM dunning.invoice_state ORDER BY invoice_id;
-- (over the tables: dunning.all_reminders is made anew with each binding)
CREATE VIEW rules.queue AS
  SELECT invoice_ids, level, channel, recipient, available_at, status, idempotency_key
    FROM (SELECT id, invoice_ids, level, channel, recipient, available_at, status,
                 idempotency_key
            FROM dunning.reminder
          UNION ALL
          SELECT id, invoice_ids, level, channel, recipient, available_at, status,
                 idempotency_key
            FROM dunning.reminder_archive) r
   ORDER BY id;
-- the mailer: it delivers whatever is in the queue (an invoice's next level
-- waits until its last reminder has left the queue)
CREATE FUNCTION pg_temp.mailer() RETURNS bigint LANGUAGE sql AS $$
  SELECT count(*) FROM (SELECT dunning.ack('m', c.id) FROM dunning.claim('m', 100) c) a
$$;

-- without a pass nothing is written; a preview shows what a pass would emit
SELECT invoice_ids, level, channel, available_at FROM dunning.preview('2026-11-02 10:00+01');
SELECT count(*) FROM dunning.invoice_state;

-- pass 1, Monday 2 November 2026 at 10:00 in Paris: the first pass discovers
-- every overdue invoice; 102, 103 and 108 get step 1 (103 reached step 4's
-- days, but never skips the gentle step; 108 follows 'gentle', whose grace
-- it has left); the rest wait, each for its own reason
SELECT discovery, examined, emitted, resolved, cancelled FROM dunning.run('2026-11-02 10:00+01');
SELECT * FROM rules.queue;
SELECT * FROM rules.state;

-- the same pass again emits nothing: the state says it is done, and the
-- idempotency keys would refuse a second copy anyway
SELECT discovery, examined, emitted FROM dunning.run('2026-11-02 10:00+01');
SELECT count(*) FROM dunning.all_reminders;

-- the mailer sends them
SELECT pg_temp.mailer();

-- Thursday 5 November: 101 and 110 leave their grace days and get step 1;
-- 102 and 103 wait for min_days_between (5 days after Monday)
SELECT discovery, examined, emitted FROM dunning.run('2026-11-05 10:00+01');
SELECT * FROM rules.state WHERE invoice_id IN (102, 103);

-- 102 is paid on Friday; Monday 9 November: 102 is resolved; 103 gets step
-- 2 (one level at a time)
SELECT pg_temp.mailer();
UPDATE rules.invoices SET balance = 0 WHERE id = 102;
SELECT discovery, examined, emitted, resolved FROM dunning.run('2026-11-09 10:00+01');
SELECT * FROM rules.queue OFFSET 2;
SELECT * FROM rules.state;

-- the promise to pay ran until 10 November, inclusive: 107 waits on the 10th
-- and is reminded on the 11th
SELECT pg_temp.mailer();
SELECT emitted FROM dunning.run('2026-11-10 10:00+01');
SELECT emitted FROM dunning.run('2026-11-11 10:00+01');
SELECT invoice_ids, level FROM dunning.all_reminders WHERE 107 = ANY (invoice_ids);

-- lifting the dispute on 106 makes it due at the next pass (108 also gets
-- its 'gentle' step 2, ten days after step 1)
DELETE FROM dunning.hold WHERE invoice_id = 106;
SELECT invoice_id, next_check_at FROM dunning.invoice_state WHERE invoice_id = 106;
SELECT pg_temp.mailer();
SELECT emitted FROM dunning.run('2026-11-12 10:00+01');
SELECT invoice_ids, level FROM dunning.all_reminders WHERE 106 = ANY (invoice_ids);

-- a reminder not yet sent whose invoice is paid is cancelled by the first
-- pass of the next day, or by a full pass, and the invoice is resolved; a
-- pass later the same day leaves it to the claim, which checks every
-- reminder it hands out
UPDATE rules.invoices SET balance = 0 WHERE id = 106;
SELECT resolved, cancelled FROM dunning.run('2026-11-12 10:30+01');
SELECT resolved, cancelled FROM dunning.run('2026-11-12 11:00+01', full_discovery => true);
SELECT status, last_error FROM dunning.all_reminders WHERE 106 = ANY (invoice_ids);
SELECT status, closed_reason FROM dunning.invoice_state WHERE invoice_id = 106;

-- an invoice that leaves the ledger is resolved as vanished
DELETE FROM rules.invoices WHERE id = 110;
SELECT pg_temp.mailer();
SELECT resolved FROM dunning.run('2026-11-19 10:00+01');
SELECT status, closed_reason FROM dunning.invoice_state WHERE invoice_id = 110;

-- a policy for USD appears: 109 is looked at again and reminded
INSERT INTO dunning.policy (name, currency, is_default, send_days, send_from,
    send_until, time_zone)
VALUES ('std-usd', 'USD', true, '{1,2,3,4,5,6,7}', '00:00', '23:59', 'UTC');
INSERT INTO dunning.step (policy, level, days_overdue, channel) VALUES ('std-usd', 1, 1, 'email');
SELECT emitted FROM dunning.run('2026-11-19 11:00+01');
SELECT invoice_ids, policy, level FROM dunning.all_reminders WHERE 109 = ANY (invoice_ids);

-- a policy scheduled for later starts by itself: 112 (GBP) has no policy
-- on the 24th, and is reminded by SMS on the 25th without any other change
INSERT INTO rules.invoices VALUES (112, 8, '2026-11-20', 50.00, 'GBP', 'R-112');
INSERT INTO dunning.policy (name, currency, is_default, time_zone, send_days, send_from,
    send_until, active_from)
VALUES ('gbp-later', 'GBP', true, 'Europe/London', '{1,2,3,4,5,6,7}', '08:00', '20:00',
        '2026-11-25 00:00+00');
INSERT INTO dunning.step (policy, level, days_overdue, channel)
VALUES ('gbp-later', 1, 1, 'sms');
SELECT pg_temp.mailer();
SELECT emitted FROM dunning.run('2026-11-24 10:00+00');
SELECT invoice_id, policy, waiting_for, next_check_at FROM dunning.invoice_state
 WHERE invoice_id = 112;
SELECT emitted FROM dunning.run('2026-11-25 10:00+00');
SELECT invoice_ids, policy, channel, recipient FROM dunning.all_reminders
 WHERE 112 = ANY (invoice_ids);

-- the history of one invoice, and the run log
SELECT event, level, reason FROM dunning.history WHERE invoice_id = 103 ORDER BY id;
SELECT event, level, reason FROM dunning.history WHERE invoice_id = 106 ORDER BY id;
SELECT as_of, discovery, examined, emitted, resolved, cancelled FROM dunning.run_log ORDER BY id;

-- the analysts' view of the open invoices
SELECT invoice_id, reference, open_amount, policy, level, next_level, next_channel,
       waiting_for, hold
  FROM dunning.invoice_status ORDER BY invoice_id;

-- no ledger bound: a clear error
DELETE FROM dunning.reminder;
DELETE FROM dunning.reminder_archive;
SELECT dunning.unbind('customers');
SELECT dunning.unbind('ledger');
SELECT * FROM dunning.run('2026-11-25 10:00+00');

DELETE FROM dunning.invoice_state;
DELETE FROM dunning.history;
DELETE FROM dunning.charge;
DELETE FROM dunning.token_key;
DELETE FROM dunning.suppression;
DELETE FROM dunning.outcome;
DELETE FROM dunning.run_log;
DELETE FROM dunning.hold;
DELETE FROM dunning.assignment;
DELETE FROM dunning.policy;
DROP SCHEMA rules CASCADE;
