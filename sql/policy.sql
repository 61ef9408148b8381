-- Policies: every bad input is rejected with a message that says why.
\set SHOW_CONTEXT never

-- a policy with every default, and one as in the README
INSERT INTO dunning.policy (name, currency) VALUES ('minimal', 'EUR');
INSERT INTO dunning.policy (name, currency, is_default, min_open_amount, grace_days,
    min_days_between, group_by, max_reminders, per_period,
    send_days, send_from, send_until, time_zone, active_from)
VALUES ('standard', 'EUR', true, 5.00, 3, 5, 'customer', 3, '30 days',
    '{1,2,3,4,5}', '09:00', '17:00', 'Europe/Paris', '2026-01-01 00:00+01');
SELECT name, currency, is_default, min_open_amount, grace_days, min_days_between,
       group_by, max_reminders, per_period, send_days, send_from, send_until,
       time_zone, calendar, language, active_from, active_until
  FROM dunning.policy ORDER BY name;
-- a currency code in lower case is taken in capitals
INSERT INTO dunning.policy (name, currency) VALUES ('pounds', 'gbp');
SELECT currency FROM dunning.policy WHERE name = 'pounds';
-- a policy scheduled in the future is accepted as it is
INSERT INTO dunning.policy (name, currency, active_from, active_until)
VALUES ('winter', 'USD', '2027-01-01 00:00+00', '2027-03-01 00:00+00');

-- an empty name
INSERT INTO dunning.policy (name, currency) VALUES ('  ', 'EUR');
-- a currency that is not ISO 4217
INSERT INTO dunning.policy (name, currency) VALUES ('bad', 'EUX');
INSERT INTO dunning.policy (name, currency) VALUES ('bad', 'euros');
-- negative amounts and days
INSERT INTO dunning.policy (name, currency, min_open_amount) VALUES ('bad', 'EUR', -1);
INSERT INTO dunning.policy (name, currency, grace_days) VALUES ('bad', 'EUR', -3);
INSERT INTO dunning.policy (name, currency, min_days_between) VALUES ('bad', 'EUR', -7);
-- a contact cap of zero, an empty period
INSERT INTO dunning.policy (name, currency, max_reminders) VALUES ('bad', 'EUR', 0);
INSERT INTO dunning.policy (name, currency, per_period) VALUES ('bad', 'EUR', '0 days');
-- an unknown grouping
INSERT INTO dunning.policy (name, currency, group_by) VALUES ('bad', 'EUR', 'week');
-- weekdays out of range, or none
INSERT INTO dunning.policy (name, currency, send_days) VALUES ('bad', 'EUR', '{0,1,8}');
INSERT INTO dunning.policy (name, currency, send_days) VALUES ('bad', 'EUR', '{}');
-- an empty send window
INSERT INTO dunning.policy (name, currency, send_from, send_until)
VALUES ('bad', 'EUR', '17:00', '09:00');
INSERT INTO dunning.policy (name, currency, send_from, send_until)
VALUES ('bad', 'EUR', '09:00', '09:00');
-- a time zone PostgreSQL does not know
INSERT INTO dunning.policy (name, currency, time_zone) VALUES ('bad', 'EUR', 'Mars/Olympus_Mons');
INSERT INTO dunning.policy (name, currency, time_zone) VALUES ('bad', 'EUR', '');
-- a calendar that does not exist
INSERT INTO dunning.policy (name, currency, calendar) VALUES ('bad', 'EUR', 'fr-public');
-- a language that is not a code
INSERT INTO dunning.policy (name, currency, language) VALUES ('bad', 'EUR', 'French');
-- a schedule that ends before it starts
INSERT INTO dunning.policy (name, currency, active_from, active_until)
VALUES ('bad', 'EUR', '2027-01-01 00:00+00', '2026-12-01 00:00+00');
-- two default policies for one currency, by INSERT and by UPDATE
INSERT INTO dunning.policy (name, currency, is_default) VALUES ('bad', 'EUR', true);
UPDATE dunning.policy SET is_default = true WHERE name = 'minimal';
-- the same checks apply to an UPDATE
UPDATE dunning.policy SET grace_days = -1 WHERE name = 'standard';
-- settings accepted once would stop every later pass: refused at once
INSERT INTO dunning.policy (name, currency, min_open_amount) VALUES ('bad', 'EUR', 'NaN');
INSERT INTO dunning.policy (name, currency, min_open_amount) VALUES ('bad', 'EUR', 'Infinity');
INSERT INTO dunning.policy (name, currency, per_period) VALUES ('bad', 'EUR', '10000 years');
INSERT INTO dunning.policy (name, currency, grace_days) VALUES ('bad', 'EUR', 2147483647);
INSERT INTO dunning.policy (name, currency, max_reminders) VALUES ('bad', 'EUR', 100000);
INSERT INTO dunning.policy (name, currency, sender_name) VALUES ('bad', 'EUR', repeat('x', 1048576));
INSERT INTO dunning.locale (code, decimal_sep, group_sep, amount_format, date_format, month_names)
SELECT 'xx', ',', '.', repeat('{amount}', 100000), 'D.M.Y', month_names
  FROM dunning.locale_default WHERE code = 'de';
-- nothing of the above was written
SELECT count(*) FROM dunning.policy WHERE name = 'bad';
SELECT count(*) FROM dunning.locale WHERE code = 'xx';
SELECT name FROM dunning.policy WHERE is_default;

-- a default policy per currency is fine
INSERT INTO dunning.policy (name, currency, is_default) VALUES ('us', 'USD', true);
-- moving the default: the old one first, then the new one
UPDATE dunning.policy SET is_default = false WHERE name = 'standard';
UPDATE dunning.policy SET is_default = true WHERE name = 'minimal';
SELECT name FROM dunning.policy WHERE is_default ORDER BY name;
-- renaming a policy keeps it the default
UPDATE dunning.policy SET name = 'basic' WHERE name = 'minimal';
SELECT name, is_default FROM dunning.policy WHERE currency = 'EUR' ORDER BY name;

DELETE FROM dunning.policy;
