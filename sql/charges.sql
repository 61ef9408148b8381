-- Money: fees, statutory interest and fixed compensation as rows of
-- dunning.charge, raised with the reminder, shown in its payload, never
-- twice; waivers, posting, withdrawal.  Every figure is worked out by hand
-- in the comment above it.
\i sql/fixtures/ledger.sql

------------------------------------------------------------------------------
-- Fee schedules (dunning.fee_for): fixed, banded, marginal, min and max
------------------------------------------------------------------------------
-- the UK's fixed sums: under £1,000 £40, under £10,000 £70, from £10,000 £100
SELECT d AS debt, dunning.fee_for('uk_late_payment', d) AS uk
  FROM unnest(ARRAY[999.99, 1000, 5000, 9999.99, 10000, 250000]::numeric[]) d;
-- the Dutch scale: 15 % of the first 2,500, 10 % of the next 2,500, 5 % of
-- the next 5,000, 1 % of the next 190,000, 0.5 % of the rest, at least 40,
-- at most 6,775:
--   100:       15.00, raised to the minimum        =    40.00
--   3,000:     375 + 50                            =   425.00
--   12,000:    375 + 250 + 250 + 20                =   895.00
--   2,000,000: 375 + 250 + 250 + 1,900 + 9,000     = 11,775, capped at 6,775.00
SELECT d AS debt, dunning.fee_for('nl_collection_costs', d) AS nl
  FROM unnest(ARRAY[100, 3000, 12000, 2000000]::numeric[]) d;
SELECT dunning.fee_for('eu_fixed_40', 1234.56) AS eu;
SELECT dunning.fee_for('nope', 1);
SELECT dunning.fee_for('eu_fixed_40', -1);
-- a schedule of one's own: 2 % of the debt, at least 5, at most 50, in yen
-- (no minor units: 2 % of 1,234 = 24.68 is 25)
INSERT INTO dunning.fee_schedule (name, currency, method, minimum, maximum)
VALUES ('two_percent', 'jpy', 'banded', 5, 50);
INSERT INTO dunning.fee_band (schedule, from_amount, percent) VALUES ('two_percent', 0, 2);
SELECT dunning.fee_for('two_percent', 1234) AS jpy, dunning.fee_for('two_percent', 10) AS low,
       dunning.fee_for('two_percent', 100000) AS high;
-- shipped schedules, laws and rates are the extension's
UPDATE dunning.fee_band SET fixed = 41 WHERE schedule = 'eu_fixed_40';
DELETE FROM dunning.law WHERE name = 'de';
UPDATE dunning.reference_rate SET rate = 0 WHERE basis = 'ecb_mro';
INSERT INTO dunning.reference_rate (basis, valid_from, rate, source, shipped)
VALUES ('ecb_mro', '2030-01-01', 1, 'mine', true);
INSERT INTO dunning.fee_band (schedule, from_amount, percent) VALUES ('two_percent', 10, 200);
INSERT INTO dunning.law (name, description, basis, margin_business, legal_basis)
VALUES ('mine', 'no such rate', 'libor', 1, 'x');
INSERT INTO dunning.law (name, description, basis, legal_basis)
VALUES ('mine', 'no margin', 'ecb_mro', 'x');
SELECT * FROM dunning.statutory_interest('fr', -1, '2025-01-01', '2025-01-02');
-- a policy that charges names a law, whose compensation is in its currency;
-- a step has a fixed fee or a fee schedule, not both
INSERT INTO dunning.policy (name, currency, interest_from_level) VALUES ('p', 'EUR', 1);
INSERT INTO dunning.policy (name, currency, law, compensation_from_level)
VALUES ('p', 'GBP', 'eu_b2b', 1);
INSERT INTO dunning.policy (name, currency) VALUES ('p', 'EUR');
INSERT INTO dunning.step (policy, level, days_overdue, channel, fee, fee_schedule)
VALUES ('p', 1, 1, 'email', 5, 'eu_fixed_40');
DELETE FROM dunning.policy WHERE name = 'p';

