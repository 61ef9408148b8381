/*-------------------------------------------------------------------------
 *
 * 16_state.sql
 *	  What passes know of each overdue invoice, what they did, and where discovery resumes.
 *
 *-------------------------------------------------------------------------
 */

------------------------------------------------------------------------------
-- Evaluation state: what the passes know about each overdue invoice
------------------------------------------------------------------------------

CREATE TABLE dunning.invoice_state (
  invoice_id       text PRIMARY KEY,
  customer_id      text NOT NULL,
  policy           text,
  level            integer NOT NULL DEFAULT 0,
  last_reminder_at timestamptz,
  last_reminder_id bigint,
  next_check_at    timestamptz NOT NULL,
  waiting_for      text,
  status           text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  closed_reason    text,
  problem          text,
  first_seen       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL
);
CREATE INDEX invoice_state_next_check ON dunning.invoice_state (next_check_at)
  WHERE status = 'open';
CREATE INDEX invoice_state_customer ON dunning.invoice_state (customer_id);
COMMENT ON TABLE dunning.invoice_state IS
  'One row per overdue invoice the passes have seen: its level, its last reminder and when to look at it again.';
COMMENT ON COLUMN dunning.invoice_state.invoice_id IS
  'Invoice key, in the ledger''s own invoice key type.';
COMMENT ON COLUMN dunning.invoice_state.customer_id IS
  'Customer key, in the ledger''s own customer key type.';
COMMENT ON COLUMN dunning.invoice_state.policy IS
  'The policy that applied at the last look.';
COMMENT ON COLUMN dunning.invoice_state.level IS
  'The level of the last reminder emitted (0: none yet).';
COMMENT ON COLUMN dunning.invoice_state.last_reminder_at IS
  'The as_of of the pass that emitted the last reminder.';
COMMENT ON COLUMN dunning.invoice_state.next_check_at IS
  'When a pass looks at the invoice again: the start of that day in the customer''s time zone, or the very instant the contact cap allows; -infinity after a campaign change; infinity once closed.';
COMMENT ON COLUMN dunning.invoice_state.problem IS
  'What a person must mend before the invoice can be reminded, with the offending value: data of the ledger or the customers no pass can use (waiting_for bad_data), or a recipient that is not one, is missing or is on the suppression list (invalid_recipient, no_recipient, undeliverable).';
COMMENT ON COLUMN dunning.invoice_state.waiting_for IS
  'Why nothing was sent at the last look: grace, hold, min_open_amount, interval, next_step, last_step, contact_cap, send_cap, no_policy, paused (its policy is paused), previous_unsent (its last reminder is still in the queue: no stacking), invalid_recipient (the customer''s address or phone number for the step''s channel is not one), no_recipient (the customer binding binds that address or number, and the customer has none), undeliverable (it is on dunning.suppression), bad_data (the ledger''s or the customer''s row holds a value no pass can use); those four are looked at again the next day, and problem says why. A step''s fallback channel is used before an invoice waits for its recipient.';
COMMENT ON COLUMN dunning.invoice_state.closed_reason IS
  'paid (open amount 0 or less) or vanished (no longer in the ledger).';
COMMENT ON INDEX dunning.invoice_state_next_check IS
  'The rows a pass must look at today.';
COMMENT ON INDEX dunning.invoice_state_customer IS
  'The rows of a customer.';

CREATE TABLE dunning.history (
  id          bigserial PRIMARY KEY,
  at          timestamptz NOT NULL,
  run_id      bigint,
  invoice_id  text,
  customer_id text,
  event       text NOT NULL CHECK (event IN ('emitted', 'resolved', 'cancelled', 'reopened', 'undelivered')),
  level       integer,
  reminder_id bigint,
  reason      text,
  reason_code text NOT NULL
              CHECK (reason_code IN ('step_due', 'paid', 'vanished', 'reopened',
                                     'paid_before_sent', 'vanished_before_sent', 'held_before_sent', 'expired',
                                     'by_hand', 'dead')),
  paid_on     date
);
CREATE INDEX history_invoice ON dunning.history (invoice_id);
COMMENT ON TABLE dunning.history IS
  'Append-only log of what the passes did: every emission (a level change), resolution, cancellation and reopening, with the reason.';
