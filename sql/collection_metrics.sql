-- DSO, best possible DSO, average days delinquent and the collection
-- effectiveness index of a period, from the ledger's issue dates and
-- amounts invoiced, with the receivables of past days rebuilt from the
-- payments binding; each figure worked out by hand below.
\set SHOW_CONTEXT never
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
CREATE SCHEMA cm;
CREATE TABLE cm.invoices (id int PRIMARY KEY, customer int NOT NULL, issued date NOT NULL,
  due date NOT NULL, total numeric NOT NULL, open numeric NOT NULL, cur text NOT NULL);
CREATE TABLE cm.payments (id int PRIMARY KEY, invoice int NOT NULL, paid date NOT NULL,
  amount numeric NOT NULL);
-- A: 1000 issued 10 September, 600 paid 25 September, 400 on 20 October
-- B: 2000 issued 5 October, due 4 November, open
-- C: 500 issued 10 October, due 25 October, open
-- D: 300 issued 2 November, after the period
INSERT INTO cm.invoices VALUES
  (1, 1, '2026-09-10', '2026-10-10', 1000, 0, 'EUR'),
  (2, 2, '2026-10-05', '2026-11-04', 2000, 2000, 'EUR'),
  (3, 3, '2026-10-10', '2026-10-25', 500, 500, 'EUR'),
  (4, 3, '2026-11-02', '2026-12-02', 300, 300, 'EUR');
INSERT INTO cm.payments VALUES (1, 1, '2026-09-25', 600), (2, 1, '2026-10-20', 400);

-- without issue dates and amounts the metrics cannot be had
SELECT dunning.bind_ledger('cm.invoices', 'id', 'customer', 'due', 'open', 'cur') IS NOT NULL AS bound;
SELECT * FROM dunning.collection_metrics('2026-10-01', '2026-10-31');
SELECT dunning.bind_ledger('cm.invoices', 'id', 'customer', 'due', 'open', 'cur',
         issued_on => 'issued', amount => 'total') IS NOT NULL AS bound;
SELECT dunning.bind_payments('cm.payments', 'invoice', 'paid', 'amount') IS NOT NULL AS bound;
SELECT invoice_id, issued_on, amount FROM dunning.ledger ORDER BY invoice_id;
-- October (31 days): sales 2000 + 500 = 2500; receivables on 30 September
-- 400 (A, before its October payment); on 31 October 2500, of which 2000
-- (B) not yet due.  DSO 2500 / 2500 * 31 = 31.0; best possible 2000 / 2500
-- * 31 = 24.8; delinquent 6.2; CEI (400 + 2500 - 2500) / (400 + 2500 -
-- 2000) = 44.4 %
SELECT * FROM dunning.collection_metrics('2026-10-01', '2026-10-31');
-- bad periods
SELECT * FROM dunning.collection_metrics('2026-10-31', '2026-10-01');
SELECT * FROM dunning.collection_metrics(NULL, '2026-10-01');

SELECT dunning.unbind('payments');
SELECT dunning.unbind('ledger');
SET client_min_messages = warning;
DROP SCHEMA cm CASCADE;
RESET client_min_messages;
