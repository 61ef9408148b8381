-- A day of business before the pass of :day (psql -v day=2026-11-21 -v n=...):
--   * customers pay about 1 % of the open invoices in full;
--   * a day's worth of new invoices (n/730, the ledger's daily volume)
--     reaches its due date, about 63 % of them unpaid (more for customers
--     who pay late, as in ledger.sql);
--   * the mailer delivers every reminder available by the pass (status
--     'sent');
-- then the nightly VACUUM ANALYZE of the ledger and of dunning's tables.
-- What happened goes to bench.result under measure 'business <day>'.

\set ON_ERROR_STOP on
SET client_min_messages = warning;

SELECT :'day'::date - '2026-01-01'::date + 1000 AS salt,
       greatest(:n / 15, 1) AS customers,
       greatest(:n / 730, 1) AS new_invoices,
       (SELECT max(id) FROM bench.invoices) AS last_id \gset

BEGIN;

WITH paid AS (
  UPDATE bench.invoices SET balance = 0
  WHERE balance > 0 AND bench.u(id, :salt) < 0.01
  RETURNING 1)
INSERT INTO bench.result (measure, key, value)
SELECT 'business ' || :'day', 'paid', count(*) FROM paid;

WITH fresh AS (
  INSERT INTO bench.invoices (id, customer_id, due_date, currency, amount, balance, number)
  SELECT i, c.customer_id, :'day'::date, bench.currency_of(c.customer_id), a.amount,
         CASE WHEN bench.is_open(i, c.customer_id, 0) THEN bench.balance_of(i, a.amount)
              ELSE 0 END,
         'INV-' || to_char(:'day'::date - 30, 'YYYY') || '-' || lpad(i::text, 8, '0')
  FROM generate_series(:last_id + 1, :last_id + :new_invoices) AS i
  CROSS JOIN LATERAL (SELECT bench.customer_of(bench.u(i, 10), :customers) AS customer_id) c
  CROSS JOIN LATERAL (SELECT bench.amount_of(i) AS amount) a
  RETURNING balance)
INSERT INTO bench.result (measure, key, value)
SELECT 'business ' || :'day', k, v FROM (
  SELECT count(*) AS due, count(*) FILTER (WHERE balance > 0) AS open FROM fresh) f
CROSS JOIN LATERAL (VALUES ('new_due', f.due), ('new_open', f.open)) AS r (k, v);

-- the mailer: what is available is sent, and so moves to the archive
WITH done AS (
  DELETE FROM dunning.reminder r
  WHERE status = 'pending' AND available_at <= (:'day' || ' 10:00+00')::timestamptz
  RETURNING r),
sent AS (
  INSERT INTO dunning.reminder_archive
  SELECT x.* FROM done d CROSS JOIN LATERAL dunning.archived(d.r, 'sent', NULL, NULL) x
  RETURNING 1)
INSERT INTO bench.result (measure, key, value)
SELECT 'business ' || :'day', 'sent', count(*) FROM sent;

COMMIT;

VACUUM ANALYZE bench.invoices;
VACUUM ANALYZE dunning.reminder;
VACUUM ANALYZE dunning.reminder_archive;
VACUUM ANALYZE dunning.invoice_state;
VACUUM ANALYZE dunning.history;
