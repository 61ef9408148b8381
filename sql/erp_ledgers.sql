-- Ledgers shaped like real billing systems': Lago keeps amounts in cents
-- (total_amount_cents bigint), declared at binding with amount_scale; a
-- view that leaves paid invoices out makes them vanish, and the reasons of
-- the cancelled reminder and of the history agree.
\set SHOW_CONTEXT never
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
CREATE SCHEMA lago;
CREATE TABLE lago.invoices (
  id uuid PRIMARY KEY,
  customer_id uuid NOT NULL,
  number text NOT NULL,
  payment_due_date date NOT NULL,
  total_amount_cents bigint NOT NULL,
  currency text NOT NULL,
  payment_status text NOT NULL DEFAULT 'pending');
-- what is still due: the view leaves paid invoices out
CREATE VIEW lago.unpaid AS
  SELECT id, customer_id, number, payment_due_date, total_amount_cents, currency
    FROM lago.invoices WHERE payment_status <> 'succeeded';
CREATE TABLE lago.payments (
  id uuid PRIMARY KEY, invoice_id uuid NOT NULL, paid_on date NOT NULL, amount_cents bigint NOT NULL);
INSERT INTO lago.invoices VALUES
  ('00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-0000000000c1', 'LAGO-001',
   '2026-10-01', 12345, 'EUR'),
  ('00000000-0000-0000-0000-000000000002', '00000000-0000-0000-0000-0000000000c2', 'LAGO-002',
   '2026-10-01', 1500, 'JPY'),
  ('00000000-0000-0000-0000-000000000003', '00000000-0000-0000-0000-0000000000c3', 'LAGO-003',
   '2026-10-01', 12345, 'KWD');

-- amount_scale: decimal places from 0 to 6, or the currency's minor units
SELECT dunning.bind_ledger('lago.unpaid', 'id', 'customer_id', 'payment_due_date',
         'total_amount_cents', 'currency', 'number', amount_scale => '7');
SELECT dunning.bind_ledger('lago.unpaid', 'id', 'customer_id', 'payment_due_date',
         'total_amount_cents', amount_scale => 'currency');
-- two places: cents
SELECT dunning.bind_ledger('lago.unpaid', 'id', 'customer_id', 'payment_due_date',
         'total_amount_cents', 'currency', 'number', amount_scale => '2');
SELECT reference, open_amount, pg_typeof(open_amount) FROM dunning.ledger ORDER BY reference;
-- each currency's own minor units: the euro 2, the yen 0, the dinar 3
SELECT dunning.bind_ledger('lago.unpaid', 'id', 'customer_id', 'payment_due_date',
         'total_amount_cents', 'currency', 'number', amount_scale => 'currency');
SELECT reference, currency, open_amount FROM dunning.ledger ORDER BY reference;
SELECT amount_scale FROM dunning.binding WHERE kind = 'ledger';
-- payments in cents too
SELECT dunning.bind_payments('lago.payments', 'invoice_id', 'paid_on', 'amount_cents',
         amount_scale => 'currency');
SELECT dunning.bind_payments('lago.payments', 'invoice_id', 'paid_on', 'amount_cents',
         amount_scale => '2') IS NOT NULL AS bound;
INSERT INTO lago.payments VALUES
  ('00000000-0000-0000-0000-0000000000f1', '00000000-0000-0000-0000-000000000001', '2026-10-05', 345);
SELECT amount FROM dunning.payment;

-- a pass reminds each for what is due, in its currency
INSERT INTO dunning.policy (name, currency, is_default, send_days, send_from, send_until, time_zone)
VALUES ('eur', 'EUR', true, '{1,2,3,4,5,6,7}', '00:00', '23:59', 'UTC'),
       ('jpy', 'JPY', true, '{1,2,3,4,5,6,7}', '00:00', '23:59', 'UTC'),
       ('kwd', 'KWD', true, '{1,2,3,4,5,6,7}', '00:00', '23:59', 'UTC');
INSERT INTO dunning.step (policy, level, days_overdue, channel, template) VALUES
  ('eur', 1, 1, 'email', 'friendly'), ('jpy', 1, 1, 'email', 'friendly'),
  ('kwd', 1, 1, 'email', 'friendly');
SELECT emitted FROM dunning.run('2026-10-02 10:00+00');
SELECT payload->'invoices'->0->>'reference' AS reference, payload->>'total_open' AS total_open,
       substring(subject from '[0-9][0-9.,]*') AS in_subject
  FROM dunning.reminder ORDER BY 1;

-- LAGO-002 is paid: the view no longer lists it, so it vanished; its
-- reminder is cancelled, and the archive and the history say the same
UPDATE lago.invoices SET payment_status = 'succeeded' WHERE number = 'LAGO-002';
SELECT cancelled, resolved FROM dunning.run('2026-10-03 10:00+00', full_discovery => true);
SELECT a.last_error, h.event, h.reason, h.reason_code
  FROM dunning.reminder_archive a
  JOIN dunning.history h ON h.reminder_id = a.id AND h.event = 'cancelled'
 ORDER BY h.id;
SELECT event, reason, reason_code FROM dunning.history
 WHERE event = 'resolved' ORDER BY id;

DELETE FROM dunning.reminder;
DELETE FROM dunning.reminder_archive;
DELETE FROM dunning.charge;
DELETE FROM dunning.invoice_state;
DELETE FROM dunning.history;
DELETE FROM dunning.run_log;
DELETE FROM dunning.token_key;
DELETE FROM dunning.step;
DELETE FROM dunning.policy;
SELECT dunning.unbind('payments');
SELECT dunning.unbind('ledger');
SET client_min_messages = warning;
DROP SCHEMA lago CASCADE;
RESET client_min_messages;
