-- Templates and languages: the placeholder language, its checks with line
-- and column, amounts and dates in every shipped locale, the fallback chain,
-- HTML escaping, rendering at emission (a consolidated notice of five
-- invoices), re-rendering when a paid invoice leaves a notice, limits.
\set SHOW_CONTEXT never
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';

-- a payload as a pass writes it, with two invoices
CREATE TEMP TABLE p AS SELECT $${
  "policy": "std", "level": 2, "channel": "email", "template": "firm", "fee": 40,
  "currency": "EUR", "as_of": "2026-12-02", "payment_url": "https://pay.example.com/c/7?x=1&y=2",
  "contact": {"name": "Accounts Team", "email": "ar@example.com", "phone": "+33 1 23 45 67 89"},
  "next_step": {"level": 3, "channel": "handoff", "due_on": "2026-12-20", "fee": 0,
                "handoff": true, "suspend": false},
  "customer": {"id": "C7", "name": "Ada <b>&</b> \"Co\"", "email": "ada@example.com",
               "phone": null, "locale": "fr-CA", "time_zone": null},
  "invoices": [
    {"invoice_id": "71", "reference": "F-2026-071", "due_on": "2026-10-05",
     "days_overdue": 58, "level": 2, "open_amount": 1234.5, "fees": 40, "interest": 12.34,
     "compensation": 40, "total_due": 1326.84},
    {"invoice_id": "72", "reference": null, "due_on": "2026-11-30",
     "days_overdue": 2, "level": 1, "open_amount": 0.455, "fees": 0, "interest": 0,
     "compensation": 0, "total_due": 0.455}],
  "total_open": 1234.955, "total_fees": 40, "total_interest": 12.34, "total_compensation": 40,
  "total_charges": 92.34, "total_due": 1327.295, "fee_waived": 0, "interest_rate": 11.150,
  "legal_basis": "Directive 2011/7/EU"}$$::jsonb AS j;

