-- Feedback that acts: no reminder goes to a missing address; a bounce, a
-- complaint or a permanent failure lists the address on dunning.suppression,
-- and the customer's next reminders use the step's fallback channel or
-- wait as undeliverable; a new address clears it; a dead reminder does not
-- count; a collector's outcome becomes a hold or lists a wrong number.
\i sql/fixtures/ledger.sql
-- reminder ids appear in messages and notes
ALTER SEQUENCE dunning.reminder_id_seq RESTART WITH 1001;
INSERT INTO fx.customers VALUES
  (1, 'one@example.com', 'One', 'en', NULL, '+33 1 11 11 11 11'),
  (2, NULL,              'Two', 'en', NULL, NULL),   -- no address, no number
  (3, 'three@example.com', 'Three', 'en', NULL, NULL),
  (4, 'four@example.com', 'Four', 'en', NULL, '+33 4 44 44 44 44');
INSERT INTO fx.invoices (id, customer_id, due_date, balance, number) VALUES
  (11, 1, '2026-10-01', 100.00, 'F-11'),
  (21, 2, '2026-10-01', 200.00, 'F-21'),
  (31, 3, '2026-10-01', 300.00, 'F-31'),
  (41, 4, '2026-10-01', 400.00, 'F-41');
-- level 1 by e-mail; level 2 by e-mail, or by letter when e-mail cannot
-- reach; level 3 by e-mail alone; level 4 a call; three contacts a month
INSERT INTO dunning.policy (name, currency, is_default, min_days_between, send_days, send_from,
    send_until, time_zone, max_reminders, per_period)
VALUES ('std', 'EUR', true, 3, '{1,2,3,4,5,6,7}', '00:00', '23:59', 'UTC', 3, '30 days');
INSERT INTO dunning.step (policy, level, days_overdue, channel, template, fallback_channel) VALUES
  ('std', 1, 1, 'email', 'friendly', NULL), ('std', 2, 10, 'email', 'final', 'letter'),
  ('std', 3, 20, 'email', 'firm', NULL), ('std', 4, 32, 'phone', NULL, NULL);

-- a step's fallback is another channel, with the template for it
UPDATE dunning.step SET fallback_channel = 'email' WHERE level = 1;
UPDATE dunning.step SET fallback_channel = 'pigeon' WHERE level = 1;
UPDATE dunning.step SET fallback_channel = 'letter' WHERE level = 1;
-- and a template a step falls back to cannot go while the step names it
INSERT INTO dunning.template (name, channel, locale, subject, body)
VALUES ('firm', 'letter', 'en', 'Reminder', 'Please pay {{total_due}}.');
UPDATE dunning.step SET fallback_channel = 'letter' WHERE level = 3;
DELETE FROM dunning.template WHERE name = 'firm' AND channel = 'letter';
UPDATE dunning.step SET fallback_channel = NULL WHERE level = 3;
DELETE FROM dunning.template WHERE name = 'firm' AND channel = 'letter';

-- 1. No address: customer 2's invoice waits, never emitted, and is a problem
SELECT emitted FROM dunning.run('2026-10-02 10:00+00');
SELECT customer_id, channel, recipient FROM dunning.reminder ORDER BY id;
SELECT invoice_id, kind, problem FROM dunning.problems ORDER BY invoice_id;
-- mended: the next day's look sends it
UPDATE fx.customers SET email = 'two@example.com' WHERE id = 2;
SELECT emitted FROM dunning.run('2026-10-03 10:00+00');
SELECT count(*) AS problems FROM dunning.problems;
SELECT count(*) AS sent
  FROM (SELECT dunning.ack('m', id) FROM dunning.claim('m', 10, channels => '{email}')) a;
-- the archive keeps when each was sent
SELECT status, count(*), bool_and(sent_at = archived_at) AS sent_when_acked
  FROM dunning.reminder_archive GROUP BY status;

-- 2. Feedback: 1's address bounces, 3 complains; 4's mailer reports a
-- permanent failure on a later reminder (below)
SELECT dunning.record_event(id, 'bounced', '2026-10-04 08:00+00', '{"smtp": "550 5.1.1"}') > 0
       AS recorded FROM dunning.all_reminders WHERE customer_id = 1;
SELECT dunning.record_event(id, 'complained', '2026-10-04 09:00+00') > 0
       AS recorded FROM dunning.all_reminders WHERE customer_id = 3;
SELECT dunning.record_event(id, 'opened', '2026-10-04 09:00+00') > 0
       AS recorded FROM dunning.all_reminders WHERE customer_id = 2;
SELECT customer_id, contact, address, reason, reminder_id IS NOT NULL AS from_reminder
  FROM dunning.suppression ORDER BY customer_id;
