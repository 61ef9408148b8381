/*-------------------------------------------------------------------------
 *
 * 17_charge.sql
 *	  Charges: fees, statutory interest and fixed compensation, as rows.
 *
 * A pass raises the charges of a reminder in the transaction that emits it
 * (src/charge.c): the step's fee on each invoice it reminds, once per
 * invoice and level; the law's fixed compensation once per invoice;
 * statutory interest for the days since the invoice's last interest charge.
 * The ledger is never written to: finance posts the charges it wants from
 * dunning.charges_to_post, and says so with dunning.mark_posted().  A
 * person waives one with dunning.waive().  Charges of a reminder that is
 * cancelled or dies before it reaches the customer are withdrawn
 * (dunning.withdraw_charges()): the next reminder raises them again.
 *
 *-------------------------------------------------------------------------
 */

CREATE TABLE dunning.charge (
  id           bigserial PRIMARY KEY,
  invoice_id   text NOT NULL,
  customer_id  text NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('fee', 'interest', 'compensation')),
  amount       numeric NOT NULL CHECK (amount >= 0),
  currency     text NOT NULL,
  level        integer NOT NULL,
  period_from  date,
  period_to    date,
  detail       jsonb,
  policy       text NOT NULL,
  reminder_id  bigint NOT NULL,
  run_id       bigint,
  raised_at    timestamptz NOT NULL,
  waived_at    timestamptz,
  waived_by    name,
  waive_reason text,
  posted_at    timestamptz,
  posted_ref   text,
  CHECK ((kind = 'interest') = (period_from IS NOT NULL)),
  CHECK (period_to >= period_from),
  CHECK ((waived_at IS NULL) = (waive_reason IS NULL)),
  CHECK ((posted_at IS NULL) = (posted_ref IS NULL))
);
-- never twice: a fee per invoice and level, compensation per invoice,
-- interest per invoice and first day; one index, which also finds an
-- invoice's charges (a pass reads them by invoice)
CREATE UNIQUE INDEX charge_once ON dunning.charge
  (invoice_id, kind, (CASE kind WHEN 'fee' THEN level
                                WHEN 'interest' THEN period_from - DATE '2000-01-01'
                                ELSE 0 END));
CREATE INDEX charge_reminder ON dunning.charge (reminder_id);
CREATE INDEX charge_customer ON dunning.charge (customer_id, raised_at);
COMMENT ON TABLE dunning.charge IS
  'Fees, statutory interest and fixed compensation raised by reminders: one row per charge, per invoice; never written to the ledger.';
COMMENT ON COLUMN dunning.charge.invoice_id IS
  'Invoice key, in the ledger''s own invoice key type.';
COMMENT ON COLUMN dunning.charge.customer_id IS
  'Customer key, in the ledger''s own customer key type.';
COMMENT ON COLUMN dunning.charge.kind IS
  'fee (the step''s), interest (statutory, for the period), or compensation (the law''s fixed sum for recovery costs).';
COMMENT ON COLUMN dunning.charge.amount IS
  'In currency, rounded to its minor units.';
COMMENT ON COLUMN dunning.charge.level IS
  'The level of the invoice in the reminder that raised the charge.';
COMMENT ON COLUMN dunning.charge.period_from IS
  'Interest: the first day it covers.';
COMMENT ON COLUMN dunning.charge.period_to IS
  'Interest: the last day it covers (the day before the pass that raised it).';
COMMENT ON COLUMN dunning.charge.detail IS
  'How the amount was found: interest, its stretches of one rate (days, yearly rate, principal, amount); fees and compensation, the schedule and the debt.';
COMMENT ON COLUMN dunning.charge.reminder_id IS
  'The reminder that raised the charge and tells the customer of it.';
COMMENT ON COLUMN dunning.charge.raised_at IS
  'The as_of of the pass that raised it.';
COMMENT ON COLUMN dunning.charge.waived_at IS
  'When it was waived (dunning.waive(), or a policy''s waive_first_fee); a waived charge is not owed, and is not raised again.';
COMMENT ON COLUMN dunning.charge.posted_at IS
  'When finance posted it to the ledger (dunning.mark_posted()).';
COMMENT ON COLUMN dunning.charge.posted_ref IS
  'The ledger''s reference of the posting.';
COMMENT ON INDEX dunning.charge_once IS
  'Never twice: a fee once per invoice and level, compensation once per invoice, no two interest charges of an invoice from one day; and the charges of an invoice.';
COMMENT ON INDEX dunning.charge_reminder IS 'The charges a reminder raised.';
COMMENT ON INDEX dunning.charge_customer IS 'A customer''s charges by date (is a fee their first in a year?).';

/*
 * Withdraws the charges of reminders that will not reach the customer
 * (cancelled, or dead), or only those of some of their invoices (taken
 * out of a consolidated reminder): they are deleted, so that the next
 * reminder raises them again.  Returns how many.
 */
