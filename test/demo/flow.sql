-- The engine at work on the demo ledger: a preview, then one pass a day for
-- a week, with customers paying in between, and what reaches the queue.
\if :{?as_of}
\else
\set as_of '2026-11-20'
\endif
\set QUIET on
SET client_min_messages = warning;
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
SELECT set_config('demo.as_of', :'as_of', false) \gset

\echo
\echo '== what a pass at' :as_of '10:00 UTC would emit (dunning.preview: nothing is written) =='
SELECT policy, level, channel, count(*) AS reminders,
       sum(cardinality(invoice_ids)) AS invoices,
       sum((payload->>'total_open')::numeric) AS amount
  FROM dunning.preview((:'as_of' || ' 10:00+00')::timestamptz)
 GROUP BY ROLLUP (policy, level, channel)
HAVING GROUPING(policy) = 1 OR GROUPING(channel) = 0
 ORDER BY policy NULLS LAST, level;

\echo
\echo '== one pass a day for a week (dunning.run), while about 3% of the open overdue invoices are paid each day =='
CREATE TEMP TABLE pass_log (day date, discovery text, examined bigint, emitted bigint,
                            resolved bigint, cancelled bigint, ms numeric);
DO $$
DECLARE
  day date;
  r dunning.run_result;
BEGIN
  FOR i IN 0..6 LOOP
    day := current_setting('demo.as_of')::date + i;
    IF i > 0 THEN
      -- a day of payments: invoices paid in full
      UPDATE public.invoices SET paid = amount
       WHERE balance > 0 AND due_date < day AND hashint4(id::int + i) % 33 = 0;
    END IF;
    r := dunning.run((day || ' 10:00+00')::timestamptz);
    INSERT INTO pass_log VALUES (day, r.discovery, r.examined, r.emitted, r.resolved,
                                 r.cancelled, round(extract(epoch FROM r.duration) * 1000, 1));
  END LOOP;
END
$$;
SELECT day, to_char(day, 'Dy') AS dow, discovery, examined, emitted, resolved,
       cancelled, ms FROM pass_log ORDER BY day;

\echo
\echo '== the queue: reminders by status, level and channel =='
SELECT status, level, channel, count(*) AS reminders,
       sum(cardinality(invoice_ids)) AS invoices
  FROM dunning.reminder GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;

\echo
\echo '== when the pending reminders become available (send windows in each customer''s zone) =='
SELECT to_char(available_at, 'YYYY-MM-DD Dy HH24:MI') AS available_at_utc, count(*)
  FROM dunning.reminder WHERE status = 'pending'
 GROUP BY 1 ORDER BY 1 LIMIT 12;

\echo
\echo '== one consolidated notice, as a mailer receives it (payload) =='
SELECT r.recipient, r.level, r.channel, r.available_at,
       jsonb_pretty(r.payload - 'customer') AS payload
  FROM dunning.reminder r
 WHERE r.status = 'pending' AND cardinality(r.invoice_ids) >= 3
 ORDER BY r.id LIMIT 1;

\echo
\echo '== the languages of the pending reminders (the template chosen for each customer''s locale) =='
SELECT coalesce(r.payload->'customer'->>'locale', '-') AS customer_locale,
       (dunning.render_reminder(r.payload)).locale AS template_locale, count(*) AS reminders
  FROM dunning.reminder r WHERE r.status = 'pending' AND r.subject IS NOT NULL
 GROUP BY 1, 2 ORDER BY 3 DESC, 1 LIMIT 10;

\echo
\echo '== one of them as its customer reads it (rendered at emission) =='
SELECT r.recipient, r.subject, r.body
  FROM dunning.reminder r
 WHERE r.status = 'pending' AND r.channel = 'email' AND cardinality(r.invoice_ids) >= 2
   AND r.payload->'customer'->>'locale' LIKE 'fr%'
 ORDER BY r.id LIMIT 1;

\echo
\echo '== where the open overdue invoices stand now (dunning.invoice_status) =='
SELECT policy, level, coalesce(waiting_for, '-') AS waiting_for, count(*) AS invoices
  FROM dunning.invoice_status GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;
