-- Discovery: a pass finds the invoices that fell due since the previous
-- pass, and at least once a day every overdue invoice, so that an invoice
-- entered late (or let through by a view) after its due date left that
-- window is found within a day, and one paid then open again (a bounced
-- payment) is reopened and dunned on from the level it had reached.
\i sql/fixtures/ledger.sql
INSERT INTO fx.invoices (id, customer_id, due_date, balance) VALUES (1, 1, '2026-10-01', 100.00);
INSERT INTO dunning.policy (name, currency, is_default, grace_days, min_days_between,
                            send_days, send_from, send_until, time_zone)
VALUES ('dc', 'EUR', true, 0, 1, '{1,2,3,4,5,6,7}', '00:00', '23:59', 'UTC');
INSERT INTO dunning.step (policy, level, days_overdue, channel) VALUES
  ('dc', 1, 3, 'letter'), ('dc', 2, 14, 'letter'), ('dc', 3, 30, 'letter');

SELECT discovery, examined, emitted FROM dunning.run('2026-11-02 09:00+00');
-- the mailer sends it
SELECT id AS r1 FROM dunning.claim('m', 1) \gset
SELECT dunning.ack('m', :r1);

-- invoice 2, due a month ago, is entered at 10:00: the next pass of the
-- day looks only at what fell due lately, and does not see it
INSERT INTO fx.invoices (id, customer_id, due_date, balance) VALUES (2, 2, '2026-10-01', 50.00);
SELECT discovery, examined, emitted FROM dunning.run('2026-11-02 11:00+00');
-- the first pass a day after the last full discovery finds it
SELECT discovery, examined, emitted FROM dunning.run('2026-11-03 09:00+00');
SELECT invoice_ids, level FROM dunning.all_reminders WHERE customer_id = 2;
-- (invoice 1 got its level 2 too; the mailer sends both)
SELECT count(*) FROM (SELECT dunning.ack('m', c.id) FROM dunning.claim('m', 10) c) a;

-- invoice 1 is paid, and noticed at its next look
UPDATE fx.invoices SET balance = 0 WHERE id = 1;
SELECT discovery, resolved FROM dunning.run('2026-11-04 09:00+00');
SELECT status, closed_reason, level FROM dunning.invoice_state WHERE invoice_id = 1;
-- the payment bounces: the invoice is open again; the next day's full
-- discovery reopens it at level 2, and it goes on to level 3
UPDATE fx.invoices SET balance = 100.00 WHERE id = 1;
SELECT discovery, emitted FROM dunning.run('2026-11-04 11:00+00');
SELECT discovery, emitted FROM dunning.run('2026-11-05 09:00+00');
SELECT status, level FROM dunning.invoice_state WHERE invoice_id = 1;
SELECT event, level, reason, reason_code FROM dunning.history WHERE invoice_id = 1 ORDER BY id;

-- invoice 1 is at its last step, with nothing in the queue: its next look
-- is the routine one, weeks away; paid, it is noticed by the next day's
-- full discovery all the same
SELECT count(*) FROM (SELECT dunning.ack('m', c.id) FROM dunning.claim('m', 10) c) a;
SELECT level, waiting_for, next_check_at > '2026-11-20' AS looked_at_in_weeks
  FROM dunning.invoice_state WHERE invoice_id = 1;
UPDATE fx.invoices SET balance = 0 WHERE id = 1;
SELECT discovery, resolved FROM dunning.run('2026-11-05 10:00+00');
SELECT discovery, resolved FROM dunning.run('2026-11-06 09:00+00');
SELECT status, closed_reason FROM dunning.invoice_state WHERE invoice_id = 1;

-- a pass later the same day does not read the ledger for new due dates (the
-- window has not moved): invoice 3, due yesterday and entered at noon, is
-- found by the next day's first pass, an incremental one
INSERT INTO fx.invoices (id, customer_id, due_date, balance) VALUES (3, 3, '2026-11-05', 30.00);
SELECT discovery, examined FROM dunning.run('2026-11-06 12:00+00');
SELECT discovery, examined FROM dunning.run('2026-11-07 08:00+00');
SELECT invoice_id, waiting_for FROM dunning.invoice_state WHERE invoice_id = 3;
-- a pass later that day still looks at what is due: a hold lifted makes
-- invoice 3 due for a look, and the next pass examines it alone
INSERT INTO dunning.hold (invoice_id, reason) VALUES (3, 'dispute');
DELETE FROM dunning.hold WHERE invoice_id = 3;
SELECT discovery, examined FROM dunning.run('2026-11-07 08:30+00');
-- and with nothing due, it examines nothing
SELECT discovery, examined FROM dunning.run('2026-11-07 08:31+00');
-- after entering invoices late, the next pass can be asked to look for them
INSERT INTO fx.invoices (id, customer_id, due_date, balance) VALUES (4, 4, '2026-11-01', 40.00);
SELECT discovery, examined FROM dunning.run('2026-11-07 08:40+00');
SELECT dunning.rediscover();
SELECT discovery, examined, emitted FROM dunning.run('2026-11-07 08:41+00');
SELECT invoice_ids, level FROM dunning.all_reminders WHERE customer_id = 4;

\i sql/fixtures/teardown.sql
