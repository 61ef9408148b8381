/*-------------------------------------------------------------------------
 *
 * 30_analytics.sql
 *	  The analysts' layer: aging, step effectiveness, the funnel and
 *	  contacts per customer, in plain SQL next to the ledger.
 *
 * A reminder counts from the day it could go out (available_at, the send
 * window's opening after its pass).  When an invoice was paid is a fact
 * the history keeps: a pass that finds
 * an invoice paid records the day of its last payment from the payments
 * binding (history.paid_on), else it was paid by the day of that pass (the
 * daily full discovery sees a payment within a day).  The views say which
 * (payment_dates_from: payments or observed).  They read the extension's
 * own tables; the aging reads the ledger through dunning.ledger_as_of(),
 * as the ledger's owner.  Readers see keys, counts and amounts, never a
 * name: dunning.grant_names() gives a role the customers' names too.
 *
 *-------------------------------------------------------------------------
 */

-- The ledger on a day (src/ledger_as_of.c).
CREATE FUNCTION dunning.ledger_as_of(day date)
RETURNS TABLE (invoice_id text, customer_id text, currency text, due_on date,
               open_amount numeric, issued_on date, amount numeric)
AS 'MODULE_PATHNAME', 'dunning_ledger_as_of'
LANGUAGE C STRICT STABLE;
COMMENT ON FUNCTION dunning.ledger_as_of(date) IS
  'Every invoice of the bound ledger with what was open at the end of that day: open now, plus what the payments binding shows paid after it (without one, today''s amounts), and its issue date and amount invoiced when the binding has them; read as the ledger''s owner.';

/*
 * Aging as of a day: open amounts by currency, policy, level, customer and
 * bucket of days overdue.
 */
CREATE FUNCTION dunning.aging(as_of date DEFAULT CURRENT_DATE,
                              bounds integer[] DEFAULT '{30,60,90}')
RETURNS TABLE (currency text, policy text, level integer, customer_id text, bucket text,
               invoices bigint, open_amount numeric)
LANGUAGE plpgsql STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF as_of IS NULL THEN
    RAISE EXCEPTION 'as_of must not be null'
      USING ERRCODE = 'null_value_not_allowed',
            HINT = 'Pass the day to age the ledger on, or leave it out for today.';
  END IF;
  IF bounds IS NULL OR cardinality(bounds) = 0
     OR EXISTS (SELECT 1 FROM unnest(bounds) WITH ORDINALITY b (d, o)
                 WHERE b.d IS NULL OR b.d < 1 OR b.d <= coalesce(bounds[b.o - 1], 0)) THEN
    RAISE EXCEPTION 'bounds must be rising numbers of days from 1 on'
      USING ERRCODE = 'invalid_parameter_value',
            DETAIL = format('They were %s.', coalesce(bounds::text, 'NULL')),
            HINT = 'Give the last day overdue of each bucket but the last, such as ''{30,60,90}''.';
  END IF;
  RETURN QUERY
    SELECT l.currency, s.policy, coalesce(s.level, 0), l.customer_id,
           CASE WHEN as_of - l.due_on <= 0 THEN 'current'
                ELSE coalesce((SELECT format('%s-%s', coalesce(bounds[b.o - 1], 0) + 1, b.d)
                                 FROM unnest(bounds) WITH ORDINALITY b (d, o)
                                WHERE as_of - l.due_on <= b.d ORDER BY b.o LIMIT 1),
                              format('%s+', bounds[cardinality(bounds)] + 1)) END,
           count(*), sum(l.open_amount)
      FROM dunning.ledger_as_of(as_of) l
      LEFT JOIN dunning.invoice_state s ON s.invoice_id::text = l.invoice_id
     WHERE l.open_amount > 0
     GROUP BY 1, 2, 3, 4, 5
     ORDER BY 1, 2, 3, 4, 5;
END
$$;
COMMENT ON FUNCTION dunning.aging(date, integer[]) IS
  'Open amounts on a day (with a payments binding, what was open then) by currency, the policy and level of each invoice now, customer and bucket of days overdue: current, 1-30, 31-60, 61-90 and 91+ by default.';

/*
 * DSO, average days delinquent and the collection effectiveness index of
 * a period, by currency, from the ledger's issue dates and amounts
 * invoiced (bind_ledger's issued_on and amount) and the receivables at the
 * start and end of the period (rebuilt from the payments binding).
 */
