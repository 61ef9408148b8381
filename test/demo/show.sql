-- What there is to see once the tour's setup (setup.sql) is in: the bound
-- ledger read in place, its aging, the campaigns, the holds, and which open
-- invoices the campaigns target on a given day.
--
--   psql -v as_of=2026-09-01 -f test/demo/show.sql

\if :{?as_of}
\else
\set as_of '2026-09-01'
\endif

\echo
\echo '== the binding: dunning reads these relations in place =='
SELECT kind, source, invoice_key_type, customer_key_type
FROM dunning.binding
ORDER BY kind DESC;

\echo '== the ledger through dunning.ledger (no copy) =='
SELECT CASE WHEN grouping(currency) = 1 THEN 'all' ELSE currency END AS currency,
       count(*) AS invoices,
       count(*) FILTER (WHERE open_amount > 0) AS open,
       CASE WHEN grouping(currency) = 0
            THEN sum(open_amount) FILTER (WHERE open_amount > 0) END AS open_amount
FROM dunning.ledger
GROUP BY GROUPING SETS ((currency), ())
ORDER BY grouping(currency), currency;

\echo '== aging on' :as_of 'by currency: open invoices by days overdue =='
WITH bucket (n, label, lo, hi) AS (
  VALUES (0, 'current', NULL, 0), (1, '1–30', 1, 30), (2, '31–60', 31, 60),
         (3, '61–90', 61, 90), (4, '90+', 91, NULL)
), open AS (
  SELECT currency, open_amount, :'as_of'::date - due_on AS days_overdue
  FROM dunning.ledger
  WHERE open_amount > 0
), aged AS (
  SELECT c.currency, b.n, b.label,
         count(o.open_amount) AS invoices,
         coalesce(sum(o.open_amount), 0) AS open_amount
  FROM (SELECT DISTINCT currency FROM open) c
  CROSS JOIN bucket b
  LEFT JOIN open o
    ON o.currency = c.currency
   AND o.days_overdue >= coalesce(b.lo, o.days_overdue)
   AND o.days_overdue <= coalesce(b.hi, o.days_overdue)
  GROUP BY c.currency, b.n, b.label
)
SELECT currency, label AS days_overdue, invoices, open_amount,
       round(100 * open_amount / nullif(sum(open_amount) OVER (PARTITION BY currency), 0), 1)
         AS "% of amount"
FROM aged
ORDER BY currency, n;

\echo '== policies =='
SELECT p.name AS policy, p.currency,
       CASE WHEN p.is_default THEN 'default'
            ELSE (SELECT count(*) FROM dunning.assignment a WHERE a.policy = p.name) || ' assigned'
       END AS applies_to,
       p.grace_days AS grace,
       p.min_open_amount AS min_open,
       p.min_days_between AS apart,
       p.group_by AS per,
       coalesce(p.max_reminders || ' per ' || p.per_period, 'no cap') AS at_most,
       (SELECT CASE WHEN count(*) > 2 AND max(d) - min(d) + 1 = count(*)
                    THEN to_char(date '2024-01-01' + min(d) - 1, 'Dy') || '–'
                         || to_char(date '2024-01-01' + max(d) - 1, 'Dy')
                    ELSE string_agg(to_char(date '2024-01-01' + d - 1, 'Dy'), ',' ORDER BY d)
               END
          FROM (SELECT DISTINCT unnest(p.send_days) AS d) days)
       || ' ' || to_char(p.send_from, 'HH24:MI') || '–' || to_char(p.send_until, 'HH24:MI')
       || ' ' || p.time_zone AS sends,
       coalesce(p.calendar, '') AS skips
FROM dunning.policy p
ORDER BY p.currency, NOT p.is_default, p.name;

\echo '== their steps, one line per step =='
SELECT CASE WHEN s.level = min(s.level) OVER (PARTITION BY s.policy) THEN s.policy ELSE '' END
         AS policy,
       s.level,
       'day ' || s.days_overdue AS from_day,
       s.channel,
       coalesce(s.template, '') AS template,
       s.fee
FROM dunning.step s
JOIN dunning.policy p ON p.name = s.policy
ORDER BY p.currency, NOT p.is_default, s.policy, s.level;

\echo '== holds in force on' :as_of '=='
SELECT h.reason,
       CASE WHEN h.invoice_id IS NOT NULL THEN 'invoice' ELSE 'customer' END AS on_a,
       count(DISTINCT h.id) AS holds,
       count(l.invoice_id) FILTER (WHERE l.open_amount > 0) AS open_invoices_held,
       CASE WHEN count(h.until) = 0 THEN 'until lifted'
            ELSE min(h.until) || ' to ' || max(h.until) END AS ending
FROM dunning.hold h
LEFT JOIN dunning.ledger l
  ON l.invoice_id = h.invoice_id OR l.customer_id = h.customer_id
