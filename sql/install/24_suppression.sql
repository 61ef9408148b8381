/*-------------------------------------------------------------------------
 *
 * 24_suppression.sql
 *	  The suppression list: addresses and numbers no reminder may use.
 *
 * A bounce, a complaint, a permanent failure reported by a mailer or a
 * collector's "wrong number" puts the customer's address or number on the
 * list.  A pass sends nothing to a listed one: the step's fallback channel
 * takes over, or the invoices wait as undeliverable (dunning.problems).
 * An entry names the address it was about, so a new address in the
 * customer binding clears it without anyone touching the list; an entry
 * without an address (written by hand) stops that kind of contact whatever
 * the address.  People see and edit the list as a plain table.
 *
 *-------------------------------------------------------------------------
 */

CREATE TABLE dunning.suppression (
  id          bigserial PRIMARY KEY,
  customer_id text NOT NULL,
  contact     text NOT NULL CHECK (contact IN ('email', 'phone')),
  address     text,
  reason      text NOT NULL
              CHECK (reason IN ('bounced', 'complained', 'failed', 'wrong_number', 'manual')),
  reminder_id bigint,
  detail      text,
  since       timestamptz NOT NULL DEFAULT pg_catalog.now(),
  created_by  name NOT NULL DEFAULT current_user
);
CREATE UNIQUE INDEX suppression_once
  ON dunning.suppression (customer_id, contact, (coalesce(address, '')));
COMMENT ON TABLE dunning.suppression IS
  'Addresses and phone numbers no reminder may use: bounced, complained about, failed for good, a wrong number, or listed by hand. Delete a row to use the address again; a new address in the customer binding is not listed.';
COMMENT ON COLUMN dunning.suppression.customer_id IS
  'The customer, in the ledger''s own customer key type.';
COMMENT ON COLUMN dunning.suppression.contact IS
  'email (the e-mail address) or phone (the number, for sms and phone steps alike).';
COMMENT ON COLUMN dunning.suppression.address IS
  'The address or number it is about, as it was bound then; NULL: whatever the address.';
COMMENT ON COLUMN dunning.suppression.reason IS
  'bounced, complained (record_event), failed (nack with permanent), wrong_number (record_outcome) or manual.';
COMMENT ON COLUMN dunning.suppression.reminder_id IS
  'The reminder whose feedback listed it; NULL when listed by hand.';
COMMENT ON COLUMN dunning.suppression.detail IS
  'What the mailer, its provider or the collector said.';
COMMENT ON SEQUENCE dunning.suppression_id_seq IS 'Identifiers of suppression entries.';
COMMENT ON INDEX dunning.suppression_once IS
  'One entry per customer, kind of contact and address: a second bounce adds nothing.';

INSERT INTO dunning.key_column (relation, column_name, role, is_array) VALUES
  ('dunning.suppression', 'customer_id', 'customer', false);

-- Refuses an entry that makes no sense, with a message that says why.
CREATE FUNCTION dunning.suppression_check() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF NEW.contact IS NULL OR NEW.contact NOT IN ('email', 'phone') THEN
    RAISE EXCEPTION 'unknown contact "%"', NEW.contact
      USING ERRCODE = 'invalid_parameter_value',
            HINT = 'Use email (the e-mail address) or phone (the number, for sms and phone steps).';
  END IF;
  IF NEW.reason IS NULL
     OR NEW.reason NOT IN ('bounced', 'complained', 'failed', 'wrong_number', 'manual') THEN
    RAISE EXCEPTION 'unknown suppression reason "%"', NEW.reason
      USING ERRCODE = 'invalid_parameter_value',
            HINT = 'Use manual for an entry of your own; bounced, complained, failed and wrong_number come from the feedback of mailers and collectors.';
  END IF;
  RETURN NEW;
END
$$;
COMMENT ON FUNCTION dunning.suppression_check() IS
  'Trigger: rejects a suppression entry whose contact or reason makes no sense, with a message that says why.';
CREATE TRIGGER suppression_check BEFORE INSERT OR UPDATE ON dunning.suppression
  FOR EACH ROW EXECUTE FUNCTION dunning.suppression_check();
COMMENT ON TRIGGER suppression_check ON dunning.suppression IS
  'Rejects nonsense in a suppression entry.';

/*
 * List the recipient of a reminder (of the queue or the archive) as one
 * no reminder may use: the kind of contact its channel uses, the address
 * it went to.  Nothing for a channel without one (a letter, a hand-off) or
 * a reminder without a recipient.  Looks at the invoices of the customer
 * again at once, so that the next pass finds the fallback channel.
 */
CREATE FUNCTION dunning.suppress_recipient(reminder_id bigint, reason text, detail text)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  r record;
  kind text;
BEGIN
  SELECT q.customer_id, q.channel, q.recipient INTO r
    FROM dunning.reminder q WHERE q.id = suppress_recipient.reminder_id
  UNION ALL
  SELECT a.customer_id, a.channel, a.recipient
    FROM dunning.reminder_archive a WHERE a.id = suppress_recipient.reminder_id
  LIMIT 1;
  kind := CASE WHEN r.channel = 'email' THEN 'email'
               WHEN r.channel IN ('sms', 'phone') THEN 'phone' END;
  IF kind IS NULL OR r.recipient IS NULL THEN
    RETURN;
  END IF;
  INSERT INTO dunning.suppression (customer_id, contact, address, reason, reminder_id, detail)
  VALUES (r.customer_id, kind, r.recipient, suppress_recipient.reason,
          suppress_recipient.reminder_id, suppress_recipient.detail)
  ON CONFLICT (customer_id, contact, (coalesce(address, ''))) DO NOTHING;
  UPDATE dunning.invoice_state s SET next_check_at = '-infinity'
   WHERE s.customer_id = r.customer_id AND s.status = 'open';
END
$$;
COMMENT ON FUNCTION dunning.suppress_recipient(bigint, text, text) IS
  'Lists the address or number a reminder went to as one no reminder may use (bounced, complained, failed, wrong_number), and has the customer''s open invoices looked at again.';