------------------------------------------------------------------------------
-- Statutory interest (dunning.statutory_interest)
------------------------------------------------------------------------------
-- France: the ECB rate of the half-year + 10 points.  From 20 January to
-- 20 February 2025 (32 days) the rate of 1 January 2025 applies, 3.15 %,
-- although the ECB cut it to 2.90 % on 5 February:
--   1,000 x 13.15 % x 32 / 365 = 4,208 / 365 = 11.528767
SELECT * FROM dunning.statutory_interest('fr', 1000, '2025-01-20', '2025-02-20');
-- the same under a law of one's own that takes each day's rate: 16 days at
-- 13.15 % and 16 at 12.90 %:
--   1,000 x 13.15 % x 16 / 365 = 2,104 / 365 = 5.764384
--   1,000 x 12.90 % x 16 / 365 = 2,064 / 365 = 5.654795
INSERT INTO dunning.law (name, description, basis, margin_business, rate_rule, legal_basis)
VALUES ('ecb_daily', 'each day''s ECB rate + 10', 'ecb_mro', 10, 'daily', 'contract, art. 9');
SELECT * FROM dunning.statutory_interest('ecb_daily', 1000, '2025-01-20', '2025-02-20');
-- the UK: the Bank of England rate in force when interest starts (4.75 %
-- on 1 January 2025) + 8 points, for the whole debt, across the cuts of
-- February and May and the half-year:
--   5,000 x 12.75 % x 167 / 365 = 106,462.5 / 365 = 291.678082
--   5,000 x 12.75 % x  14 / 365 =   8,925   / 365 =  24.452055
SELECT * FROM dunning.statutory_interest('uk', 5000, '2025-01-15', '2025-07-14');
-- Germany: base rate + 9 points between businesses, + 5 for consumers
-- (2025-07-01: 1.27 %); 1,000 for 30 days:
--   business: 1,000 x 10.27 % x 30 / 365 = 3,081 / 365 = 8.441096
--   consumer: 1,000 x  6.27 % x 30 / 365 = 1,881 / 365 = 5.153425
SELECT consumer, rate, amount
  FROM unnest(ARRAY[false, true]) consumer,
       dunning.statutory_interest('de', 1000, '2025-07-01', '2025-07-30', consumer);
-- no interest for consumers under the French law; none before the first rate
SELECT count(*) FROM dunning.statutory_interest('fr', 1000, '2025-01-01', '2025-01-31', true);
SELECT count(*) FROM dunning.statutory_interest('ecb_daily', 1000, '1990-01-01', '1990-01-31');
SELECT * FROM dunning.statutory_interest('nope', 1, '2025-01-01', '2025-01-02');
-- a rate of one's own takes precedence over the shipped one of that day
INSERT INTO dunning.reference_rate (basis, valid_from, rate, source)
VALUES ('ecb_mro', '2025-06-11', 2.00, 'a correction of one''s own');
SELECT rate FROM dunning.statutory_interest('ecb_daily', 1000, '2025-06-20', '2025-06-20');
DELETE FROM dunning.reference_rate WHERE NOT shipped;

------------------------------------------------------------------------------
-- A German invoice of €10,000 through a campaign
------------------------------------------------------------------------------
-- due 31 May 2024; interest from 1 June at the base rate + 9 (3.62 % until
-- 30 June, 3.37 % from 1 July); €40 compensation at the first reminder;
-- a €5 fee at level 2
INSERT INTO fx.customers VALUES (1, 'buchhaltung@example.de', 'Müller GmbH', 'de', 'Europe/Berlin', NULL);
INSERT INTO fx.invoices (id, customer_id, due_date, balance, number)
VALUES (1, 1, '2024-05-31', 10000.00, 'R-2024-001');
INSERT INTO dunning.policy (name, currency, is_default, min_days_between, send_days, send_from,
    send_until, time_zone, law, interest_from_level, compensation_from_level)
VALUES ('de_b2b', 'EUR', true, 7, '{1,2,3,4,5,6,7}', '00:00', '23:59', 'UTC', 'de', 1, 1);
INSERT INTO dunning.step (policy, level, days_overdue, channel, template, fee) VALUES
  ('de_b2b', 1, 10, 'email', 'friendly', 0),
  ('de_b2b', 2, 40, 'email', 'firm', 5),
  ('de_b2b', 3, 70, 'email', 'final', 5);

-- 10 June: level 1.  Interest for 1 to 9 June (9 days) on 10,000:
--   10,000 x 12.62 % x 9 / 365 = 11,358 / 365 = 31.117808, so 31.12
SELECT emitted FROM dunning.run('2024-06-10 10:00+00');
SELECT kind, amount, level, period_from, period_to, waived_at IS NOT NULL AS waived
  FROM dunning.charge ORDER BY id;
SELECT payload->>'total_open' AS principal, payload->>'total_interest' AS interest,
       payload->>'total_compensation' AS compensation, payload->>'total_charges' AS charges,
       payload->>'total_due' AS due, payload->>'interest_rate' AS rate,
       payload->>'legal_basis' AS legal_basis
  FROM dunning.reminder;
-- the German text shows the breakdown
SELECT body FROM dunning.reminder;
-- sent: the mailer acknowledges it
SELECT count(*) FROM (SELECT dunning.ack('m', id) FROM dunning.claim('m', 10)) a;

