/*-------------------------------------------------------------------------
 *
 * 03_checks.sql
 *	  The checks of the campaign tables: those they share (a policy, a
 *	  channel, a number) and each one's row check (a policy, a step, a
 *	  template a step still uses).
 *
 * Functions only, each CREATE OR REPLACE: a fresh install and the update
 * from 0.1 run this same file, so each check is written once.  The
 * triggers that call them are made with their tables.
 *-------------------------------------------------------------------------
 */

------------------------------------------------------------------------------
-- Checks: every table rejects nonsense with a clear message
------------------------------------------------------------------------------

-- Raises the error for a policy that does not exist.
CREATE OR REPLACE FUNCTION dunning.require_policy(policy text) RETURNS void
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM dunning.policy p WHERE p.name = policy) THEN
    RAISE EXCEPTION 'policy "%" does not exist', policy
      USING ERRCODE = 'foreign_key_violation',
            HINT = 'Create it in dunning.policy first; SELECT name FROM dunning.policy lists the policies.';
  END IF;
END
$$;
COMMENT ON FUNCTION dunning.require_policy(text) IS
  'Raises a clear error unless the policy exists (used by the checks).';

-- Raises the error for an unknown channel.
CREATE OR REPLACE FUNCTION dunning.require_channel(channel text) RETURNS void
LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF channel IS NULL OR NOT channel = ANY (dunning.channels()) THEN
    RAISE EXCEPTION 'unknown channel "%"', channel
      USING ERRCODE = 'invalid_parameter_value',
            DETAIL = format('The channels are %s.', array_to_string(dunning.channels(), ', ')),
            HINT = 'Use one of them, in lower case.';
  END IF;
END
$$;
COMMENT ON FUNCTION dunning.require_channel(text) IS
  'Raises a clear error unless the channel is one of dunning.channels().';

-- Raises the error for a negative number in a column.
CREATE OR REPLACE FUNCTION dunning.require_not_negative(tbl text, col text, val numeric, hint text)
RETURNS void
LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF val < 0 THEN
    RAISE EXCEPTION '% must not be negative', col
      USING ERRCODE = 'check_violation',
            DETAIL = format('The %s has %s %s.', tbl, col, val),
            HINT = hint;
  END IF;
END
$$;
COMMENT ON FUNCTION dunning.require_not_negative(text, text, numeric, text) IS
  'Raises a clear error when a count or amount is negative (used by the checks).';

/*
 * Settings a pass must be able to work with: a number within bounds
 * (which NaN and Infinity never are), a text of a sane length.  A value
 * accepted at INSERT must never stop a pass later.
 */
CREATE OR REPLACE FUNCTION dunning.require_within(tbl text, col text, val numeric, lo numeric,
                                       hi numeric, hint text)
RETURNS void
LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF val IS NOT NULL AND NOT (val >= lo AND val <= hi) THEN
    RAISE EXCEPTION '% must be between % and %', col, lo, hi
      USING ERRCODE = 'numeric_value_out_of_range',
            DETAIL = format('The %s has %s %s.', tbl, col, val),
            HINT = hint;
  END IF;
END
$$;
COMMENT ON FUNCTION dunning.require_within(text, text, numeric, numeric, numeric, text) IS
  'Raises a clear error for a number outside its bounds, NaN and Infinity included.';

CREATE OR REPLACE FUNCTION dunning.require_short(tbl text, col text, val text, most integer, hint text)
RETURNS void
LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF length(val) > most THEN
    RAISE EXCEPTION '% is longer than % characters', col, most
      USING ERRCODE = 'string_data_right_truncation',
            DETAIL = format('The %s has %s characters in %s.', tbl, length(val), col),
            HINT = hint;
  END IF;
END
$$;
COMMENT ON FUNCTION dunning.require_short(text, text, text, integer, text) IS
  'Raises a clear error for a text longer than a setting may be.';

-- Whether a restore is loading the data: pg_dump's scripts turn
-- check_function_bodies off, so that what refers to objects loaded later
-- is not checked yet.  Checks that look across tables wait, and the
-- triggers that mark invoices for a look stand down (the states come back
-- as they were).
CREATE OR REPLACE FUNCTION dunning.restoring() RETURNS boolean
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
RETURN current_setting('check_function_bodies') = 'off';
COMMENT ON FUNCTION dunning.restoring() IS
  'True while check_function_bodies is off, as pg_dump''s scripts set it: a restore is loading the data.';