WHERE h.until IS NULL OR h.until >= :'as_of'::date
GROUP BY 1, 2
ORDER BY 1, 2;

-- Every open invoice with the policy it follows on :as_of (its customer's
-- assignment for that currency, else the currency's default) and where it
-- stands in that policy's campaign.  For group_by = 'customer' the minimum
-- open amount applies to the customer's total under the policy.
CREATE TEMP VIEW campaign_target AS
WITH pol AS (
  SELECT *
  FROM dunning.policy
  WHERE active_from <= :'as_of'::date
    AND (active_until IS NULL OR active_until > :'as_of'::date)
), inv AS (
  SELECT l.invoice_id, l.customer_id, l.currency, l.open_amount,
         :'as_of'::date - l.due_on AS days_overdue,
         coalesce(ap.name, dp.name) AS policy
  FROM dunning.ledger l
  LEFT JOIN dunning.assignment a ON a.customer_id = l.customer_id
  LEFT JOIN pol ap ON ap.name = a.policy AND ap.currency = l.currency
  LEFT JOIN pol dp ON dp.currency = l.currency AND dp.is_default
  WHERE l.open_amount > 0
), held AS (
  SELECT i.*, p.grace_days, p.min_open_amount, p.group_by,
         EXISTS (SELECT 1 FROM dunning.hold h
                  WHERE (h.invoice_id = i.invoice_id OR h.customer_id = i.customer_id)
                    AND (h.until IS NULL OR h.until >= :'as_of'::date)) AS held
  FROM inv i
  LEFT JOIN pol p ON p.name = i.policy
), amount AS (
  SELECT held.*,
         CASE WHEN days_overdue > grace_days AND NOT held THEN
              CASE WHEN group_by = 'customer'
                   THEN sum(open_amount) OVER (PARTITION BY policy, customer_id,
                                                 days_overdue > grace_days AND NOT held)
                   ELSE open_amount END
         END AS amount_reminded
  FROM held
)
SELECT a.invoice_id, a.customer_id, a.currency, a.policy, a.days_overdue, a.open_amount,
       CASE WHEN a.policy IS NULL THEN 'no policy'
            WHEN a.days_overdue <= 0 THEN 'not yet due'
            WHEN a.days_overdue <= a.grace_days THEN 'in grace'
            WHEN a.held THEN 'held'
            WHEN a.amount_reminded < a.min_open_amount THEN 'below minimum'
            WHEN s.level IS NULL THEN 'before first step'
            ELSE 'at a step' END AS status,
       s.level
FROM amount a
LEFT JOIN LATERAL (
  SELECT max(st.level) AS level
  FROM dunning.step st
  WHERE st.policy = a.policy AND st.days_overdue <= a.days_overdue
) s ON true;

\echo '== what the campaigns target on' :as_of '=='
\echo 'Open invoices that have reached each step of their policy: at least the'
\echo 'step''s days overdue and fewer than the next step''s, past the grace days,'
\echo 'not held, not below the minimum.  These are targets, not reminders sent:'
\echo 'the evaluation engine turns them into reminders (one per customer, spaced,'
\echo 'capped, inside the send window, skipping holidays).'
SELECT CASE WHEN s.level = min(s.level) OVER (PARTITION BY s.policy) THEN s.policy ELSE '' END
         AS policy,
       s.level,
       s.channel,
       s.days_overdue || coalesce('–' || (lead(s.days_overdue) OVER w - 1), '+') AS days_overdue,
       count(t.invoice_id) AS invoices,
       count(DISTINCT t.customer_id) AS customers,
       coalesce(sum(t.open_amount), 0) AS open_amount
FROM dunning.step s
JOIN dunning.policy p ON p.name = s.policy
LEFT JOIN campaign_target t
  ON t.policy = s.policy AND t.level = s.level AND t.status = 'at a step'
GROUP BY p.currency, p.is_default, s.policy, s.level, s.channel, s.days_overdue
WINDOW w AS (PARTITION BY s.policy ORDER BY s.level)
ORDER BY p.currency, NOT p.is_default, s.policy, s.level;

\echo '== where every open invoice stands on' :as_of '(by policy) =='
SELECT coalesce(t.policy, '(no policy)') AS policy,
       count(*) AS open,
       count(*) FILTER (WHERE t.status = 'not yet due') AS not_yet_due,
       count(*) FILTER (WHERE t.status = 'in grace') AS in_grace,
       count(*) FILTER (WHERE t.status = 'held') AS held,
       count(*) FILTER (WHERE t.status = 'below minimum') AS below_min,
       count(*) FILTER (WHERE t.status = 'before first step') AS before_step_1,
       count(*) FILTER (WHERE t.status = 'at a step') AS at_a_step
FROM campaign_target t
LEFT JOIN dunning.policy p ON p.name = t.policy
GROUP BY p.currency, p.is_default, t.policy
ORDER BY p.currency, NOT p.is_default, t.policy;
