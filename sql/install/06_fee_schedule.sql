/*-------------------------------------------------------------------------
 *
 * 06_fee_schedule.sql
 *	  Fee schedules: what a fee or a fixed compensation amounts to, by the
 *	  size of the debt.
 *
 * A schedule is a set of bands over the amount of the debt, each with a
 * fixed part and a percentage, and an optional minimum and maximum:
 *
 *	- method 'banded': the band the debt falls in gives the amount, its
 *	  fixed part plus its percentage of the whole debt (the UK's £40, £70
 *	  or £100 by the size of the debt; a flat €40 is one band from 0);
 *	- method 'marginal': each band's percentage applies to the part of the
 *	  debt within it, and the parts add up, plus the first band's fixed part
 *	  (the Dutch collection costs: 15 % of the first €2,500, 10 % of the
 *	  next €2,500, ...).
 *
 * The result is kept between the minimum and the maximum and rounded to
 * the currency's minor units.  It is computed in C (src/fee_schedule.c)
 * for passes and for dunning.fee_for().
 *
 *-------------------------------------------------------------------------
 */

CREATE TABLE dunning.fee_schedule (
  name        text PRIMARY KEY,
  currency    text NOT NULL REFERENCES dunning.currency (code),
  method      text NOT NULL DEFAULT 'banded' CHECK (method IN ('banded', 'marginal')),
  minimum     numeric,
  maximum     numeric,
  description text,
  source      text,
  shipped     boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE dunning.fee_schedule IS
  'Fee schedules: the amount of a fee or fixed compensation by the size of the debt, in bands (dunning.fee_band), kept between a minimum and a maximum.';
COMMENT ON COLUMN dunning.fee_schedule.method IS
  '''banded'': the band the debt falls in applies to the whole debt; ''marginal'': each band''s percentage applies to the part of the debt within it, and the parts add up.';
COMMENT ON COLUMN dunning.fee_schedule.minimum IS
  'The least amount the schedule gives; NULL for none.';
COMMENT ON COLUMN dunning.fee_schedule.maximum IS
  'The most the schedule gives; NULL for none.';
COMMENT ON COLUMN dunning.fee_schedule.source IS
  'The law or contract the schedule follows.';
COMMENT ON COLUMN dunning.fee_schedule.shipped IS
  'True for the schedules the extension ships (not dumped, not to be changed); false for yours.';

CREATE TABLE dunning.fee_band (
  schedule    text NOT NULL REFERENCES dunning.fee_schedule (name)
                ON UPDATE CASCADE ON DELETE CASCADE,
  from_amount numeric NOT NULL,
  fixed       numeric NOT NULL DEFAULT 0,
  percent     numeric NOT NULL DEFAULT 0,
  shipped     boolean NOT NULL DEFAULT false,
  PRIMARY KEY (schedule, from_amount)
);
COMMENT ON TABLE dunning.fee_band IS
  'The bands of a fee schedule: from a debt of from_amount on (up to the next band), a fixed amount and a percentage.';
COMMENT ON COLUMN dunning.fee_band.from_amount IS
  'The band starts at this amount of debt (included); the first band of a schedule starts at 0.';
COMMENT ON COLUMN dunning.fee_band.fixed IS
  'A fixed amount, in the schedule''s currency.';
COMMENT ON COLUMN dunning.fee_band.percent IS
  'A percentage of the debt (banded) or of its part within the band (marginal).';
COMMENT ON COLUMN dunning.fee_band.shipped IS
  'True for the bands of shipped schedules.';

-- Checks a schedule; shipped schedules are the extension's.
CREATE FUNCTION dunning.fee_schedule_check() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  what text;
BEGIN
  PERFORM dunning.require_not_shipped(TG_OP,
    CASE WHEN TG_OP <> 'INSERT' THEN OLD.shipped END, CASE WHEN TG_OP <> 'DELETE' THEN NEW.shipped END,
    format('fee schedule "%s"', coalesce(to_jsonb(OLD)->>'schedule', to_jsonb(OLD)->>'name',
                                         to_jsonb(NEW)->>'schedule', to_jsonb(NEW)->>'name')),
    'Create a schedule of your own under another name, and name it in your law or step.');
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  IF TG_TABLE_NAME = 'fee_schedule' THEN
    what := format('fee schedule "%s"', NEW.name);
    IF NEW.name IS NULL OR NEW.name !~ '^[a-z][a-z0-9_]{0,62}$' THEN
      RAISE EXCEPTION 'fee schedule name "%" is not a valid name', NEW.name
        USING ERRCODE = 'invalid_parameter_value',
              HINT = 'Use lowercase letters, digits and underscores, such as uk_late_payment.';
    END IF;
    NEW.currency := upper(NEW.currency);
    PERFORM dunning.require_within(what, 'minimum', NEW.minimum, 0, 1e9,
      'Give the least amount as an amount in the schedule''s currency, or NULL.');
    PERFORM dunning.require_within(what, 'maximum', NEW.maximum, 0, 1e9,
      'Give the most as an amount in the schedule''s currency, or NULL.');
    IF NEW.minimum > NEW.maximum THEN
      RAISE EXCEPTION 'the minimum of % is above its maximum', what
        USING ERRCODE = 'check_violation',
              DETAIL = format('minimum %s, maximum %s.', NEW.minimum, NEW.maximum),
              HINT = 'Give a minimum at most the maximum.';
    END IF;
  ELSE
    what := format('band from %s of fee schedule "%s"', NEW.from_amount, NEW.schedule);
    PERFORM dunning.require_within(what, 'from_amount', NEW.from_amount, 0, 1e12,
      'Give the debt the band starts at, such as 1000, or 0 for the first band.');
    PERFORM dunning.require_within(what, 'fixed', NEW.fixed, 0, 1e9,
      'Give a fixed amount in the schedule''s currency, or 0.');
    PERFORM dunning.require_within(what, 'percent', NEW.percent, 0, 100,
      'Give a percentage between 0 and 100, such as 15.');
  END IF;
  RETURN NEW;
END
$$;
COMMENT ON FUNCTION dunning.fee_schedule_check() IS
  'Trigger: checks a fee schedule or one of its bands, and keeps the shipped ones as shipped.';

CREATE TRIGGER fee_schedule_check BEFORE INSERT OR UPDATE OR DELETE ON dunning.fee_schedule
  FOR EACH ROW EXECUTE FUNCTION dunning.fee_schedule_check();
COMMENT ON TRIGGER fee_schedule_check ON dunning.fee_schedule IS
  'Checks each schedule; shipped ones cannot be changed by users.';
CREATE TRIGGER fee_band_check BEFORE INSERT OR UPDATE OR DELETE ON dunning.fee_band
  FOR EACH ROW EXECUTE FUNCTION dunning.fee_schedule_check();
COMMENT ON TRIGGER fee_band_check ON dunning.fee_band IS
  'Checks each band; those of shipped schedules cannot be changed by users.';

-- src/fee_schedule.c
CREATE FUNCTION dunning.fee_for(schedule text, debt numeric) RETURNS numeric
AS 'MODULE_PATHNAME', 'dunning_fee_for'
LANGUAGE C STRICT STABLE;
COMMENT ON FUNCTION dunning.fee_for(text, numeric) IS
  'The amount a fee schedule gives for a debt, kept between its minimum and maximum and rounded to its currency''s minor units: what a pass charges.';
