-- The backtest against the passes it replays: dunning.simulate() of every
-- policy over the days the daily passes ran (psql variables first, last,
-- days), timed; the passes' own times are in bench.result already.
\set QUIET on
SELECT clock_timestamp() AS t0 \gset
SELECT sum(n) AS reminders FROM (
  SELECT count(*) AS n FROM dunning.policy p, dunning.simulate(p.name, :'first', :'last')
) s \gset
INSERT INTO bench.result (measure, key, value) VALUES
  ('simulate', 'ms', round(extract(epoch FROM clock_timestamp() - :'t0'::timestamptz) * 1000, 1)),
  ('simulate', 'reminders', :reminders),
  ('simulate', 'days', :days);