-- a second bounce adds nothing
SELECT dunning.record_event(id, 'bounced', '2026-10-05 08:00+00') > 0
       AS recorded FROM dunning.all_reminders WHERE customer_id = 1;
SELECT count(*) FROM dunning.suppression;

-- day 11, level 2: 1 gets the letter (the fallback), 3 the letter too,
-- 2 and 4 their e-mail
SELECT emitted FROM dunning.run('2026-10-11 10:00+00');
SELECT customer_id, level, channel, recipient, payload->>'channel' AS payload_channel
  FROM dunning.reminder ORDER BY customer_id;

-- 3. Without a fallback the invoices wait as undeliverable: level 3 for 1
-- (bounced) and 3 (complained)
SELECT count(*) AS sent FROM (SELECT dunning.ack('m', id) FROM dunning.claim('m', 10)) a;
SELECT emitted FROM dunning.run('2026-10-21 10:00+00');
SELECT customer_id, level, channel, recipient FROM dunning.reminder ORDER BY customer_id;
SELECT invoice_id, kind, problem FROM dunning.problems ORDER BY invoice_id;
-- a new address clears a bounce: 1's level 3 goes the next day
UPDATE fx.customers SET email = 'one.new@example.com' WHERE id = 1;
SELECT emitted FROM dunning.run('2026-10-22 10:00+00');
SELECT customer_id, level, channel, recipient FROM dunning.reminder
 WHERE customer_id = 1 ORDER BY id;
SELECT invoice_id, kind FROM dunning.problems ORDER BY invoice_id;

-- level 4 is a call: 2 has no number (no_recipient); 1's number is listed
-- by hand, whatever the number; 4 is called
INSERT INTO dunning.suppression (customer_id, contact, address, reason, detail)
VALUES (1, 'phone', NULL, 'manual', 'asked not to be called');
-- (an entry that makes no sense is refused, saying why)
INSERT INTO dunning.suppression (customer_id, contact, reason) VALUES (1, 'fax', 'manual');
INSERT INTO dunning.suppression (customer_id, contact, reason) VALUES (1, 'email', 'annoyed');
SELECT count(*) AS sent FROM (SELECT dunning.ack('m', id) FROM dunning.claim('m', 10)) a;
SELECT emitted FROM dunning.run('2026-11-02 10:00+00');
SELECT customer_id, level, channel, recipient FROM dunning.reminder ORDER BY customer_id;
SELECT invoice_id, kind, problem FROM dunning.problems ORDER BY invoice_id;

-- 4. A permanent failure: 4's call is dead at once and its number listed.
-- The dead reminder does not count: the invoice is back at level 3, the
-- history says why, and the cap and min_days_between count what reached
-- the customer
SELECT id AS r4 FROM dunning.reminder WHERE customer_id = 4 \gset
SELECT count(*) FROM dunning.claim('m', 10, channels => '{phone}');
SELECT dunning.nack('m', :r4, 'number not in service', permanent => true);
SELECT status, sent_at FROM dunning.reminder_archive WHERE id = :r4;
SELECT customer_id, contact, address, reason FROM dunning.suppression WHERE customer_id = 4;
SELECT invoice_id, level, last_reminder_at, next_check_at FROM dunning.invoice_state
 WHERE invoice_id = 41;
SELECT event, level, reason, reason_code FROM dunning.history WHERE invoice_id = 41 ORDER BY id;
-- looked at again at once: level 4 again, and the number is listed: it waits
SELECT emitted FROM dunning.run('2026-11-02 11:00+00');
SELECT invoice_id, level, waiting_for, problem FROM dunning.invoice_state WHERE invoice_id = 41;
-- a new number: the call goes the next day.  Of 4's reminders in the 30
-- days before (levels 2 and 3, and the dead call) two count, under the cap
-- of three; and the last that counts (day 20) is more than 3 days ago
UPDATE fx.customers SET phone = '+33 4 00 00 00 00' WHERE id = 4;
-- and 1's entry, deleted, no longer stops its call
DELETE FROM dunning.suppression WHERE customer_id = 1 AND contact = 'phone';
SELECT emitted FROM dunning.run('2026-11-03 12:00+00');
SELECT customer_id, level, channel, recipient FROM dunning.reminder ORDER BY customer_id;

