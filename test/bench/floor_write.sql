-- The floor of a pass: its reads (floor_read.sql) and the writes of the very
-- rows it wrote (floor_capture.sql), as plain set-based statements on the
-- state the pass started from, in a transaction that is rolled back.  The
-- rows are loaded first, untimed; then one clock_timestamp() around the
-- reads and the writes: reminders inserted (or updated, for one the sweep
-- trimmed), archived reminders moved out of the queue, states updated where
-- they exist and inserted where not, history and charges inserted.  Sets :floor_ms,
-- :floor_read_ms and :floor_rows.  With :floor_cold set, the extension's
-- tables are emptied first (TRUNCATE, rolled back with the rest): the
-- state a cold start begins from.

BEGIN;
CREATE TEMP TABLE f_reminder (LIKE dunning.reminder) ON COMMIT DROP;
CREATE TEMP TABLE f_archive (LIKE dunning.reminder_archive) ON COMMIT DROP;
CREATE TEMP TABLE f_state (LIKE dunning.invoice_state) ON COMMIT DROP;
CREATE TEMP TABLE f_history (LIKE dunning.history) ON COMMIT DROP;
CREATE TEMP TABLE f_charge (LIKE dunning.charge) ON COMMIT DROP;
SELECT format('COPY %s FROM %L', f, :'floor_dir' || '/' || t || '.copy')
  FROM (VALUES ('f_reminder', 'dunning.reminder'), ('f_archive', 'dunning.reminder_archive'),
               ('f_state', 'dunning.invoice_state'), ('f_history', 'dunning.history'),
               ('f_charge', 'dunning.charge')) v (f, t) \gexec
ANALYZE f_reminder, f_archive, f_state, f_history, f_charge;
\if :{?floor_cold}
TRUNCATE dunning.reminder_event, dunning.reminder, dunning.reminder_archive,
         dunning.invoice_state, dunning.history, dunning.charge;
\endif
SELECT (SELECT count(*) FROM f_reminder) + (SELECT count(*) FROM f_archive)
       + (SELECT count(*) FROM f_state) + (SELECT count(*) FROM f_history)
       + (SELECT count(*) FROM f_charge) AS floor_rows \gset

SELECT clock_timestamp() AS f0 \gset
\ir floor_read.sql
SELECT 1000 * extract(epoch FROM clock_timestamp() - :'f0'::timestamptz) AS floor_read_ms \gset
DELETE FROM dunning.reminder r USING f_archive a WHERE r.id = a.id;
INSERT INTO dunning.reminder_archive SELECT * FROM f_archive;
UPDATE dunning.reminder r
   SET invoice_ids = f.invoice_ids, level = f.level, channel = f.channel, payload = f.payload,
       subject = f.subject, body = f.body, body_html = f.body_html, updated_at = f.updated_at
  FROM f_reminder f WHERE r.id = f.id;
INSERT INTO dunning.reminder
SELECT * FROM f_reminder f WHERE NOT EXISTS (SELECT 1 FROM dunning.reminder r WHERE r.id = f.id);
UPDATE dunning.invoice_state s
   SET customer_id = f.customer_id, policy = f.policy, level = f.level,
       last_reminder_at = f.last_reminder_at, last_reminder_id = f.last_reminder_id,
       next_check_at = f.next_check_at, waiting_for = f.waiting_for, status = f.status,
       closed_reason = f.closed_reason, problem = f.problem, updated_at = f.updated_at
  FROM f_state f WHERE s.invoice_id = f.invoice_id;
INSERT INTO dunning.invoice_state
SELECT * FROM f_state f
 WHERE NOT EXISTS (SELECT 1 FROM dunning.invoice_state s WHERE s.invoice_id = f.invoice_id);
INSERT INTO dunning.history SELECT * FROM f_history;
INSERT INTO dunning.charge SELECT * FROM f_charge;
SELECT 1000 * extract(epoch FROM clock_timestamp() - :'f0'::timestamptz) AS floor_ms \gset
ROLLBACK;
