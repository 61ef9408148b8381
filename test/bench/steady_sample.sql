-- One sample of steady.sql (:i): the bare scan as planned, the bare scan as
-- a sequential scan, then the pass and one INSERT of the reminders it
-- emitted into bench.queue_copy, both rolled back, then the pass's floor
-- (floor_write.sql), rolled back too.

SELECT clock_timestamp() AS t0 \gset
SELECT count(*) AS bare_count FROM bench.invoices WHERE balance > 0 AND due_date < :'day' \gset
SELECT 1000 * extract(epoch FROM clock_timestamp() - :'t0'::timestamptz) AS bare_ms \gset

BEGIN;
SET LOCAL enable_indexscan = off;
SET LOCAL enable_indexonlyscan = off;
SET LOCAL enable_bitmapscan = off;
SELECT clock_timestamp() AS t0 \gset
SELECT count(*) AS seq_count FROM bench.invoices WHERE balance > 0 AND due_date < :'day' \gset
SELECT 1000 * extract(epoch FROM clock_timestamp() - :'t0'::timestamptz) AS seq_ms \gset
COMMIT;

BEGIN;
SELECT clock_timestamp() AS t0 \gset
SELECT * FROM dunning.run(:'as_of') \gset run_
SELECT 1000 * extract(epoch FROM clock_timestamp() - :'t0'::timestamptz) AS run_ms \gset
-- the cheapest write of what the pass emitted, as in cold.sql
SELECT clock_timestamp() AS t0 \gset
INSERT INTO bench.queue_copy (customer_id, invoice_ids, policy, level, channel, payload,
                              available_at, idempotency_key, as_of)
SELECT customer_id, invoice_ids, policy, level, channel, payload,
       available_at, idempotency_key, as_of
FROM dunning.reminder WHERE as_of = :'as_of';
SELECT 1000 * extract(epoch FROM clock_timestamp() - :'t0'::timestamptz) AS copy_ms,
       (SELECT count(*) FROM bench.queue_copy) AS copied \gset
\ir floor_capture.sql
ROLLBACK;
-- the floor: the same reads and writes as plain statements, rolled back
\ir floor_write.sql

INSERT INTO sample VALUES
  ('bare', :i, :bare_ms, :bare_count, NULL),
  ('seq', :i, :seq_ms, :seq_count, NULL),
  ('pass', :i, :run_ms, :run_examined, :run_emitted),
  ('copy', :i, :copy_ms, :copied, NULL),
  ('floor', :i, :floor_ms, :floor_rows, NULL),
  ('floor_read', :i, :floor_read_ms, :floor_rows_read, NULL);
