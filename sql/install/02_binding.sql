/*-------------------------------------------------------------------------
 *
 * 02_binding.sql
 *	  Binding the user's ledger and customers in place, and reading them as their owner.
 *
 * The update from 0.1 runs this file too: its tables are kept (CREATE
 * TABLE IF NOT EXISTS; 35_payments.sql alters them), its functions and
 * trigger replaced.
 *-------------------------------------------------------------------------
 */

------------------------------------------------------------------------------
-- Ledger binding: which of the user's relations and columns hold what
------------------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS dunning.binding (
  kind              text PRIMARY KEY CHECK (kind IN ('ledger', 'customers', 'payments')),
  source            text NOT NULL,
  columns           jsonb NOT NULL,
  invoice_key_type  text,
  customer_key_type text,
  bound_at          timestamptz NOT NULL DEFAULT pg_catalog.now(),
  bound_by          name NOT NULL DEFAULT current_user,
  owner             name NOT NULL,
  amount_scale      text CHECK (amount_scale ~ '^([0-6]|currency)$')
);
COMMENT ON TABLE dunning.binding IS
  'The bound ledger, customer and payment relations; written by bind_ledger(), bind_customers() and bind_payments(), which (re)create the views dunning.ledger, dunning.customer and dunning.payment.';
COMMENT ON COLUMN dunning.binding.source IS
  'The user''s table or view, schema-qualified.';
COMMENT ON COLUMN dunning.binding.columns IS
  'Which column of the source plays which role, as {"role": "column"}.';
COMMENT ON COLUMN dunning.binding.invoice_key_type IS
  'The type invoice keys keep in the extension''s tables (the ledger''s own type).';
COMMENT ON COLUMN dunning.binding.customer_key_type IS
  'The type customer keys keep in the extension''s tables (the ledger''s own type); NULL for payments, which name invoices only.';
COMMENT ON COLUMN dunning.binding.amount_scale IS
  'Amounts of the source are in minor units: divided by 10 to this power (0 to 6), or by the minor units of the invoice''s currency (''currency''); NULL: as they are.';
COMMENT ON COLUMN dunning.binding.owner IS
  'The pass role: the owner of the source when it was bound, as which passes read it; a pass refuses to run once the source belongs to another role.';

-- Every column of the extension's tables that holds a ledger key: bind_ledger
-- gives them the ledger's own key type, so joins use the ledger's indexes.
CREATE TABLE IF NOT EXISTS dunning.key_column (
  relation    regclass NOT NULL,
  column_name name NOT NULL,
  role        text NOT NULL CHECK (role IN ('invoice', 'customer')),
  is_array    boolean NOT NULL DEFAULT false,
  PRIMARY KEY (relation, column_name)
);
COMMENT ON TABLE dunning.key_column IS
  'Reference data: the columns of the extension''s tables that hold invoice or customer keys, retyped by bind_ledger() to the ledger''s key types.';

-- Used before a key type change, to name a stored key that cannot follow.
CREATE OR REPLACE FUNCTION dunning.key_converts(value text, type regtype) RETURNS boolean
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  EXECUTE format('SELECT %L::%s', value, type);
  RETURN true;
EXCEPTION WHEN data_exception THEN
  RETURN false;
END
$$;
COMMENT ON FUNCTION dunning.key_converts(text, regtype) IS
  'Tells whether a stored key converts to the given key type (checked before a binding changes key types).';

CREATE OR REPLACE FUNCTION dunning.bind_ledger(
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
  amount      text DEFAULT NULL,
  tenant      text DEFAULT NULL)
RETURNS regclass
AS 'MODULE_PATHNAME', 'dunning_bind_ledger'
LANGUAGE C CALLED ON NULL INPUT VOLATILE;
COMMENT ON FUNCTION dunning.bind_ledger(text, text, text, text, text, text, text, regrole, text,
                                        text, text, text) IS
  'Binds the user''s invoice table or view without copying it: checks every column and (re)creates the view dunning.ledger; passes read it as its owner, whom run_as must name when it is not the caller; amount_scale says the amounts are in minor units (0 to 6 decimal places, or ''currency''); issued_on and amount (the amount invoiced) serve DSO and the collection effectiveness index; tenant names the column of the company an invoice belongs to (a customer is then dunned per company, and roles may be given some companies only).';

CREATE OR REPLACE FUNCTION dunning.bind_customers(
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
  country     text DEFAULT NULL,
  tenant      text DEFAULT NULL)
RETURNS regclass
AS 'MODULE_PATHNAME', 'dunning_bind_customers'
LANGUAGE C CALLED ON NULL INPUT VOLATILE;
COMMENT ON FUNCTION dunning.bind_customers(text, text, text, text, text, text, text, regrole, text,
                                           text, text, text, text, text, text, text) IS
  'Binds the user''s customer table or view (contact data, a dunning contact used before it, a postal address for letters, and whether each is a consumer: a boolean column) without copying it: checks every column and (re)creates the view dunning.customer; it must belong to the ledger''s owner, whom run_as must name when it is not the caller.';

CREATE OR REPLACE FUNCTION dunning.bind_payments(
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

-- The live ledger for some keys, read as the pass role (src/owner.c).  Its
-- plan follows the server's plan_cache_mode, not the claim's forced generic
-- plan: a distributed ledger (Citus) is planned with the keys at hand.
CREATE OR REPLACE FUNCTION dunning.ledger_open_amounts(invoice_ids anyarray)
RETURNS TABLE (invoice_id anyelement, open_amount numeric)
AS 'MODULE_PATHNAME', 'dunning_ledger_open_amounts'
LANGUAGE C STRICT VOLATILE
SET plan_cache_mode = auto
ROWS 100;
COMMENT ON FUNCTION dunning.ledger_open_amounts(anyarray) IS
  'The bound ledger''s rows for these invoice keys (key and open amount; none for an invoice gone from it), read with the rights of the ledger''s owner under a security-restricted operation; what the pass''s sweep and the claim''s re-check know of the live ledger.';

CREATE OR REPLACE FUNCTION dunning.binding_apply() RETURNS trigger
AS 'MODULE_PATHNAME', 'dunning_binding_apply'
LANGUAGE C;
COMMENT ON FUNCTION dunning.binding_apply() IS
  'Trigger: checks a binding row again and (re)creates its view and key column types; also restores bindings after pg_restore.';

CREATE OR REPLACE TRIGGER binding_apply AFTER INSERT OR UPDATE ON dunning.binding
  FOR EACH ROW EXECUTE FUNCTION dunning.binding_apply();
COMMENT ON TRIGGER binding_apply ON dunning.binding IS
  'Applies a binding: creates its view and retypes the key columns.';

-- Removes a binding and its view; the key columns keep their types.
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
