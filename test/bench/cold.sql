-- Cold start: the first dunning.run() over the fresh ledger (no state yet),
-- committed, and twice more from emptied tables, rolled back (medians of
-- three), against its floor (floor_write.sql: its reads and the writes of the rows
-- it wrote, as plain statements, from empty tables), and against the
-- cheapest write of its reminders alone: one INSERT ... SELECT of the
-- reminders it emitted into bench.queue_copy, a table like dunning.reminder
-- with the same columns, defaults and indexes (and a sequence of its own, so
-- that the engine's state is untouched).  Both are timed the same way, with
-- clock_timestamp() around the statement, after a checkpoint.
--
--   BENCH_MARKS=DIR psql -v as_of='2026-11-20 10:00+00' -v floor_dir=DIR \
--     -f test/bench/cold.sql
--
-- Writes the backend's pid to $BENCH_MARKS/pid and the wall clock at the
-- start and end of the pass to $BENCH_MARKS/start and $BENCH_MARKS/end, for
-- the memory sampler of run.sh.  Results go to bench.result.

\set ON_ERROR_STOP on
SET client_min_messages = warning;

SELECT pg_backend_pid() AS pid \gset
\setenv BENCH_PID :pid
\! echo "$BENCH_PID" > "$BENCH_MARKS/pid.tmp" && mv "$BENCH_MARKS/pid.tmp" "$BENCH_MARKS/pid"

DROP TABLE IF EXISTS bench.queue_copy;
CREATE TABLE bench.queue_copy (LIKE dunning.reminder INCLUDING ALL);
CREATE SEQUENCE bench.queue_copy_id_seq OWNED BY bench.queue_copy.id;
ALTER TABLE bench.queue_copy ALTER COLUMN id SET DEFAULT nextval('bench.queue_copy_id_seq');

CHECKPOINT;
\! sleep 0.3; date +%s.%N > "$BENCH_MARKS/start"
BEGIN;
SELECT clock_timestamp() AS t0 \gset
SELECT * FROM dunning.run(:'as_of') \gset run_
SELECT 1000 * extract(epoch FROM clock_timestamp() - :'t0'::timestamptz) AS run_ms \gset
\! date +%s.%N > "$BENCH_MARKS/end"
\ir floor_capture.sql
COMMIT;

CHECKPOINT;
SELECT clock_timestamp() AS t0 \gset
INSERT INTO bench.queue_copy (customer_id, invoice_ids, policy, level, channel, payload,
                              available_at, idempotency_key, as_of)
SELECT customer_id, invoice_ids, policy, level, channel, payload,
       available_at, idempotency_key, as_of
FROM dunning.reminder;
SELECT 1000 * extract(epoch FROM clock_timestamp() - :'t0'::timestamptz) AS copy_ms \gset

-- the floor: the cold pass's reads and writes as plain statements, from
-- empty tables (floor_write.sql), three times; and the cold pass twice
-- more from emptied tables, rolled back: medians of three
\set floor_cold 1
CREATE TEMP TABLE cold_sample (i integer, run_ms numeric, floor_ms numeric, floor_read_ms numeric);
CHECKPOINT;
\ir floor_write.sql
INSERT INTO cold_sample VALUES (1, :run_ms, :floor_ms, :floor_read_ms);
\set i 2
\ir cold_sample.sql
\set i 3
\ir cold_sample.sql
SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY run_ms) AS run_ms,
       percentile_disc(0.5) WITHIN GROUP (ORDER BY floor_ms) AS floor_ms,
       percentile_disc(0.5) WITHIN GROUP (ORDER BY floor_read_ms) AS floor_read_ms,
       min(run_ms) AS run_min_ms, max(run_ms) AS run_max_ms,
       min(floor_ms) AS floor_min_ms, max(floor_ms) AS floor_max_ms
  FROM cold_sample \gset

INSERT INTO bench.result (measure, key, value)
SELECT 'cold', k, v FROM (VALUES
  ('run_ms', :run_ms),
  ('copy_ms', :copy_ms),
  ('floor_ms', :floor_ms),
  ('floor_read_ms', :floor_read_ms),
  ('run_min_ms', :run_min_ms),
  ('run_max_ms', :run_max_ms),
  ('floor_min_ms', :floor_min_ms),
  ('floor_max_ms', :floor_max_ms),
  ('floor_rows', :floor_rows),
  ('examined', :run_examined),
  ('emitted', :run_emitted),
  ('copied', (SELECT count(*) FROM bench.queue_copy)),
  ('invoices_reminded', (SELECT sum(cardinality(invoice_ids)) FROM dunning.reminder)),
  ('state_rows', (SELECT count(*) FROM dunning.invoice_state)),
  ('history_rows', (SELECT count(*) FROM dunning.history))) AS r (k, v);

DROP TABLE bench.queue_copy;