CREATE FUNCTION dunning.collection_metrics(period_from date, period_to date)
RETURNS TABLE (currency text, days integer, sales numeric, receivables_start numeric,
               receivables_end numeric, current_end numeric, dso numeric,
               best_possible_dso numeric, average_days_delinquent numeric, cei numeric)
LANGUAGE plpgsql STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF period_from IS NULL OR period_to IS NULL OR period_to < period_from THEN
    RAISE EXCEPTION 'a period must have a first day no later than its last'
      USING ERRCODE = 'invalid_parameter_value',
            DETAIL = format('It was from %s to %s.', coalesce(period_from::text, 'NULL'),
                            coalesce(period_to::text, 'NULL')),
            HINT = 'Pass the first and the last day of the period, such as ''2026-07-01'' and ''2026-09-30''.';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM dunning.binding b
                  WHERE b.kind = 'ledger' AND b.columns ?& '{issued_on,amount}') THEN
    RAISE EXCEPTION 'collection metrics need the ledger''s issue dates and amounts invoiced'
      USING ERRCODE = 'object_not_in_prerequisite_state',
            HINT = 'Bind the ledger again with issued_on and amount, such as dunning.bind_ledger(..., issued_on => ''issued_at'', amount => ''total'').';
  END IF;
  RETURN QUERY
    WITH s AS (
      SELECT l.currency, sum(l.amount) AS sales
        FROM dunning.ledger_as_of(period_to) l
       WHERE l.issued_on BETWEEN period_from AND period_to GROUP BY 1),
    e AS (
      SELECT l.currency, sum(l.open_amount) AS total,
             sum(l.open_amount) FILTER (WHERE l.due_on >= period_to) AS current_total
        FROM dunning.ledger_as_of(period_to) l
       WHERE l.issued_on <= period_to AND l.open_amount > 0 GROUP BY 1),
    b AS (
      SELECT l.currency, sum(l.open_amount) AS total
        FROM dunning.ledger_as_of(period_from - 1) l
       WHERE l.issued_on < period_from AND l.open_amount > 0 GROUP BY 1),
    cur AS (SELECT s.currency FROM s UNION SELECT e.currency FROM e
            UNION SELECT b.currency FROM b),
    m AS (
      SELECT c.currency, period_to - period_from + 1 AS days,
             coalesce((SELECT s.sales FROM s WHERE s.currency IS NOT DISTINCT FROM c.currency), 0)
               AS sales,
             coalesce((SELECT b.total FROM b WHERE b.currency IS NOT DISTINCT FROM c.currency), 0)
               AS ar_start,
             coalesce((SELECT e.total FROM e WHERE e.currency IS NOT DISTINCT FROM c.currency), 0)
               AS ar_end,
             coalesce((SELECT e.current_total FROM e
                        WHERE e.currency IS NOT DISTINCT FROM c.currency), 0) AS ar_current
        FROM cur c)
    SELECT m.currency, m.days, m.sales, m.ar_start, m.ar_end, m.ar_current,
           round(m.ar_end / nullif(m.sales, 0) * m.days, 1),
           round(m.ar_current / nullif(m.sales, 0) * m.days, 1),
           round((m.ar_end - m.ar_current) / nullif(m.sales, 0) * m.days, 1),
           round(100 * (m.ar_start + m.sales - m.ar_end)
                 / nullif(m.ar_start + m.sales - m.ar_current, 0), 1)
      FROM m ORDER BY 1;
END
$$;
COMMENT ON FUNCTION dunning.collection_metrics(date, date) IS
  'DSO (receivables at the end over sales of the period, times its days), the best possible DSO (the same with the receivables not yet due), average days delinquent (their difference) and the collection effectiveness index (collected over collectible, in percent), by currency, from the ledger''s issue dates and amounts invoiced; receivables on a past day are rebuilt from the payments binding.';