COMMENT ON COLUMN dunning.history.at IS 'The as_of of the pass.';
COMMENT ON COLUMN dunning.history.event IS
  'emitted (the invoice reached level), resolved (paid or vanished), cancelled (a reminder not yet sent), reopened, undelivered (its reminder died: the invoice is back at level).';
COMMENT ON COLUMN dunning.history.reason IS
  'Why, in words, with the particulars (days overdue, the hold, the error).';
COMMENT ON COLUMN dunning.history.reason_code IS
  'Why, as a code of a fixed set: step_due (emitted), paid, vanished (resolved), reopened, paid_before_sent, vanished_before_sent, held_before_sent, expired, by_hand (cancelled), dead (undelivered).';
COMMENT ON COLUMN dunning.history.paid_on IS
  'For an invoice resolved as paid: the day of its last payment, from the payments binding; NULL when no payment was bound (it was paid by the day of at).';
COMMENT ON SEQUENCE dunning.history_id_seq IS 'Identifiers of history entries.';
COMMENT ON INDEX dunning.history_invoice IS 'The history of an invoice.';

-- History is append-only.
CREATE FUNCTION dunning.history_append_only() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  RAISE EXCEPTION 'dunning.history is append-only'
    USING ERRCODE = 'object_not_in_prerequisite_state',
          HINT = 'Delete old entries to prune the history; entries are never changed.';
END
$$;
COMMENT ON FUNCTION dunning.history_append_only() IS
  'Trigger: refuses to change a history entry.';
CREATE TRIGGER history_append_only BEFORE UPDATE ON dunning.history
  FOR EACH ROW EXECUTE FUNCTION dunning.history_append_only();
COMMENT ON TRIGGER history_append_only ON dunning.history IS
  'History entries are never changed.';

CREATE TABLE dunning.run_log (
  id         bigserial PRIMARY KEY,
  as_of      timestamptz NOT NULL,
  started_at timestamptz NOT NULL,
  duration   interval,
  discovery  text NOT NULL,
  examined   bigint NOT NULL DEFAULT 0,
  emitted    bigint NOT NULL DEFAULT 0,
  resolved   bigint NOT NULL DEFAULT 0,
  cancelled  bigint NOT NULL DEFAULT 0,
  quarantined bigint NOT NULL DEFAULT 0,
  error      text,
  run_by     name NOT NULL DEFAULT current_user
);
COMMENT ON TABLE dunning.run_log IS 'One row per evaluation pass.';
COMMENT ON COLUMN dunning.run_log.quarantined IS
  'Invoices the pass could not use the data of (waiting_for bad_data): dunning.problems says why.';
COMMENT ON COLUMN dunning.run_log.discovery IS
  'full (every open overdue invoice examined), incremental (those newly due, and the state rows due for a look), or none (the pass failed: see error).';
COMMENT ON COLUMN dunning.run_log.examined IS 'Invoices looked at.';
COMMENT ON COLUMN dunning.run_log.emitted IS 'Reminders written to the queue.';
COMMENT ON COLUMN dunning.run_log.resolved IS 'Invoices found paid or gone.';
COMMENT ON COLUMN dunning.run_log.cancelled IS 'Reminders cancelled before they were sent.';
COMMENT ON SEQUENCE dunning.run_log_id_seq IS 'Identifiers of passes.';

-- Where incremental discovery resumes: the as_of of the last pass.
CREATE TABLE dunning.engine (
  id         integer PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  last_as_of timestamptz,
  last_full_as_of timestamptz
);
INSERT INTO dunning.engine DEFAULT VALUES;
COMMENT ON TABLE dunning.engine IS
  'The evaluation''s bookkeeping: the as_of of the last pass (NULL: the next pass discovers every overdue invoice), and of the last full discovery (passes make one at least once a day).';
