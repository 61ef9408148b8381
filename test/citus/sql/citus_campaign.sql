-- A campaign on a Citus cluster: the ledger distributed by customer over
-- two workers, dunning's tables on the coordinator.  From the first
-- reminder to the hand-off; consolidation, a hold, the contact cap; a
-- payment noticed by a pass and one noticed by the claim's re-check; ack,
-- nack, cancel; a preview; the aging; a statement of account.  The
-- customers are distributed too, colocated with the ledger.
\set SHOW_CONTEXT never
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
SET client_min_messages = warning;
SELECT count(*) AS workers FROM citus_get_active_worker_nodes();

CREATE SCHEMA ct;
-- Citus wants the distribution column in every unique key
CREATE TABLE ct.invoices (id text NOT NULL, customer_id text NOT NULL,
  due_date date NOT NULL, balance numeric(10,2) NOT NULL, number text NOT NULL,
  PRIMARY KEY (customer_id, id));
SELECT create_distributed_table('ct.invoices', 'customer_id', shard_count => 4);
INSERT INTO ct.invoices VALUES
  -- A: three invoices in one notice
  ('A1', 'A', '2026-09-01', 100.00, 'INV-A1'),
  ('A2', 'A', '2026-09-10', 200.00, 'INV-A2'),
  ('A3', 'A', '2026-09-20', 300.00, 'INV-A3'),
  -- B: pays after the first pass
  ('B1', 'B', '2026-09-05', 50.00, 'INV-B1'),
  -- C: one invoice in dispute
  ('C1', 'C', '2026-09-05', 60.00, 'INV-C1'),
  ('C2', 'C', '2026-09-05', 70.00, 'INV-C2'),
  -- E: pays between the pass and the claim
  ('E1', 'E', '2026-09-05', 80.00, 'INV-E1');
-- the customers' invoices are on both workers
SELECT count(DISTINCT nodeport) AS nodes_with_shards
  FROM citus_shards WHERE table_name = 'ct.invoices'::regclass;

SELECT dunning.bind_ledger('ct.invoices', 'id', 'customer_id', 'due_date', 'balance',
                           reference => 'number');
CREATE TABLE ct.customers (id text PRIMARY KEY, email text, name text);
SELECT create_distributed_table('ct.customers', 'id', colocate_with => 'ct.invoices');
INSERT INTO ct.customers VALUES ('A', 'ap@a.test', 'A GmbH'), ('B', 'b@b.test', 'B SA'),
  ('C', 'c@c.test', 'C Ltd'), ('E', 'e@e.test', 'E BV');
SELECT dunning.bind_customers('ct.customers', 'id', email => 'email', name => 'name');
INSERT INTO dunning.policy (name, currency, is_default, grace_days, min_days_between,
    group_by, max_reminders, per_period, send_days, send_from, send_until, time_zone)
VALUES ('ct', 'EUR', true, 0, 7, 'customer', 2, '30 days', '{1,2,3,4,5,6,7}',
        '00:00', '23:59', 'UTC');
INSERT INTO dunning.step (policy, level, days_overdue, channel, fee) VALUES
  ('ct', 1, 3, 'email', 0), ('ct', 2, 14, 'email', 0), ('ct', 3, 30, 'letter', 0),
  ('ct', 4, 45, 'handoff', 0);
INSERT INTO dunning.hold (invoice_id, reason) VALUES ('C1', 'dispute');

-- 1 October: one notice per customer, C's without its disputed invoice
SELECT discovery, examined, emitted FROM dunning.run('2026-10-01 09:00+00');
SELECT customer_id, invoice_ids, level, channel, recipient,
       payload->'customer'->>'name' AS name, payload->'total_open' AS total
  FROM dunning.all_reminders ORDER BY customer_id;

-- B pays: the next pass resolves B1 and cancels its unsent notice
UPDATE ct.invoices SET balance = 0 WHERE id = 'B1';
SELECT emitted, resolved, cancelled FROM dunning.run('2026-10-02 09:00+00');
SELECT customer_id, status FROM dunning.all_reminders WHERE customer_id = 'B';

-- E pays after the pass: the claim's re-check cancels E's notice and does
-- not hand it out; the others are claimed
UPDATE ct.invoices SET balance = 0 WHERE id = 'E1';
SELECT customer_id, invoice_ids FROM dunning.claim('m', 10) ORDER BY customer_id;
SELECT customer_id, status FROM dunning.all_reminders WHERE customer_id = 'E';

-- delivered, failed, withdrawn by hand
SELECT dunning.ack('m', (SELECT id FROM dunning.reminder WHERE customer_id = 'A'));
SELECT dunning.nack('m', (SELECT id FROM dunning.reminder WHERE customer_id = 'C'),
                    'mailbox full', permanent => false);
SELECT dunning.cancel((SELECT id FROM dunning.reminder WHERE customer_id = 'C'),
                      'settled by phone');

