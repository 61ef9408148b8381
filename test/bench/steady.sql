-- Steady state on :day, after the simulated days: the pass at :as_of, in a
-- transaction that is rolled back, against the bare scan of the open overdue
-- invoices that any reminder job starts with,
--   SELECT count(*) FROM bench.invoices WHERE balance > 0 AND due_date < :day
-- once as the planner runs it (an index-only scan of the ledger's partial
-- index on open invoices) and once with index scans off (a sequential scan,
-- what a ledger without that index costs), and against the cheapest write
-- of the reminders the pass emits (one INSERT ... SELECT into a copy of the
-- queue, as in cold.sql); each three times, interleaved; bench.result gets
-- the medians (measure 'steady').
--
-- Then the naive loop's day (measure 'naive_day'): its state is seeded with
-- dunning's state as it stands (the level and last reminder of every invoice
-- under dunning), and bench.naive_run() runs the same day over it, the way a
-- hand-written daily job goes through every open overdue invoice.

\set ON_ERROR_STOP on
SET client_min_messages = warning;

CREATE TEMP TABLE sample (what text, i integer, ms numeric, examined bigint, emitted bigint);
DROP TABLE IF EXISTS bench.queue_copy;
CREATE TABLE bench.queue_copy (LIKE dunning.reminder INCLUDING ALL);
CREATE SEQUENCE bench.queue_copy_id_seq OWNED BY bench.queue_copy.id;
ALTER TABLE bench.queue_copy ALTER COLUMN id SET DEFAULT nextval('bench.queue_copy_id_seq');

CHECKPOINT;
\set i 1
\ir steady_sample.sql
\set i 2
\ir steady_sample.sql
\set i 3
\ir steady_sample.sql

INSERT INTO bench.result (measure, key, value)
SELECT 'steady', w.what || '_' || k, v
FROM (VALUES ('pass'), ('bare'), ('seq'), ('copy'), ('floor'), ('floor_read')) AS w (what)
CROSS JOIN LATERAL (VALUES
  ('ms', (SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY ms) FROM sample s WHERE s.what = w.what)),
  ('min_ms', (SELECT min(ms) FROM sample s WHERE s.what = w.what)),
  ('max_ms', (SELECT max(ms) FROM sample s WHERE s.what = w.what)),
  ('examined', (SELECT max(examined) FROM sample s WHERE s.what = w.what)),
  ('emitted', (SELECT max(emitted) FROM sample s WHERE s.what = w.what))) AS r (k, v);

TRUNCATE bench.naive_reminder, bench.naive_state;
INSERT INTO bench.naive_state (invoice_id, customer_id, policy, level, last_reminder_at,
                               last_reminder_id, updated_at)
SELECT invoice_id::bigint, customer_id::bigint, policy, level, last_reminder_at,
       last_reminder_id, updated_at
FROM dunning.invoice_state
WHERE status = 'open' AND level > 0;
VACUUM ANALYZE bench.naive_state;

CHECKPOINT;
DROP TABLE bench.queue_copy;

\set measure naive_day
\ir naive_run.sql
