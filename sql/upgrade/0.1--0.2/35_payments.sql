/*-------------------------------------------------------------------------
 *
 * 35_payments.sql
 *	  0.1 to 0.2: the payments binding, and whether a customer is a consumer.
 *
 *-------------------------------------------------------------------------
 */

ALTER TABLE dunning.binding DROP CONSTRAINT binding_kind_check,
  ADD CONSTRAINT binding_kind_check CHECK (kind IN ('ledger', 'customers', 'payments')),
  ALTER COLUMN customer_key_type DROP NOT NULL;
COMMENT ON TABLE dunning.binding IS
  'The bound ledger, customer and payment relations; written by bind_ledger(), bind_customers() and bind_payments(), which (re)create the views dunning.ledger, dunning.customer and dunning.payment.';
COMMENT ON COLUMN dunning.binding.customer_key_type IS
  'The type customer keys keep in the extension''s tables (the ledger''s own type); NULL for payments, which name invoices only.';

-- bind_ledger takes amount_scale, and the binding keeps it
ALTER TABLE dunning.binding
  ADD COLUMN amount_scale text CHECK (amount_scale ~ '^([0-6]|currency)$');
COMMENT ON COLUMN dunning.binding.amount_scale IS
  'Amounts of the source are in minor units: divided by 10 to this power (0 to 6), or by the minor units of the invoice''s currency (''currency''); NULL: as they are.';
DROP FUNCTION dunning.bind_ledger(text, text, text, text, text, text, text, regrole);
CREATE FUNCTION dunning.bind_ledger(
  source      text,
  invoice_id  text,
  customer_id text,
  due_on      text,
  open_amount text,
  currency    text DEFAULT NULL,
  reference   text DEFAULT NULL,
  run_as      regrole DEFAULT NULL,
  amount_scale text DEFAULT NULL,
  issued_on   text DEFAULT NULL,
  amount      text DEFAULT NULL)
RETURNS regclass
AS 'MODULE_PATHNAME', 'dunning_bind_ledger'
LANGUAGE C CALLED ON NULL INPUT VOLATILE;
COMMENT ON FUNCTION dunning.bind_ledger(text, text, text, text, text, text, text, regrole, text,
                                        text, text) IS
  'Binds the user''s invoice table or view without copying it: checks every column and (re)creates the view dunning.ledger; passes read it as its owner, whom run_as must name when it is not the caller; amount_scale says the amounts are in minor units (0 to 6 decimal places, or ''currency''); issued_on and amount (the amount invoiced) serve DSO and the collection effectiveness index.';

CREATE FUNCTION dunning.bind_payments(
  source      text,
  invoice_id  text,
  paid_on     text,
  amount      text,
  reference   text DEFAULT NULL,
  run_as      regrole DEFAULT NULL,
  amount_scale text DEFAULT NULL)
RETURNS regclass
AS 'MODULE_PATHNAME', 'dunning_bind_payments'
LANGUAGE C CALLED ON NULL INPUT VOLATILE;
COMMENT ON FUNCTION dunning.bind_payments(text, text, text, text, text, regrole, text) IS
  'Binds the user''s payments table or view (one row per payment, or part of one, to an invoice of the ledger) without copying it: checks every column and (re)creates the view dunning.payment; it must belong to the ledger''s owner. With it, interest is exact across partial payments, and statements list payments. amount_scale says the amounts are in minor units (0 to 6 decimal places).';

CREATE OR REPLACE FUNCTION dunning.unbind(kind text) RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  view_name text;
  pending bigint;
BEGIN
  IF kind IS NULL OR kind NOT IN ('ledger', 'customers', 'payments') THEN
    RAISE EXCEPTION 'unknown binding kind "%"', kind
      USING ERRCODE = 'invalid_parameter_value',
            HINT = 'Use ''ledger'', ''customers'' or ''payments''.';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM dunning.binding b WHERE b.kind = unbind.kind) THEN
    RAISE EXCEPTION 'no % binding exists', kind
      USING ERRCODE = 'undefined_object',
            HINT = 'SELECT kind, source FROM dunning.binding lists what is bound.';
  END IF;
  IF kind = 'ledger' THEN
    SELECT count(*) INTO pending FROM dunning.reminder r
     WHERE r.status IN ('pending', 'claimed');
    IF pending > 0 THEN
      RAISE EXCEPTION 'cannot unbind the ledger while reminders are pending'
        USING ERRCODE = 'object_in_use',
              DETAIL = CASE WHEN pending = 1 THEN '1 reminder is pending or claimed.'
                            ELSE format('%s reminders are pending or claimed.', pending) END,
              HINT = 'Let the mailer deliver them, or cancel them, then unbind.';
    END IF;
  END IF;
  FOR view_name IN
    SELECT d.name FROM dunning.derived_view d WHERE kind = 'ledger'
     ORDER BY d.position DESC
  LOOP
    IF to_regclass('dunning.' || quote_ident(view_name)) IS NOT NULL THEN
      EXECUTE format('ALTER EXTENSION dunning DROP VIEW dunning.%I', view_name);
      EXECUTE format('DROP VIEW dunning.%I', view_name);
    END IF;
  END LOOP;
  view_name := CASE kind WHEN 'ledger' THEN 'ledger' WHEN 'customers' THEN 'customer'
                         ELSE 'payment' END;
  IF to_regclass('dunning.' || view_name) IS NOT NULL THEN
    EXECUTE format('ALTER EXTENSION dunning DROP VIEW dunning.%I', view_name);
    EXECUTE format('DROP VIEW dunning.%I', view_name);
  END IF;
  DELETE FROM dunning.binding b WHERE b.kind = unbind.kind;
  -- the owner of what is no longer bound loses what passes needed of it
  PERFORM dunning.apply_grants();
END
$$;
COMMENT ON FUNCTION dunning.unbind(text) IS
  'Removes the ledger, customers or payments binding and its view; the user''s relation is untouched.';

-- the customer binding says whether each customer is a consumer (a last
-- argument, so that calls by position still work)
DROP FUNCTION dunning.bind_customers(text, text, text, text, text, text, text, regrole);
CREATE FUNCTION dunning.bind_customers(
  source      text,
  customer_id text,
  email       text DEFAULT NULL,
  name        text DEFAULT NULL,
  locale      text DEFAULT NULL,
  time_zone   text DEFAULT NULL,
  phone       text DEFAULT NULL,
  run_as      regrole DEFAULT NULL,
  consumer    text DEFAULT NULL,
  dunning_email text DEFAULT NULL,
  dunning_phone text DEFAULT NULL,
  address     text DEFAULT NULL,
  postcode    text DEFAULT NULL,
  city        text DEFAULT NULL,
  country     text DEFAULT NULL)
RETURNS regclass
AS 'MODULE_PATHNAME', 'dunning_bind_customers'
LANGUAGE C CALLED ON NULL INPUT VOLATILE;
COMMENT ON FUNCTION dunning.bind_customers(text, text, text, text, text, text, text, regrole, text,
                                           text, text, text, text, text, text) IS
  'Binds the user''s customer table or view (contact data, a dunning contact used before it, a postal address for letters, and whether each is a consumer: a boolean column) without copying it: checks every column and (re)creates the view dunning.customer; it must belong to the ledger''s owner, whom run_as must name when it is not the caller.';

