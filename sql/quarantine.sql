-- One bad row never stops the rest: ledger or customer data no pass can
-- use keeps its invoice (or its customer's invoices) waiting, with the
-- reason and the offending value in dunning.problems; every other customer
-- is reminded in the same pass, and mending the row is all it takes.
\i sql/fixtures/ledger.sql
INSERT INTO fx.customers (id, email, name) VALUES
  (1, 'one@example.com', 'One'), (2, 'two@example.com', 'Two'),
  (3, 'three@example.com', 'Three'), (4, 'four@example.com', 'Four'),
  (5, 'five@example.com', 'Five'), (6, 'six@example.com', repeat('Six ', 262144));
INSERT INTO fx.invoices (id, customer_id, due_date, balance, number) VALUES
  (10, 1, '2026-10-01', 100, 'Q-10'),              -- fine
  (20, 2, '2026-10-01', 'NaN', 'Q-20'),            -- an amount that is no number
  (30, 3, '2026-10-01', 'Infinity', 'Q-30'),       -- nor is this
  (40, 4, '-infinity', 100, 'Q-40'),               -- a due date of no day
  (50, 5, '2026-10-01', 100, repeat('Q', 1048576)),-- a 1 MB reference
  (51, 5, '2026-10-01', 100, 'Q-51'),              -- the same customer, fine
  (60, 6, '2026-10-01', 100, 'Q-60');              -- a 1 MB customer name
INSERT INTO dunning.policy (name, currency, is_default, grace_days, send_days, send_from,
                            send_until, time_zone)
VALUES ('qr', 'EUR', true, 0, '{1,2,3,4,5,6,7}', '00:00', '23:59', 'UTC');
INSERT INTO dunning.step (policy, level, days_overdue, channel, template) VALUES
  ('qr', 1, 3, 'email', 'friendly');

-- the pass goes on: invoices 10 and 51 are reminded, the others wait
SELECT examined, emitted FROM dunning.run('2026-11-02 10:00+00', full_discovery => true);
SELECT invoice_ids, recipient FROM dunning.all_reminders ORDER BY invoice_ids;
SELECT invoice_id, kind, problem, looked_at_again FROM dunning.problems ORDER BY invoice_id;
SELECT quarantined FROM dunning.run_log ORDER BY id;

-- mending the rows: the next day's pass reminds them all
UPDATE fx.invoices SET balance = 200 WHERE id IN (20, 30);
UPDATE fx.invoices SET due_date = '2026-10-01' WHERE id = 40;
UPDATE fx.invoices SET number = 'Q-50' WHERE id = 50;
UPDATE fx.customers SET name = 'Six' WHERE id = 6;
SELECT emitted FROM dunning.run('2026-11-03 10:00+00');
SELECT invoice_ids FROM dunning.all_reminders ORDER BY invoice_ids;
SELECT count(*) AS problems FROM dunning.problems;
SELECT quarantined FROM dunning.run_log ORDER BY id;

-- a reminder whose texts cannot be rendered (here a customer's name, long
-- but allowed, repeated by a wordy template beyond dunning.max_render_size)
-- is held back alone: its invoice waits as bad data, the preview leaves it
-- out, and the other customer of the same policy is reminded
INSERT INTO dunning.template (name, channel, locale, subject, body)
VALUES ('wordy', 'email', 'en', 'About {{customer.name}}', repeat('{{customer.name}} ', 600));
INSERT INTO dunning.policy (name, currency, grace_days, send_days, send_from, send_until,
                            time_zone)
VALUES ('qr_wordy', 'EUR', 0, '{1,2,3,4,5,6,7}', '00:00', '23:59', 'UTC');
INSERT INTO dunning.step (policy, level, days_overdue, channel, template) VALUES
  ('qr_wordy', 1, 3, 'email', 'wordy');
INSERT INTO fx.customers (id, email, name) VALUES
  (7, 'seven@example.com', repeat('Seven ', 83)), (8, 'eight@example.com', 'Eight');
INSERT INTO dunning.assignment (customer_id, policy) VALUES (7, 'qr_wordy'), (8, 'qr_wordy');
INSERT INTO fx.invoices (id, customer_id, due_date, balance, number) VALUES
  (90, 7, '2026-10-01', 70, 'Q-90'), (91, 8, '2026-10-01', 80, 'Q-91');
SELECT invoice_ids FROM dunning.preview('2026-11-03 11:00+00', full_discovery => true)
 WHERE invoice_ids && '{90,91}';
SELECT examined, emitted FROM dunning.run('2026-11-03 11:00+00', full_discovery => true);
SELECT quarantined FROM dunning.run_log ORDER BY id DESC LIMIT 1;
SELECT invoice_ids, octet_length(body) AS body_bytes FROM dunning.all_reminders
 WHERE invoice_ids && '{90,91}';
SELECT invoice_id, kind, problem FROM dunning.problems ORDER BY invoice_id;
SELECT invoice_id, level FROM dunning.invoice_state WHERE invoice_id IN (90, 91) ORDER BY 1;
-- mending the name lets it through at the next pass
UPDATE fx.customers SET name = 'Seven' WHERE id = 7;
SELECT emitted FROM dunning.run('2026-11-04 11:00+00');
SELECT invoice_ids, subject, octet_length(body) AS body_bytes FROM dunning.all_reminders
 WHERE invoice_ids = '{90}';
SELECT count(*) AS problems FROM dunning.problems;
DELETE FROM dunning.assignment;

-- a view may list an invoice twice (here, a union that forgot a filter):
-- the invoice is looked at once, and waits, with how many rows it has
CREATE VIEW fx.invoices_v AS
  SELECT * FROM fx.invoices
  UNION ALL
  SELECT 70, 1, '2026-10-01', 40, 'EUR', 'Q-70'
  UNION ALL
  SELECT 70, 1, '2026-10-01', 40, 'EUR', 'Q-70 again';
INSERT INTO fx.invoices (id, customer_id, due_date, balance, number)
VALUES (80, 1, '2026-10-01', 30, 'Q-80');
SELECT dunning.bind_ledger('fx.invoices_v', 'id', 'customer_id', 'due_date', 'balance',
                           reference => 'number');
SELECT examined, emitted FROM dunning.run('2026-11-05 10:00+00', full_discovery => true);
SELECT invoice_id, kind, problem FROM dunning.problems ORDER BY invoice_id;
SELECT invoice_ids FROM dunning.all_reminders WHERE invoice_ids && '{70,80}' ORDER BY 1;

\i sql/fixtures/teardown.sql