INSERT INTO dunning.derived_view (name, position, definition, comment) VALUES
('step_effectiveness', 5, $view$
WITH sent AS (
  SELECT a.id, a.policy, a.level, a.channel, coalesce(a.payload->>'template', '') AS template,
         coalesce(a.payload->'customer'->>'locale', '') AS locale,
         a.available_at::date AS sent_on, x.invoice_id, a.tenant,
         -- the payload lists the invoices in the reminder's order
         CASE WHEN a.payload->'invoices'->(x.o::int - 1)->>'invoice_id' = x.invoice_id::text
              THEN (a.payload->'invoices'->(x.o::int - 1)->>'open_amount')::numeric END AS amount
    FROM dunning.reminder_archive a
   CROSS JOIN LATERAL unnest(a.invoice_ids) WITH ORDINALITY AS x (invoice_id, o)
   WHERE a.status = 'sent'
     -- a reader given some tenants counts theirs (33_tenant.sql)
     AND ((SELECT dunning.granted_tenants(CURRENT_USER, '{reader,admin}')) IS NULL OR a.tenant = ANY ((SELECT dunning.granted_tenants(CURRENT_USER, '{reader,admin}'))::text[]))),
paid AS (
  -- the first payment of each invoice on or after its reminder
  SELECT s.*, h.paid_day - s.sent_on AS days, h.source
    FROM sent s
    LEFT JOIN LATERAL (SELECT coalesce(h.paid_on, h.at::date) AS paid_day,
                              CASE WHEN h.paid_on IS NULL THEN 'observed' ELSE 'payments' END AS source
                         FROM dunning.history h
                        WHERE h.invoice_id = s.invoice_id AND h.event = 'resolved'
                          AND h.reason_code = 'paid'
                          AND coalesce(h.paid_on, h.at::date) >= s.sent_on
                        ORDER BY 1 LIMIT 1) h ON true)
SELECT policy, level, template, channel, locale,
       count(DISTINCT id) AS reminders, count(*) AS invoices,
       count(*) FILTER (WHERE days <= 7) AS paid_within_7,
       count(*) FILTER (WHERE days <= 14) AS paid_within_14,
       count(*) FILTER (WHERE days <= 30) AS paid_within_30,
       coalesce(sum(amount) FILTER (WHERE days <= 30), 0) AS collected_within_30,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY days) AS median_days_to_payment,
       string_agg(DISTINCT source, ', ') AS payment_dates_from, tenant
  FROM paid
 GROUP BY 1, 2, 3, 4, 5, tenant
