/*-------------------------------------------------------------------------
 *
 * 12_step.sql
 *	  Steps: the escalation of a policy, and their checks.
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

-- Checks one step row on its own.
CREATE FUNCTION dunning.step_check() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  what text := format('step %s of policy "%s"', NEW.level, NEW.policy);
BEGIN
  PERFORM dunning.require_policy(NEW.policy);
  IF NEW.level < 1 THEN
    RAISE EXCEPTION 'step level must be at least 1'
      USING ERRCODE = 'check_violation',
            DETAIL = format('The policy "%s" has a step at level %s.', NEW.policy, NEW.level),
            HINT = 'Number the steps 1, 2, 3 ... from the gentlest on.';
  END IF;
  PERFORM dunning.require_not_negative(what, 'days_overdue', NEW.days_overdue,
    'Count days after the due date; use grace_days on the policy to wait longer.');
  PERFORM dunning.require_not_negative(what, 'fee', NEW.fee, 'Use 0 for no fee.');
  PERFORM dunning.require_within(what, 'days_overdue', NEW.days_overdue, 0, 3650,
    'Give a number of days of at most ten years.');
  PERFORM dunning.require_within(what, 'fee', NEW.fee, 0, 1e9,
    'Give the fee as an amount in the policy''s currency, such as 40.00, or 0.');
  PERFORM dunning.require_channel(NEW.channel);
  IF NEW.fallback_channel IS NOT NULL THEN
    PERFORM dunning.require_channel(NEW.fallback_channel);
    IF NEW.fallback_channel = NEW.channel THEN
      RAISE EXCEPTION '% falls back to its own channel', what
        USING ERRCODE = 'check_violation',
              DETAIL = format('Its channel and fallback_channel are both %s.', NEW.channel),
              HINT = 'Name another channel to use when the customer cannot be reached on this one, or NULL for none.';
    END IF;
  END IF;
  IF NEW.fee_schedule IS NOT NULL AND NEW.fee > 0 THEN
    RAISE EXCEPTION '% has both a fee and a fee schedule', what
      USING ERRCODE = 'check_violation',
            HINT = 'Give either a fixed fee or a fee schedule, and set the other to 0 or NULL.';
  END IF;
  -- a restore loads the steps before the templates they name: this check
  -- waits for the templates then
  IF NEW.template IS NOT NULL
     AND NOT dunning.restoring()
     AND NOT EXISTS
     (SELECT 1 FROM dunning.templates_in_effect t
       WHERE t.name = NEW.template AND t.channel = NEW.channel) THEN
    RAISE EXCEPTION 'template "%" does not exist for channel "%"', NEW.template, NEW.channel
      USING ERRCODE = 'foreign_key_violation',
            DETAIL = format('The %s names it.', what),
            HINT = 'Insert the template into dunning.template first (dunning.templates_in_effect lists those in effect), or use NULL to leave rendering to the consumer.';
  END IF;
  IF NEW.template IS NOT NULL AND NEW.fallback_channel IS NOT NULL
     AND NOT dunning.restoring()
     AND NOT EXISTS
     (SELECT 1 FROM dunning.templates_in_effect t
       WHERE t.name = NEW.template AND t.channel = NEW.fallback_channel) THEN
    RAISE EXCEPTION 'template "%" does not exist for channel "%"', NEW.template, NEW.fallback_channel
      USING ERRCODE = 'foreign_key_violation',
            DETAIL = format('The %s names it for its fallback channel.', what),
            HINT = 'Insert a template of that name for the fallback channel into dunning.template first, or name another fallback channel.';
  END IF;
  RETURN NEW;
END
$$;
COMMENT ON FUNCTION dunning.step_check() IS
  'Trigger: rejects a step row that makes no sense, with a message that says why.';

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
