-- Put the queue back as the pass left it: every reminder pending.
\set ON_ERROR_STOP on
SET client_min_messages = warning;
TRUNCATE dunning.reminder;
INSERT INTO dunning.reminder SELECT * FROM qb.fresh;
VACUUM ANALYZE dunning.reminder;
CHECKPOINT;
