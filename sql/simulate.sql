-- Backtests: dunning.simulate(policy, from, to) replays the passes' rules
-- day by day over the ledger as it stood (rebuilt from the payments
-- binding) and writes nothing.  Simulating the policy that was in force
-- reproduces exactly what the passes emitted; a draft can be compared with
-- it on the same period.
\i sql/fixtures/ledger.sql
INSERT INTO fx.customers (id, email, name)
SELECT c, format('c%s@example.com', c), format('Customer %s', c) FROM generate_series(1, 12) c;
-- 30 invoices of 12 customers, due from 1 September to 29 October
INSERT INTO fx.invoices (id, customer_id, due_date, balance, number)
SELECT i, 1 + i % 12, date '2026-09-01' + 2 * i, 100 + 10 * i, format('S-%s', i)
  FROM generate_series(0, 29) i;
CREATE TABLE fx.payments (id int PRIMARY KEY, invoice_id bigint NOT NULL, paid_on date NOT NULL,
                          amount numeric NOT NULL);
SELECT dunning.bind_payments('fx.payments', 'invoice_id', 'paid_on', 'amount') IS NOT NULL AS bound;
-- a third of them paid in October, some in two parts
INSERT INTO fx.payments
SELECT i, i, date '2026-10-01' + (i * 7) % 30, 100 + 10 * i FROM generate_series(0, 29, 3) i;
INSERT INTO fx.payments
SELECT 100 + i, i, date '2026-10-03' + (i * 5) % 25, 50 FROM generate_series(1, 29, 4) i;
INSERT INTO dunning.policy (name, currency, is_default, min_days_between, send_days, send_from,
    send_until, time_zone, max_reminders, per_period, group_by)
VALUES ('std', 'EUR', true, 3, '{1,2,3,4,5,6,7}', '09:00', '23:59', 'UTC', 2, '30 days',
        'customer');
INSERT INTO dunning.step (policy, level, days_overdue, channel, template) VALUES
  ('std', 1, 1, 'email', 'friendly'), ('std', 2, 10, 'email', 'firm'),
  ('std', 3, 20, 'letter', 'final');
-- a draft to compare: firmer sooner, one reminder per invoice
INSERT INTO dunning.policy (name, currency, min_days_between, send_days, send_from, send_until,
    time_zone, status)
VALUES ('brisk', 'EUR', 2, '{1,2,3,4,5,6,7}', '09:00', '23:59', 'UTC', 'draft');
INSERT INTO dunning.step (policy, level, days_overdue, channel, template) VALUES
  ('brisk', 1, 1, 'email', 'friendly'), ('brisk', 2, 5, 'email', 'firm');

-- October as it happened: each day, the day's payments reach the ledger,
-- a pass runs at 09:00 and the mail room delivers what it emitted
DO $$
DECLARE
  day date;
BEGIN
  FOR i IN 0..30 LOOP
    day := date '2026-10-01' + i;
    UPDATE fx.invoices v SET balance = v.balance - p.amount
      FROM fx.payments p WHERE p.invoice_id = v.id AND p.paid_on = day;
    PERFORM dunning.run((day || ' 09:00+00')::timestamptz);
    PERFORM dunning.ack('m', c.id) FROM dunning.claim('m', 100) c;
  END LOOP;
END
$$;
SELECT level, channel, count(*) AS reminders FROM dunning.all_reminders GROUP BY 1, 2 ORDER BY 1, 2;

-- the replay of the policy in force gives exactly the same reminders
CREATE TEMP TABLE sim AS SELECT * FROM dunning.simulate('std', '2026-10-01', '2026-10-31');
CREATE TEMP TABLE real AS
  SELECT a.as_of AS at, a.customer_id::text AS customer_id,
         (SELECT array_agg(i::text ORDER BY o) FROM unnest(a.invoice_ids) WITH ORDINALITY x (i, o))
           AS invoice_ids, a.level, a.channel
    FROM dunning.all_reminders a;
SELECT count(*) AS simulated, (SELECT count(*) FROM real) AS emitted FROM sim;
SELECT 'only simulated' AS side, * FROM (SELECT at, customer_id, invoice_ids, level, channel FROM sim
                                          EXCEPT SELECT * FROM real) d
UNION ALL
SELECT 'only emitted', * FROM (SELECT * FROM real
                               EXCEPT SELECT at, customer_id, invoice_ids, level, channel FROM sim) d;
-- and says how those invoices were in fact paid
SELECT day, customer_id, invoice_ids, level, total_open, paid_on
  FROM sim WHERE paid_on IS NOT NULL ORDER BY at, customer_id LIMIT 5;

-- it wrote nothing
SELECT (SELECT count(*) FROM dunning.all_reminders) AS reminders,
       (SELECT count(*) FROM dunning.history) AS history,
       (SELECT count(*) FROM dunning.invoice_state) AS states \gset before_
SELECT count(*) > 0 AS simulated FROM dunning.simulate('brisk', '2026-10-01', '2026-10-31');
SELECT (SELECT count(*) FROM dunning.all_reminders) = :before_reminders
       AND (SELECT count(*) FROM dunning.history) = :before_history
       AND (SELECT count(*) FROM dunning.invoice_state) = :before_states AS nothing_written;

-- two policies side by side on the same period
SELECT coalesce(a.level, b.level) AS level, a.reminders AS std, b.reminders AS brisk
  FROM (SELECT level, count(*) AS reminders FROM dunning.simulate('std', '2026-10-01', '2026-10-31')
         GROUP BY 1) a
  FULL JOIN (SELECT level, count(*) AS reminders
               FROM dunning.simulate('brisk', '2026-10-01', '2026-10-31') GROUP BY 1) b
    ON a.level = b.level
 ORDER BY 1;

-- bad input
SELECT * FROM dunning.simulate('nope', '2026-10-01', '2026-10-31');
SELECT * FROM dunning.simulate('std', '2026-10-31', '2026-10-01');
SELECT * FROM dunning.simulate('std', '2025-01-01', '2026-10-01');

SELECT dunning.unbind('payments');
\i sql/fixtures/teardown.sql
