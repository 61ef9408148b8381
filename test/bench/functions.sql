-- Helpers of summary.sql and report.sql, over the tables result and stage of
-- the report database.

CREATE FUNCTION pg_temp.v(p_size bigint, p_measure text, p_key text) RETURNS numeric
LANGUAGE sql STABLE
RETURN (SELECT max(value) FROM result WHERE size = p_size AND measure = p_measure AND key = p_key);

-- A duration in milliseconds, for people.
CREATE FUNCTION pg_temp.t(ms numeric) RETURNS text
LANGUAGE sql IMMUTABLE
RETURN CASE WHEN ms IS NULL THEN '—'
            WHEN ms < 10 THEN to_char(ms, 'FM990.0') || ' ms'
            WHEN ms < 1000 THEN round(ms) || ' ms'
            WHEN ms < 100000 THEN to_char(ms / 1000, 'FM990.00') || ' s'
            ELSE round(ms / 1000) || ' s' END;

-- A ratio: 7.8x, 0.12x, 0.004x.
CREATE FUNCTION pg_temp.x(r numeric) RETURNS text
LANGUAGE sql IMMUTABLE
RETURN CASE WHEN r IS NULL THEN '—'
            WHEN r >= 10 THEN round(r) || 'x'
            WHEN r >= 0.1 THEN to_char(r, 'FM990.00') || 'x'
            ELSE to_char(r, 'FM0.000') || 'x' END;

-- A count with thousands separators.
CREATE FUNCTION pg_temp.n(c numeric) RETURNS text
LANGUAGE sql IMMUTABLE
RETURN coalesce(to_char(c, 'FM999,999,999,990'), '—');

-- Kilobytes as megabytes.
CREATE FUNCTION pg_temp.mb(kb numeric) RETURNS text
LANGUAGE sql IMMUTABLE
RETURN coalesce(pg_temp.n(round(kb / 1024)) || ' MB', '—');

-- ", in T on a P % sample of the N open overdue invoices, extrapolated" when
-- the naive measure M ran on a sample.
CREATE FUNCTION pg_temp.sampled(p_size bigint, p_measure text) RETURNS text
LANGUAGE sql STABLE
RETURN CASE WHEN pg_temp.v(p_size, p_measure, 'sample') < 1
            THEN format(' in %s on a %s %% sample of the %s open overdue invoices, extrapolated in proportion',
                        pg_temp.t(pg_temp.v(p_size, p_measure, 'measured_ms')),
                        round(100 * pg_temp.v(p_size, p_measure, 'sample'), 1),
                        pg_temp.n(pg_temp.v(p_size, p_measure, 'open_overdue')))
            ELSE '' END;

-- The rows of the results table, one per size and measure.
CREATE FUNCTION pg_temp.rows() RETURNS TABLE (size bigint, ord int, measure text, dunning text,
                                               baseline text, ratio text, target text, met text)
