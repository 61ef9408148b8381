-- The reads of a full pass at :as_of, as one set-based statement over the
-- bench ledger (the floor's reads): the open overdue invoices not yet under
-- dunning (or closed), every open state due for a look or whose invoice is
-- paid or gone, each customer's assignment, hold and recent contacts, each
-- invoice's hold and charges, and the open amounts of the invoices of the unsent
-- reminders (the sweep).  Everything is read, nothing decided; the count
-- keeps the rows from being optimised away.

WITH cand AS MATERIALIZED (
  SELECT l.id, l.customer_id, l.balance, l.due_date, l.currency, l.number,
         s.level, s.last_reminder_at
    FROM bench.invoices l
    LEFT JOIN dunning.invoice_state s ON s.invoice_id = l.id
   WHERE l.balance > 0 AND l.due_date < (:'as_of'::timestamptz + interval '1 day')::date
     AND (s.invoice_id IS NULL OR s.status = 'closed')
  UNION ALL
  SELECT s.invoice_id, s.customer_id, l.balance, l.due_date, l.currency, l.number,
         s.level, s.last_reminder_at
    FROM dunning.invoice_state s
    LEFT JOIN bench.invoices l ON l.id = s.invoice_id
   WHERE s.status = 'open'
     AND (s.next_check_at <= :'as_of' OR l.id IS NULL OR NOT l.balance > 0)),
cust AS MATERIALIZED (
  SELECT d.customer_id,
         (SELECT a.policy FROM dunning.assignment a WHERE a.customer_id = d.customer_id) AS assigned,
         (SELECT max(h.until) FROM dunning.hold h WHERE h.customer_id = d.customer_id) AS held,
         ARRAY(SELECT r.as_of FROM dunning.reminder r
                WHERE r.customer_id = d.customer_id
                  AND r.as_of > :'as_of'::timestamptz - interval '30 days'
               UNION ALL
               SELECT a.as_of FROM dunning.reminder_archive a
                WHERE a.customer_id = d.customer_id
                  AND a.as_of > :'as_of'::timestamptz - interval '30 days') AS contacts
    FROM (SELECT DISTINCT customer_id FROM cand) d),
swept AS MATERIALIZED (
  SELECT r.id, l.balance
    FROM dunning.reminder r
   CROSS JOIN LATERAL unnest(r.invoice_ids) x (i)
    LEFT JOIN bench.invoices l ON l.id = x.i
   WHERE r.status IN ('pending', 'failed'))
SELECT (SELECT count(*) FROM cand c JOIN cust k ON k.customer_id = c.customer_id
          LEFT JOIN LATERAL (SELECT max(h.until) AS until FROM dunning.hold h
                              WHERE h.invoice_id = c.id) h ON true
          LEFT JOIN LATERAL (SELECT sum(x.amount) AS charged FROM dunning.charge x
                              WHERE c.level > 0 AND x.invoice_id = c.id) x ON true)
       + (SELECT count(*) FROM swept) AS floor_rows_read \gset