$view$, 'What each step achieves, by policy, level, template, channel and locale (and tenant): reminders sent, their invoices paid within 7, 14 and 30 days after the reminder could go out, the amount collected within 30 days, the median days from reminder to payment, and where payment dates come from (payments: the payments binding; observed: the pass that saw it paid).'),
('funnel', 6, $view$
WITH sent AS (
  SELECT a.id, a.channel, coalesce(a.payload->>'template', '') AS template,
         coalesce(a.payload->'customer'->>'locale', '') AS locale,
         a.available_at::date AS sent_on, x.invoice_id, a.tenant
    FROM dunning.reminder_archive a
   CROSS JOIN LATERAL unnest(a.invoice_ids) AS x (invoice_id)
   WHERE a.status = 'sent'
     AND ((SELECT dunning.granted_tenants(CURRENT_USER, '{reader,admin}')) IS NULL OR a.tenant = ANY ((SELECT dunning.granted_tenants(CURRENT_USER, '{reader,admin}'))::text[]))),
paid AS (
  -- a reminder is paid when every invoice of it is, within 30 days
  SELECT s.id, s.channel, s.template, s.locale, s.tenant,
         bool_and(EXISTS (SELECT 1 FROM dunning.history h
                           WHERE h.invoice_id = s.invoice_id AND h.event = 'resolved'
                             AND h.reason_code = 'paid'
                             AND coalesce(h.paid_on, h.at::date)
                                 BETWEEN s.sent_on AND s.sent_on + 30)) AS paid
    FROM sent s GROUP BY 1, 2, 3, 4, 5),
events AS (
  SELECT e.reminder_id,
         bool_or(e.kind = 'delivered') AS delivered, bool_or(e.kind = 'opened') AS opened,
         bool_or(e.kind = 'clicked') AS clicked, bool_or(e.kind = 'bounced') AS bounced,
         bool_or(e.kind = 'complained') AS complained
    FROM dunning.reminder_event e GROUP BY 1)
SELECT p.template, p.channel, p.locale, count(*) AS sent,
       count(*) FILTER (WHERE e.delivered) AS delivered,
       count(*) FILTER (WHERE e.opened) AS opened,
       count(*) FILTER (WHERE e.clicked) AS clicked,
       count(*) FILTER (WHERE p.paid) AS paid,
       round(count(*) FILTER (WHERE e.bounced)::numeric / count(*), 4) AS bounce_rate,
       round(count(*) FILTER (WHERE e.complained)::numeric / count(*), 4) AS complaint_rate,
       p.tenant
  FROM paid p
  LEFT JOIN events e ON e.reminder_id = p.id
 GROUP BY 1, 2, 3, p.tenant
$view$, 'Reminders sent by template, channel and locale (and tenant), and how many were delivered, opened and clicked (delivery events) and paid (every invoice within 30 days of the day it could go out), with the bounce and complaint rates.'),
('contacts_per_customer', 7, $view$
WITH contact AS (
  SELECT a.customer_id, a.policy, a.as_of, a.tenant FROM dunning.reminder_archive a
   WHERE a.status NOT IN ('cancelled', 'dead')
  UNION ALL
  SELECT r.customer_id, r.policy, r.as_of, r.tenant FROM dunning.reminder r),
mine AS (
  SELECT * FROM contact c
   WHERE (SELECT dunning.granted_tenants(CURRENT_USER, '{reader,admin}')) IS NULL OR c.tenant = ANY ((SELECT dunning.granted_tenants(CURRENT_USER, '{reader,admin}'))::text[])),
latest AS (SELECT e.last_as_of AS as_of FROM dunning.engine e)
SELECT c.customer_id, date_trunc('month', c.as_of)::date AS month, count(*) AS contacts,
       (SELECT count(*) FROM contact w
          JOIN dunning.policy p ON p.name = w.policy, latest l
         WHERE w.customer_id = c.customer_id AND w.tenant IS NOT DISTINCT FROM c.tenant
           AND w.as_of > l.as_of - p.per_period AND w.as_of <= l.as_of) AS within_cap_period,
       (SELECT min(p.max_reminders) FROM dunning.policy p
         WHERE p.max_reminders > 0
           AND p.name IN (SELECT w.policy FROM contact w
                           WHERE w.customer_id = c.customer_id
                             AND w.tenant IS NOT DISTINCT FROM c.tenant))
         AS cap,
       c.tenant
  FROM mine c
 GROUP BY c.customer_id, 2, c.tenant
$view$, 'Reminders that reached each customer (sent, or in the queue; with tenants, each customer in each tenant), by month of the pass, with how many the contact cap counts as of the last pass (within_cap_period) and the cap of their policies: the customers closest to it have within_cap_period near cap.');

CREATE FUNCTION dunning.grant_names(role regrole) RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  PERFORM dunning.grant_to(role, 'names');
END
$$;
COMMENT ON FUNCTION dunning.grant_names(regrole) IS
  'Lets a role read the customers'' names (customer_id and name of dunning.customer) besides the keys and amounts a reader sees: an explicit grant, for names are personal data.';

------------------------------------------------------------------------------
-- Backtests: what a policy would have sent over a past period
------------------------------------------------------------------------------

-- The replay itself (src/simulate.c): the rules at each instant in turn.
CREATE FUNCTION dunning.simulate_at(policy text, instants timestamptz[])
RETURNS TABLE (at timestamptz, customer_id text, invoice_ids text[], level integer,
               channel text, total_open numeric)
AS 'MODULE_PATHNAME', 'dunning_simulate_at'
LANGUAGE C STRICT VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION dunning.simulate_at(text, timestamptz[]) IS
  'What the policy would have emitted at each of these instants, replaying the passes'' rules over the ledger as it stood each day (read as its owner), for every invoice of its currency, every reminder taken as delivered; writes nothing.';

/*
 * What a policy would have sent from one day to another: a pass a day at
 * the opening of its send window, in its time zone; and how those
 * invoices were in fact paid (the day of the last of them, as the history
 * keeps it).  Two policies compare side by side on the same period in one
 * query.
 */
CREATE FUNCTION dunning.simulate(policy text, date_from date, date_to date)
RETURNS TABLE (day date, at timestamptz, customer_id text, invoice_ids text[], level integer,
               channel text, total_open numeric, paid_on date)
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  p dunning.policy;
  key_type text := (SELECT b.invoice_key_type FROM dunning.binding b WHERE b.kind = 'ledger');
