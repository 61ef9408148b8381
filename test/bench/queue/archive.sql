-- Fill the archive with :rows reminders that are done, copies of the queue's
-- rows under other ids and keys.
\set ON_ERROR_STOP on
SET client_min_messages = warning;
INSERT INTO dunning.reminder_archive (id, customer_id, invoice_ids, policy, level, channel,
       recipient, subject, body, body_html, payload, status, available_at, attempts,
       lease_owner, lease_until, idempotency_key, provider_ref, last_error, as_of, run_id,
       created_at, updated_at, archived_at)
SELECT f.id + 100000000 * g, f.customer_id, f.invoice_ids, f.policy, f.level, f.channel,
       f.recipient, f.subject, f.body, f.body_html, f.payload, 'sent', f.available_at, 1,
       'bench-old', NULL, f.idempotency_key || ':old' || g, 'old', NULL,
       f.as_of - interval '60 days', f.run_id, f.created_at, f.updated_at, now()
FROM qb.fresh f
CROSS JOIN generate_series(1, ceil(:rows::numeric / (SELECT count(*) FROM qb.fresh))::int) g
LIMIT :rows;
VACUUM ANALYZE dunning.reminder_archive;
