-- Put the bare queue back as it started, as reset.sql does for dunning's:
-- every reminder pending, the archive empty, vacuumed, a checkpoint made.
\set ON_ERROR_STOP on
SET client_min_messages = warning;
TRUNCATE qf.queue, qf.archive;
INSERT INTO qf.queue SELECT * FROM qb.fresh;
VACUUM ANALYZE qf.queue;
VACUUM ANALYZE qf.archive;
CHECKPOINT;