-- 5. Collectors' outcomes.  The calls are a worklist: claimed, then told
-- what came of them
SELECT id AS call1 FROM dunning.reminder WHERE customer_id = 1 \gset
SELECT id AS call4 FROM dunning.reminder WHERE customer_id = 4 \gset
SELECT count(*) FROM dunning.claim('desk', 10, channels => '{phone}');
-- bad input
SELECT dunning.record_outcome(:call1, 'maybe');
SELECT dunning.record_outcome(:call1, 'promised');
SELECT dunning.record_outcome(:call1, 'disputed', reason => '  ');
SELECT dunning.record_outcome(:call1, 'promised', '2026-11-15', amount => -5);
SELECT dunning.record_outcome(-1, 'no_answer');
SELECT id AS mail2 FROM dunning.all_reminders WHERE customer_id = 2 ORDER BY id LIMIT 1 \gset
SELECT dunning.record_outcome(:mail2, 'no_answer');
-- a promise holds the invoice until the day promised; a wrong number is
-- listed; no answer is kept
SELECT dunning.record_outcome(:call1, 'no_answer', note => 'voicemail full') > 0 AS recorded;
SELECT dunning.record_outcome(:call1, 'promised', '2026-11-15', 100.00, note => 'after payday') > 0
       AS recorded;
SELECT dunning.record_outcome(:call4, 'wrong_number') > 0 AS recorded;
SELECT reminder_id = :call1 AS call1, outcome, promised_until, promised_amount, note,
       cardinality(hold_ids) AS holds
  FROM dunning.outcome ORDER BY id;
SELECT invoice_id, reason, until, note FROM dunning.hold ORDER BY id;
SELECT customer_id, contact, address, reason FROM dunning.suppression
 WHERE customer_id = 4 ORDER BY id;
-- a dispute holds the invoice with no end
SELECT dunning.record_outcome(:call4, 'disputed', reason => 'goods arrived damaged') > 0
       AS recorded;
SELECT invoice_id, reason, until, note FROM dunning.hold WHERE invoice_id = 41;


-- 6. A dunning contact and a postal address.  Bound, a dunning e-mail
-- address goes before the main one, and a letter needs an address: the
-- queue's recipient is the address on lines, and the payload carries it
-- (for hand-offs too)
ALTER TABLE fx.customers ADD COLUMN billing_email text, ADD COLUMN street text,
  ADD COLUMN zip text, ADD COLUMN town text, ADD COLUMN land text;
SELECT dunning.bind_customers('fx.customers', 'id', email => 'email', name => 'name',
         locale => 'locale', time_zone => 'tz', phone => 'phone',
         dunning_email => 'billing_email', address => 'street', postcode => 'zip',
         city => 'town', country => 'land') AS bound \gset
INSERT INTO fx.customers (id, email, name, billing_email, street, zip, town, land) VALUES
  (5, 'five@example.com', 'Five', 'ap@five.example', E'Five Ltd\n1 Quay Street', 'BS1 4DJ',
   'Bristol', 'United Kingdom'),
  (6, 'six@example.com', 'Six', NULL, NULL, NULL, NULL, NULL),
  (7, 'seven@example.com', 'Seven', NULL, E'7 Rue\tdu Port', '13002', 'Marseille', 'France');
INSERT INTO fx.invoices (id, customer_id, due_date, balance, number) VALUES
  (51, 5, '2026-11-01', 500.00, 'F-51'), (61, 6, '2026-11-01', 600.00, 'F-61'),
  (71, 7, '2026-11-01', 700.00, 'F-71');
INSERT INTO dunning.policy (name, currency, min_days_between, send_days, send_from,
    send_until, time_zone)
VALUES ('post', 'EUR', 3, '{1,2,3,4,5,6,7}', '00:00', '23:59', 'UTC');
INSERT INTO dunning.step (policy, level, days_overdue, channel, template) VALUES
  ('post', 1, 1, 'email', 'friendly'), ('post', 2, 5, 'letter', 'final'),
  ('post', 3, 10, 'handoff', 'handoff');
INSERT INTO dunning.assignment (customer_id, policy) VALUES (5, 'post'), (6, 'post'), (7, 'post');
SELECT emitted FROM dunning.run('2026-11-02 10:00+00');
SELECT customer_id, channel, recipient FROM dunning.reminder
 WHERE customer_id IN (5, 6, 7) ORDER BY customer_id;
SELECT invoice_id, kind, problem FROM dunning.problems WHERE invoice_id IN (51, 61, 71);
SELECT count(*) AS sent FROM (SELECT dunning.ack('m', id) FROM dunning.claim('m', 10)) a;
SELECT emitted FROM dunning.run('2026-11-06 10:00+00');
SELECT customer_id, channel, recipient FROM dunning.reminder
 WHERE customer_id IN (5, 6, 7) ORDER BY customer_id;
SELECT invoice_id, kind, problem FROM dunning.problems WHERE invoice_id IN (51, 61, 71);
SELECT jsonb_pretty(payload->'address') FROM dunning.reminder WHERE customer_id = 5;
SELECT count(*) AS sent FROM (SELECT dunning.ack('m', id) FROM dunning.claim('m', 10)) a;
SELECT emitted FROM dunning.run('2026-11-11 10:00+00');
SELECT channel, payload->'address'->>'city' AS city FROM dunning.reminder WHERE customer_id = 5;

\i sql/fixtures/teardown.sql
