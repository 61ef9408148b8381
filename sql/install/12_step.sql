/*-------------------------------------------------------------------------
 *
 * 12_step.sql
 *	  Steps: the escalation of a policy (their row check: 03_checks.sql).
 *
 *-------------------------------------------------------------------------
 */

CREATE TABLE dunning.step (
  policy       text NOT NULL REFERENCES dunning.policy (name)
               ON UPDATE CASCADE ON DELETE CASCADE,
  level        integer NOT NULL,
  days_overdue integer NOT NULL,
  channel      text NOT NULL,
  template     text,
  fee          numeric NOT NULL DEFAULT 0,
  fee_schedule text REFERENCES dunning.fee_schedule (name) ON UPDATE CASCADE,
  fallback_channel text,
  PRIMARY KEY (policy, level)
);
COMMENT ON TABLE dunning.step IS
  'The steps of each policy''s campaign: a higher level is sent more days overdue.';
COMMENT ON COLUMN dunning.step.days_overdue IS
  'The step is due once the invoice is this many days past its due date.';
COMMENT ON COLUMN dunning.step.template IS
  'Name of the template rendered for this step; NULL leaves rendering to the consumer.';
COMMENT ON COLUMN dunning.step.fee IS
  'Fee charged on each invoice this step reminds, once per invoice and level, in the policy''s currency: a row of dunning.charge, never a change to the ledger.';
COMMENT ON COLUMN dunning.step.fallback_channel IS
  'The channel used instead when the customer cannot be reached on this one (no address or number, one that is not one, or one on dunning.suppression), with the same template name; NULL: the invoices wait (dunning.problems).';
COMMENT ON COLUMN dunning.step.fee_schedule IS
  'A fee schedule (dunning.fee_schedule) that gives the fee by the invoice''s open amount, instead of the fixed fee; NULL: the fixed fee.';


CREATE TRIGGER step_check BEFORE INSERT OR UPDATE ON dunning.step
  FOR EACH ROW EXECUTE FUNCTION dunning.step_check();
COMMENT ON TRIGGER step_check ON dunning.step IS
  'Rejects nonsense in a step.';

-- Checks that days_overdue rises with level across a policy's steps.
-- Runs after the statement's rows are in, so that several steps can be
-- renumbered in one UPDATE; locks the policy so concurrent changes queue.
CREATE FUNCTION dunning.step_order_check() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  bad record;
BEGIN
  PERFORM 1 FROM dunning.policy p WHERE p.name = NEW.policy FOR NO KEY UPDATE;
  SELECT s.level, s.days_overdue, s.next_level, s.next_days INTO bad
    FROM (SELECT level, days_overdue,
                 lead(level) OVER w AS next_level,
                 lead(days_overdue) OVER w AS next_days
            FROM dunning.step WHERE policy = NEW.policy
          WINDOW w AS (ORDER BY level)) s
   WHERE s.next_days <= s.days_overdue
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'days_overdue must rise with level'
      USING ERRCODE = 'check_violation',
            DETAIL = format('In policy "%s", level %s is sent at %s days overdue and level %s at %s.',
                            NEW.policy, bad.level, bad.days_overdue, bad.next_level, bad.next_days),
            HINT = 'Give each level more days overdue than the level before it.';
  END IF;
  RETURN NULL;
END
$$;
COMMENT ON FUNCTION dunning.step_order_check() IS
  'Trigger: rejects steps whose days_overdue do not rise with their level.';

CREATE CONSTRAINT TRIGGER step_order_check AFTER INSERT OR UPDATE ON dunning.step
  FOR EACH ROW EXECUTE FUNCTION dunning.step_order_check();
COMMENT ON TRIGGER step_order_check ON dunning.step IS
  'Rejects steps whose days_overdue do not rise with their level.';