-- A goes on through the steps, a pass every week and a mailer delivering
-- what it emits; the contact cap of 2 in 30 days holds level 3 back until
-- the contact of 1 October is 30 days old
CREATE TEMP TABLE week (as_of date, emitted integer, delivered integer);
DO $$
DECLARE
  d date;
  e integer;
  n integer;
BEGIN
  FOR d IN SELECT g::date FROM generate_series(date '2026-10-08', date '2026-11-26',
                                               interval '7 days') g LOOP
    e := (dunning.run(d + time '09:00')).emitted;
    SELECT count(*) INTO n FROM dunning.claim('m', 100) c, LATERAL dunning.ack('m', c.id) a;
    INSERT INTO week VALUES (d, e, n);
  END LOOP;
END
$$;
SELECT * FROM week ORDER BY as_of;
SELECT customer_id, level, channel, as_of::date, status
  FROM dunning.all_reminders WHERE customer_id = 'A' ORDER BY level;
SELECT invoice_id, level, waiting_for FROM dunning.invoice_state
 WHERE customer_id = 'A' ORDER BY invoice_id;

-- a preview of the next day finds nothing more to send
SELECT count(*) AS would_emit FROM dunning.preview('2026-11-27 09:00+00');

-- the aging reads the distributed ledger as it stands
SELECT policy, level, customer_id, bucket, invoices, open_amount
  FROM dunning.aging('2026-11-27') ORDER BY customer_id, bucket;

-- A's statement of account, read from its shard
SELECT invoice_id, reference, principal, total_due
  FROM dunning.statement('A', '2026-11-27') ORDER BY invoice_id;

-- the coordinator keeps dunning's tables; nothing of them is distributed
SELECT count(*) AS distributed_dunning_tables FROM citus_tables
 WHERE table_name::text LIKE 'dunning.%';

-- dunning is on the coordinator only: binding made its views there, and
-- Citus sent neither them nor the extension to the workers
SELECT result AS dunning_installed
  FROM run_command_on_workers($$SELECT count(*) FROM pg_extension
                                 WHERE extname = 'dunning'$$) ORDER BY nodeport;

-- put the coordinator back as it was for the next topic
SELECT dunning.cancel(ARRAY(SELECT id FROM dunning.reminder WHERE status <> 'claimed'),
                      'end of the test') >= 0 AS cancelled;
SELECT dunning.unbind('customers');
SELECT dunning.unbind('ledger');
DROP SCHEMA ct CASCADE;
TRUNCATE dunning.reminder_event, dunning.reminder, dunning.reminder_archive,
         dunning.invoice_state, dunning.history, dunning.run_log, dunning.hold;
DELETE FROM dunning.step;
DELETE FROM dunning.policy;
UPDATE dunning.engine SET last_as_of = NULL, last_full_as_of = NULL;

-- a ledger with integer keys: binding retypes dunning's key columns, on the
-- coordinator only, and passes and claims go on
CREATE SCHEMA cn;
CREATE TABLE cn.invoices (id bigint NOT NULL, customer_id bigint NOT NULL,
  due_date date NOT NULL, balance numeric(10,2) NOT NULL, PRIMARY KEY (customer_id, id));
SELECT create_distributed_table('cn.invoices', 'customer_id', shard_count => 4);
INSERT INTO cn.invoices SELECT g, g % 3, date '2026-09-01' + g, 10 * g FROM generate_series(1, 6) g;
SELECT dunning.bind_ledger('cn.invoices', 'id', 'customer_id', 'due_date', 'balance');
SELECT data_type FROM information_schema.columns
 WHERE table_schema = 'dunning' AND table_name = 'invoice_state' AND column_name = 'invoice_id';
INSERT INTO dunning.policy (name, currency, is_default, grace_days, min_days_between,
    send_days, send_from, send_until, time_zone)
VALUES ('cn', 'EUR', true, 0, 7, '{1,2,3,4,5,6,7}', '00:00', '23:59', 'UTC');
INSERT INTO dunning.step (policy, level, days_overdue, channel) VALUES ('cn', 1, 3, 'email');
SELECT examined, emitted FROM dunning.run('2026-10-01 09:00+00');
UPDATE cn.invoices SET balance = 0 WHERE id = 2;
SELECT customer_id, invoice_ids FROM dunning.claim('m', 10) ORDER BY customer_id;
SELECT result AS dunning_installed
  FROM run_command_on_workers($$SELECT count(*) FROM pg_extension
                                 WHERE extname = 'dunning'$$) ORDER BY nodeport;
SELECT dunning.ack('m', ARRAY(SELECT id FROM dunning.reminder WHERE status = 'claimed'));
SELECT dunning.unbind('ledger');
DROP SCHEMA cn CASCADE;
TRUNCATE dunning.reminder_event, dunning.reminder, dunning.reminder_archive,
         dunning.invoice_state, dunning.history, dunning.run_log;
DELETE FROM dunning.step;
DELETE FROM dunning.policy;
UPDATE dunning.engine SET last_as_of = NULL, last_full_as_of = NULL;
