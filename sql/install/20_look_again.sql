/*-------------------------------------------------------------------------
 *
 * 20_look_again.sql
 *	  Triggers that mark invoices for a look at the next pass after a campaign change or a new binding.
 *
 * CREATE OR REPLACE throughout: the update from 0.1 runs this file too.
 *-------------------------------------------------------------------------
 */

-- A campaign change: the open invoices concerned get a look at the next pass.
-- The triggers below take the lock that passes take (dunning.wait_for_pass()): a change
-- made while a pass runs waits for it, then marks the rows that pass wrote.
-- The lock that serialises passes, taken until the end of the transaction.
CREATE OR REPLACE FUNCTION dunning.wait_for_pass() RETURNS void
AS 'MODULE_PATHNAME', 'dunning_wait_for_pass'
LANGUAGE C STRICT VOLATILE;
COMMENT ON FUNCTION dunning.wait_for_pass() IS
  'Takes the transaction-level advisory lock that passes take (src/pass.h), waiting for a pass under way to commit.';

CREATE OR REPLACE FUNCTION dunning.look_again_all() RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  -- a restore loads the states as they were: nothing to look at again
  IF dunning.restoring() THEN
    RETURN NULL;
  END IF;
  -- wait for a pass under way: it may be writing rows this change concerns
  PERFORM dunning.wait_for_pass();
  UPDATE dunning.invoice_state SET next_check_at = '-infinity'
   WHERE status = 'open' AND next_check_at > '-infinity';
  RETURN NULL;
END
$$;
COMMENT ON FUNCTION dunning.look_again_all() IS
  'Trigger: after a change to policies, steps or calendars, every open invoice is looked at by the next pass.';

CREATE OR REPLACE TRIGGER policy_look_again AFTER INSERT OR UPDATE OR DELETE ON dunning.policy
  FOR EACH STATEMENT EXECUTE FUNCTION dunning.look_again_all();
CREATE OR REPLACE TRIGGER step_look_again AFTER INSERT OR UPDATE OR DELETE ON dunning.step
  FOR EACH STATEMENT EXECUTE FUNCTION dunning.look_again_all();
CREATE OR REPLACE TRIGGER holiday_look_again AFTER INSERT OR UPDATE OR DELETE ON dunning.holiday
  FOR EACH STATEMENT EXECUTE FUNCTION dunning.look_again_all();
COMMENT ON TRIGGER policy_look_again ON dunning.policy IS 'Open invoices are looked at again.';
COMMENT ON TRIGGER step_look_again ON dunning.step IS 'Open invoices are looked at again.';
COMMENT ON TRIGGER holiday_look_again ON dunning.holiday IS 'Open invoices are looked at again.';

-- A customer's assignment changed: their invoices get a look at the next pass.
CREATE OR REPLACE FUNCTION dunning.look_again_customers() RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  -- a restore loads the states as they were: nothing to look at again
  IF dunning.restoring() THEN
    RETURN NULL;
  END IF;
  -- wait for a pass under way: it may be writing rows this change concerns
  PERFORM dunning.wait_for_pass();
  UPDATE dunning.invoice_state s SET next_check_at = '-infinity'
   WHERE s.status = 'open'
     AND s.customer_id IN (SELECT c.customer_id FROM changed c WHERE c.customer_id IS NOT NULL);
  RETURN NULL;
END
$$;
COMMENT ON FUNCTION dunning.look_again_customers() IS
  'Trigger: the open invoices of the customers in the transition table "changed" are looked at by the next pass.';

-- A hold was lifted or changed: its invoices get a look at the next pass.
CREATE OR REPLACE FUNCTION dunning.look_again_holds() RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  -- a restore loads the states as they were: nothing to look at again
  IF dunning.restoring() THEN
    RETURN NULL;
  END IF;
  -- wait for a pass under way: it may be writing rows this change concerns
  PERFORM dunning.wait_for_pass();
  UPDATE dunning.invoice_state s SET next_check_at = '-infinity'
   WHERE s.status = 'open'
     AND (s.invoice_id IN (SELECT c.invoice_id FROM changed c WHERE c.invoice_id IS NOT NULL)
          OR s.customer_id IN (SELECT c.customer_id FROM changed c WHERE c.customer_id IS NOT NULL));
  RETURN NULL;
END
$$;
COMMENT ON FUNCTION dunning.look_again_holds() IS
  'Trigger: the open invoices under the holds in the transition table "changed" are looked at by the next pass.';

CREATE OR REPLACE TRIGGER assignment_look_again_insert AFTER INSERT ON dunning.assignment
  REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION dunning.look_again_customers();
CREATE OR REPLACE TRIGGER assignment_look_again_update AFTER UPDATE ON dunning.assignment
  REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION dunning.look_again_customers();
CREATE OR REPLACE TRIGGER assignment_look_again_delete AFTER DELETE ON dunning.assignment
  REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION dunning.look_again_customers();
CREATE OR REPLACE TRIGGER hold_look_again_update AFTER UPDATE ON dunning.hold
  REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION dunning.look_again_holds();
CREATE OR REPLACE TRIGGER hold_look_again_delete AFTER DELETE ON dunning.hold
  REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION dunning.look_again_holds();
COMMENT ON TRIGGER assignment_look_again_insert ON dunning.assignment IS 'The customer''s invoices are looked at again.';
COMMENT ON TRIGGER assignment_look_again_update ON dunning.assignment IS 'The customer''s invoices are looked at again.';
COMMENT ON TRIGGER assignment_look_again_delete ON dunning.assignment IS 'The customer''s invoices are looked at again.';
COMMENT ON TRIGGER hold_look_again_update ON dunning.hold IS 'The held invoices are looked at again.';
COMMENT ON TRIGGER hold_look_again_delete ON dunning.hold IS 'The held invoices are looked at again.';

-- A new binding: the next pass discovers every overdue invoice.
CREATE OR REPLACE FUNCTION dunning.binding_rediscover() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  -- a restore loads the states as they were: nothing to look at again
  IF dunning.restoring() THEN
    RETURN NULL;
  END IF;
  -- wait for a pass under way: it may be writing rows this change concerns
  PERFORM dunning.wait_for_pass();
  UPDATE dunning.engine SET last_as_of = NULL;
  RETURN NULL;
END
$$;
COMMENT ON FUNCTION dunning.binding_rediscover() IS
  'Trigger: after a (re)binding, the next pass discovers every overdue invoice.';
CREATE OR REPLACE TRIGGER binding_rediscover AFTER INSERT OR UPDATE OR DELETE ON dunning.binding
  FOR EACH STATEMENT EXECUTE FUNCTION dunning.binding_rediscover();
COMMENT ON TRIGGER binding_rediscover ON dunning.binding IS
  'The next pass discovers every overdue invoice.';
