-- What one size gave, in a few lines for the log (psql -v size=...).

\set ON_ERROR_STOP on
\ir functions.sql

SELECT format('%s: %s vs %s: %s, target %s: %s', measure, dunning, baseline, ratio, target, met)
FROM pg_temp.rows() WHERE size = :size
UNION ALL
SELECT format('cold pass examined %s invoices and emitted %s reminders; the naive loop emitted %s',
              pg_temp.n(pg_temp.v(:size, 'cold', 'examined')),
              pg_temp.n(pg_temp.v(:size, 'cold', 'emitted')),
              pg_temp.n(pg_temp.v(:size, 'naive', 'emitted')));