LANGUAGE sql STABLE
BEGIN ATOMIC
  WITH s AS (SELECT DISTINCT r.size FROM result r),
  m AS (
    SELECT s.size,
           pg_temp.v(s.size, 'cold', 'run_ms') AS run_ms,
           pg_temp.v(s.size, 'cold', 'copy_ms') AS copy_ms,
           pg_temp.v(s.size, 'steady', 'pass_ms') AS pass_ms,
           pg_temp.v(s.size, 'steady', 'bare_ms') AS bare_ms,
           pg_temp.v(s.size, 'steady', 'seq_ms') AS seq_ms,
           pg_temp.v(s.size, 'steady', 'copy_ms') AS copy_ms2,
           pg_temp.v(s.size, 'naive', 'naive_ms') AS naive_ms,
           pg_temp.v(s.size, 'naive', 'sample') AS sample,
           pg_temp.v(s.size, 'naive_day', 'naive_ms') AS naive_day_ms,
           pg_temp.v(s.size, 'naive_day', 'sample') AS day_sample,
           pg_temp.v(s.size, 'cold', 'floor_ms') AS cold_floor_ms,
           pg_temp.v(s.size, 'steady', 'floor_ms') AS floor_ms,
           pg_temp.v(s.size, 'idle_cold', 'ms') AS idle_cold_ms,
           pg_temp.v(s.size, 'idle_cold', 'queue') AS idle_cold_queue,
           pg_temp.v(s.size, 'idle_steady', 'ms') AS idle_steady_ms,
           pg_temp.v(s.size, 'idle_steady', 'queue') AS idle_steady_queue,
           pg_temp.v(s.size, 'memory', 'private_kb') AS private_kb,
           pg_temp.v(s.size, 'memory', 'rss_kb') AS rss_kb,
           pg_temp.v(s.size, 'simulate', 'ms') AS simulate_ms,
           pg_temp.v(s.size, 'simulate', 'days') AS simulate_days,
           (SELECT sum(r.value) FROM result r WHERE r.size = s.size AND r.measure LIKE 'pass %'
               AND r.key = 'ms') AS passes_ms
      FROM s)
  SELECT m.size, 0, 'cold start: first `dunning.run()` vs its floor (its reads and writes as plain statements)',
         pg_temp.t(run_ms), pg_temp.t(cold_floor_ms), pg_temp.x(run_ms / nullif(cold_floor_ms, 0)),
         '≤ 1.5x',
         CASE WHEN run_ms IS NULL OR cold_floor_ms IS NULL THEN '—'
              WHEN run_ms <= 1.5 * cold_floor_ms THEN 'yes' ELSE '**no**' END
    FROM m
  UNION ALL
  SELECT m.size, 1, 'cold start: first `dunning.run()` vs one `INSERT` of its reminders',
         pg_temp.t(run_ms), pg_temp.t(copy_ms), pg_temp.x(run_ms / nullif(copy_ms, 0)),
         '— (reference)', '—'
    FROM m
  UNION ALL
  SELECT m.size, 2, 'steady state: daily pass vs its floor (its reads and writes as plain statements)',
         pg_temp.t(pass_ms), pg_temp.t(floor_ms), pg_temp.x(pass_ms / nullif(floor_ms, 0)),
         CASE WHEN m.size >= 1000000 THEN '≤ 1.2x' ELSE '— (from 1M)' END,
         CASE WHEN m.size < 1000000 OR pass_ms IS NULL OR floor_ms IS NULL THEN '—'
              WHEN pass_ms <= 1.2 * floor_ms THEN 'yes' ELSE '**no**' END
    FROM m
  UNION ALL
  SELECT m.size, 3, 'idle pass (nothing due, same day), median of 20, ' || pg_temp.n(idle_cold_queue)
           || ' reminders queued (after the cold start)',
         pg_temp.t(idle_cold_ms), '—', '—', '≤ 3 ms',
         CASE WHEN idle_cold_ms IS NULL THEN '—' WHEN idle_cold_ms <= 3 THEN 'yes' ELSE '**no**' END
    FROM m
  UNION ALL
  SELECT m.size, 4, 'idle pass (nothing due, same day), median of 20, ' || pg_temp.n(idle_steady_queue)
           || ' reminders queued (after the steady days)',
         pg_temp.t(idle_steady_ms), '—', '—', '≤ 3 ms',
         CASE WHEN idle_steady_ms IS NULL THEN '—' WHEN idle_steady_ms <= 3 THEN 'yes' ELSE '**no**' END
    FROM m
  UNION ALL
  SELECT m.size, 5, 'steady state: daily pass vs bare count of open overdue invoices (index-only scan)',
         pg_temp.t(pass_ms), pg_temp.t(bare_ms), pg_temp.x(pass_ms / nullif(bare_ms, 0)),
         '— (reference)', '—'
    FROM m
  UNION ALL
  SELECT m.size, 6, 'steady state: daily pass vs the same count by a sequential scan',
         pg_temp.t(pass_ms), pg_temp.t(seq_ms), pg_temp.x(pass_ms / nullif(seq_ms, 0)),
         '— (reference)', '—'
    FROM m
  UNION ALL
  SELECT m.size, 7, 'steady state: daily pass vs one `INSERT` of the reminders it emits',
         pg_temp.t(pass_ms), pg_temp.t(copy_ms2), pg_temp.x(pass_ms / nullif(copy_ms2, 0)),
         '— (reference)', '—'
    FROM m
  UNION ALL
  SELECT m.size, 8, 'steady state: daily pass vs the naive loop''s day from the same state',
         pg_temp.t(pass_ms),
         pg_temp.t(naive_day_ms) || CASE WHEN day_sample < 1 THEN ' (extrapolated)' ELSE '' END,
         pg_temp.x(pass_ms / nullif(naive_day_ms, 0)) || ' (' || pg_temp.x(naive_day_ms / nullif(pass_ms, 0))
           || ' faster)',
         '≤ 0.1x (10x faster)',
         CASE WHEN pass_ms IS NULL OR naive_day_ms IS NULL THEN '—'
              WHEN naive_day_ms >= 10 * pass_ms THEN 'yes' ELSE '**no**' END
    FROM m
  UNION ALL
  SELECT m.size, 9, 'cold start vs the naive loop''s cold start',
         pg_temp.t(run_ms),
         pg_temp.t(naive_ms) || CASE WHEN sample < 1 THEN ' (extrapolated)' ELSE '' END,
         pg_temp.x(run_ms / nullif(naive_ms, 0)) || ' (' || pg_temp.x(naive_ms / nullif(run_ms, 0))
           || ' faster)',
         '≤ 0.1x (10x faster)',
         CASE WHEN run_ms IS NULL OR naive_ms IS NULL THEN '—'
              WHEN naive_ms >= 10 * run_ms THEN 'yes' ELSE '**no**' END
    FROM m
  UNION ALL
  SELECT m.size, 11, 'backtest: `dunning.simulate()` of every policy over the ' || simulate_days
           || ' days vs the daily passes of those days',
         pg_temp.t(simulate_ms), pg_temp.t(passes_ms), pg_temp.x(simulate_ms / nullif(passes_ms, 0)),
         '— (reference)', '—'
    FROM m WHERE simulate_ms IS NOT NULL
  UNION ALL
  SELECT m.size, 10, 'peak backend memory during the cold pass (private; resident incl. shared buffers)',
         pg_temp.mb(private_kb) || ' (' || pg_temp.mb(rss_kb) || ')', '—', '—', '—', '—'
    FROM m
  ORDER BY 1, 2;
END;
