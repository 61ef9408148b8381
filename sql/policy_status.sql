-- Steering a campaign: a policy paused on its own (its customers keep it
-- and their levels, nothing is sent, no burst on resuming), and a draft
-- that only preview() uses until it is switched on.
\i sql/fixtures/ledger.sql
INSERT INTO fx.customers VALUES
  (1, 'one@example.com', 'One', 'en', NULL, NULL),
  (2, 'two@example.com', 'Two', 'en', NULL, NULL);
INSERT INTO fx.invoices (id, customer_id, due_date, balance, number) VALUES
  (11, 1, '2026-10-01', 100.00, 'A-11'),
  (21, 2, '2026-10-01', 200.00, 'A-21');
INSERT INTO dunning.policy (name, currency, is_default, min_days_between, send_days, send_from,
    send_until, time_zone)
VALUES ('std', 'EUR', true, 1, '{1,2,3,4,5,6,7}', '00:00', '23:59', 'UTC');
INSERT INTO dunning.step (policy, level, days_overdue, channel, template) VALUES
  ('std', 1, 1, 'email', 'friendly'), ('std', 2, 10, 'email', 'firm'),
  ('std', 3, 20, 'email', 'final');

-- a draft for customer 2: letters from the first step
INSERT INTO dunning.policy (name, currency, min_days_between, send_days, send_from, send_until,
    time_zone, status)
VALUES ('letters', 'EUR', 1, '{1,2,3,4,5,6,7}', '00:00', '23:59', 'UTC', 'draft');
INSERT INTO dunning.step (policy, level, days_overdue, channel, template) VALUES
  ('letters', 1, 1, 'letter', 'final');
INSERT INTO dunning.assignment (customer_id, policy) VALUES (2, 'letters');
-- preview tries it; a pass ignores it, and customer 2 stays on the default
SELECT customer_id, policy, channel FROM dunning.preview('2026-10-02 10:00+00')
 ORDER BY customer_id;
SELECT emitted FROM dunning.run('2026-10-02 10:00+00');
SELECT customer_id, policy, level, channel FROM dunning.reminder ORDER BY customer_id;
DELETE FROM dunning.reminder;

-- paused: nothing is sent for two weeks, while the invoices pass the days
-- of levels 2 and 3; they keep their policy and level and wait
UPDATE dunning.policy SET status = 'paused' WHERE name = 'std';
SELECT emitted FROM dunning.run('2026-10-12 10:00+00');
SELECT emitted FROM dunning.run('2026-10-25 10:00+00');
SELECT invoice_id, policy, level, waiting_for, next_check_at FROM dunning.invoice_state
 ORDER BY invoice_id;
-- resumed: each invoice gets what is due now, one step (level 2, not 2
-- and 3 at once), and nothing more the same day
UPDATE dunning.policy SET status = 'active' WHERE name = 'std';
SELECT emitted FROM dunning.run('2026-10-26 10:00+00');
SELECT customer_id, level, channel FROM dunning.reminder ORDER BY customer_id;
SELECT emitted FROM dunning.run('2026-10-26 12:00+00');
-- the mailer sends them
SELECT count(*) FROM (SELECT dunning.ack('m', c.id) FROM dunning.claim('m', 10) c) a;

-- the draft switched on: customer 2 follows it from the level reached, and
-- it has no step above level 2, so only customer 1 gets the final notice
UPDATE dunning.policy SET status = 'active' WHERE name = 'letters';
SELECT invoice_id, policy, waiting_for FROM dunning.invoice_state ORDER BY invoice_id;
SELECT customer_id, policy, level, channel FROM dunning.preview('2026-11-05 10:00+00')
 ORDER BY customer_id;
UPDATE dunning.policy SET status = 'stopped' WHERE name = 'std';

-- A backlog on the first day: with first_contact = 'by_age' an invoice
-- first seen 45 days overdue starts at the step its age reached (3), one
-- seen 12 days overdue at step 2; with 'gentlest' (the default) both would
-- get step 1.  And the gentle text does not call a month-old debt an
-- oversight (long_overdue)
DELETE FROM dunning.reminder;
DELETE FROM dunning.reminder_archive;
DELETE FROM dunning.invoice_state;
DELETE FROM dunning.history;
DELETE FROM dunning.assignment;
UPDATE dunning.engine SET last_as_of = NULL, last_full_as_of = NULL;
UPDATE dunning.policy SET status = 'active', first_contact = 'by_age' WHERE name = 'std';
UPDATE dunning.policy SET first_contact = 'sometimes' WHERE name = 'std';
INSERT INTO fx.invoices (id, customer_id, due_date, balance, number) VALUES
  (12, 1, '2026-11-03', 120.00, 'A-12');
SELECT invoice_ids, level, payload->>'long_overdue' AS long_overdue
  FROM dunning.preview('2026-11-15 10:00+00') ORDER BY invoice_ids;
UPDATE dunning.policy SET first_contact = 'gentlest' WHERE name = 'std';
SELECT invoice_ids, level FROM dunning.preview('2026-11-15 10:00+00') ORDER BY invoice_ids;
-- the friendly text, for a recent invoice and for one long overdue
SELECT strpos(dunning.render('friendly', 'en', '{"long_overdue": false}')::text,
              'overlooked') > 0 AS recent_says_overlooked,
       strpos(dunning.render('friendly', 'en', '{"long_overdue": true}')::text,
              'overlooked') > 0 AS old_says_overlooked,
       strpos(dunning.render('friendly', 'en', '{"long_overdue": true}')::text,
              'outstanding for some time') > 0 AS old_says_outstanding;

-- "What goes out by tomorrow evening" in one query: the preview with what
-- is queued already; and a preview or pass before the previous pass warns
UPDATE dunning.policy SET first_contact = 'by_age' WHERE name = 'std';
SELECT emitted FROM dunning.run('2026-11-15 10:00+00');
INSERT INTO fx.invoices (id, customer_id, due_date, balance, number) VALUES
  (22, 2, '2026-11-15', 220.00, 'A-22');
SELECT invoice_ids, level, status FROM dunning.preview('2026-11-16 18:00+00', include_queued => true)
 ORDER BY invoice_ids;
SELECT count(*) AS new_only FROM dunning.preview('2026-11-16 18:00+00');
SELECT count(*) FROM dunning.preview('2026-11-14 10:00+00');
SELECT emitted FROM dunning.run('2026-11-14 10:00+00');

\i sql/fixtures/teardown.sql