-- a template of our own that shows every format
INSERT INTO dunning.template (name, channel, locale, subject, body) VALUES
  ('formats', 'email', 'en', '{{total_open}} | {{invoice.due_on}}',
   $$Hello {{customer.name}}!{{! comments are left out }}
{{#invoices}}* {{#reference}}{{reference}}{{/reference}}{{^reference}}#{{invoice_id}}{{/reference}} due {{due_on}}: {{open_amount}} (level {{level}}, also {{invoice.reference}})
{{/invoices}}{{invoice_count}} invoices, fee {{#fee}}{{fee}}{{/fee}}{{^fee}}none{{/fee}}, level {{level}}, as of {{as_of}}.
{{#next_step}}Next: {{next_step.channel}} on {{next_step.due_on}}{{#next_step.handoff}} (collections){{/next_step.handoff}}.{{/next_step}}
{{contact.name}}, {{contact.email}}, {{payment_url}}$$);

SELECT subject, body, locale FROM dunning.render('formats', 'en', (SELECT j FROM p));

-- amounts and dates in every shipped locale (the template is English: the
-- locale chooses the formats on its own)
SELECT l.code, r.subject
  FROM dunning.locales_in_effect l, dunning.render('formats', l.code, (SELECT j FROM p)) r
 ORDER BY l.code;

-- minor units and symbols: JPY has none, KWD three, CHF is written as its code
SELECT c.code, l.code AS locale, r.subject
  FROM (VALUES ('JPY'), ('KWD'), ('CHF'), ('USD'), ('GBP'), ('BRL')) c (code),
       (VALUES ('en'), ('fr'), ('de')) l (code),
       dunning.render('formats', l.code,
                      (SELECT j || jsonb_build_object('currency', c.code) FROM p)) r
 ORDER BY 1, 2;

-- rounding is half away from zero, negative amounts keep their sign
SELECT v, (dunning.render('formats', 'de',
          jsonb_build_object('currency', 'EUR', 'total_open', v))).subject
  FROM (VALUES (0.005), (0.004), (-1234.565), (999999.995), (0)) x (v);

-- the shipped templates in all seven languages: each renders, in its language
SELECT t.locale, t.name, t.channel, r.locale AS used, r.subject,
       length(r.body) > 200 AS has_body, r.body_html IS NOT NULL AS has_html
  FROM (SELECT DISTINCT locale, name, channel FROM dunning.template_default) t,
       dunning.render(t.name, t.locale, (SELECT j FROM p), t.channel) r
 ORDER BY t.name, t.channel, t.locale;

-- the French final notice in full: fee, what happens next, the payment link,
-- a real contact, amounts and dates the French way
SELECT body FROM dunning.render('final', 'fr', (SELECT j FROM p));
-- the first of a month: French writes 1er (the locale's first_day), German
-- 1., English 1; other days as they are
SELECT l.locale, substring(r.body from '[^ ]+ [^ ]+ 2026') AS first_due
  FROM (VALUES ('fr'), ('de'), ('en-GB'), ('it')) l (locale),
       dunning.render('final', l.locale,
         (SELECT jsonb_set(j, '{invoices,0,due_on}', '"2026-10-01"') FROM p)) r;
-- the German friendly one, without a payment link: a way to pay still shows
SELECT body FROM dunning.render('friendly', 'de', (SELECT j - 'payment_url' FROM p));

-- the fallback chain: fr-CA falls back to fr; an unknown language to the
-- policy's language, then to en; POSIX spellings are understood
INSERT INTO dunning.policy (name, currency, language) VALUES ('std-it', 'EUR', 'it');
SELECT l.locale, r.locale AS used, r.subject
  FROM (VALUES ('fr-CA'), ('fr_CA.UTF-8'), ('de-AT'), ('xx'), (NULL), ('pt-BR'), ('nl')) l (locale),
       dunning.render('friendly', l.locale, (SELECT j FROM p)) r;
SELECT l.locale, r.locale AS used, r.subject
  FROM (VALUES ('xx'), ('de-CH')) l (locale),
       dunning.render('friendly', l.locale,
                      (SELECT j || '{"policy": "std-it"}' FROM p)) r;

-- a locale of your own: French Canadian amounts ($ after, space groups);
-- the text stays the shipped French one
INSERT INTO dunning.locale (code, description, decimal_sep, group_sep, amount_format,
                            date_format, month_names)
SELECT 'fr-CA', 'Français (Canada)', ',', ' ', '{amount} {symbol}', 'D MMMM YYYY', month_names
  FROM dunning.locale_default WHERE code = 'fr';
SELECT r.locale AS used, r.subject
  FROM dunning.render('friendly', 'fr-CA', (SELECT j || '{"currency": "CAD"}' FROM p)) r;
-- and one that overrides a shipped one
INSERT INTO dunning.locale SELECT * FROM dunning.locale_default WHERE code = 'en';
UPDATE dunning.locale SET date_format = 'DD/MM/YYYY' WHERE code = 'en';
SELECT subject FROM dunning.render('formats', 'en', (SELECT j FROM p));
SELECT code, shipped FROM dunning.locales_in_effect WHERE code IN ('en', 'fr', 'fr-CA') ORDER BY 1;
DELETE FROM dunning.locale WHERE code = 'en';

-- HTML escaping: in body_html every value is escaped, the customer's name
-- and the link included; the plain-text body keeps them as they are
INSERT INTO dunning.template (name, channel, locale, subject, body, body_html) VALUES
  ('escape', 'email', 'en', 'For {{customer.name}}', 'Dear {{customer.name}}',
   '<p>Dear {{customer.name}}</p><a href="{{payment_url}}">pay</a>');
SELECT subject, body, body_html
  FROM dunning.render('escape', 'en',
                      (SELECT j || '{"customer": {"name": "<script>alert(''x'')</script>"}}' FROM p));

-- templates are checked when stored: what is wrong, at which line and column
INSERT INTO dunning.template (name, channel, locale, subject, body)
VALUES ('bad', 'email', 'en', 'Hi', E'Hello\n  {{customer.nmae}}');
INSERT INTO dunning.template (name, channel, locale, subject, body)
VALUES ('bad', 'email', 'en', 'Invoice {{reference}}', 'Hello');
INSERT INTO dunning.template (name, channel, locale, subject, body)
VALUES ('bad', 'email', 'en', 'Hi', E'Your invoices:\n{{#invoices}}\n- {{reference}}\n');
INSERT INTO dunning.template (name, channel, locale, subject, body)
VALUES ('bad', 'email', 'en', 'Hi', E'{{#invoices}}{{#fee}}x{{/invoices}}{{/fee}}');
INSERT INTO dunning.template (name, channel, locale, subject, body)
VALUES ('bad', 'email', 'en', 'Hi', E'Thanks.\n{{/invoices}}');
INSERT INTO dunning.template (name, channel, locale, subject, body)
VALUES ('bad', 'email', 'en', 'Hi', E'Total: {{total_open');
INSERT INTO dunning.template (name, channel, locale, subject, body)
VALUES ('bad', 'email', 'en', 'Hi', E'Total: {{ }}');
INSERT INTO dunning.template (name, channel, locale, subject, body)
VALUES ('bad', 'email', 'en', 'Hi', E'Total: {{{total_open}}}');
INSERT INTO dunning.template (name, channel, locale, subject, body)
VALUES ('bad', 'email', 'en', 'Hi', E'Total: {{total open}}');
INSERT INTO dunning.template (name, channel, locale, subject, body)
VALUES ('bad', 'email', 'en', 'Hi', 'All: {{invoices}}');
INSERT INTO dunning.template (name, channel, locale, subject, body)
VALUES ('bad', 'email', 'en', 'Hi', 'Who: {{customer}}');
INSERT INTO dunning.template (name, channel, locale, subject, body)
VALUES ('bad', 'email', 'en', 'Hi',
        repeat('{{#fee}}', 9) || 'deep' || repeat('{{/fee}}', 9));
INSERT INTO dunning.template (name, channel, locale, subject, body, body_html)
VALUES ('bad', 'email', 'en', 'Hi', 'Hello', E'<p>\n<p>ÉÀ {{sql}}</p>');
-- a template is checked on update too, and nothing was stored
INSERT INTO dunning.template (name, channel, locale, subject, body)
VALUES ('good', 'email', 'en', 'Hi', 'Hello {{customer.name}}');
UPDATE dunning.template SET body = 'Hello {{customer.name}' WHERE name = 'good';
SELECT name, body FROM dunning.template WHERE name IN ('bad', 'good');
-- eight levels of sections are fine
INSERT INTO dunning.template (name, channel, locale, subject, body)
VALUES ('deep', 'email', 'en', 'Hi', repeat('{{#fee}}', 8) || 'deep' || repeat('{{/fee}}', 8));
SELECT body FROM dunning.render('deep', 'en', (SELECT j FROM p));

-- dunning.render() errors
SELECT * FROM dunning.render('nope', 'en', '{}');
SELECT * FROM dunning.render('formats', 'en', '[1, 2]');
-- payloads are read at most 32 levels deep
SELECT subject FROM dunning.render('formats', 'en',
  ('{"total_open": 1, "x": ' || repeat('[', 40) || repeat(']', 40) || '}')::jsonb);
SELECT subject FROM dunning.render('formats', 'en',
  ('{"total_open": 1, "x": ' || repeat('[', 30) || repeat(']', 30) || '}')::jsonb);

-- rendered text is bounded by dunning.max_render_size
INSERT INTO dunning.template (name, channel, locale, subject, body)
VALUES ('long', 'email', 'en', 'Hi', repeat('x', 600) || '{{#invoices}}' || repeat('y', 300) || '{{/invoices}}');
SELECT length(body) FROM dunning.render('long', 'en', (SELECT j FROM p));
SET dunning.max_render_size = 1;
SELECT length(body) FROM dunning.render('long', 'en', (SELECT j FROM p));
RESET dunning.max_render_size;

-- locale rules are checked
INSERT INTO dunning.locale VALUES ('french', NULL, ',', '.', '{amount}', 'D', '{a,b,c,d,e,f,g,h,i,j,k,l}');
INSERT INTO dunning.locale VALUES ('fr-BE', NULL, ',', ',', '{amount}', 'D', '{a,b,c,d,e,f,g,h,i,j,k,l}');
INSERT INTO dunning.locale VALUES ('fr-BE', NULL, ',', '1', '{amount}', 'D', '{a,b,c,d,e,f,g,h,i,j,k,l}');
INSERT INTO dunning.locale VALUES ('fr-BE', NULL, ',', '.', '{symbol}', 'D', '{a,b,c,d,e,f,g,h,i,j,k,l}');
INSERT INTO dunning.locale VALUES ('fr-BE', NULL, ',', '.', '{amount}', 'today', '{a,b,c,d,e,f,g,h,i,j,k,l}');
INSERT INTO dunning.locale VALUES ('fr-BE', NULL, ',', '.', '{amount}', 'D', '{a,b,c}');
-- and so are the policy's sender details
INSERT INTO dunning.policy (name, currency, payment_url) VALUES ('x', 'EUR', 'pay.example.com');
INSERT INTO dunning.policy (name, currency, contact_email) VALUES ('x', 'EUR', 'accounts');

-- ------------------------------------------------------------ at emission
CREATE SCHEMA rl;
CREATE TABLE rl.invoices (id int PRIMARY KEY, customer_id text NOT NULL,
  due_date date NOT NULL, balance numeric(10,2) NOT NULL, number text);
-- K is a person (greeted by name, which is escaped in HTML); E and N, of
-- whom the binding says nothing, are businesses like the policy's
-- customers (greeted as a company)
CREATE TABLE rl.customers (id text PRIMARY KEY, name text, email text, lang text,
  person boolean);
INSERT INTO rl.customers VALUES
  ('K', 'Käthe <Kunde> Schmidt', 'k@example.de', 'de_DE', true),
  ('E', 'Eve Ltd', 'eve@example.com', NULL, NULL),
  ('N', 'Nora BV', 'nora@example.nl', 'nl-BE', NULL);
INSERT INTO rl.invoices VALUES
  (1, 'K', '2026-10-01', 1200.00, 'R-001'),
  (2, 'K', '2026-10-10',   99.90, 'R-002'),
  (3, 'K', '2026-10-15', 5000.00, 'R-003'),
  (4, 'K', '2026-10-20',    0.50, NULL),
  (5, 'K', '2026-10-25',   25.00, 'R-005'),
  (6, 'E', '2026-10-25',   42.00, 'R-006'),
  (7, 'N', '2026-10-25',   17.00, 'R-007');
SELECT dunning.bind_ledger('rl.invoices', 'id', 'customer_id', 'due_date', 'balance',
                           reference => 'number');
SELECT dunning.bind_customers('rl.customers', 'id', email => 'email', name => 'name',
                              locale => 'lang', consumer => 'person');
INSERT INTO dunning.policy (name, currency, is_default, grace_days, min_days_between,
    group_by, send_days, send_from, send_until, time_zone, sender_name, contact_email,
    contact_phone, payment_url)
VALUES ('std', 'EUR', true, 0, 7, 'customer', '{1,2,3,4,5,6,7}', '00:00', '23:59', 'UTC',
        'Buchhaltung Beispiel AG', 'ar@example.com', '+49 30 1234567',
        'https://pay.example.com/portal');
INSERT INTO dunning.step (policy, level, days_overdue, channel, template, fee) VALUES
  ('std', 1, 3, 'email', 'friendly', 0),
  ('std', 2, 30, 'email', 'firm', 0),
  ('std', 3, 60, 'email', 'final', 40),
  ('std', 4, 90, 'handoff', 'handoff', 0);
SELECT emitted FROM dunning.run(as_of => '2026-11-02 10:00+00');
-- K gets one German notice listing its five invoices; E the English one;
-- N (nl-BE) the Dutch one
SELECT customer_id, level, subject, body_html IS NOT NULL AS has_html
  FROM dunning.all_reminders ORDER BY customer_id;
SELECT body FROM dunning.all_reminders WHERE customer_id = 'K';
SELECT body_html ~ 'Käthe &lt;Kunde&gt; Schmidt' AS escaped,
       body_html ~ '<li>' AS list, (length(body_html) - length(replace(body_html, '<li>', ''))) / 4 AS items
  FROM dunning.all_reminders WHERE customer_id = 'K';

-- invoice 3 is paid before the notice goes out: claiming re-checks the
-- ledger, and the notice is rendered again without it
UPDATE rl.invoices SET balance = 0 WHERE id = 3;
SELECT customer_id, subject FROM dunning.claim('m1', 10) ORDER BY customer_id;
SELECT body ~ 'R-003' AS lists_paid, body ~ 'R-001' AS lists_open, subject
  FROM dunning.all_reminders WHERE customer_id = 'K';
-- and delivers them (the next level waits until they have left the queue)
SELECT count(*) FROM (SELECT dunning.ack('m1', r.id) FROM dunning.reminder r
                       WHERE r.status = 'claimed') a;
-- preview renders too, and writes nothing
SELECT customer_id, subject FROM dunning.preview(as_of => '2026-12-02 10:00+00') ORDER BY 1;

-- dunning.render = off leaves the texts to a mailer that renders itself
SET dunning.render = off;
SELECT emitted FROM dunning.run(as_of => '2026-11-12 10:00+00');
SELECT customer_id, level, subject IS NULL AS no_subject, payload->>'template' AS template
  FROM dunning.all_reminders WHERE as_of = '2026-11-12 10:00+00' ORDER BY 1;
RESET dunning.render;

-- a pass trims a pending notice of an invoice paid meanwhile, and renders
-- it again (dunning.render is back on)
UPDATE rl.invoices SET balance = 0 WHERE id = 2;
SELECT emitted FROM dunning.run(as_of => '2026-11-13 10:00+00');
SELECT status, subject, body ~ 'R-002' AS lists_paid, body ~ 'R-001' AS lists_open
  FROM dunning.all_reminders WHERE customer_id = 'K' AND level = 2 ORDER BY id;

DELETE FROM dunning.reminder;
DELETE FROM dunning.reminder_archive;
DELETE FROM dunning.invoice_state;
DELETE FROM dunning.history;
DELETE FROM dunning.charge;
DELETE FROM dunning.run_log;
DELETE FROM dunning.policy;
DELETE FROM dunning.template;
DELETE FROM dunning.locale;
SELECT dunning.unbind('customers');
SELECT dunning.unbind('ledger');
DROP SCHEMA rl CASCADE;
