-- The archive row of a finished reminder is built by column name: an
-- upgrade that adds a column to the queue and the archive (where ALTER
-- TABLE appends it after archived_at) keeps each value in its column, and
-- a column one table lacks is an error, not a silent loss.
\i sql/fixtures/ledger.sql
INSERT INTO fx.invoices (id, customer_id, due_date, balance)
VALUES (1, 1, '2026-10-01', 10), (2, 2, '2026-10-01', 20), (3, 3, '2026-10-01', 30);
INSERT INTO dunning.policy (name, currency, is_default, grace_days, send_days, send_from,
                            send_until, time_zone)
VALUES ('arc', 'EUR', true, 0, '{1,2,3,4,5,6,7}', '00:00', '23:59', 'UTC');
INSERT INTO dunning.step (policy, level, days_overdue, channel) VALUES ('arc', 1, 1, 'letter');
SELECT emitted FROM dunning.run('2026-11-02 10:00+00');

BEGIN;
-- what an upgrade script would do: the same column added to both tables
ALTER TABLE dunning.reminder ADD COLUMN batch text;
ALTER TABLE dunning.reminder_archive ADD COLUMN batch text;
SELECT attname FROM pg_attribute
 WHERE attrelid = 'dunning.reminder_archive'::regclass AND attnum > 20 AND NOT attisdropped
 ORDER BY attnum;
UPDATE dunning.reminder SET batch = 'b-7', last_error = 'before';
SELECT id AS r1, invoice_ids FROM dunning.claim('m', 1) \gset
SELECT dunning.ack('m', :r1, 'ref-1');
SELECT invoice_ids, status, batch, provider_ref, last_error, lease_until,
       archived_at = now() AS archived_now, updated_at = archived_at AS same_moment
  FROM dunning.reminder_archive;
-- a reminder found in the archive reads back by name too
SELECT r.invoice_ids, r.status, r.batch, r.provider_ref
  FROM dunning.locked_reminder(:r1, 'none') r;
ROLLBACK;

-- a column only the queue has would be lost: refused
BEGIN;
ALTER TABLE dunning.reminder ADD COLUMN batch text;
SELECT id AS r2 FROM dunning.claim('m', 1) \gset
SELECT dunning.ack('m', :r2);
ROLLBACK;
-- a column of another type in each: refused
BEGIN;
ALTER TABLE dunning.reminder ADD COLUMN batch text;
ALTER TABLE dunning.reminder_archive ADD COLUMN batch integer;
SELECT id AS r3 FROM dunning.claim('m', 1) \gset
SELECT dunning.nack('m', :r3, 'gone', permanent => true);
ROLLBACK;
-- unchanged, every reminder still ends in the archive as it should
SELECT id AS r4 FROM dunning.claim('m', 1) \gset
SELECT dunning.nack('m', :r4, '550 gone', permanent => true);
SELECT invoice_ids, status, last_error FROM dunning.all_reminders ORDER BY invoice_ids;

\i sql/fixtures/teardown.sql
