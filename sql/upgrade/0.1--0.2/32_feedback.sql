/*-------------------------------------------------------------------------
 *
 * 32_feedback.sql
 *	  0.1 to 0.2: feedback that acts, where a backlog starts, reason codes,
 *	  sent_at and French ordinal dates (the suppression list and the
 *	  outcomes follow, from 24_suppression.sql and 25_outcome.sql).
 *
 *-------------------------------------------------------------------------
 */

-- a policy says where an invoice first seen starts
ALTER TABLE dunning.policy ADD COLUMN first_contact text NOT NULL DEFAULT 'gentlest'
  CHECK (first_contact IN ('gentlest', 'by_age'));
COMMENT ON COLUMN dunning.policy.first_contact IS
  '''gentlest'': an invoice first seen past several steps gets the first step, then one step at a time; ''by_age'': it starts at the highest step its days overdue have reached (a backlog on the first day of a campaign).';

-- a preview may include what is queued already
DROP FUNCTION dunning.preview(timestamptz, boolean);
CREATE FUNCTION dunning.preview(as_of timestamptz DEFAULT pg_catalog.now(),
                                full_discovery boolean DEFAULT false,
                                include_queued boolean DEFAULT false)
RETURNS SETOF dunning.reminder
AS 'MODULE_PATHNAME', 'dunning_preview'
LANGUAGE C STRICT VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET jit = off;
COMMENT ON FUNCTION dunning.preview(timestamptz, boolean, boolean) IS
  'The reminders a pass at as_of would emit, computed the same way, writing nothing; with include_queued, also those already in the queue and ready by as_of: what goes out by then, in one query.';

-- a step may fall back to another channel
ALTER TABLE dunning.step ADD COLUMN fallback_channel text;
COMMENT ON COLUMN dunning.step.fallback_channel IS
  'The channel used instead when the customer cannot be reached on this one (no address or number, one that is not one, or one on dunning.suppression), with the same template name; NULL: the invoices wait (dunning.problems).';

-- the history says when a dead reminder's level was taken back
ALTER TABLE dunning.history DROP CONSTRAINT history_event_check;
ALTER TABLE dunning.history ADD CONSTRAINT history_event_check
  CHECK (event IN ('emitted', 'resolved', 'cancelled', 'reopened', 'undelivered'));
COMMENT ON COLUMN dunning.history.event IS
  'emitted (the invoice reached level), resolved (paid or vanished), cancelled (a reminder not yet sent), reopened, undelivered (its reminder died: the invoice is back at level).';
COMMENT ON COLUMN dunning.invoice_state.problem IS
  'What a person must mend before the invoice can be reminded, with the offending value: data of the ledger or the customers no pass can use (waiting_for bad_data), or a recipient that is not one, is missing or is on the suppression list (invalid_recipient, no_recipient, undeliverable).';

-- the problems view lists invoices waiting for a recipient too (made anew
-- when the binding is applied again, below)
UPDATE dunning.derived_view SET definition = $view$
SELECT s.invoice_id, s.customer_id, s.waiting_for AS kind, s.problem,
       s.updated_at AS seen_at, s.next_check_at AS looked_at_again
  FROM dunning.invoice_state s
 WHERE s.status = 'open'
   AND s.waiting_for IN ('bad_data', 'invalid_recipient', 'no_recipient', 'undeliverable')
$view$, comment = 'What a person must mend: open invoices whose ledger or customer data no pass can use (bad_data), or whose recipient is not one (invalid_recipient), is missing (no_recipient) or is on the suppression list (undeliverable), with the reason and the offending value; each is looked at again the next day.'
 WHERE name = 'problems';

-- the archive keeps when a reminder was sent
ALTER TABLE dunning.reminder_archive ADD COLUMN sent_at timestamptz;
COMMENT ON COLUMN dunning.reminder_archive.sent_at IS
  'When a consumer acknowledged it as delivered (status sent); NULL for a reminder that never went out.';
UPDATE dunning.reminder_archive SET sent_at = archived_at WHERE status = 'sent';
UPDATE dunning.derived_view SET definition = $view$
SELECT r.id, r.customer_id, r.invoice_ids, r.policy, r.level, r.channel, r.recipient,
       r.subject, r.body, r.body_html, r.payload, r.status, r.available_at, r.attempts,
       r.lease_owner, r.lease_until, r.lease_role, r.idempotency_key, r.provider_ref,
       r.last_error, r.as_of, r.run_id, r.created_at, r.updated_at,
       NULL::timestamptz AS archived_at, NULL::timestamptz AS sent_at, r.tenant
  FROM dunning.reminder r
 WHERE (SELECT dunning.granted_tenants(CURRENT_USER, '{reader,admin}')) IS NULL
    OR r.tenant = ANY ((SELECT dunning.granted_tenants(CURRENT_USER, '{reader,admin}'))::text[])
UNION ALL
SELECT a.id, a.customer_id, a.invoice_ids, a.policy, a.level, a.channel, a.recipient,
       a.subject, a.body, a.body_html, a.payload, a.status, a.available_at, a.attempts,
       a.lease_owner, a.lease_until, a.lease_role, a.idempotency_key, a.provider_ref,
       a.last_error, a.as_of, a.run_id, a.created_at, a.updated_at, a.archived_at, a.sent_at,
       a.tenant
  FROM dunning.reminder_archive a
 WHERE (SELECT dunning.granted_tenants(CURRENT_USER, '{reader,admin}')) IS NULL
    OR a.tenant = ANY ((SELECT dunning.granted_tenants(CURRENT_USER, '{reader,admin}'))::text[])
$view$
 WHERE name = 'all_reminders';

-- each history entry gets a reason code beside its words; the entries of
-- 0.1 are given theirs from what they say (the one change ever made to
-- history entries)
ALTER TABLE dunning.history ADD COLUMN reason_code text;
ALTER TABLE dunning.history DISABLE TRIGGER history_append_only;
UPDATE dunning.history SET reason_code = CASE
    WHEN event = 'emitted' THEN 'step_due'
    WHEN event = 'reopened' THEN 'reopened'
    WHEN event = 'resolved' AND reason = 'vanished' THEN 'vanished'
    WHEN event = 'resolved' THEN 'paid'
    WHEN event = 'cancelled' AND reason LIKE 'held%' THEN 'held_before_sent'
    WHEN event = 'cancelled' AND reason LIKE 'cancelled by hand%' THEN 'by_hand'
    WHEN event = 'cancelled' AND reason LIKE 'expired%' THEN 'expired'
    WHEN event = 'cancelled' AND reason LIKE 'gone from the ledger%' THEN 'vanished_before_sent'
    WHEN event = 'cancelled' THEN 'paid_before_sent'
    ELSE 'dead' END;
ALTER TABLE dunning.history ENABLE TRIGGER history_append_only;
ALTER TABLE dunning.history ALTER COLUMN reason_code SET NOT NULL;
ALTER TABLE dunning.history ADD CONSTRAINT history_reason_code_check
  CHECK (reason_code IN ('step_due', 'paid', 'vanished', 'reopened',
                         'paid_before_sent', 'vanished_before_sent', 'held_before_sent', 'expired',
                         'by_hand', 'dead'));
ALTER TABLE dunning.history ADD COLUMN paid_on date;
COMMENT ON COLUMN dunning.history.paid_on IS
  'For an invoice resolved as paid: the day of its last payment, from the payments binding; NULL when no payment was bound (it was paid by the day of at).';
COMMENT ON COLUMN dunning.history.reason IS
  'Why, in words, with the particulars (days overdue, the hold, the error).';
COMMENT ON COLUMN dunning.history.reason_code IS
  'Why, as a code of a fixed set: step_due (emitted), paid, vanished (resolved), reopened, paid_before_sent, vanished_before_sent, held_before_sent, expired, by_hand (cancelled), dead (undelivered).';

-- a locale may write the first day of a month apart (French: 1er)
ALTER TABLE dunning.locale ADD COLUMN first_day text;
COMMENT ON COLUMN dunning.locale.first_day IS
  'How D writes the first day of a month where the language writes it apart (''1er'' in French); NULL: as the other days.';
ALTER TABLE dunning.locale_default ADD COLUMN first_day text;
COMMENT ON COLUMN dunning.locale_default.first_day IS
  'How D writes the first day of a month where the language writes it apart (''1er'' in French); NULL: as the other days.';
UPDATE dunning.locale_default SET first_day = '1er' WHERE code = 'fr';
DROP VIEW dunning.locales_in_effect;
CREATE VIEW dunning.locales_in_effect AS
  SELECT l.*, false AS shipped FROM dunning.locale l
  UNION ALL
  SELECT d.*, true FROM dunning.locale_default d
   WHERE NOT EXISTS (SELECT 1 FROM dunning.locale l WHERE l.code = d.code);
COMMENT ON VIEW dunning.locales_in_effect IS
  'The locale rules in effect: the user''s (dunning.locale), then the shipped ones they do not override.';

-- a role may be given the customers' names (dunning.grant_names())
ALTER TABLE dunning.role_grant DROP CONSTRAINT role_grant_kind_check;
ALTER TABLE dunning.role_grant ADD CONSTRAINT role_grant_kind_check
  CHECK (kind IN ('admin', 'reader', 'mailer', 'scheduler', 'pass', 'names'));
COMMENT ON COLUMN dunning.role_grant.kind IS
  'admin (campaigns), reader (the views), names (the customers'' names, with dunning.grant_names()), mailer (the queue protocol), scheduler (the role of dunning.scheduler_role), or pass (the owner of a bound relation, as which passes read it: kept by binding, not granted by hand).';