-- Whether a change comes from a user, not from the extension's own script
-- (src/version.c): shipped rates, schedules and laws are the extension's.
CREATE OR REPLACE FUNCTION dunning.user_change() RETURNS boolean
AS 'MODULE_PATHNAME', 'dunning_user_change'
LANGUAGE C STRICT STABLE;
COMMENT ON FUNCTION dunning.user_change() IS
  'False while CREATE or ALTER EXTENSION runs the extension''s script: what it ships, users may not change.';

-- The check of the tables that hold shipped rows beside the user's (rates,
-- fee schedules, laws): a user neither changes a shipped row nor ships one.
CREATE OR REPLACE FUNCTION dunning.require_not_shipped(op text, was_shipped boolean, is_shipped boolean,
                                            what text, hint text) RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF NOT dunning.user_change() THEN
    RETURN;
  END IF;
  IF op IN ('UPDATE', 'DELETE') AND was_shipped THEN
    RAISE EXCEPTION 'the shipped % cannot be changed', what
      USING ERRCODE = 'insufficient_privilege',
            DETAIL = 'Rows marked shipped come with the extension; yours sit beside them.',
            HINT = hint;
  END IF;
  IF op IN ('INSERT', 'UPDATE') AND is_shipped THEN
    RAISE EXCEPTION 'only the extension ships rows of this kind'
      USING ERRCODE = 'insufficient_privilege',
            DETAIL = format('The %s is marked shipped.', what),
            HINT = 'Insert your row with shipped = false (the default).';
  END IF;
END
$$;
COMMENT ON FUNCTION dunning.require_not_shipped(text, boolean, boolean, text, text) IS
  'Raises a clear error when a user changes a shipped row (rates, fee schedules, laws) or marks one of theirs shipped.';

------------------------------------------------------------------------------
-- Each table's row check (the triggers are made with the tables)
------------------------------------------------------------------------------

-- Checks a policy row and normalises its currency code.
CREATE OR REPLACE FUNCTION dunning.policy_check() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  what  text := format('policy "%s"', NEW.name);
  other text;