CREATE FUNCTION dunning.withdraw_charges(reminder_ids bigint[], invoice_ids text[] DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  n bigint;
BEGIN
  DELETE FROM dunning.charge c
   WHERE c.reminder_id = ANY (reminder_ids)
     AND (withdraw_charges.invoice_ids IS NULL
          OR c.invoice_id::text = ANY (withdraw_charges.invoice_ids))
     AND c.posted_at IS NULL;
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END
$$;
COMMENT ON FUNCTION dunning.withdraw_charges(bigint[], text[]) IS
  'Deletes the unposted charges raised by reminders that will not reach the customer (or only those of the given invoices, as text): the next reminder raises them again.';

-- Waives one charge, with a reason: it is no longer owed.
CREATE FUNCTION dunning.waive(charge_id bigint, reason text)
RETURNS dunning.charge
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  c dunning.charge;
BEGIN
  IF reason IS NULL OR btrim(reason) = '' THEN
    RAISE EXCEPTION 'a waiver needs a reason'
      USING ERRCODE = 'invalid_parameter_value',
            HINT = 'Say why the charge is waived, such as ''goodwill: first late payment''; it is kept with the charge.';
  END IF;
  SELECT * INTO c FROM dunning.charge x WHERE x.id = charge_id FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'charge % does not exist', charge_id
      USING ERRCODE = 'no_data_found',
            HINT = 'dunning.charge lists the charges; one withdrawn with its reminder is gone.';
  END IF;
  IF c.waived_at IS NOT NULL THEN
    RAISE EXCEPTION 'charge % is waived already', charge_id
      USING ERRCODE = 'object_not_in_prerequisite_state',
            DETAIL = format('It was waived: %s.', c.waive_reason);
  END IF;
  IF c.posted_at IS NOT NULL THEN
    RAISE EXCEPTION 'charge % is posted to the ledger', charge_id
      USING ERRCODE = 'object_not_in_prerequisite_state',
            DETAIL = format('It was posted as %s.', c.posted_ref),
            HINT = 'Reverse it in the ledger with a credit; a posted charge is not waived here.';
  END IF;
  UPDATE dunning.charge x
     SET waived_at = pg_catalog.now(), waived_by = session_user, waive_reason = reason
   WHERE x.id = charge_id
  RETURNING * INTO c;
  RETURN c;
END
$$;
COMMENT ON FUNCTION dunning.waive(bigint, text) IS
  'Waives a charge that is not posted, with a reason (who and when are kept): it is no longer owed, and is not raised again.';

-- Records that finance posted charges to its ledger: all or none.
CREATE FUNCTION dunning.mark_posted(charge_ids bigint[], ledger_ref text)
RETURNS integer
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  wanted bigint[];
  bad record;
  n integer;
BEGIN
  IF ledger_ref IS NULL OR btrim(ledger_ref) = '' THEN
    RAISE EXCEPTION 'a posting needs the ledger''s reference'
      USING ERRCODE = 'invalid_parameter_value',
            HINT = 'Give the reference of the journal entry the charges were posted with.';
  END IF;
  SELECT array_agg(DISTINCT x.id ORDER BY x.id) INTO wanted FROM unnest(charge_ids) AS x (id);
  IF wanted IS NULL THEN
    RETURN 0;
  END IF;
  PERFORM 1 FROM dunning.charge c WHERE c.id = ANY (wanted) ORDER BY c.id FOR UPDATE;
  SELECT x.id, c.id AS found, c.waived_at, c.posted_at, c.posted_ref
    INTO bad
    FROM unnest(wanted) AS x (id)
    LEFT JOIN dunning.charge c ON c.id = x.id
   WHERE c.id IS NULL OR c.waived_at IS NOT NULL OR c.posted_at IS NOT NULL
      OR NOT EXISTS (SELECT 1 FROM dunning.reminder_archive a
                      WHERE a.id = c.reminder_id AND a.status = 'sent')
   ORDER BY x.id LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'charge % cannot be posted', bad.id
      USING ERRCODE = CASE WHEN bad.found IS NULL THEN 'no_data_found'
                           ELSE 'object_not_in_prerequisite_state' END,
            DETAIL = CASE WHEN bad.found IS NULL THEN 'It does not exist.'
                          WHEN bad.waived_at IS NOT NULL THEN 'It was waived.'
                          WHEN bad.posted_at IS NOT NULL
                            THEN format('It was posted as %s.', bad.posted_ref)
                          ELSE 'The reminder that raised it has not been sent yet.' END,
            HINT = 'Post the charges dunning.charges_to_post lists; nothing was marked.';
  END IF;
  UPDATE dunning.charge c SET posted_at = pg_catalog.now(), posted_ref = ledger_ref
   WHERE c.id = ANY (wanted);
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END
$$;
COMMENT ON FUNCTION dunning.mark_posted(bigint[], text) IS
  'Records that finance posted these charges to its ledger with this reference, all or none: each must be raised by a reminder that was sent, and be neither waived nor posted.';
