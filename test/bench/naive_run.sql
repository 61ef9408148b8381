-- One run of the naive reference, bench.naive_run() at :as_of, into its own
-- queue and state (as they stand: empty for the cold start, seeded from
-- dunning's state by steady.sql), timed like dunning.run() in cold.sql.
-- What it did goes to bench.result under :measure.
--
--   psql -v as_of='2026-10-01 10:00+00' -v naive_max=2000000 -v measure=naive \
--        -f test/bench/naive_run.sql
--
-- When the ledger has more open overdue invoices than naive_max, the loop
-- runs over a uniform sample of about naive_max of them and its time is
-- extrapolated in proportion (bench.result key naive_ms is then an
-- estimate, measured_ms what was measured, sample the fraction).

\set ON_ERROR_STOP on
SET client_min_messages = warning;

SELECT count(*) AS open_overdue FROM bench.invoices
WHERE balance > 0 AND due_date < (:'as_of'::timestamptz + interval '1 day')::date \gset
SELECT CASE WHEN :open_overdue > :naive_max THEN :naive_max::float8 / :open_overdue
            ELSE 1.0 END AS sample \gset

CHECKPOINT;
SELECT clock_timestamp() AS t0 \gset
SELECT * FROM bench.naive_run(:'as_of', :sample) \gset naive_
SELECT 1000 * extract(epoch FROM clock_timestamp() - :'t0'::timestamptz) AS naive_ms \gset

INSERT INTO bench.result (measure, key, value)
SELECT :'measure', k, v FROM (VALUES
  ('measured_ms', :naive_ms),
  ('naive_ms', :naive_ms * :open_overdue / greatest(:naive_examined, 1)),
  ('sample', :sample),
  ('examined', :naive_examined),
  ('emitted', :naive_emitted),
  ('open_overdue', :open_overdue)) AS r (k, v);