BEGIN
  SELECT * INTO p FROM dunning.policy WHERE name = simulate.policy;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'policy "%" does not exist', simulate.policy
      USING ERRCODE = 'undefined_object',
            HINT = 'Name a policy of dunning.policy; a draft will do.';
  END IF;
  IF date_from IS NULL OR date_to IS NULL OR date_to < date_from
     OR date_to - date_from > 366 THEN
    RAISE EXCEPTION 'a simulation runs from a day to a later one, at most 366 days on'
      USING ERRCODE = 'invalid_parameter_value',
            DETAIL = format('It was from %s to %s.', coalesce(date_from::text, 'NULL'),
                            coalesce(date_to::text, 'NULL')),
            HINT = 'Pass the first and the last day, such as ''2026-07-01'' and ''2026-09-30''.';
  END IF;
  -- the history's keys are of the ledger's type: compared as such, through
  -- its index
  RETURN QUERY EXECUTE format($q$
    SELECT (s.at AT TIME ZONE $1)::date, s.at, s.customer_id, s.invoice_ids, s.level,
           s.channel, s.total_open,
           (SELECT CASE WHEN bool_and(x.paid_day IS NOT NULL) THEN max(x.paid_day) END
              FROM unnest(s.invoice_ids) AS i (invoice_id)
              LEFT JOIN LATERAL (SELECT min(coalesce(h.paid_on, h.at::date)) AS paid_day
                                   FROM dunning.history h
                                  WHERE h.invoice_id = i.invoice_id::%s
                                    AND h.event = 'resolved' AND h.reason_code = 'paid'
                                    AND coalesce(h.paid_on, h.at::date)
                                        >= (s.at AT TIME ZONE $1)::date) x ON true)
      FROM dunning.simulate_at($2, $3) s
     ORDER BY s.at, s.customer_id$q$, coalesce(key_type, 'text'))
  USING p.time_zone, p.name,
        ARRAY(SELECT (d::date + p.send_from) AT TIME ZONE p.time_zone
                FROM generate_series(date_from, date_to, interval '1 day') d ORDER BY d);
END
$$;
COMMENT ON FUNCTION dunning.simulate(text, date, date) IS
  'A backtest: what the policy would have sent, a pass a day at the opening of its send window, from one day to another (at most 366 days), over the ledger as it stood each day (rebuilt from the payments binding), for every invoice of its currency; and the day those invoices were in fact paid (all of them, as the history keeps it). Writes nothing; holds and the suppression list are not replayed.';

------------------------------------------------------------------------------
-- A report to look at: one HTML page, drawn as SVG from the views above
------------------------------------------------------------------------------

