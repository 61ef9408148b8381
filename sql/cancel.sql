-- Cancelling reminders by hand: dunning.cancel() moves reminders still in
-- the queue to the archive as cancelled, all or none, with the reason in the
-- archive and the history; one on its way to a customer is refused.
\i sql/fixtures/ledger.sql
-- reminder ids appear in messages
ALTER SEQUENCE dunning.reminder_id_seq RESTART WITH 2001;
INSERT INTO fx.invoices VALUES
  (11, 1, '2026-10-20', 100.00, 'EUR', 'K-11'),
  (12, 1, '2026-10-20', 200.00, 'EUR', 'K-12'),
  (21, 2, '2026-10-20',  10.00, 'EUR', 'K-21'),  -- consolidated: 21 and 22
  (22, 2, '2026-10-20',  20.00, 'EUR', 'K-22');
INSERT INTO dunning.policy (name, currency, is_default, grace_days, min_days_between,
    group_by, send_days, send_from, send_until, time_zone)
VALUES ('solo', 'EUR', true, 0, 7, 'invoice', '{1,2,3,4,5,6,7}', '00:00', '23:59', 'UTC'),
       ('grouped', 'EUR', false, 0, 7, 'customer', '{1,2,3,4,5,6,7}', '00:00', '23:59', 'UTC');
INSERT INTO dunning.step (policy, level, days_overdue, channel) VALUES
  ('solo', 1, 1, 'email'), ('grouped', 1, 1, 'email');
INSERT INTO dunning.assignment (customer_id, policy) VALUES (2, 'grouped');
-- every customer has an address and a number: no reminder goes without one
INSERT INTO fx.customers (id, email, phone)
SELECT DISTINCT customer_id, format('c%s@example.com', customer_id),
       format('+33 1 00 00 %s', customer_id) FROM fx.invoices;
SELECT emitted FROM dunning.run('2026-11-02 09:00+00');
SELECT id, invoice_ids, status FROM dunning.reminder ORDER BY id;

-- bad input
SELECT dunning.cancel(2001, NULL);
SELECT dunning.cancel(2001, '  ');
SELECT dunning.cancel(-1, 'wrong customer');
SELECT dunning.cancel(NULL::bigint, 'wrong customer');
SELECT dunning.cancel('{}'::bigint[], 'nothing') AS cancelled;

-- a reminder a consumer holds a running lease on may be on its way: it is
-- refused, and so is the whole batch
SELECT invoice_ids, lease_owner FROM dunning.claim('m1', 1);
-- (a lease of a fixed end, for the message)
UPDATE dunning.reminder SET lease_until = '2099-01-01 00:00+00' WHERE id = 2001;
SELECT dunning.cancel(ARRAY[2002, 2001], 'settled by phone');
SELECT id, status FROM dunning.reminder ORDER BY id;

-- once its lease has run out it can be cancelled, with the others; an id
-- given twice counts once
UPDATE dunning.reminder SET lease_until = now() - interval '1 second' WHERE id = 2001;
SELECT dunning.cancel(ARRAY[2001, 2003, 2001], 'settled by phone') AS cancelled;
SELECT count(*) AS in_queue FROM dunning.reminder WHERE id IN (2001, 2003);
SELECT id, invoice_ids, status, last_error, lease_until, archived_at IS NOT NULL AS archived
  FROM dunning.all_reminders ORDER BY id;
-- the history says so for each invoice, the consolidated one's both
SELECT invoice_id, event, level, reminder_id, reason, reason_code FROM dunning.history
 WHERE event = 'cancelled' ORDER BY invoice_id;
-- the invoices keep their level
SELECT invoice_id, level, status FROM dunning.invoice_state ORDER BY invoice_id;

-- a cancelled reminder is done: not cancelled twice, not acknowledged, not
-- emitted again by a pass of the same day
-- (a fixed moment of archiving, for the message)
UPDATE dunning.reminder_archive SET updated_at = '2026-11-02 09:30+00', archived_at = '2026-11-02 09:30+00'
 WHERE id = 2003;
SELECT dunning.cancel(2003, 'again');
SELECT dunning.ack('m1', 2001);
DELETE FROM dunning.invoice_state WHERE invoice_id = 11;
SELECT emitted FROM dunning.run('2026-11-02 09:00+00', full_discovery => true);
SELECT count(*) FROM dunning.all_reminders WHERE invoice_ids = '{11}';

-- the one left is still handed out
SELECT invoice_ids FROM dunning.claim('m2');

\i sql/fixtures/teardown.sql
