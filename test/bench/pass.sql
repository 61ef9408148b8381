-- One daily pass of dunning.run() at :as_of, committed, timed as in
-- cold.sql; what it did goes to bench.result under measure 'pass <as_of>'.

\set ON_ERROR_STOP on
SET client_min_messages = warning;

CHECKPOINT;
SELECT clock_timestamp() AS t0 \gset
SELECT * FROM dunning.run(:'as_of') \gset run_
SELECT 1000 * extract(epoch FROM clock_timestamp() - :'t0'::timestamptz) AS run_ms \gset

INSERT INTO bench.result (measure, key, value)
SELECT 'pass ' || :'as_of'::timestamptz::date, k, v FROM (VALUES
  ('ms', :run_ms),
  ('examined', :run_examined),
  ('emitted', :run_emitted),
  ('resolved', :run_resolved),
  ('cancelled', :run_cancelled)) AS r (k, v);
