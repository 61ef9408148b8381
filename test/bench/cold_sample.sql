-- One more sample of the cold start (cold.sql, :i): the extension's tables
-- emptied (TRUNCATE) and the discovery mark forgotten, as before the first
-- pass, then the pass, all rolled back; then its floor (floor_write.sql).

CHECKPOINT;
BEGIN;
TRUNCATE dunning.reminder_event, dunning.reminder, dunning.reminder_archive,
         dunning.invoice_state, dunning.history;
UPDATE dunning.engine SET last_as_of = NULL, last_full_as_of = NULL;
SELECT clock_timestamp() AS t0 \gset
SELECT * FROM dunning.run(:'as_of') \gset sample_
SELECT 1000 * extract(epoch FROM clock_timestamp() - :'t0'::timestamptz) AS sample_ms \gset
ROLLBACK;
CHECKPOINT;
\ir floor_write.sql
INSERT INTO cold_sample VALUES (:i, :sample_ms, :floor_ms, :floor_read_ms);
