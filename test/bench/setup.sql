-- The benchmark's campaign over bench.invoices: the ledger bound in place,
-- one default policy per currency, and the holds of bench.disputes and
-- bench.promises.
--
-- Every policy: 3 days of grace, at least 7 days between two reminders, at
-- most 3 reminders per customer per 30 days, weekdays from 09:00 to 17:00
-- in its currency's home time zone; steps: a friendly email at 3 days
-- overdue, a firm one at 14, a letter at 30, the hand-off to collections at
-- 45.  EUR consolidates one reminder per customer, USD and GBP send one per
-- invoice.

\set ON_ERROR_STOP on
SET client_min_messages = warning;

SELECT dunning.bind_ledger('bench.invoices', 'id', 'customer_id', 'due_date', 'balance',
                           'currency', 'number');

INSERT INTO dunning.policy
  (name, currency, is_default, grace_days, min_days_between, group_by,
   max_reminders, per_period, time_zone)
VALUES
  ('bench-eur', 'EUR', true, 3, 7, 'customer', 3, '30 days', 'Europe/Paris'),
  ('bench-usd', 'USD', true, 3, 7, 'invoice',  3, '30 days', 'America/New_York'),
  ('bench-gbp', 'GBP', true, 3, 7, 'invoice',  3, '30 days', 'Europe/London');

INSERT INTO dunning.step (policy, level, days_overdue, channel)
SELECT p.name, s.level, s.days_overdue, s.channel
FROM dunning.policy p
CROSS JOIN (VALUES (1, 3, 'email'), (2, 14, 'email'), (3, 30, 'letter'), (4, 45, 'handoff'))
  AS s (level, days_overdue, channel)
WHERE p.name LIKE 'bench-%';

-- placed the day before the cold start (:as_of), as the bench's clock goes
INSERT INTO dunning.hold (invoice_id, reason, note, created_at)
SELECT invoice_id, 'dispute', 'Disputed by the customer', :'as_of'::timestamptz - interval '1 day'
FROM bench.disputes;

INSERT INTO dunning.hold (customer_id, reason, until, note, created_at)
SELECT customer_id, 'promise_to_pay', until, 'Promised to pay by ' || until,
       :'as_of'::timestamptz - interval '1 day'
FROM bench.promises;

ANALYZE dunning.policy;
ANALYZE dunning.step;
ANALYZE dunning.hold;
