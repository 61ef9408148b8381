/*-------------------------------------------------------------------------
 *
 * 04_calendar.sql
 *	  Calendars and their holidays.
 *
 *-------------------------------------------------------------------------
 */

------------------------------------------------------------------------------
-- Campaigns: calendars, policies, steps, templates, assignments, holds
------------------------------------------------------------------------------

CREATE TABLE dunning.calendar (
  name        text PRIMARY KEY CHECK (pg_catalog.btrim(name) <> ''),
  description text
);
COMMENT ON TABLE dunning.calendar IS
  'Calendars of days on which no reminder is sent (public holidays).';

-- Checks a calendar row.
CREATE FUNCTION dunning.calendar_check() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF btrim(NEW.name) = '' THEN
    RAISE EXCEPTION 'calendar name must not be empty'
      USING ERRCODE = 'check_violation',
            HINT = 'Name the calendar, for example ''fr-public''; policies refer to it by that name.';
  END IF;
  RETURN NEW;
END
$$;
COMMENT ON FUNCTION dunning.calendar_check() IS
  'Trigger: rejects a calendar without a name.';

CREATE TRIGGER calendar_check BEFORE INSERT OR UPDATE ON dunning.calendar
  FOR EACH ROW EXECUTE FUNCTION dunning.calendar_check();
COMMENT ON TRIGGER calendar_check ON dunning.calendar IS
  'Rejects calendars without a name.';

CREATE TABLE dunning.holiday (
  calendar text NOT NULL REFERENCES dunning.calendar (name)
           ON UPDATE CASCADE ON DELETE CASCADE,
  day      date NOT NULL,
  name     text,
  PRIMARY KEY (calendar, day)
);
COMMENT ON TABLE dunning.holiday IS
  'The holidays of each calendar: no reminder becomes available on these days.';
