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

