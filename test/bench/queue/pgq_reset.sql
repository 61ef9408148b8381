-- Put PgQ back as its ticker left it (psql -v tick=<first tick>): the
-- consumer at the first batch, its tables vacuumed and a checkpoint made, as
-- reset.sql does for dunning's queue.
\set ON_ERROR_STOP on
SET client_min_messages = warning;
SELECT pgq.register_consumer_at('bench', 'bench-consumer', :tick);
SELECT format('VACUUM ANALYZE %I.%I', schemaname, tablename)
  FROM pg_catalog.pg_tables WHERE schemaname = 'pgq' \gexec
CHECKPOINT;