-- 6,000 paid on 20 June: 4,000 left.  10 July: level 2, the €5 fee, and
-- interest for 10 June to 9 July on what the pass sees open (without a
-- payments binding, the amount of the day applies to the days since the
-- last charge, in the customer's favour):
--   10 to 30 June (21 days): 4,000 x 12.62 % x 21 / 365 = 10,600.8 / 365 = 29.043288
--   1 to 9 July   (9 days):  4,000 x 12.37 % x  9 / 365 =  4,453.2 / 365 = 12.200548
--   together 41.243836, so 41.24
UPDATE fx.invoices SET balance = 4000.00 WHERE id = 1;
-- a preview shows the charges a pass would raise, and raises none
SELECT payload->>'fee' AS fee, payload->>'total_interest' AS interest,
       payload->>'total_due' AS due
  FROM dunning.preview('2024-07-10 10:00+00');
SELECT count(*) AS charges FROM dunning.charge;
SELECT emitted FROM dunning.run('2024-07-10 10:00+00');
-- run again the same day: nothing is raised twice
SELECT emitted FROM dunning.run('2024-07-10 12:00+00');
SELECT kind, amount, level, period_from, period_to FROM dunning.charge ORDER BY id;
SELECT detail FROM dunning.charge WHERE kind = 'interest' ORDER BY id DESC LIMIT 1;
-- principal 4,000 + fee 5 + interest 31.12 + 41.24 + compensation 40 = 4,117.36
SELECT payload->>'fee' AS fee, payload->>'total_fees' AS fees,
       payload->>'total_interest' AS interest, payload->>'total_due' AS due
  FROM dunning.reminder;

-- paid in full on 20 July: the pass of 22 July closes it, and interest
-- stops there; nothing is charged after (8 August would be level 3)
UPDATE fx.invoices SET balance = 0 WHERE id = 1;
SELECT resolved FROM dunning.run('2024-07-22 10:00+00', full_discovery => true);
SELECT emitted FROM dunning.run('2024-08-20 10:00+00', full_discovery => true);
SELECT kind, sum(amount) FROM dunning.charge GROUP BY kind ORDER BY kind;
-- the level-2 reminder was not sent before the payment: it is cancelled,
-- and what it raised (the fee and the July interest) is withdrawn
SELECT status, last_error FROM dunning.reminder_archive ORDER BY id;

------------------------------------------------------------------------------
-- Finance: post, waive
------------------------------------------------------------------------------
SELECT kind, amount, sent_at IS NOT NULL AS sent FROM dunning.charges_to_post ORDER BY id;
SELECT min(id) AS interest_id FROM dunning.charge WHERE kind = 'interest' \gset
SELECT min(id) AS comp_id FROM dunning.charge WHERE kind = 'compensation' \gset
SELECT dunning.mark_posted(ARRAY[:interest_id], 'JE-2024-0815');
SELECT dunning.mark_posted(ARRAY[:interest_id], 'again');
SELECT dunning.mark_posted(ARRAY[:comp_id, 999999], 'JE-1');
SELECT (dunning.waive(:comp_id, 'goodwill: a long-standing customer')).waive_reason;
SELECT dunning.waive(:comp_id, 'twice');
SELECT dunning.waive(:interest_id, 'posted already');
SELECT dunning.waive(:interest_id, ' ');
SELECT kind, amount FROM dunning.charges_to_post;
SELECT kind, posted_ref, waive_reason, waived_by IS NOT NULL AS by_whom
  FROM dunning.charge ORDER BY id;

------------------------------------------------------------------------------
-- A French invoice: the €40 indemnity, once, and the first fee waived
------------------------------------------------------------------------------
\i sql/fixtures/teardown.sql
\i sql/fixtures/ledger.sql
INSERT INTO fx.customers VALUES
  (2, 'compta@example.fr', 'Durand SARL', 'fr', 'Europe/Paris', NULL),
  (3, 'compta@example.com', 'Martin SA', 'fr', 'Europe/Paris', NULL);
INSERT INTO fx.invoices (id, customer_id, due_date, balance, number) VALUES
  (21, 2, '2025-01-10', 1234.56, 'F-21'),
  (22, 2, '2025-01-12', 100.00, 'F-22'),
  (31, 3, '2025-01-10', 500.00, 'F-31');
INSERT INTO dunning.policy (name, currency, is_default, min_days_between, group_by, send_days,
    send_from, send_until, time_zone, language, law, compensation_from_level, waive_first_fee)
VALUES ('fr_b2b', 'EUR', true, 7, 'customer', '{1,2,3,4,5,6,7}', '00:00', '23:59', 'UTC', 'fr',
        'fr', 2, true);
INSERT INTO dunning.step (policy, level, days_overdue, channel, template, fee) VALUES
  ('fr_b2b', 1, 1, 'email', 'friendly', 0),
  ('fr_b2b', 2, 20, 'email', 'final', 15);
-- customer 3 had a reminder in the 12 months before: their first fee stands
INSERT INTO dunning.reminder_archive (id, customer_id, invoice_ids, policy, level, channel,
    payload, status, available_at, attempts, idempotency_key, as_of, created_at, updated_at,
    archived_at)
VALUES (900, 3, '{30}', 'fr_b2b', 1, 'email', '{}', 'sent', '2024-09-01', 1, 'old', '2024-09-01',
        '2024-09-01', '2024-09-01', '2024-09-01');
SELECT emitted FROM dunning.run('2025-01-15 10:00+00');
SELECT count(*) FROM (SELECT dunning.ack('m', id) FROM dunning.claim('m', 10)) a;
-- 5 February: level 2 for both customers: €40 per invoice (compensation
-- from level 2) and a €15 fee per invoice, waived for customer 2, late for
-- the first time in a year (the reminder of 15 January is about these
-- invoices), not for customer 3 (a reminder about invoice 30 in September)
SELECT emitted FROM dunning.run('2025-02-05 10:00+00');
SELECT customer_id, invoice_id, kind, amount, waive_reason
  FROM dunning.charge ORDER BY customer_id, invoice_id, kind;
SELECT customer_id, payload->>'fee' AS fee, payload->>'fee_waived' AS fee_waived,
       payload->>'total_due' AS due, payload->>'legal_basis' AS legal_basis
  FROM dunning.reminder ORDER BY customer_id;

-- invoice 22 is paid before the notice goes out: the settle rule takes it
-- out of the consolidated notice, withdraws its charges, and the notice's
-- totals follow: 1,234.56 + 40 = 1,274.56, the waived fee of 21 alone
UPDATE fx.invoices SET balance = 0 WHERE id = 22;
SELECT cancelled FROM dunning.run('2025-02-05 12:00+00', full_discovery => true);
SELECT invoice_id, kind, amount FROM dunning.charge WHERE customer_id = 2 ORDER BY 1, 2;
SELECT invoice_ids, payload->>'total_compensation' AS compensation,
       payload->>'fee_waived' AS fee_waived, payload->>'total_due' AS due
  FROM dunning.reminder WHERE customer_id = 2;

\i sql/fixtures/teardown.sql

------------------------------------------------------------------------------
-- The Netherlands: a consumer and a business, as the customer binding says
------------------------------------------------------------------------------
\i sql/fixtures/ledger.sql
ALTER TABLE fx.customers ADD COLUMN consumer boolean;
SELECT dunning.bind_customers('fx.customers', 'id', email => 'email', name => 'name',
                              locale => 'locale', consumer => 'consumer');
INSERT INTO fx.customers (id, email, name, locale, consumer) VALUES
  (4, 'jan@example.nl', 'Jan de Vries', 'nl', true),
  (5, 'info@example.nl', 'Bakker BV', 'nl', false);
INSERT INTO fx.invoices (id, customer_id, due_date, balance, number) VALUES
  (41, 4, '2025-01-01', 3000.00, 'NL-41'),
  (51, 5, '2025-01-01', 3000.00, 'NL-51');
INSERT INTO dunning.policy (name, currency, is_default, send_days, send_from, send_until,
    time_zone, language, law, interest_from_level, compensation_from_level)
VALUES ('nl', 'EUR', true, '{1,2,3,4,5,6,7}', '00:00', '23:59', 'UTC', 'nl', 'nl', 1, 1);
-- a fee of 1 % of the open amount, from a schedule of one's own
INSERT INTO dunning.fee_schedule (name, currency) VALUES ('one_percent', 'EUR');
INSERT INTO dunning.fee_band (schedule, from_amount, percent) VALUES ('one_percent', 0, 1);
INSERT INTO dunning.step (policy, level, days_overdue, channel, template, fee_schedule)
VALUES ('nl', 1, 10, 'email', 'final', 'one_percent');
-- both owe the collection costs of the Dutch scale on 3,000: 15 % of
-- 2,500 + 10 % of 500 = 425.00; the business also owes the wettelijke
-- handelsrente (the ECB rate of 1 January 2025, 3.15 %, + 8 points) for 2 to
-- 10 January: 3,000 x 11.15 % x 9 / 365 = 3,010.5 / 365 = 8.247945, so
-- 8.25; the consumer owes none under this law; both owe the step's fee of
-- 1 % of 3,000 = 30.00: 3,000 + 425 + 30 = 3,455.00 and 3,463.25 due
SELECT emitted FROM dunning.run('2025-01-11 10:00+00');
SELECT customer_id, kind, amount FROM dunning.charge ORDER BY customer_id, kind;
SELECT customer_id, payload->>'total_due' AS due FROM dunning.reminder ORDER BY customer_id;
\i sql/fixtures/teardown.sql
DELETE FROM dunning.fee_band WHERE NOT shipped;
DELETE FROM dunning.fee_schedule WHERE NOT shipped;
DELETE FROM dunning.law WHERE NOT shipped;
