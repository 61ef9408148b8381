-- The templates benchmark (make bench): the same cold pass computed by
-- dunning.preview() with rendering on and off, alternately, three times
-- each; then dunning.render_reminder() alone over the payloads of that pass.
--
--   psql -v as_of='2026-10-01 10:00+00' -f test/bench/render.sql
--
-- Runs on a ledger made by ledger.sql and bound by setup.sql: it adds
-- customers in ten locales (the seven shipped languages, regional variants
-- that fall back, and none), the policy's contact details and the shipped
-- templates on every step.  Results go to bench.result (measure 'render').

\set ON_ERROR_STOP on
SET client_min_messages = warning;

CREATE TABLE bench.customers AS
SELECT c AS id, 'Customer ' || c AS name, 'c' || c || '@example.com' AS email,
       (ARRAY['en', 'fr-FR', 'de', 'it', 'es', 'pt-BR', 'nl', 'en-GB', 'fr-CA', NULL])
         [1 + (hashint8(c) & 1023) % 10] AS locale
FROM generate_series(1::bigint, (SELECT max(customer_id) FROM bench.invoices)) c;
ALTER TABLE bench.customers ADD PRIMARY KEY (id);
SELECT dunning.bind_customers('bench.customers', 'id', email => 'email', name => 'name',
                              locale => 'locale');
UPDATE dunning.policy SET sender_name = 'Accounts receivable', contact_email = 'ar@example.com',
       contact_phone = '+33 1 23 45 67 89', payment_url = 'https://pay.example.com/account';
UPDATE dunning.step SET template = CASE level WHEN 1 THEN 'friendly' WHEN 2 THEN 'firm'
                                              WHEN 3 THEN 'final' ELSE 'handoff' END;

CREATE TABLE bench.render_time (round int, render bool, ms float8, reminders bigint);
SELECT set_config('bench.as_of', :'as_of', false);

-- the pass with and without rendering, alternately; round 0 warms up
DO $$
DECLARE
  t0 timestamptz;
  n bigint;
  render boolean;
BEGIN
  FOR r IN 0..3 LOOP
    FOREACH render IN ARRAY ARRAY[true, false] LOOP
      PERFORM set_config('dunning.render', CASE WHEN render THEN 'on' ELSE 'off' END, true);
      t0 := clock_timestamp();
      SELECT count(*) INTO n FROM dunning.preview(current_setting('bench.as_of')::timestamptz);
      INSERT INTO bench.render_time
      VALUES (r, render, 1000 * extract(epoch FROM clock_timestamp() - t0), n);
    END LOOP;
  END LOOP;
END
$$;

-- rendering alone: dunning.render_reminder() over the payloads of the pass
SET dunning.render = off;
CREATE TABLE bench.render_payload AS SELECT payload FROM dunning.preview(:'as_of');
RESET dunning.render;
DO $$
DECLARE
  t0 timestamptz;
  n bigint;
BEGIN
  FOR r IN 0..3 LOOP
    t0 := clock_timestamp();
    SELECT count(dunning.render_reminder(payload)) INTO n FROM bench.render_payload;
    INSERT INTO bench.render_time
    VALUES (r, NULL, 1000 * extract(epoch FROM clock_timestamp() - t0), n);
  END LOOP;
END
$$;

-- medians of rounds 1 to 3, and what a rendered reminder looks like
INSERT INTO bench.result (measure, key, value)
SELECT 'render', k, v FROM (
  SELECT 'reminders' AS k, max(reminders)::numeric AS v FROM bench.render_time
  UNION ALL
  SELECT CASE render WHEN true THEN 'on_ms' WHEN false THEN 'off_ms' ELSE 'alone_ms' END,
         (percentile_disc(0.5) WITHIN GROUP (ORDER BY ms))::numeric
    FROM bench.render_time WHERE round > 0 GROUP BY render
  UNION ALL
  SELECT 'body_bytes', avg(octet_length(r.body) + octet_length(coalesce(r.body_html, '')))::numeric
    FROM (SELECT payload FROM bench.render_payload LIMIT 1000) p,
         dunning.render_reminder(p.payload) r) x;
