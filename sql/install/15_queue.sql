/*-------------------------------------------------------------------------
 *
 * 15_queue.sql
 *	  The queue and its archive: reminders in flight, and those that are done.
 *
 *-------------------------------------------------------------------------
 */

------------------------------------------------------------------------------
-- The queue (filled by the evaluation, consumed by mailers)
------------------------------------------------------------------------------

CREATE TABLE dunning.reminder (
  id              bigserial PRIMARY KEY,
  customer_id     text NOT NULL,
  invoice_ids     text[] NOT NULL,
  policy          text NOT NULL,
  level           integer NOT NULL,
  channel         text NOT NULL,
  recipient       text,
  subject         text,
  body            text,
  body_html       text,
  payload         jsonb NOT NULL DEFAULT '{}',
  status          text NOT NULL DEFAULT 'pending'
                  CONSTRAINT reminder_in_flight
                  CHECK (status IN ('pending', 'claimed', 'failed')),
  available_at    timestamptz NOT NULL,
  attempts        integer NOT NULL DEFAULT 0,
  lease_owner     text,
  lease_until     timestamptz,
  lease_role      name,
  idempotency_key text NOT NULL UNIQUE,
  provider_ref    text,
  last_error      text,
  as_of           timestamptz NOT NULL,
  run_id          bigint,
  created_at      timestamptz NOT NULL DEFAULT pg_catalog.now(),
  updated_at      timestamptz NOT NULL DEFAULT pg_catalog.now()
)
-- Claiming changes no indexed column (status, lease and attempts are in
-- no index): with room left on each page the claim is a HOT update, which
-- writes no index entry.
WITH (fillfactor = 50);
CREATE INDEX reminder_customer ON dunning.reminder (customer_id, as_of);
CREATE INDEX reminder_ready ON dunning.reminder (available_at, id);
COMMENT ON INDEX dunning.reminder_customer IS
  'Finds a customer''s recent reminders (the contact cap).';
COMMENT ON INDEX dunning.reminder_ready IS
  'Finds the reminders ready to be claimed, oldest first; claimed ones whose lease is still running are passed over.';
COMMENT ON CONSTRAINT reminder_in_flight ON dunning.reminder IS
  'The queue holds only reminders in flight: those that are done (sent, cancelled, dead) move to dunning.reminder_archive at once; dunning.cancel() finishes one by hand.';
COMMENT ON COLUMN dunning.reminder.as_of IS
  'The as_of of the pass that emitted the reminder (the contact cap counts these).';
COMMENT ON TABLE dunning.reminder IS
  'The queue: one row per reminder in flight (pending, claimed or failed); dunning.all_reminders adds those that are done.';
COMMENT ON COLUMN dunning.reminder.invoice_ids IS
  'The invoices the reminder is about, in the ledger''s own invoice key type.';
COMMENT ON COLUMN dunning.reminder.subject IS
  'Rendered subject line; NULL when the step names no template or dunning.render is off.';
COMMENT ON COLUMN dunning.reminder.body IS
  'Rendered plain-text body.';
COMMENT ON COLUMN dunning.reminder.body_html IS
  'Rendered HTML body, when the template has one.';
COMMENT ON COLUMN dunning.reminder.payload IS
  'Every field a mailer that renders the message itself needs.';
COMMENT ON COLUMN dunning.reminder.status IS
  'pending, claimed or failed here; sent, cancelled or dead in the archive.';
COMMENT ON COLUMN dunning.reminder.lease_role IS
  'The database role that claimed the reminder (session_user): only that role may extend, acknowledge or reject it and record its events.';
COMMENT ON COLUMN dunning.reminder.available_at IS
  'The reminder may not be handed out before this moment (the send window''s next opening).';
COMMENT ON COLUMN dunning.reminder.idempotency_key IS
  'Unique per reminder due: a second pass cannot emit the same reminder twice.';
COMMENT ON SEQUENCE dunning.reminder_id_seq IS 'Identifiers of reminders.';

-- Reminders that are done (sent, cancelled, dead) leave the hot queue for
-- the archive in the statement that finishes them (ack, nack, claim's
-- re-check, a pass's sweep), so that claiming stays fast.
CREATE TABLE dunning.reminder_archive (LIKE dunning.reminder);
ALTER TABLE dunning.reminder_archive
  ADD COLUMN archived_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
  ADD COLUMN sent_at timestamptz,
  ADD PRIMARY KEY (id),
  ADD UNIQUE (idempotency_key),
  ADD CHECK (status IN ('sent', 'cancelled', 'dead'));
CREATE INDEX reminder_archive_customer ON dunning.reminder_archive (customer_id, as_of);
COMMENT ON TABLE dunning.reminder_archive IS
  'Reminders that are done (sent, cancelled, dead), moved out of the queue when they were finished; dunning.all_reminders shows both.';
COMMENT ON COLUMN dunning.reminder_archive.archived_at IS
  'When the reminder left the queue.';
COMMENT ON COLUMN dunning.reminder_archive.sent_at IS
  'When a consumer acknowledged it as delivered (status sent); NULL for a reminder that never went out.';
COMMENT ON INDEX dunning.reminder_archive_customer IS
  'Finds a customer''s recent reminders (the contact cap).';

/*
 * The archive row of a reminder that is done: every column as it stands in
 * the queue but the status it ends in, the error that ended it (NULL for
 * sent), the provider's reference, and the times.  Columns are matched by
 * name (src/archive.c).  Call it in FROM, not as (dunning.archived(...)).*,
 * which would call it once per column.
 */
CREATE FUNCTION dunning.archived(r dunning.reminder, status text, last_error text,
                                 provider_ref text)
RETURNS dunning.reminder_archive
AS 'MODULE_PATHNAME', 'dunning_archived'
LANGUAGE C STABLE;
COMMENT ON FUNCTION dunning.archived(dunning.reminder, text, text, text) IS
  'The archive row of a reminder taken out of the queue, with the status and error it ends with and the provider''s reference.';

-- The level a reminder's payload lists one of its invoices at (a
-- consolidated reminder lists each at its own), for the history.
CREATE FUNCTION dunning.payload_level(payload jsonb, invoice_id text) RETURNS integer
LANGUAGE sql IMMUTABLE
AS $$
  SELECT (p.e->>'level')::integer
    FROM pg_catalog.jsonb_array_elements(payload->'invoices') AS p (e)
   WHERE p.e->>'invoice_id' = invoice_id
   LIMIT 1
$$;
COMMENT ON FUNCTION dunning.payload_level(jsonb, text) IS
  'The level at which a reminder''s payload lists one of its invoices; NULL when it does not list it.';
