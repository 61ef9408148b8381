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

-- the views in effect: renamed (their grants go with them)
ALTER VIEW dunning.templates RENAME TO templates_in_effect;
COMMENT ON VIEW dunning.templates_in_effect IS
  'The templates in effect: the user''s (dunning.template), then the shipped ones they do not override.';
ALTER VIEW dunning.locales RENAME TO locales_in_effect;
COMMENT ON VIEW dunning.locales_in_effect IS
  'The locale rules in effect: the user''s (dunning.locale), then the shipped ones they do not override.';

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

