-- The engine at work on the demo ledger: a preview, then a whole campaign
-- over eight simulated weeks.  A pass runs each morning; a mail room
-- (simulated here with dunning.claim and dunning.ack) delivers what is due
-- each day, and one bounce comes back; customers pay as they go; on given
-- days a customer pays while a reminder waits in the queue, another
-- disputes an invoice, another promises to pay.  At the end: what each
-- level sent, the final notices with their fee, the hand-offs, the story
-- of those customers, the problems to mend, the aging, what each step
-- achieved and the funnel (the analysts' views).
\if :{?as_of}
\else
\set as_of '2026-09-01'
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

CREATE TEMP TABLE pass_log (day date, examined bigint, emitted bigint, resolved bigint,
                            cancelled bigint, delivered bigint, ms numeric);
CREATE TEMP TABLE story (day date, customer_id bigint, what text);

DO $$
DECLARE
  start date := current_setting('demo.as_of')::date;
  last integer := 55;
  day date;
  r dunning.run_result;
  delivered bigint;
  n bigint;
  rid bigint;
  cust bigint;
  inv bigint;
BEGIN
  FOR i IN 0..last LOOP
    day := start + i;
    IF i > 0 THEN
      -- a day of payments: about one open overdue invoice in 40 is paid
      UPDATE public.invoices SET paid = amount
       WHERE balance > 0 AND due_date < day AND hashint4(id::int + i) % 40 = 0;
    END IF;
    -- day 16: a customer at level 2 promises to pay within two weeks
    IF i = 16 THEN
      SELECT s.customer_id INTO cust FROM dunning.invoice_state s
       WHERE s.status = 'open' AND s.level = 2 ORDER BY s.customer_id LIMIT 1;
      INSERT INTO dunning.hold (customer_id, reason, until, note)
      VALUES (cust, 'promise_to_pay', day + 14, 'Promised on the phone');
      INSERT INTO story VALUES (day, cust, format('promises to pay by %s', day + 14));
    END IF;

    r := dunning.run((day || ' 09:00+00')::timestamptz);

    -- day 3: a customer pays every invoice of a reminder the pass just queued
    IF i = 3 THEN
      SELECT q.id, q.customer_id INTO rid, cust FROM dunning.reminder q
       WHERE q.channel = 'email' AND q.status = 'pending' ORDER BY q.id LIMIT 1;
      UPDATE public.invoices SET paid = amount
       WHERE id IN (SELECT unnest(invoice_ids) FROM dunning.reminder WHERE id = rid);
      INSERT INTO story VALUES (day, cust, format('pays the invoices of reminder %s while it waits in the queue', rid));
    END IF;
    -- day 9: a customer with a reminder just queued disputes an invoice of it
    IF i = 9 THEN
      SELECT q.customer_id, q.invoice_ids[1] INTO cust, inv FROM dunning.reminder q
       WHERE q.channel = 'email' AND q.status = 'pending' ORDER BY q.id DESC LIMIT 1;
      INSERT INTO dunning.hold (invoice_id, reason, note)
      VALUES (inv, 'dispute', 'Goods returned, says the customer');
      INSERT INTO story VALUES (day, cust, format('disputes invoice %s', inv));
    END IF;

    -- the mail room: every reminder ready is delivered (e-mails, letters to
    -- print, hand-offs to the collections agency), after claim's re-check
    -- of the ledger and the holds; the last day's are left to dunning_mailer
    delivered := 0;
    WHILE i < last LOOP
      SELECT count(*) INTO n
        FROM dunning.claim('mail-room', 1000, '5 minutes') c,
             LATERAL dunning.ack('mail-room', c.id, format('demo-%s', c.id)) a;
      delivered := delivered + n;
      EXIT WHEN n = 0;
    END LOOP;

    -- day 1: one e-mail address bounces: its customer's next e-mails wait
    IF i = 1 THEN
      SELECT a.id, a.customer_id INTO rid, cust FROM dunning.reminder_archive a
       WHERE a.channel = 'email' AND a.status = 'sent' ORDER BY a.id LIMIT 1;
      PERFORM dunning.record_event(rid, 'bounced', (day || ' 09:30+00')::timestamptz,
                                   '{"smtp": "550 5.1.1 no such user"}');
      INSERT INTO story VALUES (day, cust, format('bounces reminder %s: the address goes on the suppression list', rid));
    END IF;

    INSERT INTO pass_log VALUES (day, r.examined, r.emitted, r.resolved, r.cancelled, delivered,
                                 round(extract(epoch FROM r.duration) * 1000, 1));
  END LOOP;
END
$$;

\echo
\echo '== eight weeks, a pass each morning and the mail room each day (by week) =='
SELECT min(day) AS week_of, sum(examined) AS examined, sum(emitted) AS emitted,
       sum(resolved) AS paid_or_gone, sum(cancelled) AS cancelled, sum(delivered) AS delivered,
       round(avg(ms), 1) AS ms_per_pass
  FROM pass_log GROUP BY (day - current_setting('demo.as_of')::date) / 7 ORDER BY 1;

\echo
\echo '== every level reached: reminders by level and channel, and the fees of the final notices =='
SELECT level, channel, count(*) AS reminders, sum(cardinality(invoice_ids)) AS invoices,
       count(*) FILTER (WHERE status = 'sent') AS sent,
       count(*) FILTER (WHERE status = 'cancelled') AS cancelled
  FROM dunning.all_reminders GROUP BY 1, 2 ORDER BY 1, 2;
SELECT kind, count(*) AS charges, sum(amount) AS amount,
       count(*) FILTER (WHERE posted_at IS NULL AND waived_at IS NULL) AS to_post
  FROM dunning.charge GROUP BY 1 ORDER BY 1;

\echo
\echo '== one final notice, as the customer reads it =='
SELECT a.recipient IS NULL AS printed_by_you, a.subject, a.body
  FROM dunning.all_reminders a
 WHERE a.level = 3 AND a.status = 'sent' AND a.payload->'customer'->>'locale' LIKE 'en%'
 ORDER BY a.id LIMIT 1;

\echo
\echo '== the story of four customers, and what dunning did about each =='
SELECT s.day, s.customer_id, s.what FROM story s ORDER BY s.day;
-- what dunning did: the cancellations (dated when the claim saw them), and
-- each customer's first reminder after the event
SELECT s.customer_id, h.level, h.event, h.reason_code, h.reason
  FROM story s JOIN dunning.history h ON h.customer_id = s.customer_id
 WHERE h.event NOT IN ('emitted', 'resolved') ORDER BY s.day, h.id;
SELECT s.customer_id, s.what, e.at::date AS next_reminder, e.level, e.channel
  FROM story s
  LEFT JOIN LATERAL (SELECT h.at, h.level, a.channel FROM dunning.history h
                       JOIN dunning.all_reminders a ON a.id = h.reminder_id
                      WHERE h.customer_id = s.customer_id AND h.event = 'emitted'
                        AND h.at::date > s.day ORDER BY h.id LIMIT 1) e ON true
 ORDER BY s.day;
SELECT customer_id, contact, reason, since::date AS since FROM dunning.suppression;

\echo
\echo '== what a person must mend (dunning.problems) =='
SELECT kind, count(*) AS invoices, min(problem) AS for_example
  FROM dunning.problems GROUP BY 1 ORDER BY 1;

\echo
\echo '== where the open overdue invoices stand after eight weeks (dunning.invoice_status) =='
SELECT level, coalesce(waiting_for, '-') AS waiting_for, count(*) AS invoices,
       sum(open_amount) AS open_amount
  FROM dunning.invoice_status GROUP BY 1, 2 ORDER BY 1, 2;

\echo
\echo '== aging after eight weeks (dunning.aging): open amounts by days overdue and currency =='
SELECT currency, bucket, sum(invoices) AS invoices, sum(open_amount) AS open_amount
  FROM dunning.aging((SELECT max(day) FROM pass_log))
 GROUP BY 1, 2 ORDER BY 1, min(CASE bucket WHEN 'current' THEN 0 ELSE rtrim(split_part(bucket, '-', 1), '+')::int END);

\echo
\echo '== what each step achieved (dunning.step_effectiveness) =='
SELECT policy, level, channel, sum(reminders) AS reminders, sum(invoices) AS invoices,
       sum(paid_within_7) AS paid_7d, sum(paid_within_30) AS paid_30d,
       sum(collected_within_30) AS collected_30d
  FROM dunning.step_effectiveness WHERE policy = 'standard-eur'
 GROUP BY 1, 2, 3 ORDER BY 1, 2;

\echo
\echo '== the funnel of the e-mails (dunning.funnel) =='
SELECT template, sum(sent) AS sent, sum(delivered) AS delivered, sum(paid) AS paid,
       round(sum(bounce_rate * sent) / sum(sent), 4) AS bounce_rate
  FROM dunning.funnel WHERE channel = 'email' GROUP BY 1 ORDER BY 1;

\echo
\echo '== the customers closest to the contact cap (dunning.contacts_per_customer) =='
SELECT customer_id, month, contacts, within_cap_period, cap
  FROM dunning.contacts_per_customer
 WHERE within_cap_period >= cap
 ORDER BY within_cap_period DESC, customer_id LIMIT 5;

\echo
\echo '== DSO over the 90 days to the campaign''s end (dunning.collection_metrics; the CEI needs a payments binding, which the demo has not) =='
SELECT currency, days, sales, receivables_end, dso, best_possible_dso, average_days_delinquent
  FROM dunning.collection_metrics((SELECT max(day) - 89 FROM pass_log), (SELECT max(day) FROM pass_log));
