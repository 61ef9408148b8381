-- The analysts' layer: aging as of any day (rebuilt from the payments
-- binding), what each step achieves, the funnel, contacts per customer;
-- payment days from the payments binding, else as a pass observed them;
-- a reader sees keys and amounts, names only when granted.
\i sql/fixtures/ledger.sql
INSERT INTO fx.customers VALUES
  (1, 'one@example.com', 'One', 'en', NULL, NULL),
  (2, 'two@example.com', 'Two', 'fr', NULL, NULL),
  (3, 'three@example.com', 'Three', 'en', NULL, NULL);
INSERT INTO fx.invoices (id, customer_id, due_date, balance, number) VALUES
  (11, 1, '2026-10-01', 100.00, 'A-11'),
  (12, 1, '2026-10-01', 50.00, 'A-12'),
  (21, 2, '2026-10-01', 200.00, 'A-21'),
  (31, 3, '2026-09-01', 300.00, 'A-31'),
  (32, 3, '2026-11-20', 80.00, 'A-32');
CREATE TABLE fx.payments (id int PRIMARY KEY, invoice_id bigint NOT NULL, paid_on date NOT NULL,
                          amount numeric NOT NULL);
SELECT dunning.bind_payments('fx.payments', 'invoice_id', 'paid_on', 'amount') IS NOT NULL AS bound;
INSERT INTO dunning.policy (name, currency, is_default, min_days_between, send_days, send_from,
    send_until, time_zone, max_reminders, per_period)
VALUES ('std', 'EUR', true, 3, '{1,2,3,4,5,6,7}', '00:00', '23:59', 'UTC', 3, '30 days');
INSERT INTO dunning.step (policy, level, days_overdue, channel, template) VALUES
  ('std', 1, 1, 'email', 'friendly'), ('std', 2, 10, 'email', 'firm');

-- day 2 of October: level 1 for 1, 2 and 3 (3's old invoice), delivered
SELECT emitted FROM dunning.run('2026-10-02 10:00+00');
SELECT count(*) AS sent FROM (SELECT dunning.ack('m', id) FROM dunning.claim('m', 10)) a;
SELECT count(*) AS events FROM (
  SELECT dunning.record_event(a.id, k, '2026-10-02 11:00+00')
    FROM dunning.reminder_archive a,
         unnest(CASE a.customer_id WHEN 1 THEN '{delivered,opened,clicked}'::text[]
                                   WHEN 2 THEN '{bounced}'::text[]
                                   ELSE '{delivered,opened}'::text[] END) k) e;
-- 1 pays both invoices on the 5th (the payments binding has the day); 2
-- pays, but no payment is bound: the pass of the 8th sees it paid
INSERT INTO fx.payments VALUES (1, 11, '2026-10-05', 100.00), (2, 12, '2026-10-05', 50.00);
UPDATE fx.invoices SET balance = 0 WHERE id IN (11, 12, 21);
SELECT resolved FROM dunning.run('2026-10-08 10:00+00', full_discovery => true);
SELECT invoice_id, reason_code, paid_on, at::date AS seen FROM dunning.history
 WHERE event = 'resolved' ORDER BY invoice_id;
-- 3 got level 2 from the pass of the 8th: delivered; it pays part of its
-- old invoice on the 20th
SELECT count(*) AS sent FROM (SELECT dunning.ack('m', id) FROM dunning.claim('m', 10)) a;
SELECT emitted FROM dunning.run('2026-10-11 10:00+00');
INSERT INTO fx.payments VALUES (3, 31, '2026-10-20', 120.00);
UPDATE fx.invoices SET balance = 180.00 WHERE id = 31;

-- what each step achieved: level 1 reached three customers; 1 paid its
-- two invoices 3 days after (payments), 2 within 6 days (observed: the pass
-- of the 8th saw it); level 2 reached 3, who paid part of it, which is not
-- paid
SELECT policy, level, template, channel, locale, reminders, invoices, paid_within_7,
       paid_within_14, paid_within_30, collected_within_30, median_days_to_payment,
       payment_dates_from
  FROM dunning.step_effectiveness ORDER BY level, locale;
-- the funnel: sent, delivered, opened, clicked, paid, and the bounce rate
SELECT * FROM dunning.funnel ORDER BY template, locale;
-- contacts per customer and month, against the cap (as of the last pass)
SELECT * FROM dunning.contacts_per_customer ORDER BY customer_id, month;

-- aging now (as of 25 November 2026) and as it was on 15 October: the
-- payment of the 20th was still open then, and the invoices paid on the
-- 5th were not
SELECT * FROM dunning.aging('2026-11-25');
SELECT * FROM dunning.aging('2026-10-15');
SELECT bucket, sum(open_amount) FROM dunning.aging('2026-11-25', '{7,45}') GROUP BY 1 ORDER BY 1;
SELECT * FROM dunning.aging('2026-11-25', '{60,30}');
SELECT * FROM dunning.aging(NULL);

-- readers see these views and the aging, not the customers' names, until
-- granted them
CREATE ROLE regress_analyst;
CREATE ROLE regress_analyst_names;
SELECT dunning.grant_reader('regress_analyst');
SELECT dunning.grant_reader('regress_analyst_names');
SELECT dunning.grant_names('regress_analyst_names');
SET ROLE regress_analyst;
SELECT count(*) FROM dunning.step_effectiveness;
SELECT count(*) FROM dunning.funnel;
SELECT count(*) FROM dunning.contacts_per_customer;
SELECT count(*) FROM dunning.aging('2026-11-25');
SELECT name FROM dunning.customer WHERE customer_id = 1;
RESET ROLE;
SET ROLE regress_analyst_names;
SELECT customer_id, name FROM dunning.customer ORDER BY customer_id;
SELECT email FROM dunning.customer WHERE customer_id = 1;
RESET ROLE;

DELETE FROM dunning.role_grant;
SELECT dunning.unbind('payments');
\i sql/fixtures/teardown.sql
DROP OWNED BY regress_analyst, regress_analyst_names;
DROP ROLE regress_analyst, regress_analyst_names;
