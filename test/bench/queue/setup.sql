-- The queue benchmark's data (psql -v n=100000): a ledger of n overdue
-- invoices of n customers with e-mail addresses, reminded one invoice at a
-- time, and one pass that emits n reminders; then a PgQ queue 'bench' with
-- the same n payloads as events, in batches of 100 (one tick per 100
-- events, each batch in its own transaction, as a ticker would cut them).

\set ON_ERROR_STOP on
SET client_min_messages = warning;

CREATE SCHEMA qb;
CREATE TABLE qb.invoices (id bigint PRIMARY KEY, customer_id bigint NOT NULL,
  due_date date NOT NULL, balance numeric(12,2) NOT NULL, number text NOT NULL);
CREATE TABLE qb.customers (id bigint PRIMARY KEY, email text NOT NULL, name text NOT NULL);
INSERT INTO qb.customers
SELECT g, 'customer' || g || '@example.com', 'Customer ' || g FROM generate_series(1, :n) g;
INSERT INTO qb.invoices
SELECT g, g, date '2026-11-01' - (g % 60)::int, round((20 + g % 4980)::numeric, 2),
       'INV-2026-' || lpad(g::text, 8, '0')
FROM generate_series(1, :n) g;
CREATE INDEX ON qb.invoices (customer_id);
VACUUM ANALYZE qb.invoices;
VACUUM ANALYZE qb.customers;

SELECT dunning.bind_ledger('qb.invoices', 'id', 'customer_id', 'due_date', 'balance',
                           reference => 'number');
SELECT dunning.bind_customers('qb.customers', 'id', email => 'email', name => 'name');
INSERT INTO dunning.policy (name, currency, is_default, grace_days, min_days_between,
    send_days, send_from, send_until, time_zone)
VALUES ('qb', 'EUR', true, 0, 7, '{1,2,3,4,5,6,7}', '00:00', '23:59', 'UTC');
INSERT INTO dunning.step (policy, level, days_overdue, channel) VALUES ('qb', 1, 3, 'email');
SELECT emitted FROM dunning.run('2026-11-20 10:00+00');

-- a copy of the queue as it stands, to start every run from the same state
CREATE TABLE qb.fresh AS SELECT * FROM dunning.reminder;

-- PgQ: the same payloads, 100 events per batch
CREATE EXTENSION pgq;
SELECT pgq.create_queue('bench');
SELECT pgq.set_queue_config('bench', 'ticker_max_count', '100');
SELECT pgq.set_queue_config('bench', 'ticker_idle_period', '1 hour');
SELECT pgq.register_consumer('bench', 'bench-consumer');
CREATE TABLE qb.events AS
SELECT row_number() OVER (ORDER BY id) AS n, payload::text AS data FROM dunning.reminder;
CREATE PROCEDURE qb.fill_pgq(total bigint) LANGUAGE plpgsql AS $$
BEGIN
  FOR b IN 0 .. (total - 1) / 100 LOOP
    PERFORM pgq.insert_event('bench', 'reminder', e.data)
       FROM qb.events e WHERE e.n > b * 100 AND e.n <= (b + 1) * 100;
    COMMIT;
    PERFORM pgq.ticker('bench');
    COMMIT;
  END LOOP;
  -- close the last batch
  PERFORM pgq.force_tick('bench');
  COMMIT;
  PERFORM pgq.ticker('bench');
  COMMIT;
END $$;
