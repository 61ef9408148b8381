-- The payload has one definition (src/payload.h, dunning.payload_fields()):
-- what a pass builds and what the settle rule rebuilds have exactly its
-- fields, of its kinds, and a template may name exactly those.
\i sql/fixtures/ledger.sql
-- with a postal address bound, so that the payload carries one
ALTER TABLE fx.customers ADD COLUMN street text, ADD COLUMN zip text, ADD COLUMN town text,
  ADD COLUMN land text;
SELECT dunning.bind_customers('fx.customers', 'id', email => 'email', name => 'name',
         locale => 'locale', time_zone => 'tz', phone => 'phone', address => 'street',
         postcode => 'zip', city => 'town', country => 'land') IS NOT NULL AS bound;
INSERT INTO fx.customers VALUES
  (1, 'one@example.com', 'One SA', 'fr', 'Europe/Paris', '+33 1 23 45 67 89',
   '1 rue de la Paix', '75002', 'Paris', 'France'),
  (2, 'two@example.com', 'Two', 'de', 'Europe/Berlin', NULL, 'Hauptstr. 2', '10115', 'Berlin',
   'Deutschland');
INSERT INTO fx.invoices (id, customer_id, due_date, balance, number) VALUES
  (11, 1, '2026-10-01', 100.00, 'P-11'),
  (12, 1, '2026-10-25', 200.00, 'P-12'),
  (21, 2, '2026-10-25', 300.00, 'P-21');
INSERT INTO dunning.policy (name, currency, is_default, grace_days, min_days_between,
    group_by, send_days, send_from, send_until, time_zone, sender_name, contact_email,
    payment_url)
VALUES ('pl', 'EUR', true, 0, 1, 'customer', '{1,2,3,4,5,6,7}', '00:00', '23:59', 'UTC',
        'Accounts', 'accounts@example.com', 'https://pay.example.com');
INSERT INTO dunning.step (policy, level, days_overdue, channel, template, fee) VALUES
  ('pl', 1, 1, 'email', 'friendly', 0), ('pl', 2, 30, 'email', 'firm', 10.00);
SELECT emitted FROM dunning.run('2026-11-02 09:00+00');

-- the paths of a payload: its members, the members of its objects, and the
-- members of each invoice as invoices[].<name>
CREATE FUNCTION pg_temp.paths(p jsonb) RETURNS TABLE (path text, type text)
LANGUAGE sql AS $$
  SELECT e.k, jsonb_typeof(e.v) FROM jsonb_each(p) e (k, v)
  UNION
  SELECT e.k || '.' || s.k, jsonb_typeof(s.v)
    FROM jsonb_each(p) e (k, v),
         jsonb_each(CASE jsonb_typeof(e.v) WHEN 'object' THEN e.v END) s (k, v)
  UNION
  SELECT 'invoices[].' || s.k, jsonb_typeof(s.v)
    FROM jsonb_array_elements(p->'invoices') i (v), jsonb_each(i.v) s (k, v)
$$;
-- what a kind of field may be in JSON
CREATE FUNCTION pg_temp.fits(kind text, type text) RETURNS boolean
LANGUAGE sql AS $$
  SELECT type = 'null' AND kind NOT IN ('list')
      OR (kind, type) IN (('text', 'string'), ('number', 'number'), ('boolean', 'boolean'),
                          ('amount', 'number'), ('decimal', 'number'), ('date', 'string'),
                          ('object', 'object'),
                          ('list', 'array'))
$$;
CREATE FUNCTION pg_temp.against_definition() RETURNS TABLE (path text, problem text)
LANGUAGE sql AS $$
  WITH seen AS (SELECT DISTINCT p.path, p.type
                  FROM dunning.all_reminders r, pg_temp.paths(r.payload) p)
  SELECT s.path, 'not defined' FROM seen s
   WHERE s.path NOT IN (SELECT f.path FROM dunning.payload_fields() f)
  UNION ALL
  SELECT f.path, 'never built' FROM dunning.payload_fields() f
   WHERE f.path NOT IN (SELECT s.path FROM seen s)
  UNION ALL
  SELECT s.path, format('a %s where the definition says %s', s.type, f.kind)
    FROM seen s JOIN dunning.payload_fields() f USING (path)
   WHERE NOT pg_temp.fits(f.kind, s.type)
  ORDER BY 1, 2
$$;

SELECT path, kind FROM dunning.payload_fields();
-- the payloads a pass built: one consolidated (11 and 12), one single, and
-- a next step to come
SELECT customer_id, invoice_ids, level FROM dunning.all_reminders ORDER BY customer_id;
SELECT * FROM pg_temp.against_definition();

-- what the settle rule rebuilds: 11 paid, the notice trimmed to 12 (by a
-- full pass: a pass later the same day leaves payments to the claim)
UPDATE fx.invoices SET balance = 0 WHERE id = 11;
SELECT cancelled FROM dunning.run('2026-11-02 10:00+00', full_discovery => true);
SELECT customer_id, invoice_ids, level, payload->>'template' AS template
  FROM dunning.all_reminders ORDER BY customer_id;
SELECT * FROM pg_temp.against_definition();

-- a template may name every field of the definition, and no other
SELECT count(*) AS placeholders_accepted
  FROM dunning.payload_fields() f,
       LATERAL (SELECT dunning.template_validate('t', 'email', 'en', 's',
                  CASE WHEN f.path LIKE 'invoices[].%'
                       THEN format('{{#invoices}}{{%s}}{{/invoices}} {{invoice.%s}}',
                                   substr(f.path, 12), substr(f.path, 12))
                       WHEN f.kind IN ('object', 'list')
                       THEN format('{{#%s}}x{{/%s}}', f.path, f.path)
                       ELSE format('{{%s}}', f.path) END, NULL)) v;
SELECT dunning.template_validate('t', 'email', 'en', 's', '{{customer.vat_id}}', NULL);

\i sql/fixtures/teardown.sql
