-- No stacking, and unsent reminders expire: an invoice's next level waits
-- while its last reminder is in the queue; a reminder nobody sends (its
-- channel is not consumed, or it keeps failing) is cancelled as expired
-- after its policy's unsent_expiry, with the reason in the archive and the
-- history, and its charges withdrawn, and the invoice goes on; a reminder
-- being delivered is left alone.
\i sql/fixtures/ledger.sql
INSERT INTO fx.customers VALUES (1, 'one@example.com', 'One', 'en', NULL, NULL);
INSERT INTO fx.invoices (id, customer_id, due_date, balance, number) VALUES
  (11, 1, '2026-10-01', 100.00, 'S-11');
-- level 2 goes by letter, which no consumer here claims, with a fee; level
-- 3, a hand-off, is due at 10 days
INSERT INTO dunning.policy (name, currency, is_default, min_days_between, send_days, send_from,
    send_until, time_zone, unsent_expiry)
VALUES ('std', 'EUR', true, 3, '{1,2,3,4,5,6,7}', '00:00', '23:59', 'UTC', '10 days');
INSERT INTO dunning.step (policy, level, days_overdue, channel, template, fee) VALUES
  ('std', 1, 1, 'email', 'friendly', 0), ('std', 2, 5, 'letter', 'final', 15),
  ('std', 3, 10, 'handoff', 'handoff', 0);

SELECT emitted FROM dunning.run('2026-10-02 10:00+00');
SELECT count(*) FROM (SELECT dunning.ack('m', id) FROM dunning.claim('m', 10, channels => '{email}')) a;
SELECT emitted FROM dunning.run('2026-10-06 10:00+00');
SELECT kind, amount FROM dunning.charge;
-- day 11: the hand-off is due, and waits for the letter (no stacking)
SELECT emitted FROM dunning.run('2026-10-11 10:00+00');
SELECT invoice_id, level, waiting_for FROM dunning.invoice_state;
-- day 15: the letter has waited 9 days, and stays
SELECT cancelled FROM dunning.run('2026-10-15 10:00+00');
-- day 16: 10 days: it expires, its fee is withdrawn, and the history and
-- the archive say why; the invoice keeps its level and goes on: the same
-- pass sends the hand-off
SELECT cancelled, emitted FROM dunning.run('2026-10-16 10:00+00');
SELECT invoice_ids, level, channel, status, last_error FROM dunning.all_reminders ORDER BY id;
SELECT event, level, reason, reason_code FROM dunning.history ORDER BY id;
SELECT count(*) AS charges FROM dunning.charge;
SELECT invoice_id, level, status, waiting_for FROM dunning.invoice_state;
-- a reminder being delivered (its lease running) does not expire
UPDATE dunning.policy SET unsent_expiry = '1 day';
SELECT count(*) FROM dunning.claim('m', 10, '1 hour', '{handoff}');
SELECT cancelled FROM dunning.run('2026-11-03 10:00+00', full_discovery => true);
SELECT level, status FROM dunning.reminder;
-- unsent_expiry is checked
UPDATE dunning.policy SET unsent_expiry = '1 hour';
\i sql/fixtures/teardown.sql
