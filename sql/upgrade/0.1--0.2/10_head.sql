/*-------------------------------------------------------------------------
 *
 * dunning--0.1--0.2.sql
 *	  ALTER EXTENSION dunning UPDATE from 0.1 to 0.2.
 *
 * Built by the Makefile (UPGRADE_0_2) from the pieces in sql/upgrade/0.1--0.2/
 * and the install files of what 0.2 adds.
 *
 * 0.2 renames the views whose names differed from a table's by one letter,
 * adds dunning.rediscover() and dunning.restoring(), lets a pass on the
 * same day as the previous one check only the unsent reminders of holds
 * placed since, keeps a restore from marking invoices for a look, and
 * passes no empty list to the settle rule, and brings money: reference
 * rates, fee schedules, late-payment laws, and charges raised with the
 * reminders.  test/t/007_upgrade.pl checks that a 0.1 database updated
 * with this script has the catalogue of a fresh 0.2 install.
 *
 *-------------------------------------------------------------------------
 */

\echo Use "ALTER EXTENSION dunning UPDATE TO '0.2'" to load this file. \quit

-- whether a restore is loading the data: one definition for the checks
-- and triggers that depend on it
CREATE FUNCTION dunning.restoring() RETURNS boolean
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
RETURN current_setting('check_function_bodies') = 'off';
COMMENT ON FUNCTION dunning.restoring() IS
  'True while check_function_bodies is off, as pg_dump''s scripts set it: a restore is loading the data.';
REVOKE ALL ON FUNCTION dunning.restoring() FROM PUBLIC;

-- the views in effect: renamed (their grants go with them)
ALTER VIEW dunning.templates RENAME TO templates_in_effect;
COMMENT ON VIEW dunning.templates_in_effect IS
  'The templates in effect: the user''s (dunning.template), then the shipped ones they do not override.';
ALTER VIEW dunning.locales RENAME TO locales_in_effect;
COMMENT ON VIEW dunning.locales_in_effect IS
  'The locale rules in effect: the user''s (dunning.locale), then the shipped ones they do not override.';

-- their users
CREATE OR REPLACE FUNCTION dunning.template_still_used(tname text, tchannel text) RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  s record;
BEGIN
  IF EXISTS (SELECT 1 FROM dunning.templates_in_effect t WHERE t.name = tname AND t.channel = tchannel) THEN
    RETURN;
  END IF;
  SELECT st.policy, st.level INTO s FROM dunning.step st
   WHERE st.template = tname AND st.channel = tchannel LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'template "%" is still used by a step', tname
      USING ERRCODE = 'foreign_key_violation',
            DETAIL = format('Step %s of policy "%s" sends it by %s.', s.level, s.policy, tchannel),
            HINT = 'Point the step at another template first, or keep a version of this one.';
  END IF;
END
$$;
COMMENT ON FUNCTION dunning.template_still_used(text, text) IS
  'Raises a clear error when a step still names a template that is going away.';

CREATE OR REPLACE FUNCTION dunning.step_check() RETURNS trigger
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

-- every reminder, in the queue or the archive: a view made at binding
COMMENT ON TABLE dunning.reminder IS
  'The queue: one row per reminder in flight (pending, claimed or failed); dunning.all_reminders adds those that are done.';
COMMENT ON TABLE dunning.reminder_archive IS
  'Reminders that are done (sent, cancelled, dead), moved out of the queue when they were finished; dunning.all_reminders shows both.';
UPDATE dunning.derived_view SET name = 'all_reminders' WHERE name = 'reminders';
DO $$
BEGIN
  IF to_regclass('dunning.reminders') IS NOT NULL THEN
    ALTER VIEW dunning.reminders RENAME TO all_reminders;
  END IF;
END
$$;

-- a full discovery at the next pass, on demand
CREATE FUNCTION dunning.rediscover() RETURNS void
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  UPDATE dunning.engine SET last_full_as_of = NULL;
END
$$;
COMMENT ON FUNCTION dunning.rediscover() IS
  'Makes the next pass a full discovery (every open overdue invoice looked at): call it after entering invoices whose due date has passed, then dunning.wake() if you do not want to wait for the next pass.';
REVOKE ALL ON FUNCTION dunning.rediscover() FROM PUBLIC;

-- a restore marks no invoice for a look
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