-- Text for an HTML page or an SVG element: the five characters that could
-- be read as markup, written out.
CREATE FUNCTION dunning.html_text(value text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT
SET search_path = pg_catalog, pg_temp
RETURN replace(replace(replace(replace(replace(value, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'),
                       '"', '&quot;'), '''', '&#39;');
COMMENT ON FUNCTION dunning.html_text(text) IS
  'A text with &, <, >, " and '' written as HTML entities, for the report.';

/*
 * One horizontal bar chart: a row per label, the bar's length in
 * proportion to the largest value, the figure written beside it.
 */
CREATE FUNCTION dunning.svg_bars(title text, labels text[], bar_values numeric[],
                                 decimals integer DEFAULT 0)
RETURNS text
LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  most numeric := (SELECT max(v) FROM unnest(bar_values) v);
  n integer := coalesce(cardinality(labels), 0);
  svg text;
BEGIN
  svg := format('<figure><figcaption>%s</figcaption>'
                '<svg xmlns="http://www.w3.org/2000/svg" width="640" height="%s" role="img">',
                dunning.html_text(title), 24 * n + 8);
  FOR i IN 1 .. n LOOP
    svg := svg || format('<text x="0" y="%s" font-size="13">%s</text>'
                         '<rect x="170" y="%s" width="%s" height="16" fill="#1a56db"/>'
                         '<text x="%s" y="%s" font-size="13">%s</text>',
                         24 * i - 6, dunning.html_text(labels[i]), 24 * i - 19,
                         CASE WHEN coalesce(most, 0) > 0
                              THEN round(360 * coalesce(bar_values[i], 0) / most, 1) ELSE 0 END,
                         CASE WHEN coalesce(most, 0) > 0
                              THEN round(176 + 360 * coalesce(bar_values[i], 0) / most, 1) ELSE 176 END,
                         24 * i - 6,
                         dunning.html_text(to_char(round(coalesce(bar_values[i], 0), decimals),
                                                   'FM999,999,999,990'
                                                   || CASE WHEN decimals > 0
                                                           THEN '.' || repeat('0', decimals)
                                                           ELSE '' END)));
  END LOOP;
  RETURN svg || '</svg></figure>';
END
$$;
COMMENT ON FUNCTION dunning.svg_bars(text, text[], numeric[], integer) IS
  'An SVG bar chart with a caption, one bar per label, in proportion to the largest value, its figure beside it with that many decimals; for the report.';

/*
 * The report: aging bars by currency, the funnel of each e-mail template
 * and what each level achieved, as one HTML page with SVG drawings and no
 * script, to save and open in any browser.
 */
CREATE FUNCTION dunning.report(as_of date DEFAULT CURRENT_DATE) RETURNS text
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  page text;
  r record;
BEGIN
  page := format('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
                 '<title>Dunning report as of %s</title>'
                 '<style>body{font-family:sans-serif;margin:2em;max-width:48em}'
                 'figure{margin:1em 0}figcaption{font-weight:bold;margin-bottom:.3em}</style>'
                 '</head><body><h1>Dunning report as of %s</h1>', as_of, as_of);

  page := page || '<h2>Aging: open amounts by days overdue</h2>';
  FOR r IN
    SELECT a.currency, array_agg(a.bucket ORDER BY a.o) AS labels,
           array_agg(a.amount ORDER BY a.o) AS amounts
      FROM (SELECT coalesce(g.currency, '-') AS currency, g.bucket, sum(g.open_amount) AS amount,
                   CASE g.bucket WHEN 'current' THEN 0
                        ELSE rtrim(split_part(g.bucket, '-', 1), '+')::integer END AS o
              FROM dunning.aging(as_of) g GROUP BY 1, 2) a
     GROUP BY 1 ORDER BY 1
  LOOP
    page := page || dunning.svg_bars(r.currency, r.labels, r.amounts, 2);
  END LOOP;

  page := page || '<h2>The funnel of each template</h2>';
  FOR r IN
    SELECT f.template || ' (' || f.channel || ')' AS title,
           ARRAY['sent', 'delivered', 'opened', 'clicked', 'paid'] AS labels,
           ARRAY[sum(f.sent), sum(f.delivered), sum(f.opened), sum(f.clicked),
                 sum(f.paid)]::numeric[] AS figures
      FROM dunning.funnel f GROUP BY f.template, f.channel ORDER BY 1
  LOOP
    page := page || dunning.svg_bars(r.title, r.labels, r.figures);
  END LOOP;

  page := page || '<h2>What each level achieved</h2>';
  FOR r IN
    SELECT e.policy, array_agg(format('level %s: sent', e.level) ORDER BY e.level) AS sent_labels,
           array_agg(e.invoices ORDER BY e.level)::numeric[] AS sent,
           array_agg(format('level %s: paid in 30 days', e.level) ORDER BY e.level) AS paid_labels,
           array_agg(e.paid ORDER BY e.level)::numeric[] AS paid
      FROM (SELECT s.policy, s.level, sum(s.invoices) AS invoices, sum(s.paid_within_30) AS paid
              FROM dunning.step_effectiveness s GROUP BY 1, 2) e
     GROUP BY 1 ORDER BY 1
  LOOP
    page := page || dunning.svg_bars(r.policy || ': invoices reminded and paid within 30 days',
                                     r.sent_labels || r.paid_labels, r.sent || r.paid);
  END LOOP;
  RETURN page || '</body></html>';
END
$$;
COMMENT ON FUNCTION dunning.report(date) IS
  'A report to look at: one HTML page with SVG bar charts of the aging by currency, the funnel of each template and what each level achieved, from dunning.aging(), dunning.funnel and dunning.step_effectiveness; no script, no server.';
