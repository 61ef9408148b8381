-- Delivery, before and after: a few customers pay while their reminders are
-- still in the queue (psql -v stage=before), then dunning_mailer claims and
-- sends e-mail to an SMTP server on loopback, and the queue shows what
-- happened (psql -v stage=after).
\set QUIET on
SET client_min_messages = warning;
SET timezone = 'UTC';
SELECT :'stage' = 'before' AS before \gset

\if :before
\echo
\echo '== before the mailer: two customers pay every invoice of an e-mail reminder ready to go =='
WITH chosen AS (
  SELECT r.invoice_ids FROM dunning.reminder r
   WHERE r.status = 'pending' AND r.channel = 'email' AND r.available_at <= now()
   ORDER BY r.id DESC LIMIT 2)
UPDATE public.invoices i SET paid = i.amount
  FROM chosen c WHERE i.id = ANY (c.invoice_ids);
SELECT channel, status, available_at <= now() AS ready, count(*) AS reminders
  FROM dunning.reminder GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;
\else
\echo
\echo '== after the mailer: every reminder (claim re-checked the ledger: the two paid ones were cancelled, not sent; pending ones are for later days; what is done is archived) =='
SELECT channel, status, coalesce(last_error, '') AS why, archived_at IS NOT NULL AS archived,
       count(*) AS reminders
  FROM dunning.all_reminders GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4;
\echo
\echo '== what the mailer acknowledged, by consumer (sent reminders are in dunning.reminder_archive) =='
SELECT lease_owner AS consumer, count(*) AS sent, min(provider_ref) AS a_message_id
  FROM dunning.reminder_archive WHERE status = 'sent' GROUP BY 1;
\endif