BEGIN
  IF NEW.name IS NULL OR btrim(NEW.name) = '' THEN
    RAISE EXCEPTION 'policy name must not be empty'
      USING ERRCODE = 'check_violation',
            HINT = 'Name the policy, for example ''standard''.';
  END IF;
  NEW.currency := upper(NEW.currency);
  IF NOT EXISTS (SELECT 1 FROM dunning.currency c WHERE c.code = NEW.currency) THEN
    RAISE EXCEPTION 'currency "%" is not an ISO 4217 code', NEW.currency
      USING ERRCODE = 'invalid_parameter_value',
            HINT = 'Use an active three-letter code such as EUR, USD or GBP; the table dunning.currency lists them.';
  END IF;
  PERFORM dunning.require_not_negative(what, 'min_open_amount', NEW.min_open_amount,
    'Use 0 to remind about every open amount.');
  PERFORM dunning.require_not_negative(what, 'grace_days', NEW.grace_days,
    'Use 0 to start as soon as the invoice is due.');
  PERFORM dunning.require_not_negative(what, 'min_days_between', NEW.min_days_between,
    'Give the number of days to wait between two reminders, such as 7.');
  PERFORM dunning.require_within(what, 'min_open_amount', NEW.min_open_amount, 0, 1e12,
    'Give the smallest amount worth a reminder, such as 5.00, or 0.');
  PERFORM dunning.require_within(what, 'grace_days', NEW.grace_days, 0, 3650,
    'Give a number of days of at most ten years.');
  PERFORM dunning.require_within(what, 'min_days_between', NEW.min_days_between, 0, 3650,
    'Give a number of days of at most ten years.');
  PERFORM dunning.require_within(what, 'max_reminders', NEW.max_reminders, 1, 1000,
    'Give the most contacts allowed in a period, such as 3, or NULL for no cap.');
  IF NEW.per_period > interval '366 days' THEN
    RAISE EXCEPTION 'per_period must be at most 366 days'
      USING ERRCODE = 'numeric_value_out_of_range',
            DETAIL = format('The %s has per_period %s.', what, NEW.per_period),
            HINT = 'Give the length of the contact cap''s period, such as ''30 days''.';
  END IF;
  PERFORM dunning.require_short(what, 'sender_name', NEW.sender_name, 200,
    'Give the name reminders come from, such as ''Accounts, Example SA''.');
  PERFORM dunning.require_short(what, 'contact_email', NEW.contact_email, 254,
    'Give one e-mail address.');
  PERFORM dunning.require_short(what, 'contact_phone', NEW.contact_phone, 50,
    'Give one phone number.');
  PERFORM dunning.require_short(what, 'payment_url', NEW.payment_url, 2000,
    'Give one web address.');
  IF NEW.max_reminders IS NOT NULL AND NEW.max_reminders < 1 THEN
    RAISE EXCEPTION 'max_reminders must be at least 1'
      USING ERRCODE = 'check_violation',
            DETAIL = format('The %s has max_reminders %s.', what, NEW.max_reminders),
            HINT = 'Use NULL for no cap on contacts.';
  END IF;
  IF NEW.per_period <= interval '0' THEN
    RAISE EXCEPTION 'per_period must be positive'
      USING ERRCODE = 'check_violation',
            DETAIL = format('The %s has per_period %s.', what, NEW.per_period),
            HINT = 'Give the length of the contact cap''s period, such as ''30 days''.';
  END IF;
  IF NEW.unsent_expiry IS NOT NULL
     AND (NEW.unsent_expiry < interval '1 day' OR NEW.unsent_expiry > interval '366 days') THEN
    RAISE EXCEPTION 'unsent_expiry must be between 1 and 366 days'
      USING ERRCODE = 'numeric_value_out_of_range',
            DETAIL = format('The %s has unsent_expiry %s.', what, NEW.unsent_expiry),
            HINT = 'Give how long an unsent reminder may wait, such as ''14 days'', or NULL for never.';
  END IF;
  IF NEW.status IS NULL OR NEW.status NOT IN ('active', 'paused', 'draft') THEN
    RAISE EXCEPTION 'unknown policy status "%"', NEW.status
      USING ERRCODE = 'invalid_parameter_value',
            HINT = 'Use ''active'', ''paused'' (nothing is sent; its customers keep it) or ''draft'' (only preview() uses it).';
  END IF;
  IF NEW.first_contact IS NULL OR NEW.first_contact NOT IN ('gentlest', 'by_age') THEN
    RAISE EXCEPTION 'unknown first_contact "%"', NEW.first_contact
      USING ERRCODE = 'invalid_parameter_value',
            HINT = 'Use ''gentlest'' (every invoice starts at the first step) or ''by_age'' (an invoice first seen starts at the step its days overdue have reached).';
  END IF;
  IF NEW.group_by NOT IN ('invoice', 'customer') THEN
    RAISE EXCEPTION 'unknown group_by "%"', NEW.group_by
      USING ERRCODE = 'invalid_parameter_value',
            HINT = 'Use ''invoice'' for one reminder per invoice or ''customer'' for one consolidated reminder per customer.';
  END IF;
  IF cardinality(NEW.send_days) = 0
     OR EXISTS (SELECT 1 FROM unnest(NEW.send_days) d WHERE d IS NULL OR d NOT BETWEEN 1 AND 7) THEN
    RAISE EXCEPTION 'send_days must list ISO weekdays from 1 to 7'
      USING ERRCODE = 'check_violation',
            DETAIL = format('The %s has send_days %s.', what, NEW.send_days),
            HINT = 'Use 1 for Monday through 7 for Sunday, such as ''{1,2,3,4,5}''.';
  END IF;
  IF NEW.send_from >= NEW.send_until THEN
    RAISE EXCEPTION 'send_from must be earlier than send_until'
      USING ERRCODE = 'check_violation',
            DETAIL = format('The %s has send_from %s and send_until %s.',
                            what, NEW.send_from, NEW.send_until),
            HINT = 'Give a window within one day, such as 09:00 to 17:00.';
  END IF;
  IF NOT dunning.time_zone_is_valid(NEW.time_zone) THEN
    RAISE EXCEPTION 'time zone "%" is not recognized', NEW.time_zone
      USING ERRCODE = 'invalid_parameter_value',
            HINT = 'Use a name from pg_timezone_names, such as Europe/Paris.';
  END IF;
  IF NEW.calendar IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM dunning.calendar c WHERE c.name = NEW.calendar) THEN
    RAISE EXCEPTION 'calendar "%" does not exist', NEW.calendar
      USING ERRCODE = 'foreign_key_violation',
            HINT = 'Create it in dunning.calendar first, or use NULL for no holidays.';
  END IF;
  IF NEW.language !~ '^[a-z]{2,3}$' THEN
    RAISE EXCEPTION 'language "%" is not a language code', NEW.language
      USING ERRCODE = 'invalid_parameter_value',
            HINT = 'Use a two-letter code in lower case, such as en, fr or de.';
  END IF;
  IF NEW.payment_url !~ '^https?://[^[:space:]]+$' THEN
    RAISE EXCEPTION 'payment_url "%" is not a web address', NEW.payment_url
      USING ERRCODE = 'invalid_parameter_value',
            DETAIL = format('The %s gives it to customers as the place to pay.', what),
            HINT = 'Use an address that starts with https:// (or http://), without spaces.';
  END IF;
  IF NEW.contact_email !~ '^[^@[:space:]]+@[^@[:space:]]+$' THEN
    RAISE EXCEPTION 'contact_email "%" is not an e-mail address', NEW.contact_email
      USING ERRCODE = 'invalid_parameter_value',
            HINT = 'Use an address such as accounts@example.com, or NULL.';
  END IF;
  PERFORM dunning.require_within(what, 'interest_from_level', NEW.interest_from_level, 1, 1000,
    'Give the level of the first reminder that charges interest, such as 2, or NULL.');
  PERFORM dunning.require_within(what, 'compensation_from_level', NEW.compensation_from_level, 1, 1000,
    'Give the level of the reminder that charges the fixed compensation, such as 2, or NULL.');
  IF (NEW.interest_from_level IS NOT NULL OR NEW.compensation_from_level IS NOT NULL)
     AND NEW.law IS NULL THEN
    RAISE EXCEPTION 'the % charges interest or compensation but names no law', what
      USING ERRCODE = 'check_violation',
            HINT = 'Name a law in law (dunning.law lists them: eu_b2b, de, fr, uk, nl), or set interest_from_level and compensation_from_level to NULL.';
  END IF;
  SELECT f.name INTO other
    FROM dunning.law l
    JOIN dunning.fee_schedule f
      ON f.name = CASE NEW.customer_kind WHEN 'consumer' THEN l.compensation_consumer
                                         ELSE l.compensation_business END
   WHERE l.name = NEW.law AND f.currency <> NEW.currency
     AND NEW.compensation_from_level IS NOT NULL;
  IF FOUND THEN
    RAISE EXCEPTION 'the compensation of law "%" is not in the currency of the %', NEW.law, what
      USING ERRCODE = 'check_violation',
            DETAIL = format('Its fee schedule "%s" is not in %s.', other, NEW.currency),
            HINT = 'Use a law whose compensation is in the policy''s currency, or a law of your own with a schedule in it.';
  END IF;
  IF NEW.active_until IS NOT NULL AND NEW.active_until <= NEW.active_from THEN
    RAISE EXCEPTION 'active_until must be later than active_from'
      USING ERRCODE = 'check_violation',
            DETAIL = format('The %s has active_from %s and active_until %s.',
                            what, NEW.active_from, NEW.active_until),
            HINT = 'Use NULL for a policy that never ends.';
  END IF;
  -- one default per currency and tenant (policy.tenant, 33_tenant.sql; NULL: shared)
  IF NEW.is_default THEN
    SELECT p.name INTO other FROM dunning.policy p
     WHERE p.currency = NEW.currency AND p.is_default AND p.name <> NEW.name
       AND p.tenant IS NOT DISTINCT FROM NEW.tenant
       AND (TG_OP = 'INSERT' OR p.name <> OLD.name);
    IF FOUND THEN
      RAISE EXCEPTION 'currency "%" already has a default policy%', NEW.currency,
                      CASE WHEN NEW.tenant IS NULL THEN ''
                           ELSE format(' for tenant "%s"', NEW.tenant) END
        USING ERRCODE = 'unique_violation',
              DETAIL = format('The policy "%s" is the default for %s.', other, NEW.currency),
              HINT = 'Set is_default to false on one of the two policies.';
    END IF;
  END IF;
  RETURN NEW;
END
$$;
COMMENT ON FUNCTION dunning.policy_check() IS
  'Trigger: rejects a policy row that makes no sense, with a message that says why.';

-- Raises an error when the last template of a name and channel that a step
-- uses would go away.
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
  -- a step sends it on its channel, or on its fallback channel
  SELECT st.policy, st.level INTO s FROM dunning.step st
   WHERE st.template = tname AND (st.channel = tchannel OR st.fallback_channel = tchannel)
   LIMIT 1;
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

-- Checks one step row on its own.
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

