-- The idle pass: the worker's pass each minute when nothing is due.  After
-- the last committed pass (:as_of), twenty passes a minute apart on the same
-- day, each its own statement as the worker runs them, in a transaction
-- that is rolled back; bench.result gets the median and the largest of
-- their durations as the pass records them (run_log.duration) under measure
-- :measure, with the length of the queue.

\set ON_ERROR_STOP on
SET client_min_messages = warning;

BEGIN;
SELECT format('SELECT * FROM dunning.run(%L)', :'as_of'::timestamptz + g * interval '1 minute')
  FROM generate_series(1, 20) g \gexec
SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY d) AS ms, max(d) AS max_ms,
       sum(examined) AS examined, (SELECT count(*) FROM dunning.reminder) AS queue
  FROM (SELECT 1000 * extract(epoch FROM duration) AS d, examined
          FROM dunning.run_log ORDER BY id DESC LIMIT 20) l \gset
ROLLBACK;

INSERT INTO bench.result (measure, key, value) VALUES
  (:'measure', 'ms', :ms), (:'measure', 'max_ms', :max_ms),
  (:'measure', 'examined', :examined), (:'measure', 'queue', :queue);
