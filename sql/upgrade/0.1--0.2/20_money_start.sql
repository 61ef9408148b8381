/*-------------------------------------------------------------------------
 *
 * 20_money_start.sql
 *	  0.1 to 0.2: what the shipped rates, schedules and laws need first.
 *
 *-------------------------------------------------------------------------
 */

------------------------------------------------------------------------------
-- money: reference rates, fee schedules, laws, charges (sql/install/05, 06,
-- 07 and 17 and their data, as a fresh install has them)
------------------------------------------------------------------------------

-- shipped rows are the extension's (src/version.c)
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


