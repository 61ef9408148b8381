/*-------------------------------------------------------------------------
 *
 * 13_assignment.sql
 *	  Assignments of customers to policies, and their checks.
 *
 *-------------------------------------------------------------------------
 */

CREATE TABLE dunning.assignment (
  customer_id text PRIMARY KEY,
  policy      text NOT NULL REFERENCES dunning.policy (name) ON UPDATE CASCADE,
  assigned_at timestamptz NOT NULL DEFAULT pg_catalog.now()
);
COMMENT ON TABLE dunning.assignment IS
  'Customers who follow a policy other than their currency''s default.';
COMMENT ON COLUMN dunning.assignment.customer_id IS
  'Customer key, in the ledger''s own customer key type once a ledger is bound.';

-- Checks an assignment row.
CREATE FUNCTION dunning.assignment_check() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  PERFORM dunning.require_policy(NEW.policy);
  RETURN NEW;
END
$$;
COMMENT ON FUNCTION dunning.assignment_check() IS
  'Trigger: rejects an assignment to a policy that does not exist.';

CREATE TRIGGER assignment_check BEFORE INSERT OR UPDATE ON dunning.assignment
  FOR EACH ROW EXECUTE FUNCTION dunning.assignment_check();
COMMENT ON TRIGGER assignment_check ON dunning.assignment IS
  'Rejects assignments to unknown policies.';
