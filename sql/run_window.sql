-- Send windows in the customer's time zone, working days and holidays.
\set SHOW_CONTEXT never
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
CREATE SCHEMA win;
CREATE TABLE win.invoices (id integer PRIMARY KEY, customer_id integer NOT NULL,
  due_at timestamptz NOT NULL, balance numeric NOT NULL, currency text NOT NULL);
CREATE TABLE win.customers (id integer PRIMARY KEY, email text, tz text);
INSERT INTO win.customers VALUES
  (1, 'paris@example.com', 'Europe/Paris'),
  (2, 'la@example.com', 'America/Los_Angeles'),
  (3, 'tokyo@example.com', 'Asia/Tokyo'),
  (4, 'nowhere@example.com', NULL),            -- the policy's zone applies
  (5, 'mars@example.com', 'Mars/Olympus_Mons'); -- unknown zone: the policy's too
-- due dates are instants here: the day they fall on depends on the zone
INSERT INTO win.invoices VALUES
  (1, 1, '2026-12-01 12:00+00', 100, 'EUR'),
  (2, 2, '2026-12-01 12:00+00', 100, 'EUR'),
  (3, 3, '2026-12-01 12:00+00', 100, 'EUR'),
  (4, 4, '2026-12-01 12:00+00', 100, 'EUR'),
  (5, 5, '2026-12-01 12:00+00', 100, 'EUR'),
  (6, 3, '2026-12-15 20:00+00', 100, 'EUR'),   -- the 16th in Tokyo ...
  (7, 1, '2026-12-15 20:00+00', 100, 'EUR');   -- ... the 15th in Paris
SELECT dunning.bind_ledger('win.invoices', 'id', 'customer_id', 'due_at', 'balance', 'currency');
SELECT dunning.bind_customers('win.customers', 'id', email => 'email', time_zone => 'tz');

-- Monday 21 December 2026 is a holiday of the calendar
INSERT INTO dunning.calendar (name) VALUES ('win');
INSERT INTO dunning.holiday (calendar, day, name) VALUES ('win', '2026-12-21', 'closing day');
INSERT INTO dunning.policy (name, currency, is_default, grace_days, min_days_between,
    send_days, send_from, send_until, time_zone, calendar)
VALUES ('win', 'EUR', true, 0, 1, '{1,2,3,4,5}', '09:00', '17:00', 'Europe/Paris', 'win');
INSERT INTO dunning.step (policy, level, days_overdue, channel) VALUES
  ('win', 1, 3, 'email'), ('win', 2, 17, 'email');

-- days overdue are counted in the customer's zone: on 18 December at 14:00
-- UTC it is 15:00 in Paris, where invoice 7 fell due on the 15th (3 days:
-- step 1), and 23:00 in Tokyo, where invoice 6 fell due on the 16th (2 days)
SELECT r.invoice_ids, (r.payload->'invoices'->0->>'days_overdue')::int AS days_overdue
  FROM dunning.preview('2026-12-18 14:00+00') r
 WHERE r.invoice_ids && '{6,7}' ORDER BY 1;

-- Friday 18 December 2026 at 17:30 UTC: 18:30 in Paris (after the window,
-- and Monday is a holiday: Tuesday 09:00 Paris), 09:30 in Los Angeles (open
-- now: available at once), Saturday 02:30 in Tokyo (Tuesday 09:00 Tokyo);
-- customers without a zone, or with one PostgreSQL does not know, get the
-- policy's (Paris)
SELECT r.invoice_ids, c.tz, r.available_at,
       r.available_at AT TIME ZONE (CASE WHEN dunning.time_zone_is_valid(c.tz)
                                         THEN c.tz ELSE 'Europe/Paris' END) AS local_time
  FROM dunning.preview('2026-12-18 17:30+00') r
  JOIN win.customers c ON c.id = r.customer_id
 ORDER BY r.invoice_ids;
SELECT discovery, emitted FROM dunning.run('2026-12-18 17:30+00');
SELECT invoice_ids, available_at FROM dunning.all_reminders WHERE customer_id = 2;

-- a weekend-only policy: at 00:30 UTC on Saturday it is 09:30 in Tokyo, inside
-- an 08:00-12:00 window, and still Friday evening in Paris (Saturday 08:00)
UPDATE dunning.policy SET send_days = '{6,7}', send_from = '08:00', send_until = '12:00',
  calendar = NULL WHERE name = 'win';
DELETE FROM dunning.reminder;
DELETE FROM dunning.reminder_archive;
DELETE FROM dunning.invoice_state;
SELECT r.invoice_ids, r.available_at,
       r.available_at AT TIME ZONE (CASE WHEN dunning.time_zone_is_valid(c.tz)
                                         THEN c.tz ELSE 'Europe/Paris' END) AS local_time
  FROM dunning.preview('2026-12-19 00:30+00', full_discovery => true) r
  JOIN win.customers c ON c.id = r.customer_id
 WHERE r.customer_id IN (1, 3) ORDER BY 1;

DELETE FROM dunning.reminder;
DELETE FROM dunning.reminder_archive;
DELETE FROM dunning.invoice_state;
DELETE FROM dunning.history;
DELETE FROM dunning.charge;
DELETE FROM dunning.token_key;
DELETE FROM dunning.suppression;
DELETE FROM dunning.outcome;
DELETE FROM dunning.run_log;
DELETE FROM dunning.policy;
DELETE FROM dunning.calendar;
SELECT dunning.unbind('customers');
SELECT dunning.unbind('ledger');
DROP SCHEMA win CASCADE;
