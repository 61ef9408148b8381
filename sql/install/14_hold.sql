/*-------------------------------------------------------------------------
 *
 * 14_hold.sql
 *	  Holds: disputes, promises to pay, manual pauses, and their checks.
 *
 *-------------------------------------------------------------------------
 */

CREATE TABLE dunning.hold (
  id          bigserial PRIMARY KEY,
  invoice_id  text,
  customer_id text,
  reason      text NOT NULL,
  until       date,
  note        text,
  created_at  timestamptz NOT NULL DEFAULT pg_catalog.now(),
  created_by  name NOT NULL DEFAULT current_user
);
COMMENT ON TABLE dunning.hold IS
  'Pauses dunning for one invoice or for all of a customer''s invoices (a dispute, a promise to pay, a manual hold).';
COMMENT ON COLUMN dunning.hold.invoice_id IS
  'The invoice held (else customer_id); in the ledger''s own invoice key type.';
COMMENT ON COLUMN dunning.hold.customer_id IS
  'The customer held (else invoice_id); in the ledger''s own customer key type.';
COMMENT ON COLUMN dunning.hold.reason IS
  'dispute, promise_to_pay or manual.';
COMMENT ON COLUMN dunning.hold.until IS
  'Last day the hold is in force (inclusive); NULL until it is deleted.';
COMMENT ON SEQUENCE dunning.hold_id_seq IS 'Identifiers of holds.';
CREATE INDEX hold_invoice_id ON dunning.hold (invoice_id) WHERE invoice_id IS NOT NULL;
CREATE INDEX hold_customer_id ON dunning.hold (customer_id) WHERE customer_id IS NOT NULL;
COMMENT ON INDEX dunning.hold_invoice_id IS 'Finds the holds of an invoice.';
COMMENT ON INDEX dunning.hold_customer_id IS 'Finds the holds of a customer.';

-- Checks a hold row.
CREATE FUNCTION dunning.hold_check() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  -- the key columns change type when a ledger is bound: read them through
  -- jsonb so that no cached plan depends on their type
  row_json  jsonb := to_jsonb(NEW);
  invoice   boolean := (row_json ->> 'invoice_id') IS NOT NULL;
  customer  boolean := (row_json ->> 'customer_id') IS NOT NULL;
BEGIN
  IF invoice = customer THEN
    RAISE EXCEPTION 'a hold must name either an invoice or a customer'
      USING ERRCODE = 'check_violation',
            DETAIL = CASE WHEN NOT invoice
                          THEN 'This hold names neither invoice_id nor customer_id.'
                          ELSE 'This hold names both invoice_id and customer_id.' END,
            HINT = 'Give invoice_id to hold one invoice, or customer_id to hold all of a customer''s invoices.';
  END IF;
  IF NEW.reason IS NULL OR NEW.reason NOT IN ('dispute', 'promise_to_pay', 'manual') THEN
    RAISE EXCEPTION 'unknown hold reason "%"', NEW.reason
      USING ERRCODE = 'invalid_parameter_value',
            HINT = 'Use dispute, promise_to_pay or manual.';
  END IF;
  IF NEW.reason = 'promise_to_pay' AND NEW.until IS NULL THEN
    RAISE EXCEPTION 'a promise to pay needs a date'
      USING ERRCODE = 'not_null_violation',
            DETAIL = 'The hold has reason promise_to_pay and no until.',
            HINT = 'Set until to the last day of the promise; dunning resumes after it if the invoice is still open.';
  END IF;
  RETURN NEW;
END
$$;
COMMENT ON FUNCTION dunning.hold_check() IS
  'Trigger: rejects a hold that makes no sense, with a message that says why.';

CREATE TRIGGER hold_check BEFORE INSERT OR UPDATE ON dunning.hold
  FOR EACH ROW EXECUTE FUNCTION dunning.hold_check();
COMMENT ON TRIGGER hold_check ON dunning.hold IS
  'Rejects nonsense in holds.';
