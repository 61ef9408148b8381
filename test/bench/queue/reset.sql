-- Put the queue back as the pass left it: every reminder pending, none of
-- them in the archive (where acks moved them; the archive's own filling,
-- test/bench/queue/archive.sql, has ids above those of the queue and stays).
\set ON_ERROR_STOP on
SET client_min_messages = warning;
TRUNCATE dunning.reminder;
DELETE FROM dunning.reminder_archive WHERE id <= (SELECT max(id) FROM qb.fresh);
INSERT INTO dunning.reminder SELECT * FROM qb.fresh;
VACUUM ANALYZE dunning.reminder;
VACUUM ANALYZE dunning.reminder_archive;
CHECKPOINT;
