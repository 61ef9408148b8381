/*-------------------------------------------------------------------------
 *
 * 35_payments.sql
 *	  0.1 to 0.2: the binding table's new kind and column, and the binding
 *	  functions whose arguments changed (02_binding.sql, which follows,
 *	  makes them anew).
 *
 *-------------------------------------------------------------------------
 */

-- payments may be bound (they name no customer), and amounts may be in
-- minor units
ALTER TABLE dunning.binding DROP CONSTRAINT binding_kind_check,
  ADD CONSTRAINT binding_kind_check CHECK (kind IN ('ledger', 'customers', 'payments')),
  ALTER COLUMN customer_key_type DROP NOT NULL;
ALTER TABLE dunning.binding
  ADD COLUMN amount_scale text CHECK (amount_scale ~ '^([0-6]|currency)$');

-- bind_ledger and bind_customers take more arguments: their 0.1 forms go
DROP FUNCTION dunning.bind_ledger(text, text, text, text, text, text, text, regrole);
DROP FUNCTION dunning.bind_customers(text, text, text, text, text, text, text, regrole);
