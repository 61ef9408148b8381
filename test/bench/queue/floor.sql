-- The floor of the queue benchmark: the same reminders in a bare queue laid
-- out as dunning's (its columns, indexes and fillfactor; an archive as
-- dunning's), for floor.pgbench to claim and acknowledge with plain SQL and
-- none of dunning's work around it.  Runs after setup.sql.
\set ON_ERROR_STOP on
SET client_min_messages = warning;
CREATE SCHEMA qf;
CREATE TABLE qf.queue (LIKE dunning.reminder INCLUDING ALL) WITH (fillfactor = 50);
CREATE TABLE qf.archive (LIKE dunning.reminder_archive INCLUDING ALL);
