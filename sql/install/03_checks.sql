/*-------------------------------------------------------------------------
 *
 * 03_checks.sql
 *	  The checks every campaign table shares (a policy, a channel, a number).
 *
 *-------------------------------------------------------------------------
 */

------------------------------------------------------------------------------
-- Checks: every table rejects nonsense with a clear message
------------------------------------------------------------------------------

-- Raises the error for a policy that does not exist.
CREATE FUNCTION dunning.require_policy(policy text) RETURNS void
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
CREATE FUNCTION dunning.require_channel(channel text) RETURNS void
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
CREATE FUNCTION dunning.require_not_negative(tbl text, col text, val numeric, hint text)
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
CREATE FUNCTION dunning.require_within(tbl text, col text, val numeric, lo numeric,
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

CREATE FUNCTION dunning.require_short(tbl text, col text, val text, most integer, hint text)
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
CREATE FUNCTION dunning.restoring() RETURNS boolean
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
RETURN current_setting('check_function_bodies') = 'off';
COMMENT ON FUNCTION dunning.restoring() IS
  'True while check_function_bodies is off, as pg_dump''s scripts set it: a restore is loading the data.';

-- Whether a change comes from a user, not from the extension's own script
-- (src/version.c): shipped rates, schedules and laws are the extension's.
CREATE FUNCTION dunning.user_change() RETURNS boolean
AS 'MODULE_PATHNAME', 'dunning_user_change'
LANGUAGE C STRICT STABLE;
COMMENT ON FUNCTION dunning.user_change() IS
  'False while CREATE or ALTER EXTENSION runs the extension''s script: what it ships, users may not change.';

-- The check of the tables that hold shipped rows beside the user's (rates,
-- fee schedules, laws): a user neither changes a shipped row nor ships one.
CREATE FUNCTION dunning.require_not_shipped(op text, was_shipped boolean, is_shipped boolean,
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
